"""Public catalogue pages: home, providers, a service's standard, search."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mpp.catalog import queries
from mpp.catalog.forms import SearchForm
from mpp.catalog.models import Agency, Service
from mpp.catalog.search import search_services
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
    services = queries.public_services(mall).filter(agency=agency).order_by("position", "name")
    return render(
        request,
        "catalog/agency_detail.html",
        {"agency": agency, "services": list(services)},
    )


def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    mall = mall_or_404(request)
    try:
        service = queries.service_with_standard(mall, slug)
    except Service.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "catalog/service_detail.html", {"service": service})


def search(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    form = SearchForm(request.GET or None, mall=mall)
    context: dict[str, object] = {"search_form": form, "query": ""}
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        page_size = settings.MPP_SEARCH_PAGE_SIZE
        page_number = form.cleaned_data.get("page") or 1
        result = search_services(
            mall=mall,
            query=query,
            agency=form.cleaned_data.get("agency"),
            limit=page_size,
            offset=(page_number - 1) * page_size,
        )
        paginator = Paginator(range(result.total), page_size)
        context.update(
            {
                "query": query,
                "result": result,
                "page": paginator.get_page(page_number),
            }
        )
    return render(request, "catalog/search.html", context)
