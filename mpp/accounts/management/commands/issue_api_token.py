"""manage.py issue_api_token USERNAME [--name NAME] — print a new API token for a user (shown
once; only its digest is stored), and write the issue to the audit trail. Its counterpart:
revoke_api_tokens. docs/operations.md §11."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mpp.accounts.models import User
from mpp.accounts.tokens import issue_api_token


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it. Only its digest is stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for, e.g. 'loket 5 PC'")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {options['username']!r}.")
        self.stdout.write(
            issue_api_token(user=user, name=options["name"], actor="system:issue_api_token")
        )
