"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over MPP complaints.

Mapping (docs/peers.md §6.5, docs/adr/0008-feedback.md):

- `service_code` names what a complaint is about: `layanan-<service slug>` (a service),
  `instansi-<agency slug>` (an agency in general), `petugas-<agency slug>` (an officer of that
  agency), `fasilitas` (the mall's facilities). `group` is the agency's short name ("MPP" for
  facilities); `type` is `realtime` (the id is given at once); `metadata` is false.
- `service_request_id` is the complaint's random tracking code, never a database id.
- `status` is `open` while the complaint waits for verification, the agency or the reporter,
  `closed` once closed, closed automatically or not processed; the finer state is in
  `status_notes`. `expected_datetime` is the end of the running deadline's working day.
- `GET requests` is public: it returns only the moderated, de-identified `public_summary` as
  `description` and `public_answer` as `status_notes`, and only once a complaint is
  published; never a name, a phone number, an e-mail address or the photo (`media_url` empty).
- Location: the spec requires one of `lat`+`long`, `address_string` or `address_id` on POST.
  Complaints are about the mall, so `address_id` may be the mall's slug or a booth code, and
  `address_string` any description of the place (e.g. "Loket 3"). Requests without their own
  point report the mall's coordinates.
- POST needs `api_key`: an MPP API token (`manage.py issue_api_token`) of a partner system.
- Media: `media_url` (an http(s) address) is kept with the complaint and shown to the staff
  who handle it, but never fetched (no server-side requests to addresses chosen by a client);
  `GET requests` echoes it once the complaint is published. A photo may instead be uploaded
  as the multipart file field `media` (JPEG or PNG, cleaned and stored privately like the web
  form's photo; never public).
- Errors: 404 unknown service_code, jurisdiction or request; 403 missing/invalid api_key; 400
  anything else; the body is a list of {code, description} (`<errors><error>` in XML).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from mpp.accounts.tokens import user_for_token
from mpp.catalog.models import Agency, Service
from mpp.core.clock import mall_zone
from mpp.core.models import Mall
from mpp.feedback import conf, domain
from mpp.feedback.enums import ComplaintChannel, ComplaintStatus, ComplaintSubject
from mpp.feedback.errors import FeedbackError
from mpp.feedback.models import Complaint
from mpp.feedback.uploads import CleanPhoto, PhotoRejectedError, clean_photo, read_limited

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
FORMATS = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
MAX_REQUESTS = 1000
MAX_SPAN = timedelta(days=90)
CLOSED = {ComplaintStatus.CLOSED, ComplaintStatus.AUTO_CLOSED, ComplaintStatus.REJECTED}
FACILITY_CODE = "fasilitas"
MEDIA_URL_MAX = 500


class Open311Error(Exception):
    def __init__(self, status: int, description: str, code: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.code = code or status
        self.description = description


# --- Rendering ----------------------------------------------------------------------------------


def _xml_value(parent: ET.Element, name: str, value: Any) -> None:
    child = ET.SubElement(parent, name)
    if isinstance(value, list):
        item_name = "format" if name == "formats" else name.rstrip("s")
        for item in value:
            if isinstance(item, dict):
                _xml_dict(ET.SubElement(child, item_name), item)
            else:
                ET.SubElement(child, item_name).text = _xml_text(item)
    elif isinstance(value, dict):
        _xml_dict(child, value)
    else:
        child.text = _xml_text(value)


def _xml_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xml_dict(element: ET.Element, values: dict[str, Any]) -> None:
    for key, value in values.items():
        _xml_value(element, key, value)


def render(fmt: str, root: str, item: str, payload: Any, status: int = 200) -> HttpResponse:
    """JSON mirrors the XML: a list becomes an array, a single object an object."""
    if fmt == "json":
        body = json.dumps(payload, ensure_ascii=False)
    else:
        element = ET.Element(root)
        if isinstance(payload, list):
            for entry in payload:
                _xml_dict(ET.SubElement(element, item), entry)
        else:
            _xml_dict(element, payload)
        body = '<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(element, encoding="unicode")
    response = HttpResponse(body, status=status, content_type=FORMATS[fmt])
    response["Access-Control-Allow-Origin"] = "*"
    return response


def render_error(fmt: str, error: Open311Error) -> HttpResponse:
    return render(
        fmt if fmt in FORMATS else "xml",
        "errors",
        "error",
        [{"code": error.code, "description": error.description}],
        status=error.status,
    )


# --- Jurisdiction and services --------------------------------------------------------------------


def check_jurisdiction(value: str | None) -> None:
    """Empty equals absent; anything else must be ours (404 otherwise)."""
    if value and value.strip() and value.strip() != conf.open311_jurisdiction():
        raise Open311Error(404, _("Unknown jurisdiction_id."))


@dataclass(frozen=True)
class ServiceType:
    code: str
    name: str
    description: str
    group: str
    keywords: str
    subject: str
    agency: Agency | None = None
    service: Service | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "service_code": self.code,
            "service_name": self.name,
            "description": self.description,
            "metadata": False,
            "type": "realtime",
            "keywords": self.keywords,
            "group": self.group,
        }


def _clean_keywords(text: str) -> str:
    return ", ".join(k.strip() for k in re.split(r"[,\n]", text or "") if k.strip())[:300]


def service_types(mall: Mall) -> list[ServiceType]:
    agencies = list(Agency.objects.filter(mall=mall, is_active=True).order_by("position", "name"))
    services = list(
        Service.objects.filter(mall=mall, is_active=True, agency__is_active=True)
        .select_related("agency")
        .order_by("agency__position", "position", "name")
    )
    out: list[ServiceType] = []
    for agency in agencies:
        out.append(
            ServiceType(
                f"instansi-{agency.slug}",
                agency.name,
                _("Complaint or suggestion about %(agency)s in general.") % {"agency": agency.name},
                agency.short_name,
                agency.short_name,
                ComplaintSubject.AGENCY,
                agency=agency,
            )
        )
        out.append(
            ServiceType(
                f"petugas-{agency.slug}",
                _("Officers of %(agency)s") % {"agency": agency.short_name},
                _("Conduct or competence of an officer of %(agency)s.") % {"agency": agency.name},
                agency.short_name,
                _("officer, conduct"),
                ComplaintSubject.OFFICER,
                agency=agency,
            )
        )
        for service in services:
            if service.agency_id == agency.pk:
                out.append(
                    ServiceType(
                        f"layanan-{service.slug}",
                        service.name,
                        (service.summary or service.name)[:300],
                        agency.short_name,
                        _clean_keywords(service.keywords),
                        ComplaintSubject.SERVICE,
                        agency=agency,
                        service=service,
                    )
                )
    out.append(
        ServiceType(
            FACILITY_CODE,
            _("Facilities of the mall"),
            _("Toilets, parking, waiting room, accessibility, cleanliness …"),
            "MPP",
            _("facility, toilet, parking"),
            ComplaintSubject.FACILITY,
        )
    )
    return out


def service_type(mall: Mall, code: str) -> ServiceType:
    code = (code or "").strip()
    found = next((t for t in service_types(mall) if t.code == code), None)
    if found is None:
        raise Open311Error(404, _("Unknown service_code %(code)s.") % {"code": code[:60]})
    return found


def code_of(complaint: Complaint) -> str:
    if complaint.subject == ComplaintSubject.SERVICE and complaint.service is not None:
        return f"layanan-{complaint.service.slug}"
    if complaint.subject == ComplaintSubject.FACILITY or complaint.agency is None:
        return FACILITY_CODE
    prefix = "petugas" if complaint.subject == ComplaintSubject.OFFICER else "instansi"
    return f"{prefix}-{complaint.agency.slug}"


def name_of(complaint: Complaint) -> str:
    if complaint.subject == ComplaintSubject.SERVICE and complaint.service is not None:
        return complaint.service.name
    if complaint.subject == ComplaintSubject.FACILITY or complaint.agency is None:
        return str(_("Facilities of the mall"))
    if complaint.subject == ComplaintSubject.OFFICER:
        return str(_("Officers of %(agency)s") % {"agency": complaint.agency.short_name})
    return complaint.agency.name


def service_notice() -> str:
    return _(
        "Verified within %(verify)s working days, then answered by the agency within 2 to "
        "60 working days depending on the category (normally %(normal)s)."
    ) % {"verify": conf.verify_working_days(), "normal": conf.category_working_days("normatif")}


# --- Requests -------------------------------------------------------------------------------------


def _zone(mall: Mall) -> ZoneInfo:
    return mall_zone(mall)


def _iso(moment: datetime | None, mall: Mall) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(_zone(mall)).isoformat(timespec="seconds")


def _end_of_day(day: date | None, mall: Mall) -> str | None:
    if day is None:
        return None
    return datetime.combine(day, time(23, 59, 59), tzinfo=_zone(mall)).isoformat()


def request_dict(complaint: Complaint) -> dict[str, Any]:
    mall = complaint.mall
    published = complaint.is_published
    status_notes = (
        complaint.public_answer
        if published and complaint.public_answer
        else str(complaint.get_status_display())
    )
    updated = complaint.closed_at if complaint.status in CLOSED else complaint.updated_at
    lat = complaint.latitude if complaint.latitude is not None else mall.latitude
    lon = complaint.longitude if complaint.longitude is not None else mall.longitude
    return {
        "service_request_id": complaint.code,
        "status": "closed" if complaint.status in CLOSED else "open",
        "status_notes": status_notes,
        "service_name": name_of(complaint),
        "service_code": code_of(complaint),
        "description": complaint.public_summary if published else "",
        "agency_responsible": complaint.agency.name if complaint.agency else mall.name,
        "service_notice": service_notice(),
        "requested_datetime": _iso(complaint.received_at, mall),
        "updated_datetime": _iso(updated, mall),
        "expected_datetime": _end_of_day(complaint.current_due, mall),
        # The reporter's address_string (e.g. "Loket 3") is echoed; without one, the mall's.
        "address": complaint.location or mall.address,
        "address_id": "",
        "zipcode": "",
        "lat": float(lat) if lat is not None else None,
        "long": float(lon) if lon is not None else None,
        # Kept as the partner sent it; public only with the moderated publication.
        "media_url": complaint.media_url if published else "",
    }


def _complaints(mall: Mall) -> QuerySet[Complaint]:
    # Protected reports (ADR 0019) are not listed at all, not even their existence.
    return Complaint.objects.filter(mall=mall, is_protected=False).select_related(
        "mall", "agency", "service"
    )


def _parse_moment(raw: str, name: str, mall: Mall) -> datetime:
    raw = raw.strip()
    moment = parse_datetime(raw)
    if moment is None:
        day = parse_date(raw)
        if day is None:
            raise Open311Error(
                400, _("%(name)s must be an ISO 8601 date or time.") % {"name": name}
            )
        moment = datetime.combine(day, time.min)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=_zone(mall))
    return moment


def _split(raw: str | None) -> list[str]:
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


def find_requests(mall: Mall, params: Any) -> list[Complaint]:
    """GET requests: `service_request_id` overrides every other filter; otherwise
    service_code, start_date/end_date (span ≤ 90 days, default the last 90 days) and status;
    at most 1,000, newest first."""
    ids = _split(params.get("service_request_id"))
    qs = _complaints(mall)
    if ids:
        if len(ids) > MAX_REQUESTS:
            raise Open311Error(400, _("Ask for at most 1000 requests at once."))
        return list(qs.filter(code__in=[i.upper() for i in ids]).order_by("-received_at"))
    now = timezone.now()
    end = _parse_moment(params["end_date"], "end_date", mall) if params.get("end_date") else now
    start = (
        _parse_moment(params["start_date"], "start_date", mall)
        if params.get("start_date")
        else end - MAX_SPAN
    )
    if start > end:
        raise Open311Error(400, _("start_date must be before end_date."))
    if end - start > MAX_SPAN:
        raise Open311Error(
            400, _("The period between start_date and end_date may be at most 90 days.")
        )
    qs = qs.filter(received_at__gte=start, received_at__lte=end)
    statuses = _split(params.get("status"))
    if statuses:
        if any(s not in {"open", "closed"} for s in statuses):
            raise Open311Error(400, _("status must be open or closed."))
        if statuses == ["open"]:
            qs = qs.exclude(status__in=CLOSED)
        elif statuses == ["closed"]:
            qs = qs.filter(status__in=CLOSED)
    codes = _split(params.get("service_code"))
    if codes:
        qs = qs.filter(_code_filter(codes))
    return list(qs.order_by("-received_at")[:MAX_REQUESTS])


def _code_filter(codes: Iterable[str]) -> Q:
    query = Q(pk__in=[])
    for code in codes:
        if code == FACILITY_CODE:
            query |= Q(subject=ComplaintSubject.FACILITY)
        elif code.startswith("layanan-"):
            query |= Q(subject=ComplaintSubject.SERVICE, service__slug=code[8:])
        elif code.startswith("instansi-"):
            query |= Q(subject=ComplaintSubject.AGENCY, agency__slug=code[9:])
        elif code.startswith("petugas-"):
            query |= Q(subject=ComplaintSubject.OFFICER, agency__slug=code[8:])
    return query


def _media_url(raw: str) -> str:
    url = raw.strip()
    if not url:
        return ""
    try:
        if len(url) > MEDIA_URL_MAX:
            raise ValidationError("too long")
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise Open311Error(
            400,
            _("media_url must be an http or https address of at most %(n)s characters.")
            % {"n": MEDIA_URL_MAX},
        ) from exc
    return url


def _media_file(files: Any) -> CleanPhoto | None:
    upload = files.get("media") if files else None
    if upload is None:
        return None
    try:
        return clean_photo(read_limited(upload))
    except PhotoRejectedError as exc:
        raise Open311Error(400, f"media: {exc.message}") from exc


def create_request(mall: Mall, data: Any, files: Any = None) -> tuple[Complaint, ServiceType]:
    """POST requests. Raises Open311Error with the spec's status codes."""
    api_key = (data.get("api_key") or "").strip()
    user = user_for_token(api_key) if api_key else None
    if user is None:
        raise Open311Error(403, _("A valid api_key is required."))
    check_jurisdiction(data.get("jurisdiction_id"))
    if not (data.get("service_code") or "").strip():
        raise Open311Error(400, _("service_code is required."))
    kind = service_type(mall, data["service_code"])
    lat, lon = (data.get("lat") or "").strip(), (data.get("long") or "").strip()
    address_string = (data.get("address_string") or "").strip()
    address_id = (data.get("address_id") or "").strip()
    if bool(lat) != bool(lon):
        raise Open311Error(400, _("Send lat and long together."))
    if not (lat or address_string or address_id):
        raise Open311Error(
            400, _("A location is required: lat and long, address_string or address_id.")
        )
    if address_id and address_id != mall.slug and not mall.booths.filter(code=address_id).exists():
        raise Open311Error(404, _("Unknown address_id."))
    description = (data.get("description") or "").strip()
    if len(description) > 4000:
        raise Open311Error(400, _("description may be at most 4000 characters."))
    if re.search(r"<[a-zA-Z/!]", description):
        raise Open311Error(400, _("description must be plain text, without HTML."))
    first_line = description.splitlines()[0] if description else ""
    title = first_line[:150] if len(first_line) >= 5 else kind.name[:150]
    name = " ".join(
        part
        for part in ((data.get("first_name") or "").strip(), (data.get("last_name") or "").strip())
        if part
    )[:120]
    phone, email = (data.get("phone") or "").strip(), (data.get("email") or "").strip()
    anonymous = not (name and (phone or email))
    location = address_string[:200] or (address_id if address_id else "")
    media_url = _media_url(data.get("media_url") or "")
    photo = _media_file(files)
    try:
        filed = domain.file_complaint(
            mall=mall,
            subject=kind.subject,
            service=kind.service,
            agency=kind.agency,
            facility=str(_("Facilities of the mall"))
            if kind.subject == ComplaintSubject.FACILITY
            else "",
            title=title,
            description=description,
            location=location,
            latitude=lat or None,
            longitude=lon or None,
            is_anonymous=anonymous,
            reporter_name="" if anonymous else name,
            reporter_phone="" if anonymous else phone,
            reporter_email="" if anonymous else email,
            channel=ComplaintChannel.OPEN311,
            media_url=media_url,
            photo=photo,
            actor=user,
        )
    except FeedbackError as exc:
        raise Open311Error(
            400, f"{exc.field}: {exc.message}" if exc.field else exc.message
        ) from exc
    return filed.complaint, kind


def discovery(request: HttpRequest, mall: Mall) -> dict[str, Any]:
    base = request.build_absolute_uri(reverse("open311:discovery", args=["json"])).rsplit("/", 1)[0]
    return {
        "changeset": "2026-11-27T00:00:00+07:00",
        "contact": _("%(mall)s, %(address)s. Phone %(phone)s.")
        % {"mall": mall.name, "address": mall.address, "phone": mall.phone or "-"},
        "key_service": _("Ask the mall manager for an API token (manage.py issue_api_token)."),
        "endpoints": [
            {
                "specification": SPEC_URL,
                "url": base + "/",
                "changeset": "2026-11-27T00:00:00+07:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
