from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wrench.accounts.models import User
from wrench.accounts.roles import Role, ensure_roles
from wrench.assets.models import Site


class Command(BaseCommand):
    help = "Create a user with a role at a site (e.g. wrench createuser ana --role planner)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--site", help="Site code (default: the only site there is)")
        parser.add_argument("--password", help="Default: none set; the user cannot log in yet")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, username: str, role: str, **options: Any) -> None:
        if User.objects.filter(username=username).exists():
            raise CommandError(f"user {username!r} already exists")
        code = options.get("site")
        if code:
            site = Site.objects.filter(code=code).first()
            if site is None:
                known = ", ".join(Site.objects.values_list("code", flat=True)) or "none"
                raise CommandError(f"no site {code!r}; known sites: {known}")
        else:
            sites = list(Site.objects.all()[:2])
            if len(sites) != 1:
                raise CommandError("give --site CODE (there are several sites, or none)")
            site = sites[0]
        password = options.get("password")
        if password is not None:
            try:  # Django's validators, as the password pages apply them
                validate_password(password, User(username=username, email=options["email"]))
            except ValidationError as exc:
                raise CommandError("--password refused: " + " ".join(exc.messages)) from exc
        ensure_roles()
        with transaction.atomic():
            person = User.objects.create_user(
                username=username, email=options["email"], password=password
            )
            person.groups.add(Group.objects.get(name=role))
            person.sites.add(site)
        self.stdout.write(f"created {username} ({role}) at site {site.code}")
