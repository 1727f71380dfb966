"""The contact sheet: screenshots of every public, kiosk, board and staff page at its real size.

Run it against a demo server (docs/testing.md, "Contact sheet"):

    SQLITE_PATH=/tmp/demo.sqlite3 .venv/bin/python manage.py migrate
    SQLITE_PATH=/tmp/demo.sqlite3 .venv/bin/python manage.py load_demo
    SQLITE_PATH=/tmp/demo.sqlite3 .venv/bin/python manage.py load_national_demo
    SQLITE_PATH=/tmp/demo.sqlite3 .venv/bin/python manage.py collectstatic --noinput
    MPP_DEMO_MODE=1 SQLITE_PATH=/tmp/demo.sqlite3 .venv/bin/python -m mpp.serve --port 8000 &
    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000

It drives the machine's Chromium (as the browser journeys do, `MPP_CHROMIUM` overrides the
path) through the pages as their users meet them: public pages on a 360 px phone and a 1280 px
laptop, the kiosk at 1080×1920, the board and the IKM slide at 1920×1080, every staff page at
1280 px signed in as the demo mall manager (password and authenticator code from
mpp/accounts/demo.py), the officer console also at 360 px and in each state (idle, called,
serving). The script changes the demo database as a visitor and an officer would: it takes two
kiosk tickets and calls them (walk-in tickets need `MPP_DEMO_MODE=1` outside opening hours).

It writes `<group>-<page>-<width>.png` into `--out` (default docs/screenshots/) and the index
`README.md` beside them: each file, the page, its viewport, the page's full height and whether
it scrolls sideways, and what to look for. To keep the sheet small, a shot shows at most the
first three screens of a page (`--screens`) and is stored as a 256-colour PNG.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import io
import os
import re
import shutil
import struct
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

# The published demo credentials (mpp/accounts/demo.py, mpp/demo/staff.py); read from the file
# rather than imported, so the script needs no Django settings and works against any demo server.
_DEMO = (REPO / "mpp" / "accounts" / "demo.py").read_text(encoding="utf-8")
STAFF_PASSWORD = re.search(r'STAFF_PASSWORD = "([^"]+)"', _DEMO).group(1)  # type: ignore[union-attr]
TOTP_KEY_HEX = re.search(r'DEMO_TOTP_KEY_HEX = "([^"]+)"', _DEMO).group(1)  # type: ignore[union-attr]
MANAGER = "pengelola"
CITIZEN = "warga@example.id"
CITIZEN_PASSWORD = re.search(  # type: ignore[union-attr]
    r'CITIZEN_PASSWORD = "([^"]+)"',
    (REPO / "mpp" / "applications" / "demo.py").read_text(encoding="utf-8"),
).group(1)

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
KIOSK = {"viewport": {"width": 1080, "height": 1920}, "has_touch": True}
TV = {"viewport": {"width": 1920, "height": 1080}}


@dataclass
class Shot:
    group: str
    name: str
    width: int
    url: str
    note: str
    height: int = 0  # the page's full height
    overflow: int = 0  # how far it scrolls sideways
    size: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return f"{self.group}-{self.name}-{self.width}.png"


def totp(key_hex: str, at: float | None = None) -> str:
    """RFC 6238 code (30 s, 6 digits, SHA-1), as django-otp's TOTPDevice checks it."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class Sheet:
    def __init__(self, browser: Any, base_url: str, out: Path, screens: int) -> None:
        self.browser = browser
        self.base_url = base_url.rstrip("/") + "/"
        self.out = out
        self.screens = screens
        self.shots: list[Shot] = []
        self.failures: list[str] = []

    def context(self, device: dict[str, Any], **options: Any) -> Any:
        context = self.browser.new_context(
            base_url=self.base_url,
            locale="id-ID",
            device_scale_factor=1,
            **device,
            **options,
        )
        context.set_default_timeout(20_000)
        return context

    def take(  # noqa: PLR0917 - group, name and note read best in this order at every call
        self, page: Any, group: str, name: str, note: str, url: str | None = None, status: int = 200
    ) -> None:
        """Open `url` (or keep the current page) and save the first screens of it."""
        try:
            if url is not None:
                response = page.goto(url, wait_until="networkidle")
                if response is not None and response.status != status:
                    self.failures.append(f"{group}-{name}: {url} answered {response.status}")
            page.wait_for_timeout(150)
            viewport = page.viewport_size
            metrics = page.evaluate(
                "() => ({h: document.documentElement.scrollHeight,"
                " w: document.scrollingElement.scrollWidth,"
                " vw: document.documentElement.clientWidth})"
            )
            shot = Shot(
                group,
                name,
                viewport["width"],
                page.url.replace(self.base_url.rstrip("/"), "") or "/",
                note,
                height=metrics["h"],
                overflow=max(0, metrics["w"] - metrics["vw"]),
            )
            height = min(metrics["h"], viewport["height"] * self.screens)
            png = page.screenshot(
                full_page=True,
                clip={"x": 0, "y": 0, "width": viewport["width"], "height": height},
                animations="disabled",
                caret="hide",
            )
            path = self.out / shot.file
            path.write_bytes(_small_png(png))
            shot.size = path.stat().st_size
            self.shots.append(shot)
            print(f"{shot.file:48} {shot.height:6} px  {shot.size // 1024:4} KB  {shot.url}")
        except Exception as exc:
            self.failures.append(f"{group}-{name}: {url or page.url}: {exc}")
            print(f"FAILED {group}-{name}: {exc}", file=sys.stderr)

    def link(self, page: Any, url: str, pattern: str) -> str | None:
        """The first link on `url` whose path matches `pattern` (to find demo codes and slugs)."""
        page.goto(url)
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            if re.fullmatch(pattern, href.split("?")[0].split("#")[0]):
                return href
        self.failures.append(f"no link matching {pattern} on {url}")
        return None


