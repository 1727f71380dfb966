"""Fair use on sign-ups (issue 10.1): a script cannot create hundreds of accounts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.test.utils import override_settings

from mpp.accounts.models import User
from mpp.core import fairuse


@pytest.mark.django_db
def test_scripted_signups_stop_at_the_budget():
    with override_settings(MPP_FAIR_USE={}):
        before = User.objects.count()
        answers = [
            Client().post(
                "/akun/daftar/",
                {"full_name": "Budi Santoso", "contact": f"0812000{i:05d}",
                 "password": "kuda-lumping-2026!", "accept_privacy": "on"},
            ).status_code
            for i in range(30)
        ]  # fmt: skip
        limit = fairuse.limit("signup", "client")[0]

    assert answers.count(429) == 30 - limit
    assert User.objects.count() - before == limit
