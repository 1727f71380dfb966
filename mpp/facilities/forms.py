from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from mpp.core.forms import SpecificMessages
from mpp.facilities.enums import MsmeCategory


class BookForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {
        "day": _("Choose the date of your booking"),
        "start": _("Choose the time your booking starts"),
        "minutes": _("Choose how long you need the room"),
    }

    day = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start = forms.TimeField(
        label=_("Start"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    minutes = forms.TypedChoiceField(label=_("How long"), coerce=int, choices=[])

    def __init__(self, *args: Any, durations: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minutes"].choices = [  # type: ignore[attr-defined]
            (m, duration_label(m)) for m in durations
        ]


def duration_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return str(_("%(m)s min") % {"m": rest})
    if not rest:
        return str(_("%(h)s h") % {"h": hours})
    return str(_("%(h)s h %(m)s min") % {"h": hours, "m": rest})


class CodeForm(SpecificMessages, forms.Form):
    code = forms.CharField(
        label=_("Booking code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class BlockForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {
        "room": _("Choose the room to block"),
        "day": _("Choose the date to block"),
        "start": _("Choose the time the block starts"),
        "end": _("Choose the time the block ends"),
        "reason": _("Enter the reason for the block"),
    }

    room: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Room"), queryset=None)
    day = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args: Any, rooms: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms  # type: ignore[attr-defined]


class MsmeForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {
        "business_name": _("Enter the name of your business"),
        "owner_name": _("Enter the owner's name"),
        "nib": _("Enter the NIB of your business (13 digits)"),
        "category": _("Choose the category of your business"),
        "whatsapp": _("Enter your WhatsApp number"),
        "products": _("Enter at least one product and its price"),
    }

    business_name = forms.CharField(label=_("Business name"), max_length=120)
    owner_name = forms.CharField(label=_("Owner's name"), max_length=120)
    nib = forms.CharField(
        label=_("NIB (business identification number)"),
        max_length=20,
        help_text=_("13 digits, from oss.go.id"),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    category = forms.ChoiceField(label=_("Category"), choices=MsmeCategory.choices)
    whatsapp = forms.CharField(
        label=_("WhatsApp number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    description = forms.CharField(
        label=_("About the business"), required=False, max_length=2000, widget=forms.Textarea
    )
    products = forms.CharField(
        label=_("Products and prices"),
        help_text=_('One a line: "name; price", for example "Keripik tempe; 15000".'),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ProductsForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = MsmeForm.required_messages
    products = MsmeForm.base_fields["products"]
