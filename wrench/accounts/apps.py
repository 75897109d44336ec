from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "wrench.accounts"
    label = "accounts"
    verbose_name = "People and roles"

    def ready(self) -> None:
        from wrench.accounts.roles import ensure_roles_after_migrate

        # Every migrate restores each role's permissions: an admin may widen a role,
        # never narrow it below the product's lifecycle table.
        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="wrench.ensure_roles")
