"""Export a mall's catalogue in the import format, or write the blank template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from mpp.catalog.spreadsheet import CSV, FORMATS, XLSX, blank_template, export_catalog
from mpp.core.models import Mall


class Command(BaseCommand):
    help = (
        "Write a mall's catalogue as an .xlsx workbook or a .zip of CSV files, in the format "
        "that import_catalog reads (importing the export changes nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The file to write (.xlsx or .zip).")
        parser.add_argument("--mall", help="Slug of the mall, e.g. ngawi.")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="xlsx (default) or csv (a ZIP of CSV files); by default from the file name.",
        )
        parser.add_argument(
            "--blank", action="store_true", help="Write the empty template instead."
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the instruction sheet (default: the site's language).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            self._export(options)

    def _export(self, options: dict[str, Any]) -> None:
        path = Path(options["path"])
        file_format = options["format"] or (CSV if path.suffix.lower() == ".zip" else XLSX)
        if file_format == CSV and path.suffix.lower() == ".csv":
            raise CommandError(
                _("The CSV export is a ZIP file of CSV files; give a path ending in .zip.")
            )
        if options["blank"]:
            data = blank_template(file_format=file_format)
        else:
            if not options["mall"]:
                raise CommandError(_("Say which mall to export with --mall."))
            mall = Mall.objects.filter(slug=options["mall"]).first()
            if mall is None:
                raise CommandError(_("There is no mall “%(slug)s”.") % {"slug": options["mall"]})
            data = export_catalog(mall=mall, file_format=file_format)
        path.write_bytes(data)
        self.stdout.write(
            self.style.SUCCESS(
                _("Wrote %(path)s (%(size)s bytes).") % {"path": path, "size": len(data)}
            )
        )
