"""Survey writes: issue a one-time invitation, record one respondent's answers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.audit.domain import record_event
from mpp.catalog.models import Service
from mpp.core.clock import mall_zone
from mpp.core.db import prepared_cursor
from mpp.feedback import conf, skm
from mpp.feedback.codes import survey_token
from mpp.feedback.enums import (
    Education,
    Gender,
    InvitationChannel,
    Occupation,
    SurveySession,
)
from mpp.feedback.errors import ConflictError, FeedbackError, NotFoundError
from mpp.feedback.models import SurveyInvitation, SurveyResponse

SUGGESTION_MAX = 2000


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


def _zone(mall: Any) -> ZoneInfo:
    return mall_zone(mall)


def _new_invitation(
    mall_id: int, service_id: int, channel: str, reference: str, moment: datetime
) -> SurveyInvitation:
    """An unsaved invitation with a fresh token, valid for the configured number of days."""
    return SurveyInvitation(
        mall_id=mall_id,
        service_id=service_id,
        channel=channel,
        reference=reference,
        token=survey_token(),
        created_at=moment,
        expires_at=moment + timedelta(days=conf.invitation_days()),
    )


def create_survey_invitation(
    *,
    service: Service,
    reference: str = "",
    channel: str = InvitationChannel.TICKET,
    now: datetime | None = None,
) -> SurveyInvitation:
    """A one-time survey link for one served ticket or finished application.

    Call it when the service is finished (the queue app when a ticket is served, the
    applications app when an application is completed) and print or send the link
    (`invitation_url`). Idempotent: the same (service, channel, reference) returns the
    invitation already issued, so a ticket never yields two surveys. An empty reference
    issues a fresh invitation every time (for surveys handed out at the counter).
    Side effects: none besides the row (no audit entry: nothing has been decided yet).
    """
    if channel not in InvitationChannel.values:
        raise FeedbackError(_("Unknown survey channel."), field="channel")
    reference = (reference or "").strip()[:40]
    moment = _now(now)
    if reference:
        existing = SurveyInvitation.objects.filter(
            service=service, channel=channel, reference=reference
        ).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            invitation = _new_invitation(service.mall_id, service.pk, channel, reference, moment)
            invitation.service = service
            invitation.save(force_insert=True)
            return invitation
    except IntegrityError:
        # Two callers raced for the same ticket: both get the row that won.
        return SurveyInvitation.objects.get(service=service, channel=channel, reference=reference)


def issue_survey_invitation(
    *,
    mall_id: int,
    service_id: int,
    reference: str,
    channel: str = InvitationChannel.TICKET,
    now: datetime | None = None,
) -> None:
    """The invitation of one served ticket or application when nobody is to be messaged about
    it (the citizen left no contact): the same row `create_survey_invitation` makes, written
    by one `INSERT … ON CONFLICT DO NOTHING` (SQLite: `INSERT OR IGNORE`) — no read of the
    service, no savepoint. The unique (service, channel, reference) still allows one
    invitation per reference: a second call writes nothing. The officer's finish pays this on
    every served ticket (issue 11)."""
    reference = (reference or "").strip()[:40]
    if not reference or channel not in InvitationChannel.values:
        raise FeedbackError(_("Unknown survey channel."), field="channel")
    invitation = _new_invitation(mall_id, service_id, channel, reference, _now(now))
    values = [f.get_db_prep_save(getattr(invitation, f.attname), connection) for f in _FIELDS]
    with prepared_cursor() as cursor:
        cursor.execute(_INSERT_IGNORING_CONFLICT, values)


# The statement `bulk_create(…, ignore_conflicts=True)` sends, written once instead of being
# compiled at every finish (PostgreSQL prepares it once per connection).
_FIELDS = tuple(f for f in SurveyInvitation._meta.concrete_fields if not f.primary_key)
_INSERT_IGNORING_CONFLICT = (
    f"INSERT INTO {SurveyInvitation._meta.db_table} "  # noqa: S608 - our names
    f"({', '.join(str(f.column) for f in _FIELDS)}) "
    f"VALUES ({', '.join(['%s'] * len(_FIELDS))}) ON CONFLICT DO NOTHING"
)


def check_invitation(invitation: SurveyInvitation, *, now: datetime | None = None) -> None:
    """Raise when the invitation can no longer be answered."""
    if invitation.used_at is not None:
        raise ConflictError(_("This survey has already been answered. Thank you!"), field="token")
    if invitation.expires_at <= _now(now):
        raise ConflictError(
            _("This survey link has expired. Ask at the information desk for a new one."),
            field="token",
        )


def _session(local: datetime) -> str:
    return SurveySession.MORNING if local.hour < 12 else SurveySession.AFTERNOON


def _clean_profile(profile: Mapping[str, Any]) -> dict[str, Any]:
    allowed = {"gender": Gender, "education": Education, "occupation": Occupation}
    clean: dict[str, Any] = {}
    unknown = set(profile) - {*allowed, "age"}
    if unknown:
        raise FeedbackError(_("Unknown field."), field=sorted(unknown)[0])
    for name, choices in allowed.items():
        value = profile.get(name) or ""
        if value and value not in choices.values:
            raise FeedbackError(_("Choose one of the options."), field=name)
        clean[name] = value
    age = profile.get("age")
    if age in (None, ""):
        clean["age"] = None
    else:
        try:
            clean["age"] = int(age)
        except (TypeError, ValueError) as exc:
            raise FeedbackError(_("Enter your age in years."), field="age") from exc
        if isinstance(age, bool) or not 10 <= clean["age"] <= 120:
            raise FeedbackError(_("Enter an age between 10 and 120 years."), field="age")
    return clean


def submit_survey(
    *,
    invitation: SurveyInvitation,
    answers: Mapping[str, object],
    profile: Mapping[str, Any] | None = None,
    suggestion: str = "",
    channel: str | None = None,
    now: datetime | None = None,
) -> SurveyResponse:
    """Record one respondent's answers and use up the invitation, in one transaction.

    Rules: answers are keyed by element code (U1…U9) with scores 1–4; an element may be left
    unanswered (it then does not count in that element's NRR) but at least one must be
    answered; the invitation must be unused and unexpired (checked under a row lock, so a
    double submit records one response). The survey date and time block (08–12 / 13–17) come
    from the server clock in the mall's zone. Writes an audit entry without personal data.
    """
    try:
        clean = skm.validate_answers(answers)
    except ValueError as exc:
        raise FeedbackError(
            _("Each answer must be one of the four options."), field="answers"
        ) from exc
    if not clean:
        raise FeedbackError(_("Answer at least one question."), field="answers")
    clean_profile = _clean_profile(profile or {})
    suggestion = (suggestion or "").strip()
    if len(suggestion) > SUGGESTION_MAX:
        raise FeedbackError(
            _("Keep the suggestion under %(n)s characters.") % {"n": SUGGESTION_MAX},
            field="suggestion",
        )
    if channel is not None and channel not in InvitationChannel.values:
        raise FeedbackError(_("Unknown survey channel."), field="channel")
    moment = _now(now)
    with transaction.atomic():
        locked = (
            SurveyInvitation.objects.select_for_update(of=("self",))
            .select_related("service__mall", "service__agency")
            .filter(pk=invitation.pk)
            .first()
        )
        if locked is None:
            raise NotFoundError(_("This survey link is not valid."), field="token")
        check_invitation(locked, now=moment)
        service = locked.service
        local = moment.astimezone(_zone(service.mall))
        response = SurveyResponse.objects.create(
            mall_id=service.mall_id,
            agency_id=service.agency_id,
            service=service,
            invitation=locked,
            channel=channel or locked.channel,
            submitted_at=moment,
            survey_date=local.date(),
            session=_session(local),
            suggestion=suggestion,
            **clean_profile,
            **{skm.UNSUR_BY_CODE[code].field: score for code, score in clean.items()},
        )
        locked.used_at = moment
        locked.save(update_fields=["used_at"])
        record_event(
            action="survey.submitted",
            obj=response,
            actor="citizen",
            data={
                "service_id": service.pk,
                "invitation_id": locked.pk,
                "answered": sorted(clean),
            },
        )
    invitation.used_at = moment
    return response
