"""The complaint form's service field: one <optgroup> per agency, never a flat list of every
service; the chosen service is still validated against the mall's active services."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from mpp.feedback.models import Complaint

pytestmark = pytest.mark.django_db


def _select(html: str) -> str:
    return re.search(r'<select name="service".*?</select>', html, re.S).group(0)


def test_services_are_grouped_by_agency(client: Client, mall, ktp, skck):
    select = _select(client.get("/pengaduan/baru/").content.decode())
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    assert [label for label, _ in groups] == [ktp.agency.name, skck.agency.name]
    assert f'value="{ktp.pk}"' in groups[0][1] and "KTP Elektronik" in groups[0][1]
    assert f'value="{skck.pk}"' in groups[1][1] and f'value="{ktp.pk}"' not in groups[1][1]
    # The empty choice comes first, outside any group.
    assert select.index('<option value=""') < select.index("<optgroup")


def test_a_grouped_service_is_filed(client: Client, mall, ktp, skck):
    data = {
        "kind": "pengaduan",
        "subject": "service",
        "service": skck.pk,
        "title": "Antrean SKCK terlalu lama",
        "description": "Saya menunggu tiga jam tanpa kepastian di loket SKCK.",
        "name": "Siti Aminah",
        "phone": "081234567890",
        "form_token": "tok-picker",
    }
    response = client.post("/pengaduan/baru/", data)
    assert response.status_code == 302
    assert Complaint.objects.get().service == skck


def test_an_unknown_service_is_refused_with_a_message(client: Client, mall, ktp):
    data = {"kind": "pengaduan", "subject": "service", "service": "999999", "form_token": "t"}
    response = client.post("/pengaduan/baru/", data)
    assert response.status_code in (200, 400)
    assert "error-summary" in response.content.decode()
