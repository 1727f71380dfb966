"""Turning uploaded bytes into tables of cells, and tables into XLSX or CSV files.

The reader trusts nothing: it checks the size, recognises the kind of file by its content
(not its name), refuses ZIP bombs, caps rows and columns, and reads XLSX with openpyxl in
read-only mode with cached values (formulas are never evaluated). The writer escapes texts a
spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from mpp.catalog.spreadsheet.values import escape_formula, is_blank

#: Largest file accepted (bytes); override with the MPP_IMPORT_MAX_BYTES setting.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Largest number of filled data rows per sheet; override with MPP_IMPORT_MAX_ROWS.
DEFAULT_MAX_ROWS = 10_000
#: Columns read per sheet; a header beyond this is refused.
MAX_COLUMNS = 100
#: Rows scanned per sheet, empty or not (bounds the work a hostile file can ask for).
MAX_SCANNED_ROWS = 50_000
#: Total size of a ZIP's contents once unpacked, and its number of entries.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_ZIP_ENTRIES = 500
#: Longest single cell.
MAX_CELL_CHARS = 20_000

XLSX = "xlsx"
CSV = "csv"
FORMATS = (XLSX, CSV)
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "application/zip",
}
EXTENSIONS = {XLSX: "xlsx", CSV: "zip"}


def max_bytes() -> int:
    return int(getattr(settings, "MPP_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_rows() -> int:
    return int(getattr(settings, "MPP_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


class FileRejectedError(Exception):
    """The file cannot be read as a catalogue; `message` says why and what to do."""

    def __init__(self, message: str, sheet: str = "", row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.sheet = sheet
        self.row = row


@dataclass
class Table:
    """One sheet (or CSV file): its header cells and its filled rows with their numbers."""

    name: str
    headers: list[Any] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    #: Filled cells beyond the last header: (row number, column index).
    stray_cells: list[tuple[int, int]] = field(default_factory=list)


# --- Reading ---------------------------------------------------------------------------------


def read_tables(data: bytes, filename: str = "") -> list[Table]:
    """Read an uploaded catalogue: an XLSX workbook or a ZIP of CSV files."""
    limit = max_bytes()
    if len(data) > limit:
        raise FileRejectedError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(limit)}
        )
    if not data:
        raise FileRejectedError(_("The file is empty."))
    if data[:4] == b"PK\x03\x04":
        return _read_zip(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FileRejectedError(
            _(
                "This is an old Excel file (.xls) or a password-protected workbook. Save it "
                "as an Excel workbook (.xlsx) without a password and upload it again."
            )
        )
    if filename.lower().endswith(".csv") and _looks_like_text(data):
        raise FileRejectedError(
            _(
                "A single CSV file holds only one sheet. Put layanan.csv, persyaratan.csv and "
                "langkah.csv (and instansi.csv if you use it) in one ZIP file, or upload an "
                "XLSX workbook."
            )
        )
    raise FileRejectedError(
        _("This file is not a spreadsheet. Upload an XLSX workbook or a ZIP file of CSV files.")
    )


def read_directory(path: Path) -> list[Table]:
    """Read the CSV files of a folder (management command convenience)."""
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise FileRejectedError(_("The folder %(path)s holds no CSV files.") % {"path": path})
    total = sum(p.stat().st_size for p in files)
    if total > max_bytes():
        raise FileRejectedError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(total), "limit": filesizeformat(max_bytes())}
        )
    return [_read_csv(p.stem, p.read_bytes(), p.name) for p in files]


def _looks_like_text(data: bytes) -> bool:
    return b"\x00" not in data[:4096]


def _read_zip(data: bytes) -> list[Table]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileRejectedError(
            _("The file is damaged or not a spreadsheet (%(error)s).") % {"error": exc}
        ) from exc
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
        raise FileRejectedError(_("The file unpacks to too much data; it is refused."))
    names = {e.filename for e in entries}
    if "xl/workbook.xml" in names:
        return _read_xlsx(data)
    if "content.xml" in names and "mimetype" in names:
        raise FileRejectedError(
            _(
                "This is an OpenDocument spreadsheet (.ods). Save it as an Excel workbook "
                "(.xlsx) and upload it again."
            )
        )
    csv_entries = [
        e
        for e in entries
        if not e.is_dir()
        and e.filename.lower().endswith(".csv")
        and not PurePosixPath(e.filename).name.startswith(".")
        and "__MACOSX" not in e.filename
    ]
    if not csv_entries:
        raise FileRejectedError(
            _(
                "The ZIP file holds no CSV files. Put layanan.csv, persyaratan.csv and "
                "langkah.csv in it."
            )
        )
    tables = []
    for entry in csv_entries:
        name = PurePosixPath(entry.filename).name
        try:
            raw = archive.read(entry)
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
            raise FileRejectedError(
                _("%(name)s could not be unpacked (%(error)s).") % {"name": name, "error": exc}
            ) from exc
        tables.append(_read_csv(PurePosixPath(name).stem, raw, name))
    return tables


def _read_csv(sheet_name: str, raw: bytes, file_name: str) -> Table:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejectedError(
            _(
                "%(name)s is not UTF-8 text. In Excel choose “Save as” → “CSV UTF-8 (comma "
                "delimited)”."
            )
            % {"name": file_name}
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _collect(sheet_name, reader)
    except csv.Error as exc:
        raise FileRejectedError(
            _("%(name)s is not a valid CSV file (%(error)s).") % {"name": file_name, "error": exc}
        ) from exc


def _read_xlsx(data: bytes) -> list[Table]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise FileRejectedError(
            _("The workbook could not be read (%(error)s). Save it again as .xlsx.")
            % {"error": exc.__class__.__name__}
        ) from exc
    try:
        tables = []
        for worksheet in workbook.worksheets:
            rows = worksheet.iter_rows(
                max_col=MAX_COLUMNS + 1, max_row=MAX_SCANNED_ROWS + 1, values_only=True
            )
            tables.append(_collect(worksheet.title, rows))
        return tables
    except FileRejectedError:
        raise
    except Exception as exc:
        raise FileRejectedError(
            _("The workbook could not be read (%(error)s). Save it again as .xlsx.")
            % {"error": exc.__class__.__name__}
        ) from exc
    finally:
        workbook.close()


def _collect(name: str, rows: Iterable[Sequence[Any]]) -> Table:
    """Header from the first row; then the filled rows, with the limits enforced."""
    table = Table(name=name)
    limit = max_rows()
    iterator: Iterator[Sequence[Any]] = iter(rows)
    header = next(iterator, None)
    if header is None:
        return table
    headers = list(header)
    while headers and is_blank(headers[-1]):
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise FileRejectedError(
            _("The sheet has more than %(limit)s columns.") % {"limit": MAX_COLUMNS}, sheet=name
        )
    table.headers = headers
    width = len(headers)
    for number, row in enumerate(iterator, start=2):
        if number > MAX_SCANNED_ROWS:
            raise FileRejectedError(
                _(
                    "The sheet has more than %(limit)s rows. Delete the empty rows below your "
                    "data, or split the file."
                )
                % {"limit": MAX_SCANNED_ROWS},
                sheet=name,
                row=number,
            )
        cells = list(row)
        if all(is_blank(cell) for cell in cells):
            continue
        if len(table.rows) >= limit:
            raise FileRejectedError(
                _("The sheet has more than %(limit)s filled rows; split the file.")
                % {"limit": limit},
                sheet=name,
                row=number,
            )
        for index, cell in enumerate(cells):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise FileRejectedError(
                    _("A cell holds more than %(limit)s characters.") % {"limit": MAX_CELL_CHARS},
                    sheet=name,
                    row=number,
                )
            if index >= width and not is_blank(cell):
                table.stray_cells.append((number, index))
        cells = cells[:width] + [None] * (width - len(cells))
        table.rows.append((number, cells))
    return table


# --- Writing ---------------------------------------------------------------------------------


@dataclass
class OutTable:
    """A sheet to write: headers, rows of plain values, and dropdown lists per column index."""

    name: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    dropdowns: dict[int, list[str]] = field(default_factory=dict)
    widths: dict[int, int] = field(default_factory=dict)
    wrap: bool = False


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return escape_formula(_strip_illegal(value))
    return value


def _strip_illegal(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def write_xlsx(tables: Sequence[OutTable], dropdown_rows: int = 1000) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    for out in tables:
        _fill_sheet(workbook.create_sheet(out.name), out, dropdown_rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill_sheet(sheet: Any, out: OutTable, dropdown_rows: int) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet.append(out.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in out.rows:
        sheet.append([_safe(value) for value in row])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str):
                # Never a formula, whatever the text (openpyxl would treat "=…" as one).
                cell.data_type = "s"
            elif isinstance(cell.value, date | datetime):
                cell.number_format = "yyyy-mm-dd"
            if out.wrap:
                cell.alignment = wrap
    sheet.freeze_panes = "A2"
    for index, header in enumerate(out.headers):
        width = out.widths.get(index, max(12, len(header) + 2))
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    for index, words in out.dropdowns.items():
        letter = get_column_letter(index + 1)
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(words) + '"',
            allow_blank=True,
            showErrorMessage=False,
        )
        validation.add(f"{letter}2:{letter}{max(dropdown_rows, len(out.rows) + 1)}")
        sheet.add_data_validation(validation)


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(_safe(value))


def write_csv_zip(tables: Sequence[OutTable]) -> bytes:
    """A ZIP with one UTF-8 CSV (with BOM, so Excel reads it as UTF-8) per table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for out in tables:
            text = io.StringIO(newline="")
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(out.headers)
            for row in out.rows:
                writer.writerow([_csv_value(value) for value in row])
            archive.writestr(f"{out.name}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()
