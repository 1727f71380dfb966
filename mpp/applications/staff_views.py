"""Officer pages: the agency inbox (filters, urgency first, bulk actions where safe) and the
case page (requirements and documents side by side, timeline, the moves the officer may
make, assignment). Staff must have passed their second factor in this session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mpp.accounts.access import staff_page
from mpp.accounts.models import User
from mpp.applications import access, domain, queries
from mpp.applications.deadlines import annotate_urgency
from mpp.applications.domain import ApplicationError
from mpp.applications.enums import ApplicationState, DocumentKind, Urgency
from mpp.applications.forms import InboxFilterForm, TransitionForm
from mpp.applications.models import Application
from mpp.applications.slots import answer_display, slots_for
from mpp.applications.views import get_visible
from mpp.core.tenancy import current_mall

S = ApplicationState
PAGE_SIZE = 50
BULK_ACTIONS = {"start_verification", "assign_me"}


def officer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The staff-page gate (mpp.accounts.access.staff_page) with the agency-officer rule."""
    return staff_page(
        view,
        allow=access.works_here,
        denied=gettext_lazy("You do not work for an agency of this mall."),
    )


@never_cache
@officer_required
def inbox(request: HttpRequest) -> HttpResponse:
    mall = current_mall(request)
    today = timezone.localdate()
    filters = InboxFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    queryset = queries.inbox(
        request.user,
        today=today,
        mall=mall,
        state=values.get("state") or "",
        service=values.get("service") or "",
        due=values.get("due") or "",
        mine=bool(values.get("mine")),
    )
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(values.get("page") or 1)
    items = annotate_urgency(page.object_list, today, mall=mall)
    counts = {"overdue": 0, "due_soon": 0}
    for item in items:
        if item.urgency in counts:  # type: ignore[attr-defined]
            counts[item.urgency] += 1  # type: ignore[attr-defined]
    return render(
        request,
        "applications/inbox.html",
        {
            "items": items,
            "page": page,
            "filters": values,
            "states": [(s.value, s.label) for s in S if s != S.DRAFT],
            "services": list(queries.inbox_services(request.user)),
            "counts": counts,
            "Urgency": Urgency,
        },
    )


@require_POST
@officer_required
def bulk(request: HttpRequest) -> HttpResponse:
    """Safe bulk actions only: start verification of new cases, assign cases to oneself."""
    action = request.POST.get("action", "")
    ids = request.POST.getlist("selected")[:PAGE_SIZE]
    if action not in BULK_ACTIONS or not ids:
        messages.error(request, _("Choose at least one application and an action."))
        return redirect("applications:inbox")
    valid: list[UUID] = []
    for raw in ids:
        try:
            valid.append(UUID(raw))
        except ValueError:
            continue
    done = failed = 0
    for application in access.agency_queryset(request.user).filter(public_id__in=valid):
        try:
            if action == "start_verification":
                domain.transition_application(
                    application=application, to=S.IN_VERIFICATION, actor=request.user
                )
            else:
                domain.assign_application(
                    application=application, assignee=request.user, actor=request.user
                )
            done += 1
        except ApplicationError:
            failed += 1
    if done:
        messages.success(request, _("%(n)d applications updated.") % {"n": done})
    if failed or len(valid) > done + failed:
        messages.error(
            request,
            _(
                "%(n)d applications could not be updated (their state or your role does not "
                "allow it)."
            )
            % {"n": len(ids) - done},
        )
    return redirect("applications:inbox")


