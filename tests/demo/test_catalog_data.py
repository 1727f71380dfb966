"""The MPP Kabupaten Ngawi catalogue data files (mpp/demo/data/ngawi) and their loader."""

from __future__ import annotations

from datetime import date
from io import StringIO
from itertools import combinations

import pytest
from django.core.management import call_command
from django.db import transaction

from mpp.catalog.enums import AgencyLevel, FeeKind
from mpp.catalog.models import Agency, Service
from mpp.core.enums import BoothKind
from mpp.core.models import Booth, Mall
from mpp.demo.catalog import KINDS
from mpp.demo.catalog import load_demo_catalog as load_demo

# Providers the issue requires, each with the core services it must offer (by slug).
REQUIRED_SERVICES = {
    "dispendukcapil": {
        "ktp-el-baru",
        "ktp-el-hilang",
        "ktp-el-rusak",
        "kk-baru",
        "kk-perubahan-data",
        "kk-tambah-anggota",
        "kk-hilang",
        "kia",
        "akta-kelahiran",
        "akta-kematian",
        "pindah-keluar",
        "pindah-datang",
        "ikd-aktivasi",
    },
    "dpmptsp": {
        "nib-oss",
        "konsultasi-oss",
        "pbg",
        "sip-dokter",
        "sip-bidan",
        "sip-perawat",
        "sip-apoteker",
    },
    "polres-ngawi": {
        "skck-baru",
        "skck-perpanjangan",
        "sim-a-perpanjangan",
        "sim-c-perpanjangan",
    },
    "samsat-ngawi": {
        "pkb-tahunan",
        "pkb-lima-tahunan",
        "balik-nama-kendaraan",
        "mutasi-kendaraan-keluar",
        "mutasi-kendaraan-masuk",
    },
    "imigrasi-madiun": {
        "paspor-baru",
        "paspor-perpanjangan",
        "paspor-hilang",
        "paspor-rusak",
        "paspor-elektronik-baru",
    },
    "kpp-pratama-ngawi": {"npwp-orang-pribadi", "efin", "bantuan-spt-tahunan"},
    "bpjs-kesehatan": {"jkn-daftar-mandiri", "jkn-perubahan-data"},
    "bpjs-ketenagakerjaan": {"bpjs-tk-daftar-bpu", "bpjs-tk-klaim-jht"},
    "atr-bpn-ngawi": {"sertifikat-tanah-hilang", "balik-nama-sertifikat", "roya"},
    "kemenag-ngawi": {
        "nikah-di-kua",
        "nikah-luar-kua",
        "haji-pendaftaran",
        "sertifikasi-halal-self-declare",
        "sertifikasi-halal-reguler",
    },
    "pa-ngawi": {"pa-gugatan-cerai", "pa-akta-cerai"},
    "pn-ngawi": {"pn-surat-keterangan-tidak-dipidana"},
    "kejari-ngawi": {"tilang-barang-bukti"},
    "bapenda-ngawi": {"pbb-p2-mutasi", "bphtb-validasi"},
    "dpptk": {"kartu-ak1"},
    "dinsos": {"dtsen-pendaftaran", "pbi-jk-usulan"},
    "pln": {"pln-pasang-baru", "pln-tambah-daya"},
    "perumda-air-minum": {"pdam-sambungan-baru"},
    "bank-jatim": {"bank-jatim-pajak-daerah"},
    "pos-indonesia": {"pos-kirim-paket"},
    "taspen": {"taspen-klaim-pensiun"},
    "bnnk-ngawi": {"skhpn"},
}

DUKCAPIL_SLUG = "dispendukcapil"


