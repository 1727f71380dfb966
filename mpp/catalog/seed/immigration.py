# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Passports at the Kantor Imigrasi Madiun counter (FACTS §8.4).

Fees from PP 45/2024 (in force about 17–18 December 2024): non-electronic 5 years Rp350.000,
10 years Rp650.000; electronic 5 years Rp650.000, 10 years Rp950.000; same-day acceleration
+Rp1.000.000; replacement of a lost passport +Rp1.000.000, damaged +Rp500.000 per book.
Regular processing 3 working days.
"""

from __future__ import annotations

from functools import partial

from mpp.catalog.enums import AgencyLevel, Channel, ServiceCategory
from mpp.catalog.seed.common import (
    KK_ORI,
    KTP_ORI,
    LAPORAN_HILANG,
    ORI,
    ORI_FC,
    STEP_CHECK,
    WD,
    AgencySeed,
    complaints,
    counter,
    fee_range,
    fixed,
    make,
    r,
    src,
    step_queue,
    steps,
    takes,
)

PASSPORT_FEES = "PP 45/2024 (tarif PNBP keimigrasian)"
_FEE_TABLE = (
    "Paspor non-elektronik: Rp350.000 (masa berlaku 5 tahun) atau Rp650.000 (10 tahun). "
    "Paspor elektronik: Rp650.000 (5 tahun) atau Rp950.000 (10 tahun)."
)
_SOURCES = (
    "anbaliads.com 2024/10/28",
    "kaltengtoday.com ?p=144885",
    "blogid.via.com ?p=10960",
    "kompas.tv 479467 (3 hari kerja)",
    "jatim.tribunnews.com 2025/06/18 (Kantor Imigrasi Kelas II Non TPI Madiun)",
)

_imigrasi = partial(
    make,
    {
        "category": ServiceCategory.IMMIGRATION,
        "channel": Channel.BOTH,
        "counter_info": counter("A05", "Imigrasi Madiun"),
        "legal_basis": f"UU 6/2011 tentang Keimigrasian; {PASSPORT_FEES}",
        **takes(3, WD, note="Dihitung sejak wawancara dan pembayaran selesai."),
        **complaints(
            "Sampaikan kepada petugas gerai Imigrasi atau lewat kanal pengaduan Direktorat Jenderal Imigrasi (www.imigrasi.go.id).",
            "Tell the officer at the immigration booth or use the Directorate General of Immigration's complaint channels (www.imigrasi.go.id).",
        ),
    },
)

_A4 = "Fotokopi di kertas A4."
_DOCS = [
    r("KTP-el", form=ORI_FC, note=_A4),
    r("Kartu Keluarga (KK)", form=ORI_FC, note=_A4),
    r("Akta kelahiran, ijazah, buku nikah, atau surat baptis (salah satu)", form=ORI_FC, note=_A4),
]
_STEP_MPASPOR = (
    "Daftar dan pilih jadwal kedatangan di aplikasi M-Paspor (unit layanan di MPP Ngawi), lalu bayar kode tagihan PNBP.",
    "Register in the M-Paspor app, pick an appointment at the MPP Ngawi service unit, then pay the PNBP bill code.",
)
_STEP_INTERVIEW = (
    "Pengambilan foto, sidik jari, dan wawancara.",
    "Photo, fingerprints and interview.",
)
_STEP_COLLECT = (
    "Ambil paspor pada tanggal yang tertera di tanda terima.",
    "Collect the passport on the date shown on the receipt.",
)
_PASSPORT = "Paspor biasa non-elektronik 48 halaman"
_PASSPORT_EN = "Ordinary 48-page non-electronic passport"

IMIGRASI = AgencySeed(
    slug="imigrasi-madiun",
    name="Kantor Imigrasi Kelas II Non TPI Madiun",
    name_en="Madiun Immigration Office (Class II)",
    short_name="Imigrasi Madiun",
    level=AgencyLevel.CENTRAL,
    booth="A05",
    website="https://www.imigrasi.go.id",
    description=(
        "Unit layanan paspor Kantor Imigrasi Madiun (Direktorat Jenderal Imigrasi) di MPP Ngawi. Pendaftaran antrean lewat aplikasi M-Paspor."
    ),
    description_en=(
        "Passport service unit of the Madiun Immigration Office (Directorate General of Immigration) at MPP Ngawi. Book a slot in the M-Paspor app."
    ),
    services=(
        _imigrasi(
            slug="paspor-baru",
            name="Paspor Baru (Non-Elektronik)",
            name_en="New passport (non-electronic)",
            summary="Penerbitan paspor biasa pertama kali bagi WNI, untuk wisata, umrah, kerja, atau keperluan lain.",
            summary_en="First ordinary passport for Indonesian citizens, for travel, umrah, work or other purposes.",
            keywords="paspor, paspor baru, bikin paspor, buat paspor, passport, paspor biasa, paspor umroh",
            requirements=list(_DOCS),
            steps=steps(
                _STEP_MPASPOR, step_queue("Imigrasi"), STEP_CHECK, _STEP_INTERVIEW, _STEP_COLLECT
            ),
            **fee_range(350_000, 650_000, PASSPORT_FEES, note=_FEE_TABLE),
            product=_PASSPORT,
            product_en=_PASSPORT_EN,
            **src(*_SOURCES, "pontianak.tribunnews.com 2017/02/18 (dokumen)"),
        ),
        _imigrasi(
            slug="paspor-elektronik-baru",
            name="Paspor Elektronik Baru",
            name_en="New electronic passport (e-passport)",
            summary="Penerbitan paspor elektronik (dengan cip) bagi WNI.",
            summary_en="Issue of an electronic passport (with a chip) for Indonesian citizens.",
            keywords="paspor elektronik, e-paspor, e paspor, epaspor, paspor chip",
            requirements=list(_DOCS),
            steps=steps(
                _STEP_MPASPOR, step_queue("Imigrasi"), STEP_CHECK, _STEP_INTERVIEW, _STEP_COLLECT
            ),
            **fee_range(650_000, 950_000, PASSPORT_FEES, note=_FEE_TABLE),
            product="Paspor elektronik",
            product_en="Electronic passport",
            **src(
                *_SOURCES,
                confirm="ketersediaan paspor elektronik di gerai MPP Ngawi (kuota paspor elektronik biasanya terbatas)",
            ),
        ),
        _imigrasi(
            slug="paspor-perpanjangan",
            name="Penggantian Paspor Habis Berlaku atau Halaman Penuh",
            name_en="Passport renewal (expired or full)",
            summary="Penggantian paspor yang habis masa berlakunya, akan habis, atau halamannya penuh.",
            summary_en="Replacement of a passport that has expired, is about to expire or has no free pages.",
            keywords="perpanjang paspor, perpanjangan paspor, paspor habis, paspor mati, paspor expired, paspor penuh",
            requirements=[
                r("Paspor lama", form=ORI),
                r("KTP-el", form=ORI_FC, note=_A4),
                r(
                    "Dokumen pendukung bila ada perubahan data (KK, akta, buku nikah)",
                    "Supporting documents if any data changed (family card, certificates, marriage book)",
                    optional=True,
                ),
            ],
            steps=steps(
                _STEP_MPASPOR, step_queue("Imigrasi"), STEP_CHECK, _STEP_INTERVIEW, _STEP_COLLECT
            ),
            **fee_range(
                350_000, 950_000, PASSPORT_FEES, note=f"{_FEE_TABLE} Tarif sama dengan paspor baru."
            ),
            product="Paspor baru pengganti",
            product_en="New replacement passport",
            **src(*_SOURCES, "narasibaru.com pr-40584 (paspor lama disertakan)"),
        ),
        _imigrasi(
            slug="paspor-hilang",
            name="Penggantian Paspor Hilang",
            name_en="Replacement of a lost passport",
            summary="Penerbitan paspor pengganti karena hilang, setelah pemeriksaan (berita acara) oleh petugas imigrasi.",
            summary_en="Replacement passport for one that was lost, after an examination (official report) by immigration officers.",
            keywords="paspor hilang, paspor ilang, kehilangan paspor, ganti paspor hilang",
            requirements=[
                LAPORAN_HILANG,
                KTP_ORI,
                KK_ORI,
                r("Akta kelahiran, ijazah, buku nikah, atau surat baptis (salah satu)", form=ORI),
            ],
            steps=steps(
                _STEP_MPASPOR,
                step_queue("Imigrasi"),
                STEP_CHECK,
                (
                    "Pemeriksaan dan pembuatan berita acara (BAP) kehilangan.",
                    "Examination and official report (BAP) of the loss.",
                ),
                (
                    "Bayar biaya beban penggantian bila permohonan disetujui.",
                    "Pay the replacement charge if the application is approved.",
                ),
                _STEP_INTERVIEW,
                _STEP_COLLECT,
            ),
            **takes(
                3,
                WD,
                note="Setelah BAP selesai; penerbitan dapat ditunda bila ada indikasi pelanggaran.",
            ),
            **fee_range(
                1_350_000,
                1_950_000,
                PASSPORT_FEES,
                note=f"Biaya beban penggantian paspor hilang Rp1.000.000 ditambah tarif paspor. {_FEE_TABLE}",
            ),
            product=_PASSPORT,
            product_en=_PASSPORT_EN,
            **src(
                *_SOURCES,
                "jatimnow.com 70882 (BAP paspor hilang/rusak di kantor imigrasi, MPP Trenggalek)",
                confirm="apakah BAP dapat dilakukan di MPP Ngawi atau harus di Kantor Imigrasi Madiun",
            ),
        ),
        _imigrasi(
            slug="paspor-rusak",
            name="Penggantian Paspor Rusak",
            name_en="Replacement of a damaged passport",
            summary="Penerbitan paspor pengganti karena rusak, setelah pemeriksaan oleh petugas imigrasi.",
            summary_en="Replacement passport for a damaged one, after an examination by immigration officers.",
            keywords="paspor rusak, paspor sobek, paspor basah, ganti paspor rusak",
            requirements=[
                r("Paspor yang rusak", "The damaged passport", form=ORI),
                KTP_ORI,
                KK_ORI,
            ],
            steps=steps(
                _STEP_MPASPOR,
                step_queue("Imigrasi"),
                STEP_CHECK,
                (
                    "Pemeriksaan dan pembuatan berita acara (BAP) kerusakan.",
                    "Examination and official report (BAP) of the damage.",
                ),
                _STEP_INTERVIEW,
                _STEP_COLLECT,
            ),
            **fee_range(
                850_000,
                1_450_000,
                PASSPORT_FEES,
                note=f"Biaya beban penggantian paspor rusak Rp500.000 ditambah tarif paspor. {_FEE_TABLE}",
            ),
            product=_PASSPORT,
            product_en=_PASSPORT_EN,
            **src(
                *_SOURCES,
                "jatimnow.com 70882",
                confirm="apakah BAP dapat dilakukan di MPP Ngawi atau harus di Kantor Imigrasi Madiun",
            ),
        ),
        _imigrasi(
            slug="paspor-percepatan",
            name="Layanan Percepatan Paspor (Selesai di Hari yang Sama)",
            name_en="Same-day passport service",
            summary="Layanan tambahan agar paspor selesai di hari yang sama, untuk paspor biasa maupun elektronik.",
            summary_en="Add-on service so the passport is ready the same day, for ordinary or electronic passports.",
            keywords="paspor kilat, paspor cepat, percepatan paspor, paspor sehari jadi, paspor 1 hari",
            requirements=[
                *_DOCS,
                r(
                    "Alasan mendesak (misalnya jadwal keberangkatan)",
                    "Reason for urgency (e.g. travel date)",
                    optional=True,
                ),
            ],
            steps=steps(
                _STEP_MPASPOR,
                step_queue("Imigrasi"),
                STEP_CHECK,
                _STEP_INTERVIEW,
                (
                    "Bayar biaya percepatan; paspor diserahkan di hari yang sama.",
                    "Pay the acceleration fee; the passport is handed over the same day.",
                ),
            ),
            **takes(1, WD, note="Selesai di hari yang sama."),
            **fixed(
                1_000_000, PASSPORT_FEES, note=f"Rp1.000.000 di luar tarif paspor. {_FEE_TABLE}"
            ),
            product="Paspor yang selesai di hari yang sama",
            product_en="Passport ready the same day",
            **src(
                *_SOURCES,
                "narasibaru.com pr-40584",
                confirm="tersedianya layanan percepatan di gerai MPP Ngawi",
            ),
        ),
    ),
)

AGENCIES = [IMIGRASI]
