"""Reusable reads of the catalogue (no writes here)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from mpp.catalog.models import Agency, ProcedureStep, Requirement, Service
from mpp.core.models import Mall


def public_agencies(mall: Mall) -> QuerySet[Agency]:
    return (
        Agency.objects.filter(mall=mall, is_active=True)
        .select_related("booth")
        .annotate(
            service_count=Count("services", filter=Q(services__is_active=True), distinct=True)
        )
        .order_by("position", "name")
    )


def public_services(mall: Mall) -> QuerySet[Service]:
    return Service.objects.filter(mall=mall, is_active=True, agency__is_active=True)


def service_with_standard(mall: Mall, slug: str) -> Service:
    """The whole standard of one service in three queries, or Service.DoesNotExist."""
    return (
        public_services(mall)
        .select_related("agency", "agency__booth", "mall")
        .prefetch_related(
            Prefetch("requirements", queryset=Requirement.objects.order_by("position", "pk")),
            Prefetch("steps", queryset=ProcedureStep.objects.order_by("position", "pk")),
        )
        .get(slug=slug)
    )
