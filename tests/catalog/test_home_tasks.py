"""The home page's top tasks (issue 9): right under the search box and before everything else
(the MSME booths, the agencies), each leading to its page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_top_tasks_follow_the_search_box_and_lead_to_their_pages(client: Client, mall):
    html = client.get("/").content.decode()
    search = html.index('id="id_q"')
    tasks = html.index('data-testid="top-tasks"')
    agencies = html.index('id="agencies-title"')
    assert search < tasks < agencies
    for url, label in [
        (reverse("queueing:book"), "Ambil atau pesan nomor antrean"),
        (reverse("applications:mine") + "#new", "Ajukan permohonan"),
        (reverse("applications:track"), "Lacak permohonan"),
        (reverse("feedback:complaints"), "Sampaikan pengaduan"),
    ]:
        assert f'<a href="{url}">{label}</a>' in html[tasks:agencies]
    if 'class="fac-today"' in html:
        assert html.index('class="fac-today"') > tasks
