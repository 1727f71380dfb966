"""Open-data downloads: one table as CSV or JSON, the same shape for every figure and mall
(docs/open-data.md). The mall's transparency pages and the national comparison use it."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _


def table_download(
    rows: list[dict[str, Any]], columns: tuple[str, ...], meta: dict[str, Any], name: str, fmt: str
) -> HttpResponse:
    """`rows` as a download named `name`: JSON (`meta`, `columns`, `rows`) or CSV (a header
    row of `columns`, then the rows). Open to every origin: the figures are public."""
    if fmt == "json":
        payload = {**meta, "columns": list(columns), "rows": rows}
        response = HttpResponse(
            json.dumps(payload, ensure_ascii=False), content_type="application/json"
        )
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def bad_filters(errors: list[tuple[str, str]]) -> JsonResponse:
    """400 for a download whose filters are not valid: one message per field."""
    body = {
        "detail": _("The filters are not valid."),
        "errors": [{"field": f, "message": m} for f, m in errors],
    }
    return JsonResponse(body, status=400)
