# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Land: Kantor Pertanahan Kabupaten Ngawi (Kementerian ATR/BPN).

Fees are PNBP under PP 128/2015 (FACTS §8.6): replacement certificate blank Rp50.000 per plot;
oath and announcement for a lost certificate Rp200.000; coordinate and land-value information
Rp50.000 per plot; survey fee Tu = (L/500 × HSBKu) + Rp80.000 for plots up to 10 ha. Simplified
tables on blogs disagree, and the amounts for transfers, mortgages (hak tanggungan), roya and
certificate checks below come from the PP's schedule as commonly quoted, not from FACTS: they
are marked for confirmation. Turnaround times are from the land-service standard (Perkaban
1/2010) as commonly quoted and are also to be confirmed.
"""

from __future__ import annotations

from functools import partial

from mpp.catalog.enums import AgencyLevel, Channel, ServiceCategory
from mpp.catalog.seed.common import (
    FORMULIR,
    KK_FC,
    KTP_FC,
    KUASA,
    LAPORAN_HILANG,
    ORI,
    PBB_LUNAS,
    SERTIPIKAT_ORI,
    SPPT_FC,
    STEP_CHECK,
    STEP_PICKUP,
    WD,
    AgencySeed,
    complaints,
    counter,
    make,
    per_unit,
    r,
    src,
    step_queue,
    steps,
    takes,
    variable,
)

PNBP_ATR = "PP 128/2015 tentang Jenis dan Tarif PNBP yang Berlaku pada Badan Pertanahan Nasional"
_SOURCES = ("text-id.123dok.com 4zp7ll6vz (PP 128/2015)", "economy.okezone.com 2024/01/21")
_SLA_CONFIRM = (
    "jangka waktu menurut standar pelayanan pertanahan (Perkaban 1/2010) belum dicek ke naskahnya"
)

_atr = partial(
    make,
    {
        "category": ServiceCategory.LAND,
        "channel": Channel.COUNTER,
        "counter_info": counter("A09", "Kantor Pertanahan"),
        "legal_basis": f"UU 5/1960 (UUPA); PP 24/1997 tentang Pendaftaran Tanah; PP 18/2021; {PNBP_ATR}",
        **complaints(
            "Sampaikan kepada petugas pengaduan Kantor Pertanahan Kabupaten Ngawi atau kanal pengaduan Kementerian ATR/BPN (www.atrbpn.go.id).",
            "Tell the complaints officer of the Ngawi Land Office or use the ATR/BPN ministry's complaint channels (www.atrbpn.go.id).",
        ),
    },
)

_BASE_DOCS = [FORMULIR, KTP_FC, KK_FC, KUASA]
_STEP_PAY = (
    "Bayar PNBP sesuai Surat Perintah Setor (SPS) di bank atau kanal pembayaran yang ditunjuk.",
    "Pay the PNBP shown on the payment order (SPS) at the bank or an approved payment channel.",
)
_STEP_REGISTER = (
    "Berkas didaftarkan dan pemohon menerima tanda terima dokumen serta SPS.",
    "The file is registered and the applicant receives a document receipt and the payment order (SPS).",
)

ATR_BPN = AgencySeed(
    slug="atr-bpn-ngawi",
    name="Kantor Pertanahan Kabupaten Ngawi",
    name_en="Ngawi Regency Land Office (ATR/BPN)",
    short_name="Kantor Pertanahan",
    level=AgencyLevel.CENTRAL,
    booth="A09",
    website="https://www.atrbpn.go.id",
    description="Layanan pertanahan Kementerian ATR/BPN: sertifikat pengganti, peralihan hak, hak tanggungan, roya, pengecekan sertifikat, informasi nilai tanah, dan pemecahan bidang.",
    description_en="Land services of the ATR/BPN ministry: replacement titles, transfers, mortgages, discharge of mortgages, title checks, land-value information and subdivisions.",
    services=(
        _atr(
            slug="sertifikat-tanah-hilang",
            name="Penggantian Sertifikat Tanah Hilang",
            name_en="Replacement of a lost land title certificate",
            summary="Penerbitan sertifikat pengganti karena hilang, setelah sumpah pemohon dan pengumuman.",
            summary_en="Issue of a replacement land title after the applicant's sworn statement and a public announcement.",
            keywords="sertifikat hilang, sertipikat hilang, sertifikat tanah hilang, shm hilang, ganti sertifikat hilang",
            requirements=[
                *_BASE_DOCS,
                LAPORAN_HILANG,
                SPPT_FC,
                PBB_LUNAS,
                r(
                    "Surat pernyataan penguasaan fisik bidang tanah",
                    "Statement of physical control of the land",
                    form=ORI,
                ),
                r(
                    "Surat pernyataan di bawah sumpah tentang hilangnya sertifikat",
                    "Sworn statement about the loss of the certificate",
                    form=ORI,
                ),
            ],
            steps=steps(
                step_queue("Kantor Pertanahan"),
                STEP_CHECK,
                _STEP_REGISTER,
                _STEP_PAY,
                (
                    "Pengambilan sumpah pemohon dan pengumuman di media massa.",
                    "The applicant takes an oath and the loss is announced in the press.",
                ),
                (
                    "Sertifikat pengganti diterbitkan bila tidak ada keberatan.",
                    "The replacement title is issued if nobody objects.",
                ),
                STEP_PICKUP,
            ),
            **takes(40, WD, note="Termasuk masa pengumuman."),
            **variable(
                note="Blangko sertifikat pengganti Rp50.000 per bidang ditambah pengambilan sumpah dan pengumuman Rp200.000; biaya iklan di surat kabar ditanggung pemohon.",
                basis=PNBP_ATR,
            ),
            product="Sertifikat hak atas tanah pengganti",
            product_en="Replacement land title certificate",
            **src(*_SOURCES, confirm=_SLA_CONFIRM),
        ),
        _atr(
            slug="sertifikat-tanah-rusak",
            name="Penggantian Sertifikat Tanah Rusak",
            name_en="Replacement of a damaged land title certificate",
            summary="Penerbitan sertifikat pengganti untuk sertifikat yang rusak, misalnya sobek, basah, atau dimakan rayap.",
            summary_en="Replacement of a damaged land title, e.g. torn, water-damaged or eaten by termites.",
            keywords="sertifikat rusak, sertipikat rusak, sertifikat sobek, sertifikat dimakan rayap, ganti blangko sertifikat",
            requirements=[
                *_BASE_DOCS,
                r("Sertifikat yang rusak", "The damaged title certificate", form=ORI),
                SPPT_FC,
            ],
            steps=steps(
                step_queue("Kantor Pertanahan"),
                STEP_CHECK,
                _STEP_REGISTER,
                _STEP_PAY,
                (
                    "Pencocokan dengan buku tanah dan penerbitan sertifikat pengganti.",
                    "The land register is checked and the replacement title issued.",
                ),
                STEP_PICKUP,
            ),
            **takes(15, WD),
            **per_unit(
                50_000,
                "per bidang",
                PNBP_ATR,
                note="Blangko sertifikat pengganti Rp50.000 per bidang.",
            ),
            product="Sertifikat hak atas tanah pengganti",
            product_en="Replacement land title certificate",
            **src(*_SOURCES, confirm=_SLA_CONFIRM),
        ),
        _atr(
            slug="balik-nama-sertifikat",
            name="Peralihan Hak karena Jual Beli (Balik Nama Sertifikat)",
            name_en="Transfer of a land title after a sale",
            summary="Pencatatan peralihan hak atas tanah kepada pembeli berdasarkan akta jual beli PPAT; biasanya diajukan lewat PPAT.",
            summary_en="Recording the transfer of a land title to the buyer under a deed of sale by a land deed official (PPAT); usually filed by the PPAT.",
            keywords="balik nama sertifikat, balik nama tanah, ajb, jual beli tanah, peralihan hak tanah",
            requirements=[
                *_BASE_DOCS,
                SERTIPIKAT_ORI,
                r(
                    "Akta jual beli (AJB) dari PPAT",
                    "Deed of sale (AJB) drawn up by a PPAT",
                    form=ORI,
                ),
                r(
                    "KTP-el dan KK penjual dan pembeli",
                    "Electronic ID cards and family cards of seller and buyer",
                ),
                SPPT_FC,
                PBB_LUNAS,
                r(
                    "Bukti pembayaran BPHTB yang telah divalidasi",
                    "Validated proof of BPHTB payment",
                ),
                r(
                    "Bukti pembayaran PPh final penjual",
                    "Proof of the seller's final income-tax payment",
                ),
            ],
            steps=steps(
                step_queue("Kantor Pertanahan"),
                STEP_CHECK,
                _STEP_REGISTER,
                _STEP_PAY,
                (
                    "Pencatatan peralihan hak pada buku tanah dan sertifikat.",
                    "The transfer is recorded in the land register and on the title.",
                ),
                STEP_PICKUP,
            ),
            **takes(5, WD),
            **variable(
                note="Tarif pelayanan pendaftaran peralihan hak = (1‰ × nilai tanah) + Rp50.000, dengan nilai tanah menurut zona nilai tanah atau NJOP.",
                basis=PNBP_ATR,
            ),
            product="Sertifikat atas nama pemilik baru",
            product_en="Land title in the new owner's name",
            **src(
                *_SOURCES,
                confirm=f"rumus tarif peralihan hak (dari lampiran PP 128/2015 sebagaimana lazim dikutip); {_SLA_CONFIRM}",
            ),
        ),
        _atr(
            slug="hak-tanggungan-elektronik",
            name="Pendaftaran Hak Tanggungan Elektronik (HT-el)",
            name_en="Electronic registration of a mortgage (hak tanggungan)",
            summary="Pendaftaran hak tanggungan atas tanah sebagai jaminan kredit, diajukan secara elektronik oleh kreditur dan PPAT.",
            summary_en="Registration of a mortgage over land as loan security, filed electronically by the lender and the PPAT.",
            keywords="hak tanggungan, ht-el, ht elektronik, sertifikat jadi jaminan bank, agunan sertifikat",
            channel=Channel.BOTH,
            requirements=[
                SERTIPIKAT_ORI,
                r(
                    "Akta Pemberian Hak Tanggungan (APHT) dari PPAT",
                    "Deed granting the mortgage (APHT) by a PPAT",
                    form=ORI,
                ),
                r("Identitas debitur dan kreditur", "Identity of the borrower and the lender"),
                r("Perjanjian kredit", "Loan agreement"),
            ],
            steps=steps(
                step_queue("Kantor Pertanahan"),
                (
                    "Kreditur/PPAT mengajukan permohonan lewat sistem HT elektronik.",
                    "The lender or PPAT files the application in the electronic mortgage system.",
                ),
                _STEP_PAY,
                (
                    "Sertifikat hak tanggungan elektronik terbit dan dicatat pada sertifikat tanah.",
                    "The electronic mortgage certificate is issued and noted on the land title.",
                ),
            ),
            **takes(7, WD),
            **variable(
                note="Tarif bertingkat menurut nilai hak tanggungan: sampai Rp250 juta Rp50.000; di atas Rp250 juta sampai Rp1 miliar Rp200.000; di atas Rp1 miliar sampai Rp10 miliar Rp2.500.000; di atas Rp10 miliar sampai Rp1 triliun Rp25.000.000; di atas Rp1 triliun Rp50.000.000.",
                basis=PNBP_ATR,
            ),
            product="Sertifikat hak tanggungan elektronik",
            product_en="Electronic mortgage certificate",
            **src(
                *_SOURCES,
                confirm=f"tingkatan tarif hak tanggungan (dari lampiran PP 128/2015 sebagaimana lazim dikutip); {_SLA_CONFIRM}",
            ),
        ),
        _atr(
            slug="roya",
            name="Roya (Penghapusan Hak Tanggungan)",
            name_en="Discharge of a mortgage (roya)",
            summary="Pencoretan catatan hak tanggungan pada sertifikat setelah kredit lunas.",
            summary_en="Removing the mortgage entry from the land title after the loan is repaid.",
            keywords="roya, hapus hak tanggungan, angkat roya, sertifikat lunas kpr, roya sertifikat",
            channel=Channel.BOTH,
            requirements=[
                *_BASE_DOCS,
                SERTIPIKAT_ORI,
                r("Sertifikat hak tanggungan", "Mortgage certificate", form=ORI),
                r(
                    "Surat roya atau keterangan lunas dari bank",
                    "Discharge letter or statement of repayment from the bank",
                    form=ORI,
                ),
            ],
            steps=steps(
                step_queue("Kantor Pertanahan"),
                STEP_CHECK,
                _STEP_REGISTER,
                _STEP_PAY,
                (
                    "Catatan hak tanggungan dihapus dari buku tanah dan sertifikat.",
                    "The mortgage entry is removed from the register and the title.",
                ),
                STEP_PICKUP,
            ),
            **takes(5, WD),
            **per_unit(50_000, "per hak tanggungan", PNBP_ATR),
            product="Sertifikat tanah bebas catatan hak tanggungan",
            product_en="Land title free of the mortgage entry",
            **src(
                *_SOURCES,
                confirm=f"tarif roya Rp50.000 (dari lampiran PP 128/2015 sebagaimana lazim dikutip); {_SLA_CONFIRM}",
            ),
        ),
        _atr(
            slug="pengecekan-sertifikat",
            name="Pengecekan Sertifikat",
            name_en="Land title check",
            summary="Pengecekan kesesuaian sertifikat dengan buku tanah, misalnya sebelum jual beli atau dijadikan jaminan.",
            summary_en="Check that a land title matches the land register, e.g. before a sale or using it as loan security.",
            keywords="cek sertifikat, pengecekan sertifikat, cek keaslian sertifikat, cek sertipikat",
            channel=Channel.BOTH,
            requirements=[*_BASE_DOCS, SERTIPIKAT_ORI],
            steps=steps(
                step_queue("Kantor Pertanahan"),
                _STEP_REGISTER,
                _STEP_PAY,
                (
                    "Petugas mencocokkan sertifikat dengan buku tanah dan mencatat hasil pengecekan.",
                    "The officer compares the title with the land register and records the result.",
                ),
                STEP_PICKUP,
            ),
            **takes(1, WD),
            **per_unit(50_000, "per sertifikat", PNBP_ATR),
            product="Hasil pengecekan (catatan pada sertifikat atau surat keterangan)",
            product_en="Result of the check (note on the title or a statement)",
            **src(
                *_SOURCES,
                confirm=f"tarif pengecekan Rp50.000 (dari lampiran PP 128/2015 sebagaimana lazim dikutip); {_SLA_CONFIRM}",
            ),
        ),
        _atr(
            slug="informasi-zona-nilai-tanah",
            name="Surat Keterangan Informasi Zona Nilai Tanah (ZNT)",
            name_en="Land-value zone information (ZNT)",
            summary="Informasi nilai tanah menurut peta zona nilai tanah untuk satu bidang.",
            summary_en="Land value of a plot according to the land-value zone map.",
            keywords="znt, zona nilai tanah, nilai tanah, harga tanah bpn, informasi nilai tanah",
            requirements=[
                FORMULIR,
                KTP_FC,
                r(
                    "Fotokopi sertifikat atau letak bidang tanah",
                    "Copy of the title or the plot's location",
                ),
            ],
            steps=steps(
                step_queue("Kantor Pertanahan"),
                _STEP_REGISTER,
                _STEP_PAY,
                (
                    "Petugas menerbitkan surat keterangan nilai tanah.",
                    "The officer issues the land-value statement.",
                ),
                STEP_PICKUP,
            ),
            **takes(1, WD, upto=3),
            **per_unit(50_000, "per bidang", PNBP_ATR),
            product="Surat keterangan informasi zona nilai tanah",
            product_en="Land-value zone statement",
            **src(*_SOURCES, confirm=_SLA_CONFIRM),
        ),
        _atr(
            slug="pemecahan-bidang",
            name="Pemecahan Bidang Tanah (Pecah Sertifikat)",
            name_en="Subdividing a land plot (splitting a title)",
            summary="Pemecahan satu bidang bersertifikat menjadi beberapa bidang dengan sertifikat masing-masing, termasuk pengukuran.",
            summary_en="Splitting one titled plot into several plots with their own titles, including the survey.",
            keywords="pecah sertifikat, pemecahan sertifikat, pisah sertifikat, split sertifikat, pemecahan bidang",
            requirements=[
                *_BASE_DOCS,
                SERTIPIKAT_ORI,
                SPPT_FC,
                r("Sketsa rencana pemecahan bidang", "Sketch of the planned subdivision"),
                r(
                    "Persetujuan tata ruang bila untuk perumahan atau usaha",
                    "Spatial-use approval if for housing or business",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Kantor Pertanahan"),
                STEP_CHECK,
                _STEP_REGISTER,
                _STEP_PAY,
                (
                    "Pengukuran bidang di lapangan dengan disaksikan pemilik dan tetangga batas.",
                    "The plots are surveyed on site with the owner and neighbours present.",
                ),
                (
                    "Penerbitan sertifikat untuk setiap bidang hasil pemecahan.",
                    "A title is issued for each new plot.",
                ),
                STEP_PICKUP,
            ),
            **takes(15, WD),
            **variable(
                note="Biaya pengukuran Tu = (L/500 × HSBKu) + Rp80.000 untuk bidang sampai 10 hektare, dengan L luas dalam m² dan HSBKu harga satuan biaya khusus pengukuran tahun berjalan; ditambah biaya pendaftaran per bidang hasil pemecahan.",
                basis=PNBP_ATR,
            ),
            product="Sertifikat untuk setiap bidang hasil pemecahan",
            product_en="Titles for each of the new plots",
            **src(
                *_SOURCES, confirm=f"biaya pendaftaran per bidang hasil pemecahan; {_SLA_CONFIRM}"
            ),
        ),
    ),
)

AGENCIES = [ATR_BPN]
