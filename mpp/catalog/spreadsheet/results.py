"""What an import reports: problems with their place in the file, and the planned changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Issue:
    """One problem: where it is (as much as is known) and what is wrong, already translated."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = {"sheet": self.sheet, "row": self.row, "column": self.column}
        if self.sheet and self.row is not None and self.column:
            prefix = _("Sheet “%(sheet)s”, row %(row)s, column %(column)s") % where
        elif self.sheet and self.row is not None:
            prefix = _("Sheet “%(sheet)s”, row %(row)s") % where
        elif self.sheet and self.column:
            prefix = _("Sheet “%(sheet)s”, column %(column)s") % where
        elif self.sheet:
            prefix = _("Sheet “%(sheet)s”") % where
        else:
            return self.message
        return f"{prefix}: {self.message}"


@dataclass(frozen=True)
class ImportScope:
    """What the importing person may change. The default allows everything (commands)."""

    #: Slugs of agencies whose services may be created, changed or moved; None: all.
    service_agencies: frozenset[str] | None = None
    #: Slugs of agencies whose own row may be changed; None: all.
    agency_records: frozenset[str] | None = None
    may_create_agencies: bool = True
    #: Agency fields that may not be changed even on permitted agencies.
    restricted_agency_fields: tuple[str, ...] = ()


@dataclass
class Change:
    """What importing one row does (or did)."""

    slug: str
    name: str
    action: str
    row: int


@dataclass
class ImportResult:
    issues: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    agencies: list[Change] = field(default_factory=list)
    services: list[Change] = field(default_factory=list)
    #: Slugs of the mall's services that are not in the file (left as they are).
    untouched_services: list[str] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)
    dry_run: bool = False
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.issues

    def count(self, kind: str, action: str) -> int:
        changes = self.agencies if kind == "agencies" else self.services
        return sum(1 for change in changes if change.action == action)

    @property
    def changes_anything(self) -> bool:
        return any(c.action != UNCHANGED for c in (*self.agencies, *self.services))

    def summary(self) -> str:
        """One translated sentence on what the import does (or did)."""
        if self.issues:
            return ngettext(
                "The file has %(count)d problem; nothing was imported.",
                "The file has %(count)d problems; nothing was imported.",
                len(self.issues),
            ) % {"count": len(self.issues)}
        numbers = {
            "agencies_created": self.count("agencies", CREATE),
            "agencies_updated": self.count("agencies", UPDATE),
            "services_created": self.count("services", CREATE),
            "services_updated": self.count("services", UPDATE),
            "services_unchanged": self.count("services", UNCHANGED),
            "untouched": len(self.untouched_services),
        }
        if self.applied:
            text = _(
                "Imported: %(agencies_created)d agencies added, %(agencies_updated)d changed; "
                "%(services_created)d services added, %(services_updated)d changed, "
                "%(services_unchanged)d unchanged; %(untouched)d services of the mall are not "
                "in the file and were left as they are."
            )
        else:
            text = _(
                "The file is valid. Importing it will add %(agencies_created)d agencies and "
                "change %(agencies_updated)d; add %(services_created)d services, change "
                "%(services_updated)d and leave %(services_unchanged)d unchanged; "
                "%(untouched)d services of the mall are not in the file and stay as they are."
            )
        return text % numbers
