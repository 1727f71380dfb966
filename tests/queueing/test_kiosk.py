"""The kiosk for everyone (issue 9): "Layanan populer" by everyday name, all services by
agency, a big "Kembali", always Indonesian, no way out to the website."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone, translation

from mpp.core.enums import DayKind
from mpp.core.models import CalendarDay
from mpp.queueing import kiosk
from mpp.queueing.models import KioskShortcut
from tests.queueing.conftest import build_hall


@pytest.fixture
def site(db):
    return build_hall(counters=2, slot_capacity=4, booking=True)


def _links(html: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', html)


def test_start_shows_popular_services_by_everyday_name(site, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/antrian/")

    assert response.status_code == 200
    text = response.text
    assert "Layanan populer" in text
    assert "/antrian/kios/populer/ktp-el/" in text
    assert "/antrian/kios/populer/kartu-keluarga/" in text
    assert "/antrian/kios/semua/" in text
    # Nothing leads out of the kiosk: no logo link, no language switch.
    assert all(href.startswith("/antrian/") for href in _links(text)), _links(text)
    assert "set_language" not in text and "/i18n/" not in text


def test_shortcut_page_lists_its_services_with_a_big_back(site, client):
    response = client.get("/antrian/kios/populer/ktp-el/")

    assert response.status_code == 200
    assert 'value="ktp-el"' in response.text
    assert 'value="kk"' not in response.text
    assert 'data-testid="kiosk-back"' in response.text
    assert client.get("/antrian/kios/populer/no-such/").status_code == 404


def test_the_mall_manager_chooses_the_shortcuts(site, client):
    own = KioskShortcut.objects.create(mall=site.mall, label="Urus KK", hint="Semua urusan KK")
    own.services.set([site.kk])

    shortcuts = kiosk.shortcuts(site.mall)

    assert [(s.label, [x.slug for x in s.services]) for s in shortcuts] == [("Urus KK", ["kk"])]
    page = client.get(f"/antrian/kios/populer/{own.pk}/")
    assert page.status_code == 200 and 'value="kk"' in page.text


def test_kiosk_is_indonesian_whatever_the_last_visitor_chose(site, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.cookies["mpp_language"] = "en"

    for path in ("/antrian/", "/antrian/kios/semua/", "/antrian/kios/dukcapil/"):
        response = client.get(path)
        assert '<html lang="id">' in response.text, path
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_all_services_grouped_by_agency_name_first(site, client):
    response = client.get("/antrian/kios/semua/")

    text = response.text
    assert site.agency.name in text and "Dukcapil" in text
    assert text.index(site.agency.name) < text.index("Dukcapil ·")
    assert 'data-testid="kiosk-back"' in text


def test_kiosk_ticket_page_stays_in_the_kiosk(site, client):
    page = client.get("/antrian/kios/dukcapil/")
    response = client.post(
        "/antrian/ambil/",
        {"service": "ktp-el", "request_key": page.context["request_key"]},
        follow=True,
    )

    assert response.status_code == 200
    assert "kiosk-layout" in response.text
    assert all(href.startswith("/antrian/") for href in _links(response.text))


@override_settings(MPP_DEMO_MODE=False)
def test_closed_kiosk_issues_nothing(site, client):
    today = timezone.localtime(timezone.now(), ZoneInfo("Asia/Jakarta")).date()
    CalendarDay.objects.create(
        mall=site.mall, day=today, kind=DayKind.LOCAL_CLOSURE, name="Pemeliharaan gedung"
    )

    for path in ("/antrian/", "/antrian/kios/semua/", "/antrian/kios/populer/ktp-el/"):
        response = client.get(path)
        assert 'data-testid="kiosk-closed"' in response.text, path


@override_settings(MPP_DEMO_MODE=False)
def test_board_shows_the_closed_state(site, client):
    assert client.get("/antrian/papan/state.json").json()["closed"] == ""
    today = timezone.localtime(timezone.now(), ZoneInfo("Asia/Jakarta")).date()
    CalendarDay.objects.create(
        mall=site.mall, day=today, kind=DayKind.LOCAL_CLOSURE, name="Pemeliharaan gedung"
    )

    page = client.get("/antrian/papan/", HTTP_ACCEPT_LANGUAGE="id")
    state = client.get("/antrian/papan/state.json").json()

    assert "Mal sedang tutup" in state["closed"]
    assert 'data-testid="board-closed"' in page.text and "Mal sedang tutup" in page.text
    assert "data-sound" not in page.text  # sound is set up by staff (?siapkan=1), no button


def _buttons(html: str) -> dict[str, str]:
    """action -> "primary" / "on" / "off" from the console's action buttons."""
    found = {}
    for tag in re.findall(r"<button [^>]*name=\"action\"[^>]*>", html):
        action = re.search(r'value="(\w+)"', tag).group(1)
        if "disabled" in tag:
            found[action] = "off"
        else:
            found[action] = "primary" if "button--primary-action" in tag else "on"
    return found


