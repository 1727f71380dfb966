"""Forms of the citizen and staff sign-in pages. Validation of content lives in the domain
(mpp.accounts.domain); these forms shape the input and carry the messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mpp.accounts.regions import DESA, kecamatan_choices
from mpp.core.forms import SpecificMessages


class StyledForm(SpecificMessages, forms.Form):
    """A form of the one pattern (mpp.core.forms.SpecificMessages, issue 9): each required field
    names itself when missing, optional fields are marked by `accounts/_field.html`."""


class SignupForm(StyledForm):
    full_name = forms.CharField(
        label=_("Full name (as on your KTP-el)"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label=_("E-mail address or mobile number"),
        help_text=_("We send a code to it to check that it is yours."),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        help_text=_("At least 12 characters. A short sentence is easy to remember."),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_privacy = forms.BooleanField(
        label=_(
            "I have read how my personal data is used: only to process my applications, "
            "kept encrypted, seen only by the officers of the agency I apply to."
        ),
        required=True,
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )


class LoginForm(StyledForm):
    login = forms.CharField(
        label=_("E-mail address or mobile number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(StyledForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "input--code"}
        ),
    )


class ProfileForm(StyledForm):
    full_name = forms.CharField(label=_("Full name (as on your KTP-el)"), max_length=150)
    nik = forms.CharField(
        label=_("NIK (16 digits)"),
        required=False,
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    kecamatan_code = forms.ChoiceField(
        label=_("Kecamatan"),
        required=False,
        choices=[("", _("— choose —")), *kecamatan_choices()],
    )
    desa_name = forms.CharField(
        label=_("Village / urban village (desa/kelurahan)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"list": "desa-names"}),
    )
    street = forms.CharField(label=_("Street, house number, RT/RW"), required=False, max_length=200)

    desa_names = sorted({d.name for d in DESA})
