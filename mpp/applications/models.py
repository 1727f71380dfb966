"""Online applications (permohonan online), their timeline and their documents.

Rows are reached from outside only by random identifiers: `public_id` (a UUID, in URLs) and
`tracking_code` (short, for the public tracking page). Database ids never leave the server.
The state is changed only by mpp.applications.domain (one transition function, which also
writes the status event and the audit entry).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from mpp.applications.enums import ApplicationState, DocumentKind, FieldKind, ResultKind
from mpp.catalog.models import Agency, Requirement, Service
from mpp.core.models import Mall


class ApplicationField(models.Model):
    """An extra, typed question a service asks besides its requirements (the child's name,
    the date of birth, the applicant's address in Ngawi …)."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="application_fields"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    key = models.SlugField(_("key"), max_length=40)
    label = models.CharField(_("question"), max_length=200)
    label_en = models.CharField(_("question (English)"), max_length=200, blank=True)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    help_text_en = models.CharField(_("hint (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FieldKind)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One per line."))
    is_required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("application question")
        verbose_name_plural = _("application questions")
        ordering = ["service", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["service", "key"], name="application_field_key_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Application(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tracking_code = models.CharField(
        _("tracking code"), max_length=12, unique=True, null=True, blank=True, editable=False
    )
    mall = models.ForeignKey(Mall, on_delete=models.PROTECT, related_name="applications")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="applications")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ApplicationState, default=ApplicationState.DRAFT
    )
    # Answers to the requirement fields and extra questions, by key. NIK answers are stored
    # encrypted as {"enc": …, "masked": …} (see mpp.applications.answers).
    answers = models.JSONField(default=dict, blank=True)
    contact_phone = PhoneNumberField(_("mobile number"), blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    # Open revision requests: requirement id (or "general") -> the officer's reason.
    revision_requests = models.JSONField(default=dict, blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    result_kind = models.CharField(
        _("how the result is delivered"), max_length=20, choices=ResultKind, blank=True
    )
    result_note = models.TextField(_("result note"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_applications",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    # The deadline (a working day, inclusive) and, while waiting for the applicant, the day
    # the clock stopped (mpp.applications.deadlines).
    due_date = models.DateField(_("due date"), null=True, blank=True)
    paused_on = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["agency", "state", "due_date"]),
            models.Index(fields=["applicant", "created_at"]),
            models.Index(fields=["mall", "state"]),
        ]

    def __str__(self) -> str:
        return self.tracking_code or f"draft {self.public_id}"

    @property
    def state_label(self) -> str:
        return str(ApplicationState(self.state).label)


class ApplicationStatusEvent(models.Model):
    """One transition: who, when, from what to what, and why. The applicant's timeline and
    the public tracking page are read from these rows."""

    class ActorKind(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        STAFF = "staff", _("Officer")
        SYSTEM = "system", _("System")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(auto_now_add=True)
    from_state = models.CharField(max_length=20, choices=ApplicationState)
    to_state = models.CharField(max_length=20, choices=ApplicationState)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_kind = models.CharField(max_length=20, choices=ActorKind)
    reason = models.TextField(_("reason"), blank=True)
    # Per-requirement revision reasons ({"<requirement id>": "…"}), the result kind, …
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("status event")
        verbose_name_plural = _("status events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_state} → {self.to_state}"


class Document(models.Model):
    """An uploaded file: a scan for a requirement, or the result issued by the agency.

    Stored encrypted under MEDIA_ROOT with a random name (`storage_name`), served only by a
    permission-checked view as an attachment. `original_name` is for display and never used
    to build a path.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    requirement = models.ForeignKey(
        Requirement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=DocumentKind, default=DocumentKind.REQUIREMENT)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=120, unique=True, editable=False)
    original_name = models.CharField(max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["application", "is_current"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.public_id}"

    @property
    def extension(self) -> str:
        return {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
            self.content_type, "bin"
        )
