"""The kinds of message the platform sends, their default texts and placeholders.

Each app registers the kinds it sends (in its `AppConfig.ready`, from its `notify` module);
this app knows nothing of tickets or applications. A kind's text is a gettext msgid in English
with `{placeholder}` fields, translated to Indonesian in the catalogue; a mall manager may
replace it for their mall (`MessageTemplate`, edited and previewed in the admin). Texts are
filled by plain substitution of the kind's own placeholders, never by the template engine, so
an edited text cannot reach anything but the values the sender hands over.

WhatsApp outside the 24-hour window accepts only templates that Meta approved beforehand: the
template for a kind is named in `WHATSAPP_TEMPLATES` and receives the kind's placeholders, in
the order declared here, as its body parameters {{1}}, {{2}}, …
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
#: Longest text a manager may write (a WhatsApp text holds 4096; SMS splits above 160).
MAX_TEXT = 1000


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: Promise | str
    sample: Promise | str


@dataclass(frozen=True)
class MessageKind:
    """One kind of message. `urgent`: a same-day "your turn" message (sent in quiet hours,
    dropped when the day is over). `requested`: the citizen asked for it just now (consent and
    quiet hours do not hold it back). `also_email`: sent by e-mail as well as by phone, as a
    record (applications, complaints), instead of e-mail being only the last fallback."""

    key: str
    label: Promise | str
    text: Promise | str
    subject: Promise | str
    placeholders: tuple[Placeholder, ...] = field(default_factory=tuple)
    urgent: bool = False
    requested: bool = False
    also_email: bool = False
    sensitive: bool = False

    @property
    def placeholder_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.placeholders)

    def sample_context(self, language: str = "id") -> dict[str, str]:
        with override(language):
            return {p.name: str(p.sample) for p in self.placeholders}


_lock = threading.Lock()
_kinds: dict[str, MessageKind] = {}


def register(*kinds: MessageKind) -> None:
    """Make kinds known (idempotent: AppConfig.ready may run twice in tests)."""
    with _lock:
        for kind in kinds:
            _kinds[kind.key] = kind


def get_kind(key: str) -> MessageKind | None:
    return _kinds.get(key)


def all_kinds() -> list[MessageKind]:
    with _lock:
        return sorted(_kinds.values(), key=lambda k: k.key)


def fill(text: str, context: dict[str, Any]) -> str:
    """Replace `{name}` by the context's value; unknown names stay as written (a text with an
    unknown placeholder cannot be saved, see `text_errors`)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(context[name]) if name in context else match.group(0)

    filled = PLACEHOLDER.sub(value, text)
    # Empty optional parts leave double spaces; messages are read on small screens.
    return re.sub(r"[ \t]{2,}", " ", filled).strip()


def text_errors(kind: MessageKind, text: str) -> list[str]:
    """What is wrong with a manager's text for `kind` (translated messages; [] when fine)."""
    errors: list[str] = []
    if len(text) > MAX_TEXT:
        errors.append(
            str(_("The text is %(n)s characters long; at most %(max)s are allowed."))
            % {"n": len(text), "max": MAX_TEXT}
        )
    unknown = sorted({m for m in PLACEHOLDER.findall(text) if m not in kind.placeholder_names})
    if unknown:
        errors.append(
            str(_("Unknown field(s): %(fields)s. Use only: %(allowed)s."))
            % {
                "fields": ", ".join("{" + name + "}" for name in unknown),
                "allowed": ", ".join("{" + name + "}" for name in kind.placeholder_names)
                or str(_("none")),
            }
        )
    stripped = PLACEHOLDER.sub("", text)
    if "{" in stripped or "}" in stripped:
        errors.append(
            str(_("A field is written {name}, in lower case, with both braces; check the braces."))
        )
    return errors


def whatsapp_template(kind_key: str) -> str:
    """The approved WhatsApp template for a kind ('' when none is configured)."""
    return str(getattr(settings, "WHATSAPP_TEMPLATES", {}).get(kind_key, ""))


def sms_segments(text: str) -> tuple[int, str]:
    """How many SMS parts a text takes, and its encoding: GSM-7 (160 characters, 153 per part
    when split) unless a character outside it forces UCS-2 (70, 67 per part)."""
    gsm = (
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
        "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
    )
    if all(ch in gsm for ch in text):
        length = len(text) + sum(1 for ch in text if ch in "^{}\\[~]|€")
        return (1 if length <= 160 else -(-length // 153)), "GSM-7"
    return (1 if len(text) <= 70 else -(-len(text) // 67)), "UCS-2"


# Kinds of this app itself: what any app may send without owning a kind.
OTP = MessageKind(
    key="otp",
    label=_("One-time code"),
    text=_(
        "Your MPP verification code is {code}. It is valid for {minutes} minutes. "
        "Never give this code to anyone, including officers."
    ),
    subject=_("Your verification code"),
    placeholders=(
        Placeholder("code", _("the code"), "123456"),
        Placeholder("minutes", _("minutes it is valid"), "10"),
    ),
    requested=True,
    sensitive=True,
)
TEST = MessageKind(
    key="test",
    label=_("Test message"),
    text=_("Test message from MPP: this channel works. Sent at {time}."),
    subject=_("MPP test message"),
    placeholders=(Placeholder("time", _("when it was sent"), "09.30 WIB"),),
    requested=True,
)
OPTED_OUT = MessageKind(
    key="opted_out",
    label=_("Confirmation of opting out"),
    text=_(
        "You will no longer receive messages from MPP on this number. "
        "Reply MULAI to receive them again."
    ),
    subject=_("You will no longer receive messages"),
    requested=True,
)
OPTED_IN = MessageKind(
    key="opted_in",
    label=_("Confirmation of opting in again"),
    text=_("You will receive messages from MPP on this number again. Reply STOP to stop them."),
    subject=_("You will receive messages again"),
    requested=True,
)
register(OTP, TEST, OPTED_OUT, OPTED_IN)
