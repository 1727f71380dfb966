"""Service search: analysis of Indonesian text, typo correction, scoping, index upkeep.

Runs on SQLite by default and on PostgreSQL with DATABASE_URL; both engines must give the same
answers. The realistic-query evaluation lives in test_search_eval.py.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpp.catalog.domain import RequirementData, ServiceData, StepData, upsert_service
from mpp.catalog.enums import Channel, FeeKind, TimeUnit
from mpp.catalog.models import Service
from mpp.catalog.search import search_services
from mpp.catalog.search.backends import backend_for
from mpp.catalog.search.indexing import reindex_services
from mpp.catalog.search.normalize import analyse_query, document_text, fold, stem, tokenize
from mpp.catalog.search.typos import best_correction, corrections, edit_distance
from tests.factories import AgencyFactory, MallFactory, ServiceFactory

# --- Analysis (no database) ------------------------------------------------------------------


def _groups(query: str) -> list[str]:
    """The primary term of each query group."""
    return [group.primary for group in analyse_query(query).groups]


def test_fold_removes_accents_case_and_apostrophes():
    assert fold("Pémbuatan KTP-el Driver's") == "pembuatan ktp-el drivers"


def test_tokenize_turns_punctuation_and_emoji_into_separators():
    assert tokenize('KTP/KK, "akta"; (SIM) 😀 e-KTP!') == ["ktp", "kk", "akta", "sim", "e", "ktp"]


def test_stem_strips_indonesian_affixes():
    assert [stem(w) for w in ["perpanjangan", "kelahiran", "kehilangan", "pencatatan"]] == [
        "panjang",
        "lahir",
        "hilang",
        "catat",
    ]


def test_stem_understands_colloquial_affixes():
    assert [stem(w) for w in ["nyetak", "ngambil", "daftarin", "mbayar"]] == [
        "cetak",
        "ambil",
        "daftar",
        "bayar",
    ]


def test_stem_leaves_abbreviations_alone():
    assert [stem(w) for w in ["skck", "npwp", "bpjs", "paspor"]] == [
        "skck",
        "npwp",
        "bpjs",
        "paspor",
    ]


def test_query_abbreviation_variants_become_one_term():
    assert _groups("e-KTP") == ["ktp"]
    assert _groups("KTP-el") == ["ktp"]
    assert _groups("kartu tanda penduduk") == ["ktp"]
    assert _groups("kartu keluarga") == ["kk"]
    assert _groups("surat izin mengemudi") == ["sim"]


def test_document_keeps_words_and_adds_canonical_abbreviation():
    assert document_text("Kartu Keluarga") == "kk kartu keluarga"
    assert document_text("KTP-el") == "ktp"


def test_query_everyday_words_expand():
    bikin = analyse_query("bikin").groups[0].alternatives
    assert bikin["buat"] == bikin["bikin"] == 1.0
    assert "baru" in bikin
    assert _groups("ktp ilang") == ["ktp", "hilang"]
    assert _groups("perpanjang sim") == ["panjang", "sim"]


def test_query_intent_and_stop_words_are_dropped():
    assert _groups("gimana cara ngurus ktp ya") == ["ktp"]
    assert _groups("tolong dong gimana caranya") == []


def test_query_sim_classes_are_distinct_terms():
    assert _groups("sim a") == ["sim", "sima"]
    assert _groups("SIM C") == ["sim", "simc"]


def test_query_english_is_translated():
    assert _groups("birth certificate") == ["akta", "lahir"]
    assert _groups("lost passport") == ["hilang", "paspor"]
    assert _groups("how do I renew my driving licence") == ["panjang", "sim"]
    assert _groups("police certificate") == ["skck"]


def test_query_related_terms_have_lower_weight():
    alternatives = analyse_query("nikah").groups[0].alternatives
    assert alternatives == {"nikah": 1.0, "kawin": 0.9}


def test_edit_distance_counts_a_swap_as_one_edit():
    assert edit_distance("kelahrian", "kelahiran", 2) == 1
    assert edit_distance("pasport", "paspor", 2) == 1
    assert edit_distance("ktp", "skck", 1) == 2  # beyond the limit: limit + 1


def test_best_correction_prefers_fewest_edits_and_ignores_short_words():
    assert best_correction("pasport", ["paspor", "pasar", "sport"]) == "paspor"
    assert best_correction("kpt", ["ktp"]) is None
    assert best_correction("zzzzzz", ["paspor"]) is None


# --- Search over a small catalogue -----------------------------------------------------------


def _service(mall, agency, slug, name, **extra):
    data = ServiceData(
        slug=slug,
        name=name,
        turnaround_value=1,
        turnaround_unit=TimeUnit.WORKING_DAYS,
        fee_kind=FeeKind.FREE,
        product=extra.pop("product", "Dokumen"),
        complaint_handling="Loket pengaduan",
        channel=Channel.COUNTER,
        source="test",
        requirements=[RequirementData(text=t) for t in extra.pop("requirements", [])],
        steps=[StepData(text=t) for t in extra.pop("steps", [])],
        **extra,
    )
    service, _changed = upsert_service(mall=mall, agency=agency, data=data)
    return service


@pytest.fixture
def catalogue(mall):
    capil = AgencyFactory(
        mall=mall, slug="dukcapil", name="Dinas Kependudukan dan Pencatatan Sipil"
    )
    polres = AgencyFactory(mall=mall, slug="polres", name="Kepolisian Resor Ngawi")
    imigrasi = AgencyFactory(mall=mall, slug="imigrasi", name="Kantor Imigrasi Madiun")
    services = [
        _service(
            mall,
            capil,
            "ktp-baru",
            "Penerbitan KTP-el Baru",
            name_en="New electronic ID card",
            keywords="rekam ktp, bikin ktp, e-ktp",
            requirements=["Fotokopi Kartu Keluarga", "Sudah berumur 17 tahun"],
        ),
        _service(
            mall,
            capil,
            "ktp-hilang",
            "Penggantian KTP-el Hilang atau Rusak",
            name_en="Replacement of a lost or damaged ID card",
            requirements=["Surat keterangan kehilangan dari kepolisian", "Fotokopi KK"],
        ),
        _service(
            mall,
            capil,
            "kk-baru",
            "Penerbitan Kartu Keluarga Baru",
            name_en="New family card",
            requirements=["Buku nikah atau akta perkawinan", "KTP-el suami dan istri"],
        ),
        _service(
            mall,
            capil,
            "akta-kelahiran",
            "Akta Kelahiran",
            name_en="Birth certificate",
            summary="Pencatatan kelahiran anak dan penerbitan kutipan akta.",
            requirements=["Surat keterangan lahir dari bidan atau rumah sakit", "KK orang tua"],
        ),
        _service(
            mall,
            capil,
            "akta-kematian",
            "Akta Kematian",
            name_en="Death certificate",
            requirements=["Surat keterangan kematian dari desa", "KTP-el yang meninggal"],
        ),
        _service(
            mall,
            polres,
            "skck",
            "Surat Keterangan Catatan Kepolisian (SKCK)",
            name_en="Police certificate",
            keywords="surat kelakuan baik, lamar kerja",
            requirements=["Fotokopi KTP-el", "Pas foto 4x6 latar merah"],
            steps=["Daftar online", "Sidik jari"],
        ),
        _service(
            mall,
            polres,
            "sim-perpanjangan",
            "Perpanjangan SIM A dan C",
            name_en="Driving licence renewal",
            requirements=["SIM lama", "KTP-el", "Surat keterangan sehat"],
        ),
        _service(
            mall,
            imigrasi,
            "paspor",
            "Paspor Baru",
            name_en="New passport",
            requirements=["KTP-el", "Kartu Keluarga", "Akta kelahiran"],
        ),
    ]
    return {s.slug: s for s in services}


def _slugs(result) -> list[str]:
    return [s.slug for s in result.services]


def _search(mall, query, **kwargs):
    return search_services(mall=mall, query=query, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ktp ilang", "ktp-hilang"),
        ("bikin ktp", "ktp-baru"),
        ("KTP", "ktp-baru"),
        ("e-ktp rusak", "ktp-hilang"),
        ("kartu keluarga", "kk-baru"),
        ("kk baru", "kk-baru"),
        ("akta lahir anak", "akta-kelahiran"),
        ("akte kelahiran", "akta-kelahiran"),
        ("akta orang meninggal", "akta-kematian"),
        ("skck buat lamar kerja", "skck"),
        ("surat kelakuan baik", "skck"),
        ("perpanjang sim c", "sim-perpanjangan"),
        ("paspor", "paspor"),
        ("birth certificate", "akta-kelahiran"),
        ("police clearance", "skck"),
        ("renew driving licence", "sim-perpanjangan"),
        ("lost ID card", "ktp-hilang"),
    ],
)
def test_search_puts_the_right_service_first(catalogue, mall, query, expected):
    result = _search(mall, query)
    assert _slugs(result)[:1] == [expected]
    assert result.suggestion == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected", "suggestion"),
    [
        ("paspro", "paspor", "paspor"),
        ("pasport", "paspor", ""),  # a common spelling: an alias, no suggestion needed
        ("akta kelahrian", "akta-kelahiran", "akta kelahiran"),
        ("perpanjangn sim", "sim-perpanjangan", "perpanjangan sim"),
        ("aktakematian", "akta-kematian", "akta kematian"),
    ],
)
def test_search_corrects_typos_and_suggests(catalogue, mall, query, expected, suggestion):
    result = _search(mall, query)
    assert _slugs(result)[:1] == [expected]
    assert result.suggestion == suggestion


@pytest.mark.django_db
def test_search_never_corrects_a_word_some_service_uses(catalogue, mall):
    result = _search(mall, "sidik jari")
    assert (_slugs(result), result.suggestion) == (["skck"], "")


@pytest.mark.django_db
def test_search_unknown_words_find_nothing(catalogue, mall):
    result = _search(mall, "qwxzv blorf")
    assert (result.total, result.services, result.suggestion) == (0, [], "")


@pytest.mark.django_db
def test_search_never_shows_another_malls_service(catalogue, mall):
    other = MallFactory(slug="madiun")
    other_agency = AgencyFactory(mall=other, slug="dukcapil")
    foreign = _service(other, other_agency, "ktp-hilang", "Penggantian KTP-el Hilang")
    result = _search(mall, "ktp hilang")
    foreign_result = _search(other, "ktp hilang")
    assert foreign.pk not in [s.pk for s in result.services]
    assert all(s.mall_id == mall.pk for s in result.services)
    assert [s.pk for s in foreign_result.services] == [foreign.pk]


@pytest.mark.django_db
def test_search_without_mall_spans_all_malls(catalogue, mall):
    other = MallFactory(slug="madiun")
    foreign = _service(other, AgencyFactory(mall=other), "ktp-hilang", "Penggantian KTP Hilang")
    result = search_services(mall=None, query="ktp hilang")
    assert {s.pk for s in result.services[:2]} == {foreign.pk, catalogue["ktp-hilang"].pk}


@pytest.mark.django_db
def test_search_agency_filter_keeps_only_that_agency(catalogue, mall):
    polres = catalogue["skck"].agency
    result = _search(mall, "ktp", agency=polres)
    # Both Polres services list a KTP-el among their requirements.
    assert set(_slugs(result)) == {"skck", "sim-perpanjangan"}


@pytest.mark.django_db
def test_search_skips_inactive_service_and_inactive_agency(catalogue, mall):
    Service.objects.filter(pk=catalogue["ktp-hilang"].pk).update(is_active=False)
    polres = catalogue["skck"].agency
    polres.is_active = False
    polres.save()
    # No reindex on purpose: even a stale index must not show them.
    assert "ktp-hilang" not in _slugs(_search(mall, "ktp hilang"))
    assert _search(mall, "skck").total == 0


@pytest.mark.django_db
def test_reindex_follows_an_update_through_the_domain(catalogue, mall):
    agency = catalogue["paspor"].agency
    _service(mall, agency, "paspor", "Penerbitan Dokumen Perjalanan Republik Indonesia")
    assert _slugs(_search(mall, "dokumen perjalanan"))[:1] == ["paspor"]
    # The old name, English name and requirements are gone from the index.
    assert "paspor" not in _slugs(_search(mall, "paspor"))


@pytest.mark.django_db
def test_reindex_removes_a_deactivated_service(catalogue, mall):
    agency = catalogue["skck"].agency
    _service(mall, agency, "skck", "SKCK", is_active=False)
    with connection.cursor() as cursor:
        candidates, _n = backend_for(connection).candidates(cursor, ["skck"], mall.pk, None)
    assert candidates == []
    assert _search(mall, "skck").total == 0


@pytest.mark.django_db
def test_reindex_of_factory_rows_makes_them_searchable(mall):
    service = ServiceFactory(agency=AgencyFactory(mall=mall), name="Izin Reklame")
    assert _search(mall, "reklame").total == 0
    assert reindex_services([service.pk, 999_999]) == 1
    assert _slugs(_search(mall, "reklame")) == [service.slug]


@pytest.mark.django_db
def test_deleting_a_service_removes_it_from_the_index(catalogue, mall):
    catalogue["paspor"].delete()
    with connection.cursor() as cursor:
        candidates, _n = backend_for(connection).candidates(cursor, ["paspor"], mall.pk, None)
    assert candidates == []


@pytest.mark.django_db
def test_rebuild_command_recreates_the_index(catalogue, mall, capsys):
    with connection.cursor() as cursor:
        backend_for(connection).clear(cursor)
    assert _search(mall, "paspor").total == 0
    call_command("rebuild_search_index")
    assert "Indexed 8 services" in capsys.readouterr().out
    assert _slugs(_search(mall, "paspor"))[:1] == ["paspor"]
    assert _search(mall, "paspro").suggestion == "paspor"


@pytest.mark.django_db
def test_search_pagination_total_is_independent_of_the_page(catalogue, mall):
    agency = catalogue["ktp-baru"].agency
    for n, what in enumerate(["Baru", "Hilang", "Rusak", "Perubahan Data", "Cetak Ulang"]):
        _service(mall, agency, f"kia-{n}", f"Kartu Identitas Anak {what}")
    full = _search(mall, "kartu identitas anak", limit=100)
    pages = [_search(mall, "kartu identitas anak", limit=2, offset=o) for o in range(0, 6, 2)]
    assert full.total == 5
    assert [p.total for p in pages] == [5, 5, 5]
    assert [slug for p in pages for slug in _slugs(p)] == _slugs(full)
    assert _search(mall, "kartu identitas anak", limit=2, offset=100).services == []


@pytest.mark.django_db
def test_search_leaves_out_services_that_only_mention_the_words(catalogue, mall):
    # Half the catalogue asks for a KTP-el; "ktp" finds the KTP services, not all of those.
    assert _slugs(_search(mall, "ktp")) == ["ktp-baru", "ktp-hilang"]


@pytest.mark.django_db
def test_search_query_count_is_constant(catalogue, mall, django_assert_num_queries):
    with django_assert_num_queries(2):  # candidates, then the page with agencies
        result = _search(mall, "ktp")
        names = [s.agency.name for s in result.services]
    assert len(names) == result.total


@pytest.mark.django_db
def test_search_query_count_with_a_typo(catalogue, mall, django_assert_max_num_queries):
    # candidates, similar words, corrected candidates, page
    with django_assert_max_num_queries(4):
        result = _search(mall, "paspro")
        [s.agency.name for s in result.services]
    assert result.suggestion == "paspor"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"ktp',
        "ktp*",
        "*",
        "NEAR(ktp hilang)",
        "NEAR(",
        "ktp -hilang",
        "-",
        "'; DROP TABLE catalog_service; --",
        "ktp' OR '1'='1",
        "name:ktp",
        "{name}: ktp",
        "ktp AND OR NOT",
        "ktp & | ! :*",
        "😀😀😀",
        "🪪 ktp 🙏",
        "?!.,;:()[]{}",
        "x" * 5000,
        "ktp " * 500,
        "\x00ktp\x00",
        "ａｋｔａ　ｌａｈｉｒ",  # full-width letters
    ],
)
def test_search_hostile_input_returns_cleanly(catalogue, mall, query):
    result = _search(mall, query)
    assert result.query == query
    assert result.total >= len(result.services)
    assert all(s.mall_id == mall.pk for s in result.services)
    assert Service.objects.filter(slug="paspor").exists()


@pytest.mark.django_db
def test_search_full_width_letters_are_folded(catalogue, mall):
    assert _slugs(_search(mall, "ａｋｔａ　ｌａｈｉｒ"))[:1] == ["akta-kelahiran"]


def test_corrections_lists_equally_near_candidates_best_first():
    # "halla" is one edit from both; the caller then prefers the one the mall's services use.
    assert corrections("halla", ["hall", "halal", "balai"]) == ["hall", "halal"]


def test_query_words_too_long_to_be_words_are_not_corrected():
    assert analyse_query("x" * 40).groups[0].correctable_token is None


@pytest.mark.django_db
def test_search_correction_prefers_the_word_this_malls_services_use(catalogue, mall):
    agency = catalogue["ktp-baru"].agency
    _service(mall, agency, "halal", "Sertifikasi Halal Reguler", summary="Sertifikat halal.")
    _service(mall, agency, "halal-umk", "Sertifikasi Halal Self Declare")
    _service(mall, agency, "aula", "Sewa Aula", name_en="Hall rental")
    # "halla" is one edit from "hall" (one service) and from "halal" (two services).
    result = _search(mall, "sertifikat halla")
    assert (_slugs(result)[:1], result.suggestion) == (["halal"], "sertifikat halal")


@pytest.mark.django_db
def test_search_corrects_a_swapped_letter_in_an_abbreviation(catalogue, mall):
    result = _search(mall, "skkc")
    assert (_slugs(result), result.suggestion) == (["skck"], "skck")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?!.,", "gimana caranya ya", "😀", ""])
def test_search_with_nothing_to_look_for_asks_the_database_nothing(
    catalogue, mall, query, django_assert_num_queries
):
    with django_assert_num_queries(0):
        result = _search(mall, query)
    assert (result.total, result.services, result.suggestion) == (0, [], "")


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    # The catalogue is only read, so sharing it between examples is fine.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.text(max_size=300) | st.from_regex(r'[a-z"*\-:(){}^+ ]{1,60}', fullmatch=True))
def test_search_any_text_returns_cleanly(catalogue, mall, query):
    result = _search(mall, query, limit=5)
    assert 0 <= len(result.services) <= min(5, result.total)
    assert all(s.mall_id == mall.pk for s in result.services)


@pytest.mark.django_db
def test_renaming_an_agency_reindexes_its_services(mall):
    from mpp.catalog.domain import upsert_agency

    agency = upsert_agency(
        mall=mall, slug="kantor-x", name="Kantor Lama", short_name="Lama", level="regency"
    )
    service = ServiceFactory(agency=agency, mall=mall, name="Layanan Surat Keterangan")
    reindex_services([service.pk])
    upsert_agency(
        mall=mall, slug="kantor-x", name="Kantor Samudra", short_name="Samudra", level="regency"
    )
    found = search_services(mall=mall, query="samudra")
    assert [s.slug for s in found.services] == [service.slug]
