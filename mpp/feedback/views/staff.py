"""Staff pages: the complaint desk (list, detail, actions), the photo, the SP4N-LAPOR! export,
and issuing a survey invitation with its QR code. Access follows mpp.feedback.permissions;
a complaint outside the user's scope is a 404."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mpp.accounts.access import staff_page
from mpp.catalog.models import Service
from mpp.catalog.rules import viewable_services
from mpp.core.tenancy import mall_or_404
from mpp.feedback import domain, permissions, present
from mpp.feedback.enums import ComplaintStatus
from mpp.feedback.errors import FeedbackError
from mpp.feedback.export import lapor_csv, lapor_xlsx
from mpp.feedback.forms import (
    AnswerForm,
    DispositionForm,
    InvitationForm,
    PublishForm,
    ReasonForm,
)
from mpp.feedback.models import Complaint
from mpp.feedback.qr import invitation_path, invitation_url, qr_svg
from mpp.feedback.uploads import photo_stream

FILTERS = ("open", "overdue", "escalated", "answered", "finished", "all")


def _require_scope(request: HttpRequest) -> None:
    if not permissions.complaint_scope(request.user).has_access:
        raise Http404(_("You do not have permission to open this page."))


def _complaint(request: HttpRequest, code: str) -> Complaint:
    mall = mall_or_404(request)
    complaint = (
        permissions.visible_complaints(request.user, mall)
        .select_related("agency", "accused_agency", "service", "mall", "answered_by")
        .filter(code=code.upper()[:16])
        .first()
    )
    if complaint is None:
        raise Http404(_("There is no complaint with that code that you may see."))
    return complaint


def _filtered(qs: Any, name: str, today: Any) -> Any:
    overdue = Q(status=ComplaintStatus.RECEIVED, verify_due__lt=today) | Q(
        status=ComplaintStatus.DISPOSITIONED, answer_due__lt=today
    )
    if name == "open":
        return qs.filter(status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.DISPOSITIONED])
    if name == "overdue":
        return qs.filter(overdue)
    if name == "escalated":
        return qs.filter(overdue).exclude(escalation_key="")
    if name == "answered":
        return qs.filter(status=ComplaintStatus.ANSWERED)
    if name == "finished":
        return qs.filter(
            status__in=[
                ComplaintStatus.CLOSED,
                ComplaintStatus.AUTO_CLOSED,
                ComplaintStatus.REJECTED,
            ]
        )
    return qs


@never_cache
@staff_page(allow=permissions.works_at_desk)
def desk(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    _require_scope(request)
    today = domain.local_date(mall, timezone.now())
    show = request.GET.get("show", "open")
    if show not in FILTERS:
        show = "open"
    qs = _filtered(permissions.visible_complaints(request.user, mall), show, today)
    page = Paginator(
        qs.select_related("agency", "service", "mall").order_by("-received_at", "pk"), 25
    ).get_page(request.GET.get("page"))
    rows = [(c, present.is_overdue(c, today)) for c in page.object_list]
    return render(
        request,
        "feedback/staff/desk.html",
        {
            "page": page,
            "rows": rows,
            "show": show,
            "filters": [
                ("open", _("Open")),
                ("overdue", _("Overdue")),
                ("escalated", _("Escalated")),
                ("answered", _("Awaiting the reporter")),
                ("finished", _("Finished")),
                ("all", _("All")),
            ],
            "can_manage": permissions.can_manage(request.user, mall.pk),
            "can_export": permissions.can_manage(request.user, mall.pk),
        },
    )


@never_cache
@staff_page(allow=permissions.works_at_desk)
def detail(request: HttpRequest, code: str, forms: dict[str, Any] | None = None) -> HttpResponse:
    complaint = _complaint(request, code)
    mall = complaint.mall
    manage = permissions.can_manage_complaint(request.user, complaint)
    answer = permissions.can_answer(request.user, complaint)
    share = permissions.can_share_with_accused(request.user, complaint)
    status = complaint.status
    forms = forms or {}
    context = {
        "complaint": complaint,
        "events": list(complaint.events.select_related("actor").order_by("created_at", "pk")),
        "overdue": present.is_overdue(complaint),
        "see_reporter": permissions.can_see_reporter(request.user, complaint),
        "read_only": not (manage or answer or share),
        "handles_protected": permissions.handles_protected(request.user, complaint),
        "share_form": forms.get("share") or (ReasonForm(prefix="share") if share else None),
        "disposition_form": forms.get("disposition")
        or (
            DispositionForm(
                mall=mall, protected=complaint.is_protected, initial={"agency": complaint.agency}
            )
            if manage and status == ComplaintStatus.RECEIVED
            else None
        ),
        "reject_form": forms.get("reject")
        or (ReasonForm() if manage and status == ComplaintStatus.RECEIVED else None),
        "answer_form": forms.get("answer") or (AnswerForm() if answer else None),
        "return_form": forms.get("return")
        or (
            ReasonForm(prefix="return")
            if answer and complaint.agency_id and not complaint.is_protected
            else None
        ),
        "close_form": manage and status == ComplaintStatus.ANSWERED,
        "publish_form": forms.get("publish")
        or (
            PublishForm(
                initial={
                    "summary": complaint.public_summary,
                    "public_answer": complaint.public_answer or complaint.answer,
                }
            )
            if manage
            and not complaint.is_confidential
            and status
            in {ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED, ComplaintStatus.AUTO_CLOSED}
            else None
        ),
        "can_unpublish": manage and complaint.is_published,
    }
    return render(request, "feedback/staff/detail.html", context, status=400 if forms else 200)


def _do_disposition(request: HttpRequest, complaint: Complaint, form: Any) -> None:
    domain.disposition_complaint(
        complaint=complaint,
        actor=request.user,
        agency=form.cleaned_data.get("agency"),
        category=form.cleaned_data["category"],
        note=form.cleaned_data.get("note") or "",
    )


def _do_reject(request: HttpRequest, complaint: Complaint, form: Any) -> None:
    domain.reject_complaint(
        complaint=complaint, actor=request.user, reason=form.cleaned_data["reason"]
    )


def _do_answer(request: HttpRequest, complaint: Complaint, form: Any) -> None:
    domain.answer_complaint(
        complaint=complaint, actor=request.user, answer=form.cleaned_data["answer"]
    )


def _do_return(request: HttpRequest, complaint: Complaint, form: Any) -> None:
    domain.return_complaint(
        complaint=complaint, actor=request.user, reason=form.cleaned_data["reason"]
    )


def _do_close(request: HttpRequest, complaint: Complaint, form: Any) -> None:
    domain.close_complaint(complaint=complaint, actor=request.user)


def _do_publish(request: HttpRequest, complaint: Complaint, form: Any) -> None:
    domain.publish_complaint(
        complaint=complaint,
        actor=request.user,
        summary=form.cleaned_data["summary"],
        answer=form.cleaned_data["public_answer"],
    )


def _do_unpublish(request: HttpRequest, complaint: Complaint, form: Any) -> None:
    domain.unpublish_complaint(complaint=complaint, actor=request.user)


def _do_share(request: HttpRequest, complaint: Complaint, form: Any) -> None:
    domain.share_with_accused(
        complaint=complaint, actor=request.user, note=form.cleaned_data["reason"]
    )


def _may_manage(request: HttpRequest, complaint: Complaint) -> bool:
    return permissions.can_manage_complaint(request.user, complaint)


def _may_share(request: HttpRequest, complaint: Complaint) -> bool:
    return permissions.can_share_with_accused(request.user, complaint)


def _may_answer(request: HttpRequest, complaint: Complaint) -> bool:
    return permissions.can_answer(request.user, complaint)


#: action → (who may, form factory or None, domain call, message, form key on the page)
ACTIONS: dict[str, tuple[Any, Any, Any, Any, str]] = {
    "disposition": (
        _may_manage,
        lambda request, c: DispositionForm(request.POST, mall=c.mall, protected=c.is_protected),
        _do_disposition,
        gettext_lazy("Forwarded."),
        "disposition",
    ),
    "reject": (
        _may_manage,
        lambda request, c: ReasonForm(request.POST),
        _do_reject,
        gettext_lazy("Marked as not processed."),
        "reject",
    ),
    "answer": (
        _may_answer,
        lambda request, c: AnswerForm(request.POST),
        _do_answer,
        gettext_lazy("Answer sent."),
        "answer",
    ),
    "return": (
        _may_answer,
        lambda request, c: ReasonForm(request.POST, prefix="return"),
        _do_return,
        gettext_lazy("Handed back to the complaint desk."),
        "return",
    ),
    "close": (_may_manage, None, _do_close, gettext_lazy("Closed."), ""),
    "publish": (
        _may_manage,
        lambda request, c: PublishForm(request.POST),
        _do_publish,
        gettext_lazy("Published."),
        "publish",
    ),
    "unpublish": (_may_manage, None, _do_unpublish, gettext_lazy("No longer published."), ""),
    "share": (
        _may_share,
        lambda request, c: ReasonForm(request.POST, prefix="share"),
        _do_share,
        gettext_lazy("Shared with the agency reported; the reporter stays hidden from it."),
        "share",
    ),
}


@never_cache
@staff_page(allow=permissions.works_at_desk)
@require_POST
def action(request: HttpRequest, code: str) -> HttpResponse:
    """Every staff action on a complaint: check the right, parse the form, call the domain."""
    complaint = _complaint(request, code)
    entry = ACTIONS.get(request.POST.get("action", ""))
    if entry is None or not entry[0](request, complaint):
        raise Http404(_("You may not do that with this complaint."))
    _may, make_form, call, message, key = entry
    form = make_form(request, complaint) if make_form else None
    if form is not None and not form.is_valid():
        return detail(request, code, {key: form})
    try:
        call(request, complaint, form)
    except FeedbackError as exc:
        if form is None:
            messages.error(request, exc.message)
            return redirect("feedback:desk-detail", code=complaint.code)
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return detail(request, code, {key: form})
    messages.success(request, str(message))
    if not permissions.can_view(request.user, Complaint.objects.get(pk=complaint.pk)):
        # Handed back: the agency no longer sees it.
        return redirect("feedback:desk")
    return redirect("feedback:desk-detail", code=complaint.code)


@staff_page(allow=permissions.works_at_desk)
def photo(request: HttpRequest, code: str) -> FileResponse:
    """Stream the photo to staff who may see the complaint: as an attachment, with nosniff,
    a server-chosen name and no caching, so it can never render as a page of our site."""
    complaint = _complaint(request, code)
    if complaint.is_protected and not permissions.can_see_reporter(request.user, complaint):
        raise Http404  # a photo may identify the reporter of a protected report
    if not complaint.photo or complaint.photo_type not in {"image/jpeg", "image/png"}:
        raise Http404
    extension = "jpg" if complaint.photo_type == "image/jpeg" else "png"
    response = FileResponse(
        photo_stream(complaint),
        content_type=complaint.photo_type,
        as_attachment=request.GET.get("unduh") == "1",
        filename=f"pengaduan-{complaint.code}.{extension}",
    )
    if request.GET.get("unduh") != "1":
        response["Content-Disposition"] = (
            f'inline; filename="pengaduan-{complaint.code}.{extension}"'
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


@staff_page(allow=permissions.works_at_desk)
def lapor_export(request: HttpRequest, fmt: str) -> HttpResponse:
    mall = mall_or_404(request)
    if not permissions.can_manage(request.user, mall.pk):
        raise Http404
    today = domain.local_date(mall, timezone.now())
    try:
        days = max(1, min(int(request.GET.get("hari", "31")), 366))
    except ValueError:
        days = 31
    since = timezone.now() - timedelta(days=days)
    complaints = (
        # Protected reports (ADR 0019) are the oversight unit's, not the mall desk's.
        Complaint.objects.filter(mall=mall, received_at__gte=since, is_protected=False)
        .select_related("agency", "service", "mall")
        .order_by("received_at", "pk")
    )
    name = f"lapor-{mall.slug}-{today:%Y%m%d}"
    if fmt == "csv":
        response = HttpResponse(lapor_csv(complaints), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = HttpResponse(
            lapor_xlsx(complaints),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@staff_page(allow=permissions.works_at_desk)
def invitation_new(request: HttpRequest) -> HttpResponse:
    """Issue a one-time survey link at the counter: its QR for the citizen's phone, or the
    kiosk mode on the counter's tablet."""
    mall = mall_or_404(request)
    scope = permissions.complaint_scope(request.user)
    if not scope.has_access:
        raise Http404
    services = viewable_services(request.user, mall).select_related("agency")
    if not (scope.is_superuser or mall.pk in scope.managed_mall_ids):
        services = Service.objects.filter(
            Q(pk__in=services.values("pk")) | Q(agency_id__in=scope.agency_ids), mall=mall
        ).select_related("agency")
    form = InvitationForm(
        request.POST or None,
        services=services.filter(is_active=True).order_by("agency__position", "name"),
    )
    invitation = None
    if request.method == "POST" and form.is_valid():
        try:
            invitation = domain.create_survey_invitation(
                service=form.cleaned_data["service"],
                reference=form.cleaned_data.get("reference") or "",
                channel=form.cleaned_data["channel"],
            )
        except FeedbackError as exc:
            form.add_error(None, exc.message)
    context: dict[str, Any] = {"form": form, "invitation": invitation}
    if invitation is not None:
        url = invitation_url(invitation, request.build_absolute_uri("/"))
        context.update(
            url=url,
            path=invitation_path(invitation),
            qr=qr_svg(url, title=_("Survey QR code")),
            used=invitation.used_at is not None,
        )
    return render(request, "feedback/staff/invitation.html", context)
