"""Staff pages of the survey's follow-up plans: the list with a form to record a commitment,
and one commitment with its history and the progress form.

Who may do what (mpp.feedback.permissions' scope): the mall manager records and updates
commitments for the whole mall and every agency; an agency's staff for their own agency (and
read the mall-wide ones); the auditor reads everything and changes nothing. A commitment
outside the scope is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from mpp.accounts.access import staff_page
from mpp.catalog.models import Agency, Service
from mpp.core.errors import DomainError
from mpp.core.models import Mall
from mpp.core.tenancy import mall_or_404
from mpp.feedback import domain, permissions
from mpp.feedback.domain.followup import is_overdue
from mpp.feedback.forms import FollowUpForm, FollowUpProgressForm
from mpp.feedback.models import FollowUpPlan


def _visible(user: Any, mall: Mall) -> QuerySet[FollowUpPlan]:
    scope = permissions.complaint_scope(user)
    qs = FollowUpPlan.objects.filter(mall=mall).select_related("agency", "service")
    if scope.is_superuser or mall.pk in scope.managed_mall_ids | scope.audited_mall_ids:
        return qs
    if scope.agency_ids:
        return qs.filter(Q(agency_id__in=scope.agency_ids) | Q(agency__isnull=True))
    return qs.none()


def _writable_agencies(user: Any, mall: Mall) -> QuerySet[Agency] | None:
    """Agencies the user may record commitments for; None = also the whole mall."""
    scope = permissions.complaint_scope(user)
    agencies = Agency.objects.filter(mall=mall, is_active=True).order_by("position", "name")
    if permissions.can_manage(user, mall.pk):
        return None
    return agencies.filter(pk__in=scope.agency_ids)


def _can_write(user: Any, plan: FollowUpPlan) -> bool:
    if permissions.can_manage(user, plan.mall_id):
        return True
    scope = permissions.complaint_scope(user)
    return plan.agency_id is not None and plan.agency_id in scope.agency_ids


@never_cache
@staff_page(allow=permissions.works_at_desk)
@require_http_methods(["GET", "POST"])
def follow_ups(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    scope = permissions.complaint_scope(request.user)
    if not scope.has_access:
        raise Http404
    today = domain.local_date(mall, timezone.now())
    writable = _writable_agencies(request.user, mall)
    can_record = writable is None or writable.exists()
    agencies = (
        Agency.objects.filter(mall=mall, is_active=True).order_by("position", "name")
        if writable is None
        else writable
    )
    services = (
        Service.objects.filter(mall=mall, is_active=True, agency__in=agencies)
        .select_related("agency")
        .order_by("agency__position", "name")
    )
    form = FollowUpForm(request.POST or None, agencies=agencies, services=services, today=today)
    if request.method == "POST":
        if not can_record:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            agency = data.get("agency")
            service = data.get("service")
            if writable is not None and agency is None and service is None:
                form.add_error("agency", _("Choose your agency."))
            else:
                try:
                    plan = domain.create_follow_up_plan(
                        mall=mall,
                        period_start=data["period"].start,
                        period_end=data["period"].end,
                        element=data["element"],
                        action=data["action"],
                        responsible=data["responsible"],
                        due_date=data["due_date"],
                        agency=agency,
                        service=service,
                        actor=request.user,
                    )
                except DomainError as exc:
                    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                else:
                    messages.success(request, _("The commitment was recorded."))
                    return redirect("feedback:follow-up", pk=plan.pk)
    plans = list(_visible(request.user, mall).order_by("status", "due_date", "pk"))
    return render(
        request,
        "feedback/staff/follow_ups.html",
        {
            "rows": [(p, is_overdue(p, today)) for p in plans],
            "form": form,
            "can_record": can_record,
        },
        status=400 if form.errors else 200,
    )


@never_cache
@staff_page(allow=permissions.works_at_desk)
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    mall = mall_or_404(request)
    plan = _visible(request.user, mall).filter(pk=pk).first()
    if plan is None:
        raise Http404
    today = domain.local_date(mall, timezone.now())
    writable = _can_write(request.user, plan)
    form = FollowUpProgressForm(
        request.POST or None, initial={"status": plan.status, "progress": plan.progress}
    )
    if request.method == "POST":
        if not writable:
            raise Http404
        if form.is_valid():
            try:
                domain.update_follow_up_progress(
                    plan=plan,
                    status=form.cleaned_data["status"],
                    progress=form.cleaned_data.get("progress"),
                    note=form.cleaned_data.get("note") or "",
                    actor=request.user,
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The progress was saved."))
                return redirect("feedback:follow-up", pk=plan.pk)
    return render(
        request,
        "feedback/staff/follow_up.html",
        {
            "plan": plan,
            "overdue": is_overdue(plan, today),
            "updates": list(plan.updates.select_related("actor").order_by("created_at", "pk")),
            "form": form,
            "writable": writable and plan.status in {"planned", "in_progress"},
        },
        status=400 if form.errors else 200,
    )
