from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wrench.accounts.models import User
from wrench.accounts.tokens import create_token
from wrench.core.errors import DomainError


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it once (only its hash is kept)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for")
        parser.add_argument("--expires-days", type=int, default=None, help="Default: never")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        try:
            made = create_token(
                actor=user, user=user, name=options["name"], expires_days=options["expires_days"]
            )
        except DomainError as exc:
            raise CommandError(
                "; ".join([exc.detail, *(f"{e.field}: {e.message}" for e in exc.errors)])
            ) from exc
        self.stdout.write(made.secret)
        self.stderr.write(
            f"token {made.token.prefix}… for {username}: shown once, keep it safe; "
            "send it as 'Authorization: Bearer <token>'"
        )
