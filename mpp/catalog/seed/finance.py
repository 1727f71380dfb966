# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Taxes, regional revenue, banking, post and civil-service pensions: KPP Pratama Ngawi,
Bapenda Ngawi, Bank Jatim, BRI, Pegadaian, PT Pos Indonesia and Taspen.

Central tax services are free; residents use the NIK as their NPWP (PMK 112/PMK.03/2022,
PER-6/PJ/2024). Ngawi's Perda PDRD (PBB-P2, BPHTB NPOPTKP) is not public (FACTS §2.4), so
regional-tax entries explain the formula and say what is still to be confirmed. No fee data
were found for the banks (FACTS §8.8): their product fees are left to the bank's own terms.
"""

from __future__ import annotations

from functools import partial

from mpp.catalog.enums import AgencyLevel, Channel, ServiceCategory
from mpp.catalog.seed.common import (
    ESTIMATE,
    FOTO_3X4,
    KK_FC,
    KONTAK,
    KTP_FC,
    KTP_ORI,
    KTP_SHOW,
    MIN,
    NA,
    ON_THE_SPOT,
    ORI,
    PBB_LUNAS,
    PERDA_NGAWI,
    SPPT_FC,
    STEP_CHECK,
    STEP_PICKUP,
    WD,
    AgencySeed,
    complaints,
    counter,
    fixed,
    free,
    make,
    r,
    src,
    step_queue,
    steps,
    takes,
    variable,
)

# --- KPP Pratama Ngawi (Direktorat Jenderal Pajak) -------------------------------------------

TAX_LAW = "UU 28/2007 tentang KUP jo. UU 7/2021 tentang HPP; PMK 112/PMK.03/2022; PER-6/PJ/2024"
CORETAX = "https://coretaxdjp.pajak.go.id"
_TAX_SOURCES = (
    "suara.com 2022/09/18",
    "cvsai.id 2022/07",
    "konsultanpajakdatc.com/detail/artikel/34",
)

_kpp = partial(
    make,
    {
        "category": ServiceCategory.TAX,
        "channel": Channel.BOTH,
        "online_url": CORETAX,
        "counter_info": counter("A06", "KPP Pratama"),
        "legal_basis": TAX_LAW,
        **free(note="Layanan perpajakan tidak dipungut biaya."),
        **complaints(
            "Sampaikan kepada petugas gerai KPP Pratama, Kring Pajak 1500200, atau www.pajak.go.id.",
            "Tell the officer at the tax office booth, call Kring Pajak 1500200, or use www.pajak.go.id.",
        ),
    },
)

KPP = AgencySeed(
    slug="kpp-pratama-ngawi",
    name="Kantor Pelayanan Pajak Pratama Ngawi",
    name_en="Ngawi Primary Tax Office (KPP Pratama Ngawi)",
    short_name="KPP Pratama",
    level=AgencyLevel.CENTRAL,
    booth="A06",
    website="https://www.pajak.go.id",
    description="Layanan Direktorat Jenderal Pajak: pendaftaran NPWP, akun Coretax dan EFIN, bantuan pelaporan SPT, dan konsultasi perpajakan.",
    description_en="Directorate General of Taxes services: tax registration, Coretax accounts and EFIN, help with tax returns, and tax advice.",
    services=(
        _kpp(
            slug="npwp-orang-pribadi",
            name="NPWP Orang Pribadi (NIK sebagai NPWP)",
            name_en="Individual tax registration (NIK as tax number)",
            summary="Pendaftaran wajib pajak orang pribadi; bagi penduduk, NIK berfungsi sebagai NPWP.",
            summary_en="Registration of individual taxpayers; for residents the NIK serves as the tax number (NPWP).",
            keywords="npwp, bikin npwp, daftar npwp, npwp pribadi, nik jadi npwp, kartu npwp",
            requirements=[
                KTP_FC,
                KONTAK,
                r(
                    "Surat keterangan usaha atau bukti penghasilan",
                    "Business statement or proof of income",
                    optional=True,
                    note="Bagi yang berusaha sendiri.",
                ),
            ],
            steps=steps(
                step_queue("KPP Pratama"),
                STEP_CHECK,
                (
                    "Petugas mendaftarkan atau memadankan NIK sebagai NPWP di Coretax.",
                    "The officer registers or matches the NIK as the tax number in Coretax.",
                ),
                (
                    "Bukti pendaftaran dan kartu NPWP (bila diminta) diberikan.",
                    "Proof of registration and, on request, a tax card are provided.",
                ),
            ),
            **takes(1, WD, note="Umumnya selesai di hari yang sama."),
            product="NIK aktif sebagai NPWP, bukti pendaftaran, dan kartu NPWP bila diminta",
            product_en="NIK active as tax number, proof of registration and a tax card on request",
            **src(*_TAX_SOURCES),
        ),
        _kpp(
            slug="npwp-badan",
            name="NPWP Badan",
            name_en="Tax registration for companies and organisations",
            summary="Pendaftaran NPWP 16 digit bagi badan usaha, yayasan, koperasi, dan organisasi lain.",
            summary_en="Registration of a 16-digit tax number for companies, foundations, cooperatives and other bodies.",
            keywords="npwp badan, npwp perusahaan, npwp cv, npwp pt, npwp yayasan, npwp koperasi",
            requirements=[
                r("Akta pendirian badan usaha dan SK pengesahan"),
                r(
                    "KTP-el pengurus yang bertanggung jawab",
                    "Electronic ID card of the responsible officer",
                ),
                r("Keterangan alamat tempat kegiatan usaha", "Statement of the business address"),
                KONTAK,
            ],
            steps=steps(
                step_queue("KPP Pratama"),
                STEP_CHECK,
                (
                    "Pendaftaran di Coretax dan penerbitan NPWP 16 digit.",
                    "Registration in Coretax and issue of the 16-digit tax number.",
                ),
                STEP_PICKUP,
            ),
            **takes(1, WD),
            product="NPWP badan 16 digit dan surat keterangan terdaftar",
            product_en="16-digit tax number and registration certificate",
            **src(*_TAX_SOURCES, "kumparan.com (format NPWP)"),
        ),
        _kpp(
            slug="efin",
            name="Permintaan EFIN",
            name_en="Electronic filing identification number (EFIN) request",
            summary="Penerbitan atau permintaan ulang EFIN untuk autentikasi layanan pajak elektronik.",
            summary_en="Issue or re-issue of the EFIN used to authenticate electronic tax services.",
            keywords="efin, lupa efin, minta efin, aktivasi efin",
            requirements=[KTP_ORI, KONTAK],
            steps=steps(
                step_queue("KPP Pratama"),
                (
                    "Petugas memverifikasi identitas wajib pajak.",
                    "The officer verifies the taxpayer's identity.",
                ),
                ("EFIN dikirim ke e-mail wajib pajak.", "The EFIN is e-mailed to the taxpayer."),
            ),
            **takes(15, MIN, upto=30, note=ON_THE_SPOT),
            product="EFIN yang dikirim ke e-mail",
            product_en="EFIN sent by e-mail",
            **src(*_TAX_SOURCES, confirm="peran EFIN setelah Coretax berlaku (2025)"),
        ),
        _kpp(
            slug="aktivasi-akun-coretax",
            name="Aktivasi dan Pemulihan Akun Coretax",
            name_en="Coretax account activation and recovery",
            summary="Bantuan mengaktifkan akun Coretax DJP, mengatur ulang kata sandi, dan membuat sertifikat elektronik.",
            summary_en="Help activating the tax authority's Coretax account, resetting the password and creating the electronic certificate.",
            keywords="coretax, akun coretax, aktivasi coretax, lupa password coretax, login pajak",
            requirements=[KTP_ORI, KONTAK],
            steps=steps(
                step_queue("KPP Pratama"),
                (
                    "Petugas memverifikasi identitas dan data kontak.",
                    "The officer verifies identity and contact details.",
                ),
                (
                    "Aktivasi akun atau pengaturan ulang kata sandi di Coretax.",
                    "The account is activated or the password reset in Coretax.",
                ),
                (
                    "Pembuatan kode otorisasi/sertifikat elektronik bila diperlukan.",
                    "An authorisation code / electronic certificate is created if needed.",
                ),
            ),
            **takes(15, MIN, upto=30, note=ON_THE_SPOT),
            product="Akun Coretax aktif",
            product_en="Active Coretax account",
            **src(*_TAX_SOURCES, confirm="alur aktivasi Coretax yang berlaku saat ini"),
        ),
        _kpp(
            slug="bantuan-spt-tahunan",
            name="Bantuan Pelaporan SPT Tahunan Orang Pribadi",
            name_en="Help with the individual annual tax return (SPT)",
            summary="Pendampingan mengisi dan mengirim SPT Tahunan secara elektronik; batas pelaporan orang pribadi akhir Maret.",
            summary_en="Assistance filling in and e-filing the annual tax return; individuals file by the end of March.",
            keywords="spt, lapor spt, spt tahunan, bantuan spt, isi spt, bukti potong, 1770 ss",
            requirements=[
                KTP_ORI,
                r(
                    "Bukti potong PPh dari pemberi kerja (1721-A1/A2)",
                    "Income-tax withholding slip from the employer (1721-A1/A2)",
                ),
                r("Daftar harta dan utang", "List of assets and debts", form=NA),
                r("Akun Coretax aktif", "Active Coretax account", form=NA),
            ],
            steps=steps(
                step_queue("KPP Pratama"),
                (
                    "Petugas membantu mengisi SPT di Coretax.",
                    "The officer helps fill in the return in Coretax.",
                ),
                (
                    "Wajib pajak memeriksa dan menandatangani SPT secara elektronik.",
                    "The taxpayer checks and signs the return electronically.",
                ),
                (
                    "Bukti penerimaan elektronik (BPE) dikirim ke e-mail.",
                    "The electronic receipt is e-mailed.",
                ),
            ),
            **takes(30, MIN, upto=60, note="Perkiraan; ramai menjelang batas akhir Maret."),
            product="SPT Tahunan terkirim dan bukti penerimaan elektronik",
            product_en="Filed annual return and electronic receipt",
            **src(*_TAX_SOURCES, confirm="jadwal asistensi SPT di MPP Ngawi"),
        ),
        _kpp(
            slug="konsultasi-perpajakan",
            name="Konsultasi dan Informasi Perpajakan",
            name_en="Tax advice and information",
            summary="Konsultasi tentang kewajiban pajak, tarif, dan tata cara pembayaran atau pelaporan.",
            summary_en="Advice on tax obligations, rates and how to pay or file.",
            keywords="konsultasi pajak, tanya pajak, informasi pajak, kring pajak",
            channel=Channel.COUNTER,
            online_url="",
            requirements=[KTP_SHOW],
            steps=steps(
                step_queue("KPP Pratama"),
                ("Sampaikan pertanyaan kepada petugas.", "Ask the officer your question."),
                (
                    "Petugas menjelaskan ketentuan dan langkah yang perlu dilakukan.",
                    "The officer explains the rules and the next steps.",
                ),
            ),
            **takes(15, MIN, upto=30, note=ESTIMATE),
            product="Penjelasan perpajakan",
            product_en="Tax advice",
            **src(*_TAX_SOURCES),
        ),
    ),
)

# --- Bapenda Ngawi (regional taxes) ----------------------------------------------------------

REGIONAL_TAX_LAW = f"UU 1/2022 tentang HKPD; PP 35/2023; {PERDA_NGAWI}"

_bapenda = partial(
    make,
    {
        "category": ServiceCategory.TAX,
        "channel": Channel.COUNTER,
        "counter_info": counter("A11", "Bapenda"),
        "legal_basis": REGIONAL_TAX_LAW,
        **free(note="Layanan administrasi pajak daerah tidak dipungut biaya."),
        **complaints(
            "Sampaikan kepada petugas gerai Bapenda atau ke kantor Badan Pendapatan Daerah Kabupaten Ngawi.",
            "Tell the officer at the Bapenda booth or the Ngawi Regional Revenue Agency office.",
        ),
    },
)
_SPOP = r(
    "Formulir SPOP dan LSPOP yang telah diisi",
    "Completed tax object forms (SPOP and LSPOP)",
    form=ORI,
)
_PBB_CONFIRM = "persyaratan dan jangka waktu menurut SK standar pelayanan Bapenda Ngawi"

BAPENDA = AgencySeed(
    slug="bapenda-ngawi",
    name="Badan Pendapatan Daerah Kabupaten Ngawi",
    name_en="Regional Revenue Agency of Ngawi Regency",
    short_name="Bapenda",
    level=AgencyLevel.REGENCY,
    booth="A11",
    website="https://ngawikab.go.id",
    description="Pajak daerah Kabupaten Ngawi: PBB-P2, BPHTB, pajak barang dan jasa tertentu, reklame, dan pendaftaran wajib pajak daerah.",
    description_en="Ngawi's regional taxes: land and building tax (PBB-P2), land acquisition duty (BPHTB), taxes on certain goods and services, advertising, and registration of regional taxpayers.",
    services=(
        _bapenda(
            slug="pbb-p2-objek-baru",
            name="Pendaftaran Objek PBB-P2 Baru",
            name_en="Registering a new property for land and building tax (PBB-P2)",
            summary="Pendaftaran tanah atau bangunan yang belum memiliki SPPT PBB agar mendapat nomor objek pajak (NOP).",
            summary_en="Registration of land or a building without a tax notice so it gets a tax object number (NOP).",
            keywords="daftar pbb baru, sppt baru, objek pajak baru, pbb rumah baru, nop baru",
            requirements=[
                _SPOP,
                KTP_FC,
                r(
                    "Bukti kepemilikan atau penguasaan tanah (sertifikat, akta jual beli, atau letter C)",
                    "Proof of ownership or control of the land (title, deed of sale or village land record)",
                ),
                r("Denah lokasi dan foto bangunan", "Site sketch and photos of the building"),
            ],
            steps=steps(
                step_queue("Bapenda"),
                STEP_CHECK,
                (
                    "Penelitian data dan, bila perlu, peninjauan lapangan.",
                    "The data are reviewed and, if needed, checked on site.",
                ),
                ("SPPT baru diterbitkan.", "The new tax notice is issued."),
                STEP_PICKUP,
            ),
            **takes(7, WD, upto=14),
            product="SPPT PBB-P2 dengan NOP baru",
            product_en="PBB-P2 tax notice with a new tax object number",
            **src("jurnaba.co (PBB-P2 sebagai pajak kabupaten)", confirm=_PBB_CONFIRM),
        ),
        _bapenda(
            slug="pbb-p2-mutasi",
            name="Mutasi (Balik Nama) SPPT PBB-P2",
            name_en="Transfer of the land and building tax notice to a new owner",
            summary="Perubahan nama wajib pajak pada SPPT karena jual beli, waris, atau hibah, termasuk pemecahan objek pajak.",
            summary_en="Change of taxpayer name on the tax notice after a sale, inheritance or gift, including splitting a tax object.",
            keywords="balik nama pbb, mutasi pbb, ganti nama sppt, balik nama sppt, pecah sppt",
            requirements=[
                _SPOP,
                KTP_FC,
                SPPT_FC,
                r(
                    "Bukti peralihan hak (akta jual beli, sertifikat, surat keterangan waris, atau akta hibah)",
                    "Proof of transfer (deed of sale, title, statement of heirs or deed of gift)",
                ),
                PBB_LUNAS,
            ],
            steps=steps(
                step_queue("Bapenda"),
                STEP_CHECK,
                (
                    "Penelitian data subjek dan objek pajak.",
                    "The taxpayer and property data are reviewed.",
                ),
                ("SPPT atas nama baru diterbitkan.", "The tax notice in the new name is issued."),
                STEP_PICKUP,
            ),
            **takes(7, WD, upto=14),
            product="SPPT PBB-P2 atas nama wajib pajak baru",
            product_en="PBB-P2 tax notice in the new taxpayer's name",
            **src("jurnaba.co", confirm=_PBB_CONFIRM),
        ),
        _bapenda(
            slug="pbb-p2-salinan-sppt",
            name="Salinan SPPT PBB-P2",
            name_en="Copy of a land and building tax notice",
            summary="Pencetakan salinan SPPT PBB-P2 yang hilang atau rusak.",
            summary_en="Reprint of a lost or damaged land and building tax notice.",
            keywords="sppt hilang, salinan sppt, cetak ulang sppt, sppt rusak, cek nop pbb",
            requirements=[
                KTP_FC,
                r(
                    "NOP atau fotokopi SPPT tahun sebelumnya",
                    "Tax object number or a copy of an earlier notice",
                ),
            ],
            steps=steps(
                step_queue("Bapenda"),
                (
                    "Petugas mencari data objek pajak dan mencetak salinan SPPT.",
                    "The officer looks up the property and prints the copy.",
                ),
                STEP_PICKUP,
            ),
            **takes(15, MIN, upto=60, note=ON_THE_SPOT),
            product="Salinan SPPT PBB-P2",
            product_en="Copy of the PBB-P2 tax notice",
            **src("jurnaba.co", confirm=_PBB_CONFIRM),
        ),
        _bapenda(
            slug="pbb-p2-pengurangan",
            name="Keberatan dan Pengurangan PBB-P2",
            name_en="Objection to or reduction of land and building tax",
            summary="Pengajuan keberatan atas SPPT atau permohonan pengurangan PBB-P2 karena kondisi tertentu, misalnya wajib pajak tidak mampu.",
            summary_en="Objection to a tax notice or request for a reduction of PBB-P2 in particular circumstances, e.g. low-income taxpayers.",
            keywords="keberatan pbb, pengurangan pbb, keringanan pbb, pbb terlalu mahal, njop salah",
            requirements=[
                r(
                    "Surat permohonan keberatan atau pengurangan dengan alasan",
                    "Letter of objection or reduction request with reasons",
                    form=ORI,
                ),
                SPPT_FC,
                KTP_FC,
                r(
                    "Bukti pendukung (foto objek, surat keterangan tidak mampu, dan sebagainya)",
                    "Supporting evidence (photos of the property, low-income statement, etc.)",
                ),
            ],
            steps=steps(
                step_queue("Bapenda"),
                STEP_CHECK,
                ("Penelitian administrasi dan lapangan.", "Administrative and on-site review."),
                (
                    "Keputusan diterbitkan dan disampaikan kepada wajib pajak.",
                    "A decision is issued and sent to the taxpayer.",
                ),
            ),
            **takes(
                30,
                WD,
                note="Batas keputusan keberatan menurut UU 1/2022 lebih panjang; jangka waktu layanan setempat belum diketahui.",
            ),
            product="Surat keputusan keberatan atau pengurangan PBB-P2",
            product_en="Decision on the objection or reduction",
            **src(
                "UU 1/2022",
                confirm="jangka waktu layanan dan kriteria pengurangan menurut Perda/Perbup Ngawi",
            ),
        ),
        _bapenda(
            slug="bphtb-validasi",
            name="Validasi BPHTB (Bea Perolehan Hak atas Tanah dan Bangunan)",
            name_en="Validation of the land and building acquisition duty (BPHTB)",
            summary="Penelitian dan validasi SSPD BPHTB atas jual beli, hibah, atau waris sebelum balik nama sertifikat.",
            summary_en="Review and validation of the BPHTB payment for a sale, gift or inheritance before the land title is transferred.",
            keywords="bphtb, validasi bphtb, pajak beli tanah, bea perolehan hak, ssp bphtb",
            requirements=[
                r("SSPD BPHTB yang telah diisi", "Completed BPHTB payment form (SSPD)", form=ORI),
                r(
                    "KTP-el pihak penjual dan pembeli atau ahli waris",
                    "Electronic ID cards of seller and buyer, or of the heirs",
                ),
                SPPT_FC,
                PBB_LUNAS,
                r("Fotokopi sertifikat tanah", "Photocopy of the land title"),
                r(
                    "Draf akta PPAT atau surat keterangan waris",
                    "Draft deed by the land deed official (PPAT) or statement of heirs",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Bapenda"),
                STEP_CHECK,
                (
                    "Penelitian nilai perolehan dan, bila perlu, peninjauan lapangan.",
                    "The acquisition value is reviewed and, if needed, checked on site.",
                ),
                (
                    "Bayar BPHTB di bank persepsi (misalnya Bank Jatim).",
                    "Pay the BPHTB at a collecting bank (e.g. Bank Jatim).",
                ),
                ("SSPD divalidasi dan diserahkan.", "The SSPD is validated and returned."),
            ),
            **takes(1, WD, upto=3),
            **variable(
                note="BPHTB = tarif × (nilai perolehan objek pajak − NPOPTKP). Tarif paling tinggi 5 % menurut UU 1/2022; tarif dan NPOPTKP Kabupaten Ngawi ditetapkan Perda PDRD dan belum dipublikasikan.",
                basis=REGIONAL_TAX_LAW,
            ),
            product="SSPD BPHTB tervalidasi",
            product_en="Validated BPHTB payment form",
            **src("jurnaba.co", "UU 1/2022", confirm="tarif BPHTB dan NPOPTKP Ngawi"),
        ),
        _bapenda(
            slug="npwpd-pendaftaran",
            name="Pendaftaran Wajib Pajak Daerah (NPWPD)",
            name_en="Registration as a regional taxpayer (NPWPD)",
            summary="Pendaftaran usaha yang memungut pajak daerah, seperti rumah makan, hotel, hiburan, parkir, atau reklame.",
            summary_en="Registration of businesses that collect regional taxes, such as restaurants, hotels, entertainment, parking or advertising.",
            keywords="npwpd, pajak restoran, pajak hotel, daftar pajak daerah, pbjt, pajak rumah makan",
            requirements=[
                KTP_FC,
                r("NIB atau izin usaha", "NIB or business licence"),
                r(
                    "Formulir pendaftaran wajib pajak daerah",
                    "Regional taxpayer registration form",
                    form=ORI,
                ),
                r("Foto tempat usaha", "Photo of the business premises"),
            ],
            steps=steps(
                step_queue("Bapenda"),
                STEP_CHECK,
                (
                    "Pendataan dan penerbitan NPWPD.",
                    "The business is recorded and the NPWPD issued.",
                ),
                STEP_PICKUP,
            ),
            **takes(1, WD, upto=3),
            product="Nomor Pokok Wajib Pajak Daerah (NPWPD)",
            product_en="Regional taxpayer number (NPWPD)",
            **src("UU 1/2022 (pajak barang dan jasa tertentu)", confirm=_PBB_CONFIRM),
        ),
    ),
)

# --- Banks, post and pensions --------------------------------------------------------------

_BANK_CONFIRM = "persyaratan dan biaya produk menurut ketentuan bank yang berlaku"


def _bank_defaults(booth: str, name: str, complaint: str, complaint_en: str) -> dict:
    return {
        "category": ServiceCategory.FINANCE,
        "channel": Channel.COUNTER,
        "counter_info": counter(booth, name),
        "legal_basis": "UU 10/1998 tentang Perbankan; UU 4/2023 tentang Pengembangan dan Penguatan Sektor Keuangan",
        **complaints(complaint, complaint_en),
    }


_bank_jatim = partial(
    make,
    _bank_defaults(
        "A19",
        "Bank Jatim",
        "Sampaikan kepada petugas gerai Bank Jatim atau ke kantor cabang Bank Jatim Ngawi.",
        "Tell the officer at the Bank Jatim booth or the Bank Jatim Ngawi branch.",
    ),
)
_STEP_BANK_ACCOUNT = (
    "Petugas memverifikasi identitas, mengisi data nasabah, dan membuka rekening.",
    "The officer verifies identity, records the customer data and opens the account.",
)

BANK_JATIM = AgencySeed(
    slug="bank-jatim",
    name="PT Bank Pembangunan Daerah Jawa Timur Tbk (Bank Jatim)",
    name_en="Bank Jatim (East Java regional development bank)",
    short_name="Bank Jatim",
    level=AgencyLevel.STATE_OWNED,
    booth="A19",
    website="https://www.bankjatim.co.id",
    description="Bank milik Pemerintah Provinsi Jawa Timur dan pemerintah kabupaten/kota (BUMD): pembayaran pajak daerah dan retribusi, pembukaan rekening, dan kredit.",
    description_en="Bank owned by the East Java provincial and local governments: payment of regional taxes and levies, savings accounts and loans.",
    services=(
        _bank_jatim(
            slug="bank-jatim-pajak-daerah",
            name="Pembayaran Pajak Daerah dan Retribusi di Bank Jatim",
            name_en="Paying regional taxes and levies at Bank Jatim",
            summary="Pembayaran PBB-P2, BPHTB, pajak daerah lain, dan retribusi Kabupaten Ngawi di gerai Bank Jatim.",
            summary_en="Payment of Ngawi's land and building tax, BPHTB, other regional taxes and levies at the Bank Jatim booth.",
            keywords="bayar pbb, bayar bphtb, setor pajak daerah, bayar retribusi, bayar pajak di bank jatim",
            requirements=[
                r(
                    "SPPT, SSPD, SKRD, atau kode bayar",
                    "Tax notice, payment form, levy assessment or payment code",
                    form=ORI,
                )
            ],
            steps=steps(
                step_queue("Bank Jatim"),
                (
                    "Teller memeriksa tagihan berdasarkan NOP atau kode bayar.",
                    "The teller looks up the bill by tax object number or payment code.",
                ),
                (
                    "Bayar tunai atau non-tunai (termasuk QRIS bila tersedia).",
                    "Pay in cash or cashless (including QRIS where available).",
                ),
                ("Terima bukti pembayaran yang sah.", "Receive the official receipt."),
            ),
            **takes(10, MIN, upto=30, note=ON_THE_SPOT),
            **free(
                note="Tidak ada biaya tambahan di teller; kanal digital lain dapat mengenakan biaya administrasi."
            ),
            product="Bukti pembayaran pajak daerah atau retribusi",
            product_en="Receipt for the regional tax or levy",
            category=ServiceCategory.TAX,
            **src(
                "news.republika.co.id/berita/r9b44m485 (Bank Jatim sebagai tenant MPP Ngawi)",
                confirm="jenis pajak dan retribusi yang dapat dibayar di gerai serta biaya kanal lain",
            ),
        ),
        _bank_jatim(
            slug="bank-jatim-buka-rekening",
            name="Pembukaan Rekening Tabungan Bank Jatim",
            name_en="Opening a Bank Jatim savings account",
            summary="Pembukaan rekening tabungan perorangan di Bank Jatim.",
            summary_en="Opening a personal savings account at Bank Jatim.",
            keywords="buka rekening bank jatim, tabungan bank jatim, buka tabungan bank jatim, rekening bank jatim",
            requirements=[
                KTP_ORI,
                r("NPWP", "Tax number (NPWP)", optional=True),
                r("Setoran awal", "Opening deposit", form=NA),
            ],
            steps=steps(
                step_queue("Bank Jatim"),
                _STEP_BANK_ACCOUNT,
                (
                    "Buku tabungan dan kartu debit diserahkan.",
                    "The savings book and debit card are handed over.",
                ),
            ),
            **takes(30, MIN, upto=60, note=ESTIMATE),
            **variable(
                note="Setoran awal dan biaya administrasi bulanan bergantung pada jenis tabungan; lihat ketentuan produk Bank Jatim.",
                basis="Ketentuan produk Bank Jatim (diawasi OJK)",
            ),
            product="Rekening tabungan, buku tabungan, dan kartu debit",
            product_en="Savings account, savings book and debit card",
            **src("news.republika.co.id/berita/r9b44m485", confirm=_BANK_CONFIRM),
        ),
        _bank_jatim(
            slug="bank-jatim-kur",
            name="Kredit Usaha Rakyat (KUR) Bank Jatim",
            name_en="People's business credit (KUR) at Bank Jatim",
            summary="Informasi dan pengajuan Kredit Usaha Rakyat bagi usaha mikro dan kecil.",
            summary_en="Information on and applications for government-subsidised business loans (KUR) for micro and small businesses.",
            keywords="kur bank jatim, pinjaman usaha bank jatim, kredit umkm bank jatim, modal usaha bank jatim",
            requirements=[
                KTP_FC,
                KK_FC,
                r("NIB atau surat keterangan usaha", "NIB or business statement"),
                r(
                    "Bukti usaha telah berjalan",
                    "Proof that the business is running",
                    note="Umumnya paling sedikit 6 bulan.",
                ),
            ],
            steps=steps(
                step_queue("Bank Jatim"),
                STEP_CHECK,
                (
                    "Analisis kredit dan survei usaha oleh bank.",
                    "Credit analysis and business visit by the bank.",
                ),
                (
                    "Akad kredit dan pencairan bila disetujui.",
                    "Loan agreement and disbursement if approved.",
                ),
            ),
            **takes(3, WD, upto=14),
            **variable(
                note="Bunga KUR mengikuti ketentuan pemerintah; biaya lain sesuai ketentuan bank.",
                basis="Peraturan Menko Perekonomian tentang Pedoman Pelaksanaan KUR",
            ),
            product="Keputusan kredit dan, bila disetujui, pencairan KUR",
            product_en="Credit decision and, if approved, the KUR loan",
            **src("news.republika.co.id/berita/r9b44m485", confirm=_BANK_CONFIRM),
        ),
    ),
)

_bri = partial(
    make,
    _bank_defaults(
        "B08",
        "BRI",
        "Sampaikan kepada petugas gerai BRI atau Contact BRI 14017.",
        "Tell the officer at the BRI booth or call Contact BRI 14017.",
    ),
)
_BRI_CONFIRM = f"keberadaan gerai BRI di MPP Ngawi; {_BANK_CONFIRM}"

BRI = AgencySeed(
    slug="bri",
    name="PT Bank Rakyat Indonesia (Persero) Tbk",
    name_en="Bank Rakyat Indonesia (BRI)",
    short_name="BRI",
    level=AgencyLevel.STATE_OWNED,
    booth="B08",
    website="https://bri.co.id",
    description="Layanan perbankan BRI: pembukaan rekening dan Kredit Usaha Rakyat.",
    description_en="BRI banking services: savings accounts and government-subsidised business loans (KUR).",
    services=(
        _bri(
            slug="bri-buka-rekening",
            name="Pembukaan Rekening Tabungan BRI",
            name_en="Opening a BRI savings account",
            summary="Pembukaan rekening tabungan perorangan di BRI.",
            summary_en="Opening a personal savings account at BRI.",
            keywords="buka rekening bri, tabungan bri, simpedes, britama, buka tabungan bri",
            requirements=[
                KTP_ORI,
                r("NPWP", "Tax number (NPWP)", optional=True),
                r("Setoran awal", "Opening deposit", form=NA),
            ],
            steps=steps(
                step_queue("BRI"),
                _STEP_BANK_ACCOUNT,
                (
                    "Buku tabungan dan kartu debit diserahkan.",
                    "The savings book and debit card are handed over.",
                ),
            ),
            **takes(30, MIN, upto=60, note=ESTIMATE),
            **variable(
                note="Setoran awal dan biaya administrasi bergantung pada jenis tabungan; lihat ketentuan produk BRI.",
                basis="Ketentuan produk BRI (diawasi OJK)",
            ),
            product="Rekening tabungan, buku tabungan, dan kartu debit",
            product_en="Savings account, savings book and debit card",
            **src("Layanan perbankan umum", confirm=_BRI_CONFIRM),
        ),
        _bri(
            slug="bri-kur",
            name="Kredit Usaha Rakyat (KUR) BRI",
            name_en="People's business credit (KUR) at BRI",
            summary="Informasi dan pengajuan KUR BRI bagi usaha mikro dan kecil.",
            summary_en="Information on and applications for BRI's KUR loans for micro and small businesses.",
            keywords="kur bri, pinjaman bri, kredit usaha bri, kupedes",
            requirements=[
                KTP_FC,
                KK_FC,
                r("NIB atau surat keterangan usaha", "NIB or business statement"),
            ],
            steps=steps(
                step_queue("BRI"),
                STEP_CHECK,
                (
                    "Analisis kredit dan survei usaha oleh bank.",
                    "Credit analysis and business visit by the bank.",
                ),
                (
                    "Akad kredit dan pencairan bila disetujui.",
                    "Loan agreement and disbursement if approved.",
                ),
            ),
            **takes(3, WD, upto=14),
            **variable(
                note="Bunga KUR mengikuti ketentuan pemerintah; biaya lain sesuai ketentuan bank.",
                basis="Peraturan Menko Perekonomian tentang Pedoman Pelaksanaan KUR",
            ),
            product="Keputusan kredit dan, bila disetujui, pencairan KUR",
            product_en="Credit decision and, if approved, the KUR loan",
            **src("Layanan perbankan umum", confirm=_BRI_CONFIRM),
        ),
    ),
)

_pegadaian = partial(
    make,
    {
        "category": ServiceCategory.FINANCE,
        "channel": Channel.COUNTER,
        "counter_info": counter("B07", "Pegadaian"),
        "legal_basis": "POJK tentang usaha pergadaian; ketentuan produk PT Pegadaian",
        **complaints(
            "Sampaikan kepada petugas gerai Pegadaian atau ke kantor cabang Pegadaian.",
            "Tell the officer at the Pegadaian booth or a Pegadaian branch.",
        ),
    },
)
_PEGADAIAN_CONFIRM = "keberadaan gerai Pegadaian di MPP Ngawi dan tarif produk yang berlaku"

PEGADAIAN = AgencySeed(
    slug="pegadaian",
    name="PT Pegadaian",
    name_en="PT Pegadaian (state pawnshop)",
    short_name="Pegadaian",
    level=AgencyLevel.STATE_OWNED,
    booth="B07",
    website="https://www.pegadaian.co.id",
    description="Gadai emas dan barang serta tabungan emas.",
    description_en="Pawn loans against gold and other goods, and gold savings accounts.",
    services=(
        _pegadaian(
            slug="gadai-emas",
            name="Gadai Emas dan Barang",
            name_en="Pawn loan against gold or goods",
            summary="Pinjaman dengan jaminan emas, perhiasan, atau barang elektronik yang ditaksir di tempat.",
            summary_en="Loan secured on gold, jewellery or electronics valued on the spot.",
            keywords="gadai emas, gadai, gadai perhiasan, gadai laptop, gadai hp, pegadaian",
            requirements=[
                KTP_ORI,
                r(
                    "Barang jaminan (emas, perhiasan, atau barang elektronik)",
                    "Collateral (gold, jewellery or electronics)",
                    form=ORI,
                ),
            ],
            steps=steps(
                step_queue("Pegadaian"),
                ("Penaksir menilai barang jaminan.", "The appraiser values the collateral."),
                (
                    "Tanda tangani surat bukti gadai dan terima uang pinjaman.",
                    "Sign the pawn ticket and receive the loan.",
                ),
            ),
            **takes(15, MIN, upto=30, note=ESTIMATE),
            **variable(
                note="Sewa modal dihitung per 15 hari dari nilai pinjaman, ditambah biaya administrasi; besarannya menurut golongan pinjaman Pegadaian.",
                basis="Ketentuan produk PT Pegadaian (diawasi OJK)",
            ),
            product="Uang pinjaman dan surat bukti gadai",
            product_en="Loan and pawn ticket",
            **src("Layanan umum Pegadaian", confirm=_PEGADAIAN_CONFIRM),
        ),
        _pegadaian(
            slug="tabungan-emas",
            name="Tabungan Emas",
            name_en="Gold savings account",
            summary="Pembukaan rekening tabungan emas untuk menabung emas mulai nominal kecil.",
            summary_en="Opening a gold savings account to save in gold from small amounts.",
            keywords="tabungan emas, nabung emas, cicil emas, investasi emas",
            requirements=[KTP_ORI, r("Setoran awal", "Opening deposit", form=NA)],
            steps=steps(
                step_queue("Pegadaian"),
                (
                    "Isi formulir pembukaan rekening dan lakukan setoran awal.",
                    "Fill in the account form and make the first deposit.",
                ),
                (
                    "Terima buku atau bukti rekening tabungan emas.",
                    "Receive the gold savings book or account proof.",
                ),
            ),
            **takes(15, MIN, upto=30, note=ESTIMATE),
            **variable(
                note="Biaya pembukaan rekening dan biaya titipan tahunan menurut ketentuan Pegadaian; harga emas mengikuti harga hari itu.",
                basis="Ketentuan produk PT Pegadaian (diawasi OJK)",
            ),
            product="Rekening tabungan emas",
            product_en="Gold savings account",
            **src("Layanan umum Pegadaian", confirm=_PEGADAIAN_CONFIRM),
        ),
    ),
)

_pos = partial(
    make,
    {
        "category": ServiceCategory.FINANCE,
        "channel": Channel.COUNTER,
        "counter_info": counter("A20", "Pos Indonesia"),
        "legal_basis": "UU 38/2009 tentang Pos",
        **complaints(
            "Sampaikan kepada petugas gerai Pos Indonesia atau Halo Pos 1500161.",
            "Tell the officer at the Pos Indonesia booth or call Halo Pos 1500161.",
        ),
    },
)

POS = AgencySeed(
    slug="pos-indonesia",
    name="PT Pos Indonesia (Persero)",
    name_en="PT Pos Indonesia (national post)",
    short_name="Pos Indonesia",
    level=AgencyLevel.STATE_OWNED,
    booth="A20",
    website="https://www.posindonesia.co.id",
    description="Pengiriman surat dan paket, pembayaran tagihan, dan penjualan meterai.",
    description_en="Letters and parcels, bill payments and revenue stamps.",
    services=(
        _pos(
            slug="pos-kirim-paket",
            name="Pengiriman Surat dan Paket",
            name_en="Sending letters and parcels",
            summary="Pengiriman surat, dokumen, dan paket dalam dan luar negeri, termasuk pengiriman dokumen hasil layanan MPP.",
            summary_en="Sending letters, documents and parcels at home and abroad, including documents issued at the MPP.",
            keywords="kirim paket, kirim surat, kirim dokumen, kirim barang, pos kilat, ekspedisi",
            requirements=[
                r(
                    "Barang atau dokumen yang dikirim, dikemas rapi",
                    "The item or document, properly packed",
                    form=NA,
                ),
                r(
                    "Nama, alamat, dan nomor telepon penerima",
                    "Recipient's name, address and phone number",
                    form=NA,
                ),
            ],
            steps=steps(
                step_queue("Pos Indonesia"),
                (
                    "Petugas menimbang kiriman dan menghitung tarif.",
                    "The officer weighs the item and calculates the price.",
                ),
                (
                    "Bayar dan terima resi untuk melacak kiriman.",
                    "Pay and receive a receipt with the tracking number.",
                ),
            ),
            **takes(
                10,
                MIN,
                upto=20,
                note="Waktu di loket; lama pengiriman bergantung layanan dan tujuan.",
            ),
            **variable(
                note="Tarif menurut berat, ukuran, tujuan, dan jenis layanan; ditampilkan sebelum pembayaran.",
                basis="Ketentuan tarif PT Pos Indonesia",
            ),
            product="Resi pengiriman dengan nomor lacak",
            product_en="Receipt with tracking number",
            **src("Layanan umum PT Pos Indonesia"),
        ),
        _pos(
            slug="pos-pembayaran-tagihan",
            name="Pembayaran Tagihan di Kantor Pos",
            name_en="Paying bills at the post office",
            summary="Pembayaran berbagai tagihan (listrik, air, iuran BPJS, pajak, cicilan) di loket pos.",
            summary_en="Paying bills (electricity, water, BPJS contributions, taxes, instalments) at the post counter.",
            keywords="pospay, bayar tagihan di pos, bayar listrik di pos, bayar iuran bpjs di pos",
            requirements=[
                r("Nomor pelanggan atau kode bayar", "Customer number or payment code", form=NA)
            ],
            steps=steps(
                step_queue("Pos Indonesia"),
                (
                    "Petugas memeriksa tagihan berdasarkan nomor pelanggan.",
                    "The officer looks up the bill by customer number.",
                ),
                ("Bayar dan terima bukti pembayaran.", "Pay and receive the receipt."),
            ),
            **takes(5, MIN, upto=15, note=ESTIMATE),
            **variable(
                note="Nilai tagihan ditambah biaya administrasi per transaksi menurut jenis tagihan.",
                basis="Ketentuan tarif PT Pos Indonesia",
            ),
            product="Bukti pembayaran tagihan",
            product_en="Bill payment receipt",
            **src(
                "Layanan umum PT Pos Indonesia",
                confirm="jenis tagihan dan biaya administrasi yang berlaku di gerai",
            ),
        ),
        _pos(
            slug="pos-meterai",
            name="Penjualan Meterai Tempel Rp10.000",
            name_en="Revenue stamps (Rp10,000)",
            summary="Penjualan meterai tempel Rp10.000 untuk surat pernyataan, kuitansi, dan dokumen lain.",
            summary_en="Sale of Rp10,000 revenue stamps for statements, receipts and other documents.",
            keywords="meterai, materai, beli materai, meterai 10000, materai 10 ribu",
            requirements=[r("Jumlah meterai yang dibeli", "Number of stamps wanted", form=NA)],
            steps=steps(
                step_queue("Pos Indonesia"),
                (
                    "Sebutkan jumlah meterai; bayar dan terima meterai.",
                    "Say how many stamps you need; pay and receive them.",
                ),
                (
                    "Periksa keaslian meterai (hologram dan nomor seri).",
                    "Check the stamp is genuine (hologram and serial number).",
                ),
            ),
            **takes(5, MIN, note=ESTIMATE),
            **fixed(
                10_000, "UU 10/2020 tentang Bea Meterai", note="Rp10.000 per lembar meterai tempel."
            ),
            product="Meterai tempel Rp10.000",
            product_en="Rp10,000 revenue stamp",
            legal_basis="UU 10/2020 tentang Bea Meterai",
            category=ServiceCategory.TAX,
            **src("UU 10/2020"),
        ),
    ),
)

_taspen = partial(
    make,
    {
        "category": ServiceCategory.SOCIAL,
        "channel": Channel.COUNTER,
        "counter_info": counter("A21", "Taspen"),
        "legal_basis": "UU 11/1969 tentang Pensiun Pegawai dan Pensiun Janda/Duda Pegawai; PP 25/1981 tentang Asuransi Sosial PNS",
        **free(note="Pengajuan klaim tidak dipungut biaya."),
        **complaints(
            "Sampaikan kepada petugas gerai Taspen atau ke Kantor Cabang Taspen.",
            "Tell the officer at the Taspen booth or a Taspen branch office.",
        ),
    },
)
_TASPEN_CONFIRM = "persyaratan rinci, jangka waktu, dan layanan klaim di gerai MPP Ngawi"

TASPEN = AgencySeed(
    slug="taspen",
    name="PT Taspen (Persero)",
    name_en="PT Taspen (civil-service pension and savings insurer)",
    short_name="Taspen",
    level=AgencyLevel.STATE_OWNED,
    booth="A21",
    website="https://www.taspen.co.id",
    description="Asuransi sosial ASN: klaim pensiun, Tabungan Hari Tua (THT), dan otentikasi peserta pensiun.",
    description_en="Social insurance for civil servants: pension claims, old-age savings (THT) and pensioner authentication.",
    services=(
        _taspen(
            slug="taspen-klaim-pensiun",
            name="Klaim Hak Pensiun ASN (Pensiun Pertama)",
            name_en="First pension claim for civil servants",
            summary="Pengajuan pembayaran pensiun pertama bagi ASN yang memasuki masa pensiun, atau bagi janda/duda dan anak.",
            summary_en="Claim of the first pension payment for retiring civil servants, or for widows, widowers and children.",
            keywords="klaim pensiun, pensiun pns, pensiun asn, ambil pensiun, taspen pensiun",
            requirements=[
                r("SK pensiun", "Retirement decree"),
                KTP_FC,
                KK_FC,
                r("Buku tabungan atas nama peserta"),
                FOTO_3X4,
                r(
                    "Surat keterangan kematian dan surat nikah (untuk klaim janda/duda)",
                    "Death certificate and marriage certificate (for widow/widower claims)",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Taspen"),
                STEP_CHECK,
                (
                    "Perekaman data dan otentikasi peserta.",
                    "Data recording and authentication of the member.",
                ),
                (
                    "Pensiun dibayarkan ke rekening peserta.",
                    "The pension is paid into the member's account.",
                ),
            ),
            **takes(1, WD, upto=5),
            product="Surat Perintah Pembayaran pensiun dan pembayaran ke rekening",
            product_en="Pension payment order and payment into the account",
            **src("UU 11/1969", confirm=_TASPEN_CONFIRM),
        ),
        _taspen(
            slug="taspen-klaim-tht",
            name="Klaim Tabungan Hari Tua (THT) ASN",
            name_en="Old-age savings (THT) claim for civil servants",
            summary="Pencairan Tabungan Hari Tua saat ASN pensiun atau berhenti, atau oleh ahli warisnya.",
            summary_en="Payout of the old-age savings when a civil servant retires or leaves, or to the heirs.",
            keywords="tht taspen, klaim tht, tabungan hari tua pns, uang tht, pencairan taspen",
            requirements=[
                r("SK pensiun atau SK pemberhentian", "Retirement or discharge decree"),
                KTP_FC,
                r("Buku tabungan atas nama peserta"),
                r(
                    "Surat keterangan ahli waris (bila peserta meninggal)",
                    "Statement of heirs (if the member has died)",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Taspen"),
                STEP_CHECK,
                (
                    "Verifikasi data dan perhitungan manfaat THT.",
                    "The data are verified and the THT benefit calculated.",
                ),
                (
                    "Dana THT ditransfer ke rekening.",
                    "The THT money is transferred to the account.",
                ),
            ),
            **takes(1, WD, upto=5),
            product="Pembayaran THT ke rekening peserta atau ahli waris",
            product_en="THT payment to the member's or heirs' account",
            legal_basis="PP 25/1981 tentang Asuransi Sosial PNS",
            **src("PP 25/1981", confirm=_TASPEN_CONFIRM),
        ),
        _taspen(
            slug="taspen-otentikasi",
            name="Otentikasi Peserta Pensiun",
            name_en="Pensioner authentication",
            summary="Otentikasi berkala bahwa pensiunan masih hidup agar pembayaran pensiun tetap berjalan; dapat juga lewat aplikasi Taspen.",
            summary_en="Regular proof that a pensioner is alive so pension payments continue; can also be done in the Taspen app.",
            keywords="otentikasi taspen, lapor hidup, tanda hidup pensiunan, verifikasi pensiunan",
            channel=Channel.BOTH,
            requirements=[KTP_ORI, r("Kartu peserta/nomor kepesertaan", form=NA)],
            steps=steps(
                step_queue("Taspen"),
                (
                    "Petugas melakukan otentikasi wajah atau sidik jari.",
                    "The officer carries out face or fingerprint authentication.",
                ),
                ("Status otentikasi diperbarui.", "The authentication status is updated."),
            ),
            **takes(10, MIN, upto=20, note=ESTIMATE),
            product="Status otentikasi peserta pensiun yang diperbarui",
            product_en="Updated pensioner authentication status",
            **src("Layanan umum Taspen", confirm=_TASPEN_CONFIRM),
        ),
    ),
)

AGENCIES = [KPP, BAPENDA, BANK_JATIM, BRI, PEGADAIAN, POS, TASPEN]
