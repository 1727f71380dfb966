"""Citizen complaint pages: file (web and kiosk), the confirmation with code and PIN, tracking
with a second factor, the reporter's response, and the published answers."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from mpp.core import fairuse
from mpp.core.tenancy import mall_or_404
from mpp.feedback import domain, oversight, present, queries
from mpp.feedback.enums import (
    PROTECTED_KINDS,
    ComplaintChannel,
    ComplaintKind,
    ComplaintStatus,
    ComplaintSubject,
)
from mpp.feedback.errors import FeedbackError
from mpp.feedback.forms import ComplaintForm, RespondForm, TrackForm
from mpp.feedback.models import Complaint
from mpp.feedback.tracking import TooManyAttemptsError, client_address, find_for_reporter
from mpp.feedback.uploads import PhotoRejectedError, clean_photo, read_limited

_FILED = "feedback_filed"
_TRACKED = "feedback_tracked"


def complaints_home(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    latest = list(queries.published_complaints(mall)[:3])
    return render(request, "feedback/complaints_home.html", {"latest": latest})


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest, kiosk: bool = False) -> HttpResponse:
    mall = mall_or_404(request)
    try:
        data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    except RequestDataTooBig:
        data, files = None, None
        form = ComplaintForm(
            mall=mall, kiosk=kiosk, initial={"form_token": secrets.token_urlsafe(24)}
        )
        form.add_error(None, _("What you sent is too large. Send a smaller photo."))
        return render(
            request,
            "feedback/complaint_form.html",
            {"form": form, "kiosk": kiosk, "oversight_unit": oversight.default_unit(mall)},
            status=400,
        )
    wanted = request.GET.get("jenis", "")
    initial = {"form_token": secrets.token_urlsafe(24), "kind": ComplaintKind.COMPLAINT}
    if wanted in ComplaintKind.values:
        initial["kind"] = wanted
        if wanted in PROTECTED_KINDS:
            initial["subject"] = ComplaintSubject.OFFICER
    form = ComplaintForm(data, files, mall=mall, kiosk=kiosk, initial=initial)
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        key = fairuse.scoped_key(request, f"form:{cleaned['form_token']}") or ""
        if not Complaint.objects.filter(mall=mall, idempotency_key=key).exists():
            fairuse.check(
                request, "complaint", contact=cleaned.get("phone") or cleaned.get("email") or ""
            )
        photo = None
        upload = cleaned.get("photo")
        try:
            if upload:
                photo = clean_photo(read_limited(upload))
            filed = domain.file_complaint(
                mall=mall,
                kind=cleaned["kind"],
                subject=cleaned["subject"],
                service=cleaned.get("service"),
                agency=cleaned.get("agency"),
                facility=cleaned.get("facility") or "",
                officer_description=cleaned.get("officer") or "",
                title=cleaned["title"],
                description=cleaned["description"],
                is_anonymous=bool(cleaned.get("anonymous")),
                is_confidential=bool(cleaned.get("confidential")),
                reporter_name=cleaned.get("name") or "",
                reporter_phone=cleaned.get("phone") or "",
                reporter_email=cleaned.get("email") or "",
                photo=photo,
                channel=ComplaintChannel.KIOSK if kiosk else ComplaintChannel.WEB,
                idempotency_key=key,
                actor=request.user if request.user.is_authenticated else None,
            )
        except (FeedbackError, PhotoRejectedError) as exc:
            form.add_domain_error(exc)
        else:
            shown = request.session.get(_FILED) or {}
            if filed.pin:
                shown = {"code": filed.complaint.code, "pin": filed.pin}
            elif shown.get("code") != filed.complaint.code:
                shown = {"code": filed.complaint.code, "pin": None}
            request.session[_FILED] = shown
            return redirect(
                "feedback:complaint-filed-kiosk" if kiosk else "feedback:complaint-filed"
            )
    return render(
        request,
        "feedback/complaint_form.html",
        {"form": form, "kiosk": kiosk, "oversight_unit": oversight.default_unit(mall)},
        status=400 if form.errors else 200,
    )


def complaint_new_kiosk(request: HttpRequest) -> HttpResponse:
    return complaint_new(request, kiosk=True)


@never_cache
def complaint_filed(request: HttpRequest, kiosk: bool = False) -> HttpResponse:
    """Post/Redirect/Get: the code and PIN come from the session, never from the URL."""
    mall = mall_or_404(request)
    shown = request.session.get(_FILED) or {}
    complaint = queries.complaint_by_code(mall, shown.get("code", "")) if shown else None
    if complaint is None:
        return redirect("feedback:complaints")
    return render(
        request,
        "feedback/complaint_filed.html",
        {"complaint": complaint, "pin": shown.get("pin"), "kiosk": kiosk},
    )


def complaint_filed_kiosk(request: HttpRequest) -> HttpResponse:
    return complaint_filed(request, kiosk=True)


def _tracked(request: HttpRequest) -> Any:
    mall = mall_or_404(request)
    code = request.session.get(_TRACKED)
    return queries.complaint_by_code(mall, code) if code else None


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Code + second factor → the complaint's status, answer and public timeline. A verified
    complaint stays open in this browser session (for the response form) until it ends."""
    mall = mall_or_404(request)
    form = TrackForm(request.POST or None)
    complaint = None
    status = 200
    if request.method == "POST":
        request.session.pop(_TRACKED, None)
        if form.is_valid():
            try:
                complaint = find_for_reporter(
                    mall,
                    form.cleaned_data["code"],
                    form.cleaned_data["secret"],
                    client_address(request),
                )
            except TooManyAttemptsError as exc:
                form.add_error(None, exc.message)
                status = 429
            else:
                if complaint is None:
                    form.add_error(
                        None,
                        _("No complaint matches that code and PIN. Check both and try again."),
                    )
                    status = 404
                else:
                    request.session.cycle_key()
                    request.session[_TRACKED] = complaint.code
                    return redirect("feedback:track-result")
        else:
            status = 400
    return render(request, "feedback/track.html", {"form": form}, status=status)


@never_cache
def track_result(request: HttpRequest) -> HttpResponse:
    complaint = _tracked(request)
    if complaint is None:
        return redirect("feedback:track")
    return render(
        request,
        "feedback/track_result.html",
        {
            "complaint": complaint,
            "view": present.for_reporter(complaint),
            "respond_form": RespondForm() if complaint.status == ComplaintStatus.ANSWERED else None,
        },
    )


@never_cache
@require_POST
def track_respond(request: HttpRequest) -> HttpResponse:
    complaint = _tracked(request)
    if complaint is None:
        return redirect("feedback:track")
    form = RespondForm(request.POST)
    if form.is_valid():
        try:
            domain.respond_to_answer(
                complaint=complaint,
                verdict=form.cleaned_data["verdict"],
                comment=form.cleaned_data.get("comment") or "",
            )
        except FeedbackError as exc:
            form.add_error("comment" if exc.field == "comment" else None, exc.message)
        else:
            return redirect("feedback:track-result")
    return render(
        request,
        "feedback/track_result.html",
        {"complaint": complaint, "view": present.for_reporter(complaint), "respond_form": form},
        status=400,
    )


def track_end(request: HttpRequest) -> HttpResponse:
    request.session.pop(_TRACKED, None)
    return redirect("feedback:complaints")


def published(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    paginator = Paginator(queries.published_complaints(mall), 20)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "feedback/published.html", {"page": page})
