"""The PDF renderer loads our stylesheets by the names the templates print: with the manifest
storage of a real server (DEBUG off) that is the hashed copy in STATIC_ROOT, which the
finders do not know. A report printed without its stylesheet is the website's raw HTML."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import override_settings

from mpp.core.pdf import static_file_for

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_hashed_stylesheet_of_the_manifest_storage_is_found(tmp_path):
    with override_settings(STATIC_ROOT=str(tmp_path), STORAGES=MANIFEST, DEBUG=False):
        # (Django's test signals reset the storage when STORAGES or STATIC_ROOT change.)
        call_command("collectstatic", interactive=False, verbosity=0)
        hashed = staticfiles_storage.url("mpp/css/print.css")
        assert hashed != "/static/mpp/css/print.css"  # the manifest names a hashed copy

        body, media_type = static_file_for("http://mpp.local" + hashed)

    assert media_type == "text/css"
    assert b"@page" in body


def test_other_addresses_are_refused():
    with pytest.raises(ValueError):
        static_file_for("http://169.254.169.254/latest/meta-data/")
