"""Three small malls in two provinces, each with a passport-like service, for the portal."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.conf import settings

from mpp.catalog.enums import FeeKind
from mpp.catalog.search.indexing import reindex_services
from tests.factories import AgencyFactory, MallFactory, ServiceFactory


@pytest.fixture
def network(db) -> dict[str, Any]:
    ngawi = MallFactory(
        slug=settings.MPP_DEFAULT_MALL, regency="Kabupaten Ngawi", region_code="35.21",
        latitude="-7.404", longitude="111.446",
    )  # fmt: skip
    magetan = MallFactory(
        slug="magetan", regency="Kabupaten Magetan", region_code="35.20",
        latitude="-7.65", longitude="111.33", is_demo=True,
    )  # fmt: skip
    sleman = MallFactory(slug="sleman", regency="Kabupaten Sleman", region_code="34.04")
    services = {}
    for mall, fee in ((ngawi, 350_000), (magetan, 650_000)):
        agency = AgencyFactory(mall=mall, slug="imigrasi", name="Kantor Imigrasi")
        services[mall.slug] = ServiceFactory(
            agency=agency, slug="paspor", name="Penerbitan Paspor Biasa",
            fee_kind=FeeKind.FIXED, fee_amount=fee,
        )  # fmt: skip
    other = ServiceFactory(agency=AgencyFactory(mall=sleman), slug="ktp", name="Pembuatan KTP-el")
    reindex_services([s.pk for s in [*services.values(), other]])
    return {"ngawi": ngawi, "magetan": magetan, "sleman": sleman, "services": services}


FROZEN_DAY = date(2026, 11, 4)  # a Wednesday
