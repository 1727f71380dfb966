"""Opening hours in a spreadsheet cell (mpp.catalog.spreadsheet.hours) and the instansi sheet."""

from __future__ import annotations

import pytest

from mpp.catalog.models import Agency
from mpp.catalog.spreadsheet.columns import REQUIREMENT_SHEET, SERVICE_SHEET, STEP_SHEET
from mpp.catalog.spreadsheet.files import Table
from mpp.catalog.spreadsheet.hours import HoursError, format_hours_text, parse_hours_text
from mpp.catalog.spreadsheet.importing import import_catalog

MON_THU_FRI = [
    {"days": [0, 1, 2, 3], "opens": "08:00", "closes": "15:00"},
    {"days": [4], "opens": "08:00", "closes": "11:00"},
    {"days": [4], "opens": "13:00", "closes": "14:00"},
]


@pytest.mark.parametrize(
    "text",
    [
        "Senin-Kamis 08.00-15.00; Jumat 08.00-11.00, 13.00-14.00",
        "senin s.d. kamis 08:00 – 15:00 WIB\nJum'at 8.00-11.00 dan 13.00-14.00",
        "Mon-Thu 08.00-15.00; Fri 08.00-11.00, 13.00-14.00",
        "Senin, Selasa, Rabu dan Kamis 08.00 sampai 15.00; Jumat 08.00-11.00, 13.00-14.00",
    ],
)
def test_parse_hours_text_reads_the_usual_spellings(text):
    assert parse_hours_text(text) == MON_THU_FRI


def test_format_hours_text_reads_back_unchanged():
    text = format_hours_text(MON_THU_FRI)

    assert text == "Senin-Kamis 08.00-15.00; Jumat 08.00-11.00; Jumat 13.00-14.00"
    assert parse_hours_text(text) == MON_THU_FRI


def test_format_hours_text_lists_days_that_are_not_a_range():
    assert format_hours_text([{"days": [0, 2, 4], "opens": "09:00", "closes": "12:00"}]) == (
        "Senin, Rabu, Jumat 09.00-12.00"
    )


def test_parse_hours_text_of_an_empty_cell_is_the_malls_hours():
    assert parse_hours_text("  ") == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Senin-Kamis", "tidak memuat jam"),
        ("Jumat-Senin 08.00-15.00", "dari Senin ke arah Minggu"),
        ("Selasar 08.00-15.00", "bukan nama hari"),
        ("Senin 25.00-26.00", "bukan jam"),
        ("Senin 15.00-08.00", "setelah"),
        ("Senin 08.00", "bukan rentang jam"),
    ],
)
def test_parse_hours_text_refuses_what_it_cannot_read_with_a_clear_message(text, fragment):
    with pytest.raises(HoursError) as raised:
        parse_hours_text(text)

    assert fragment in raised.value.message


def _tables(hours: str) -> list[Table]:
    return [
        Table(
            name="instansi",
            headers=["slug", "nama", "singkatan", "tingkat", "jam_layanan"],
            rows=[(2, ["kejari", "Kejaksaan Negeri", "Kejari", "pusat", hours])],
        ),
        *[
            Table(name=sheet.key, headers=[c.key for c in sheet.columns if c.required])
            for sheet in (SERVICE_SHEET, REQUIREMENT_SHEET, STEP_SHEET)
        ],
    ]


@pytest.mark.django_db
def test_import_stores_the_agencys_own_hours(mall):
    result = import_catalog(mall=mall, tables=_tables("Senin-Jumat 08.00-15.00"))

    assert result.issues == []
    assert Agency.objects.get(mall=mall, slug="kejari").opening_hours == [
        {"days": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "15:00"}
    ]


@pytest.mark.django_db
def test_import_with_unreadable_hours_names_the_cell_and_writes_nothing(mall):
    result = import_catalog(mall=mall, tables=_tables("Senin 8-15"))

    assert [(i.sheet, i.row) for i in result.issues] == [("instansi", 2)]
    assert "jam_layanan" in result.issues[0].column
    assert not Agency.objects.filter(mall=mall, slug="kejari").exists()
