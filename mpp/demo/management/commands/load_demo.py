"""`python manage.py load_demo`: load (or refresh) the MPP Kabupaten Ngawi demo.

Loads the catalogue (mall, booths, agencies, services) from the data files in
mpp/demo/data/ngawi/ through the spreadsheet importer, the national working-day calendar and the
demo data of the other capabilities and 60 days of seeded history (mpp/demo/history.py; skip it
with --no-history). Safe to run again: unchanged rows are left alone.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from mpp.applications.demo import load_applications_demo
from mpp.core.calendar import load_national_calendar
from mpp.core.models import Mall
from mpp.demo.catalog import MALL_SLUG, load_demo_catalog
from mpp.demo.history import load_demo_history
from mpp.demo.staff import load_mall_manager
from mpp.facilities.demo import load_facilities_demo
from mpp.feedback.demo import load_oversight_demo
from mpp.queueing.demo import load_queue_demo


class Command(BaseCommand):
    help = (
        "Load the demo of MPP Kabupaten Ngawi (catalogue, calendar, counters and demo staff). "
        "Safe to run again: unchanged rows are left alone."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Do not play the 60 days of demo history (tickets, surveys, complaints).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        load_demo_catalog(stdout=self.stdout)
        year = timezone.localdate().year
        added = load_national_calendar(list(range(year - 1, year + 2)))
        self.stdout.write(f"Calendar: {added} holiday/collective-leave day(s) added.")
        mall = Mall.objects.get(slug=MALL_SLUG)
        queue = load_queue_demo(mall)
        self.stdout.write(f"Queue: {queue}")
        applications = load_applications_demo(mall)
        self.stdout.write(
            f"Applications: {applications['questions']} question(s) written, "
            f"demo citizen {applications['citizen']}, "
            f"{applications['officers']} officer(s)"
        )
        facilities = load_facilities_demo(mall)
        self.stdout.write(f"Facilities: {facilities}")
        oversight = load_oversight_demo(mall)
        self.stdout.write(
            f"Oversight (pungli/whistleblowing desk): {oversight['unit']}, "
            f"officer {oversight['inspector']}, {oversight['reports']} demo report(s) filed"
        )
        manager = load_mall_manager(mall)
        self.stdout.write(f"Mall manager (outbox at /staf/kotak-keluar/): {manager}")
        if not options.get("no_history"):
            history = load_demo_history(mall)
            self.stdout.write(f"History (demo data, codes DM…): {history}")
