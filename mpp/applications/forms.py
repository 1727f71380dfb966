"""The application form, generated from the service's standard (mpp.applications.slots),
and the officer's forms. Fields are never required at the form level: a draft may be saved
half-filled; completeness is checked on the way to the review page (domain.missing_items)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mpp.accounts.forms import StyledForm
from mpp.accounts.nik import validate_nik
from mpp.accounts.regions import DESA, find_desa, kecamatan_choices
from mpp.applications.enums import FieldKind, ResultKind
from mpp.applications.models import Application
from mpp.applications.slots import Slot, slots_for
from mpp.core.phones import phone_national

ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


def _nik_validator(value: str) -> None:
    if value:
        validate_nik(value)


class ApplicationForm(StyledForm):
    contact_phone = forms.CharField(
        label=_("Mobile number"),
        help_text=_(
            "For messages about this application. Its last four digits let you "
            "track the application without signing in."
        ),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Every change of status is also sent here."),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, application: Application, *args: Any, **kwargs: Any) -> None:
        self.application = application
        self.slots: list[Slot] = slots_for(application)
        answers = application.answers or {}
        initial: dict[str, Any] = {
            "contact_phone": phone_national(application.contact_phone or ""),
            "contact_email": application.contact_email,
        }
        super().__init__(*args, initial=initial, **kwargs)
        # Contact fields go last, after the questions of the standard.
        contact = {k: self.fields.pop(k) for k in ("contact_phone", "contact_email")}
        for slot in self.slots:
            self._add_slot(slot, answers.get(slot.key))
        self.fields.update(contact)
        self.fields["contact_phone"].mpp_optional = False  # type: ignore[attr-defined]

    def _add_slot(self, slot: Slot, stored: Any) -> None:
        common: dict[str, Any] = {"label": slot.label, "required": False, "help_text": slot.hint}
        key = slot.key
        if slot.is_document:
            field: forms.Field = forms.FileField(
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}), **common
            )
            field.widget = forms.FileInput(attrs={"accept": ACCEPT})
        elif slot.kind == FieldKind.NUMBER:
            field = forms.IntegerField(min_value=0, max_value=10**12, **common)
            self.initial[key] = stored
        elif slot.kind == FieldKind.DATE:
            field = forms.DateField(
                input_formats=DATE_FORMATS,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                **common,
            )
            self.initial[key] = stored
        elif slot.kind == FieldKind.CHOICE:
            assert slot.field is not None
            options = [(c, c) for c in slot.field.choice_list]
            field = forms.ChoiceField(choices=[("", _("— choose —")), *options], **common)
            self.initial[key] = stored
        elif slot.kind == FieldKind.NIK:
            masked = stored.get("masked", "") if isinstance(stored, dict) else ""
            hint = slot.hint
            if masked:
                hint = _("Saved: %(masked)s. Leave empty to keep it.") % {"masked": masked}
            common["help_text"] = hint
            field = forms.CharField(
                max_length=24,
                validators=[_nik_validator],
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                **common,
            )
            field.mpp_saved = bool(masked)  # type: ignore[attr-defined]
        elif slot.kind == FieldKind.ADDRESS:
            stored = stored if isinstance(stored, dict) else {}
            self.fields[f"{key}-kecamatan"] = forms.ChoiceField(
                label=_("%(question)s: kecamatan") % {"question": slot.label},
                choices=[("", _("— choose —")), *kecamatan_choices()],
                required=False,
                help_text=slot.hint,
            )
            self.fields[f"{key}-desa"] = forms.CharField(
                label=_("%(question)s: village / urban village") % {"question": slot.label},
                required=False,
                max_length=100,
                widget=forms.TextInput(attrs={"list": "desa-names"}),
            )
            self.fields[f"{key}-street"] = forms.CharField(
                label=_("%(question)s: street, house number, RT/RW") % {"question": slot.label},
                required=False,
                max_length=200,
            )
            for part in ("kecamatan", "desa", "street"):
                self.fields[f"{key}-{part}"].mpp_optional = not slot.required  # type: ignore[attr-defined]
                self.initial[f"{key}-{part}"] = stored.get(part, "")
            return
        else:
            field = forms.CharField(max_length=500, **common)
            self.initial[key] = stored
        field.mpp_optional = not slot.required  # type: ignore[attr-defined]
        field.mpp_slot = slot  # type: ignore[attr-defined]
        self.fields[key] = field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for slot in self.slots:
            if slot.kind != FieldKind.ADDRESS:
                continue
            kecamatan = cleaned.get(f"{slot.key}-kecamatan") or ""
            desa = " ".join((cleaned.get(f"{slot.key}-desa") or "").split())
            if desa and not kecamatan:
                self.add_error(f"{slot.key}-kecamatan", _("Choose the kecamatan of this village."))
        return cleaned

    def values(self) -> dict[str, Any]:
        """Cleaned answers by slot key (addresses combined), for domain.save_answers."""
        values: dict[str, Any] = {}
        for slot in self.slots:
            if slot.is_document:
                continue
            if slot.kind == FieldKind.ADDRESS:
                kecamatan = self.cleaned_data.get(f"{slot.key}-kecamatan") or ""
                desa_name = " ".join((self.cleaned_data.get(f"{slot.key}-desa") or "").split())
                street = (self.cleaned_data.get(f"{slot.key}-street") or "").strip()
                if not (kecamatan or desa_name or street):
                    values[slot.key] = None
                    continue
                known = find_desa(kecamatan, desa_name) if kecamatan else None
                values[slot.key] = {
                    "kecamatan": kecamatan,
                    "desa": known.name if known else desa_name,
                    "desa_code": known.code if known else "",
                    "street": street,
                }
            elif slot.kind == FieldKind.NIK:
                raw = self.cleaned_data.get(slot.key) or ""
                values[slot.key] = validate_nik(raw) if raw else ""
            else:
                value = self.cleaned_data.get(slot.key)
                if isinstance(value, str):
                    value = value.strip()
                if isinstance(value, date):
                    value = value.isoformat()
                values[slot.key] = value
        return values

    def uploads(self) -> dict[int, Any]:
        """requirement id -> uploaded file, for the document slots that got a file."""
        files: dict[int, Any] = {}
        for slot in self.slots:
            if slot.is_document and self.cleaned_data.get(slot.key):
                assert slot.requirement is not None
                files[slot.requirement.pk] = self.cleaned_data[slot.key]
        return files

    desa_names = sorted({d.name for d in DESA})


class TrackForm(StyledForm):
    code = forms.CharField(
        label=_("Tracking code"),
        help_text=_("Ten letters and digits, e.g. KD7M-Q2XP-9R"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    phone_last4 = forms.CharField(
        label=_("Last four digits of the mobile number given in the application"),
        min_length=4,
        max_length=4,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "input--short"}
        ),
    )

    def clean_phone_last4(self) -> str:
        value = self.cleaned_data["phone_last4"].strip()
        if not value.isdigit():
            raise ValidationError(_("Enter four digits."))
        return value


class TransitionForm(StyledForm):
    required_messages: ClassVar[dict[str, Any]] = {
        "to": _("Choose what happens to the application")
    }
    # Needed for some moves only (checked by the domain): not marked "optional".
    conditional_fields = ("reason", "result_kind", "result_note", "result_file")

    to = forms.CharField(max_length=20, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason or note for the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    result_kind = forms.ChoiceField(
        label=_("How the applicant receives the result"),
        choices=[("", _("— choose —")), *ResultKind.choices],
        required=False,
    )
    result_note = forms.CharField(
        label=_("Where and when to pick it up"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    result_file = forms.FileField(
        label=_("Result document (PDF)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )


class InboxFilterForm(StyledForm):
    mark_optional = False

    state = forms.CharField(required=False, max_length=20)
    service = forms.CharField(required=False, max_length=120)
    due = forms.ChoiceField(
        required=False,
        choices=[("", ""), ("overdue", ""), ("due_soon", ""), ("paused", "")],
    )
    mine = forms.BooleanField(required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)
