"""The catalogue spreadsheet: import (validated, all or nothing), export, round trip, the
management commands and the admin upload, through the real database."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation

from mpp.accounts.enums import StaffRole
from mpp.accounts.models import StaffMembership, User
from mpp.catalog.enums import Channel, DocumentForm, FeeKind, ServiceCategory, TimeUnit
from mpp.catalog.models import Agency, ProcedureStep, Requirement, Service
from mpp.catalog.spreadsheet import (
    CREATE,
    UNCHANGED,
    UPDATE,
    ImportScope,
    blank_template,
    export_catalog,
    import_file,
)
from mpp.catalog.spreadsheet import files as spreadsheet_files
from mpp.catalog.spreadsheet.columns import SHEETS, normalise_header
from mpp.catalog.spreadsheet.values import (
    CellError,
    escape_formula,
    parse_boolean,
    parse_date,
    parse_rupiah,
    unescape_formula,
)
from mpp.core.models import Mall
from tests.applications.factories import login_verified
from tests.factories import (
    AgencyFactory,
    BoothFactory,
    ProcedureStepFactory,
    RequirementFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

SERVICE_HEADERS = [
    "instansi",
    "slug",
    "nama",
    "jangka_waktu",
    "satuan_waktu",
    "jenis_biaya",
    "biaya",
    "produk",
    "pengaduan",
    "saluran",
    "sumber",
]
REQUIREMENT_HEADERS = ["layanan", "urutan", "persyaratan", "wajib", "bentuk", "jumlah"]
STEP_HEADERS = ["layanan", "urutan", "langkah"]


def service_row(slug: str, **overrides: Any) -> list[Any]:
    values = {
        "instansi": "dukcapil",
        "slug": slug,
        "nama": f"Layanan {slug}",
        "jangka_waktu": 1,
        "satuan_waktu": "hari kerja",
        "jenis_biaya": "gratis",
        "biaya": None,
        "produk": "Dokumen",
        "pengaduan": "Loket pengaduan",
        "saluran": "loket",
        "sumber": "SK Kepala Dinas",
        **overrides,
    }
    return [values[h] for h in SERVICE_HEADERS]


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_zip(sheets: dict[str, list[list[Any]]], delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, rows in sheets.items():
            text = io.StringIO()
            csv.writer(text, delimiter=delimiter).writerows(
                [["" if v is None else v for v in row] for row in rows]
            )
            archive.writestr(f"{name}.csv", ("\ufeff" if bom else "") + text.getvalue())
    return buffer.getvalue()


def valid_sheets() -> dict[str, list[list[Any]]]:
    return {
        "layanan": [
            SERVICE_HEADERS,
            service_row("ktp-el-hilang", nama="Penggantian KTP-el hilang"),
            service_row(
                "akta-kelahiran",
                nama="Akta kelahiran",
                jenis_biaya="tetap",
                biaya=15000,
                satuan_waktu="hari",
            ),
        ],
        "persyaratan": [
            REQUIREMENT_HEADERS,
            ["ktp-el-hilang", 2, "Kartu Keluarga", "ya", "fotokopi", 1],
            ["ktp-el-hilang", 1, "Surat keterangan hilang", "ya", "asli", 1],
            ["akta-kelahiran", 1, "Surat keterangan lahir", "tidak", "asli dan fotokopi", 2],
        ],
        "langkah": [
            STEP_HEADERS,
            ["ktp-el-hilang", 1, "Ambil nomor antrean"],
            ["ktp-el-hilang", 2, "Serahkan berkas"],
            ["akta-kelahiran", 1, "Serahkan berkas"],
        ],
    }


def counts() -> tuple[int, int, int, int]:
    return (
        Agency.objects.count(),
        Service.objects.count(),
        Requirement.objects.count(),
        ProcedureStep.objects.count(),
    )


@pytest.fixture
def agency(mall):
    return AgencyFactory(mall=mall, slug="dukcapil", short_name="Dukcapil")


@pytest.fixture
def catalogue(mall, agency):
    """A catalogue with the awkward values a round trip must survive."""
    booth = BoothFactory(mall=mall, code="A1")
    agency.booth = booth
    agency.phone = "+62 351 749012"
    agency.description = "Baris satu\r\nbaris dua"
    agency.save()
    other = AgencyFactory(mall=mall, slug="samsat", short_name="Samsat", position=200)
    ktp = ServiceFactory(
        agency=agency,
        slug="ktp",
        name="KTP-el",
        category=ServiceCategory.POPULATION,
        turnaround_value=1,
        turnaround_max=3,
        fee_kind=FeeKind.RANGE,
        fee_amount=10000,
        fee_max=50000,
        fee_note="-",
        keywords="@ktp, e-ktp",
        decree_date=date(2024, 1, 31),
        last_verified=date(2026, 11, 27),
        needs_confirmation=True,
        channel=Channel.BOTH,
        online_url="https://example.org/ktp",
    )
    RequirementFactory(service=ktp, position=1, text="=Formulir F-1.01", form=DocumentForm.ORIGINAL)
    RequirementFactory(
        service=ktp, position=2, text="Kartu Keluarga", is_mandatory=False, quantity=2
    )
    ProcedureStepFactory(service=ktp, position=1, text="Ambil nomor antrean")
    ProcedureStepFactory(service=ktp, position=2, text="Serahkan berkas")
    pkb = ServiceFactory(
        agency=other,
        slug="pkb",
        name="Pajak kendaraan",
        fee_kind=FeeKind.VARIABLE,
        turnaround_unit=TimeUnit.MINUTES,
        turnaround_value=30,
        is_active=False,
    )
    ProcedureStepFactory(service=pkb, position=1, text="Bayar di loket")
    return ktp, pkb


# --- Import ----------------------------------------------------------------------------------


def test_import_valid_workbook_creates_exactly_the_rows(mall, agency):
    result = import_file(mall=mall, data=workbook(valid_sheets()), filename="katalog.xlsx")

    assert result.issues == []
    assert result.applied
    assert [(c.slug, c.action) for c in result.services] == [
        ("ktp-el-hilang", CREATE),
        ("akta-kelahiran", CREATE),
    ]
    assert counts() == (1, 2, 3, 3)
    ktp = Service.objects.get(slug="ktp-el-hilang")
    assert (ktp.agency, ktp.mall, ktp.name) == (agency, mall, "Penggantian KTP-el hilang")
    assert (ktp.turnaround_value, ktp.turnaround_unit) == (1, TimeUnit.WORKING_DAYS)
    assert (ktp.fee_kind, ktp.fee_amount, ktp.channel) == (FeeKind.FREE, 0, Channel.COUNTER)
    # Ordered by "urutan", not by row.
    assert list(ktp.requirements.order_by("position").values_list("text", "form")) == [
        ("Surat keterangan hilang", DocumentForm.ORIGINAL),
        ("Kartu Keluarga", DocumentForm.COPY),
    ]
    assert list(ktp.steps.order_by("position").values_list("text", flat=True)) == [
        "Ambil nomor antrean",
        "Serahkan berkas",
    ]
    akta = Service.objects.get(slug="akta-kelahiran")
    assert (akta.fee_kind, akta.fee_amount, akta.turnaround_unit) == (
        FeeKind.FIXED,
        15000,
        TimeUnit.DAYS,
    )
    assert list(akta.requirements.values_list("is_mandatory", "form", "quantity")) == [
        (False, DocumentForm.ORIGINAL_AND_COPY, 2)
    ]


def test_import_csv_zip_creates_the_same_rows_as_xlsx(mall, agency):
    result = import_file(mall=mall, data=csv_zip(valid_sheets()), filename="katalog.zip")

    assert result.issues == []
    assert counts() == (1, 2, 3, 3)


def test_import_csv_zip_with_semicolons_and_bom_as_indonesian_excel_saves_it(mall, agency):
    data = csv_zip(valid_sheets(), delimiter=";", bom=True)

    result = import_file(mall=mall, data=data, filename="katalog.zip")

    assert result.issues == []
    assert sorted(Service.objects.values_list("slug", flat=True)) == [
        "akta-kelahiran",
        "ktp-el-hilang",
    ]


def test_import_dry_run_reports_the_plan_and_writes_nothing(mall, agency):
    result = import_file(mall=mall, data=workbook(valid_sheets()), dry_run=True)

    assert result.ok and not result.applied
    assert [c.action for c in result.services] == [CREATE, CREATE]
    assert counts() == (1, 0, 0, 0)


def test_import_with_errors_reports_row_and_column_and_changes_nothing(mall, agency):
    existing = ServiceFactory(agency=agency, slug="ktp-el-hilang", name="Nama lama")
    sheets = valid_sheets()
    sheets["layanan"] += [
        service_row("mahal", jenis_biaya="tetap", biaya="30,5"),
        service_row("tanpa-instansi", instansi="dinas-hantu"),
        service_row("kosong", nama=None),
        service_row("terbalik", jenis_biaya="gratis", biaya=5000),
    ]
    sheets["persyaratan"] += [
        ["ktp-el-hilang", 1, "Dobel urutan", "mungkin", "fotokopi", 1],
        ["layanan-lain", 1, "Syarat", "ya", "fotokopi", 1],
    ]
    before = counts()

    with translation.override("en"):
        result = import_file(mall=mall, data=workbook(sheets))
        messages = [str(issue) for issue in result.issues]

    assert not result.applied
    assert [(i.sheet, i.row, i.column) for i in result.issues] == [
        ("layanan", 4, "“biaya” (G)"),
        ("layanan", 5, "“instansi” (A)"),
        ("layanan", 6, "“nama” (C)"),
        ("layanan", 7, "“biaya” (G)"),
        ("persyaratan", 5, "“wajib” (D)"),
        ("persyaratan", 5, "“urutan” (B)"),
        ("persyaratan", 6, "“layanan” (A)"),
    ]
    assert messages[0] == (
        "Sheet “layanan”, row 4, column “biaya” (G): “30,5” is not an amount in whole rupiah; "
        "write e.g. 30000, 30.000 or Rp30.000."
    )
    assert "The mall has no agency “dinas-hantu”" in messages[1]
    assert messages[2].endswith("This cell must be filled in.")
    assert "A free service has no fee" in messages[3]
    assert "Position 1 of “ktp-el-hilang” is already on row 3." in messages[5]
    assert "is not in the sheet “layanan”" in messages[6]
    assert counts() == before
    existing.refresh_from_db()
    assert existing.name == "Nama lama"


def test_import_messages_are_indonesian_by_default(mall, agency):
    sheets = valid_sheets()
    sheets["layanan"].append(service_row("mahal", jenis_biaya="tetap", biaya="30,5"))

    with translation.override("id"):
        result = import_file(mall=mall, data=workbook(sheets))
        message = str(result.issues[0])

    assert message == (
        "Lembar “layanan”, baris 4, kolom “biaya” (G): “30,5” bukan jumlah rupiah bulat; "
        "tulis misalnya 30000, 30.000 atau Rp30.000."
    )


def test_import_missing_sheet_and_unknown_column_are_reported(mall, agency):
    sheets = valid_sheets()
    del sheets["langkah"]
    sheets["layanan"][0] = [*SERVICE_HEADERS[:-1], "sumbr"]

    with translation.override("en"):
        result = import_file(mall=mall, data=workbook(sheets))
        messages = [str(issue) for issue in result.issues]

    assert messages == [
        "The sheet “langkah” is missing. A catalogue file has the sheets “layanan”, "
        "“persyaratan” and “langkah” (and optionally “instansi”); download the template to "
        "start.",
        "Sheet “layanan”, row 1, column “sumbr” (K): Unknown column. Did you mean “sumber”?",
        "Sheet “layanan”, row 1: The required column “sumber” is missing.",
    ]
    assert counts() == (1, 0, 0, 0)


def test_import_accepts_indonesian_headers_and_typed_values(mall, agency):
    sheets = {
        "Layanan": [
            [
                "Kode Instansi",
                "Kode Layanan",
                "Nama Layanan",
                "Waktu Penyelesaian",
                "Jangka Waktu Maks",
                "Satuan Waktu",
                "Jenis Tarif",
                "Tarif",
                "Biaya Maks",
                "Produk Layanan",
                "Penanganan Pengaduan",
                "Cara Layanan",
                "Sumber Data",
                "Perlu Konfirmasi",
                "Tanggal SK",
                "Terakhir Diverifikasi",
                "Kategori",
            ],
            [
                "dukcapil",
                "legalisir",
                "Legalisir",
                "1",
                "2",
                "HK",
                "Kisaran",
                "Rp 5.000,-",
                "Rp10.000,00",
                "Dokumen",
                "SP4N-LAPOR!",
                "Daring",
                "Website",
                "Ya",
                "31/01/2024",
                "1 Mei 2024",
                "Administrasi kependudukan",
            ],
        ],
        "Syarat": [
            ["Kode Layanan", "Syarat", "Wajib", "Bentuk Dokumen", "Rangkap"],
            ["legalisir", "Dokumen asli", "Wajib", "Asli", "1"],
            ["legalisir", "Fotokopi dokumen", "jika ada", "Fotocopy", "3"],
        ],
        "Prosedur": [["Kode Layanan", "Langkah"], ["legalisir", "Serahkan dokumen"]],
    }

    result = import_file(mall=mall, data=workbook(sheets))

    assert result.issues == []
    service = Service.objects.get(slug="legalisir")
    assert (service.turnaround_value, service.turnaround_max, service.turnaround_unit) == (
        1,
        2,
        TimeUnit.WORKING_DAYS,
    )
    assert (service.fee_kind, service.fee_amount, service.fee_max) == (
        FeeKind.RANGE,
        5000,
        10000,
    )
    assert (service.channel, service.needs_confirmation) == (Channel.ONLINE, True)
    assert (service.decree_date, service.last_verified) == (date(2024, 1, 31), date(2024, 5, 1))
    assert service.category == ServiceCategory.POPULATION
    assert list(service.requirements.values_list("text", "is_mandatory", "form", "quantity")) == [
        ("Dokumen asli", True, DocumentForm.ORIGINAL, 1),
        ("Fotokopi dokumen", False, DocumentForm.COPY, 3),
    ]


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("perlu_konfirmasi", "t"),  # tidak or true?
        ("satuan_waktu", "minggu"),
        ("tanggal_sk", "05/2024"),
        ("tanggal_sk", "31/02/2024"),
        ("jangka_waktu", "3 hari"),
        ("biaya", "1.5"),
    ],
)
def test_import_refuses_ambiguous_values(mall, agency, header, value):
    sheets = valid_sheets()
    row = service_row("ktp-el-hilang", jenis_biaya="tetap", biaya=1000)
    if header in SERVICE_HEADERS:
        row[SERVICE_HEADERS.index(header)] = value
    else:
        sheets["layanan"][0] = [*SERVICE_HEADERS, header]
        row.append(value)
    sheets["layanan"][1] = row

    result = import_file(mall=mall, data=workbook(sheets))

    assert [(i.row, i.column.split(" ")[0]) for i in result.issues] == [(2, f"“{header}”")]
    assert counts() == (1, 0, 0, 0)


def test_import_updates_only_changed_services_and_keeps_left_out_columns(mall, catalogue):
    ktp, pkb = catalogue
    pkb_updated_at = pkb.updated_at
    sheets = {
        "layanan": [
            ["instansi", "slug", "nama", "jangka_waktu", "satuan_waktu", "jenis_biaya",
             "produk", "pengaduan", "saluran", "sumber"],
            ["dukcapil", "ktp", "KTP-el baru", 1, "hari kerja", "rentang", "Dokumen",
             "Sampaikan di loket pengaduan.", "loket dan online", "test data"],
        ],
        "persyaratan": [["layanan", "persyaratan"], ["ktp", "Kartu Keluarga"]],
        "langkah": [["layanan", "langkah"], ["ktp", "Ambil nomor antrean"]],
    }  # fmt: skip

    result = import_file(mall=mall, data=workbook(sheets))

    assert result.issues == []
    assert [(c.slug, c.action) for c in result.services] == [("ktp", UPDATE)]
    assert result.untouched_services == ["pkb"]
    ktp.refresh_from_db()
    assert ktp.name == "KTP-el baru"
    # Columns left out of the file keep their stored values.
    assert (ktp.fee_amount, ktp.fee_max, ktp.keywords, ktp.turnaround_max) == (
        10000,
        50000,
        "@ktp, e-ktp",
        3,
    )
    assert list(ktp.requirements.values_list("text", flat=True)) == ["Kartu Keluarga"]
    pkb.refresh_from_db()
    assert pkb.updated_at == pkb_updated_at


def test_import_with_agency_sheet_creates_agency_in_its_booth(mall):
    BoothFactory(mall=mall, code="C3")
    sheets = valid_sheets()
    sheets["instansi"] = [
        ["slug", "nama", "singkatan", "tingkat", "booth", "aktif"],
        ["dukcapil", "Dinas Kependudukan", "Dukcapil", "Pemerintah kabupaten", "C3", "ya"],
    ]

    result = import_file(mall=mall, data=workbook(sheets))

    assert result.issues == []
    assert [(c.slug, c.action) for c in result.agencies] == [("dukcapil", CREATE)]
    agency = Agency.objects.get(mall=mall, slug="dukcapil")
    assert (agency.name, agency.level, agency.booth.code) == ("Dinas Kependudukan", "regency", "C3")
    assert Service.objects.filter(agency=agency).count() == 2


def test_import_scope_refuses_services_of_other_agencies(mall, catalogue):
    data = export_catalog(mall=mall)
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["layanan"]["C3"] = "Pajak kendaraan (baru)"  # row 3 is samsat's "pkb"
    buffer = io.BytesIO()
    book.save(buffer)
    scope = ImportScope(
        service_agencies=frozenset({"dukcapil"}),
        agency_records=frozenset({"dukcapil"}),
        may_create_agencies=False,
        restricted_agency_fields=("booth", "position", "is_active"),
    )

    with translation.override("en"):
        result = import_file(mall=mall, data=buffer.getvalue(), scope=scope)
        messages = [str(issue) for issue in result.issues]

    assert messages == [
        "Sheet “layanan”, row 3, column “instansi” (A): You may not change the services of "
        "the agency “samsat”."
    ]
    assert Service.objects.get(slug="pkb").name == "Pajak kendaraan"


# --- Export and round trip -------------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_then_import_changes_nothing(mall, catalogue, file_format):
    stamps = dict(Service.objects.values_list("slug", "updated_at"))
    agency_stamps = dict(Agency.objects.values_list("slug", "updated_at"))
    line_ids = sorted(Requirement.objects.values_list("pk", flat=True))
    before = counts()

    data = export_catalog(mall=mall, file_format=file_format)
    result = import_file(mall=mall, data=data, filename=f"export.{file_format}")

    assert result.issues == []
    assert [(c.slug, c.action) for c in result.services] == [
        ("ktp", UNCHANGED),
        ("pkb", UNCHANGED),
    ]
    assert {c.action for c in result.agencies} == {UNCHANGED}
    assert counts() == before
    assert dict(Service.objects.values_list("slug", "updated_at")) == stamps
    assert dict(Agency.objects.values_list("slug", "updated_at")) == agency_stamps
    assert sorted(Requirement.objects.values_list("pk", flat=True)) == line_ids


def test_export_into_an_empty_mall_recreates_the_catalogue(mall, catalogue):
    from tests.factories import MallFactory

    data = export_catalog(mall=mall)
    other = MallFactory(slug="madiun")
    BoothFactory(mall=other, code="A1")

    result = import_file(mall=other, data=data)

    assert result.issues == []
    copy = Service.objects.select_related("agency").get(mall=other, slug="ktp")
    original = catalogue[0]
    assert (copy.agency.slug, copy.fee_max, copy.decree_date, copy.online_url) == (
        "dukcapil",
        original.fee_max,
        original.decree_date,
        original.online_url,
    )
    assert list(copy.requirements.order_by("position").values_list("text", flat=True)) == [
        "=Formulir F-1.01",
        "Kartu Keluarga",
    ]
    assert Agency.objects.get(mall=other, slug="dukcapil").description == "Baris satu\nbaris dua"


def test_export_escapes_formulas_in_xlsx(mall, catalogue):
    book = openpyxl.load_workbook(io.BytesIO(export_catalog(mall=mall)))

    requirement = book["persyaratan"]["C2"]
    keywords = book["layanan"]["H2"]
    phone = book["instansi"]["H2"]

    assert (requirement.value, requirement.data_type) == ("'=Formulir F-1.01", "s")
    assert (keywords.value, phone.value) == ("'@ktp, e-ktp", "'+62 351 749012")
    assert not any(
        cell.data_type == "f" for sheet in book for row in sheet.iter_rows() for cell in row
    )


def test_export_escapes_formulas_in_csv(mall, catalogue):
    archive = zipfile.ZipFile(io.BytesIO(export_catalog(mall=mall, file_format="csv")))

    text = archive.read("persyaratan.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))

    assert sorted(archive.namelist()) == [
        "instansi.csv",
        "langkah.csv",
        "layanan.csv",
        "persyaratan.csv",
    ]
    assert rows[1][:3] == ["ktp", "1", "'=Formulir F-1.01"]


@pytest.mark.parametrize("text", ["=1+1", "+62", "-", "@x", "'=x", "''", "'plain", "plain"])
def test_formula_escape_round_trips(text):
    escaped = escape_formula(text)

    assert escaped[:1] not in {"=", "+", "-", "@"}
    assert unescape_formula(escaped) == text


def test_blank_template_has_every_column_and_imports_as_nothing(mall):
    data = blank_template()
    book = openpyxl.load_workbook(io.BytesIO(data))

    result = import_file(mall=mall, data=data)

    assert book.sheetnames == ["instansi", "layanan", "persyaratan", "langkah", "petunjuk"]
    for sheet in SHEETS:
        assert [c.value for c in book[sheet.key][1]] == [c.key for c in sheet.columns]
    documented = {(row[0], row[1]) for row in book["petunjuk"].iter_rows(values_only=True)}
    assert all((s.key, c.key) in documented for s in SHEETS for c in s.columns)
    assert (result.issues, result.services) == ([], [])


def test_template_documentation_lists_every_column():
    text = (Path(__file__).parents[2] / "docs" / "catalog-template.md").read_text()

    missing = [
        f"{sheet.key}.{column.key}"
        for sheet in SHEETS
        for column in sheet.columns
        if f"`{column.key}`" not in text
    ]
    assert missing == []


def test_header_aliases_are_unambiguous():
    for sheet in SHEETS:
        lookup = sheet.header_lookup()
        assert all(lookup[normalise_header(c.key)] is c for c in sheet.columns)
        for column in sheet.columns:
            if column.vocabulary is not None:
                assert column.vocabulary.lookup()


# --- Cell values -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("30000", 30000),
        ("30.000", 30000),
        ("Rp 30.000,-", 30000),
        ("Rp30.000,00", 30000),
        ("rp. 1.250.000", 1250000),
        ("30,000", 30000),
        ("Gratis", 0),
        (30000.0, 30000),
    ],
)
def test_parse_rupiah_reads_what_people_type(typed, amount):
    assert parse_rupiah(typed) == amount


@pytest.mark.parametrize("typed", ["30,5", "1.5", "30.00.0", "-5", "tiga puluh ribu", -1, 2.5])
def test_parse_rupiah_refuses_ambiguous_amounts(typed):
    with pytest.raises(CellError):
        parse_rupiah(typed)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2024-01-31", date(2024, 1, 31)),
        ("31/01/2024", date(2024, 1, 31)),
        ("31-1-2024", date(2024, 1, 31)),
        ("1 Agustus 2024", date(2024, 8, 1)),
        ("1 Agt 2024", date(2024, 8, 1)),
        ("17 August 2024", date(2024, 8, 17)),
    ],
)
def test_parse_date_reads_day_first_and_indonesian_months(typed, day):
    assert parse_date(typed) == day


@pytest.mark.parametrize(("typed", "truth"), [("ya", True), ("Tidak", False), ("Y", True)])
def test_parse_boolean_reads_ya_and_tidak(typed, truth):
    assert parse_boolean(typed) is truth


# --- Hostile files ---------------------------------------------------------------------------


def test_import_refuses_a_file_that_is_not_a_spreadsheet(mall, agency):
    with translation.override("en"):
        result = import_file(mall=mall, data=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", filename="x.pdf")
        messages = [str(i) for i in result.issues]

    assert messages == [
        "This file is not a spreadsheet. Upload an XLSX workbook or a ZIP file of CSV files."
    ]
    assert counts() == (1, 0, 0, 0)


def test_import_refuses_old_excel_files(mall, agency):
    with translation.override("en"):
        result = import_file(mall=mall, data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)

    assert "old Excel file (.xls)" in result.issues[0].message


def test_import_refuses_a_damaged_workbook(mall, agency):
    data = workbook(valid_sheets())
    archive_bytes = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(archive_bytes, "w") as out:
        for entry in source.infolist():
            content = source.read(entry)
            out.writestr(entry, b"<broken" if entry.filename.endswith("sheet1.xml") else content)

    with translation.override("en"):
        result = import_file(mall=mall, data=archive_bytes.getvalue())

    assert [i.message.split(" (")[0] for i in result.issues] == ["The workbook could not be read"]
    assert counts() == (1, 0, 0, 0)


@override_settings(MPP_IMPORT_MAX_BYTES=2000)
def test_import_refuses_an_oversized_file(mall, agency):
    with translation.override("en"):
        result = import_file(mall=mall, data=workbook(valid_sheets()))

    assert result.issues[0].message.startswith("The file is too large (")
    assert "the limit is 2.0\xa0KB" in result.issues[0].message
    assert counts() == (1, 0, 0, 0)


@override_settings(MPP_IMPORT_MAX_ROWS=2)
def test_import_refuses_too_many_rows(mall, agency):
    with translation.override("en"):
        result = import_file(mall=mall, data=workbook(valid_sheets()))
        messages = [str(i) for i in result.issues]

    assert messages == [
        "Sheet “persyaratan”, row 4: The sheet has more than 2 filled rows; split the file."
    ]


def test_import_refuses_a_zip_that_unpacks_to_too_much(mall, agency, monkeypatch):
    monkeypatch.setattr(spreadsheet_files, "MAX_UNPACKED_BYTES", 10_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("layanan.csv", "a" * 20_000)

    with translation.override("en"):
        result = import_file(mall=mall, data=buffer.getvalue())

    assert [i.message for i in result.issues] == [
        "The file unpacks to too much data; it is refused."
    ]


def test_import_refuses_a_single_csv_file(mall, agency):
    with translation.override("en"):
        result = import_file(mall=mall, data=b"slug,nama\n", filename="layanan.csv")

    assert result.issues[0].message.startswith("A single CSV file holds only one sheet.")


def test_import_refuses_csv_that_is_not_utf8(mall, agency):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("layanan.csv", "nama\nPerizinan usaha \xe9".encode("cp1252"))

    with translation.override("en"):
        result = import_file(mall=mall, data=buffer.getvalue())

    assert result.issues[0].message.startswith("layanan.csv is not UTF-8 text.")


# --- Management commands ---------------------------------------------------------------------


def test_import_catalog_command_imports_a_workbook(mall, agency, tmp_path):
    path = tmp_path / "katalog.xlsx"
    path.write_bytes(workbook(valid_sheets()))
    out = io.StringIO()

    call_command("import_catalog", str(path), mall="ngawi", language="en", stdout=out)

    assert counts() == (1, 2, 3, 3)
    assert "2 services added" in out.getvalue()


def test_import_catalog_command_dry_run_writes_nothing(mall, agency, tmp_path):
    path = tmp_path / "katalog.xlsx"
    path.write_bytes(workbook(valid_sheets()))
    out = io.StringIO()

    call_command("import_catalog", str(path), mall="ngawi", dry_run=True, stdout=out)

    assert counts() == (1, 0, 0, 0)
    assert out.getvalue().strip().endswith("Uji coba: tidak ada yang ditulis.")


def test_import_catalog_command_lists_problems_and_fails(mall, agency, tmp_path):
    sheets = valid_sheets()
    sheets["layanan"].append(service_row("x", saluran="merpati"))
    path = tmp_path / "katalog.xlsx"
    path.write_bytes(workbook(sheets))
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 problem; nothing was imported"):
        call_command("import_catalog", str(path), mall="ngawi", language="en", stderr=err)

    assert err.getvalue().startswith(
        "Sheet “layanan”, row 4, column “saluran” (J): “merpati” is not one of the allowed "
        "values: loket, online, loket dan online."
    )
    assert counts() == (1, 0, 0, 0)


def test_import_catalog_command_reads_a_folder_of_csv_files(mall, agency, tmp_path):
    with zipfile.ZipFile(io.BytesIO(csv_zip(valid_sheets()))) as archive:
        archive.extractall(tmp_path)

    call_command("import_catalog", str(tmp_path), mall="ngawi", stdout=io.StringIO())

    assert counts() == (1, 2, 3, 3)


def test_import_catalog_command_refuses_unknown_mall(db, tmp_path):
    path = tmp_path / "katalog.xlsx"
    path.write_bytes(blank_template())

    with pytest.raises(CommandError, match="mojokerto"):
        call_command("import_catalog", str(path), mall="mojokerto")


@pytest.mark.parametrize(("name", "kind"), [("katalog.xlsx", "xlsx"), ("katalog.zip", "csv")])
def test_export_catalog_command_writes_an_importable_file(mall, catalogue, tmp_path, name, kind):
    path = tmp_path / name

    call_command("export_catalog", str(path), mall="ngawi", stdout=io.StringIO())
    result = import_file(mall=mall, data=path.read_bytes(), dry_run=True)

    assert result.issues == []
    assert [c.action for c in result.services] == [UNCHANGED, UNCHANGED]
    if kind == "xlsx":
        assert openpyxl.load_workbook(path).sheetnames[-1] == "petunjuk"
    else:
        assert "layanan.csv" in zipfile.ZipFile(path).namelist()


def test_export_catalog_command_writes_the_blank_template(db, tmp_path):
    path = tmp_path / "templat.xlsx"

    call_command("export_catalog", str(path), blank=True, stdout=io.StringIO())

    book = openpyxl.load_workbook(path)
    assert book["layanan"].max_row == 1


# --- Admin upload ----------------------------------------------------------------------------


@pytest.fixture
def manager_client(mall):
    user = User.objects.create_user("manajer", password="x-very-long-password", is_staff=True)
    StaffMembership.objects.create(user=user, mall=mall, role=StaffRole.MALL_MANAGER)
    return login_verified(Client(), user)


@pytest.fixture
def _private_media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield


@pytest.mark.usefixtures("_private_media")
def test_admin_import_previews_then_imports_on_confirmation(manager_client, mall, agency):
    url = reverse("admin:catalog_service_import")
    upload = io.BytesIO(workbook(valid_sheets()))
    upload.name = "katalog.xlsx"

    preview = manager_client.post(url, {"mall": mall.pk, "file": upload})

    assert counts() == (1, 0, 0, 0)
    html = preview.content.decode()
    assert "Penggantian KTP-el hilang" in html
    token = preview.context["token"]
    done = manager_client.post(url, {"token": token, "confirm": "1"})

    assert done.status_code == 302
    assert done["Location"] == reverse("admin:catalog_service_changelist")
    assert counts() == (1, 2, 3, 3)
    # A token works once.
    again = manager_client.post(url, {"token": token, "confirm": "1"})
    assert again["Location"] == url
    assert counts() == (1, 2, 3, 3)


@pytest.mark.usefixtures("_private_media")
def test_admin_import_lists_problems_in_indonesian_and_changes_nothing(
    manager_client, mall, agency
):
    sheets = valid_sheets()
    sheets["layanan"].append(service_row("mahal", jenis_biaya="tetap", biaya="30,5"))
    upload = io.BytesIO(workbook(sheets))
    upload.name = "katalog.xlsx"

    response = manager_client.post(
        reverse("admin:catalog_service_import"), {"mall": mall.pk, "file": upload}
    )

    html = response.content.decode()
    assert "token" not in response.context
    assert "“30,5” bukan jumlah rupiah bulat" in html
    assert "Berkas memiliki 1 masalah; tidak ada yang diimpor." in html
    assert counts() == (1, 0, 0, 0)


@pytest.mark.usefixtures("_private_media")
def test_admin_import_refuses_a_token_from_another_session(manager_client, mall, agency):
    url = reverse("admin:catalog_service_import")
    upload = io.BytesIO(workbook(valid_sheets()))
    upload.name = "katalog.xlsx"
    token = manager_client.post(url, {"mall": mall.pk, "file": upload}).context["token"]
    intruder = User.objects.create_user("penyusup", password="x-very-long-password", is_staff=True)
    StaffMembership.objects.create(user=intruder, mall=mall, role=StaffRole.MALL_MANAGER)
    other = login_verified(Client(), intruder)

    response = other.post(url, {"token": token, "confirm": "1"})

    assert response["Location"] == url
    assert counts() == (1, 0, 0, 0)


def test_admin_export_downloads_the_catalogue(manager_client, mall, catalogue):
    response = manager_client.get(
        reverse("admin:catalog_service_export"), {"mall": mall.pk, "format": "xlsx"}
    )

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert response["Content-Disposition"].startswith('attachment; filename="katalog-ngawi-')
    assert [row[1] for row in book["layanan"].iter_rows(min_row=2, values_only=True)] == [
        "ktp",
        "pkb",
    ]


def test_admin_template_downloads_the_blank_csv_template(manager_client):
    response = manager_client.get(reverse("admin:catalog_service_template"), {"format": "csv"})

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert response["Content-Type"] == "application/zip"
    assert sorted(archive.namelist()) == [
        "instansi.csv",
        "langkah.csv",
        "layanan.csv",
        "persyaratan.csv",
    ]


@pytest.mark.slow
def test_demo_catalogue_survives_the_round_trip(db):
    from mpp.demo.catalog import load_demo_catalog as load_demo

    load_demo()
    mall = Mall.objects.get(slug="ngawi")
    stamps = dict(Service.objects.values_list("slug", "updated_at"))

    result = import_file(mall=mall, data=export_catalog(mall=mall))

    assert result.issues == []
    assert len(result.services) == len(stamps) > 100
    assert {c.action for c in (*result.services, *result.agencies)} == {UNCHANGED}
    assert dict(Service.objects.values_list("slug", "updated_at")) == stamps
