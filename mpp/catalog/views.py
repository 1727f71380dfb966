"""Public catalogue pages: home, providers, a service's standard, search."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mpp.catalog import queries
from mpp.catalog.forms import SearchForm
from mpp.catalog.models import Agency, Service
from mpp.catalog.search_page import results_html, service_cards
from mpp.core.tenancy import mall_or_404


def home(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    agencies = list(queries.public_agencies(mall))
    booths = list(mall.booths.order_by("floor", "code"))
    return render(
        request,
        "catalog/home.html",
        {
            "agencies": agencies,
            "service_total": queries.public_services(mall).count(),
            "booths": booths,
            "search_form": SearchForm(),
        },
    )


def agency_list(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    return render(
        request, "catalog/agency_list.html", {"agencies": list(queries.public_agencies(mall))}
    )


def agency_detail(request: HttpRequest, slug: str) -> HttpResponse:
    mall = mall_or_404(request)
    try:
        agency = Agency.objects.select_related("booth", "mall").get(
            mall=mall, slug=slug, is_active=True
        )
    except Agency.DoesNotExist as exc:
        raise Http404 from exc
    services = (
        queries.public_services(mall)
        .filter(agency=agency)
        .select_related("agency")
        .order_by("position", "name")
    )
    return render(
        request,
        "catalog/agency_detail.html",
        {"agency": agency, "cards": service_cards(services)},
    )


def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    mall = mall_or_404(request)
    try:
        service = queries.service_with_standard(mall, slug)
    except Service.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "catalog/service_detail.html", {"service": service})


def search(request: HttpRequest) -> HttpResponse:
    """The search page; its results part is rendered and kept by `search_page.results_html`."""
    mall = mall_or_404(request)
    form = SearchForm(request.GET or None, mall=mall)
    context: dict[str, object] = {"search_form": form, "query": ""}
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        context["query"] = query
        context["results"] = results_html(
            mall=mall,
            query=query,
            agency=form.cleaned_data.get("agency"),
            page_number=form.cleaned_data.get("page") or 1,
        )
    return render(request, "catalog/search.html", context)
