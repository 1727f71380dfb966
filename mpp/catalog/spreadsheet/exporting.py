"""Exporting a mall's catalogue in the import format, and the blank template.

An export imports back without changing anything: every column the import reads is written,
choice values use the template's words, and texts a spreadsheet would run as formulas are
escaped with a leading apostrophe (which the import removes).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from mpp.catalog.domain import service_data_from
from mpp.catalog.models import Agency, ProcedureStep, Requirement, Service
from mpp.catalog.spreadsheet.columns import (
    AGENCY_SHEET,
    BOOLEAN,
    CHOICE,
    HOURS,
    INSTRUCTIONS_SHEET,
    REQUIREMENT_SHEET,
    SERVICE_SHEET,
    SHEETS,
    STEP_SHEET,
    Column,
    Sheet,
    allowed_values,
)
from mpp.catalog.spreadsheet.files import CSV, XLSX, OutTable, write_csv_zip, write_xlsx
from mpp.catalog.spreadsheet.hours import format_hours_text
from mpp.core.models import Mall

_WIDE = 40
_NARROW = 14


def _cell(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == BOOLEAN:
        return "ya" if value else "tidak"
    if column.kind == CHOICE and column.vocabulary is not None:
        return column.vocabulary.word(value)
    if column.kind == HOURS:
        return format_hours_text(value) or None
    return value


def _out_table(sheet: Sheet) -> OutTable:
    headers = [c.key for c in sheet.columns]
    dropdowns: dict[int, list[str]] = {}
    widths: dict[int, int] = {}
    for index, column in enumerate(sheet.columns):
        if column.vocabulary is not None:
            dropdowns[index] = column.vocabulary.canonical_words
        elif column.kind == BOOLEAN:
            dropdowns[index] = ["ya", "tidak"]
        widths[index] = _NARROW if column.kind != "text" else _WIDE
    return OutTable(name=sheet.key, headers=headers, dropdowns=dropdowns, widths=widths)


def export_tables(*, mall: Mall, agencies: QuerySet[Agency] | None = None) -> list[OutTable]:
    """The catalogue of `mall` (limited to `agencies` when given) as the four sheets."""
    agency_qs = (
        Agency.objects.filter(mall=mall).select_related("booth").order_by("position", "name", "pk")
    )
    service_qs = (
        Service.objects.filter(mall=mall)
        .select_related("agency")
        .prefetch_related(
            Prefetch("requirements", queryset=Requirement.objects.order_by("position", "pk")),
            Prefetch("steps", queryset=ProcedureStep.objects.order_by("position", "pk")),
        )
        .order_by("agency__position", "agency__name", "position", "name", "pk")
    )
    if agencies is not None:
        agency_qs = agency_qs.filter(pk__in=agencies.values("pk"))
        service_qs = service_qs.filter(agency__in=agencies.values("pk"))

    agency_table = _out_table(AGENCY_SHEET)
    for agency in agency_qs:
        values: dict[str, Any] = {c.target: getattr(agency, c.target) for c in AGENCY_SHEET.columns}
        values["booth"] = agency.booth.code if agency.booth else None
        agency_table.rows.append([_cell(c, values[c.target]) for c in AGENCY_SHEET.columns])

    service_table = _out_table(SERVICE_SHEET)
    requirement_table = _out_table(REQUIREMENT_SHEET)
    step_table = _out_table(STEP_SHEET)
    for service in service_qs:
        data = service_data_from(service)
        values = dict(data.scalar_fields(), slug=service.slug, agency=service.agency.slug)
        service_table.rows.append([_cell(c, values[c.target]) for c in SERVICE_SHEET.columns])
        for position, requirement in enumerate(data.requirements, start=1):
            line = dict(requirement.__dict__, service=service.slug, position=position)
            requirement_table.rows.append(
                [_cell(c, line[c.target]) for c in REQUIREMENT_SHEET.columns]
            )
        for position, step in enumerate(data.steps, start=1):
            line = dict(step.__dict__, service=service.slug, position=position)
            step_table.rows.append([_cell(c, line[c.target]) for c in STEP_SHEET.columns])
    return [agency_table, service_table, requirement_table, step_table]


def instructions_table() -> OutTable:
    """The sheet "petunjuk": how to fill the template, column by column (active language)."""
    table = OutTable(
        name=INSTRUCTIONS_SHEET,
        headers=[
            _("Sheet"),
            _("Column"),
            _("Required"),
            _("Allowed values"),
            _("Description"),
            _("Example"),
        ],
        widths={0: 14, 1: 24, 2: 10, 3: 36, 4: 70, 5: 30},
        wrap=True,
    )
    for note in (
        _(
            "One row per service in “layanan”; its requirements in “persyaratan” and its "
            "procedure steps in “langkah”, linked by the service code (slug)."
        ),
        _(
            "Nothing is imported if any row has a problem: the import lists every problem "
            "with its sheet, row and column."
        ),
        _(
            "Texts that start with = + - or @ are exported with a leading apostrophe so that "
            "spreadsheets do not run them as formulas; the import removes it."
        ),
        _("Dates: 2024-01-31 or 31/01/2024 (day first). Amounts: whole rupiah, e.g. 30000."),
    ):
        table.rows.append(["", "", "", "", note, ""])
    for sheet in SHEETS:
        table.rows.append(
            [sheet.key, "", "ya" if sheet.required else "tidak", "", str(sheet.description), ""]
        )
        for column in sheet.columns:
            table.rows.append(
                [
                    sheet.key,
                    column.key,
                    "ya" if column.required else "tidak",
                    allowed_values(column),
                    str(column.description),
                    column.example,
                ]
            )
    return table


def export_catalog(
    *, mall: Mall, file_format: str = XLSX, agencies: QuerySet[Agency] | None = None
) -> bytes:
    """The catalogue as an XLSX workbook (with the instruction sheet) or a ZIP of CSVs."""
    tables = export_tables(mall=mall, agencies=agencies)
    if file_format == CSV:
        return write_csv_zip(tables)
    if file_format != XLSX:
        raise ValueError(f"unknown format {file_format!r}")
    return write_xlsx([*tables, instructions_table()])


def blank_template(*, file_format: str = XLSX) -> bytes:
    """The empty template: the four sheets with their headers (and instructions in XLSX)."""
    tables = [_out_table(sheet) for sheet in SHEETS]
    if file_format == CSV:
        return write_csv_zip(tables)
    if file_format != XLSX:
        raise ValueError(f"unknown format {file_format!r}")
    return write_xlsx([*tables, instructions_table()])
