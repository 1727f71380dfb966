"""Survey pages: the one-time link (whole questionnaire on one page), the exit kiosk (one
question per screen, big buttons, no JavaScript), the public report and its downloads."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mpp.core.models import Mall
from mpp.core.tenancy import current_mall
from mpp.feedback import domain, queries, skm
from mpp.feedback.enums import InvitationChannel
from mpp.feedback.errors import FeedbackError
from mpp.feedback.export import skm_xlsx
from mpp.feedback.forms import KioskCodeForm, KioskProfileForm, ReportFilterForm, SurveyForm
from mpp.feedback.models import SurveyInvitation

#: Screens of the kiosk: the nine questions in questionnaire order, then the profile.
KIOSK_STEPS = len(skm.QUESTIONNAIRE_ORDER)
_KIOSK_SESSION = "feedback_kiosk"


def mall_or_404(request: HttpRequest) -> Mall:
    mall = current_mall(request)
    if mall is None:
        raise Http404(_("No mall has been set up yet."))
    return mall


def _invitation(request: HttpRequest, token: str) -> SurveyInvitation:
    mall = mall_or_404(request)
    invitation = (
        SurveyInvitation.objects.select_related("service__agency", "mall")
        .filter(mall=mall, token=token[:40])
        .first()
    )
    if invitation is None:
        raise Http404(_("This survey link is not valid."))
    return invitation


def _closed_reason(invitation: SurveyInvitation) -> str | None:
    try:
        domain.check_invitation(invitation)
    except FeedbackError as exc:
        return exc.message
    return None


@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(request, token)
    closed = _closed_reason(invitation)
    if closed:
        return render(request, "feedback/survey_closed.html", {"message": closed}, status=410)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.submit_survey(
                invitation=invitation,
                answers=form.answers(),
                profile=form.profile(),
                suggestion=form.cleaned_data.get("suggestion") or "",
            )
        except FeedbackError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("feedback:survey-thanks")
    return render(
        request,
        "feedback/survey.html",
        {"form": form, "invitation": invitation, "service": invitation.service},
        status=400 if form.errors else 200,
    )


def survey_thanks(request: HttpRequest) -> HttpResponse:
    kiosk = request.GET.get("kios") == "1"
    context: dict[str, Any] = {"kiosk": kiosk}
    if kiosk:
        # The exit tablet returns to its start screen by itself (no JavaScript needed).
        context.update(kiosk_refresh=20, kiosk_refresh_url=reverse("feedback:kiosk"))
    return render(request, "feedback/survey_thanks.html", context)


# --- Kiosk ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def kiosk_start(request: HttpRequest) -> HttpResponse:
    """The exit tablet: type (or scan) the code on the ticket or receipt."""
    mall = mall_or_404(request)
    form = KioskCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["code"].strip()
        code = raw.upper().replace(" ", "").replace("-", "")
        invitation = (
            SurveyInvitation.objects.filter(
                mall=mall, used_at__isnull=True, expires_at__gt=timezone.now()
            )
            .filter(reference__in={code, raw})
            .order_by("-created_at")
            .first()
        ) or SurveyInvitation.objects.filter(mall=mall, token=raw).first()
        if invitation is None:
            form.add_error(
                "code",
                _(
                    "We found no survey for that code, or it was already answered. "
                    "Check the code on your ticket."
                ),
            )
        else:
            return redirect("feedback:kiosk-step", token=invitation.token, step=1)
    return render(
        request,
        "feedback/kiosk_start.html",
        {"form": form, "kiosk": True},
        status=400 if form.errors else 200,
    )


def _kiosk_state(request: HttpRequest, token: str) -> dict[str, Any]:
    state = request.session.get(_KIOSK_SESSION) or {}
    if state.get("token") != token:
        state = {"token": token, "answers": {}}
    return state


@require_http_methods(["GET", "POST"])
def kiosk_step(request: HttpRequest, token: str, step: int) -> HttpResponse:
    """One question per screen. Each answer is a big submit button; the answers so far live
    in the session (no JavaScript needed). Step KIOSK_STEPS + 1 is the profile and the send."""
    invitation = _invitation(request, token)
    closed = _closed_reason(invitation)
    if closed:
        return render(
            request, "feedback/survey_closed.html", {"message": closed, "kiosk": True}, status=410
        )
    if not 1 <= step <= KIOSK_STEPS + 1:
        raise Http404
    state = _kiosk_state(request, token)
    if step <= KIOSK_STEPS:
        code = skm.QUESTIONNAIRE_ORDER[step - 1]
        unsur = skm.UNSUR_BY_CODE[code]
        if request.method == "POST":
            answer = request.POST.get("answer", "")
            if answer in {"1", "2", "3", "4", "skip"}:
                if answer == "skip":
                    state["answers"].pop(code, None)
                else:
                    state["answers"][code] = int(answer)
                request.session[_KIOSK_SESSION] = state
                return redirect("feedback:kiosk-step", token=token, step=step + 1)
        choices = [
            (str(score), str(label)) for score, label in zip(skm.SCORES, unsur.labels, strict=True)
        ]
        return render(
            request,
            "feedback/kiosk_question.html",
            {
                "invitation": invitation,
                "kiosk": True,
                "step": step,
                "steps": KIOSK_STEPS,
                "unsur": unsur,
                "choices": list(reversed(choices)),
                "current": str(state["answers"].get(code, "")),
                "back": reverse("feedback:kiosk-step", args=[token, step - 1])
                if step > 1
                else None,
            },
        )
    form = KioskProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.submit_survey(
                invitation=invitation,
                answers=state["answers"],
                profile={
                    k: form.cleaned_data.get(k)
                    for k in ("gender", "age", "education", "occupation")
                },
                suggestion=form.cleaned_data.get("suggestion") or "",
                channel=InvitationChannel.KIOSK,
            )
        except FeedbackError as exc:
            form.add_error(None, exc.message)
        else:
            request.session.pop(_KIOSK_SESSION, None)
            return redirect(reverse("feedback:survey-thanks") + "?kios=1")
    return render(
        request,
        "feedback/kiosk_profile.html",
        {
            "invitation": invitation,
            "kiosk": True,
            "form": form,
            "answered": len(state["answers"]),
            "steps": KIOSK_STEPS,
            "back": reverse("feedback:kiosk-step", args=[token, KIOSK_STEPS]),
        },
        status=400 if form.errors else 200,
    )


# --- Report --------------------------------------------------------------------------------------


def _report(request: HttpRequest) -> tuple[ReportFilterForm, queries.SkmReport | None]:
    from mpp.feedback.api import report_period

    mall = mall_or_404(request)
    form = ReportFilterForm(request.GET or None, mall=mall)
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if form.is_bound else {}
    try:
        start, end = report_period(mall, data.get("start"), data.get("end"))
    except FeedbackError as exc:
        form.add_error("start", exc.message)
        return form, None
    service = data.get("service")
    agency = data.get("agency") if service is None else None
    report = queries.ikm_report(mall=mall, start=start, end=end, agency=agency, service=service)
    return form, report


def survey_report(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    return render(
        request,
        "feedback/report.html",
        {
            "form": form,
            "report": report,
            "grades": skm.GRADES,
            "query": request.GET.urlencode(),
        },
        status=400 if form.errors else 200,
    )


def survey_report_xlsx(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        return render(request, "feedback/report.html", {"form": form, "report": None}, status=400)
    rows = queries.responses(
        mall=report.mall,
        start=report.start,
        end=report.end,
        service=report.service,
        agency=report.agency,
    ).order_by("submitted_at", "pk")
    response = HttpResponse(
        skm_xlsx(report, rows.iterator(chunk_size=2000)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="skm-{report.start:%Y%m%d}-{report.end:%Y%m%d}.xlsx"'
    )
    return response
