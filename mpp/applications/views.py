"""Citizen pages: start an application, fill it in (draft), check the answers, submit,
follow it, withdraw it; download its documents; public tracking by code.

Every page that shows an application looks it up by its random `public_id` and answers 404
to anyone who may not see it (mpp.applications.access), so nobody learns whether it exists.
Pages with personal data are never cached (Cache-Control: no-store).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from mpp.accounts import crypto
from mpp.applications import access, documents, domain, queries
from mpp.applications.deadlines import annotate_urgency
from mpp.applications.domain import ApplicationError
from mpp.applications.enums import ApplicationState, DocumentKind, FieldKind
from mpp.applications.forms import ApplicationForm, TrackForm
from mpp.applications.models import Application, Document
from mpp.applications.slots import answer_display, slots_for
from mpp.audit.domain import record_event
from mpp.catalog.models import Service
from mpp.catalog.search import search_services
from mpp.core.models import Mall
from mpp.core.phones import phone_last4
from mpp.core.tenancy import mall_or_404
from mpp.feedback.enums import InvitationChannel
from mpp.feedback.qr import invitation_path
from mpp.feedback.queries import issued_invitation

S = ApplicationState


def _not_found() -> Http404:
    return Http404(_("There is no application with that address."))


def get_visible(
    request: HttpRequest, public_id: UUID, *, documents_too: bool = False
) -> Application:
    """The application if the user may see it; 404 otherwise (also for malformed ids)."""
    application = queries.with_case_data(Application.objects.filter(public_id=public_id)).first()
    if application is None:
        raise _not_found()
    allowed = (
        access.can_view_documents(request.user, application)
        if documents_too
        else access.can_view(request.user, application)
    )
    if not allowed:
        raise _not_found()
    return application


def _own(request: HttpRequest, public_id: UUID) -> Application:
    application = get_visible(request, public_id)
    if not access.is_applicant(request.user, application):
        raise _not_found()
    return application


def _apply_domain_error(form: Any, exc: ApplicationError) -> None:
    if exc.errors:
        for key, message in exc.errors.items():
            form.add_error(key if key in form.fields else None, message)
    else:
        form.add_error(None, exc.message)


@never_cache
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    mall = mall_or_404(request)
    applications = annotate_urgency(
        queries.my_applications(request.user), timezone.localdate(), mall=mall
    )
    return render(
        request,
        "applications/mine.html",
        {"applications": applications, **_service_picker(request, mall)},
    )


def _service_picker(request: HttpRequest, mall: Mall) -> dict[str, Any]:
    """The services open to online applications, searchable with the catalogue's search and
    grouped by agency (never a flat list of every service)."""
    services = list(queries.online_services(mall))
    query = request.GET.get("q", "").strip()[:200]
    suggestion = ""
    if query:
        found = search_services(mall=mall, query=query, limit=200)
        suggestion = found.suggestion
        rank = {s.pk: i for i, s in enumerate(found.services)}
        services = sorted((s for s in services if s.pk in rank), key=lambda s: rank[s.pk])
    groups: dict[int, tuple[Any, list[Service]]] = {}
    for service in services:
        groups.setdefault(service.agency_id, (service.agency, []))[1].append(service)
    return {
        "groups": list(groups.values()),
        "query": query,
        "count": len(services),
        "suggestion": suggestion,
    }


@never_cache
def start(request: HttpRequest, slug: str) -> HttpResponse:
    """What the service asks for, and the button that opens a draft."""
    mall = mall_or_404(request)
    service = (
        queries.online_services(mall).filter(slug=slug).prefetch_related("requirements").first()
    )
    if service is None:
        raise Http404(_("This service cannot be applied for online."))
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        try:
            application = domain.create_application(service=service, applicant=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
        return redirect("applications:edit", public_id=application.public_id)
    return render(
        request,
        "applications/start.html",
        {"service": service, "slots": _slots_of_service(service)},
    )


def _slots_of_service(service: Service) -> list[Any]:
    from mpp.applications.slots import slots_for_service

    return slots_for_service(service)


def _slot_documents(application: Application) -> dict[int, list[Document]]:
    by_requirement: dict[int, list[Document]] = {}
    for document in application.documents.all():
        if document.kind == DocumentKind.REQUIREMENT and document.requirement_id:
            by_requirement.setdefault(document.requirement_id, []).append(document)
    return by_requirement


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _own(request, public_id)
    if not access.can_edit(request.user, application):
        return redirect("applications:detail", public_id=application.public_id)
    form = ApplicationForm(application, request.POST or None, request.FILES or None)
    if request.method == "POST":
        remove = request.POST.get("remove", "")
        if remove:
            return _remove_document(request, application, remove)
        if form.is_valid() and _save(request, application, form):
            if request.POST.get("action") == "review":
                application.refresh_from_db()
                missing = domain.missing_items(application)
                if not missing:
                    return redirect("applications:review", public_id=application.public_id)
                # The saved answers, re-read, with what is missing marked on each field.
                form = ApplicationForm(application, request.POST)
                form.is_valid()
                for key, message in missing.items():
                    form.add_error(key if key in form.fields else None, message)
                form.add_error(None, _("Some answers or documents are still missing."))
            else:
                messages.success(request, _("Your draft is saved. You can come back to it later."))
                return redirect("applications:edit", public_id=application.public_id)
    application = get_visible(request, public_id)
    return render(
        request,
        "applications/edit.html",
        {
            "application": application,
            "form": form,
            **_form_sections(application, form),
            "revision_rows": _revision_rows(application),
        },
        status=422 if form.is_bound and form.errors else 200,
    )


def _form_sections(application: Application, form: ApplicationForm) -> dict[str, Any]:
    """The form's fields in three groups: document slots (with their files and any revision
    request), questions, contact details."""
    files = _slot_documents(application)
    revision = application.revision_requests or {}
    uploads, questions = [], []
    for slot in form.slots:
        if slot.is_document:
            assert slot.requirement is not None
            uploads.append(
                {
                    "slot": slot,
                    "field": form[slot.key],
                    "documents": files.get(slot.requirement.pk, []),
                    "revision": revision.get(str(slot.requirement.pk), ""),
                }
            )
        elif slot.key in form.fields:
            questions.append(form[slot.key])
        else:  # an address: three fields
            questions.extend(form[f"{slot.key}-{part}"] for part in ("kecamatan", "desa", "street"))
    contact = [form["contact_phone"], form["contact_email"]]
    return {"uploads": uploads, "questions": questions, "contact": contact}


def _save(request: HttpRequest, application: Application, form: ApplicationForm) -> bool:
    """Check every uploaded file first; only when all pass store answers and files (bad
    input changes nothing). Returns whether everything was saved."""
    cleaned: dict[int, documents.CleanFile] = {}
    for requirement_id, upload in form.uploads().items():
        try:
            cleaned[requirement_id] = documents.clean_upload(upload)
        except documents.UploadRefused as exc:
            form.add_error(f"doc-{requirement_id}", exc.message)
    if form.errors:
        return False
    try:
        with transaction.atomic():
            domain.save_answers(
                application=application,
                actor=request.user,
                values=form.values(),
                contact_phone=form.cleaned_data.get("contact_phone") or "",
                contact_email=form.cleaned_data.get("contact_email") or "",
            )
            for requirement_id, clean in cleaned.items():
                domain.add_document(
                    application=application,
                    requirement_id=requirement_id,
                    clean=clean,
                    actor=request.user,
                )
    except ApplicationError as exc:
        _apply_domain_error(form, exc)
        return False
    return True


def _remove_document(request: HttpRequest, application: Application, raw_id: str) -> HttpResponse:
    try:
        document = application.documents.get(public_id=UUID(raw_id))
        domain.remove_document(document=document, actor=request.user)
    except (ValueError, Document.DoesNotExist, ApplicationError):
        messages.error(request, _("That file could not be removed."))
    else:
        messages.success(request, _("The file was removed."))
    return redirect("applications:edit", public_id=application.public_id)


def _summary_rows(application: Application, *, full_nik: bool = False) -> list[dict[str, Any]]:
    """The answers as they read back; ``full_nik`` only on the owner's check-your-answers step
    (issue 9 item 5: the owner sees the whole NIK to catch a typo; masked everywhere else)."""
    files = _slot_documents(application)
    rows = []
    for slot in slots_for(application):
        row: dict[str, Any] = {"slot": slot}
        if slot.is_document:
            assert slot.requirement is not None
            row["documents"] = files.get(slot.requirement.pk, [])
        else:
            value = application.answers.get(slot.key)
            if (
                full_nik
                and slot.kind == FieldKind.NIK
                and isinstance(value, dict)
                and value.get("enc")
            ):
                row["value"] = crypto.decrypt(value["enc"])
                row["full_nik"] = True
            else:
                row["value"] = answer_display(slot, value)
        rows.append(row)
    return rows


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Check your answers, then submit."""
    application = _own(request, public_id)
    if not access.can_edit(request.user, application):
        return redirect("applications:detail", public_id=application.public_id)
    error: ApplicationError | None = None
    if request.method == "POST":
        try:
            domain.submit_application(application=application, actor=request.user)
        except ApplicationError as exc:
            error = exc
        else:
            return redirect("applications:submitted", public_id=application.public_id)
    missing = domain.missing_items(application)
    return render(
        request,
        "applications/review.html",
        {
            "application": application,
            # The owner, before submitting: the whole NIK, so a typo can still be caught.
            "rows": _summary_rows(application, full_nik=True),
            "missing": missing,
            "error": error,
            "needs_verification": not request.user.is_verified_contact,  # type: ignore[union-attr]
        },
        status=422 if error else 200,
    )


