"""The one staff navigation (accounts/_staff_nav.html): every staff page shows it, with links
chosen by the same rules that gate the pages and the current page marked with aria-current."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from mpp.accounts.enums import StaffRole
from tests.applications.factories import login_verified, make_mall_wide, make_officer
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "queueing:console-counters",
    "applications:inbox",
    "feedback:desk",
    "feedback:suggestions",
    "feedback:follow-ups",
    "notifications:outbox",
    "facilities:staff",
]


def _staff_nav(html: str) -> str:
    found = re.findall(r'<nav class="staff-nav".*?</nav>', html, flags=re.S)
    assert len(found) == 1, "exactly one staff navigation"
    return found[0]


def _current(nav: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page"', nav)


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_every_staff_page_shows_the_one_staff_nav_with_the_page_marked(client, mall, name):
    manager = make_mall_wide(mall=mall, role=StaffRole.MALL_MANAGER)
    login_verified(client, manager)
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 200
    nav = _staff_nav(response.content.decode())
    assert _current(nav) == [url]
    # The manager reaches every staff page, so every one is linked.
    for other in STAFF_PAGES:
        assert f'href="{reverse(other)}"' in nav


def test_the_staff_nav_shows_only_what_the_officer_may_open(client, mall):
    agency = AgencyFactory(mall=mall)
    officer = make_officer(mall=mall, agency=agency, role=StaffRole.COUNTER_OFFICER)
    login_verified(client, officer)
    nav = _staff_nav(client.get(reverse("queueing:console-counters")).content.decode())
    assert f'href="{reverse("queueing:console-counters")}"' in nav
    assert f'href="{reverse("notifications:outbox")}"' not in nav
    assert f'href="{reverse("facilities:staff")}"' not in nav
    assert f'href="{reverse("feedback:suggestions")}"' not in nav


def test_citizens_see_no_staff_nav_and_keep_the_public_menu(client, mall):
    html = client.get(reverse("applications:mine"), follow=True).content.decode()
    assert 'class="staff-nav"' not in html
    assert f'href="{reverse("catalog:search")}"' in html
    assert f'href="{reverse("accounts:login")}" aria-current="page"' in html


def _main_nav(html: str) -> str:
    found = re.findall(r'<nav class="site-nav".*?</nav>', html, flags=re.S)
    assert len(found) == 1, "exactly one public menu"
    return found[0]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_a_staff_page_is_marked_in_the_staff_nav_only(client, mall, name):
    """One current item per page: /antrian/loket/ is under the public "Antrean" section and
    /ruang/staf/ under "Ruang kerja", but only the staff menu marks them."""
    manager = make_mall_wide(mall=mall, role=StaffRole.MALL_MANAGER)
    login_verified(client, manager)
    html = client.get(reverse(name)).content.decode()
    assert _current(_main_nav(html)) == []
    assert _current(_staff_nav(html)) == [reverse(name)]


def test_a_public_page_is_marked_in_the_public_nav_for_staff_too(client, mall):
    manager = make_mall_wide(mall=mall, role=StaffRole.MALL_MANAGER)
    login_verified(client, manager)
    html = client.get(reverse("facilities:rooms")).content.decode()
    assert _current(_main_nav(html)) == [reverse("facilities:rooms")]
    assert _current(_staff_nav(html)) == []
