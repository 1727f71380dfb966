"""One Indonesian word for each thing (docs/glossary.md, "Words on the screen"), everywhere.

The list of words to avoid lives in the glossary's table only; this test reads it and checks the
Indonesian catalogue, the main public and staff pages rendered in Indonesian, and the section and
model names of the staff admin index (third-party apps included, mpp/core/thirdparty.py).
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.utils import translation

from mpp.accounts.models import User
from tests.applications.factories import login_verified
from tests.factories import AgencyFactory, ServiceFactory

ROOT = Path(settings.BASE_DIR)
GLOSSARY = ROOT / "docs" / "glossary.md"
PO_PATH = ROOT / "mpp" / "locale" / "id" / "LC_MESSAGES" / "django.po"


def avoided_words() -> dict[str, str]:
    """{word to avoid: word to use}, from the glossary's "Words on the screen" table."""
    text = GLOSSARY.read_text(encoding="utf-8").split("## Words on the screen", 1)[1]
    avoid: dict[str, str] = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("use", "") or set(cells[0]) <= {"-"}:
            continue
        for raw in cells[1].split(","):
            word = raw.strip()
            if word and word != "—":
                avoid[word.lower()] = cells[0]
    return avoid


def offending(text: str, avoid: dict[str, str]) -> list[str]:
    found = []
    for word, use in avoid.items():
        if re.search(r"(?<![\w/.@-])" + re.escape(word) + r"(?![\w/-])", text, re.IGNORECASE):
            found.append(f"{word!r} (use {use!r})")
    return found


def visible_text(page: str) -> str:
    """What a reader sees or hears: text, and alt/title/placeholder/aria-label values."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    spoken = re.findall(r'\b(?:alt|title|placeholder|aria-label)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    return htmllib.unescape(" ".join([text, *spoken]))


def test_the_glossary_table_lists_the_words_to_avoid():
    avoid = avoided_words()
    assert {"online", "e-mail", "login", "password", "upload", "check-in"} <= set(avoid)
    assert avoid["online"] == "daring"


def test_no_indonesian_msgstr_uses_an_avoided_word():
    avoid = avoided_words()
    with PO_PATH.open("rb") as handle:
        catalog = read_po(handle)
    bad = []
    for message in catalog:
        if not message.id:
            continue
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for string in strings:
            for found in offending(string, avoid):
                bad.append(f"{string[:70]!r}: {found}")
    assert bad == []


PUBLIC_PAGES = [
    "/",
    "/cari/?q=ktp",
    "/instansi/",
    "/antrian/",
    "/antrian/pesan/",
    "/antrian/papan/",
    "/pengaduan/",
    "/pengaduan/baru/",
    "/pengaduan/lacak/",
    "/lacak/",
    "/akun/daftar/",
    "/akun/masuk/",
    "/ruang/",
    "/umkm/",
    "/umkm/daftar/",
    "/transparansi/",
]
STAFF_PAGES = [
    "/admin/",
    "/staf/pengaduan/",
    "/petugas/permohonan/",
    "/antrian/loket/",
    "/ruang/staf/",
    "/staf/kotak-keluar/",
    "/akun/dua-langkah/",
]


@pytest.fixture
def catalogue(mall):
    agency = AgencyFactory(mall=mall, slug="dukcapil", short_name="Dukcapil")
    ServiceFactory(agency=agency, slug="ktp", name="KTP-el")
    return mall


def render(client: Client, path: str) -> str | None:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="id", follow=True)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return None
    return response.content.decode()


@pytest.mark.django_db
def test_public_and_staff_pages_in_indonesian_use_the_glossary_words(catalogue):
    avoid = avoided_words()
    citizen = Client()
    root = User.objects.create_superuser("root", password="a-long-enough-password-1")
    staff = login_verified(Client(), root)
    rendered, bad = 0, {}
    with translation.override("id"):
        for client, paths in ((citizen, PUBLIC_PAGES), (staff, STAFF_PAGES)):
            for path in paths:
                page = render(client, path)
                if page is None:
                    continue
                rendered += 1
                found = offending(visible_text(page), avoid)
                if found:
                    bad[path] = found
    assert rendered >= len(PUBLIC_PAGES + STAFF_PAGES) - 4
    assert bad == {}


def admin_names(page: str) -> list[str]:
    """The section captions and model names of the admin index."""
    cells = re.findall(r"<caption>.*?</caption>|<th scope=\"row\"[^>]*>.*?</th>", page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]


# Names that are the same in both languages (proper names and abbreviations).
SAME_IN_BOTH = {"MPP", "UMKM"}


@pytest.mark.django_db
def test_the_admin_index_names_every_section_and_model_in_indonesian(mall):
    root = User.objects.create_superuser("root", password="a-long-enough-password-1")
    staff = login_verified(Client(), root)
    names = {}
    for language in ("id", "en"):
        staff.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        with translation.override(language):
            page = staff.get("/admin/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        names[language] = admin_names(page)
    assert len(names["id"]) == len(names["en"]) > 20
    untranslated = [
        name
        for name, english in zip(names["id"], names["en"], strict=True)
        if name == english and name not in SAME_IN_BOTH
    ]
    assert untranslated == []
    # The third-party sections the issue named, in Indonesian.
    for name in ("Verifikasi dua langkah", "Percobaan masuk", "Tugas latar belakang"):
        assert name in names["id"]
    assert offending(" ".join(names["id"]), avoided_words()) == []
