from typing import Any

from django.core.management.commands.check import Command as DjangoCheck


class Command(DjangoCheck):
    help = (
        "Tell an operator what is unsafe: Django's deployment checks plus Wrench's (DEBUG, "
        "secret key, allowed hosts, secure cookies, database reachable, migrations applied). "
        "Exits non-zero on any error."
    )

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-deploy", action="store_true", help="Only Django's development checks"
        )

    def handle(self, *app_labels: Any, **options: Any) -> None:
        options["deploy"] = not options.pop("no_deploy")
        options["databases"] = options.get("databases") or ["default"]
        super().handle(*app_labels, **options)
        self.stdout.write("wrench check: no errors")
