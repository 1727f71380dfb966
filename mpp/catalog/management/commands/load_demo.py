"""`python manage.py load_demo`: load (or refresh) the MPP Kabupaten Ngawi demo catalogue."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from mpp.catalog.seed.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo catalogue of MPP Kabupaten Ngawi (mall, booths, agencies, services). "
        "Safe to run again: unchanged rows are left alone."
    )

    def handle(self, *args, **options) -> None:
        load_demo(stdout=self.stdout)
