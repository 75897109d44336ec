from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class AccountsConfig(AppConfig):
    name = "wrench.accounts"
    label = "accounts"
    verbose_name = "People and roles"

    def ready(self) -> None:
        from wrench.accounts.models import ApiToken, User
        from wrench.accounts.roles import ensure_roles_after_migrate
        from wrench.accounts.tokens import forget_tokens
        from wrench.assets.models import Site

        # Every migrate restores each role's permissions: an admin may widen a role,
        # never narrow it below the product's lifecycle table.
        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="wrench.ensure_roles")
        # Remembered tokens carry their user and sites (a superuser's are all sites).
        for model in (ApiToken, User, Site):
            post_save.connect(forget_tokens, sender=model, dispatch_uid=f"forget.{model}")
            post_delete.connect(forget_tokens, sender=model, dispatch_uid=f"forget-d.{model}")
        m2m_changed.connect(forget_tokens, sender=User.sites.through, dispatch_uid="forget.m2m")
