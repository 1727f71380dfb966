"""Importing a catalogue spreadsheet: validate every row, then write everything or nothing.

Rules:
- The file is checked completely before anything is written; every problem is reported with
  its sheet, row and column. One problem means nothing is written.
- Agencies and services are matched by their slug within the mall: a known slug updates, an
  unknown one creates. Nothing is deleted; services of the mall that are not in the file are
  left as they are (hide one with `aktif = tidak`).
- An optional column left out of the file keeps the stored value of existing rows (new rows
  get the default). A column present but blank means the default (empty, none, or the field's
  default).
- The requirements and steps of a service in the file are replaced by the rows of the sheets
  "persyaratan" and "langkah" as a whole (the standard is one document).
- Rows that would change nothing are not written at all, so importing an export is a no-op.
- Writes go through `mpp.catalog.domain` (`upsert_agency`, `upsert_service`) in one
  transaction; the search index of changed services is refreshed there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mpp.catalog.domain import (
    RequirementData,
    ServiceData,
    StepData,
    service_data_from,
    upsert_agency,
    upsert_service,
)
from mpp.catalog.models import Agency, ProcedureStep, Requirement, Service
from mpp.catalog.search.indexing import reindex_services
from mpp.catalog.spreadsheet.columns import (
    AGENCY_SHEET,
    INSTRUCTIONS_SHEET,
    REQUIREMENT_SHEET,
    SERVICE_SHEET,
    SHEETS,
    STEP_SHEET,
    normalise_header,
    sheet_for_name,
)
from mpp.catalog.spreadsheet.files import Table
from mpp.catalog.spreadsheet.results import (
    CREATE,
    UNCHANGED,
    UPDATE,
    Change,
    ImportResult,
    ImportScope,
    Issue,
)
from mpp.catalog.spreadsheet.rows import (
    REFERENCES,
    Mapped,
    blank_value,
    column_for_target,
    map_headers,
    normalised,
    parse_row,
    validation_issues,
)
from mpp.catalog.spreadsheet.rules import standard_problems
from mpp.catalog.spreadsheet.values import blank_in
from mpp.core.models import Booth, Mall


class _RollbackError(Exception):
    """Raised inside the write transaction to undo it; the problem is already recorded."""


def _service_defaults() -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for data_field in fields(ServiceData):
        if data_field.name in {"slug", "requirements", "steps"}:
            continue
        if data_field.default is not MISSING:
            defaults[data_field.name] = data_field.default
    return defaults


AGENCY_FIELDS = tuple(
    c.target for c in AGENCY_SHEET.columns if c.target != "slug"
)  # name … booth, position, is_active


@dataclass
class _AgencyRow:
    number: int
    slug: str
    fields: dict[str, Any]
    existing: Agency | None
    ok: bool


@dataclass
class _ServiceRow:
    number: int
    slug: str
    agency_slug: str
    scalars: dict[str, Any]
    existing: Service | None
    ok: bool
    requirements: list[tuple[int, int, RequirementData]] = field(default_factory=list)
    steps: list[tuple[int, int, StepData]] = field(default_factory=list)
    data: ServiceData | None = None


class _Planner:
    """Validates the tables against the mall's catalogue and works out what would change."""

    def __init__(self, mall: Mall, scope: ImportScope, result: ImportResult) -> None:
        self.mall = mall
        self.scope = scope
        self.result = result
        self.issues = result.issues
        self.agency_rows: dict[str, _AgencyRow] = {}
        #: Sheets present but with unusable headers: references into them are not checked,
        #: which would only repeat the header problem row by row.
        self.unreadable: set[str] = set()
        self.service_rows: dict[str, _ServiceRow] = {}
        self.agencies = {
            a.slug: a for a in Agency.objects.filter(mall=mall).select_related("booth")
        }
        self.booths = {b.code: b for b in Booth.objects.filter(mall=mall)}
        self.services = {
            s.slug: s
            for s in Service.objects.filter(mall=mall)
            .select_related("agency")
            .prefetch_related("requirements", "steps")
        }

    def _issue(self, mapped: Mapped, number: int, key: str, message: str) -> None:
        self.issues.append(
            Issue(message, sheet=mapped.table.name, row=number, column=mapped.label(key))
        )

    # Sheets -----------------------------------------------------------------------------------

    def map_tables(self, tables: Iterable[Table]) -> dict[str, Mapped]:
        found: dict[str, Table] = {}
        for table in tables:
            sheet = sheet_for_name(table.name)
            if sheet is None:
                if normalise_header(table.name) != INSTRUCTIONS_SHEET:
                    self.result.ignored_sheets.append(table.name)
                    self.result.warnings.append(
                        Issue(
                            _("This sheet is not part of the template and was ignored."),
                            sheet=table.name,
                        )
                    )
                continue
            if sheet.key in found:
                self.issues.append(
                    Issue(
                        _("Two sheets are “%(sheet)s”: “%(first)s” and “%(second)s”; keep one.")
                        % {"sheet": sheet.key, "first": found[sheet.key].name, "second": table.name}
                    )
                )
                continue
            found[sheet.key] = table
        for sheet in SHEETS:
            if sheet.required and sheet.key not in found:
                self.issues.append(
                    Issue(
                        _(
                            "The sheet “%(sheet)s” is missing. A catalogue file has the sheets "
                            "“layanan”, “persyaratan” and “langkah” (and optionally "
                            "“instansi”); download the template to start."
                        )
                        % {"sheet": sheet.key}
                    )
                )
        mapped: dict[str, Mapped] = {}
        for key, table in found.items():
            sheet = next(s for s in SHEETS if s.key == key)
            result = map_headers(sheet, table, self.issues)
            if result is None:
                self.unreadable.add(key)
            else:
                mapped[key] = result
        return mapped

    # Agencies ---------------------------------------------------------------------------------

    def plan_agencies(self, mapped: Mapped) -> None:
        for number, cells in mapped.table.rows:
            values, ok = parse_row(mapped, number, cells, self.issues)
            slug = values.get("slug")
            if not slug:
                continue
            if slug in self.agency_rows:
                self.issues.append(
                    Issue(
                        _("The agency “%(slug)s” is already on row %(row)s.")
                        % {"slug": slug, "row": self.agency_rows[slug].number},
                        sheet=mapped.table.name,
                        row=number,
                        column=mapped.label("slug"),
                    )
                )
                continue
            existing = self.agencies.get(slug)
            current = {name: getattr(existing, name) for name in AGENCY_FIELDS} if existing else {}
            row_fields = dict(current)
            for name in AGENCY_FIELDS:
                if name in values:
                    row_fields[name] = values[name]
                elif existing is None:
                    row_fields[name] = blank_value(Agency, AGENCY_SHEET.column(_key(name)))
            booth_code = values.get("booth")
            if "booth" in values:
                row_fields["booth"] = None
                if booth_code:
                    booth = self.booths.get(booth_code)
                    if booth is None:
                        self.issues.append(
                            Issue(
                                _("The mall has no booth “%(code)s”; add it first or fix the code.")
                                % {"code": booth_code},
                                sheet=mapped.table.name,
                                row=number,
                                column=mapped.label("booth"),
                            )
                        )
                        ok = False
                    row_fields["booth"] = booth
            if ok:
                candidate = Agency(
                    mall=self.mall,
                    slug=slug,
                    **{k: v for k, v in row_fields.items() if k != "booth"},
                )
                try:
                    candidate.full_clean(
                        exclude=["mall", "booth"], validate_unique=False, validate_constraints=False
                    )
                except ValidationError as error:
                    validation_issues(mapped, number, error, self.issues)
                    ok = False
            row = _AgencyRow(number=number, slug=slug, fields=row_fields, existing=existing, ok=ok)
            self.agency_rows[slug] = row
            if ok:
                self._agency_change(mapped, row, current)

    def _agency_change(self, mapped: Mapped, row: _AgencyRow, current: dict[str, Any]) -> None:
        if row.existing is None:
            action = CREATE
        elif all(normalised(row.fields[n]) == normalised(current[n]) for n in AGENCY_FIELDS):
            action = UNCHANGED
        else:
            action = UPDATE
        if action == CREATE and not self.scope.may_create_agencies:
            self._issue(mapped, row.number, "slug", _("Only the mall manager can add agencies."))
        elif action == UPDATE:
            allowed = self.scope.agency_records
            if allowed is not None and row.slug not in allowed:
                self._issue(
                    mapped,
                    row.number,
                    "slug",
                    _("You may not change the agency “%(slug)s”.") % {"slug": row.slug},
                )
            for name in self.scope.restricted_agency_fields:
                if name in current and normalised(row.fields[name]) != normalised(current[name]):
                    self._issue(
                        mapped,
                        row.number,
                        _key(name),
                        _("Only the mall manager can change this column."),
                    )
        self.result.agencies.append(
            Change(
                slug=row.slug,
                name=row.fields.get("name") or row.slug,
                action=action,
                row=row.number,
            )
        )

    # Services ---------------------------------------------------------------------------------

    def plan_services(self, mapped: Mapped) -> None:
        defaults = _service_defaults()
        for number, cells in mapped.table.rows:
            values, ok = parse_row(mapped, number, cells, self.issues)
            slug = values.get("slug")
            if not slug:
                continue
            if slug in self.service_rows:
                self.issues.append(
                    Issue(
                        _("The service “%(slug)s” is already on row %(row)s.")
                        % {"slug": slug, "row": self.service_rows[slug].number},
                        sheet=mapped.table.name,
                        row=number,
                        column=mapped.label("slug"),
                    )
                )
                continue
            agency_slug = values.get("agency") or ""
            if (
                agency_slug
                and agency_slug not in self.agency_rows
                and agency_slug not in self.agencies
                and AGENCY_SHEET.key not in self.unreadable
            ):
                self.issues.append(
                    Issue(
                        _(
                            "The mall has no agency “%(slug)s”. Check the code, or add the "
                            "agency in the sheet “instansi”."
                        )
                        % {"slug": agency_slug},
                        sheet=mapped.table.name,
                        row=number,
                        column=mapped.label("instansi"),
                    )
                )
                ok = False
            existing = self.services.get(slug)
            if existing is not None:
                scalars = service_data_from(existing).scalar_fields()
            else:
                scalars = dict(defaults)
            for name, value in values.items():
                if name not in REFERENCES:
                    scalars[name] = value
            for name, message in standard_problems(
                fee_kind=scalars.get("fee_kind"),
                fee_amount=scalars.get("fee_amount"),
                fee_max=scalars.get("fee_max"),
                turnaround_value=scalars.get("turnaround_value"),
                turnaround_max=scalars.get("turnaround_max"),
            ):
                column = column_for_target(SERVICE_SHEET, name)
                self.issues.append(
                    Issue(
                        message,
                        sheet=mapped.table.name,
                        row=number,
                        column=mapped.label(column.key) if column else "",
                    )
                )
                ok = False
            if ok:
                try:
                    Service(mall=self.mall, slug=slug, **scalars).full_clean(
                        exclude=["mall", "agency"],
                        validate_unique=False,
                        validate_constraints=False,
                    )
                except ValidationError as error:
                    validation_issues(mapped, number, error, self.issues)
                    ok = False
            self.service_rows[slug] = _ServiceRow(
                number=number,
                slug=slug,
                agency_slug=agency_slug,
                scalars=scalars,
                existing=existing,
                ok=ok,
            )

    # Requirements and steps -------------------------------------------------------------------

    def plan_lines(self, mapped: Mapped) -> None:
        """Rows of "persyaratan" or "langkah", attached to their services."""
        is_requirement = mapped.sheet is REQUIREMENT_SHEET
        model = Requirement if is_requirement else ProcedureStep
        used: dict[tuple[str, int], int] = {}
        for number, cells in mapped.table.rows:
            values, ok = parse_row(mapped, number, cells, self.issues)
            service_slug = values.get("service")
            row = self.service_rows.get(service_slug) if service_slug else None
            if service_slug and row is None:
                self._issue(
                    mapped,
                    number,
                    "layanan",
                    _(
                        "The service “%(slug)s” is not in the sheet “layanan”. Every service "
                        "whose lines are here needs its row there."
                    )
                    % {"slug": service_slug},
                )
                ok = False
            position, position_ok = self._line_position(mapped, number, cells, values, used)
            ok = ok and position_ok
            values.pop("position", None)
            values.pop("service", None)
            if ok:
                try:
                    model(position=1, **values).full_clean(
                        exclude=["service", "position"],
                        validate_unique=False,
                        validate_constraints=False,
                    )
                except ValidationError as error:
                    validation_issues(mapped, number, error, self.issues)
                    ok = False
            if row is None:
                continue
            if not ok:
                row.ok = False
                continue
            if is_requirement:
                row.requirements.append((position, number, RequirementData(**values)))
            else:
                row.steps.append((position, number, StepData(**values)))

    def _line_position(
        self,
        mapped: Mapped,
        number: int,
        cells: list[Any],
        values: dict[str, Any],
        used: dict[tuple[str, int], int],
    ) -> tuple[int, bool]:
        """Where a line goes in its service's list: its "urutan", or its row number."""
        if not mapped.has("urutan"):
            return number, True
        if blank_in(mapped.sheet.column("urutan"), mapped.cell(cells, "urutan")):
            message = _(
                "Write the position (1, 2, 3 …), or delete the column to use the order of the rows."
            )
            self._issue(mapped, number, "urutan", message)
            return number, False
        if "position" not in values:
            return number, False  # the cell could not be read; already reported
        position = int(values["position"])
        service_slug = values.get("service")
        if service_slug is None:
            return position, True
        earlier = used.get((service_slug, position))
        if earlier is not None:
            self._issue(
                mapped,
                number,
                "urutan",
                _("Position %(position)s of “%(slug)s” is already on row %(row)s.")
                % {"position": position, "slug": service_slug, "row": earlier},
            )
            return position, False
        used[(service_slug, position)] = number
        return position, True

    # Decisions --------------------------------------------------------------------------------

    def decide_services(self, mapped: Mapped | None) -> None:
        sheet_name = mapped.table.name if mapped else SERVICE_SHEET.key
        for row in self.service_rows.values():
            if not row.ok:
                continue
            row.data = ServiceData(
                slug=row.slug,
                requirements=[data for _p, _n, data in sorted(row.requirements, key=_order)],
                steps=[data for _p, _n, data in sorted(row.steps, key=_order)],
                **row.scalars,
            )
            existing = row.existing
            if existing is None:
                action = CREATE
            elif existing.agency.slug == row.agency_slug and normalised(
                service_data_from(existing)
            ) == normalised(row.data):
                action = UNCHANGED
            else:
                action = UPDATE
            if action != UNCHANGED:
                self._check_service_scope(sheet_name, mapped, row)
            self.result.services.append(
                Change(slug=row.slug, name=row.data.name, action=action, row=row.number)
            )
            if action != UNCHANGED and not row.data.steps:
                self.result.warnings.append(
                    Issue(
                        _("The service “%(slug)s” has no procedure steps.") % {"slug": row.slug},
                        sheet=sheet_name,
                        row=row.number,
                    )
                )
            if action != UNCHANGED and not row.data.requirements:
                self.result.warnings.append(
                    Issue(
                        _("The service “%(slug)s” has no requirements.") % {"slug": row.slug},
                        sheet=sheet_name,
                        row=row.number,
                    )
                )
        in_file = set(self.service_rows)
        self.result.untouched_services = sorted(s for s in self.services if s not in in_file)

    def _check_service_scope(
        self, sheet_name: str, mapped: Mapped | None, row: _ServiceRow
    ) -> None:
        allowed = self.scope.service_agencies
        if allowed is None:
            return
        column = mapped.label("instansi") if mapped else ""
        if row.agency_slug not in allowed:
            self.issues.append(
                Issue(
                    _("You may not change the services of the agency “%(slug)s”.")
                    % {"slug": row.agency_slug},
                    sheet=sheet_name,
                    row=row.number,
                    column=column,
                )
            )
        elif row.existing is not None and row.existing.agency.slug not in allowed:
            self.issues.append(
                Issue(
                    _("The service “%(slug)s” belongs to “%(agency)s”, which you may not change.")
                    % {"slug": row.slug, "agency": row.existing.agency.slug},
                    sheet=sheet_name,
                    row=row.number,
                    column=column,
                )
            )

    # Writing ----------------------------------------------------------------------------------

    def apply(self) -> None:
        agencies = dict(self.agencies)
        changed_agency_ids: set[int] = set()
        actions = {c.slug: c.action for c in self.result.agencies}
        for slug, row in self.agency_rows.items():
            if actions.get(slug) in {CREATE, UPDATE}:
                agencies[slug] = upsert_agency(mall=self.mall, slug=slug, **row.fields)
                if actions[slug] == UPDATE:
                    changed_agency_ids.add(agencies[slug].pk)
        reindexed: set[int] = set()
        actions = {c.slug: c.action for c in self.result.services}
        for slug, service_row in self.service_rows.items():
            if actions.get(slug) in {CREATE, UPDATE} and service_row.data is not None:
                try:
                    service, _changed = upsert_service(
                        mall=self.mall,
                        agency=agencies[service_row.agency_slug],
                        data=service_row.data,
                    )
                except ValidationError as error:
                    self.issues.append(
                        Issue(
                            "; ".join(error.messages),
                            sheet=SERVICE_SHEET.key,
                            row=service_row.number,
                        )
                    )
                    raise _RollbackError from error
                reindexed.add(service.pk)
        if changed_agency_ids:
            # The index holds the agency's names; services not rewritten above need refreshing.
            others = Service.objects.filter(agency_id__in=changed_agency_ids).exclude(
                pk__in=reindexed
            )
            reindex_services(list(others.values_list("pk", flat=True)))


