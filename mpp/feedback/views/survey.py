"""Survey pages: the one-time link (whole questionnaire on one page), the exit kiosk (one
question per screen, big buttons, no JavaScript), the public report and its downloads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mpp.catalog.models import Agency, Service
from mpp.core.errors import DomainError
from mpp.core.models import Mall
from mpp.core.pdf import pdf_download, report_error, report_language
from mpp.core.tenancy import mall_or_404
from mpp.feedback import domain, queries, skm
from mpp.feedback.enums import InvitationChannel
from mpp.feedback.errors import FeedbackError
from mpp.feedback.export import skm_xlsx
from mpp.feedback.forms import KioskCodeForm, KioskProfileForm, ReportFilterForm, SurveyForm
from mpp.feedback.models import SurveyInvitation
from mpp.feedback.periods import SkmPeriod, parse_period
from mpp.feedback.qr import qr_svg
from mpp.feedback.skm_report import PublishedIkm, published_ikm, published_period, skm_document

#: Screens of the kiosk: the nine questions in questionnaire order, then the profile.
KIOSK_STEPS = len(skm.QUESTIONNAIRE_ORDER)
_KIOSK_SESSION = "feedback_kiosk"


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


@dataclass
class ReportRequest:
    """The parsed parameters of a report request (`report` only when details were asked)."""

    form: ReportFilterForm
    mall: Mall
    start: date | None = None
    end: date | None = None
    agency: Agency | None = None
    service: Service | None = None
    period: SkmPeriod | None = None
    report: queries.SkmReport | None = None

    @property
    def ok(self) -> bool:
        return self.start is not None and not self.form.errors


def _report(request: HttpRequest, *, details: bool = True) -> ReportRequest:
    """Parse `period` (2026, 2026-S1) or `start`/`end`, and `agency` or `service`."""
    from mpp.feedback.api import report_period

    mall = mall_or_404(request)
    today = domain.local_date(mall, timezone.now())
    form = ReportFilterForm(request.GET or None, mall=mall, today=today)
    asked = ReportRequest(form, mall)
    # `format` and `lang` choose the rendering, not the figures.
    if set(request.GET) - {"format", "lang"} and not form.is_valid():
        return asked
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    asked.period = data.get("period")
    try:
        if asked.period is not None:
            asked.start, asked.end = asked.period.start, asked.period.end
        else:
            asked.start, asked.end = report_period(mall, data.get("start"), data.get("end"))
    except FeedbackError as exc:
        form.add_error("start", exc.message)
        return asked
    asked.service = data.get("service")
    asked.agency = data.get("agency") if asked.service is None else None
    if details:
        asked.report = queries.ikm_report(
            mall=mall,
            start=asked.start,
            end=asked.end,
            agency=asked.agency,
            service=asked.service,
        )
    return asked


def survey_report(request: HttpRequest) -> HttpResponse:
    """The SKM report: the page, or with `format=pdf` the printed report (`lang=id|en`), or
    with `format=xlsx` the spreadsheet annex of the raw tallies."""
    fmt = request.GET.get("format") or "html"
    if fmt == "pdf":
        return survey_report_pdf(request)
    if fmt == "xlsx":
        return survey_report_xlsx(request)
    if fmt != "html":
        return report_error(request, _("Choose the format pdf or xlsx, or leave it out."))
    asked = _report(request)
    form, report = asked.form, asked.report
    query = request.GET.copy()
    for key in ("format", "lang"):
        query.pop(key, None)
    return render(
        request,
        "feedback/report.html",
        {
            "form": form,
            "report": report,
            "period": asked.period,
            "grades": skm.GRADES,
            "query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )


def _scope_slug(report: queries.SkmReport) -> str:
    if report.service is not None:
        return f"-{report.service.slug}"
    if report.agency is not None:
        return f"-{report.agency.slug}"
    return ""


def survey_report_pdf(request: HttpRequest) -> HttpResponse:
    lang = report_language(request)
    if lang is None:
        return report_error(
            request, _("Choose the report's language: id (Indonesian) or en (English).")
        )
    asked = _report(request, details=False)
    if not asked.ok or asked.start is None or asked.end is None:
        messages = [str(m) for errors in asked.form.errors.values() for m in errors]
        return report_error(request, " ".join(messages))
    mall = asked.mall
    with translation.override(lang):
        document = skm_document(
            mall=mall,
            start=asked.start,
            end=asked.end,
            agency=asked.agency,
            service=asked.service,
            period=asked.period,
            today=domain.local_date(mall, timezone.now()),
        )
    report = document.report
    label = asked.period.code if asked.period else f"{asked.start:%Y%m%d}-{asked.end:%Y%m%d}"
    name = f"skm-{mall.slug}-{label}{_scope_slug(report)}{'-en' if lang == 'en' else ''}.pdf"
    return pdf_download(
        request,
        "feedback/print/skm.html",
        {"doc": document, "report": report, "mall": mall, "generated_at": timezone.now()},
        filename=name,
        lang=lang,
    )


def survey_report_xlsx(request: HttpRequest) -> HttpResponse:
    asked = _report(request)
    report = asked.report
    if report is None:
        return render(
            request, "feedback/report.html", {"form": asked.form, "report": None}, status=400
        )
    rows = queries.responses(
        mall=report.mall,
        start=report.start,
        end=report.end,
        service=report.service,
        agency=report.agency,
    ).order_by("submitted_at", "pk")
    by_unit = (
        queries.ikm_by_service(
            mall=report.mall, start=report.start, end=report.end, agency=report.agency
        )
        if report.service is None
        else []
    )
    response = HttpResponse(
        skm_xlsx(report, rows.iterator(chunk_size=2000), by_service=by_unit),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    label = asked.period.code if asked.period else f"{report.start:%Y%m%d}-{report.end:%Y%m%d}"
    response["Content-Disposition"] = (
        f'attachment; filename="skm-{label}{_scope_slug(report)}.xlsx"'
    )
    return response


# --- The published IKM ---------------------------------------------------------------------------


def _published(request: HttpRequest) -> tuple[Mall, PublishedIkm | None, str]:
    mall = mall_or_404(request)
    today = domain.local_date(mall, timezone.now())
    raw = request.GET.get("period") or ""
    try:
        period = parse_period(raw) if raw else published_period(mall=mall, today=today)
    except DomainError as exc:
        return mall, None, exc.message
    return mall, published_ikm(mall=mall, period=period, today=today), ""


def poster(request: HttpRequest) -> HttpResponse:
    """The IKM poster for the service hall: the page, or `format=pdf` with `size=a4|a3` and
    `lang=id|en`."""
    mall, published, error = _published(request)
    if published is None:
        return report_error(request, error)
    survey_url = request.build_absolute_uri(
        reverse("feedback:report") + f"?period={published.period.code}"
    )
    context = {
        "mall": mall,
        "pub": published,
        "report": published.report,
        "qr": qr_svg(survey_url, title=_("The full survey report")),
        "survey_url": survey_url,
        "generated_at": timezone.now(),
    }
    if request.GET.get("format") != "pdf":
        return render(request, "feedback/poster.html", context)
    lang = report_language(request)
    size = (request.GET.get("size") or "a4").lower()
    if lang is None or size not in {"a4", "a3"}:
        return report_error(
            request,
            _("Choose the poster's size (a4 or a3) and language (id or en)."),
        )
    context["size"] = size
    name = f"ikm-{mall.slug}-{published.period.code}-{size}{'-en' if lang == 'en' else ''}.pdf"
    return pdf_download(request, "feedback/print/poster.html", context, filename=name, lang=lang)


def board_slide(request: HttpRequest) -> HttpResponse:
    """The IKM as one 1920×1080 slide, for the display board's idle rotation (a standalone
    page: the board loads its `[data-slide]` part between calls)."""
    mall, published, error = _published(request)
    if published is None:
        return report_error(request, error)
    return render(request, "feedback/board_slide.html", {"mall": mall, "pub": published})
