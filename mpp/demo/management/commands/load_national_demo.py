"""Load the neighbouring demo malls (Madiun, Magetan) next to the Ngawi demo."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mpp.demo.national import load_national_demo


class Command(BaseCommand):
    help = "Load the demo malls of Madiun and Magetan (marked as demo). Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        for result in load_national_demo():
            assert result.mall is not None
            self.stdout.write(
                f"{result.mall.short_name}: {result.booths} booths; {result.catalog_summary}"
            )