def test_console_enables_only_valid_actions_by_state(site, client):
    from mpp.queueing import domain
    from tests.factories import login_verified

    counter, officer = site.counters[0], site.officers[0]
    login_verified(client, officer)
    url = f"/antrian/loket/{counter.number}/"

    idle = _buttons(client.get(url).text)
    assert idle["call"] == "primary"
    assert (
        idle["start"] == idle["finish"] == idle["next"] == idle["skip"] == idle["recall"] == "off"
    )

    domain.issue_ticket(service=site.ktp)
    ticket = domain.call_next(counter=counter, officer=officer)
    called = _buttons(client.get(url).text)
    assert called["start"] == "primary"
    assert called["recall"] == called["skip"] == called["finish"] == called["next"] == "on"
    assert called["call"] == "off"

    domain.start_service(ticket=ticket, officer=officer)
    serving = _buttons(client.get(url).text)
    assert serving["finish"] == "primary"
    assert serving["call"] == serving["start"] == serving["skip"] == serving["recall"] == "off"
    assert serving["next"] == "on"

    domain.set_counter_state(counter=counter, officer=officer, state="paused")
    assert _buttons(client.get(url).text)["next"] == "off"  # resume before calling


def test_booking_form_shows_the_one_error_summary_with_a_specific_message(site, client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    url = f"/antrian/pesan/layanan/ktp-el/?tanggal={tomorrow.isoformat()}"

    response = client.post(url, {"phone": "0812 3456 7890"}, HTTP_ACCEPT_LANGUAGE="id")

    assert response.status_code == 400
    text = response.text
    assert 'data-testid="error-summary"' in text
    assert '<a href="#id_starts_at">Pilih waktu kunjungan</a>' in text
    assert 'id="id_starts_at"' in text
    assert "Bidang ini tidak boleh kosong" not in text


def test_booking_page_late_in_the_evening_opens_on_tomorrow_and_keeps_its_link_target(
    site, client, monkeypatch
):
    # 23:55 on a Wednesday: today's times are gone (the hall is open all day, every day).
    late = datetime(2027, 1, 13, 23, 55, tzinfo=ZoneInfo(settings.TIME_ZONE))
    monkeypatch.setattr(timezone, "now", lambda: late)
    url = "/antrian/pesan/layanan/ktp-el/"

    opened = client.get(url, HTTP_ACCEPT_LANGUAGE="id").text

    assert 'href="?tanggal=2027-01-14" aria-current="date"' in opened
    assert 'name="starts_at"' in opened
    # Today, asked for by name: no times, and a post without one still links the summary to
    # a target on the page (the field's fieldset), never to nothing.
    response = client.post(f"{url}?tanggal=2027-01-13", {"phone": "0812 3456 7890"})
    assert response.status_code == 400
    today = response.text
    assert 'name="starts_at"' not in today
    assert '<a href="#id_starts_at">Pilih waktu kunjungan</a>' in today
    assert 'id="id_starts_at"' in today


def test_error_summary_links_radios_to_their_first_input():
    from django import forms

    from mpp.core.forms import SpecificMessages
    from mpp.core.templatetags.mpp import error_summary

    class Sample(SpecificMessages, forms.Form):
        kind = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect, label="Kind")
        title = forms.CharField(label="Title")

    with translation.override("en"):
        form = Sample(data={})
        assert not form.is_valid()
        errors = error_summary(form)["errors"]

    assert errors == [("Choose kind", "id_kind_0"), ("Enter title", "id_title")]
    assert form.fields["title"].label_suffix is None and form.label_suffix == ""


@pytest.mark.parametrize("path", ["/pengaduan/baru/"])
def test_other_public_forms_show_the_same_error_summary(site, client, path):
    response = client.post(path, {}, HTTP_ACCEPT_LANGUAGE="id")

    assert response.status_code in (200, 400), response.status_code
    assert 'data-testid="error-summary"' in response.text
    assert "Ada masalah" in response.text
