"""Input of the HTML pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from mpp.core.dates import check_datetime
from mpp.core.forms import SpecificMessages
from mpp.queueing.enums import ContactChannel, PriorityGroup


class KioskIssueForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {"service": _("Choose a service")}

    service = forms.SlugField(max_length=120)
    priority = forms.ChoiceField(choices=PriorityGroup.choices, required=False)
    request_key = forms.CharField(max_length=64, required=False)


class CodeForm(SpecificMessages, forms.Form):
    code = forms.CharField(
        label=_("Booking code"),
        max_length=20,
        help_text=_("8 characters, on your booking confirmation."),
    )


class BookingForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {"starts_at": _("Choose a time for your visit")}
    # One of the two is needed (checked in `clean`): neither is marked "optional".
    conditional_fields = ("phone", "nik")

    starts_at = forms.DateTimeField(label=_("Time"))

    code = forms.CharField(
        label=_("Code from the SMS"),
        max_length=12,
        required=False,
        help_text=_("Press “Send me a code”, then type the 6 digits we sent to your phone."),
    )

    def clean_starts_at(self) -> datetime:
        value: datetime = self.cleaned_data["starts_at"]
        try:
            return check_datetime(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        required=False,
        help_text=_("For example 0812 3456 7890. Used to limit bookings per person."),
    )
    nik = forms.CharField(
        label=_("NIK"),
        max_length=30,
        required=False,
        help_text=_("16 digits. We keep only a scrambled form of it."),
    )
    priority = forms.ChoiceField(
        label=_("Priority service"), choices=PriorityGroup.choices, required=False
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("phone") and not data.get("nik"):
            raise forms.ValidationError(_("Enter your mobile number or your NIK."))
        return data


class TransferForm(SpecificMessages, forms.Form):
    mark_optional = False

    service = forms.SlugField(required=False)
    counter = forms.IntegerField(required=False, min_value=1, max_value=9999)
    note = forms.CharField(required=False, max_length=1000)


class NoteForm(SpecificMessages, forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=1000, error_messages={"required": _("Write the note first.")}
    )


class FollowForm(SpecificMessages, forms.Form):
    """A mobile number to follow a ticket by WhatsApp or SMS."""

    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        help_text=_("For example 0812 3456 7890."),
        error_messages={"required": _("Enter your mobile number.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    channel = forms.ChoiceField(
        label=_("Send by"),
        choices=ContactChannel.choices,
        initial=ContactChannel.WHATSAPP,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose WhatsApp or SMS."),
            "invalid_choice": _("Choose WhatsApp or SMS."),
        },
    )
