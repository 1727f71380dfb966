"""manage.py revoke_api_tokens USERNAME [--name NAME] — deactivate a user's API tokens (a
counter PC lost or stolen, an officer who left): refused at once by every app server, and
written to the audit trail. docs/operations.md §11, "A counter PC or tablet is lost"."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mpp.accounts.models import User
from mpp.accounts.tokens import revoke_api_tokens


class Command(BaseCommand):
    help = (
        "Deactivate the active API tokens of USERNAME (only those named NAME with --name). "
        "Every app server refuses them at once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--name", default=None, help="only the tokens with this name, e.g. 'loket 5 PC'"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username, name = options["username"], options["name"]
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        revoked = revoke_api_tokens(user=user, name=name, actor="system:revoke_api_tokens")
        named = f" named {name!r}" if name is not None else ""
        if not revoked:
            raise CommandError(f"{username!r} has no active API token{named}.")
        for token in revoked:
            self.stdout.write(f"revoked {token.hint}…  {token.name or '(no name)'}")
        self.stdout.write(f"{len(revoked)} API token(s) of {username!r}{named} revoked.")
