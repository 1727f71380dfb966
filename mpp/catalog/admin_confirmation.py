"""Admin pages of the confirmation workflow (mpp.catalog.confirmation).

- "Konfirmasi standar" (overview): per agency, how many services the agency has confirmed,
  which are overdue for review, which have no decree or still have open questions. A mall
  manager or auditor sees the whole mall; an agency's editors see their agency.
- A service's review page: the standard as citizens read it, the staff-only sources and open
  questions, and (for the agency's own administrator) the form that confirms it with its SK.
- An agency's review page: its public profile and the form that confirms it.

Every page answers 404 for objects outside the user's scope (as the rest of the admin).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mpp.catalog import confirmation, rules
from mpp.catalog.models import ProcedureStep, Requirement
from mpp.core.errors import DomainError
from mpp.core.forms import SpecificMessages

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin


class ConfirmServiceForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {
        "decree_number": _("Enter the number of the decree (SK)"),
        "decree_date": _("Choose the date of the decree"),
        "checked": _("Confirm that you have compared the page with the decree"),
    }

    decree_number = forms.CharField(
        label=_("Decree (SK) number of the standard"), max_length=confirmation.DECREE_MAX
    )
    decree_date = forms.DateField(
        label=_("Decree date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    checked = forms.BooleanField(
        label=_(
            "I have compared this page with the agency's decree: requirements, steps, time, "
            "fee, product and complaint handling are correct."
        )
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=confirmation.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConfirmAgencyForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {
        "checked": _("Confirm that the details shown are correct"),
    }

    checked = forms.BooleanField(
        label=_(
            "The pledge (maklumat), contacts, opening hours and head of unit shown here are "
            "correct."
        )
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=confirmation.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _context(admin: ModelAdmin[Any], request: HttpRequest, title: str) -> dict[str, Any]:
    return {
        **admin.admin_site.each_context(request),
        "opts": admin.model._meta,
        "title": title,
    }


def overview_view(admin: ModelAdmin[Any], request: HttpRequest) -> HttpResponse:
    if not rules.can_view_catalogue(request.user):
        raise Http404
    malls = list(rules.catalogue_view_malls(request.user).order_by("name"))
    if not malls:
        raise Http404
    chosen = request.GET.get("mall")
    mall = next((m for m in malls if str(m.pk) == chosen), malls[0])
    agencies = rules.viewable_agencies(request.user, mall).values("pk")
    overview = confirmation.confirmation_overview(mall=mall, agencies=agencies)
    context = {
        **_context(admin, request, gettext("Confirmation of service standards")),
        "mall": mall,
        "malls": malls if len(malls) > 1 else [],
        "overview": overview,
        "totals": overview.totals,
        "review_months": confirmation.review_months(),
    }
    return TemplateResponse(request, "admin/catalog/service/confirmation_overview.html", context)


def service_view(admin: ModelAdmin[Any], request: HttpRequest, object_id: str) -> HttpResponse:
    service = (
        rules.viewable_services(request.user)
        .select_related("agency", "mall", "confirmed_by")
        .filter(pk=object_id if str(object_id).isdigit() else -1)
        .first()
    )
    if service is None:
        raise Http404
    may_confirm = rules.can_confirm_for_agency(request.user, service.agency_id)
    form = None
    if may_confirm:
        initial = {"decree_number": service.decree_number, "decree_date": service.decree_date}
        form = ConfirmServiceForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                confirmation.confirm_service(
                    service=service,
                    actor=request.user,
                    decree_number=form.cleaned_data["decree_number"],
                    decree_date=form.cleaned_data["decree_date"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as error:
                problems = error.errors or {"": error.message}
                for field, message in problems.items():
                    form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(
                    request,
                    gettext("“%(name)s” is confirmed. Citizens now see it as confirmed.")
                    % {"name": service.name},
                )
                return HttpResponseRedirect(reverse("admin:catalog_service_confirmation"))
    elif request.method == "POST":
        raise Http404
    context = {
        **_context(admin, request, gettext("Review and confirm: %(name)s") % {"name": service}),
        "service": service,
        "requirements": Requirement.objects.filter(service=service).order_by("position", "pk"),
        "steps": ProcedureStep.objects.filter(service=service).order_by("position", "pk"),
        "form": form,
        "may_confirm": may_confirm,
        "public_url": reverse("catalog:service-detail", args=[service.slug]),
    }
    return TemplateResponse(
        request,
        "admin/catalog/service/confirm.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def agency_view(admin: ModelAdmin[Any], request: HttpRequest, object_id: str) -> HttpResponse:
    agency = (
        rules.viewable_agencies(request.user)
        .select_related("mall", "booth", "confirmed_by")
        .filter(pk=object_id if str(object_id).isdigit() else -1)
        .first()
    )
    if agency is None:
        raise Http404
    may_confirm = rules.can_confirm_for_agency(request.user, agency.pk)
    form = None
    if may_confirm:
        form = ConfirmAgencyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                confirmation.confirm_agency_profile(
                    agency=agency, actor=request.user, note=form.cleaned_data["note"]
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    gettext("The profile of %(name)s is confirmed.") % {"name": agency},
                )
                return HttpResponseRedirect(reverse("admin:catalog_service_confirmation"))
    elif request.method == "POST":
        raise Http404
    context = {
        **_context(admin, request, gettext("Review and confirm: %(name)s") % {"name": agency}),
        "agency": agency,
        "form": form,
        "may_confirm": may_confirm,
        "public_url": reverse("catalog:agency-detail", args=[agency.slug]),
    }
    return TemplateResponse(
        request,
        "admin/catalog/agency/confirm.html",
        context,
        status=400 if request.method == "POST" else 200,
    )
