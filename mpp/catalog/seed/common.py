"""Building blocks shared by the seed modules.

The data modules stay plain data: each service is one `ServiceData` built with the small
helpers here, so the same requirement line reads (and translates) the same everywhere and the
shared texts (complaint channels, fee rules) live in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from mpp.catalog.domain import RequirementData, ServiceData, StepData
from mpp.catalog.enums import DocumentForm, FeeKind, TimeUnit
from mpp.catalog.seed.mall import booth_floor

# The day these entries were last compared with their public sources (desk check, not a
# confirmation by the agency: that is what `needs_confirmation` is for).
VERIFIED_ON = date(2026, 11, 27)

# Document forms, short because they appear on almost every requirement line.
ORI = DocumentForm.ORIGINAL
FC = DocumentForm.COPY
ORI_FC = DocumentForm.ORIGINAL_AND_COPY
SHOW = DocumentForm.SHOW_ORIGINAL
NA = DocumentForm.NOT_A_DOCUMENT

# Time units.
MIN = TimeUnit.MINUTES
HOUR = TimeUnit.HOURS
DAY = TimeUnit.DAYS
WD = TimeUnit.WORKING_DAYS

# Phrase book for requirement lines that recur across agencies, so their English is
# consistent. Lines used once pass their English explicitly.
PHRASES: dict[str, str] = {
    "KTP-el": "Electronic ID card (KTP-el)",
    "KTP-el pemohon": "Applicant's electronic ID card (KTP-el)",
    "Kartu Keluarga (KK)": "Family card (KK)",
    "KTP-el kedua orang tua": "Both parents' electronic ID cards",
    "Akta kelahiran": "Birth certificate",
    "Buku nikah atau akta perkawinan": "Marriage book or marriage certificate",
    "Akta kelahiran, ijazah, buku nikah, atau surat baptis (salah satu)": (
        "Birth certificate, school certificate, marriage book or baptism letter (one of them)"
    ),
    "Surat pengantar RT/RW dan desa/kelurahan": (
        "Cover letter from the RT/RW and the village or urban-village office"
    ),
    "Surat keterangan kehilangan dari kepolisian": "Loss report from the police",
    "Formulir permohonan yang telah diisi": "Completed application form",
    "Formulir biodata keluarga (F-1.01)": "Family biodata form (F-1.01)",
    "Formulir pelaporan pencatatan sipil (F-2.01)": "Civil registration report form (F-2.01)",
    "Surat pernyataan tanggung jawab mutlak (SPTJM)": (
        "Statement of absolute responsibility (SPTJM)"
    ),
    "Surat kuasa bermeterai (jika dikuasakan)": "Stamped power of attorney (if represented)",
    "KTP-el penerima kuasa (jika dikuasakan)": (
        "Representative's electronic ID card (if represented)"
    ),
    "Nomor ponsel dan alamat e-mail aktif": "Active mobile number and e-mail address",
    "Pas foto berwarna 4×6 cm": "Colour passport photo 4×6 cm",
    "Pas foto berwarna 3×4 cm": "Colour passport photo 3×4 cm",
    "Nomor Induk Berusaha (NIB)": "Business identification number (NIB)",
    "Akta pendirian badan usaha dan SK pengesahan": (
        "Deed of establishment of the business entity and its approval decree"
    ),
    "NPWP badan usaha": "Tax number (NPWP) of the business entity",
    "Sertifikat hak atas tanah asli": "Original land title certificate",
    "SPPT PBB tahun berjalan": "Current-year land and building tax notice (SPPT PBB)",
    "Bukti lunas PBB tahun berjalan": "Proof of payment of this year's land and building tax",
    "STNK asli": "Original vehicle registration certificate (STNK)",
    "BPKB asli": "Original vehicle ownership book (BPKB)",
    "Hasil cek fisik kendaraan": "Vehicle physical check result",
    "Paspor lama": "Old passport",
    "Kartu BPJS Kesehatan/KIS aktif": "Active BPJS Kesehatan / KIS health insurance card",
    "Surat keterangan sehat dari dokter": "Health certificate from a doctor",
    "Surat Tanda Registrasi (STR) yang masih berlaku": "Valid registration certificate (STR)",
    "Surat keterangan tempat praktik dari pimpinan fasilitas pelayanan kesehatan": (
        "Letter from the head of the health facility confirming the place of practice"
    ),
    "Ijazah terakhir": "Latest school or university certificate",
    "Surat keterangan domisili usaha atau bukti penguasaan tempat usaha": (
        "Proof of business domicile or of the right to use the business premises"
    ),
    "Kartu peserta/nomor kepesertaan": "Membership card or membership number",
    "Buku tabungan atas nama peserta": "Savings book in the member's name",
    "Dokumen asli untuk dicocokkan": "Original documents for verification",
    "Bukti pembayaran": "Proof of payment",
    "Putusan atau penetapan pengadilan": "Court decision or court order",
    "Surat gugatan atau permohonan": "Statement of claim or petition",
    "Kartu anggota/rekening lama (jika ada)": "Old membership card or account (if any)",
}


def r(
    text: str,
    en: str | None = None,
    *,
    form: str = FC,
    qty: int = 1,
    optional: bool = False,
    note: str = "",
) -> RequirementData:
    """One requirement line; English comes from the phrase book unless given."""
    if en is None:
        try:
            en = PHRASES[text]
        except KeyError:
            raise KeyError(f"No English for requirement {text!r}: pass en=…") from None
    return RequirementData(
        text=text, text_en=en, is_mandatory=not optional, form=form, quantity=qty, note=note
    )


# Requirement lines that many services share.
KTP_FC = r("KTP-el")
KTP_ORI = r("KTP-el", form=ORI)
KTP_SHOW = r("KTP-el", form=SHOW)
KTP_ORI_FC = r("KTP-el", form=ORI_FC)
KK_FC = r("Kartu Keluarga (KK)")
KK_ORI = r("Kartu Keluarga (KK)", form=ORI)
KK_SHOW = r("Kartu Keluarga (KK)", form=SHOW)
KK_ORI_FC = r("Kartu Keluarga (KK)", form=ORI_FC)
KTP_ORANG_TUA = r("KTP-el kedua orang tua")
AKTA_LAHIR_FC = r("Akta kelahiran")
NIKAH_FC = r("Buku nikah atau akta perkawinan")
PENGANTAR_DESA = r("Surat pengantar RT/RW dan desa/kelurahan", form=ORI)
LAPORAN_HILANG = r("Surat keterangan kehilangan dari kepolisian", form=ORI)
FORMULIR = r("Formulir permohonan yang telah diisi", form=ORI)
KUASA = r("Surat kuasa bermeterai (jika dikuasakan)", form=ORI, optional=True)
KTP_KUASA = r("KTP-el penerima kuasa (jika dikuasakan)", optional=True)
KONTAK = r("Nomor ponsel dan alamat e-mail aktif", form=NA)
NIB = r("Nomor Induk Berusaha (NIB)")
STR = r("Surat Tanda Registrasi (STR) yang masih berlaku")
TEMPAT_PRAKTIK = r(
    "Surat keterangan tempat praktik dari pimpinan fasilitas pelayanan kesehatan", form=ORI
)
FOTO_4X6 = r("Pas foto berwarna 4×6 cm", form=ORI, qty=2)
FOTO_3X4 = r("Pas foto berwarna 3×4 cm", form=ORI, qty=2)
SERTIPIKAT_ORI = r("Sertifikat hak atas tanah asli", form=ORI)
SPPT_FC = r("SPPT PBB tahun berjalan")
STNK_ORI = r("STNK asli", form=ORI)
BPKB_ORI = r("BPKB asli", form=ORI)
CEK_FISIK = r("Hasil cek fisik kendaraan", form=ORI)
BPJS_AKTIF = r("Kartu BPJS Kesehatan/KIS aktif", form=SHOW)
BUKTI_BAYAR = r("Bukti pembayaran", form=ORI)
PBB_LUNAS = r("Bukti lunas PBB tahun berjalan", form=ORI)


def steps(*pairs: tuple[str, str]) -> list[StepData]:
    """Procedure steps from (Indonesian, English) pairs, in order."""
    return [StepData(text=text, text_en=en) for text, en in pairs]


def step_queue(where: str) -> tuple[str, str]:
    """The usual first step in the building: a queue ticket for one booth."""
    return (
        f"Ambil nomor antrean di anjungan MPP (atau pesan antrean daring), lalu tunggu "
        f"panggilan ke gerai {where}.",
        f"Take a queue number at the MPP kiosk (or book online) and wait to be called to "
        f"the {where} booth.",
    )


STEP_CHECK = (
    "Petugas memeriksa kelengkapan dan keabsahan berkas; berkas yang kurang dikembalikan "
    "dengan penjelasan.",
    "The officer checks that the documents are complete and valid; incomplete files are "
    "returned with an explanation.",
)
STEP_PICKUP = (
    "Ambil hasil layanan di gerai dengan menunjukkan tanda terima.",
    "Collect the result at the booth by showing the receipt.",
)


def takes(value: int, unit: str, upto: int | None = None, note: str = "") -> dict[str, Any]:
    """Turnaround (jangka waktu): a number, optionally an upper bound, and a unit."""
    return {
        "turnaround_value": value,
        "turnaround_max": upto,
        "turnaround_unit": unit,
        "turnaround_note": note,
    }


def free(note: str = "", basis: str = "") -> dict[str, Any]:
    return {
        "fee_kind": FeeKind.FREE,
        "fee_amount": 0,
        "fee_note": note,
        "fee_legal_basis": basis,
    }


def fixed(amount: int, basis: str, note: str = "") -> dict[str, Any]:
    return {
        "fee_kind": FeeKind.FIXED,
        "fee_amount": amount,
        "fee_note": note,
        "fee_legal_basis": basis,
    }


def fee_range(low: int, high: int, basis: str, note: str) -> dict[str, Any]:
    return {
        "fee_kind": FeeKind.RANGE,
        "fee_amount": low,
        "fee_max": high,
        "fee_note": note,
        "fee_legal_basis": basis,
    }


def per_unit(amount: int, unit: str, basis: str, note: str = "") -> dict[str, Any]:
    return {
        "fee_kind": FeeKind.PER_UNIT,
        "fee_amount": amount,
        "fee_unit": unit,
        "fee_note": note,
        "fee_legal_basis": basis,
    }


def variable(note: str, basis: str) -> dict[str, Any]:
    """A fee set by a formula or by a rule we could not confirm; the note explains it."""
    return {
        "fee_kind": FeeKind.VARIABLE,
        "fee_amount": 0,
        "fee_note": note,
        "fee_legal_basis": basis,
    }


NO_FEE = free(note="Tidak dipungut biaya.")

# Turnaround notes for services given on the spot, whose duration is our estimate.
ESTIMATE = "Perkiraan."
ON_THE_SPOT = "Perkiraan; dilayani langsung."

# Fee text for regional levies whose Ngawi amounts are not public.
PERDA_NGAWI = "Perda Kabupaten Ngawi tentang Pajak Daerah dan Retribusi Daerah (UU 1/2022)"


def src(*sources: str, confirm: str = "") -> dict[str, Any]:
    """Provenance: the sources, and what is still to be confirmed (which flags the entry)."""
    text = "; ".join(sources)
    if confirm:
        text += f" — [perlu konfirmasi] {confirm}"
    return {"source": text, "needs_confirmation": bool(confirm)}


# Complaint handling: the agency's own channel first, then the channels every MPP tenant shares.
_SHARED_COMPLAINTS = (
    "Pengaduan juga dapat disampaikan ke meja informasi dan pengaduan MPP Kabupaten Ngawi, "
    "melalui kotak saran, atau melalui SP4N-LAPOR! (www.lapor.go.id, SMS 1708). Setiap "
    "pengaduan dicatat, diverifikasi, dan ditindaklanjuti; perkembangannya disampaikan "
    "kepada pelapor."
)
_SHARED_COMPLAINTS_EN = (
    "Complaints can also be made at the MPP Ngawi information and complaints desk, through "
    "the suggestion box, or through SP4N-LAPOR! (www.lapor.go.id, SMS 1708). Every complaint "
    "is recorded, verified and followed up, and the complainant is told how it progresses."
)


def complaints(own: str, own_en: str) -> dict[str, str]:
    return {
        "complaint_handling": f"{own} {_SHARED_COMPLAINTS}",
        "complaint_handling_en": f"{own_en} {_SHARED_COMPLAINTS_EN}",
    }


def counter(booth: str, name: str) -> str:
    return f"Gerai {name}, {booth} (lantai {booth_floor(booth)})"


def make(defaults: Mapping[str, Any], **fields: Any) -> ServiceData:
    """A service from an agency's defaults and its own fields (its own fields win)."""
    data = {"last_verified": VERIFIED_ON, **defaults, **fields}
    return ServiceData(**data)


@dataclass(frozen=True)
class AgencySeed:
    """One provider with its booth and services, as plain data."""

    slug: str
    name: str
    name_en: str
    short_name: str
    level: str
    booth: str
    description: str
    description_en: str
    services: tuple[ServiceData, ...]
    phone: str = ""
    email: str = ""
    website: str = ""

    def agency_fields(self, position: int) -> dict[str, Any]:
        return {
            "name": self.name,
            "name_en": self.name_en,
            "short_name": self.short_name,
            "level": self.level,
            "description": self.description,
            "description_en": self.description_en,
            "phone": self.phone,
            "email": self.email,
            "website": self.website,
            "position": position,
        }

    def numbered_services(self) -> list[ServiceData]:
        """The services with positions 10, 20, … in the order they are listed."""
        return [replace(s, position=(i + 1) * 10) for i, s in enumerate(self.services)]
