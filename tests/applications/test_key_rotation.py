"""`manage.py reencrypt_personal_data` moves NIKs and files to a new key."""

from __future__ import annotations

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command

from mpp.accounts import crypto
from mpp.applications import documents
from tests.applications.conftest import fill_completely
from tests.applications.factories import VALID_NIK

pytestmark = pytest.mark.django_db


def test_rotation_keeps_everything_readable_with_the_new_key(settings, draft, citizen):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = old
    fill_completely(draft, citizen)
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    out = StringIO()
    call_command("reencrypt_personal_data", stdout=out)
    assert "1 application(s), 2 file(s)" in out.getvalue()
    settings.FIELD_ENCRYPTION_KEY = new
    draft.refresh_from_db()
    assert crypto.decrypt(draft.answers["f-nik_ibu"]["enc"]) == VALID_NIK
    for document in draft.documents.all():
        assert documents.load(document.storage_name).startswith((b"%PDF", b"\xff\xd8"))
