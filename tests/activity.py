"""A seeded generator of plausible mall activity for the report tests and screenshots:
four agencies, their services, queue tickets that follow the opening hours (a morning peak,
waits that grow with the crowd, a few no-shows), online applications (some decided late),
survey answers with a respondent profile (weaker on waiting time and facilities), complaints
and the nightly rollups. Rows are bulk-created (fast enough for a test), never through the
HTTP layer; the same seed always gives the same figures.

The living demo (`mpp/demo/history.py`, played by `load_demo`) draws its survey answers with
the same `survey_response`; this module keeps its own small catalogue and seed so the report
tests' figures stay fixed whatever the demo catalogue becomes.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mpp.accounts.models import User
from mpp.applications.enums import ApplicationState
from mpp.applications.models import Application
from mpp.catalog.models import Agency, Service
from mpp.core.models import Mall
from mpp.demo.history import survey_response
from mpp.feedback.enums import (
    ComplaintChannel,
    ComplaintKind,
    ComplaintStatus,
    ComplaintSubject,
    Gender,
)
from mpp.feedback.models import Complaint, SurveyResponse
from mpp.queueing.enums import TicketChannel, TicketStatus
from mpp.queueing.models import Ticket
from mpp.transparency.domain import refresh_daily_stats
from tests.factories import AgencyFactory, ServiceFactory

WIB = ZoneInfo("Asia/Jakarta")
_serials = itertools.count(1)

#: (slug, name, short name, [(service slug, service name, tickets per day, prefix)]).
AGENCIES = (
    (
        "dispendukcapil",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dispendukcapil",
        [("ktp-el", "KTP Elektronik", 18, "A"), ("kartu-keluarga", "Kartu Keluarga", 12, "B")],
    ),
    (
        "dpmptsp",
        "Dinas Penanaman Modal dan PTSP",
        "DPMPTSP",
        [("nib", "Nomor Induk Berusaha", 6, "C"), ("pbg", "Persetujuan Bangunan Gedung", 3, "D")],
    ),
    ("polres", "Kepolisian Resor Ngawi", "Polres", [("skck", "SKCK", 14, "E")]),
    (
        "samsat",
        "Samsat Kabupaten Ngawi",
        "Samsat",
        [("pajak-kendaraan", "Pajak Kendaraan Tahunan", 16, "F")],
    ),
)

#: How each agency's answers lean per element (added to a base of 3.2).
_LEAN = {
    "dispendukcapil": {"u3": -0.6, "u9": -0.3, "u4": 0.7},
    "dpmptsp": {"u2": -0.4, "u3": -0.3},
    "polres": {"u3": -0.2, "u8": -0.5},
    "samsat": {"u9": -0.7, "u4": -0.4},
}
_SUGGESTIONS = (
    "Tambah kursi di ruang tunggu.",
    "Antrean KTP pagi terlalu lama, mohon tambah loket.",
    "Petugas ramah dan cepat, terima kasih.",
    "AC di lantai 2 kurang dingin.",
    "Informasi persyaratan di website perlu diperbarui.",
)


@dataclass
class Activity:
    mall: Mall
    agencies: dict[str, Agency] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    tickets: int = 0
    served: int = 0
    responses: int = 0
    applications: int = 0
    decided: int = 0


def make_catalogue(mall: Mall) -> Activity:
    activity = Activity(mall)
    for position, (slug, name, short, services) in enumerate(AGENCIES, start=1):
        agency = AgencyFactory(mall=mall, slug=slug, name=name, short_name=short, position=position)
        activity.agencies[slug] = agency
        for s_slug, s_name, _per_day, _prefix in services:
            activity.services[s_slug] = ServiceFactory(
                agency=agency, slug=s_slug, name=s_name, name_en=s_name
            )
    return activity


def _complaint(activity: Activity, rng: random.Random, day: date, end: date) -> Complaint:
    """A complaint about waiting, answered 1, 3 or 9 days later (late after 7)."""
    serial = next(_serials)
    agency = activity.agencies[rng.choice([a[0] for a in AGENCIES])]
    received = datetime.combine(day, time(10), tzinfo=WIB)
    answered = received + timedelta(days=rng.choice([1, 3, 9]))
    done = answered.date() <= end
    return Complaint(
        mall=activity.mall,
        code=f"K{serial:09d}",
        kind=ComplaintKind.COMPLAINT,
        subject=ComplaintSubject.AGENCY,
        agency=agency,
        title="Antrean lama",
        description="Menunggu terlalu lama di loket.",
        channel=ComplaintChannel.WEB,
        status=ComplaintStatus.CLOSED if done else ComplaintStatus.DISPOSITIONED,
        received_at=received,
        verify_due=day + timedelta(days=3),
        dispositioned_at=received + timedelta(hours=4),
        answer_due=day + timedelta(days=7),
        answered_at=answered if done else None,
        closed_at=answered if done else None,
    )


def generate(
    activity: Activity,
    *,
    start: date,
    end: date,
    seed: int = 16,
    density: float = 1.0,
    survey_share: float = 0.35,
    refresh: bool = True,
) -> Activity:
    """Working days (Mon–Fri) from `start` to `end` inclusive, 08.00–15.00 WIB."""
    rng = random.Random(f"{seed}:{start}:{end}")
    mall = activity.mall
    tickets: list[Ticket] = []
    responses: list[SurveyResponse] = []
    applications: list[Application] = []
    complaints: list[Complaint] = []
    applicant, _ = User.objects.get_or_create(username="warga-generator")
    day = start
    while day <= end:
        if day.weekday() < 5:
            for slug, _name, _short, services in AGENCIES:
                agency = activity.agencies[slug]
                lean = _LEAN[slug]
                for s_slug, _s_name, per_day, prefix in services:
                    service = activity.services[s_slug]
                    n = max(0, round(rng.gauss(per_day * density, per_day * density * 0.25)))
                    moments = sorted(
                        datetime.combine(day, time(8), tzinfo=WIB)
                        + timedelta(minutes=min(419, abs(rng.gauss(110, 95))))
                        for _ in range(n)
                    )
                    for number, issued in enumerate(moments, start=1):
                        serial = next(_serials)
                        crowd = sum(1 for m in moments if issued - timedelta(hours=1) < m <= issued)
                        wait = timedelta(minutes=max(1, rng.gauss(4 + 2.2 * crowd, 5)))
                        called = issued + wait
                        no_show = rng.random() < 0.06
                        started = None if no_show else called + timedelta(seconds=30)
                        finished = (
                            None
                            if no_show
                            else started + timedelta(minutes=max(2, rng.gauss(9, 4)))
                        )
                        tickets.append(
                            Ticket(
                                mall=mall,
                                code=f"G{serial:09d}",
                                day=day,
                                prefix=prefix,
                                number=number,
                                service=service,
                                channel=TicketChannel.KIOSK,
                                status=TicketStatus.SKIPPED if no_show else TicketStatus.DONE,
                                queued_at=issued,
                                issued_at=issued,
                                called_at=called,
                                started_at=started,
                                finished_at=finished,
                            )
                        )
                        if finished is None:
                            continue
                        activity.served += 1
                        if rng.random() >= survey_share:
                            continue
                        responses.append(
                            survey_response(
                                rng,
                                service,
                                lean,
                                finished,
                                suggestions=_SUGGESTIONS,
                                suggestion_rate=0.1,
                                genders=(Gender.MALE, Gender.FEMALE, ""),
                            )
                        )
                    # Online applications: a few a day, decided 1–8 working days later.
                    for _ in range(rng.randint(0, max(1, round(per_day * density / 5)))):
                        serial = next(_serials)
                        submitted = datetime.combine(day, time(9), tzinfo=WIB) + timedelta(
                            minutes=rng.randint(0, 400)
                        )
                        due = day + timedelta(days=5)
                        decided = submitted + timedelta(days=rng.choice([1, 2, 3, 4, 6, 8]))
                        if decided.date() > end:
                            decided = None
                        applications.append(
                            Application(
                                mall=mall,
                                service=service,
                                agency=agency,
                                applicant=applicant,
                                tracking_code=f"GA{serial:08d}",
                                state=ApplicationState.APPROVED
                                if decided
                                else ApplicationState.IN_PROCESS,
                                submitted_at=submitted,
                                first_submitted_at=submitted,
                                decided_at=decided,
                                due_date=due,
                            )
                        )
            if rng.random() < 0.5:
                complaints.append(_complaint(activity, rng, day, end))
        day += timedelta(days=1)
    Ticket.objects.bulk_create(tickets, batch_size=1000)
    SurveyResponse.objects.bulk_create(responses, batch_size=1000)
    Application.objects.bulk_create(applications, batch_size=1000)
    Complaint.objects.bulk_create(complaints, batch_size=500)
    activity.tickets += len(tickets)
    activity.responses += len(responses)
    activity.applications += len(applications)
    activity.decided += sum(1 for a in applications if a.decided_at)
    if refresh:
        day = start
        while day <= end + timedelta(days=10):
            refresh_daily_stats(mall=mall, day=day)
            day += timedelta(days=1)
    return activity
