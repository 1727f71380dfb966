"""The living demo's history: 60 days of plausible activity at MPP Kabupaten Ngawi.

`load_demo_history(mall)` fills the working days before today with queue tickets whose waits
follow the hours (a morning peak, longer waits when the hall is full, a few no-shows), online
applications decided on time or late, survey answers on the SKM scale with a respondent
profile (weaker on waiting time and facilities), complaints answered within or after the
deadline, and the nightly rollups, so the transparency dashboard, the busiest-hours map, the
IKM report and the monthly report show real-looking figures right after `make run`.

Survey suggestions pass moderation before they are public: the demo mall manager approves
those older than a week through the moderation domain function (audited, as in real use),
a few days after they were written; the last week's stay pending, so the moderation page
(/staf/survei/saran/) has work and the public IKM report shows approved suggestions.

Everything is seeded (the same figures every time) and marked as demo data: ticket, complaint
and application codes start with `DM`, and the applicant is the user `warga-demo-riwayat`.
Rows are bulk-created for speed (a few seconds on SQLite); running it again changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from mpp.accounts.models import User
from mpp.applications.enums import ApplicationState
from mpp.applications.models import Application
from mpp.catalog.models import Service
from mpp.core.calendar import WorkingCalendar
from mpp.core.models import Mall
from mpp.feedback.domain.followup import create_follow_up_plan, update_follow_up_progress
from mpp.feedback.domain.moderation import moderate_suggestion
from mpp.feedback.enums import (
    ComplaintChannel,
    ComplaintKind,
    ComplaintStatus,
    ComplaintSubject,
    Education,
    FollowUpStatus,
    Gender,
    InvitationChannel,
    ModerationStatus,
    Occupation,
    SurveySession,
)
from mpp.feedback.models import Complaint, SurveyResponse
from mpp.queueing.enums import TicketChannel, TicketStatus
from mpp.queueing.models import QueueService, Ticket
from mpp.transparency.domain import refresh_daily_stats

WIB = ZoneInfo("Asia/Jakarta")

#: Every demo history code starts with this (tickets, complaints, applications).
CODE_PREFIX = "DM"
DEMO_APPLICANT = "warga-demo-riwayat"
DAYS = 60

#: (agency slug, service slug, walk-ins per working day). Services missing from the
#: catalogue are left out, so the history follows the catalogue data files.
VOLUMES = (
    ("dispendukcapil", "ktp-el-baru", 22),
    ("dispendukcapil", "kk-perubahan-data", 14),
    ("dispendukcapil", "akta-kelahiran", 9),
    ("dispendukcapil", "pindah-keluar", 5),
    ("dpmptsp", "nib-oss", 6),
    ("dpmptsp", "pbg", 3),
    ("polres-ngawi", "skck-baru", 16),
    ("polres-ngawi", "sim-c-perpanjangan", 8),
    ("samsat-ngawi", "pkb-tahunan", 18),
    ("samsat-ngawi", "balik-nama-kendaraan", 4),
    ("imigrasi-madiun", "paspor-baru", 7),
    ("bpjs-kesehatan", "jkn-perubahan-data", 8),
    ("kemenag-ngawi", "nikah-di-kua", 3),
    ("bapenda-ngawi", "pbb-p2-mutasi", 4),
    ("dpptk", "kartu-ak1", 5),
    ("pln", "pln-pasang-baru", 3),
)

#: How each agency's answers lean per SKM element (added to a base of 3.2).
LEAN = {
    "dispendukcapil": {"u3": -0.6, "u9": -0.3, "u4": 0.7},
    "dpmptsp": {"u2": -0.4, "u3": -0.3},
    "polres-ngawi": {"u3": -0.2, "u8": -0.5},
    "samsat-ngawi": {"u9": -0.7, "u4": -0.4},
    "imigrasi-madiun": {"u3": -0.4},
}
SUGGESTIONS = (
    "Tambah kursi di ruang tunggu.",
    "Antrean KTP pagi terlalu lama, mohon tambah loket.",
    "Petugas ramah dan cepat, terima kasih.",
    "AC di lantai 2 kurang dingin.",
    "Informasi persyaratan di website perlu diperbarui.",
)
COMPLAINTS = (
    ("Antrean lama", "Menunggu lebih dari satu jam di loket."),
    ("Persyaratan tidak jelas", "Persyaratan di loket berbeda dengan di situs."),
    ("Ruang tunggu panas", "AC di ruang tunggu tidak menyala."),
)
#: The follow-up commitments on the weakest elements: (agency slug or None for the whole
#: mall, element, action, responsible, due in days, (status, progress, note) or None).
FOLLOW_UPS = (
    (
        "dispendukcapil",
        "U3",
        "Tambah satu loket KTP-el pada pukul 08.00–11.00 dan buka antrean daring.",
        "Kepala Bidang Pelayanan Pendaftaran Penduduk",
        30,
        (FollowUpStatus.IN_PROGRESS, 40, "Loket tambahan dibuka Senin dan Kamis pagi."),
    ),
    (
        "samsat-ngawi",
        "U9",
        "Perbaiki AC dan tambah 20 kursi di ruang tunggu Samsat.",
        "Kepala UPT PPD Ngawi",
        45,
        None,
    ),
    (
        None,
        "U9",
        "Tambah papan petunjuk dan pojok bermain anak di lantai 1.",
        "Pengelola MPP (Subbagian Umum)",
        60,
        (FollowUpStatus.DONE, 100, "Papan petunjuk terpasang."),
    ),
)

#: The signatory printed under the reports, until the mall sets its own in the admin.
DEMO_HEAD = {
    "head_name": "Contoh Kepala MPP, S.Sos., M.Si. (data demo)",
    "head_position": "Kepala Dinas Penanaman Modal dan PTSP Kabupaten Ngawi",
    "head_nip": "19700101 199503 1 001",
}


@dataclass
class HistoryReport:
    days: int = 0
    tickets: int = 0
    responses: int = 0
    applications: int = 0
    complaints: int = 0
    follow_ups: int = 0
    suggestions_approved: int = 0
    suggestions_pending: int = 0
    skipped: bool = False

    def __str__(self) -> str:
        if self.skipped:
            return "already loaded, nothing changed"
        return (
            f"{self.days} working day(s): {self.tickets} ticket(s), {self.responses} survey "
            f"answer(s), {self.applications} application(s), {self.complaints} complaint(s), "
            f"{self.follow_ups} follow-up plan(s), {self.suggestions_approved} survey "
            f"suggestion(s) approved and {self.suggestions_pending} awaiting moderation"
        )


def _score(rng: random.Random, base: float) -> int:
    return max(1, min(4, round(rng.gauss(base, 0.55))))


def survey_response(
    rng: random.Random,
    service: Service,
    lean: dict[str, float],
    finished: datetime,
    *,
    suggestions: tuple[str, ...] = SUGGESTIONS,
    suggestion_rate: float = 0.08,
    genders: tuple[str, ...] = (Gender.MALE, Gender.FEMALE, Gender.MALE, Gender.FEMALE, ""),
) -> SurveyResponse:
    """One respondent's answers a few minutes after being served, leaning per agency (the
    demo's history and the report tests' activity draw them the same way)."""
    answers: dict[str, int | None] = {
        f"u{i}": _score(rng, 3.2 + lean.get(f"u{i}", 0.0)) for i in range(1, 10)
    }
    if rng.random() < 0.05:
        answers["u8"] = None
    local = finished.astimezone(WIB)
    return SurveyResponse(
        mall=service.mall,
        agency=service.agency,
        service=service,
        channel=InvitationChannel.TICKET,
        submitted_at=finished + timedelta(minutes=3),
        survey_date=local.date(),
        session=SurveySession.MORNING if local.hour < 12 else SurveySession.AFTERNOON,
        gender=rng.choice(list(genders)),
        age=rng.choice([None, *range(17, 70)]),
        education=rng.choice([*Education.values, ""]),
        occupation=rng.choice(Occupation.values),
        suggestion=rng.choice(suggestions) if rng.random() < suggestion_rate else "",
        **answers,
    )


def _working_days(mall: Mall, start: date, end: date) -> list[date]:
    calendar = WorkingCalendar(mall, start - timedelta(days=1), end + timedelta(days=1))
    days = []
    day = start
    while day <= end:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


@dataclass
class _Player:
    """Plays the activity of the working days into unsaved rows."""

    mall: Mall
    today: date
    rng: random.Random
    applicant: User
    serial: int = 0
    tickets: list[Ticket] = field(default_factory=list)
    responses: list[SurveyResponse] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)
    complaints: list[Complaint] = field(default_factory=list)

    def code(self, width: int = 8) -> str:
        self.serial += 1
        return f"{CODE_PREFIX}{self.serial:0{width}d}"

    def walk_ins(
        self, day: date, service: Service, n: int, prefix: str, numbers: dict[str, int]
    ) -> None:
        """`n` tickets through the day: a morning peak, waits that grow with the crowd."""
        rng = self.rng
        lean = LEAN.get(service.agency.slug, {})
        moments = sorted(
            datetime.combine(day, time(8), tzinfo=WIB)
            + timedelta(minutes=min(419, abs(rng.gauss(110, 95))))
            for _ in range(n)
        )
        for issued in moments:
            numbers[prefix] = numbers.get(prefix, 0) + 1
            crowd = sum(1 for m in moments if issued - timedelta(hours=1) < m <= issued)
            called = issued + timedelta(minutes=max(1, rng.gauss(4 + 2.2 * crowd, 5)))
            no_show = rng.random() < 0.06
            started = None if no_show else called + timedelta(seconds=30)
            finished = (
                None if started is None else started + timedelta(minutes=max(2, rng.gauss(9, 4)))
            )
            self.tickets.append(
                Ticket(
                    mall=self.mall,
                    code=self.code(),
                    day=day,
                    prefix=prefix,
                    number=numbers[prefix],
                    service=service,
                    channel=TicketChannel.KIOSK,
                    status=TicketStatus.SKIPPED if no_show else TicketStatus.DONE,
                    queued_at=issued,
                    issued_at=issued,
                    called_at=called,
                    started_at=started,
                    finished_at=finished,
                    call_count=1,
                )
            )
            if finished is not None and rng.random() < 0.35:
                self.responses.append(survey_response(rng, service, lean, finished))

    def online(self, day: date, service: Service, n: int) -> None:
        """`n` online applications, decided 1–8 days later (due after 5: some are late)."""
        for _ in range(n):
            submitted = datetime.combine(day, time(9), tzinfo=WIB) + timedelta(
                minutes=self.rng.randint(0, 400)
            )
            decided: datetime | None = submitted + timedelta(
                days=self.rng.choice([1, 2, 3, 4, 4, 6, 8])
            )
            if decided is not None and decided.date() >= self.today:
                decided = None
            self.applications.append(
                Application(
                    mall=self.mall,
                    service=service,
                    agency=service.agency,
                    applicant=self.applicant,
                    tracking_code=self.code(),
                    state=ApplicationState.APPROVED if decided else ApplicationState.IN_PROCESS,
                    submitted_at=submitted,
                    first_submitted_at=submitted,
                    decided_at=decided,
                    due_date=day + timedelta(days=5),
                )
            )

    def complaint(self, day: date, service: Service) -> None:
        """A complaint answered 1–9 days later (the deadline is 7)."""
        title, description = self.rng.choice(COMPLAINTS)
        received = datetime.combine(day, time(10), tzinfo=WIB)
        answered = received + timedelta(days=self.rng.choice([1, 2, 3, 5, 9]))
        done = answered.date() < self.today
        self.complaints.append(
            Complaint(
                mall=self.mall,
                code=self.code(10),
                kind=ComplaintKind.COMPLAINT,
                subject=ComplaintSubject.AGENCY,
                agency=service.agency,
                title=title,
                description=description,
                channel=ComplaintChannel.WEB,
                status=ComplaintStatus.CLOSED if done else ComplaintStatus.DISPOSITIONED,
                received_at=received,
                verify_due=day + timedelta(days=3),
                dispositioned_at=received + timedelta(hours=4),
                answer_due=day + timedelta(days=7),
                answered_at=answered if done else None,
                closed_at=answered if done else None,
            )
        )


def _services(mall: Mall) -> list[tuple[Service, int, str]]:
    prefixes = dict(
        QueueService.objects.filter(service__mall=mall).values_list("service_id", "prefix")
    )
    found = []
    for agency_slug, service_slug, per_day in VOLUMES:
        service = (
            Service.objects.filter(mall=mall, agency__slug=agency_slug, slug=service_slug)
            .select_related("agency", "mall")
            .first()
        )
        if service is not None:
            found.append((service, per_day, prefixes.get(service.pk, "Z")))
    return found


def _demo_applicant() -> User:
    applicant, _ = User.objects.get_or_create(
        username=DEMO_APPLICANT, defaults={"first_name": "Warga", "last_name": "Demo"}
    )
    if applicant.has_usable_password():
        applicant.set_unusable_password()
        applicant.save(update_fields=["password"])
    return applicant


def _follow_ups(mall: Mall, start: date, today: date) -> int:
    """Commitments on the weakest elements of the history's survey period, through the domain
    (history rows and audit entries included), some already under way or done."""
    recorded = datetime.combine(today - timedelta(days=7), time(10), tzinfo=WIB)
    count = 0
    for agency_slug, element, action, responsible, due_in, progress in FOLLOW_UPS:
        agency = mall.agencies.filter(slug=agency_slug).first() if agency_slug else None
        if agency_slug and agency is None:
            continue
        plan = create_follow_up_plan(
            mall=mall,
            period_start=start,
            period_end=today - timedelta(days=1),
            element=element,
            action=action,
            responsible=responsible,
            due_date=today + timedelta(days=due_in),
            agency=agency,
            now=recorded,
        )
        if progress is not None:
            status, percent, note = progress
            update_follow_up_progress(
                plan=plan,
                status=status,
                progress=percent,
                note=note,
                now=recorded + timedelta(days=4),
            )
        count += 1
    return count


#: Suggestions written in the last this many days are still awaiting moderation.
MODERATION_BACKLOG_DAYS = 7
#: The manager moderates a suggestion this long after it was written (a weekly-ish round).
MODERATION_DELAY = timedelta(days=2, hours=3)


def _moderate_suggestions(mall: Mall, today: date) -> tuple[int, int]:
    """The demo mall manager approves the suggestions older than the backlog window through
    the moderation domain function; returns (approved, still pending)."""
    from mpp.demo.staff import MANAGER_USERNAME, load_mall_manager

    load_mall_manager(mall)
    manager = User.objects.get(username=MANAGER_USERNAME)
    cutoff = datetime.combine(today - timedelta(days=MODERATION_BACKLOG_DAYS), time(0), tzinfo=WIB)
    pending = (
        SurveyResponse.objects.filter(mall=mall, suggestion_status=ModerationStatus.PENDING)
        .exclude(suggestion="")
        .order_by("submitted_at", "pk")
    )
    approved = 0
    for response in pending.filter(submitted_at__lt=cutoff):
        moderate_suggestion(
            response=response,
            actor=manager,
            decision=ModerationStatus.APPROVED,
            now=response.submitted_at + MODERATION_DELAY,
        )
        approved += 1
    return approved, pending.count()


def load_demo_history(
    mall: Mall, *, days: int = DAYS, today: date | None = None, seed: int = 12
) -> HistoryReport:
    """Fill the `days` calendar days before `today` (default: the local date) with activity;
    does nothing when the demo history is already there."""
    report = HistoryReport()
    if Ticket.objects.filter(mall=mall, code__startswith=CODE_PREFIX).exists():
        report.skipped = True
        return report
    today = today or timezone.localdate()
    start = today - timedelta(days=days)
    services = _services(mall)
    if not services:
        return report
    # Seeded on purpose: the demo must show the same figures every time (not security).
    rng = random.Random(f"mpp-demo-history:{seed}:{start}:{today}")  # noqa: S311
    player = _Player(mall, today, rng, _demo_applicant())
    working_days = _working_days(mall, start, today - timedelta(days=1))
    for day in working_days:
        numbers: dict[str, int] = {}
        # Mondays are busier, Fridays (Friday prayer) quieter.
        busy = {0: 1.25, 4: 0.85}.get(day.weekday(), 1.0)
        for service, per_day, prefix in services:
            n = max(0, round(rng.gauss(per_day * busy, per_day * 0.25)))
            player.walk_ins(day, service, n, prefix, numbers)
            player.online(day, service, rng.randint(0, max(1, round(per_day / 6))))
        if rng.random() < 0.5:
            player.complaint(day, rng.choice(services)[0])
    with transaction.atomic():
        Ticket.objects.bulk_create(player.tickets, batch_size=1000)
        SurveyResponse.objects.bulk_create(player.responses, batch_size=1000)
        Application.objects.bulk_create(player.applications, batch_size=1000)
        Complaint.objects.bulk_create(player.complaints, batch_size=500)
        day = start
        while day < today:
            refresh_daily_stats(mall=mall, day=day)
            day += timedelta(days=1)
        report.follow_ups = _follow_ups(mall, start, today)
        report.suggestions_approved, report.suggestions_pending = _moderate_suggestions(mall, today)
        unset = {k: v for k, v in DEMO_HEAD.items() if not getattr(mall, k)}
        if unset:
            Mall.objects.filter(pk=mall.pk).update(**unset)
    report.days = len(working_days)
    report.tickets, report.responses = len(player.tickets), len(player.responses)
    report.applications, report.complaints = len(player.applications), len(player.complaints)
    return report
