"""Survey invitations and answers (SKM), complaints (pengaduan) and their timeline.

Thin models: every write goes through `mpp.feedback.domain`. Personal data (reporter name,
phone, e-mail, the officer named in a complaint, the photo) stays in the complaint row and is
never copied into events, audit entries, exports for the public or Open311 responses.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall
from mpp.feedback.enums import (
    CitizenVerdict,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintKind,
    ComplaintStatus,
    ComplaintSubject,
    Education,
    FollowUpStatus,
    Gender,
    InvitationChannel,
    ModerationStatus,
    Occupation,
    OversightKind,
    SurveySession,
)

#: Complaint photos: under MEDIA_ROOT (outside the web root, never served by URL), streamed
#: only through the permission-checked `complaint-photo` view. No location is given, so the
#: storage follows MEDIA_ROOT when tests override it.
private_storage = FileSystemStorage(base_url=None)


class SurveyInvitation(models.Model):
    """A one-time link to the survey for one served ticket or finished application.

    `reference` names what was served (a ticket code, an application tracking code); one
    invitation per (service, channel, reference), so a ticket yields one survey at most.
    """

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="survey_invitations")
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=InvitationChannel)
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    token = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "channel", "reference"],
                condition=~models.Q(reference=""),
                name="survey_invitation_once_per_reference",
            )
        ]
        indexes = [
            models.Index(fields=["mall", "created_at"]),
            models.Index(fields=["mall", "reference"]),
        ]

    def __str__(self) -> str:
        return f"{self.service} · {self.reference or self.token[:6]}"


def _score_field(code: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(code, null=True, blank=True)


class SurveyResponse(models.Model):
    """One respondent's answers. One column per element, named by its code (u1 … u9): the
    database's AVG and COUNT then give each element's NRR over those who answered it."""

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="survey_responses")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.PROTECT, related_name="response", null=True
    )
    channel = models.CharField(_("channel"), max_length=20, choices=InvitationChannel)
    submitted_at = models.DateTimeField(_("submitted at"))
    survey_date = models.DateField(_("survey date"))
    session = models.CharField(_("survey time"), max_length=5, choices=SurveySession, blank=True)
    gender = models.CharField(_("sex"), max_length=1, choices=Gender, blank=True)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    education = models.CharField(_("education"), max_length=3, choices=Education, blank=True)
    occupation = models.CharField(_("occupation"), max_length=10, choices=Occupation, blank=True)
    u1 = _score_field("U1")
    u2 = _score_field("U2")
    u3 = _score_field("U3")
    u4 = _score_field("U4")
    u5 = _score_field("U5")
    u6 = _score_field("U6")
    u7 = _score_field("U7")
    u8 = _score_field("U8")
    u9 = _score_field("U9")
    suggestion = models.TextField(_("suggestion"), blank=True)
    # Free text is public only once the mall manager approved it (mpp.feedback.domain.moderation).
    suggestion_status = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationStatus,
        default=ModerationStatus.PENDING,
    )
    suggestion_moderated_at = models.DateTimeField(null=True, blank=True)
    suggestion_moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"u{i}__isnull": True})
                    | models.Q(**{f"u{i}__gte": 1, f"u{i}__lte": 4}),
                    name=f"survey_u{i}_between_1_and_4",
                )
                for i in range(1, 10)
            ],
            models.CheckConstraint(
                condition=models.Q(age__isnull=True) | models.Q(age__gte=10, age__lte=120),
                name="survey_age_plausible",
            ),
        ]
        indexes = [
            models.Index(fields=["mall", "survey_date"]),
            models.Index(fields=["agency", "survey_date"]),
            models.Index(fields=["service", "survey_date"]),
            models.Index(fields=["mall", "suggestion_status", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.service} · {self.survey_date}"

    def answers(self) -> dict[str, int]:
        """Answered elements keyed by code."""
        out = {}
        for i in range(1, 10):
            value = getattr(self, f"u{i}")
            if value is not None:
                out[f"U{i}"] = int(value)
        return out


class Complaint(models.Model):
    """A complaint, suggestion or request for information, with its SP4N-LAPOR! deadlines.

    Deadlines are local dates (the end of that working day counts): `verify_due` while it
    waits for verification, `answer_due` while the agency works on it, `response_due` while
    the reporter may respond to the answer.
    """

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="complaints")
    code = models.CharField(_("tracking code"), max_length=16, unique=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=ComplaintKind, default=ComplaintKind.COMPLAINT
    )
    subject = models.CharField(_("about"), max_length=20, choices=ComplaintSubject)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        help_text=_("The agency that handles the complaint."),
    )
    facility = models.CharField(_("facility"), max_length=120, blank=True)
    officer_description = models.CharField(_("officer concerned"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what happened"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=ComplaintChannel)
    status = models.CharField(
        _("status"), max_length=20, choices=ComplaintStatus, default=ComplaintStatus.RECEIVED
    )
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=ComplaintCategory,
        default=ComplaintCategory.NORMATIVE,
    )

    # The reporter (personal data: staff with access only).
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    # The reporter asked that the report itself stay confidential (LAPOR! "Rahasia"): it is
    # never published. Not the same as anonymous (the reporter's identity is withheld).
    is_confidential = models.BooleanField(_("confidential"), default=False)
    reporter_name = models.CharField(_("name"), max_length=120, blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=20, blank=True)
    reporter_email = models.EmailField(_("e-mail"), blank=True)
    secret_digest = models.CharField(max_length=64, blank=True)
    photo = models.FileField(storage=private_storage, blank=True, max_length=200)
    photo_type = models.CharField(max_length=20, blank=True)

    # The clock.
    received_at = models.DateTimeField(_("received at"))
    verify_due = models.DateField(_("verify by"))
    dispositioned_at = models.DateTimeField(null=True, blank=True)
    answer_due = models.DateField(_("answer by"), null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    response_due = models.DateField(_("respond by"), null=True, blank=True)
    citizen_verdict = models.CharField(max_length=20, choices=CitizenVerdict, blank=True)
    citizen_comment = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)

    # Escalation to the mall manager: `escalation_key` names the deadline already escalated,
    # so the scheduled command escalates each missed deadline once.
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_key = models.CharField(max_length=60, blank=True)
    escalation_count = models.PositiveSmallIntegerField(default=0)

    # Reports that protect the reporter (pungli, gratification, whistleblowing; ADR 0019):
    # `agency` is then the oversight unit that handles it, `accused_agency` the agency reported,
    # which sees the report (never the reporter) only once the unit shares it.
    is_protected = models.BooleanField(_("protected report"), default=False)
    accused_agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency reported"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    shared_with_accused_at = models.DateTimeField(null=True, blank=True)
    shared_with_accused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Open311 `media_url`: kept as given (never fetched by the server), shown to staff.
    media_url = models.URLField(_("media link"), max_length=500, blank=True)

    # Publication without personal data.
    is_published = models.BooleanField(_("published"), default=False)
    public_summary = models.TextField(_("public summary"), blank=True)
    public_answer = models.TextField(_("public answer"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    idempotency_key = models.CharField(max_length=80, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mall", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="complaint_idempotency_key_unique",
            )
        ]
        indexes = [
            models.Index(fields=["mall", "status"]),
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["mall", "received_at"]),
            models.Index(fields=["mall", "is_published", "received_at"]),
            models.Index(fields=["mall", "is_protected", "status"]),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def current_due(self) -> date | None:
        """The deadline that runs now (None once finished)."""
        return {
            ComplaintStatus.RECEIVED: self.verify_due,
            ComplaintStatus.DISPOSITIONED: self.answer_due,
            ComplaintStatus.ANSWERED: self.response_due,
        }.get(self.status)  # type: ignore[call-overload]

    @property
    def is_open(self) -> bool:
        return self.status in {
            ComplaintStatus.RECEIVED,
            ComplaintStatus.DISPOSITIONED,
            ComplaintStatus.ANSWERED,
        }


class ComplaintEvent(models.Model):
    """One step of a complaint's timeline: a status change, an escalation, a publication.
    Public notes are shown to the reporter; internal notes only to staff."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        ESCALATION = "escalation", _("Escalated to the mall manager")
        PUBLICATION = "publication", _("Published")
        SHARED = "shared", _("Shared with the agency reported")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.STATUS)
    created_at = models.DateTimeField()
    from_status = models.CharField(max_length=20, choices=ComplaintStatus, blank=True)
    to_status = models.CharField(max_length=20, choices=ComplaintStatus, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    note = models.TextField(blank=True)
    is_public = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint} {self.from_status}→{self.to_status}"