def _requirement_rows(
    application: Application, revealed: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    documents_by_requirement: dict[int, list[Any]] = {}
    for document in application.documents.all():
        if document.kind == DocumentKind.REQUIREMENT and document.requirement_id:
            documents_by_requirement.setdefault(document.requirement_id, []).append(document)
    rows = []
    for slot in slots_for(application):
        row: dict[str, Any] = {"slot": slot}
        if slot.is_document:
            assert slot.requirement is not None
            row["documents"] = documents_by_requirement.get(slot.requirement.pk, [])
            row["revision"] = application.revision_requests.get(str(slot.requirement.pk), "")
        else:
            row["value"] = answer_display(slot, application.answers.get(slot.key))
            row["is_nik"] = slot.kind == "nik" and bool(application.answers.get(slot.key))
            row["revealed"] = (revealed or {}).get(slot.key, "")
        rows.append(row)
    return rows


def _assignees(application: Application) -> list[User]:
    return list(
        User.objects.filter(
            memberships__agency_id=application.agency_id,
            memberships__role__in=["verifier", "head_of_unit"],
            is_active=True,
        )
        .exclude(pk=application.applicant_id)
        .distinct()
        .order_by("first_name", "username")
    )


@never_cache
@officer_required
def case(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = get_visible(request, public_id)
    if access.is_applicant(request.user, application):
        return redirect("applications:detail", public_id=application.public_id)
    return _render_case(request, application)


def _render_case(
    request: HttpRequest,
    application: Application,
    *,
    form: TransitionForm | None = None,
    revealed: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    annotate_urgency([application], timezone.localdate(), mall=application.mall)
    targets = access.staff_targets(request.user, application)
    return render(
        request,
        "applications/case.html",
        {
            "application": application,
            "rows": _requirement_rows(application, revealed),
            "can_revise": S.NEEDS_REVISION in targets,
            "targets": [(t, S(t).label) for t in targets],
            "form": form or TransitionForm(),
            "can_documents": access.can_view_documents(request.user, application),
            "can_assign": access.can_assign(request.user, application),
            "assignees": _assignees(application)
            if access.can_assign(request.user, application)
            else [],
            "result_documents": [
                d for d in application.documents.all() if d.kind == DocumentKind.RESULT
            ],
        },
        status=status,
    )


@require_POST
@officer_required
def transition(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = get_visible(request, public_id)
    form = TransitionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_case(request, application, form=form, status=422)
    reasons = {
        key.removeprefix("reason-"): str(value)
        for key, value in request.POST.items()
        if key.startswith("reason-") and str(value).strip()
    }
    try:
        domain.transition_application(
            application=application,
            to=form.cleaned_data["to"],
            actor=request.user,
            reason=form.cleaned_data.get("reason") or "",
            requirement_reasons=reasons,
            result_kind=form.cleaned_data.get("result_kind") or "",
            result_note=form.cleaned_data.get("result_note") or "",
            result_file=form.cleaned_data.get("result_file"),
        )
    except ApplicationError as exc:
        if exc.status == 404:
            raise Http404 from exc
        # On its field when the form has it (the summary links there), else on the form.
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        application = get_visible(request, public_id)
        return _render_case(
            request, application, form=form, status=exc.status if exc.status in (403, 409) else 422
        )
    messages.success(
        request,
        _("The application is now “%(state)s”.") % {"state": S(form.cleaned_data["to"]).label},
    )
    return redirect("applications:case", public_id=application.public_id)


@require_POST
@officer_required
def assign(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = get_visible(request, public_id)
    raw = request.POST.get("assignee", "")
    assignee = None
    if raw:
        assignee = User.objects.filter(pk=int(raw) if raw.isdigit() else -1).first()
        if assignee is None:
            messages.error(request, _("Choose a verifier or head of unit of this agency."))
            return redirect("applications:case", public_id=application.public_id)
    try:
        domain.assign_application(application=application, assignee=assignee, actor=request.user)
    except ApplicationError as exc:
        if exc.status == 404:
            raise Http404 from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The assignment is saved."))
    return redirect("applications:case", public_id=application.public_id)


@never_cache
@require_POST
@officer_required
def reveal_nik(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = get_visible(request, public_id, documents_too=True)
    key = request.POST.get("field", "")
    try:
        value = domain.record_nik_view(application=application, actor=request.user, slot_key=key)
    except ApplicationError as exc:
        raise Http404 from exc
    return _render_case(request, application, revealed={key: value})
