"""Every user-facing string is translated into Indonesian, and the catalogue compiles."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings

PO_PATH = Path(settings.BASE_DIR) / "mpp" / "locale" / "id" / "LC_MESSAGES" / "django.po"


def _catalog():
    with PO_PATH.open("rb") as handle:
        return read_po(handle)


def test_indonesian_catalogue_has_no_untranslated_entries():
    untranslated = [
        message.id
        for message in _catalog()
        if message.id
        and not (message.string if isinstance(message.string, str) else all(message.string))
    ]
    assert untranslated == []


def test_indonesian_catalogue_has_no_fuzzy_entries():
    fuzzy = [m.id for m in _catalog() if m.id and m.fuzzy]
    assert fuzzy == []


def test_indonesian_placeholders_match_the_english_ones():
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]")
    mismatched = []
    for message in _catalog():
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        if set(placeholder.findall(source)) != set(placeholder.findall(target)):
            mismatched.append(source)
    assert mismatched == []