class OversightUnit(models.Model):
    """An agency that receives reports protecting the reporter (pungli, gratification,
    whistleblowing): the regency's Inspectorate (APIP) or the Saber Pungli task force.

    Kept in the feedback app (not a column of the catalogue's Agency) because it is a rule of
    complaint routing, not part of the agency's service standard; see ADR 0019.
    """

    agency = models.OneToOneField(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="oversight_unit",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OversightKind)
    is_active = models.BooleanField(_("receives reports"), default=True)

    class Meta:
        verbose_name = _("oversight unit")
        verbose_name_plural = _("oversight units")

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_kind_display()})"


class FollowUpPlan(models.Model):
    """One follow-up commitment (rencana tindak lanjut) on a weak element of a survey period:
    what will be done, by whom, by when, and how far it has got.

    `period_start`/`period_end` name the survey period whose results it answers; the scope is
    the mall (no agency), an agency, or one service. Progress changes go through
    `mpp.feedback.domain.followup` and leave a `FollowUpUpdate` row each.
    """

    mall = models.ForeignKey(Mall, on_delete=models.CASCADE, related_name="follow_up_plans")
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    period_start = models.DateField(_("survey period from"))
    period_end = models.DateField(_("survey period until"))
    element = models.CharField(_("element"), max_length=3)
    action = models.TextField(_("what will be done"))
    responsible = models.CharField(_("who is responsible"), max_length=200)
    due_date = models.DateField(_("done by"))
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus, default=FollowUpStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_note = models.TextField(_("latest progress"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("follow-up plan")
        verbose_name_plural = _("follow-up plans")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="follow_up_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="follow_up_period_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["mall", "period_end"]),
            models.Index(fields=["mall", "status", "due_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.element} · {self.action[:40]}"


class FollowUpUpdate(models.Model):
    """One step of a commitment's history: created, progress reported, done or dropped."""

    plan = models.ForeignKey(FollowUpPlan, on_delete=models.CASCADE, related_name="updates")
    created_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=FollowUpStatus)
    progress = models.PositiveSmallIntegerField(default=0)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("follow-up progress")
        verbose_name_plural = _("follow-up progress")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.status} {self.progress}%"
