"""Downloads: the SKM report as a spreadsheet (as agencies publish it: recap per element and
the respondents' tabulation) and the SP4N-LAPOR! export of complaints (CSV and XLSX).

SP4N-LAPOR! field mapping (docs/adr/0008-feedback.md). LAPOR!'s bulk-import and integration
field names are not public; the column names below follow the fields of LAPOR!'s public
report form ("Klasifikasi Laporan", "Judul", "Isi Laporan", "Lokasi Kejadian", "Instansi
Tujuan", "Kategori", "Anonim", "Rahasia", "Lampiran"), and the ones marked `uncertain` in
`LAPOR_COLUMNS` have no public counterpart: confirm them with the LAPOR! administrator of
the regency before the first upload.

Cells that start with = + - @ are prefixed with an apostrophe, so that a complaint text can
never run as a spreadsheet formula (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from mpp.feedback import skm
from mpp.feedback.enums import (
    ComplaintCategory,
    ComplaintKind,
    ComplaintStatus,
    ComplaintSubject,
    ModerationStatus,
)
from mpp.feedback.models import Complaint, SurveyResponse
from mpp.feedback.queries import IkmRow, SkmReport

#: (column, certain?) — the order of the export.
LAPOR_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("nomor_laporan_mpp", False),
    ("klasifikasi", True),
    ("judul", True),
    ("subjek", False),
    ("isi_laporan", True),
    ("tanggal_laporan", False),
    ("lokasi_kejadian", True),
    ("instansi_tujuan", True),
    ("kategori", True),
    ("anonim", True),
    ("rahasia", True),
    ("nama_pelapor", False),
    ("telepon_pelapor", False),
    ("email_pelapor", False),
    ("kanal", False),
    ("status", False),
    ("batas_waktu", False),
    ("tindak_lanjut", False),
    ("tanggal_tindak_lanjut", False),
    ("lampiran", True),
)

_KIND = {
    ComplaintKind.COMPLAINT: "Pengaduan",
    ComplaintKind.ASPIRATION: "Aspirasi",
    ComplaintKind.INFORMATION: "Permintaan Informasi",
    # Protected reports are not exported (ADR 0019: the oversight unit handles them); the
    # entries keep the mapping total.
    ComplaintKind.PUNGLI: "Pengaduan",
    ComplaintKind.GRATIFICATION: "Pengaduan",
    ComplaintKind.WHISTLEBLOWING: "Pengaduan",
}
# LAPOR! shows these statuses on its site; the mapping of ours onto them is ours (uncertain).
_STATUS = {
    ComplaintStatus.RECEIVED: "Belum Terverifikasi",
    ComplaintStatus.DISPOSITIONED: "Belum Ditindaklanjuti",
    ComplaintStatus.ANSWERED: "Proses",
    ComplaintStatus.CLOSED: "Selesai",
    ComplaintStatus.AUTO_CLOSED: "Selesai",
    ComplaintStatus.REJECTED: "Arsip",
}
# The resolution category (docs/domain-facts.md §5) is LAPOR!'s "Kategori"; what the
# complaint is about (service, agency, officer, facility) is the "subjek" column.
_CATEGORY = {
    ComplaintCategory.LIGHT: "Ringan",
    ComplaintCategory.NORMATIVE: "Normatif",
    ComplaintCategory.NON_SUPERVISORY: "Tidak Berkadar Pengawasan",
    ComplaintCategory.SUPERVISORY: "Berkadar Pengawasan",
}
_SUBJECT = {
    ComplaintSubject.SERVICE: "Layanan",
    ComplaintSubject.AGENCY: "Instansi",
    ComplaintSubject.OFFICER: "Petugas",
    ComplaintSubject.FACILITY: "Fasilitas",
}


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def _local(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def lapor_row(complaint: Complaint) -> list[Any]:
    mall = complaint.mall
    place = ", ".join(p for p in (complaint.location, mall.name, mall.regency) if p)
    subject = _SUBJECT.get(complaint.subject, "")  # type: ignore[call-overload]
    if complaint.service is not None:
        subject = f"{subject}: {complaint.service.name}"
    elif complaint.facility:
        subject = f"{subject}: {complaint.facility}"
    category = _CATEGORY.get(complaint.category, "")  # type: ignore[call-overload]
    anonymous = complaint.is_anonymous
    return [
        complaint.code,
        _KIND.get(complaint.kind, "Pengaduan"),  # type: ignore[call-overload]
        complaint.title,
        subject,
        complaint.description,
        _local(complaint.received_at),
        place,
        complaint.agency.name if complaint.agency else mall.name,
        category,
        "Ya" if anonymous else "Tidak",
        # "Rahasia" is the reporter's choice that the report stay confidential, not whether
        # the mall happened to publish it.
        "Ya" if complaint.is_confidential else "Tidak",
        "" if anonymous else complaint.reporter_name,
        "" if anonymous else complaint.reporter_phone,
        "" if anonymous else complaint.reporter_email,
        complaint.get_channel_display(),
        _STATUS.get(complaint.status, ""),  # type: ignore[call-overload]
        complaint.current_due.isoformat() if complaint.current_due else "",
        complaint.answer,
        _local(complaint.answered_at),
        "ada" if complaint.photo or complaint.media_url else "tidak",
    ]


def lapor_csv(complaints: Iterable[Complaint]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, _certain in LAPOR_COLUMNS])
    for complaint in complaints:
        writer.writerow([safe_cell(v) for v in lapor_row(complaint)])
    # BOM: Excel in Indonesia opens UTF-8 CSV correctly only with it.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def lapor_xlsx(complaints: Iterable[Complaint]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "LAPOR"
    sheet.append([name for name, _certain in LAPOR_COLUMNS])
    for complaint in complaints:
        sheet.append([safe_cell(v) for v in lapor_row(complaint)])
    notes = book.create_sheet("Catatan")
    notes.append(["kolom", "kepastian"])
    for name, certain in LAPOR_COLUMNS:
        notes.append([name, "formulir LAPOR!" if certain else "belum pasti (uncertain)"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def skm_xlsx(
    report: SkmReport,
    responses: Iterable[SurveyResponse],
    *,
    by_service: Iterable[IkmRow] = (),
) -> bytes:
    """The SKM report's annex: the recap (sheet IKM), the raw tallies — how many respondents
    gave each score to each element (sheet Tabulasi) —, the IKM per service, and every
    respondent's answers without names (sheet Respondents)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    result = report.result
    book = Workbook()
    sheet = book.active
    sheet.title = "IKM"
    scope = (
        report.service.name
        if report.service
        else (report.agency.name if report.agency else report.mall.name)
    )
    rows: list[list[Any]] = [
        [_("Community satisfaction survey (SKM) — PermenPAN-RB 14/2017")],
        [_("Unit"), scope],
        [_("Period"), f"{report.start:%Y-%m-%d} – {report.end:%Y-%m-%d}"],
        [_("Respondents"), report.respondents],
        [_("Population (people served)"), report.population],
        [_("Minimum sample (Krejcie–Morgan)"), report.minimum_sample],
        [_("Weight per element"), report.weight_display],
        [],
        [
            _("Code"),
            _("Element"),
            _("Sum of answers"),
            _("Respondents who answered"),
            "NRR",
            _("Weighted NRR"),
        ],
    ]
    for row in rows:
        sheet.append(row)
    sheet["A1"].font = bold
    for cell in sheet[9]:
        cell.font = bold
    for score in result.scores:
        sheet.append(
            [
                score.code,
                str(score.unsur.name),
                score.total,
                score.answered,
                float(score.nrr_display) if score.nrr_display is not None else None,
                float(w) if (w := score.weighted(result.weight)) is not None else None,
            ]
        )
    sheet.append([])
    grade = result.grade
    sheet.append([_("Weighted average (X)"), float(result.x) if result.x is not None else None])
    sheet.append([_("IKM (X × 25)"), float(result.ikm) if result.ikm is not None else None])
    sheet.append([_("Grade"), f"{grade.letter} ({grade.label})" if grade else "—"])
    sheet.column_dimensions["B"].width = 48

    tally = book.create_sheet(_("Tallies"))
    tally.append(
        [
            _("Code"),
            _("Element"),
            *[_("Score %(n)s") % {"n": score} for score in skm.SCORES],
            _("Respondents who answered"),
            _("Sum of answers"),
            "NRR",
        ]
    )
    for cell in tally[1]:
        cell.font = bold
    for score in result.scores:
        counts = report.tallies.get(score.code, (0, 0, 0, 0))
        tally.append(
            [
                score.code,
                str(score.unsur.name),
                *counts,
                score.answered,
                score.total,
                float(score.nrr_display) if score.nrr_display is not None else None,
            ]
        )
    tally.column_dimensions["B"].width = 48

    units = book.create_sheet(_("Per service"))
    units.append([_("Service"), _("Respondents"), "IKM", _("Grade"), *skm.CODES])
    for cell in units[1]:
        cell.font = bold
    for unit in by_service:
        unit_grade = unit.result.grade
        units.append(
            [
                unit.name,
                unit.result.respondents,
                float(unit.result.ikm) if unit.result.ikm is not None else None,
                unit_grade.letter if unit_grade else "—",
                *[
                    float(s.nrr_display) if s.nrr_display is not None else None
                    for s in unit.result.scores
                ],
            ]
        )
    units.column_dimensions["A"].width = 40

    data = book.create_sheet(_("Respondents"))
    data.append(
        [
            "No",
            _("Date"),
            _("Time"),
            _("Sex"),
            _("Age"),
            _("Education"),
            _("Occupation"),
            *skm.CODES,
            _("Suggestion"),
        ]
    )
    for number, response in enumerate(responses, start=1):
        data.append(
            [
                number,
                response.survey_date,
                response.get_session_display(),
                response.gender,
                response.age,
                response.education,
                response.occupation,
                *[getattr(response, u.field) for u in skm.UNSUR],
                # The spreadsheet is public: unmoderated text stays out.
                safe_cell(response.suggestion)
                if response.suggestion_status == ModerationStatus.APPROVED
                else "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