@never_cache
@login_required
def submitted(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _own(request, public_id)
    if application.state == S.DRAFT:
        return redirect("applications:edit", public_id=application.public_id)
    return render(request, "applications/submitted.html", {"application": application})


@never_cache
def detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    application = get_visible(request, public_id)
    if not access.is_applicant(request.user, application):
        # Staff open the case page instead.
        return redirect("applications:case", public_id=application.public_id)
    mall = application.mall
    annotate_urgency([application], timezone.localdate(), mall=mall)
    survey_url = ""
    if application.state in {S.RESULT_READY, S.CLOSED}:
        # One satisfaction survey per finished application, issued when its result was ready
        # (ApplicationStateChanged); this page only shows it — no write on GET.
        invitation = issued_invitation(
            service=application.service,
            reference=application.tracking_code or "",
            channel=InvitationChannel.APPLICATION,
        )
        if invitation is not None:
            survey_url = invitation_path(invitation)
    return render(
        request,
        "applications/detail.html",
        {
            "survey_url": survey_url,
            "application": application,
            "rows": _summary_rows(application),
            "can_edit": access.can_edit(request.user, application),
            "can_withdraw": access.can_transition(request.user, application, S.WITHDRAWN),
            "result_documents": [
                d for d in application.documents.all() if d.kind == DocumentKind.RESULT
            ],
            "revision_rows": _revision_rows(application),
        },
    )


def _revision_rows(application: Application) -> list[tuple[str, str]]:
    if not application.revision_requests:
        return []
    labels = {str(r.pk): r.text for r in application.service.requirements.all()}
    rows = []
    for key, reason in application.revision_requests.items():
        label = labels.get(key, _("In general"))
        rows.append((label, reason))
    return rows


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _own(request, public_id)
    if not access.can_transition(request.user, application, S.WITHDRAWN):
        messages.error(request, _("This application can no longer be withdrawn."))
        return redirect("applications:detail", public_id=application.public_id)
    if request.method == "POST":
        try:
            domain.withdraw_application(
                application=application,
                actor=request.user,
                reason=request.POST.get("reason", "")[:2000],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your application was withdrawn."))
        return redirect("applications:detail", public_id=application.public_id)
    return render(request, "applications/withdraw.html", {"application": application})


@never_cache
def document(request: HttpRequest, public_id: UUID, document_id: UUID) -> HttpResponse:
    """Stream a document to someone allowed to see it, as an attachment with a name we
    choose. Images may be shown inline to staff (`?lihat=1`): they were re-encoded on upload.
    Every staff access is written to the audit trail."""
    if not request.user.is_authenticated:
        raise _not_found()
    application = get_visible(request, public_id, documents_too=True)
    doc = Document.objects.filter(application=application, public_id=document_id).first()
    if doc is None or (
        doc.kind == DocumentKind.REQUIREMENT
        and not doc.is_current
        and access.is_applicant(request.user, application)
    ):
        raise _not_found()
    content = documents.load(doc.storage_name)
    if not access.is_applicant(request.user, application):
        with transaction.atomic():
            record_event(
                action="application.document_viewed",
                obj=application,
                actor=request.user,
                data={"document": str(doc.public_id)},
            )
    number = doc.requirement.position if doc.requirement_id and doc.requirement else 0
    prefix = application.tracking_code or "draf"
    label = "hasil" if doc.kind == DocumentKind.RESULT else f"syarat-{number}"
    filename = f"{prefix}-{label}-{str(doc.public_id)[:8]}.{doc.extension}"
    inline = request.GET.get("lihat") == "1" and doc.content_type in {
        documents.JPEG,
        documents.PNG,
    }
    response = HttpResponse(content, content_type=doc.content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- Public tracking ---------------------------------------------------------------------------

TRACK_LIMIT_PER_IP = 30
TRACK_FAILURES_PER_CODE = 5
# Wrong tries on one code from all addresses together before that code rests an hour: high
# enough that a stranger cannot lock the owner out with a few tries (issue 10.1), low enough
# that the 4 digits cannot be guessed spread over many addresses (0.5 % per hour at most).
TRACK_FAILURES_PER_CODE_ALL = 50
TRACK_WINDOW_SECONDS = 3600


def _count(key: str) -> int:
    cache.add(key, 0, TRACK_WINDOW_SECONDS)
    try:
        return int(cache.incr(key))
    except ValueError:
        cache.set(key, 1, TRACK_WINDOW_SECONDS)
        return 1


def _client_ip(request: HttpRequest) -> str:
    from mpp.core.fairuse import client_ip

    return client_ip(request)


def find_for_tracking(code: str, last4: str) -> Application | None:
    """The submitted application with this tracking code whose contact number ends in
    `last4`; None otherwise (without saying which part was wrong)."""
    import hmac

    normalised = domain.normalise_tracking_code(code)
    application = (
        Application.objects.select_related("service", "agency")
        .filter(tracking_code=normalised)
        .exclude(state=S.DRAFT)
        .first()
    )
    expected = phone_last4(application.contact_phone) if application else "0000x"
    if application is None or not hmac.compare_digest(expected, last4):
        return None
    return application


def tracking_limited(request: HttpRequest, code: str) -> bool:
    """Whether this client (overall, or on this code) or this code (from everyone together)
    has used up its attempts (counts this attempt). The guesser is limited, not the code."""
    per_ip = _count(f"track:ip:{_client_ip(request)}")
    normalised = domain.normalise_tracking_code(code)
    mine = cache.get(f"track:fail:{_client_ip(request)}:{normalised}", 0)
    everyone = cache.get(f"track:fail:{normalised}", 0)
    return (
        per_ip > TRACK_LIMIT_PER_IP
        or mine >= TRACK_FAILURES_PER_CODE
        or everyone >= TRACK_FAILURES_PER_CODE_ALL
    )


def record_tracking_failure(code: str, request: HttpRequest | None = None) -> None:
    normalised = domain.normalise_tracking_code(code)
    _count(f"track:fail:{normalised}")
    if request is not None:
        _count(f"track:fail:{_client_ip(request)}:{normalised}")


@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Public tracking: tracking code + last four digits of the contact number. Shows the
    service, the state, the deadline and the dated timeline; no names, no reasons, no data."""
    form = TrackForm(request.POST or None)
    application = None
    status = 200
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if tracking_limited(request, code):
            form.add_error(None, _("Too many attempts. Please try again in an hour."))
            status = 429
        else:
            application = find_for_tracking(code, form.cleaned_data["phone_last4"])
            if application is None:
                record_tracking_failure(code, request)
                form.add_error(
                    None,
                    _(
                        "No application matches this code and these digits. Check both and "
                        "try again."
                    ),
                )
                status = 404
    events = list(application.events.order_by("created_at", "pk")) if application else []
    return render(
        request,
        "applications/track.html",
        {"form": form, "application": application, "events": events},
        status=status,
    )
