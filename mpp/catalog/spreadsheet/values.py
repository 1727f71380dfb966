"""Reading one cell: what people type in Indonesian spreadsheets, parsed strictly.

Every parser takes the raw cell (a string from CSV; a string, number, date or boolean from
XLSX) and returns the stored value, or raises `CellError` with a message that says what is
wrong and what to write instead. Anything that could be read two ways is refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from django.utils.translation import gettext as _

from mpp.catalog.spreadsheet.columns import (
    FALSE_WORDS,
    TRUE_WORDS,
    Column,
    Vocabulary,
    normalise_word,
)

#: Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Control characters that XML (and so XLSX) cannot hold; pasted text sometimes carries them.
_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class CellError(ValueError):
    """A cell's value cannot be used; the message says why, in the active language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def escape_formula(text: str) -> str:
    """Prefix a text that a spreadsheet would run as a formula with an apostrophe.

    A text that already starts with an apostrophe before such a character gets one more, so
    that `unescape_formula` restores every text exactly.
    """
    if not text:
        return text
    if text[0] in FORMULA_TRIGGERS:
        return "'" + text
    if text[0] == "'" and len(text) > 1 and text[1] in (*FORMULA_TRIGGERS, "'"):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    if len(text) > 1 and text[0] == "'" and text[1] in (*FORMULA_TRIGGERS, "'"):
        return text[1:]
    return text


def clean_text(text: str) -> str:
    """Strip, unify line ends and drop control characters (also used to compare texts)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL_CHARACTERS.sub("", text).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_dash(value: Any) -> bool:
    return isinstance(value, str) and value.strip() in {"-", "–", "—"}


def blank_in(column: Column, value: Any) -> bool:
    """Whether the cell counts as empty. In number, date and choice columns a lone dash, which
    Indonesian tables use for "none", is empty too; in text columns it is text."""
    if is_blank(value):
        return True
    return column.kind not in {"text", "slug"} and _is_dash(value)


def parse_text(value: Any) -> str:
    if isinstance(value, bool):
        raise CellError(_("Write text here, not TRUE or FALSE."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == time(0) else value
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if not isinstance(value, str):
        return str(value)
    return clean_text(unescape_formula(value.strip()))


_SLUG = re.compile(r"^(?=.*[a-z0-9])[-a-z0-9_]+$")


def parse_slug(value: Any) -> str:
    from django.utils.text import slugify

    text = parse_text(value)
    if _SLUG.match(text):
        return text
    suggestion = slugify(text)
    if suggestion:
        message = _(
            "“%(value)s” is not a code: use lower-case letters, digits and hyphens only, "
            "e.g. “%(suggestion)s”."
        ) % {"value": text, "suggestion": suggestion}
    else:
        message = _(
            "“%(value)s” is not a code: use lower-case letters, digits and hyphens only."
        ) % {"value": text}
    raise CellError(message)


def parse_integer(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError(_("Write a whole number here, not TRUE or FALSE."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        value = int(value)
    if not isinstance(value, int):
        raise CellError(
            _("“%(value)s” is not a whole number; write digits only, e.g. 3.")
            % {"value": _shown(value)}
        )
    if value < 0:
        raise CellError(_("The number must not be negative."))
    return value


# Amounts as people write them: 30000, 30.000, Rp 30.000,-, Rp30.000,00, 30,000 (English).
_PLAIN = re.compile(r"^\d+$")
_DOTTED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_DOTTED_CENTS = re.compile(r"^\d{1,3}(?:\.\d{3})*,00$")
_COMMAED = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_COMMAED_CENTS = re.compile(r"^\d{1,3}(?:,\d{3})*\.00$")
_FREE_WORDS = frozenset({"gratis", "free", "nihil"})
# (pattern, ends in two zero decimals, thousands separator)
_AMOUNT_FORMATS = (
    (_PLAIN, False, ""),
    (_DOTTED, False, "."),
    (_DOTTED_CENTS, True, "."),
    (_COMMAED, False, ","),
    (_COMMAED_CENTS, True, ","),
)


def parse_rupiah(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError(_("Write an amount in rupiah here, not TRUE or FALSE."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            raise CellError(_("The amount must not be negative."))
        return value
    text = str(value).strip()
    compact = re.sub(r"\s+", "", text.lower())
    if compact in _FREE_WORDS:
        return 0
    compact = re.sub(r"^rp\.?", "", compact)
    compact = re.sub(r"[.,]-+$|-+$", "", compact)
    for pattern, cents, separator in _AMOUNT_FORMATS:
        if pattern.match(compact):
            digits = compact[:-3] if cents else compact
            return int(digits.replace(separator, "") if separator else digits)
    raise CellError(
        _("“%(value)s” is not an amount in whole rupiah; write e.g. 30000, 30.000 or Rp30.000.")
        % {"value": text}
    )


def parse_boolean(value: Any, column: Column | None = None) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = normalise_word(str(value))
    truths = TRUE_WORDS | {normalise_word(w) for w in (column.true_words if column else ())}
    falsehoods = FALSE_WORDS | {normalise_word(w) for w in (column.false_words if column else ())}
    if word in truths:
        return True
    if word in falsehoods:
        return False
    raise CellError(
        _("“%(value)s” is neither “ya” nor “tidak”; write ya or tidak.") % {"value": _shown(value)}
    )


_MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "aug": 8, "ags": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool | int | float):
        raise CellError(
            _(
                "“%(value)s” is a number, not a date; format the cell as a date or write "
                "e.g. 2024-01-31 or 31/01/2024."
            )
            % {"value": _shown(value)}
        )
    text = str(value).strip()
    parts: tuple[int, int, int] | None = None
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        parts = (int(match[3]), int(match[2]), int(match[1]))
    elif match := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text):
        month = _MONTHS.get(match[2].lower())
        if month is not None:
            parts = (int(match[3]), month, int(match[1]))
    if parts is not None:
        try:
            return date(*parts)
        except ValueError:
            pass
    raise CellError(
        _("“%(value)s” is not a date; write e.g. 2024-01-31, 31/01/2024 or 31 Januari 2024.")
        % {"value": text}
    )


def parse_choice(value: Any, vocabulary: Vocabulary) -> str:
    word = normalise_word(str(value))
    found = vocabulary.lookup().get(word)
    if found is None:
        raise CellError(
            _("“%(value)s” is not one of the allowed values: %(allowed)s.")
            % {"value": _shown(value), "allowed": ", ".join(vocabulary.canonical_words)}
        )
    return found


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def parse_hours(value: Any) -> list[dict[str, Any]]:
    from mpp.catalog.spreadsheet.hours import HoursError, parse_hours_text

    try:
        return parse_hours_text(parse_text(value))
    except HoursError as error:
        raise CellError(error.message) from error


def parse_cell(column: Column, value: Any) -> Any:
    """Parse a non-blank cell of `column`."""
    if column.kind == "boolean":
        return parse_boolean(value, column)
    if column.kind == "choice":
        assert column.vocabulary is not None
        return parse_choice(value, column.vocabulary)
    return _PARSERS.get(column.kind, parse_text)(value)


_PARSERS = {
    "slug": parse_slug,
    "integer": parse_integer,
    "rupiah": parse_rupiah,
    "date": parse_date,
    "hours": parse_hours,
}