def _key(target: str) -> str:
    column = column_for_target(AGENCY_SHEET, target)
    return column.key if column else target


def _order(item: tuple[int, int, Any]) -> tuple[int, int]:
    return item[0], item[1]


def import_catalog(
    *,
    mall: Mall,
    tables: list[Table],
    scope: ImportScope | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Validate `tables` against `mall`'s catalogue and, unless `dry_run` or a problem was
    found, write them in one transaction.

    Returns what was (or would be) created, changed and left unchanged, and every problem.
    Nothing is written when `result.issues` is not empty. Side effects: agencies and services
    are written through `upsert_agency`/`upsert_service`; the search index of changed services
    (and of the services of changed agencies) is refreshed in the same transaction.
    """
    result = ImportResult(dry_run=dry_run)
    # A dry run only reads: it takes no write transaction (on SQLite that would hold the
    # database's write lock while the file is checked).
    writing = contextlib.nullcontext() if dry_run else transaction.atomic()
    try:
        with writing:
            if not dry_run:
                # Serialise imports into one mall (PostgreSQL; SQLite already holds its lock).
                list(Mall.objects.select_for_update().filter(pk=mall.pk).values_list("pk"))
            planner = _Planner(mall, scope or ImportScope(), result)
            mapped = planner.map_tables(tables)
            if AGENCY_SHEET.key in mapped:
                planner.plan_agencies(mapped[AGENCY_SHEET.key])
            if SERVICE_SHEET.key in mapped:
                planner.plan_services(mapped[SERVICE_SHEET.key])
            for sheet in (REQUIREMENT_SHEET, STEP_SHEET):
                # Lines hang off the services: without a readable "layanan" there is nothing
                # to check them against.
                if sheet.key in mapped and SERVICE_SHEET.key in mapped:
                    planner.plan_lines(mapped[sheet.key])
            planner.decide_services(mapped.get(SERVICE_SHEET.key))
            if result.issues or dry_run:
                return result
            planner.apply()
            result.applied = True
    except _RollbackError:
        result.applied = False
    except IntegrityError:
        result.applied = False
        result.issues.append(
            Issue(_("The catalogue changed while importing; nothing was imported. Try again."))
        )
    return result
