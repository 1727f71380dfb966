"""Import a catalogue spreadsheet (XLSX, ZIP of CSVs, or a folder of CSVs) into a mall."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from mpp.catalog.spreadsheet import import_path
from mpp.core.models import Mall


class Command(BaseCommand):
    help = (
        "Import agencies and services from a catalogue spreadsheet (see "
        "docs/catalog-template.md). All or nothing: when any row has a problem, every problem "
        "is listed and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="An .xlsx file, a .zip of CSV files, or a folder of CSVs.")
        parser.add_argument("--mall", required=True, help="Slug of the mall, e.g. ngawi.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, without writing anything.",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the messages (default: the site's language).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(_("%(path)s does not exist.") % {"path": path})
        mall = Mall.objects.filter(slug=options["mall"]).first()
        if mall is None:
            known = ", ".join(Mall.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                _("There is no mall “%(slug)s”. Known malls: %(known)s.")
                % {"slug": options["mall"], "known": known or "-"}
            )
        result = import_path(mall=mall, path=path, dry_run=options["dry_run"])
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(str(warning)))
        if result.issues:
            for issue in result.issues:
                self.stderr.write(str(issue))
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written."))
