"""A mall with two months of generated activity (October–November 2026) and the same
November a year earlier, and its head set in the administration."""

from __future__ import annotations

from datetime import date

import pytest

from tests.activity import Activity, generate, make_catalogue


@pytest.fixture
def signed_mall(mall):
    mall.report_issuer = "Dinas Penanaman Modal dan PTSP Kabupaten Ngawi"
    mall.head_name = "Drs. Budi Santoso, M.Si."
    mall.head_position = "Kepala Dinas Penanaman Modal dan PTSP Kabupaten Ngawi"
    mall.head_nip = "197001011995031001"
    mall.save()
    return mall


@pytest.fixture
def activity(signed_mall) -> Activity:
    activity = make_catalogue(signed_mall)
    generate(activity, start=date(2026, 10, 1), end=date(2026, 11, 30), density=0.5)
    generate(activity, start=date(2025, 11, 1), end=date(2025, 11, 30), density=0.4, seed=2025)
    return activity
