from typing import Any

from django.core.management.base import BaseCommand

from wrench.demo.load import load_demo


class Command(BaseCommand):
    help = "Load the demo plant (site MILL) with demo users, one per role. Safe to run twice."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = load_demo(say=self.stdout.write)
        self.stdout.write("\nDemo logins (username / password):")
        for username, password in logins:
            self.stdout.write(f"  {username:<11} / {password}")
