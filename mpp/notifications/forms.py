"""Input of the notifications pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mpp.core.forms import SpecificMessages


class MessagePreferencesForm(SpecificMessages, forms.Form):
    """The channels a citizen accepts messages on (about their applications, tickets, bookings
    and complaints). One-time codes they ask for are always sent."""

    whatsapp = forms.BooleanField(label=_("WhatsApp"), required=False)
    sms = forms.BooleanField(label=_("SMS"), required=False)
    email = forms.BooleanField(label=_("E-mail"), required=False)
