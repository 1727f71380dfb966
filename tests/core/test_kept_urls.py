"""`{% url %}` keeps its reversals in the process (mpp/core/templatetags/mpp.py, issue 15)
and must render exactly as Django's own tag."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, set_script_prefix


def test_kept_url_tag_renders_as_djangos_own():
    rendered = Template(
        '{% url "catalog:service-detail" "ktp-el" %}|{% url "catalog:search" as s %}{{ s }}|'
        '{% url "no-such-page" as missing %}[{{ missing }}]'
    ).render(Context())
    assert rendered == "/layanan/ktp-el/|/cari/|[]"
    with pytest.raises(NoReverseMatch):
        Template('{% url "no-such-page" %}').render(Context())


def test_kept_url_tag_follows_the_script_prefix():
    template = Template('{% url "catalog:search" %}')
    assert template.render(Context()) == "/cari/"
    set_script_prefix("/m/magetan/")
    try:
        assert template.render(Context()) == "/m/magetan/cari/"
    finally:
        set_script_prefix("/")
    assert template.render(Context()) == "/cari/"