def _small_png(png: bytes) -> bytes:
    """A 256-colour PNG: text and flat colours survive, the file shrinks about four times."""
    try:
        from PIL import Image
    except ImportError:  # Pillow is a dependency of the project; keep the raw shot if absent
        return png
    image = Image.open(io.BytesIO(png)).convert("RGB")
    quantized = image.quantize(
        colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    buffer = io.BytesIO()
    quantized.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def server_time(page: Any) -> float:
    """The server's clock from its Date header (the code must match the server's time, which
    may be set to opening hours for the sheet: docs/testing.md)."""
    from email.utils import parsedate_to_datetime

    response = page.request.get("/healthz")
    return parsedate_to_datetime(response.headers["date"]).timestamp()


def sign_in(page: Any, login: str, password: str, *, second_factor: bool) -> None:
    page.goto("/akun/masuk/")
    page.fill("#id_login", login)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if second_factor:
        page.wait_for_url(re.compile(r"/akun/dua-langkah/"))
        page.fill("input[name=code]", totp(TOTP_KEY_HEX, server_time(page)))
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        if "/akun/dua-langkah/" in page.url:
            raise RuntimeError("the demo authenticator code was refused")


def public_pages(sheet: Sheet) -> None:
    probe = sheet.context(DESKTOP).new_page()
    agency = sheet.link(probe, "/instansi/", r"/instansi/[^/]+/")
    service = sheet.link(probe, "/cari/?q=ktp", r"/layanan/[^/]+/")
    slots = sheet.link(probe, "/antrian/pesan/?q=ktp", r"/antrian/pesan/layanan/[^/]+/")
    room = sheet.link(probe, "/ruang/", r"/ruang/[^/]+/pesan/")
    msme = sheet.link(probe, "/umkm/", r"/umkm/(?!daftar/|saya/|tinjau/)[^/]+/")
    monthly = sheet.link(probe, "/transparansi/", r"/transparansi/laporan/\d{4}-\d{1,2}/")
    probe.context.close()
    pages: list[tuple[str, str | None, str]] = [
        ("home", "/", "the search box and the four top tasks above the fold, MSME booths after"),
        ("search", "/cari/", "the search page before a query"),
        ("search-ktp", "/cari/?q=ktp", "results for an everyday word"),
        ("search-none", "/cari/?q=zzqx", "no results: what to try next"),
        ("agencies", "/instansi/", "every agency by full name"),
        ("agency", agency, "an agency: services, hours, booth"),
        ("service", service, "a service's standard: requirements, steps, time, fee"),
        ("booking", "/antrian/pesan/", "booking: the searchable picker grouped by agency"),
        ("booking-slots", slots, "booking: days and times with the seats left"),
        ("applications-start", "/permohonan/baru/akta-kelahiran/", "start an online application"),
        ("track", "/lacak/", "track an application by its code"),
        ("complaints", "/pengaduan/", "complaints: how to file, published complaints"),
        ("complaint-form", "/pengaduan/baru/", "the complaint form"),
        ("complaint-track", "/pengaduan/lacak/", "track a complaint"),
        ("complaints-published", "/pengaduan/publik/", "published complaints and answers"),
        ("transparency", "/transparansi/", "service figures: charts with tables"),
        ("monthly-report", monthly, "the monthly report"),
        ("ikm-report", "/survei/laporan/", "the satisfaction index (IKM) report"),
        ("rooms", "/ruang/", "co-working rooms"),
        ("room-book", room, "book a room: the day's free times"),
        ("room-desk", "/ruang/meja-depan/", "the front desk's check-in by code"),
        ("msme", "/umkm/", "MSME booths: who sells today"),
        ("msme-detail", msme, "one MSME and its products"),
        ("msme-register", "/umkm/daftar/", "an MSME applies for a booth (sign-in first)"),
        ("audit", "/jejak-audit/", "the audit trail's public status"),
        ("sign-in", "/akun/masuk/", "sign-in for citizens and officers"),
        ("sign-up", "/akun/daftar/", "create an account"),
        ("not-found", "/tidak-ada/", "the not-found page (404)"),
        ("national", "/nasional/", "national portal: find a mall by province"),
        ("national-search", "/nasional/cari/?q=ktp", "a service across malls"),
        ("national-compare", "/nasional/perbandingan/", "malls side by side"),
    ]
    for device in (PHONE, DESKTOP):
        page = sheet.context(device).new_page()
        for name, url, note in pages:
            if url is not None:
                sheet.take(page, "public", name, note, url, 404 if name == "not-found" else 200)
        page.context.close()
    # A citizen signed in: their applications and profile.
    for device in (PHONE, DESKTOP):
        page = sheet.context(device).new_page()
        try:
            sign_in(page, CITIZEN, CITIZEN_PASSWORD, second_factor=False)
        except Exception as exc:
            sheet.failures.append(f"citizen sign-in: {exc}")
            page.context.close()
            continue
        sheet.take(page, "citizen", "applications", "my applications", "/permohonan/")
        detail = sheet.link(page, "/permohonan/", r"/permohonan/[0-9a-f-]{36}/")
        if detail:
            sheet.take(page, "citizen", "application", "an application's timeline", detail)
        sheet.take(page, "citizen", "profile", "profile: NIK masked, address", "/akun/profil/")
        sheet.take(page, "citizen", "room-bookings", "my room bookings", "/ruang/pesanan/")
        page.context.close()


def kiosk_pages(sheet: Sheet) -> str | None:
    """The kiosk as a first-time visitor meets it; returns the code of the ticket it took."""
    page = sheet.context(KIOSK).new_page()
    sheet.take(
        page, "kiosk", "start", "big 'Layanan populer' buttons by everyday name", "/antrian/"
    )
    sheet.take(
        page,
        "kiosk",
        "ktp",
        "a popular service: large Kembali, priority, waits",
        "/antrian/kios/populer/ktp-el/",
    )
    sheet.take(page, "kiosk", "all", "all agencies, full name first", "/antrian/kios/semua/")
    agency = sheet.link(page, "/antrian/kios/semua/", r"/antrian/kios/(?!semua/|populer/)[^/]+/")
    if agency:
        sheet.take(page, "kiosk", "agency", "one agency's services", agency)
    code = None
    try:
        page.goto("/antrian/kios/populer/ktp-el/")
        page.locator("button[name=service]").first.click()
        page.wait_for_load_state("networkidle")
        sheet.take(page, "kiosk", "ticket", "the ticket: number, counter, booth and floor")
        found = re.search(r"/antrian/tiket/([^/]+)/", page.url)
        code = found.group(1) if found else None
        # A second visitor, so the console has someone waiting after the first call.
        page.goto("/antrian/kios/populer/ktp-el/")
        page.locator("button[name=service]").first.click()
        page.wait_for_load_state("networkidle")
    except Exception as exc:
        sheet.failures.append(f"kiosk ticket: {exc}")
    sheet.take(page, "kiosk", "checkin", "check in a booking by its code", "/antrian/check-in/")
    sheet.take(page, "kiosk", "survey", "the exit survey kiosk", "/survei/kios/")
    sheet.take(page, "kiosk", "complaint", "a complaint at the kiosk", "/pengaduan/kios/")
    page.context.close()
    if code:
        phone = sheet.context(PHONE).new_page()
        sheet.take(phone, "public", "ticket", "the ticket on a phone", f"/antrian/tiket/{code}/")
        phone.context.close()
    return code


def staff_pages(sheet: Sheet) -> None:
    page = sheet.context(DESKTOP).new_page()
    page.goto("/akun/masuk/")
    page.fill("#id_login", MANAGER)
    page.fill("#id_password", STAFF_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    sheet.take(page, "staff", "second-factor", "the second factor after the password")
    page.fill("input[name=code]", totp(TOTP_KEY_HEX, server_time(page)))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/akun/dua-langkah/" in page.url:
        sheet.failures.append("staff sign-in: the demo authenticator code was refused")
        return
    state = page.context.storage_state()
    sheet.take(page, "staff", "console-counters", "choose a counter", "/antrian/loket/")
    counter = _ktp_counter(page)
    phone = sheet.context(PHONE, storage_state=state).new_page()
    sheet.take(phone, "staff", "console-counters", "choose a counter (phone)", "/antrian/loket/")
    phone.context.close()
    pages: list[tuple[str, str | None, str]] = [
        ("complaint-desk", "/staf/pengaduan/", "complaint desk: filters, LAPOR! exports"),
        ("complaint", None, "one complaint: deadline, actions"),
        ("inbox", "/petugas/permohonan/", "officer inbox: overdue and due-soon counts"),
        ("case", None, "one application: documents, status, actions"),
        ("outbox", "/staf/kotak-keluar/", "outbox: recipients masked"),
        ("survey-suggestions", "/staf/survei/saran/", "survey suggestions to moderate"),
        ("survey-follow-ups", "/staf/survei/tindak-lanjut/", "follow-up plans"),
        ("survey-follow-up", None, "one follow-up plan"),
        ("survey-invitation", "/staf/survei/undangan/", "hand a survey invitation"),
        ("rooms", "/ruang/staf/", "rooms and MSME booths desk"),
        ("profile", "/akun/profil/", "an officer's profile"),
        ("admin", "/admin/", "Django admin index in Indonesian"),
        ("admin-services", "/admin/catalog/service/", "admin: the services list"),
    ]
    found = {
        "complaint": ("/staf/pengaduan/?show=all", r"/staf/pengaduan/(?!lapor)[^/]+/"),
        "case": ("/petugas/permohonan/", r"/petugas/permohonan/[0-9a-f-]{36}/"),
        "survey-follow-up": ("/staf/survei/tindak-lanjut/", r"/staf/survei/tindak-lanjut/\d+/"),
    }
    for name, url, note in pages:
        target = url
        if target is None:
            listing, pattern = found[name]
            target = sheet.link(page, listing, pattern)
        if target is not None:
            sheet.take(page, "staff", name, note, target)
    page.context.close()
    if counter:
        console_states(sheet, counter)


def _ktp_counter(page: Any) -> str | None:
    """The console URL of the first Dispendukcapil counter (the kiosk's KTP tickets go there)."""
    row = page.locator("tbody tr", has_text="Dispendukcapil").first
    if row.count() == 0:
        return None
    return row.locator("a").first.get_attribute("href")


def officer_cookie(counter_number: int, server_now: float) -> dict[str, str] | None:
    """A session of the officer signed in at the counter, second factor passed, made in the
    demo database (the server's SQLITE_PATH or DATABASE_URL must be set for this script too):
    the demo's counter officers have no authenticator to type a code from."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mpp.settings")
    # Playwright's sync API keeps an event loop on this thread; these ORM calls are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from mpp.queueing.models import Counter

    counter = Counter.objects.select_related("officer").filter(number=counter_number).first()
    if counter is None or counter.officer is None:
        return None
    officer = counter.officer
    device = TOTPDevice.objects.filter(user=officer, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=officer, name="Demo", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(officer.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = officer.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    # Expiry by the server's clock, which may be set to opening hours (faketime).
    session.set_expiry(datetime.fromtimestamp(server_now, UTC) + timedelta(hours=1))
    session.create()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key or ""}


def console_states(sheet: Sheet, counter: str) -> None:
    """The console as its officer sees it: idle, a citizen called, serving; at 1280 and 360 px."""
    number = int(counter.rstrip("/").rsplit("/", 1)[-1])
    page = sheet.context(DESKTOP).new_page()
    try:
        cookie = officer_cookie(number, server_time(page))
    except Exception as exc:
        sheet.failures.append(f"console states need the demo database's settings: {exc}")
        return
    if cookie is None:
        sheet.failures.append(f"console: nobody is signed in at counter {number}")
        return
    cookies = [{**cookie, "url": sheet.base_url}]
    page.context.add_cookies(cookies)
    phone = sheet.context(PHONE).new_page()
    phone.context.add_cookies(cookies)

    def both(name: str, note: str) -> None:
        sheet.take(page, "staff", f"console-{name}", note, counter)
        sheet.take(phone, "staff", f"console-{name}", note, counter)

    # A citizen left at the counter by an earlier run: finish (or skip) them first.
    page.goto(counter)
    for action in ("finish", "skip"):
        button = page.locator(f"[data-testid=console-buttons] button[value={action}]")
        if button.count() and button.is_enabled():
            button.click()
            page.wait_for_load_state("networkidle")
            break
    both("idle", "nobody at the counter: only 'Panggil berikutnya' enabled and emphasised")
    for action, name, note in (
        ("call", "called", "called: 'Mulai layani' emphasised, 'Tidak hadir' enabled"),
        ("start", "serving", "serving: 'Selesai' emphasised"),
        ("finish", None, ""),
        ("call", None, ""),  # someone on the board's "now calling" for the board shot
    ):
        page.goto(counter)
        button = page.locator(f"[data-testid=console-buttons] button[value={action}]")
        if button.count() == 0 or button.is_disabled():
            sheet.failures.append(f"console: '{action}' not available")
            break
        button.click()
        page.wait_for_load_state("networkidle")
        if name:
            both(name, note)
    page.context.close()
    phone.context.close()


def hall_pages(sheet: Sheet) -> None:
    page = sheet.context(TV).new_page()
    sheet.take(
        page,
        "board",
        "queue",
        "the call, counter and location large; recent calls",
        "/antrian/papan/",
    )
    sheet.take(page, "board", "ikm", "the published IKM slide", "/survei/ikm/papan/")
    page.context.close()
    page = sheet.context(DESKTOP).new_page()
    sheet.take(page, "public", "ikm-poster", "the IKM poster (printable)", "/survei/ikm/poster/")
    page.context.close()


GROUPS = {
    "public": "Public pages (360 px phone, 1280 px laptop)",
    "citizen": "A signed-in citizen (360, 1280)",
    "kiosk": "Kiosk (1080×1920 portrait touch screen)",
    "board": "Hall TV (1920×1080)",
    "staff": "Staff pages (1280 px; the officer console also at 360 px)",
}


def write_index(sheet: Sheet, out: Path) -> None:
    total = sum(s.size for s in sheet.shots)
    lines = [
        "# Contact sheet",
        "",
        "Every public, kiosk, board and staff page at its real size, taken from the demo by",
        '`scripts/screenshots.py` (how to run it: docs/testing.md, "Contact sheet"). A shot',
        f"shows at most the first {sheet.screens} screens of a page; *height* is the whole page's",
        "height, *sideways* how far the page scrolls sideways (0 is right). Files are",
        "`<group>-<page>-<viewport width>.png`, stored as 256-colour PNGs",
        f"({len(sheet.shots)} files, {total / 1_048_576:.1f} MB).",
        "",
    ]
    for group, title in GROUPS.items():
        shots = [s for s in sheet.shots if s.group == group]
        if not shots:
            continue
        lines += [f"## {title}", "", "| file | page | height | sideways | what to look for |"]
        lines += ["|---|---|---|---|---|"]
        for s in shots:
            url = s.url.replace("|", "%7C")
            lines.append(
                f"| [{s.file}]({s.file}) | `{url}` | {s.height} px | {s.overflow} px | {s.note} |"
            )
        lines.append("")
    if sheet.failures:
        lines += ["## Not captured", ""] + [f"- {f}" for f in sheet.failures] + [""]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--screens", type=int, default=3, help="screens per shot at most")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["public", "kiosk", "staff", "hall"],
        default=["public", "kiosk", "staff", "hall"],
        help="take only these parts (the index then lists only them; implies --keep)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the PNGs already in --out (default: replace)"
    )
    args = parser.parse_args(argv)
    chromium = os.environ.get("MPP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    if not args.keep and len(args.only) == 4:
        for old in args.out.glob("*.png"):
            old.unlink()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        sheet = Sheet(browser, args.base_url, args.out, args.screens)
        # In this order: the kiosk takes the tickets the console calls and the board shows.
        for part, take in (
            ("public", public_pages),
            ("kiosk", kiosk_pages),
            ("staff", staff_pages),
            ("hall", hall_pages),
        ):
            if part in args.only:
                take(sheet)
        browser.close()
    write_index(sheet, args.out)
    print(f"{len(sheet.shots)} shots, {sum(s.size for s in sheet.shots) / 1_048_576:.1f} MB")
    for failure in sheet.failures:
        print(f"not captured: {failure}", file=sys.stderr)
    return 1 if sheet.failures else 0


if __name__ == "__main__":
    sys.exit(main())
