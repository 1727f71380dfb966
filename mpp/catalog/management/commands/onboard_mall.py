"""Onboard a mall: its description, floor plan and catalogue spreadsheet in one step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mpp.catalog.onboarding import OnboardingError, onboard_mall


class Command(BaseCommand):
    help = (
        "Create or update a mall from DIR/mall.json, DIR/booths.csv (optional) and its "
        "catalogue spreadsheet (DIR/katalog or --catalog FILE). All or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="Folder with mall.json (see mpp/demo/data/ngawi).")
        parser.add_argument("--catalog", help="An .xlsx, a .zip of CSVs or a folder of CSVs.")
        parser.add_argument("--demo", action="store_true", help="Mark the mall as demo data.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = onboard_mall(
                data_dir=Path(options["directory"]),
                catalog=Path(options["catalog"]) if options["catalog"] else None,
                demo=True if options["demo"] else None,
                dry_run=options["dry_run"],
            )
        except OnboardingError as error:
            raise CommandError(str(error)) from error
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        assert result.mall is not None
        verb = "created" if result.created else "updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"Mall {result.mall.slug} {verb} (dibuat/diperbarui): {result.booths} booths; "
                f"{result.catalog_summary}"
            )
        )
        if result.dry_run:
            self.stdout.write("Dry run: nothing was written. (Uji coba: tidak ada yang disimpan.)")
