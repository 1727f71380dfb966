"""Admin pages for the catalogue spreadsheet: upload → preview → confirm, export, template.

The upload is checked completely (a dry run) and the result shown; only a valid file can be
confirmed. Between the two steps the file waits in a private staging folder under MEDIA_ROOT,
named by a random token that is bound to the uploader's session, so nobody can confirm a file
they did not upload. Confirming validates again inside the writing transaction (the catalogue
may have changed in between).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mpp.catalog import rules
from mpp.catalog.spreadsheet import (
    CONTENT_TYPES,
    CREATE,
    EXTENSIONS,
    FORMATS,
    UPDATE,
    XLSX,
    ImportResult,
    ImportScope,
    blank_template,
    export_catalog,
    import_file,
)
from mpp.catalog.spreadsheet.files import max_bytes
from mpp.core import rules as core_rules
from mpp.core.clock import local_day
from mpp.core.forms import SpecificMessages
from mpp.core.models import Mall

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

SESSION_KEY = "mpp_catalog_imports"
STAGING_FOLDER = "catalog-imports"
#: Staged uploads older than this are deleted.
STAGING_MAX_AGE = 24 * 60 * 60
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
#: Issues shown on the page; the rest are counted.
SHOWN_ISSUES = 300


class ImportForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {
        "mall": _("Choose the mall"),
        "file": _("Choose the spreadsheet to import"),
    }

    mall = forms.ModelChoiceField(queryset=Mall.objects.none(), label=_("Mall"), empty_label=None)
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "An Excel workbook (.xlsx) or a ZIP file of CSV files, in the template's format."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.zip"}),
    )

    def __init__(self, *args: Any, malls: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mall"].queryset = malls  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                gettext("The file is too large (%(size)s); the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())}
            )
        return upload


class ExportForm(SpecificMessages, forms.Form):
    required_messages: ClassVar[dict[str, Any]] = {
        "mall": _("Choose the mall"),
        "format": _("Choose the format of the file"),
    }

    mall = forms.ModelChoiceField(queryset=Mall.objects.none(), label=_("Mall"), empty_label=None)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[(XLSX, _("Excel workbook (.xlsx)")), ("csv", _("ZIP file of CSV files"))],
        initial=XLSX,
    )

    def __init__(self, *args: Any, malls: Any, **kwargs: Any) -> None:
        # Its own element ids: the page also holds the import form.
        kwargs.setdefault("auto_id", "export_%s")
        super().__init__(*args, **kwargs)
        self.fields["mall"].queryset = malls  # type: ignore[attr-defined]


def import_scope(user: Any, mall: Mall) -> ImportScope:
    """What `user` may change in `mall` by import (see mpp.catalog.rules)."""
    if rules.can_add_agencies(user, mall):
        return ImportScope()
    slugs = frozenset(rules.editable_agencies(user, mall).values_list("slug", flat=True))
    return ImportScope(
        service_agencies=slugs,
        agency_records=slugs,
        may_create_agencies=False,
        restricted_agency_fields=rules.RESTRICTED_AGENCY_FIELDS,
    )


# --- Staging ---------------------------------------------------------------------------------


def _staging_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / STAGING_FOLDER


def _sweep(folder: Path) -> None:
    cutoff = time.time() - STAGING_MAX_AGE
    for old in folder.glob("*.upload"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            continue  # another process removed it first


def _stage(request: HttpRequest, data: bytes, mall: Mall, name: str) -> str:
    folder = _staging_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _sweep(folder)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.upload").write_bytes(data)
    staged = dict(request.session.get(SESSION_KEY, {}))
    staged[token] = {
        "mall": mall.pk,
        "name": name[:200],
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    # A session keeps its last few uploads only.
    for stale in list(staged)[:-5]:
        _discard(request, stale, staged)
    request.session[SESSION_KEY] = staged
    return token


def _staged(request: HttpRequest, token: str) -> tuple[bytes, dict[str, Any]] | None:
    staged = request.session.get(SESSION_KEY, {})
    if not _TOKEN.match(token) or token not in staged:
        return None
    try:
        data = (_staging_dir() / f"{token}.upload").read_bytes()
    except OSError:
        return None
    entry = staged[token]
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        return None
    return data, entry


def _discard(request: HttpRequest, token: str, staged: dict[str, Any] | None = None) -> None:
    own = staged if staged is not None else dict(request.session.get(SESSION_KEY, {}))
    own.pop(token, None)
    if _TOKEN.match(token):
        (_staging_dir() / f"{token}.upload").unlink(missing_ok=True)
    if staged is None:
        request.session[SESSION_KEY] = own


# --- Views -----------------------------------------------------------------------------------


def _context(model_admin: ModelAdmin[Any], request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Import and export the catalogue"),
        "max_size": filesizeformat(max_bytes()),
        "formats": FORMATS,
        **extra,
    }


def _result_context(result: ImportResult) -> dict[str, Any]:
    return {
        "result": result,
        "issues": result.issues[:SHOWN_ISSUES],
        "hidden_issues": max(0, len(result.issues) - SHOWN_ISSUES),
        "created": [c for c in result.services if c.action == CREATE],
        "updated": [c for c in result.services if c.action == UPDATE],
        "agencies_created": [c for c in result.agencies if c.action == CREATE],
        "agencies_updated": [c for c in result.agencies if c.action == UPDATE],
    }


def import_view(model_admin: ModelAdmin[Any], request: HttpRequest) -> HttpResponse:
    if not rules.can_view_catalogue(request.user):
        raise PermissionDenied
    can_import = rules.can_import_catalogue(request.user)
    if request.method == "POST" and not can_import:
        raise PermissionDenied
    malls = rules.catalogue_malls(request.user)
    view_malls = rules.catalogue_view_malls(request.user)
    export_form = ExportForm(malls=view_malls)
    template = "admin/catalog/service/import.html"
    if request.method == "POST" and "token" in request.POST:
        return _confirm(model_admin, request, malls, export_form)
    form = ImportForm(request.POST or None, request.FILES or None, malls=malls)
    if len(malls) == 1:
        form.fields["mall"].initial = malls[0].pk
    context = _context(
        model_admin, request, form=form, export_form=export_form, can_import=can_import
    )
    if request.method == "POST" and form.is_valid():
        mall = form.cleaned_data["mall"]
        upload = form.cleaned_data["file"]
        data = upload.read()
        result = import_file(
            mall=mall,
            data=data,
            filename=upload.name,
            scope=import_scope(request.user, mall),
            dry_run=True,
        )
        context.update(_result_context(result), mall=mall, file_name=upload.name)
        if result.ok and result.changes_anything:
            context["token"] = _stage(request, data, mall, upload.name)
    return TemplateResponse(request, template, context)


def _confirm(
    model_admin: ModelAdmin[Any], request: HttpRequest, malls: Any, export_form: ExportForm
) -> HttpResponse:
    token = request.POST.get("token", "")
    staged = _staged(request, token)
    if staged is None:
        messages.error(
            request, gettext("The uploaded file is no longer available; upload it again.")
        )
        return HttpResponseRedirect(reverse("admin:catalog_service_import"))
    data, entry = staged
    mall = malls.filter(pk=entry["mall"]).first()
    if mall is None:
        raise PermissionDenied
    result = import_file(
        mall=mall, data=data, filename=entry["name"], scope=import_scope(request.user, mall)
    )
    _discard(request, token)
    if result.applied:
        messages.success(request, result.summary())
        return HttpResponseRedirect(reverse("admin:catalog_service_changelist"))
    form = ImportForm(malls=malls, initial={"mall": mall.pk})
    context = _context(model_admin, request, form=form, export_form=export_form, can_import=True)
    context.update(_result_context(result), mall=mall, file_name=entry["name"])
    return TemplateResponse(request, "admin/catalog/service/import.html", context)


def _download(data: bytes, file_format: str, stem: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
    name = f"{stem}.{EXTENSIONS[file_format]}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export_view(model_admin: ModelAdmin[Any], request: HttpRequest) -> HttpResponse:
    malls = rules.catalogue_view_malls(request.user)
    form = ExportForm(request.GET or None, malls=malls)
    if not form.is_valid():
        raise PermissionDenied
    mall = form.cleaned_data["mall"]
    file_format = form.cleaned_data["format"]
    scope = core_rules.staff_scope(request.user)
    whole_mall = scope.is_superuser or mall.pk in scope.viewed_mall_ids
    agencies = None if whole_mall else rules.viewable_agencies(request.user, mall)
    data = export_catalog(mall=mall, file_format=file_format, agencies=agencies)
    return _download(data, file_format, f"katalog-{mall.slug}-{local_day(mall).isoformat()}")


def template_view(model_admin: ModelAdmin[Any], request: HttpRequest) -> HttpResponse:
    if not rules.can_view_catalogue(request.user):
        raise PermissionDenied
    file_format = request.GET.get("format", XLSX)
    if file_format not in FORMATS:
        file_format = XLSX
    return _download(blank_template(file_format=file_format), file_format, "templat-katalog")
