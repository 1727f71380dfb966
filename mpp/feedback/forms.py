"""HTML forms of the feedback pages. They parse and check shapes; the rules live in the domain
functions, whose errors are put back on the form's fields."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import Agency, Service
from mpp.core.clock import local_day
from mpp.core.errors import DomainError
from mpp.core.forms import SpecificMessages
from mpp.core.models import Mall
from mpp.feedback import skm
from mpp.feedback.enums import (
    CitizenVerdict,
    ComplaintCategory,
    ComplaintKind,
    ComplaintSubject,
    Education,
    FollowUpStatus,
    Gender,
    InvitationChannel,
    Occupation,
)
from mpp.feedback.errors import FeedbackError
from mpp.feedback.periods import SkmPeriod, parse_period, recent_periods

SKIP = ""


def answer_choices(unsur: skm.Unsur) -> list[tuple[str, str]]:
    return [(str(score), str(label)) for score, label in zip(skm.SCORES, unsur.labels, strict=True)]


class SurveyForm(SpecificMessages, forms.Form):
    """The whole questionnaire on one page (phone link). Fields are named by element code."""

    gender = forms.ChoiceField(
        label=_("Sex"), choices=[("", _("Rather not say")), *Gender.choices], required=False
    )
    age = forms.IntegerField(label=_("Age (years)"), min_value=10, max_value=120, required=False)
    education = forms.ChoiceField(
        label=_("Education"),
        choices=[("", _("Rather not say")), *Education.choices],
        required=False,
    )
    occupation = forms.ChoiceField(
        label=_("Occupation"),
        choices=[("", _("Rather not say")), *Occupation.choices],
        required=False,
    )
    suggestion = forms.CharField(
        label=_("Suggestions for improvement"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in skm.QUESTIONNAIRE_ORDER:
            unsur = skm.UNSUR_BY_CODE[code]
            self.fields[code] = forms.ChoiceField(
                label=str(unsur.question),
                choices=answer_choices(unsur),
                widget=forms.RadioSelect,
                required=False,
            )

    def questions(self) -> list[tuple[int, forms.BoundField, skm.Unsur]]:
        return [
            (number, self[code], skm.UNSUR_BY_CODE[code])
            for number, code in enumerate(skm.QUESTIONNAIRE_ORDER, start=1)
        ]

    def answers(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(code) or "" for code in skm.CODES}

    def profile(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data.get(name)
            for name in ("gender", "age", "education", "occupation")
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(code) for code in skm.CODES):
            # On the first question, so the error summary links to a place on the page.
            self.add_error(skm.QUESTIONNAIRE_ORDER[0], _("Answer at least one question."))
        return cleaned


class KioskCodeForm(SpecificMessages, forms.Form):
    code = forms.CharField(
        label=_("Code on your queue ticket or receipt"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class KioskProfileForm(SpecificMessages, forms.Form):
    gender = SurveyForm.base_fields["gender"]
    age = SurveyForm.base_fields["age"]
    education = SurveyForm.base_fields["education"]
    occupation = SurveyForm.base_fields["occupation"]
    suggestion = SurveyForm.base_fields["suggestion"]


def _localized(obj: Any, field: str) -> str:
    """The English variant of a content field when English is active and it is filled in."""
    english = getattr(obj, f"{field}_en", None) if translation.get_language() == "en" else None
    return str(english or getattr(obj, field, None) or "")


class ServicesByAgency(ModelChoiceIterator):
    """The services as one <optgroup> per agency (catalogue order), never a flat list of every
    service: a citizen finds the agency first, then the service by its name."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[int, tuple[str, list[Any]]] = {}
        for service in self.queryset:
            group = groups.setdefault(service.agency_id, (_localized(service.agency, "name"), []))
            group[1].append(self.choice(service))
        yield from groups.values()

    def __len__(self) -> int:
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class ServicesByAgencyField(forms.ModelChoiceField):
    iterator = ServicesByAgency


class ComplaintForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {
        "kind": _("Choose the type of report"),
        "subject": _("Choose what your report is about"),
        "title": _("Enter a short title for your report"),
        "description": _("Describe what happened"),
        "form_token": _("The form has expired. Reload the page and send it again."),
    }
    # One of service, agency or facility is needed (checked by the domain), and the contact
    # details are needed unless the report is anonymous: neither is marked "optional".
    conditional_fields = ("service", "agency", "facility", "officer", "name", "phone", "email")

    kind = forms.ChoiceField(
        label=_("Type of report"),
        choices=ComplaintKind.choices,
        initial=ComplaintKind.COMPLAINT,
        widget=forms.RadioSelect,
    )
    subject = forms.ChoiceField(
        label=_("What is it about?"), choices=ComplaintSubject.choices, widget=forms.RadioSelect
    )
    service = ServicesByAgencyField(
        label=_("Service"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("— choose a service —"),
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("— choose an agency —"),
    )
    facility = forms.CharField(
        label=_("Which facility?"),
        max_length=120,
        required=False,
        help_text=_("For example: toilet 2nd floor, parking, waiting room."),
    )
    officer = forms.CharField(
        label=_("Which officer?"),
        max_length=200,
        required=False,
        help_text=_("A name, a counter number or a description; the mall keeps this private."),
    )
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_("When and where, what you expected, what happened instead."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("A JPEG or PNG picture of at most 5 MB. Location data is removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    anonymous = forms.BooleanField(
        label=_("Send anonymously (you track it with the code and PIN only)"), required=False
    )
    confidential = forms.BooleanField(
        label=_("Keep my report confidential (it is never published, not even as a summary)"),
        required=False,
    )
    name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, mall: Mall, kiosk: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = (  # type: ignore[attr-defined]
            Service.objects.filter(mall=mall, is_active=True, agency__is_active=True)
            .select_related("agency")
            .order_by("agency__position", "agency__name", "position", "name")
        )
        self.fields["service"].label_from_instance = (  # type: ignore[attr-defined]
            lambda s: _localized(s, "name")
        )
        self.fields["agency"].queryset = Agency.objects.filter(  # type: ignore[attr-defined]
            mall=mall, is_active=True
        ).order_by("position", "name")
        if kiosk:
            del self.fields["photo"]

    def add_domain_error(self, error: FeedbackError) -> None:
        field = {"lat": None, "long": None, "verdict": None}.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, error.message)


class TrackForm(SpecificMessages, forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    secret = forms.CharField(
        label=_("PIN, or the phone number or e-mail you gave"),
        max_length=254,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )


class RespondForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {
        "verdict": _("Choose whether the answer solves your complaint"),
    }

    verdict = forms.ChoiceField(
        label=_("Does the answer solve your complaint?"),
        choices=CitizenVerdict.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=_("If not satisfied, say what is still wrong."),
    )


class DispositionForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {
        "agency": _("Choose where to forward the report"),
    }

    agency = forms.ModelChoiceField(
        label=_("Forward to"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("Mall management (no agency)"),
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=ComplaintCategory.choices, initial=ComplaintCategory.NORMATIVE
    )
    note = forms.CharField(
        label=_("Note to the reporter"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        required=False,
    )

    def __init__(self, *args: Any, mall: Mall, protected: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(mall=mall).order_by("position", "name")
        if protected:
            # A protected report stays with an oversight unit (ADR 0019).
            agencies = agencies.filter(oversight_unit__is_active=True)
            self.fields["agency"].required = True
            self.fields["agency"].mpp_optional = False  # type: ignore[attr-defined]
            self.fields["agency"].empty_label = None  # type: ignore[attr-defined]
            self.fields["category"].initial = ComplaintCategory.SUPERVISORY
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class ReasonForm(SpecificMessages, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class AnswerForm(SpecificMessages, forms.Form):
    answer = forms.CharField(
        label=_("Answer to the reporter"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )


class PublishForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {"summary": _("Enter the public summary")}

    summary = forms.CharField(
        label=_("Public summary (no names, numbers or contact details)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    public_answer = forms.CharField(
        label=_("Public answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class InvitationForm(SpecificMessages, forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none())
    reference = forms.CharField(label=_("Ticket or tracking code"), max_length=40, required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=InvitationChannel.choices, initial=InvitationChannel.COUNTER
    )

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        self.fields["service"].label_from_instance = (  # type: ignore[attr-defined]
            lambda s: f"{s.agency.short_name} · {s.name}"
        )


class ReportFilterForm(SpecificMessages, forms.Form):
    mark_optional = False

    period = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=10,
        help_text=_("A semester or a year; or choose the dates below."),
        widget=forms.Select,
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("Whole mall"),
        to_field_name="slug",
    )
    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("All services"),
        to_field_name="slug",
    )

    def __init__(self, *args: Any, mall: Mall, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        periods = recent_periods(today or local_day(mall))
        self.fields["period"].widget.choices = [
            ("", _("Dates below")),
            *[(p.code, p.label) for p in periods],
        ]
        agencies = Agency.objects.filter(mall=mall, is_active=True).order_by("position", "name")
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["service"].queryset = (  # type: ignore[attr-defined]
            Service.objects.filter(mall=mall, is_active=True)
            .select_related("agency")
            .order_by("agency__position", "name")
        )
        self.fields["service"].label_from_instance = (  # type: ignore[attr-defined]
            lambda s: f"{s.agency.short_name} · {s.name}"
        )

    def clean_period(self) -> SkmPeriod | None:
        raw = self.cleaned_data.get("period") or ""
        if not raw:
            return None
        try:
            return parse_period(raw)
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class FollowUpForm(SpecificMessages, forms.Form):
    """A follow-up commitment on a weak element of a survey period."""

    required_messages: ClassVar[dict[str, Any]] = {
        "period": _("Choose the survey period it answers"),
        "element": _("Choose the element of the survey"),
    }

    period = forms.ChoiceField(label=_("Survey period it answers"))
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("Whole mall"),
    )
    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("All services"),
    )
    element = forms.ChoiceField(label=_("Element"))
    action = forms.CharField(
        label=_("What will be done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Describe what will be done.")},
    )
    responsible = forms.CharField(
        label=_("Who is responsible"),
        max_length=200,
        help_text=_("The unit or officer, e.g. Kepala Bidang Pelayanan Dispendukcapil."),
        error_messages={"required": _("Name the unit or officer responsible.")},
    )
    due_date = forms.DateField(
        label=_("Done by"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the date by which it will be done."),
            "invalid": _("Write the date as YYYY-MM-DD, for example 2026-11-01."),
        },
    )

    def __init__(
        self, *args: Any, agencies: Any, services: Any, today: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [  # type: ignore[attr-defined]
            (p.code, p.label) for p in recent_periods(today)
        ]
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        self.fields["service"].label_from_instance = (  # type: ignore[attr-defined]
            lambda s: f"{s.agency.short_name} · {s.name}"
        )
        self.fields["element"].choices = [  # type: ignore[attr-defined]
            (u.code, f"{u.code} {u.name}") for u in skm.UNSUR
        ]

    def clean_period(self) -> SkmPeriod:
        try:
            return parse_period(self.cleaned_data["period"])
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class FollowUpProgressForm(SpecificMessages, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        error_messages={
            "min_value": _("Enter the progress as a percentage from 0 to 100."),
            "max_value": _("Enter the progress as a percentage from 0 to 100."),
            "invalid": _("Enter the progress as a percentage from 0 to 100."),
        },
    )
    note = forms.CharField(
        label=_("What was done (or why it is dropped)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
