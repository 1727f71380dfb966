"""Reading the sheets of an import: matching headers to columns and parsing rows into values."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from mpp.catalog.models import Agency, ProcedureStep, Requirement, Service
from mpp.catalog.spreadsheet.columns import (
    AGENCY_SHEET,
    REQUIREMENT_SHEET,
    SERVICE_SHEET,
    STEP_SHEET,
    Column,
    Sheet,
    normalise_header,
)
from mpp.catalog.spreadsheet.files import Table
from mpp.catalog.spreadsheet.results import Issue
from mpp.catalog.spreadsheet.values import CellError, blank_in, clean_text, parse_cell

MODELS: dict[str, type[models.Model]] = {
    AGENCY_SHEET.key: Agency,
    SERVICE_SHEET.key: Service,
    REQUIREMENT_SHEET.key: Requirement,
    STEP_SHEET.key: ProcedureStep,
}
# Targets that are references, resolved by the planner rather than stored as they are.
REFERENCES = {"agency", "service", "booth", "slug"}


# --- Headers ---------------------------------------------------------------------------------


@dataclass
class Mapped:
    """A table matched to its sheet: which cell holds which column."""

    sheet: Sheet
    table: Table
    index: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def has(self, key: str) -> bool:
        return key in self.index

    def label(self, key: str) -> str:
        """How to name a column in a message: as written in the file, with its letter."""
        if key in self.labels:
            return self.labels[key]
        return f"“{key}”"

    def cell(self, cells: list[Any], key: str) -> Any:
        return cells[self.index[key]] if key in self.index else None


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def map_headers(sheet: Sheet, table: Table, issues: list[Issue]) -> Mapped | None:
    mapped = Mapped(sheet=sheet, table=table)
    lookup = sheet.header_lookup()
    before = len(issues)
    if not table.headers:
        issues.append(
            Issue(
                _("The first row must hold the column names; download the template to start."),
                sheet=table.name,
                row=1,
            )
        )
        return None
    for index, raw in enumerate(table.headers):
        letter = column_letter(index)
        text = "" if raw is None else str(raw).strip()
        if not text:
            filled = next((n for n, cells in table.rows if cells[index] not in (None, "")), None)
            if filled is not None:
                issues.append(
                    Issue(
                        _("This column has values but no name in row 1."),
                        sheet=table.name,
                        row=filled,
                        column=f"({letter})",
                    )
                )
            continue
        label = f"“{text}” ({letter})"
        column = lookup.get(normalise_header(text))
        if column is None:
            issues.append(
                Issue(unknown_column_message(sheet, text), sheet=table.name, row=1, column=label)
            )
            continue
        if column.key in mapped.index:
            issues.append(
                Issue(
                    _("The column appears twice (also as %(other)s).")
                    % {"other": mapped.labels[column.key]},
                    sheet=table.name,
                    row=1,
                    column=label,
                )
            )
            continue
        mapped.index[column.key] = index
        mapped.labels[column.key] = label
    for column in sheet.columns:
        if column.required and column.key not in mapped.index:
            issues.append(
                Issue(
                    _("The required column “%(column)s” is missing.") % {"column": column.key},
                    sheet=table.name,
                    row=1,
                )
            )
    for number, index in table.stray_cells[:20]:
        issues.append(
            Issue(
                _("There is a value in a column without a name; name the column or delete it."),
                sheet=table.name,
                row=number,
                column=f"({column_letter(index)})",
            )
        )
    return mapped if len(issues) == before else None


def unknown_column_message(sheet: Sheet, text: str) -> str:
    known = [c.key for c in sheet.columns]
    close = difflib.get_close_matches(normalise_header(text), known, n=1, cutoff=0.6)
    if close:
        return _("Unknown column. Did you mean “%(suggestion)s”?") % {"suggestion": close[0]}
    return _("Unknown column. The columns of this sheet are: %(columns)s.") % {
        "columns": ", ".join(known)
    }


# --- Rows ------------------------------------------------------------------------------------


def blank_value(model: type[models.Model], column: Column) -> Any:
    if column.target in REFERENCES:
        return None
    model_field = model._meta.get_field(column.target)
    assert isinstance(model_field, models.Field)
    if model_field.null:
        return None
    if model_field.has_default():
        return model_field.get_default()
    return ""


def parse_row(
    mapped: Mapped, number: int, cells: list[Any], issues: list[Issue]
) -> tuple[dict[str, Any], bool]:
    """The parsed values of one row by target field, and whether every cell was usable."""
    model = MODELS[mapped.sheet.key]
    values: dict[str, Any] = {}
    ok = True
    for key, index in mapped.index.items():
        column = mapped.sheet.column(key)
        raw = cells[index]
        if blank_in(column, raw):
            if column.required:
                issues.append(
                    Issue(
                        _("This cell must be filled in."),
                        sheet=mapped.table.name,
                        row=number,
                        column=mapped.label(key),
                    )
                )
                ok = False
            else:
                values[column.target] = blank_value(model, column)
            continue
        try:
            values[column.target] = parse_cell(column, raw)
        except CellError as error:
            issues.append(
                Issue(error.message, sheet=mapped.table.name, row=number, column=mapped.label(key))
            )
            ok = False
    return values, ok


def column_for_target(sheet: Sheet, target: str) -> Column | None:
    return next((c for c in sheet.columns if c.target == target), None)


def validation_issues(
    mapped: Mapped, number: int, error: ValidationError, issues: list[Issue]
) -> None:
    for name, messages in error.message_dict.items():
        column = column_for_target(mapped.sheet, name)
        label = mapped.label(column.key) if column is not None else ""
        for message in messages:
            issues.append(Issue(message, sheet=mapped.table.name, row=number, column=label))


def normalised(value: Any) -> Any:
    """A value as compared for "unchanged": texts cleaned, nested data as tuples."""
    if isinstance(value, str):
        return clean_text(value)
    if is_dataclass(value) and not isinstance(value, type):
        return tuple(normalised(getattr(value, f.name)) for f in fields(value))
    if isinstance(value, list | tuple):
        return tuple(normalised(item) for item in value)
    if isinstance(value, models.Model):
        return (value.__class__.__name__, value.pk)
    return value
