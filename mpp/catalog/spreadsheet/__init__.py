"""The catalogue as a spreadsheet: import (validated, all or nothing) and export.

The format is documented in docs/catalog-template.md and in the sheet "petunjuk" of every
generated workbook. Used by the `import_catalog`/`export_catalog` commands and the admin.
"""

from __future__ import annotations

from pathlib import Path

from mpp.catalog.spreadsheet.exporting import blank_template, export_catalog, export_tables
from mpp.catalog.spreadsheet.files import (
    CONTENT_TYPES,
    CSV,
    EXTENSIONS,
    FORMATS,
    XLSX,
    FileRejectedError,
    Table,
    max_bytes,
    read_directory,
    read_tables,
)
from mpp.catalog.spreadsheet.importing import import_catalog
from mpp.catalog.spreadsheet.results import (
    CREATE,
    UNCHANGED,
    UPDATE,
    Change,
    ImportResult,
    ImportScope,
    Issue,
)
from mpp.core.models import Mall

__all__ = [
    "CONTENT_TYPES",
    "CREATE",
    "CSV",
    "EXTENSIONS",
    "FORMATS",
    "UNCHANGED",
    "UPDATE",
    "XLSX",
    "Change",
    "FileRejectedError",
    "ImportResult",
    "ImportScope",
    "Issue",
    "Table",
    "blank_template",
    "export_catalog",
    "export_tables",
    "import_catalog",
    "import_file",
    "import_path",
    "read_directory",
    "read_tables",
]


def import_file(
    *,
    mall: Mall,
    data: bytes,
    filename: str = "",
    scope: ImportScope | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Read an uploaded file and import it; a file that cannot be read becomes one issue."""
    try:
        tables = read_tables(data, filename)
    except FileRejectedError as rejected:
        return ImportResult(
            issues=[Issue(rejected.message, sheet=rejected.sheet, row=rejected.row)],
            dry_run=dry_run,
        )
    return import_catalog(mall=mall, tables=tables, scope=scope, dry_run=dry_run)


def import_path(
    *, mall: Mall, path: Path, scope: ImportScope | None = None, dry_run: bool = False
) -> ImportResult:
    """Import a file, or a folder of CSV files (management command)."""
    if path.is_dir():
        try:
            tables = read_directory(path)
        except FileRejectedError as rejected:
            return ImportResult(
                issues=[Issue(rejected.message, sheet=rejected.sheet, row=rejected.row)],
                dry_run=dry_run,
            )
        return import_catalog(mall=mall, tables=tables, scope=scope, dry_run=dry_run)
    if path.stat().st_size > max_bytes():
        # Refuse before reading a huge file into memory.
        try:
            read_tables(b"\0" * (max_bytes() + 1), path.name)
        except FileRejectedError as rejected:
            return ImportResult(issues=[Issue(rejected.message)], dry_run=dry_run)
    return import_file(
        mall=mall, data=path.read_bytes(), filename=path.name, scope=scope, dry_run=dry_run
    )
