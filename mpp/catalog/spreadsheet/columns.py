"""The catalogue template: its sheets, their columns, and the words accepted in choice columns.

Headers and choice words are fixed Indonesian identifiers, not translated text: a file written
in one language setting must import in any other. Descriptions are translated (they appear in
the template's instruction sheet and in error messages).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mpp.catalog.enums import (
    AgencyLevel,
    Channel,
    DocumentForm,
    FeeKind,
    ServiceCategory,
    TimeUnit,
)

# --- Choice vocabularies ---------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The words a spreadsheet may use for one choice set.

    `words` maps each stored value to its canonical Indonesian word (what export writes);
    `aliases` lists more spellings people type. The stored value itself and the enum's labels in
    Indonesian and English are accepted too.
    """

    name: str
    choices: type[models.TextChoices]
    words: dict[str, str]
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def word(self, value: str) -> str:
        return self.words.get(value, value)

    @property
    def canonical_words(self) -> list[str]:
        return [self.words[value] for value in self.choices.values]

    def lookup(self) -> dict[str, str]:
        return _vocabulary_lookup(self)


def normalise_word(text: str) -> str:
    """Lower case, without accents, `_`/`&`/`+` read as spaces/"dan", spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " dan ").replace("+", " dan ").replace("_", " ")
    return " ".join(text.split())


@cache
def _vocabulary_lookup(vocabulary: Vocabulary) -> dict[str, str]:
    table: dict[str, str] = {}

    def add(spelling: str, value: str) -> None:
        key = normalise_word(spelling)
        if not key:
            return
        previous = table.setdefault(key, value)
        if previous != value:
            # Two values answering to one word would make an import guess: refuse to build.
            raise ValueError(f"{vocabulary.name}: {key!r} means both {previous} and {value}")

    for value in vocabulary.choices.values:
        add(value, value)
        add(vocabulary.words[value], value)
        for alias in vocabulary.aliases.get(value, ()):
            add(alias, value)
    for language in ("id", "en"):
        with translation.override(language):
            for value, label in vocabulary.choices.choices:
                add(str(label), value)
    return table


TIME_UNITS = Vocabulary(
    "time unit",
    TimeUnit,
    {
        TimeUnit.MINUTES: "menit",
        TimeUnit.HOURS: "jam",
        TimeUnit.DAYS: "hari",
        TimeUnit.WORKING_DAYS: "hari kerja",
    },
    {
        TimeUnit.MINUTES: ("mnt", "minute"),
        TimeUnit.HOURS: ("hour",),
        TimeUnit.DAYS: ("hari kalender", "day"),
        TimeUnit.WORKING_DAYS: ("hk", "hari kerja (hk)", "working day"),
    },
)

FEE_KINDS = Vocabulary(
    "fee kind",
    FeeKind,
    {
        FeeKind.FREE: "gratis",
        FeeKind.FIXED: "tetap",
        FeeKind.RANGE: "rentang",
        FeeKind.PER_UNIT: "per satuan",
        FeeKind.VARIABLE: "rumus",
    },
    {
        FeeKind.FREE: ("tidak dipungut biaya", "bebas biaya", "tanpa biaya", "rp 0"),
        FeeKind.FIXED: ("tarif tetap", "biaya tetap"),
        FeeKind.RANGE: ("kisaran",),
        FeeKind.PER_UNIT: ("per unit", "per satuan unit"),
        FeeKind.VARIABLE: ("sesuai rumus", "variabel", "bervariasi", "tergantung", "formula"),
    },
)

CHANNELS = Vocabulary(
    "channel",
    Channel,
    {
        Channel.COUNTER: "loket",
        Channel.ONLINE: "online",
        Channel.BOTH: "loket dan online",
    },
    {
        Channel.COUNTER: ("luring", "offline", "tatap muka"),
        Channel.ONLINE: ("daring",),
        Channel.BOTH: (
            "keduanya",
            "online dan loket",
            "loket dan daring",
            "daring dan luring",
            "luring dan daring",
        ),
    },
)

DOCUMENT_FORMS = Vocabulary(
    "document form",
    DocumentForm,
    {
        DocumentForm.ORIGINAL: "asli",
        DocumentForm.COPY: "fotokopi",
        DocumentForm.ORIGINAL_AND_COPY: "asli dan fotokopi",
        DocumentForm.SHOW_ORIGINAL: "tunjukkan asli",
        DocumentForm.NOT_A_DOCUMENT: "bukan dokumen",
    },
    {
        DocumentForm.COPY: ("fotocopy", "salinan", "fc", "copy"),
        DocumentForm.ORIGINAL_AND_COPY: ("asli dan fotocopy", "asli dan fc"),
        DocumentForm.SHOW_ORIGINAL: ("menunjukkan asli", "memperlihatkan asli"),
        DocumentForm.NOT_A_DOCUMENT: ("bukan berkas",),
    },
)

CATEGORIES = Vocabulary(
    "category",
    ServiceCategory,
    {
        ServiceCategory.POPULATION: "kependudukan",
        ServiceCategory.LICENSING: "perizinan",
        ServiceCategory.VEHICLES: "kendaraan",
        ServiceCategory.POLICE: "kepolisian",
        ServiceCategory.IMMIGRATION: "keimigrasian",
        ServiceCategory.TAX: "pajak",
        ServiceCategory.LAND: "pertanahan",
        ServiceCategory.RELIGION: "keagamaan",
        ServiceCategory.COURTS: "hukum",
        ServiceCategory.SOCIAL: "sosial",
        ServiceCategory.HEALTH: "kesehatan",
        ServiceCategory.EMPLOYMENT: "ketenagakerjaan",
        ServiceCategory.UTILITIES: "listrik dan air",
        ServiceCategory.FINANCE: "perbankan dan pos",
        ServiceCategory.OTHER: "lainnya",
    },
    {
        ServiceCategory.POPULATION: ("adminduk", "administrasi kependudukan"),
        ServiceCategory.LICENSING: ("izin", "perijinan"),
        ServiceCategory.IMMIGRATION: ("imigrasi",),
        ServiceCategory.TAX: ("pajak dan retribusi",),
        ServiceCategory.RELIGION: ("agama",),
        ServiceCategory.COURTS: ("pengadilan",),
        ServiceCategory.EMPLOYMENT: ("tenaga kerja",),
        ServiceCategory.OTHER: ("lain-lain", "lain lain"),
    },
)

AGENCY_LEVELS = Vocabulary(
    "agency level",
    AgencyLevel,
    {
        AgencyLevel.CENTRAL: "pusat",
        AgencyLevel.PROVINCIAL: "provinsi",
        AgencyLevel.REGENCY: "kabupaten",
        AgencyLevel.STATE_OWNED: "bumn",
        AgencyLevel.REGION_OWNED: "bumd",
        AgencyLevel.NON_GOVERNMENT: "lembaga",
        AgencyLevel.PRIVATE: "swasta",
    },
    {
        AgencyLevel.CENTRAL: ("instansi vertikal", "kementerian"),
        AgencyLevel.PROVINCIAL: ("pemprov",),
        AgencyLevel.REGENCY: ("kabupaten/kota", "kota", "pemkab", "pemkot", "opd"),
        AgencyLevel.STATE_OWNED: ("badan usaha milik negara",),
        AgencyLevel.REGION_OWNED: ("badan usaha milik daerah", "perumda", "perseroda"),
        AgencyLevel.NON_GOVERNMENT: (
            "lembaga nonpemerintah",
            "lembaga non pemerintah",
            "organisasi",
            "ormas",
        ),
        AgencyLevel.PRIVATE: ("perusahaan swasta",),
    },
)

TRUE_WORDS = frozenset({"ya", "y", "yes", "true", "benar", "1", "iya"})
FALSE_WORDS = frozenset({"tidak", "tdk", "no", "n", "false", "salah", "0", "bukan"})

# --- Columns and sheets ----------------------------------------------------------------------

TEXT = "text"
SLUG = "slug"
INTEGER = "integer"
RUPIAH = "rupiah"
BOOLEAN = "boolean"
DATE = "date"
CHOICE = "choice"
HOURS = "hours"


@dataclass(frozen=True, eq=False)
class Column:
    """One column of a sheet.

    `key` is the canonical header (what export writes); `target` is the field it fills.
    `required` columns must be present and filled on every row; optional columns may be left
    out (an existing record then keeps its value) or left blank (the field's default).
    """

    key: str
    target: str
    kind: str = TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    vocabulary: Vocabulary | None = None
    description: str | Promise = ""
    example: str = ""
    true_words: tuple[str, ...] = ()
    false_words: tuple[str, ...] = ()

    def spellings(self) -> Iterable[str]:
        yield self.key
        yield self.target
        yield from self.aliases


@dataclass(frozen=True, eq=False)
class Sheet:
    key: str
    columns: tuple[Column, ...]
    required: bool = True
    aliases: tuple[str, ...] = ()
    description: str | Promise = ""

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def header_lookup(self) -> dict[str, Column]:
        return _header_lookup(self)


def normalise_header(text: str) -> str:
    """`Nama Layanan (EN)` → `nama_layanan_en`; accents dropped; anything else is `_`."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


@cache
def _header_lookup(sheet: Sheet) -> dict[str, Column]:
    table: dict[str, Column] = {}
    for column in sheet.columns:
        for spelling in column.spellings():
            key = normalise_header(spelling)
            previous = table.setdefault(key, column)
            if previous is not column:
                raise ValueError(f"{sheet.key}: header {key!r} is ambiguous")
    return table


AGENCY_SHEET = Sheet(
    "instansi",
    required=False,
    aliases=("agencies", "agency", "daftar instansi"),
    description=_(
        "Optional. One row per agency (instansi). Leave the sheet out to use the agencies "
        "that already exist in the mall."
    ),
    columns=(
        Column(
            "slug",
            "slug",
            SLUG,
            required=True,
            aliases=("kode_instansi", "slug_instansi", "instansi", "agency"),
            description=_(
                "Short code of the agency used in addresses and in the sheet “layanan”: "
                "lower-case letters, digits and hyphens."
            ),
            example="dispendukcapil",
        ),
        Column(
            "nama",
            "name",
            required=True,
            aliases=("nama_instansi",),
            description=_("Full name of the agency."),
            example="Dinas Kependudukan dan Pencatatan Sipil Kabupaten Ngawi",
        ),
        Column(
            "nama_en",
            "name_en",
            aliases=("nama_inggris", "nama_bahasa_inggris"),
            description=_("Name in English."),
            example="Population and Civil Registration Office",
        ),
        Column(
            "singkatan",
            "short_name",
            required=True,
            aliases=("nama_singkat",),
            description=_("Short name shown on signs and tickets."),
            example="Dispendukcapil",
        ),
        Column(
            "tingkat",
            "level",
            CHOICE,
            required=True,
            aliases=("jenis_instansi",),
            vocabulary=AGENCY_LEVELS,
            description=_("Level of government or kind of organisation."),
            example="kabupaten",
        ),
        Column("deskripsi", "description", description=_("What the agency does."), example=""),
        Column("deskripsi_en", "description_en", description=_("Description in English.")),
        Column(
            "telepon",
            "phone",
            aliases=("telp", "no_telepon", "nomor_telepon"),
            description=_("Phone number."),
            example="0351 749012",
        ),
        Column("email", "email", aliases=("e_mail", "surel"), description=_("E-mail address.")),
        Column(
            "situs_web",
            "website",
            aliases=("web", "situs"),
            description=_("Website address, starting with https://."),
        ),
        Column(
            "maklumat",
            "maklumat",
            aliases=("maklumat_pelayanan",),
            description=_("The agency's service pledge (maklumat pelayanan)."),
        ),
        Column(
            "kepala_unit",
            "head_name",
            aliases=("kepala", "nama_kepala", "pimpinan"),
            description=_("Name of the head of the unit who signs the pledge."),
        ),
        Column(
            "jabatan_kepala_unit",
            "head_title",
            aliases=("jabatan_kepala", "jabatan_pimpinan"),
            description=_("Position of the head of the unit."),
            example="Kepala Dinas Kependudukan dan Pencatatan Sipil",
        ),
        Column(
            "jam_layanan",
            "opening_hours",
            HOURS,
            aliases=("jam_buka", "jam_operasional", "waktu_layanan"),
            description=_(
                "The agency's own opening hours at the mall: days and times, periods separated "
                "by “;”. Empty: the mall's opening hours."
            ),
            example="Senin-Kamis 08.00-15.00; Jumat 08.00-14.00",
        ),
        Column(
            "catatan_staf",
            "notes",
            aliases=("catatan", "catatan_internal"),
            description=_(
                "For staff only, never shown to citizens: sources and what is still uncertain."
            ),
        ),
        Column(
            "booth",
            "booth",
            aliases=("kode_booth", "booth_code", "gerai"),
            description=_(
                "Code of the agency's booth on the mall's floor plan; the booth must already "
                "exist. Empty: no booth."
            ),
            example="A1",
        ),
        Column(
            "urutan",
            "position",
            INTEGER,
            aliases=("no_urut",),
            description=_("Order in lists (smaller first). Empty: 100."),
            example="10",
        ),
        Column(
            "aktif",
            "is_active",
            BOOLEAN,
            aliases=("active",),
            description=_("“ya” if the agency is shown to the public, “tidak” to hide it."),
            example="ya",
        ),
    ),
)

SERVICE_SHEET = Sheet(
    "layanan",
    aliases=("services", "service", "daftar layanan", "jenis layanan"),
    description=_("One row per service with its service standard."),
    columns=(
        Column(
            "instansi",
            "agency",
            SLUG,
            required=True,
            aliases=("kode_instansi", "slug_instansi", "agency_slug"),
            description=_(
                "Code (slug) of the agency providing the service: an agency of the mall or a "
                "row of the sheet “instansi”."
            ),
            example="dispendukcapil",
        ),
        Column(
            "slug",
            "slug",
            SLUG,
            required=True,
            aliases=("kode_layanan", "slug_layanan", "service_slug"),
            description=_(
                "Short code of the service, unique in the mall: lower-case letters, digits and "
                "hyphens. A row with an existing code updates that service."
            ),
            example="ktp-el-hilang",
        ),
        Column(
            "nama",
            "name",
            required=True,
            aliases=("nama_layanan", "jenis_layanan"),
            description=_("Name of the service."),
            example="Penggantian KTP-el karena hilang",
        ),
        Column(
            "nama_en",
            "name_en",
            aliases=("nama_inggris", "nama_bahasa_inggris"),
            description=_("Name in English."),
            example="Replacing a lost e-ID card",
        ),
        Column(
            "ringkasan",
            "summary",
            aliases=("deskripsi",),
            description=_("One or two sentences on what the service is for."),
        ),
        Column(
            "ringkasan_en",
            "summary_en",
            aliases=("deskripsi_en",),
            description=_("Summary in English."),
        ),
        Column(
            "kategori",
            "category",
            CHOICE,
            vocabulary=CATEGORIES,
            description=_("Category used to group services. Empty: “lainnya”."),
            example="kependudukan",
        ),
        Column(
            "kata_kunci",
            "keywords",
            aliases=("sinonim",),
            description=_("Other words people use for the service, separated by commas."),
            example="ktp hilang, e-ktp",
        ),
        Column(
            "jangka_waktu",
            "turnaround_value",
            INTEGER,
            required=True,
            aliases=("waktu", "lama", "waktu_penyelesaian", "jangka_waktu_penyelesaian"),
            description=_("Turnaround time: a whole number (the lower bound of a range)."),
            example="1",
        ),
        Column(
            "jangka_waktu_maks",
            "turnaround_max",
            INTEGER,
            aliases=("jangka_waktu_sampai", "waktu_maks"),
            description=_("Upper bound of the turnaround time, when it is a range."),
            example="3",
        ),
        Column(
            "satuan_waktu",
            "turnaround_unit",
            CHOICE,
            required=True,
            aliases=("satuan_jangka_waktu",),
            vocabulary=TIME_UNITS,
            description=_("Unit of the turnaround time."),
            example="hari kerja",
        ),
        Column(
            "catatan_waktu",
            "turnaround_note",
            aliases=("keterangan_waktu",),
            description=_("Explanation of the turnaround time."),
        ),
        Column(
            "jenis_biaya",
            "fee_kind",
            CHOICE,
            required=True,
            aliases=("jenis_tarif",),
            vocabulary=FEE_KINDS,
            description=_(
                "How the fee is set: “gratis” (free: no amount), “tetap” (one amount), "
                "“rentang” (from “biaya” to “biaya_maks”), “per satuan” (amount per unit, "
                "see “satuan_biaya”), “rumus” (explained in “keterangan_biaya”)."
            ),
            example="gratis",
        ),
        Column(
            "biaya",
            "fee_amount",
            RUPIAH,
            aliases=("tarif", "biaya_rp", "nominal"),
            description=_(
                "Amount in whole rupiah, e.g. 30000, 30.000 or Rp30.000 (the lowest amount of "
                "a range). Empty or 0 for free services."
            ),
            example="0",
        ),
        Column(
            "biaya_maks",
            "fee_max",
            RUPIAH,
            aliases=("biaya_sampai", "tarif_maks"),
            description=_("Highest amount of a range (“rentang”), in rupiah."),
        ),
        Column(
            "satuan_biaya",
            "fee_unit",
            aliases=("satuan_tarif",),
            description=_("Unit of a per-unit fee, e.g. “per bidang”."),
        ),
        Column(
            "keterangan_biaya",
            "fee_note",
            aliases=("catatan_biaya", "keterangan_tarif"),
            description=_("Explanation of the fee, the formula of a “rumus” fee."),
        ),
        Column(
            "dasar_hukum_biaya",
            "fee_legal_basis",
            aliases=("dasar_hukum_tarif",),
            description=_("Regulation that sets the fee."),
        ),
        Column(
            "produk",
            "product",
            required=True,
            aliases=("produk_layanan",),
            description=_("What the citizen receives."),
            example="KTP-el",
        ),
        Column("produk_en", "product_en", description=_("Product in English.")),
        Column(
            "pengaduan",
            "complaint_handling",
            required=True,
            aliases=("penanganan_pengaduan", "pengaduan_saran_dan_masukan"),
            description=_("How to make a complaint, suggestion or comment."),
            example="Loket pengaduan MPP, SP4N-LAPOR!",
        ),
        Column(
            "pengaduan_en",
            "complaint_handling_en",
            description=_("Complaint handling in English."),
        ),
        Column(
            "dasar_hukum",
            "legal_basis",
            description=_("Laws and regulations the service rests on, one per line."),
        ),
        Column(
            "nomor_sk",
            "decree_number",
            aliases=("no_sk", "nomor_keputusan"),
            description=_("Number of the decree that set the service standard."),
        ),
        Column(
            "tanggal_sk",
            "decree_date",
            DATE,
            aliases=("tgl_sk", "tanggal_keputusan"),
            description=_("Date of that decree, e.g. 2024-01-31 or 31/01/2024."),
        ),
        Column(
            "sarana_prasarana",
            "facilities",
            aliases=("sarana", "sarana_dan_prasarana"),
            description=_("Internal component: facilities and infrastructure."),
        ),
        Column(
            "kompetensi_pelaksana",
            "staff_competence",
            description=_("Internal component: staff competence."),
        ),
        Column(
            "pengawasan_internal",
            "internal_supervision",
            description=_("Internal component: internal supervision."),
        ),
        Column(
            "jumlah_pelaksana",
            "staff_count",
            description=_("Internal component: number of staff."),
        ),
        Column(
            "jaminan_pelayanan",
            "service_guarantee",
            description=_("Internal component: service guarantee."),
        ),
        Column(
            "jaminan_keamanan",
            "safety_guarantee",
            aliases=("jaminan_keamanan_dan_keselamatan",),
            description=_("Internal component: security and safety guarantee."),
        ),
        Column(
            "evaluasi_kinerja",
            "performance_evaluation",
            aliases=("evaluasi_kinerja_pelaksana",),
            description=_("Internal component: staff performance evaluation."),
        ),
        Column(
            "saluran",
            "channel",
            CHOICE,
            required=True,
            aliases=("cara_layanan",),
            vocabulary=CHANNELS,
            description=_("Where the service is delivered."),
            example="loket",
        ),
        Column(
            "sistem_online",
            "online_system",
            aliases=("sistem_nasional", "aplikasi", "kanal_resmi"),
            description=_(
                "Name of the official online system where people apply (a national system such "
                "as M-Paspor, OSS, e-Court or IKD, or the agency's own). The page sends people "
                "there first."
            ),
            example="M-Paspor",
        ),
        Column(
            "alamat_online",
            "online_url",
            aliases=("tautan", "link", "url"),
            description=_("Address of the online service, starting with https://."),
        ),
        Column(
            "bantuan_di_gerai",
            "booth_help",
            aliases=("bantuan_gerai",),
            description=_(
                "What the booth does for people who use the online system and what to bring."
            ),
        ),
        Column(
            "bantuan_di_gerai_en",
            "booth_help_en",
            aliases=("bantuan_gerai_en",),
            description=_("Help at the booth in English."),
        ),
        Column(
            "permohonan_online",
            "accepts_online_applications",
            BOOLEAN,
            aliases=("terima_permohonan_online", "permohonan_online_mpp"),
            description=_(
                "“ya” only if the agency accepts applications through this site's online form. "
                "Empty: tidak."
            ),
            example="tidak",
        ),
        Column(
            "tempat_layanan",
            "counter_info",
            aliases=("loket",),
            description=_("Where in the mall the service is delivered."),
            example="Loket 3",
        ),
        Column(
            "sumber",
            "source",
            required=True,
            aliases=("sumber_data",),
            description=_("For staff only, never shown to citizens: where the entry comes from."),
            example="SK Kepala Dinas No. 100/2024",
        ),
        Column(
            "perlu_konfirmasi",
            "needs_confirmation",
            BOOLEAN,
            description=_("“ya” if some facts are still uncertain (say which in the next column)."),
            example="tidak",
        ),
        Column(
            "pertanyaan_terbuka",
            "open_questions",
            aliases=("yang_perlu_dikonfirmasi", "catatan_konfirmasi"),
            description=_(
                "For staff only, never shown to citizens: what the agency still has to confirm."
            ),
        ),
        Column(
            "terakhir_diverifikasi",
            "last_verified",
            DATE,
            aliases=("tanggal_verifikasi",),
            description=_("When the entry was last checked with the agency."),
            example="2024-06-30",
        ),
        Column(
            "urutan",
            "position",
            INTEGER,
            aliases=("no_urut",),
            description=_("Order within the agency (smaller first). Empty: 100."),
        ),
        Column(
            "aktif",
            "is_active",
            BOOLEAN,
            aliases=("active",),
            description=_("“ya” if the service is shown to the public, “tidak” to hide it."),
            example="ya",
        ),
    ),
)

_SERVICE_REFERENCE = Column(
    "layanan",
    "service",
    SLUG,
    required=True,
    aliases=("slug_layanan", "kode_layanan", "slug"),
    description=_("Code (slug) of the service, as in the sheet “layanan”."),
    example="ktp-el-hilang",
)
_POSITION = Column(
    "urutan",
    "position",
    INTEGER,
    aliases=("no", "nomor", "no_urut"),
    description=_(
        "Order within the service (1, 2, 3 …). Empty column: the order of the rows. "
        "Numbers must not repeat within one service."
    ),
    example="1",
)

REQUIREMENT_SHEET = Sheet(
    "persyaratan",
    aliases=("requirements", "syarat"),
    description=_(
        "The requirements of the services in the sheet “layanan”, one row per requirement. "
        "They replace the service's list as a whole: a service without rows here has none."
    ),
    columns=(
        _SERVICE_REFERENCE,
        _POSITION,
        Column(
            "persyaratan",
            "text",
            required=True,
            aliases=("syarat", "teks"),
            description=_("The requirement."),
            example="Surat keterangan hilang dari kepolisian",
        ),
        Column(
            "persyaratan_en",
            "text_en",
            aliases=("syarat_en", "teks_en"),
            description=_("The requirement in English."),
        ),
        Column(
            "wajib",
            "is_mandatory",
            BOOLEAN,
            aliases=("mandatory",),
            description=_("“ya” if required, “tidak” if only when applicable. Empty: ya."),
            example="ya",
            true_words=("wajib",),
            false_words=("tidak wajib", "opsional", "jika ada", "bila ada"),
        ),
        Column(
            "bentuk",
            "form",
            CHOICE,
            aliases=("bentuk_dokumen",),
            vocabulary=DOCUMENT_FORMS,
            description=_("What to bring. Empty: fotokopi."),
            example="asli",
        ),
        Column(
            "jumlah",
            "quantity",
            INTEGER,
            aliases=("rangkap", "banyaknya"),
            description=_("How many copies. Empty: 1."),
            example="1",
        ),
        Column(
            "catatan",
            "note",
            aliases=("keterangan",),
            description=_("Note on the requirement."),
        ),
    ),
)

STEP_SHEET = Sheet(
    "langkah",
    aliases=("steps", "prosedur", "alur", "mekanisme"),
    description=_(
        "The procedure steps of the services in the sheet “layanan”, one row per step. They "
        "replace the service's list as a whole."
    ),
    columns=(
        _SERVICE_REFERENCE,
        _POSITION,
        Column(
            "langkah",
            "text",
            required=True,
            aliases=("teks", "prosedur"),
            description=_("The step."),
            example="Ambil nomor antrean di anjungan",
        ),
        Column(
            "langkah_en",
            "text_en",
            aliases=("teks_en", "prosedur_en"),
            description=_("The step in English."),
        ),
    ),
)

#: The sheets in file order.
SHEETS = (AGENCY_SHEET, SERVICE_SHEET, REQUIREMENT_SHEET, STEP_SHEET)

#: The instruction sheet of generated files; import ignores it.
INSTRUCTIONS_SHEET = "petunjuk"


def sheet_for_name(name: str) -> Sheet | None:
    key = normalise_header(name)
    for sheet in SHEETS:
        if key == normalise_header(sheet.key) or key in {
            normalise_header(a) for a in sheet.aliases
        }:
            return sheet
    return None


def allowed_values(column: Column) -> str:
    """The values a column takes, as a short human description (for docs and the template)."""
    if column.vocabulary is not None:
        return ", ".join(column.vocabulary.canonical_words)
    if column.kind == BOOLEAN:
        return "ya, tidak"
    return ""
