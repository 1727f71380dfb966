"""Choices of the feedback app: the SKM respondent profile, invitation channels, and the
complaint workflow (states, categories with their time limits, subjects, channels)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# --- Satisfaction survey (SKM) -----------------------------------------------------------------


class Gender(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Education(models.TextChoices):
    """The education levels of the PermenPAN-RB 14/2017 respondent profile."""

    SD = "SD", _("Primary school (SD)")
    SMP = "SMP", _("Junior high school (SMP)")
    SMA = "SMA", _("Senior high school (SMA)")
    S1 = "S1", _("Bachelor (S1)")
    S2 = "S2", _("Master (S2)")
    S3 = "S3", _("Doctorate (S3)")


class Occupation(models.TextChoices):
    """The occupations of the PermenPAN-RB 14/2017 respondent profile."""

    PNS = "PNS", _("Civil servant (PNS)")
    TNI = "TNI", _("Armed forces (TNI)")
    POLRI = "POLRI", _("Police (POLRI)")
    SWASTA = "SWASTA", _("Private employee")
    WIRAUSAHA = "WIRAUSAHA", _("Self-employed")
    LAINNYA = "LAINNYA", _("Other")


class SurveySession(models.TextChoices):
    """`Jam survei` of the respondent profile: the two half-day blocks of the form."""

    MORNING = "08-12", _("08.00–12.00")
    AFTERNOON = "13-17", _("13.00–17.00")


class InvitationChannel(models.TextChoices):
    """Where the one-time survey invitation came from."""

    TICKET = "ticket", _("Queue ticket")
    APPLICATION = "application", _("Online application")
    COUNTER = "counter", _("Handed out at the counter")
    KIOSK = "kiosk", _("Exit kiosk")


# --- Complaints (pengaduan) --------------------------------------------------------------------


class ComplaintStatus(models.TextChoices):
    """The SP4N-LAPOR! life of a complaint: verification → disposition → follow-up →
    reporter response → closed / auto-closed."""

    RECEIVED = "received", _("Received, awaiting verification")
    DISPOSITIONED = "dispositioned", _("Forwarded to the agency")
    ANSWERED = "answered", _("Answered, awaiting your response")
    CLOSED = "closed", _("Closed")
    AUTO_CLOSED = "auto_closed", _("Closed automatically")
    REJECTED = "rejected", _("Not processed")


#: The allowed transitions. Every state change goes through
#: `mpp.feedback.domain.complaints.transition_complaint`, which refuses anything else.
COMPLAINT_TRANSITIONS: dict[str, frozenset[str]] = {
    ComplaintStatus.RECEIVED: frozenset({ComplaintStatus.DISPOSITIONED, ComplaintStatus.REJECTED}),
    # An agency may hand a complaint back ("bukan wewenang": not its authority) for a new
    # disposition, or answer it.
    ComplaintStatus.DISPOSITIONED: frozenset({ComplaintStatus.ANSWERED, ComplaintStatus.RECEIVED}),
    # Satisfied (or closed by the manager), quiet period over, or not satisfied: back to the
    # agency for a new answer.
    ComplaintStatus.ANSWERED: frozenset(
        {ComplaintStatus.CLOSED, ComplaintStatus.AUTO_CLOSED, ComplaintStatus.DISPOSITIONED}
    ),
    ComplaintStatus.CLOSED: frozenset(),
    ComplaintStatus.AUTO_CLOSED: frozenset(),
    ComplaintStatus.REJECTED: frozenset(),
}

OPEN_STATUSES = frozenset(
    {ComplaintStatus.RECEIVED, ComplaintStatus.DISPOSITIONED, ComplaintStatus.ANSWERED}
)
FINISHED_STATUSES = frozenset(
    {ComplaintStatus.CLOSED, ComplaintStatus.AUTO_CLOSED, ComplaintStatus.REJECTED}
)


class ComplaintCategory(models.TextChoices):
    """Resolution categories of the published complaint standards (docs/domain-facts.md §5); each
    has its
    own follow-up limit in working days (`FEEDBACK_CATEGORY_WORKING_DAYS`)."""

    LIGHT = "ringan", _("Light (ringan)")
    NORMATIVE = "normatif", _("Normative (normatif)")
    NON_SUPERVISORY = "tidak_berkadar", _("Without supervisory content")
    SUPERVISORY = "berkadar", _("With supervisory content, needs examination")


class ComplaintKind(models.TextChoices):
    """The report types of SP4N-LAPOR!."""

    COMPLAINT = "pengaduan", _("Complaint")
    ASPIRATION = "aspirasi", _("Suggestion")
    INFORMATION = "informasi", _("Request for information")
    # Reports that protect the reporter (docs/adr/0019-whistleblowing-routing.md): routed to
    # the oversight unit (Inspectorate/APIP or Saber Pungli), never to the accused agency.
    PUNGLI = "pungli", _("Illegal levy (pungli)")
    GRATIFICATION = "gratifikasi", _("Gratification (a gift or bribe to an officer)")
    WHISTLEBLOWING = "wbs", _("Other misconduct by an officer (whistleblowing)")


#: The kinds of report that go to the oversight unit and are hidden from the accused agency.
PROTECTED_KINDS = frozenset(
    {ComplaintKind.PUNGLI, ComplaintKind.GRATIFICATION, ComplaintKind.WHISTLEBLOWING}
)


class OversightKind(models.TextChoices):
    """Who receives protected reports: the regency's internal government supervisor (APIP,
    the Inspektorat) or the task force against illegal levies (Satgas Saber Pungli)."""

    APIP = "apip", _("Inspectorate (APIP)")
    SABER_PUNGLI = "saber_pungli", _("Task force against illegal levies (Saber Pungli)")


class ModerationStatus(models.TextChoices):
    """Free text written by citizens (survey suggestions) before it may be shown publicly."""

    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved for publication")
    REJECTED = "rejected", _("Not published")


class ComplaintSubject(models.TextChoices):
    SERVICE = "service", _("A service")
    AGENCY = "agency", _("An agency")
    FACILITY = "facility", _("A facility of the mall")
    OFFICER = "officer", _("An officer")


class ComplaintChannel(models.TextChoices):
    WEB = "web", _("Website")
    KIOSK = "kiosk", _("Kiosk")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311")
    COUNTER = "counter", _("Complaint desk")


class CitizenVerdict(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied with the answer")
    NOT_SATISFIED = "not_satisfied", _("Not satisfied")


# --- Follow-up of the survey (rencana tindak lanjut) -------------------------------------------


class FollowUpStatus(models.TextChoices):
    """Progress of one follow-up commitment on a weak survey element."""

    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


#: Statuses in which a commitment is still open (shown as pending, overdue after its date).
FOLLOW_UP_OPEN = frozenset({FollowUpStatus.PLANNED, FollowUpStatus.IN_PROGRESS})
