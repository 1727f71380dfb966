"""Compile every gettext catalogue (.po → .mo) with Babel, so that set-up needs no system
gettext tools. Equivalent to Django's `compilemessages` for our own locale folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the project's .po translation catalogues into .mo files (pure Python)."

    def handle(self, *args: Any, **options: Any) -> None:
        compiled = 0
        for base in settings.LOCALE_PATHS:
            for po_path in sorted(Path(base).glob("*/LC_MESSAGES/*.po")):
                # Always recompile: it takes a moment, and a stale .mo (same-second edits,
                # clock skew) would silently show English to Indonesian readers.
                mo_path = po_path.with_suffix(".mo")
                with po_path.open("rb") as po_file:
                    catalog = read_po(po_file, abort_invalid=True)
                # Fuzzy entries are not compiled (as with msgfmt), so they are not checked.
                errors = [
                    (message.id, err)
                    for message, err in catalog.check()
                    if err and not message.fuzzy
                ]
                if errors:
                    raise CommandError(f"{po_path}: {errors[:3]}")
                with mo_path.open("wb") as mo_file:
                    write_mo(mo_file, catalog, use_fuzzy=False)
                compiled += 1
        self.stdout.write(f"Compiled {compiled} translation catalogue(s).")