@pytest.fixture(scope="module")
def first_load(django_db_setup, django_db_blocker):
    """Load the demo catalogue once for this module and roll it back afterwards.

    Loading ~170 services takes seconds, so the tests share one load; each test still runs
    inside its own savepoint (django_db), so nothing a test writes leaks to the next.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def mall(first_load, db):
    return Mall.objects.get(slug="ngawi")


def _services(mall):
    return Service.objects.filter(mall=mall).prefetch_related("requirements", "steps")


@pytest.mark.django_db
def test_load_demo_counts_reach_the_issue_minimums(mall):
    assert Service.objects.filter(mall=mall).count() >= 155
    assert Agency.objects.filter(mall=mall).count() >= 30


@pytest.mark.django_db
def test_load_demo_first_run_creates_every_row(first_load, mall):
    stored = {
        "mall": 1,
        "booths": Booth.objects.filter(mall=mall).count(),
        "agencies": Agency.objects.filter(mall=mall).count(),
        "services": Service.objects.filter(mall=mall).count(),
    }

    created = {kind: first_load.kinds[kind].created for kind in KINDS}

    assert created == stored
    assert (first_load.changed, first_load.unchanged) == (0, 0)


@pytest.mark.django_db
def test_load_demo_second_run_changes_nothing(first_load, mall):
    report = load_demo()

    assert (report.created, report.changed) == (0, 0)
    assert report.unchanged == first_load.created
    assert {k: report.kinds[k].unchanged for k in KINDS} == {
        k: first_load.kinds[k].created for k in KINDS
    }


@pytest.mark.django_db
def test_load_demo_command_prints_one_summary_line_per_part(mall):
    out = StringIO()

    call_command("load_demo", stdout=out)

    catalogue, calendar = out.getvalue().splitlines()[:2]
    assert catalogue.startswith("Demo data for MPP Ngawi: ")
    assert " 0 created, 0 changed, " in catalogue
    assert calendar.startswith("Calendar: ")


@pytest.mark.django_db
def test_services_publish_all_six_components(mall):
    incomplete = []
    for service in _services(mall):
        requirements, steps = list(service.requirements.all()), list(service.steps.all())
        checks = {
            "requirements": len(requirements) >= 1,
            "steps": len(steps) >= 3,
            "turnaround": service.turnaround_value > 0 and bool(service.turnaround_unit),
            "fee_kind": bool(service.fee_kind),
            "product": bool(service.product and service.product_en),
            "complaints": bool(service.complaint_handling and service.complaint_handling_en),
        }
        incomplete += [(service.slug, name) for name, ok in checks.items() if not ok]

    assert incomplete == []


@pytest.mark.django_db
def test_services_carry_metadata_and_english(mall):
    missing = []
    fields = (
        "name_en",
        "summary",
        "summary_en",
        "keywords",
        "legal_basis",
        "counter_info",
        "source",
        "category",
        "channel",
    )
    for service in _services(mall):
        missing += [(service.slug, f) for f in fields if not getattr(service, f)]
        if service.last_verified is None:
            missing.append((service.slug, "last_verified"))
        missing += [(service.slug, r.text) for r in service.requirements.all() if not r.text_en]
        missing += [(service.slug, s.text) for s in service.steps.all() if not s.text_en]

    assert missing == []


@pytest.mark.django_db
def test_service_fee_matches_its_kind(mall):
    def consistent(s):
        if s.fee_kind == FeeKind.FREE:
            return s.fee_amount == 0
        if not s.fee_legal_basis:
            return False
        if s.fee_kind == FeeKind.FIXED:
            return s.fee_amount > 0
        if s.fee_kind == FeeKind.RANGE:
            return s.fee_max is not None and s.fee_max > s.fee_amount
        if s.fee_kind == FeeKind.PER_UNIT:
            return s.fee_amount > 0 and bool(s.fee_unit)
        return bool(s.fee_note)  # variable: the note explains the formula

    wrong = [s.slug for s in Service.objects.filter(mall=mall) if not consistent(s)]

    assert wrong == []


@pytest.mark.django_db
def test_needs_confirmation_is_explained_in_open_questions(mall):
    mismatched = [
        s.slug
        for s in Service.objects.filter(mall=mall)
        if s.needs_confirmation != bool(s.open_questions)
    ]

    assert mismatched == []


@pytest.mark.django_db
def test_required_providers_offer_their_core_services(mall):
    offered = {
        agency.slug: set(agency.services.values_list("slug", flat=True))
        for agency in Agency.objects.filter(mall=mall, slug__in=REQUIRED_SERVICES)
    }

    missing = {
        slug: sorted(wanted - offered.get(slug, set()))
        for slug, wanted in REQUIRED_SERVICES.items()
        if wanted - offered.get(slug, set())
    }

    assert missing == {}


@pytest.mark.django_db
def test_agencies_have_the_right_government_level(mall):
    levels = dict(Agency.objects.filter(mall=mall).values_list("slug", "level"))

    assert {
        slug: levels[slug]
        for slug in (
            "dispendukcapil",
            "dpmptsp",
            "samsat-ngawi",
            "polres-ngawi",
            "imigrasi-madiun",
            "kejari-ngawi",
            "pln",
            "pos-indonesia",
            "bank-jatim",
            "perumda-air-minum",
            "pmi-ngawi",
        )
    } == {
        "dispendukcapil": AgencyLevel.REGENCY,
        "dpmptsp": AgencyLevel.REGENCY,
        "samsat-ngawi": AgencyLevel.PROVINCIAL,
        "polres-ngawi": AgencyLevel.CENTRAL,
        "imigrasi-madiun": AgencyLevel.CENTRAL,
        "kejari-ngawi": AgencyLevel.CENTRAL,
        "pln": AgencyLevel.STATE_OWNED,
        "pos-indonesia": AgencyLevel.STATE_OWNED,
        "bank-jatim": AgencyLevel.REGION_OWNED,
        "perumda-air-minum": AgencyLevel.REGION_OWNED,
        "pmi-ngawi": AgencyLevel.NON_GOVERNMENT,
    }


@pytest.mark.django_db
def test_agencies_start_with_dispendukcapil_and_dpmptsp(mall):
    first_two = list(Agency.objects.filter(mall=mall).order_by("position")[:2])

    assert [a.slug for a in first_two] == ["dispendukcapil", "dpmptsp"]


@pytest.mark.django_db
def test_skck_fee_is_rp30000(mall):
    fees = dict(
        Service.objects.filter(mall=mall, slug__startswith="skck-").values_list(
            "slug", "fee_amount"
        )
    )

    assert fees == {"skck-baru": 30_000, "skck-perpanjangan": 30_000}


@pytest.mark.django_db
def test_sim_renewal_fees_follow_pp_76_2020(mall):
    fees = dict(
        Service.objects.filter(mall=mall, slug__startswith="sim-").values_list("slug", "fee_amount")
    )

    assert fees == {
        "sim-a-perpanjangan": 80_000,
        "sim-b1-perpanjangan": 80_000,
        "sim-b2-perpanjangan": 80_000,
        "sim-c-perpanjangan": 75_000,
    }


@pytest.mark.django_db
def test_passport_fees_follow_pp_45_2024(mall):
    passports = Service.objects.filter(
        mall=mall, slug__in=["paspor-baru", "paspor-elektronik-baru", "paspor-percepatan"]
    )

    fees = {s.slug: (s.fee_kind, s.fee_amount, s.fee_max) for s in passports}

    assert fees == {
        "paspor-baru": (FeeKind.RANGE, 350_000, 650_000),
        "paspor-elektronik-baru": (FeeKind.RANGE, 650_000, 950_000),
        "paspor-percepatan": (FeeKind.FIXED, 1_000_000, None),
    }


@pytest.mark.django_db
def test_dukcapil_services_are_all_free(mall):
    kinds = set(
        Service.objects.filter(mall=mall, agency__slug=DUKCAPIL_SLUG).values_list(
            "fee_kind", "fee_amount"
        )
    )

    assert kinds == {(FeeKind.FREE, 0)}


@pytest.mark.django_db
def test_marriage_is_free_at_kua_and_600000_outside(mall):
    fees = dict(
        Service.objects.filter(mall=mall, slug__in=["nikah-di-kua", "nikah-luar-kua"]).values_list(
            "slug", "fee_amount"
        )
    )

    assert fees == {"nikah-di-kua": 0, "nikah-luar-kua": 600_000}


@pytest.mark.django_db
def test_nib_is_free_and_pbg_levy_is_flagged(mall):
    nib = Service.objects.get(mall=mall, slug="nib-oss")
    pbg = Service.objects.get(mall=mall, slug="pbg")

    assert (nib.fee_kind, nib.fee_amount) == (FeeKind.FREE, 0)
    assert (pbg.fee_kind, pbg.needs_confirmation) == (FeeKind.VARIABLE, True)
    assert "retribusi" in pbg.open_questions.lower()


@pytest.mark.django_db
def test_mall_has_the_ngawi_facts(mall):
    assert (mall.region_code, mall.opened_on, mall.floors) == ("35.21", date(2023, 12, 18), 2)
    assert "Plaza Ngawi" in mall.address
    assert "Kartonyono" in mall.address
    assert mall.opening_hours_rows


@pytest.mark.django_db
def test_every_agency_has_its_own_service_booth(mall):
    agencies = Agency.objects.filter(mall=mall).select_related("booth")

    without = [a.slug for a in agencies if a.booth is None or a.booth.kind != BoothKind.SERVICE]
    booth_ids = [a.booth_id for a in agencies]

    assert without == []
    assert len(booth_ids) == len(set(booth_ids))


@pytest.mark.django_db
def test_booths_fit_the_floor_plan(mall):
    outside = [
        b.code
        for b in Booth.objects.filter(mall=mall)
        if b.x + b.width > 100 or b.y + b.height > 60 or not 1 <= b.floor <= mall.floors
    ]

    assert outside == []


@pytest.mark.django_db
def test_booths_do_not_overlap_on_the_same_floor(mall):
    booths = list(Booth.objects.filter(mall=mall))

    def overlap(a, b):
        return (
            a.floor == b.floor
            and a.x < b.x + b.width
            and b.x < a.x + a.width
            and a.y < b.y + b.height
            and b.y < a.y + a.height
        )

    clashes = [(a.code, b.code) for a, b in combinations(booths, 2) if overlap(a, b)]

    assert clashes == []


@pytest.mark.django_db
def test_mall_has_twelve_msme_booths_and_the_facilities(mall):
    kinds = Booth.objects.filter(mall=mall)

    assert kinds.filter(kind=BoothKind.MSME).count() == 12
    assert {"INFO", "TUNGGU-1", "COWORK", "LAKTASI"} <= set(
        kinds.filter(kind=BoothKind.FACILITY).values_list("code", flat=True)
    )


# --- Citizen pages carry no provenance ------------------------------------------------------

#: Words that only belong in the staff-only columns: sources, borrowed standards of other
#: regions, and notes on what is uncertain.
PROVENANCE_MARKERS = (
    "sumber:",
    "perlu konfirmasi",
    "perlu dikonfirmasi",
    "[perlu",
    "contoh standar",
    "perkiraan;",
    "perkiraan.",
    "perkiraan lama",
    "sebagian daerah",
    "belum diketahui",
    "kulon progo",
    "lamongan",
    "bontang",
    "tribunnews",
    "kompas.tv",
    "scribd",
)


@pytest.mark.django_db
def test_citizen_page_of_every_service_carries_no_provenance_text(mall, client):
    offending = []
    for service in Service.objects.filter(mall=mall, is_active=True).order_by("pk"):
        response = client.get(f"/layanan/{service.slug}/")
        page = response.content.decode()
        api = client.get(f"/api/v1/services/{service.slug}").content.decode()
        lowered = page.lower()
        found = [m for m in PROVENANCE_MARKERS if m in lowered]
        # A source item may coincide with a public fact (a regulation in the legal basis, the
        # official address the page links to); any other source item on the page is a leak.
        public = " ".join(
            str(getattr(service, f.attname))
            for f in Service._meta.concrete_fields
            if f.name not in {"source", "open_questions"}
        )
        leaked = [
            item.strip()
            for item in service.source.split(";")
            if item.strip() and item.strip() not in public and item.strip() in page + api
        ]
        if response.status_code != 200 or found or leaked:
            offending.append((service.slug, response.status_code, found + leaked))
        if service.open_questions and service.open_questions in page + api:
            offending.append((service.slug, "open questions published", []))

    assert offending == []


@pytest.mark.django_db
def test_every_service_page_shows_whether_the_agency_confirmed_it(mall, client):
    pages = [
        client.get(f"/layanan/{slug}/").content.decode()
        for slug in Service.objects.filter(mall=mall).values_list("slug", flat=True)[:5]
    ]

    assert all("Belum dikonfirmasi instansi" in page for page in pages)


@pytest.mark.django_db
def test_passports_nib_and_divorce_lead_to_their_national_systems(mall):
    channels = dict(
        Service.objects.filter(
            mall=mall,
            slug__in=[
                "paspor-baru",
                "nib-oss",
                "pa-gugatan-cerai",
                "kk-hilang",
                "sim-c-perpanjangan",
            ],
        ).values_list("slug", "online_system")
    )
    ours = set(
        Service.objects.filter(mall=mall, accepts_online_applications=True).values_list(
            "slug", flat=True
        )
    )

    assert channels == {
        "paspor-baru": "M-Paspor",
        "nib-oss": "OSS (Online Single Submission)",
        "pa-gugatan-cerai": "e-Court Mahkamah Agung",
        "kk-hilang": "IKD dan layanan online Dispendukcapil Ngawi",
        "sim-c-perpanjangan": "SINAR (aplikasi Digital Korlantas Polri)",
    }
    assert ours == {"akta-kelahiran", "akta-kematian"}


@pytest.mark.django_db
def test_agencies_carry_pledge_head_title_and_staff_notes(mall):
    agencies = list(Agency.objects.filter(mall=mall))

    assert [a.slug for a in agencies if not (a.maklumat and a.head_title and a.notes)] == []
    assert Agency.objects.filter(mall=mall, level=AgencyLevel.PRIVATE).count() == 0


@pytest.mark.django_db
def test_mall_has_a_location_for_open311(mall):
    assert (round(float(mall.latitude), 2), round(float(mall.longitude), 2)) == (-7.4, 111.45)


#: What the agencies' staff-only notes (`catatan_staf`) say about the data's gaps.
AGENCY_NOTE_MARKERS = (
    "belum diketahui",
    "belum ditandatangani",
    "minta teks resmi",
    "rumusan pola umum",
)


def _provenance_in(text: str) -> list[str]:
    lowered = text.lower()
    return [m for m in PROVENANCE_MARKERS + AGENCY_NOTE_MARKERS if m in lowered]


@pytest.mark.django_db
def test_english_service_pages_carry_no_provenance_text(mall, client):
    offending = []
    for service in Service.objects.filter(mall=mall, is_active=True).order_by("pk"):
        response = client.get(f"/layanan/{service.slug}/", HTTP_ACCEPT_LANGUAGE="en")
        found = _provenance_in(response.content.decode())
        if response.status_code != 200 or found:
            offending.append((service.slug, response.status_code, found))

    assert offending == []


@pytest.mark.django_db
def test_agency_pages_lists_and_search_carry_no_provenance_text(mall, client):
    agencies = list(Agency.objects.filter(mall=mall, is_active=True).order_by("pk"))
    urls = ["/", "/instansi/", "/cari/?q=paspor", "/cari/?q=akta+kelahiran", "/cari/?q=nib"]
    urls += [f"/instansi/{agency.slug}/" for agency in agencies]
    urls += ["/api/v1/agencies"] + [f"/api/v1/agencies/{agency.slug}" for agency in agencies]
    offending = []
    for url in urls:
        for language in ("id", "en"):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            body = response.content.decode()
            found = _provenance_in(body)
            notes = [a.slug for a in agencies if a.notes and a.notes in body]
            if response.status_code != 200 or found or notes:
                offending.append((url, language, response.status_code, found, notes))

    assert offending == []


@pytest.mark.django_db
def test_agency_pages_show_the_unconfirmed_badge_and_no_draft_pledge(mall, client):
    agency = Agency.objects.get(mall=mall, slug="dispendukcapil")

    page = client.get(f"/instansi/{agency.slug}/").content.decode()

    assert "Belum dikonfirmasi instansi" in page
    assert agency.head_title in page
    # The pledge filled in as a draft is not the agency's until it confirms its profile.
    assert agency.maklumat not in page
    assert "Instansi belum menetapkan maklumat pelayanannya di sini." in page


@pytest.mark.django_db
def test_no_agency_is_labelled_private_and_pmi_is_a_non_government_organisation(mall, client):
    page = client.get("/instansi/pmi-ngawi/").content.decode()

    assert not Agency.objects.filter(mall=mall, level=AgencyLevel.PRIVATE).exists()
    assert Agency.objects.get(mall=mall, slug="pmi-ngawi").level == AgencyLevel.NON_GOVERNMENT
    assert "Lembaga nonpemerintah" in page
    assert "swasta" not in page.lower()


@pytest.mark.django_db
def test_pages_of_nationally_run_services_lead_to_the_official_channel_first(mall, client):
    from django.urls import reverse

    offending = []
    national = Service.objects.filter(mall=mall, is_active=True).exclude(online_system="")
    for service in national.select_related("agency"):
        page = client.get(f"/layanan/{service.slug}/").content.decode()
        our_form = reverse("applications:start", args=[service.slug])
        official, ours = page.find(f"Ajukan lewat {service.online_system}"), page.find(our_form)
        checks = {
            "link": f'href="{service.online_url.replace("&", "&amp;")}"' in page,
            "official first": official >= 0 and (ours < 0 or official < ours),
            "booth help": bool(service.booth_help) and service.booth_help in page,
            "our form only if accepted": (our_form in page) == service.accepts_online_applications,
        }
        offending += [(service.slug, name) for name, ok in checks.items() if not ok]

    assert national.count() >= 60
    assert offending == []


def test_demo_reads_the_floor_plan_like_onboarding_and_names_a_bad_row(tmp_path):
    from mpp.catalog.onboarding import read_booth_file
    from mpp.demo.catalog import DATA_DIR, DemoDataError, read_booths

    (tmp_path / "booths.csv").write_text(
        "code,kind,floor,x,y,width,height,label\nA01,service,satu,0,0,5,5,Gerai\n",
        encoding="utf-8",
    )

    assert read_booths() == read_booth_file(DATA_DIR / "booths.csv")
    with pytest.raises(DemoDataError, match="row 2"):
        read_booths(tmp_path)
