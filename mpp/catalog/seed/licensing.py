# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Licences: DPMPTSP (business licensing, klinik OSS, buildings, health-worker practice
licences), and the technical offices that issue environmental and food-hygiene papers.

Business licensing is risk-based through OSS (PP 5/2021, replaced by PP 28/2025: one actor, one
NIB). The NIB is free. Ngawi's PBG levy formula and most local turnaround times are not public.
"""

from __future__ import annotations

from functools import partial

from mpp.catalog.enums import AgencyLevel, Channel, ServiceCategory
from mpp.catalog.seed.common import (
    FOTO_4X6,
    KONTAK,
    KTP_FC,
    KTP_SHOW,
    MIN,
    NA,
    NIB,
    NO_FEE,
    ORI,
    PERDA_NGAWI,
    STEP_CHECK,
    STEP_PICKUP,
    STR,
    TEMPAT_PRAKTIK,
    WD,
    AgencySeed,
    complaints,
    counter,
    free,
    make,
    r,
    src,
    step_queue,
    steps,
    takes,
    variable,
)

OSS_URL = "https://oss.go.id"
OSS_LAW = (
    "UU 6/2023 (Cipta Kerja); PP 28/2025 tentang Penyelenggaraan Perizinan Berusaha Berbasis "
    "Risiko (menggantikan PP 5/2021)"
)
OSS_SOURCES = ("ukmindonesia.id", "smartlegal.id 2025/07/23", "satoeasa.com", "pushandaka.com")

_COMPLAINTS_DPMPTSP = complaints(
    "Sampaikan kepada petugas pengaduan DPMPTSP di MPP (DPMPTSP adalah pengelola MPP Ngawi).",
    "Tell the DPMPTSP complaints officer in the MPP (DPMPTSP runs MPP Ngawi).",
)

_dpmptsp = partial(
    make,
    {
        "category": ServiceCategory.LICENSING,
        "channel": Channel.BOTH,
        "online_url": OSS_URL,
        "counter_info": counter("A02", "DPMPTSP"),
        "legal_basis": OSS_LAW,
        **_COMPLAINTS_DPMPTSP,
    },
)

_STEP_OSS_ACCOUNT = (
    "Buat atau masuk ke akun OSS (oss.go.id); petugas klinik OSS membantu bila diperlukan.",
    "Create or log in to an OSS account (oss.go.id); the OSS clinic staff help if needed.",
)
_STEP_OSS_FILL = (
    "Isi data usaha, pilih KBLI, lokasi, modal, dan jumlah tenaga kerja; sistem menentukan tingkat risiko usaha.",
    "Enter the business data, choose the KBLI code, location, capital and workforce; the system sets the risk level.",
)

# Health-worker practice licences share requirements and steps; only the profession differs.
_SIP_LAW = "UU 17/2023 tentang Kesehatan; PP 28/2024 tentang Peraturan Pelaksanaan UU 17/2023"
_SIP_STEPS = steps(
    step_queue("DPMPTSP"),
    STEP_CHECK,
    (
        "DPMPTSP meminta pertimbangan teknis Dinas Kesehatan, termasuk verifikasi tempat praktik bila perlu.",
        "DPMPTSP asks the Health Office for a technical review, including a check of the place of practice if needed.",
    ),
    (
        "Surat izin praktik ditandatangani secara elektronik dan diterbitkan.",
        "The practice licence is signed electronically and issued.",
    ),
    STEP_PICKUP,
)
_SIP_REQUIREMENTS = [
    KTP_FC,
    STR,
    TEMPAT_PRAKTIK,
    r("Surat keterangan sehat dari dokter", form=ORI),
    FOTO_4X6,
    r(
        "Surat izin praktik lama (untuk perpanjangan atau perubahan)",
        "Previous practice licence (for renewal or change)",
        optional=True,
    ),
]
_SIP_FEE = free(
    note="Izin praktik tidak termasuk objek retribusi daerah menurut UU 1/2022, sehingga tidak dipungut biaya.",
    basis="UU 1/2022 tentang Hubungan Keuangan Pusat dan Daerah",
)
_SIP_TIME = takes(3, WD, upto=5)
_SIP_CONFIRM = (
    "persyaratan setelah UU 17/2023 (rekomendasi organisasi profesi tidak lagi disebut) dan "
    "jangka waktu menurut SK standar pelayanan DPMPTSP Ngawi"
)


def _sip(*, slug: str, name: str, name_en: str, who: str, who_en: str, keywords: str, product: str):
    return _dpmptsp(
        slug=slug,
        name=name,
        name_en=name_en,
        summary=f"Penerbitan atau perpanjangan surat izin praktik bagi {who} yang berpraktik di Kabupaten Ngawi.",
        summary_en=f"Issue or renewal of the practice licence for {who_en} practising in Ngawi Regency.",
        keywords=keywords,
        category=ServiceCategory.HEALTH,
        channel=Channel.COUNTER,
        online_url="",
        requirements=list(_SIP_REQUIREMENTS),
        steps=list(_SIP_STEPS),
        **_SIP_TIME,
        **_SIP_FEE,
        product=product,
        product_en=f"Practice licence for {who_en}",
        legal_basis=_SIP_LAW,
        **src(
            "magetankita.com (izin tenaga kesehatan sebagai layanan pertama MPP Digital)",
            "pawartajatim.com (SKB perizinan tenaga kesehatan, 9 Sep 2025)",
            confirm=_SIP_CONFIRM,
        ),
    )


DPMPTSP = AgencySeed(
    slug="dpmptsp",
    name="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Ngawi",
    name_en="Investment and One-Stop Integrated Services Office of Ngawi Regency",
    short_name="DPMPTSP",
    level=AgencyLevel.REGENCY,
    booth="A02",
    website="https://ngawikab.go.id",
    description=(
        "Pengelola MPP Ngawi. Melayani perizinan berusaha berbasis risiko lewat OSS dengan "
        "pendampingan klinik OSS, persetujuan bangunan gedung, izin praktik tenaga kesehatan, dan "
        "perizinan daerah lainnya."
    ),
    description_en=(
        "Runs MPP Ngawi. Handles risk-based business licensing through OSS with help from the OSS "
        "clinic, building approvals, health workers' practice licences and other regional licences."
    ),
    services=(
        _dpmptsp(
            slug="nib-oss",
            name="Nomor Induk Berusaha (NIB) lewat OSS",
            name_en="Business identification number (NIB) through OSS",
            summary="Pendaftaran usaha dan penerbitan NIB gratis lewat OSS dengan pendampingan klinik OSS di MPP.",
            summary_en="Free business registration and NIB through OSS, with help from the OSS clinic at the MPP.",
            keywords="nib, oss, izin usaha, nomor induk berusaha, daftar usaha, izin umkm, siup, tdp, bikin izin usaha",
            requirements=[
                KTP_FC,
                KONTAK,
                r(
                    "Data usaha: alamat, bidang usaha (KBLI), modal, dan jumlah tenaga kerja",
                    "Business data: address, line of business (KBLI), capital and workforce",
                    form=NA,
                ),
                r("NPWP badan usaha", optional=True, note="Untuk badan usaha."),
                r(
                    "Akta pendirian badan usaha dan SK pengesahan",
                    optional=True,
                    note="Untuk badan usaha.",
                ),
            ],
            steps=steps(
                step_queue("DPMPTSP (klinik OSS)"),
                _STEP_OSS_ACCOUNT,
                _STEP_OSS_FILL,
                (
                    "NIB terbit otomatis; usaha risiko rendah cukup dengan NIB, risiko lebih tinggi melanjutkan ke sertifikat standar atau izin.",
                    "The NIB is issued automatically; a low-risk business needs only the NIB, higher risks continue to a standard certificate or licence.",
                ),
                (
                    "Unduh atau cetak NIB dari akun OSS.",
                    "Download or print the NIB from the OSS account.",
                ),
            ),
            **takes(
                30,
                MIN,
                upto=60,
                note="NIB terbit seketika bila data lengkap; waktu di atas adalah perkiraan pendampingan.",
            ),
            **free(note="NIB tidak dipungut biaya.", basis="PP 28/2025"),
            product="Nomor Induk Berusaha (13 digit), berlaku juga sebagai TDP, angka pengenal impor, akses kepabeanan, dan pendaftaran BPJS",
            product_en="Business identification number (13 digits), also serving as company registration, importer ID, customs access and BPJS registration",
            **src(*OSS_SOURCES),
        ),
        _dpmptsp(
            slug="konsultasi-oss",
            name="Klinik OSS: Konsultasi Perizinan Berusaha",
            name_en="OSS clinic: business licensing advice",
            summary="Konsultasi tatap muka tentang perizinan berusaha, pemilihan KBLI, dan kendala akun OSS.",
            summary_en="Face-to-face advice on business licensing, choosing KBLI codes and OSS account problems.",
            keywords="klinik oss, konsultasi izin, tanya izin usaha, bantuan oss, lupa password oss, kbli",
            requirements=[
                KTP_SHOW,
                r(
                    "Dokumen usaha yang ingin dikonsultasikan",
                    "Business documents you want advice on",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("DPMPTSP (klinik OSS)"),
                (
                    "Sampaikan kebutuhan atau kendala perizinan kepada petugas.",
                    "Explain your licensing need or problem to the officer.",
                ),
                (
                    "Petugas menjelaskan jenis izin, persyaratan, dan langkah di OSS, atau membantu memulihkan akun.",
                    "The officer explains the licence, requirements and OSS steps, or helps recover the account.",
                ),
            ),
            **takes(30, MIN, upto=60, note="Perkiraan lama konsultasi."),
            **free(note="Konsultasi tidak dipungut biaya."),
            product="Penjelasan dan pendampingan perizinan",
            product_en="Licensing advice and assistance",
            **src("news.republika.co.id/berita/r9b44m485 (klinik OSS di MPP Ngawi)"),
        ),
        _dpmptsp(
            slug="sertifikat-standar-oss",
            name="Sertifikat Standar Usaha (Risiko Menengah)",
            name_en="Standard certificate for medium-risk businesses",
            summary="Penerbitan sertifikat standar lewat OSS bagi usaha risiko menengah rendah (pernyataan mandiri) dan menengah tinggi (diverifikasi).",
            summary_en="Standard certificate through OSS for medium-low risk businesses (self-declared) and medium-high risk ones (verified).",
            keywords="sertifikat standar, ss oss, izin risiko menengah, verifikasi sertifikat standar",
            requirements=[
                NIB,
                r(
                    "Pernyataan pemenuhan standar usaha",
                    "Declaration of compliance with the business standard",
                    form=NA,
                ),
                r(
                    "Dokumen teknis sesuai standar sektor (denah, daftar peralatan, tenaga ahli, dan sebagainya)",
                    "Technical documents required by the sector standard (floor plan, equipment list, experts, etc.)",
                ),
            ],
            steps=steps(
                step_queue("DPMPTSP (klinik OSS)"),
                _STEP_OSS_ACCOUNT,
                (
                    "Ajukan sertifikat standar dan unggah dokumen di OSS.",
                    "Apply for the standard certificate and upload the documents in OSS.",
                ),
                (
                    "Risiko menengah rendah: sertifikat terbit atas pernyataan. Risiko menengah tinggi: dinas teknis memverifikasi pemenuhan standar.",
                    "Medium-low risk: issued on the declaration. Medium-high risk: the technical office verifies compliance.",
                ),
                (
                    "Unduh sertifikat standar dari akun OSS.",
                    "Download the certificate from the OSS account.",
                ),
            ),
            **takes(
                1,
                WD,
                note="Pernyataan mandiri terbit seketika; verifikasi dinas teknis mengikuti norma waktu sektor.",
            ),
            **free(
                note="Tidak dipungut biaya oleh DPMPTSP; biaya pemenuhan standar (uji, dokumen teknis) ditanggung pelaku usaha."
            ),
            product="Sertifikat Standar di akun OSS",
            product_en="Standard certificate in the OSS account",
            **src(
                *OSS_SOURCES,
                confirm="jangka waktu verifikasi risiko menengah tinggi per sektor di Ngawi",
            ),
        ),
        _dpmptsp(
            slug="pbg",
            name="Persetujuan Bangunan Gedung (PBG)",
            name_en="Building approval (PBG, formerly IMB)",
            summary="Persetujuan untuk membangun, mengubah, atau merawat bangunan gedung sesuai standar teknis, pengganti IMB.",
            summary_en="Approval to build, alter or maintain a building to the technical standards; replaces the old IMB permit.",
            keywords="pbg, imb, izin mendirikan bangunan, izin bangun rumah, persetujuan bangunan gedung, simbg",
            online_url="https://simbg.pu.go.id",
            requirements=[
                KTP_FC,
                r(
                    "Bukti hak atas tanah (sertifikat) atau perjanjian pemanfaatan tanah",
                    "Proof of land rights (title certificate) or a land-use agreement",
                ),
                r(
                    "Gambar rencana teknis: arsitektur, struktur, dan utilitas",
                    "Technical design drawings: architecture, structure and utilities",
                ),
                r(
                    "Data penyedia jasa perencana (untuk bangunan bukan rumah sederhana)",
                    "Details of the design consultant (for buildings other than simple houses)",
                    optional=True,
                ),
                r(
                    "KKPR atau informasi tata ruang (untuk bangunan usaha)",
                    "Spatial-use conformity (KKPR) or zoning information (for business buildings)",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("DPMPTSP"),
                (
                    "Daftar dan unggah dokumen di SIMBG (simbg.pu.go.id).",
                    "Register and upload the documents in SIMBG (simbg.pu.go.id).",
                ),
                (
                    "Konsultasi dan pemeriksaan dokumen oleh Tim Profesi Ahli atau Tim Penilai Teknis.",
                    "Consultation and document review by the expert panel or technical assessors.",
                ),
                (
                    "Penghitungan retribusi dan penerbitan SKRD; bayar retribusi.",
                    "The levy is calculated and an assessment (SKRD) issued; pay the levy.",
                ),
                (
                    "PBG diterbitkan di SIMBG setelah retribusi dibayar.",
                    "The PBG is issued in SIMBG after payment.",
                ),
            ),
            **takes(
                28,
                WD,
                note="Batas total yang umum dikutip dari PP 16/2021; bergantung kelengkapan dan hasil konsultasi.",
            ),
            **variable(
                note="Retribusi PBG = luas total lantai × indeks lokalitas × standar harga satuan tertinggi (SHST) bangunan × indeks terintegrasi × indeks bangunan terbangun (PP 16/2021). Besaran indeks dan SHST Kabupaten Ngawi ditetapkan dalam Perda PDRD dan belum dipublikasikan; petugas menghitungnya saat penilaian.",
                basis=f"PP 16/2021; {PERDA_NGAWI}",
            ),
            product="Dokumen PBG dan SKRD/bukti bayar retribusi",
            product_en="Building approval (PBG) with the levy assessment and receipt",
            legal_basis="UU 28/2002 jo. UU 6/2023; PP 16/2021 tentang Bangunan Gedung",
            **src(
                "sinovda.balangankab.go.id (IMB diganti PBG)",
                confirm="formula dan tarif retribusi PBG Ngawi belum dipublikasikan; jangka waktu 28 hari kerja perlu dicek ke PP 16/2021",
            ),
        ),
        _dpmptsp(
            slug="slf",
            name="Sertifikat Laik Fungsi (SLF)",
            name_en="Certificate of fitness for use (SLF)",
            summary="Sertifikat bahwa bangunan gedung yang selesai dibangun sesuai PBG dan layak digunakan.",
            summary_en="Certificate that a finished building matches its approval (PBG) and is fit for use.",
            keywords="slf, sertifikat laik fungsi, laik fungsi bangunan, izin penggunaan bangunan",
            online_url="https://simbg.pu.go.id",
            requirements=[
                r("PBG", "Building approval (PBG)"),
                r(
                    "Surat pernyataan kelaikan fungsi dari pengkaji teknis atau penyedia jasa pengawasan",
                    "Statement of fitness for use from the technical assessor or supervising consultant",
                    form=ORI,
                ),
                r("Gambar terbangun (as-built drawing)", "As-built drawings"),
                KTP_FC,
            ],
            steps=steps(
                step_queue("DPMPTSP"),
                (
                    "Ajukan SLF di SIMBG dan unggah dokumen.",
                    "Apply for the SLF in SIMBG and upload the documents.",
                ),
                (
                    "Pemeriksaan dokumen dan, bila perlu, peninjauan lapangan.",
                    "Document review and, if needed, a site inspection.",
                ),
                ("SLF dan label SLF diterbitkan.", "The SLF and its label are issued."),
            ),
            **takes(3, WD, upto=14),
            **free(note="Retribusi dikenakan pada PBG; penerbitan SLF tidak dipungut retribusi."),
            product="Sertifikat Laik Fungsi dan label SLF",
            product_en="Certificate of fitness for use and its label",
            legal_basis="PP 16/2021 tentang Bangunan Gedung",
            **src("sinovda.balangankab.go.id", confirm="biaya dan jangka waktu SLF di Ngawi"),
        ),
        _dpmptsp(
            slug="kkpr",
            name="Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR) untuk Berusaha",
            name_en="Spatial-use conformity (KKPR) for a business",
            summary="Konfirmasi atau persetujuan bahwa lokasi usaha sesuai rencana tata ruang, diajukan lewat OSS.",
            summary_en="Confirmation or approval, through OSS, that a business location fits the spatial plan.",
            keywords="kkpr, pkkpr, kesesuaian tata ruang, izin lokasi, tata ruang usaha, itr",
            requirements=[
                r(
                    "Koordinat lokasi (poligon) rencana kegiatan",
                    "Coordinates (polygon) of the planned activity",
                    form=NA,
                ),
                r(
                    "Rencana luas tanah dan bangunan serta jenis kegiatan",
                    "Planned land and floor area and the type of activity",
                    form=NA,
                ),
                r("Bukti penguasaan tanah", "Proof of control of the land"),
                KTP_FC,
            ],
            steps=steps(
                step_queue("DPMPTSP (klinik OSS)"),
                _STEP_OSS_ACCOUNT,
                (
                    "Ajukan KKPR di OSS dengan memasukkan koordinat lokasi.",
                    "Apply for KKPR in OSS with the site coordinates.",
                ),
                (
                    "Lokasi yang sudah memiliki RDTR mendapat konfirmasi otomatis; lainnya dinilai oleh forum penataan ruang.",
                    "Where a detailed spatial plan exists the confirmation is automatic; otherwise the spatial planning forum assesses it.",
                ),
                ("Unduh KKPR dari akun OSS.", "Download the KKPR from the OSS account."),
            ),
            **takes(
                1,
                WD,
                upto=20,
                note="Konfirmasi otomatis di wilayah ber-RDTR; penilaian persetujuan lebih lama.",
            ),
            **variable(
                note="Usaha mikro dan kecil cukup pernyataan mandiri tanpa biaya. Persetujuan KKPR untuk usaha lain dikenai PNBP Kementerian ATR/BPN menurut luas lahan; besarannya ditampilkan di OSS.",
                basis="PP 21/2021 tentang Penyelenggaraan Penataan Ruang; ketentuan PNBP Kementerian ATR/BPN",
            ),
            product="KKPR (konfirmasi atau persetujuan) di akun OSS",
            product_en="KKPR confirmation or approval in the OSS account",
            **src(*OSS_SOURCES, confirm="tarif PNBP KKPR dan jangka waktu penilaian di Ngawi"),
        ),
        _sip(
            slug="sip-dokter",
            name="Surat Izin Praktik (SIP) Dokter dan Dokter Spesialis",
            name_en="Practice licence (SIP) for doctors and specialists",
            who="dokter dan dokter spesialis",
            who_en="doctors and specialists",
            keywords="sip dokter, izin praktik dokter, izin praktek dokter, surat izin praktik dokter, sip dokter spesialis",
            product="Surat Izin Praktik Dokter",
        ),
        _sip(
            slug="sip-dokter-gigi",
            name="Surat Izin Praktik (SIP) Dokter Gigi",
            name_en="Practice licence (SIP) for dentists",
            who="dokter gigi dan dokter gigi spesialis",
            who_en="dentists",
            keywords="sip drg, sip dokter gigi, izin praktik dokter gigi, izin praktek dokter gigi",
            product="Surat Izin Praktik Dokter Gigi",
        ),
        _sip(
            slug="sip-bidan",
            name="Surat Izin Praktik Bidan (SIPB)",
            name_en="Practice licence for midwives (SIPB)",
            who="bidan, termasuk praktik mandiri bidan",
            who_en="midwives, including independent midwife practices",
            keywords="sipb, sip bidan, izin praktik bidan, izin bidan mandiri, praktik mandiri bidan",
            product="Surat Izin Praktik Bidan",
        ),
        _sip(
            slug="sip-perawat",
            name="Surat Izin Praktik Perawat (SIPP)",
            name_en="Practice licence for nurses (SIPP)",
            who="perawat, termasuk praktik mandiri perawat",
            who_en="nurses, including independent nursing practices",
            keywords="sipp, sip perawat, izin praktik perawat, izin perawat mandiri",
            product="Surat Izin Praktik Perawat",
        ),
        _sip(
            slug="sip-apoteker",
            name="Surat Izin Praktik Apoteker (SIPA)",
            name_en="Practice licence for pharmacists (SIPA)",
            who="apoteker di apotek, instalasi farmasi, atau fasilitas kefarmasian lain",
            who_en="pharmacists in pharmacies and other pharmaceutical facilities",
            keywords="sipa, sip apoteker, izin praktik apoteker, izin apoteker",
            product="Surat Izin Praktik Apoteker",
        ),
        _sip(
            slug="sip-ttk",
            name="Surat Izin Praktik Tenaga Teknis Kefarmasian (SIPTTK)",
            name_en="Practice licence for pharmacy technicians (SIPTTK)",
            who="tenaga teknis kefarmasian",
            who_en="pharmacy technicians",
            keywords="sipttk, sip ttk, izin tenaga teknis kefarmasian, izin asisten apoteker",
            product="Surat Izin Praktik Tenaga Teknis Kefarmasian",
        ),
        _sip(
            slug="sip-nakes-lain",
            name="Surat Izin Praktik Tenaga Kesehatan Lain",
            name_en="Practice licence for other health workers",
            who="tenaga kesehatan lain seperti fisioterapis, ahli gizi, radiografer, ahli teknologi laboratorium medik, dan perekam medis",
            who_en="other health workers such as physiotherapists, nutritionists, radiographers, medical laboratory technologists and medical recorders",
            keywords="sip fisioterapis, sip ahli gizi, sip radiografer, sip atlm, sip analis kesehatan, izin praktik tenaga kesehatan",
            product="Surat Izin Praktik sesuai profesi tenaga kesehatan",
        ),
        _dpmptsp(
            slug="izin-apotek",
            name="Izin Apotek",
            name_en="Pharmacy licence",
            summary="Perizinan berusaha apotek lewat OSS, diverifikasi Dinas Kesehatan.",
            summary_en="Business licence for a pharmacy through OSS, verified by the Health Office.",
            keywords="izin apotek, buka apotek, sertifikat standar apotek, izin usaha apotek",
            category=ServiceCategory.HEALTH,
            requirements=[
                NIB,
                r(
                    "SIPA apoteker penanggung jawab",
                    "Practice licence (SIPA) of the responsible pharmacist",
                ),
                r(
                    "Denah bangunan dan data sarana prasarana",
                    "Floor plan and details of the premises",
                ),
                r("Daftar peralatan dan perlengkapan apotek", "List of pharmacy equipment"),
            ],
            steps=steps(
                step_queue("DPMPTSP (klinik OSS)"),
                _STEP_OSS_ACCOUNT,
                (
                    "Ajukan perizinan apotek dan unggah dokumen di OSS.",
                    "Apply for the pharmacy licence and upload the documents in OSS.",
                ),
                (
                    "Dinas Kesehatan memverifikasi dan meninjau lokasi.",
                    "The Health Office verifies and inspects the premises.",
                ),
                ("Izin terbit di akun OSS.", "The licence is issued in the OSS account."),
            ),
            **takes(5, WD, upto=14),
            **free(note="Tidak dipungut retribusi."),
            product="Perizinan berusaha apotek di akun OSS",
            product_en="Pharmacy business licence in the OSS account",
            legal_basis=f"{OSS_LAW}; UU 17/2023 tentang Kesehatan",
            **src(*OSS_SOURCES, confirm="jangka waktu verifikasi dan persyaratan rinci di Ngawi"),
        ),
        _dpmptsp(
            slug="izin-klinik",
            name="Izin Operasional Klinik Pratama",
            name_en="Operating licence for a primary clinic",
            summary="Perizinan berusaha klinik pratama lewat OSS, diverifikasi Dinas Kesehatan.",
            summary_en="Business licence for a primary clinic through OSS, verified by the Health Office.",
            keywords="izin klinik, klinik pratama, izin operasional klinik, buka klinik",
            category=ServiceCategory.HEALTH,
            requirements=[
                NIB,
                r("Profil klinik dan struktur organisasi", "Clinic profile and organisation chart"),
                r(
                    "SIP tenaga medis dan tenaga kesehatan",
                    "Practice licences of the medical and health staff",
                ),
                r(
                    "Denah bangunan, daftar sarana, prasarana, dan peralatan",
                    "Floor plan and list of facilities and equipment",
                ),
                r(
                    "PBG dan SLF bangunan",
                    "Building approval (PBG) and certificate of fitness (SLF)",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("DPMPTSP (klinik OSS)"),
                _STEP_OSS_ACCOUNT,
                (
                    "Ajukan perizinan klinik dan unggah dokumen di OSS.",
                    "Apply for the clinic licence and upload the documents in OSS.",
                ),
                (
                    "Dinas Kesehatan memverifikasi dokumen dan meninjau klinik.",
                    "The Health Office verifies the documents and inspects the clinic.",
                ),
                ("Izin terbit di akun OSS.", "The licence is issued in the OSS account."),
            ),
            **takes(5, WD, upto=14),
            **free(note="Tidak dipungut retribusi."),
            product="Perizinan berusaha klinik di akun OSS",
            product_en="Clinic business licence in the OSS account",
            legal_basis=f"{OSS_LAW}; UU 17/2023 tentang Kesehatan",
            **src(*OSS_SOURCES, confirm="jangka waktu verifikasi dan persyaratan rinci di Ngawi"),
        ),
        _dpmptsp(
            slug="spp-irt",
            name="Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)",
            name_en="Home-industry food production certificate (SPP-IRT)",
            summary="Izin edar pangan olahan rumahan (P-IRT) lewat OSS setelah penyuluhan keamanan pangan dan pemeriksaan sarana.",
            summary_en="Registration of home-made processed food (P-IRT) through OSS after food-safety training and a premises check.",
            keywords="pirt, p-irt, spp irt, spp-irt, izin pirt, izin makanan rumahan, izin produk makanan",
            category=ServiceCategory.HEALTH,
            requirements=[
                NIB,
                r(
                    "Sertifikat Penyuluhan Keamanan Pangan (PKP)",
                    "Food-safety training certificate (PKP)",
                ),
                r("Rancangan label kemasan produk", "Draft product label"),
                r(
                    "Hasil pemeriksaan sarana produksi oleh Dinas Kesehatan",
                    "Result of the Health Office's check of the production premises",
                ),
            ],
            steps=steps(
                step_queue("DPMPTSP (klinik OSS)"),
                (
                    "Ikuti penyuluhan keamanan pangan di Dinas Kesehatan.",
                    "Attend the food-safety training at the Health Office.",
                ),
                (
                    "Ajukan SPP-IRT di OSS dan unggah dokumen.",
                    "Apply for the SPP-IRT in OSS and upload the documents.",
                ),
                (
                    "Petugas Dinas Kesehatan memeriksa sarana produksi.",
                    "Health Office staff inspect the production premises.",
                ),
                (
                    "SPP-IRT dan nomor P-IRT terbit di akun OSS.",
                    "The SPP-IRT and the P-IRT number are issued in the OSS account.",
                ),
            ),
            **takes(5, WD, upto=14),
            **NO_FEE,
            product="SPP-IRT dengan nomor P-IRT",
            product_en="SPP-IRT certificate with a P-IRT number",
            legal_basis=f"{OSS_LAW}; Peraturan BPOM 22/2018 tentang Pedoman Pemberian SPP-IRT",
            **src(*OSS_SOURCES, confirm="jangka waktu dan jadwal penyuluhan di Ngawi"),
        ),
        _dpmptsp(
            slug="izin-reklame",
            name="Izin Penyelenggaraan Reklame",
            name_en="Advertising permit (billboards, banners)",
            summary="Izin memasang reklame seperti baliho, papan reklame, atau spanduk di wilayah Kabupaten Ngawi.",
            summary_en="Permit to put up advertising such as billboards, signboards or banners in Ngawi Regency.",
            keywords="izin reklame, pasang baliho, izin spanduk, izin billboard, izin papan reklame, izin umbul-umbul",
            channel=Channel.COUNTER,
            online_url="",
            requirements=[
                KTP_FC,
                r(
                    "Desain, ukuran, dan jumlah reklame",
                    "Design, size and number of advertisements",
                ),
                r("Foto dan denah lokasi pemasangan", "Photo and map of the location"),
                r(
                    "Izin atau persetujuan pemilik lahan/bangunan",
                    "Permission of the land or building owner",
                    form=ORI,
                ),
            ],
            steps=steps(
                step_queue("DPMPTSP"),
                STEP_CHECK,
                (
                    "Peninjauan lokasi dan penetapan pajak reklame oleh Bapenda.",
                    "Site check and assessment of the advertisement tax by Bapenda.",
                ),
                (
                    "Bayar pajak reklame; izin diterbitkan.",
                    "Pay the advertisement tax; the permit is issued.",
                ),
                STEP_PICKUP,
            ),
            **takes(3, WD, upto=7),
            **variable(
                note="Izin tidak dipungut retribusi, tetapi reklame dikenai pajak reklame yang dihitung dari nilai sewa reklame (ukuran, lokasi, lama pemasangan) menurut Perda PDRD Ngawi.",
                basis=PERDA_NGAWI,
            ),
            product="Izin penyelenggaraan reklame dan bukti pajak reklame",
            product_en="Advertising permit and advertisement-tax receipt",
            category=ServiceCategory.LICENSING,
            legal_basis=f"UU 1/2022; {PERDA_NGAWI}",
            **src(
                "jurnaba.co (pajak daerah kabupaten)",
                confirm="tarif pajak reklame, persyaratan, dan jangka waktu di Ngawi",
            ),
        ),
        _dpmptsp(
            slug="izin-satuan-pendidikan",
            name="Izin Pendirian dan Operasional Satuan Pendidikan Swasta",
            name_en="Licence to establish and run a private school (PAUD, SD, SMP)",
            summary="Izin pendirian dan operasional PAUD, TK, SD, dan SMP yang diselenggarakan masyarakat.",
            summary_en="Licence to establish and run community-run early-childhood, primary and junior secondary schools.",
            keywords="izin paud, izin tk, izin sekolah swasta, izin operasional sekolah, pendirian sekolah",
            category=ServiceCategory.LICENSING,
            channel=Channel.COUNTER,
            online_url="",
            requirements=[
                r(
                    "Akta pendirian yayasan/badan hukum penyelenggara dan SK pengesahan",
                    "Deed of the foundation or legal entity running the school and its approval decree",
                ),
                r(
                    "Kurikulum, data pendidik, dan tenaga kependidikan",
                    "Curriculum and details of teachers and staff",
                ),
                r(
                    "Bukti hak atas tanah dan bangunan sekolah",
                    "Proof of rights to the school's land and building",
                ),
                r(
                    "Rekomendasi Dinas Pendidikan dan Kebudayaan",
                    "Recommendation from the Education and Culture Office",
                    form=ORI,
                ),
            ],
            steps=steps(
                step_queue("DPMPTSP"),
                STEP_CHECK,
                (
                    "Verifikasi lapangan oleh Dinas Pendidikan dan Kebudayaan.",
                    "Site verification by the Education and Culture Office.",
                ),
                ("Izin ditandatangani dan diterbitkan.", "The licence is signed and issued."),
                STEP_PICKUP,
            ),
            **takes(7, WD, upto=14),
            **NO_FEE,
            product="Izin pendirian/operasional satuan pendidikan",
            product_en="School establishment/operating licence",
            legal_basis="UU 20/2003 tentang Sistem Pendidikan Nasional; PP 28/2025",
            **src(
                "Perizinan daerah yang lazim di DPMPTSP kabupaten",
                confirm="jenis izin, persyaratan, dan jangka waktu di Ngawi",
            ),
        ),
    ),
)

_dlh = partial(
    make,
    {
        "category": ServiceCategory.LICENSING,
        "channel": Channel.COUNTER,
        "counter_info": counter("B04", "DLH"),
        "legal_basis": "UU 32/2009 jo. UU 6/2023; PP 22/2021 tentang Penyelenggaraan Perlindungan dan Pengelolaan Lingkungan Hidup",
        **complaints(
            "Sampaikan kepada petugas gerai Dinas Lingkungan Hidup.",
            "Tell the officer at the Environment Office booth.",
        ),
    },
)
_DLH_CONFIRM = "keberadaan gerai DLH di MPP Ngawi, persyaratan, dan jangka waktu setempat"

DLH = AgencySeed(
    slug="dlh",
    name="Dinas Lingkungan Hidup Kabupaten Ngawi",
    name_en="Environment Office of Ngawi Regency",
    short_name="DLH",
    level=AgencyLevel.REGENCY,
    booth="B04",
    website="https://ngawikab.go.id",
    description="Dokumen lingkungan untuk usaha (SPPL, UKL-UPL) dan pengaduan pencemaran atau kerusakan lingkungan.",
    description_en="Environmental documents for businesses (SPPL, UKL-UPL) and complaints about pollution or environmental damage.",
    services=(
        _dlh(
            slug="dlh-sppl",
            name="Surat Pernyataan Kesanggupan Pengelolaan Lingkungan (SPPL)",
            name_en="Environmental management statement (SPPL) for low-impact businesses",
            summary="Pernyataan kesanggupan mengelola dan memantau lingkungan bagi usaha berdampak kecil, diterbitkan bersama NIB di OSS.",
            summary_en="Commitment to manage and monitor environmental impact for low-impact businesses, issued with the NIB in OSS.",
            keywords="sppl, spplh, surat pernyataan lingkungan, izin lingkungan usaha kecil",
            channel=Channel.BOTH,
            online_url=OSS_URL,
            requirements=[
                NIB,
                r(
                    "Uraian kegiatan usaha dan dampak lingkungannya",
                    "Description of the business and its environmental impact",
                    form=NA,
                ),
            ],
            steps=steps(
                step_queue("DLH"),
                (
                    "Isi pernyataan kesanggupan di OSS saat mengurus NIB.",
                    "Fill in the commitment in OSS while applying for the NIB.",
                ),
                (
                    "Petugas DLH membantu pengisian dan memeriksa kesesuaian jenis usaha.",
                    "Environment Office staff help fill it in and check it fits the type of business.",
                ),
            ),
            **takes(30, MIN, upto=60, note="Perkiraan; SPPL terbit bersama NIB."),
            **NO_FEE,
            product="SPPL yang terintegrasi dengan NIB",
            product_en="SPPL linked to the NIB",
            **src(*OSS_SOURCES, confirm=_DLH_CONFIRM),
        ),
        _dlh(
            slug="dlh-ukl-upl",
            name="Persetujuan Lingkungan (UKL-UPL)",
            name_en="Environmental approval (UKL-UPL)",
            summary="Pemeriksaan formulir UKL-UPL dan penerbitan Persetujuan Kesesuaian Pengelolaan Lingkungan Hidup (PKPLH) lewat Amdalnet.",
            summary_en="Review of the UKL-UPL environmental management form and issue of the environmental approval (PKPLH) through Amdalnet.",
            keywords="ukl upl, ukl-upl, persetujuan lingkungan, pkplh, amdalnet, dokumen lingkungan",
            channel=Channel.BOTH,
            online_url="https://amdalnet.menlhk.go.id",
            requirements=[
                NIB,
                r("Formulir UKL-UPL yang telah diisi", "Completed UKL-UPL form"),
                r("KKPR lokasi usaha", "Spatial-use conformity (KKPR) of the site"),
            ],
            steps=steps(
                step_queue("DLH"),
                ("Unggah formulir UKL-UPL di Amdalnet.", "Upload the UKL-UPL form in Amdalnet."),
                (
                    "DLH memeriksa administrasi dan substansi; perbaiki bila diminta.",
                    "The Environment Office reviews it; revise if asked.",
                ),
                (
                    "PKPLH diterbitkan dan terhubung ke OSS.",
                    "The environmental approval is issued and linked to OSS.",
                ),
            ),
            **takes(10, WD, upto=20),
            **free(
                note="Pemeriksaan tidak dipungut biaya; biaya penyusunan dokumen ditanggung pemrakarsa."
            ),
            product="Persetujuan Kesesuaian Pengelolaan Lingkungan Hidup (PKPLH)",
            product_en="Environmental approval (PKPLH)",
            **src("PP 22/2021", confirm=_DLH_CONFIRM),
        ),
        _dlh(
            slug="dlh-pengaduan-lingkungan",
            name="Pengaduan Pencemaran dan Kerusakan Lingkungan",
            name_en="Complaints about pollution and environmental damage",
            summary="Penerimaan dan penanganan pengaduan pencemaran air, udara, limbah, atau kerusakan lingkungan.",
            summary_en="Receiving and handling complaints about water or air pollution, waste or environmental damage.",
            keywords="lapor pencemaran, limbah, polusi, sungai tercemar, bau limbah, pembakaran sampah, pengaduan lingkungan",
            category=ServiceCategory.OTHER,
            requirements=[
                KTP_SHOW,
                r(
                    "Uraian kejadian, lokasi, dan waktu",
                    "Description, place and time of the problem",
                    form=NA,
                ),
                r("Foto atau video pendukung", "Supporting photos or videos", optional=True),
            ],
            steps=steps(
                step_queue("DLH"),
                (
                    "Sampaikan pengaduan; petugas mencatat dan memberi nomor pengaduan.",
                    "Make the complaint; the officer records it and gives a reference number.",
                ),
                ("DLH memverifikasi di lapangan.", "The Environment Office checks on site."),
                (
                    "Hasil verifikasi dan tindak lanjut disampaikan kepada pengadu.",
                    "The findings and follow-up are reported to the complainant.",
                ),
            ),
            **takes(14, WD),
            **NO_FEE,
            product="Tanda terima pengaduan dan laporan tindak lanjut",
            product_en="Complaint receipt and follow-up report",
            **src(
                "Permen LHK 22/2017 tentang Tata Cara Pengelolaan Pengaduan", confirm=_DLH_CONFIRM
            ),
        ),
    ),
)

_dinkes = partial(
    make,
    {
        "category": ServiceCategory.HEALTH,
        "channel": Channel.COUNTER,
        "counter_info": counter("B01", "Dinas Kesehatan"),
        "legal_basis": "UU 17/2023 tentang Kesehatan; PP 28/2024",
        **complaints(
            "Sampaikan kepada petugas gerai Dinas Kesehatan.",
            "Tell the officer at the Health Office booth.",
        ),
    },
)
_DINKES_CONFIRM = "keberadaan gerai Dinas Kesehatan di MPP Ngawi, jadwal, dan jangka waktu setempat"

DINKES = AgencySeed(
    slug="dinkes",
    name="Dinas Kesehatan Kabupaten Ngawi",
    name_en="Health Office of Ngawi Regency",
    short_name="Dinas Kesehatan",
    level=AgencyLevel.REGENCY,
    booth="B01",
    website="https://ngawikab.go.id",
    description="Sertifikasi higiene sanitasi dan penyuluhan keamanan pangan untuk usaha makanan dan minuman; pertimbangan teknis izin kesehatan.",
    description_en="Hygiene certificates and food-safety training for food and drink businesses; technical reviews for health licences.",
    services=(
        _dinkes(
            slug="dinkes-slhs",
            name="Sertifikat Laik Higiene Sanitasi (SLHS)",
            name_en="Hygiene and sanitation certificate (SLHS)",
            summary="Sertifikat higiene sanitasi bagi depot air minum, jasa boga, rumah makan, dan usaha pangan siap saji lainnya.",
            summary_en="Hygiene certificate for drinking-water refill depots, caterers, restaurants and other ready-to-eat food businesses.",
            keywords="slhs, laik higiene, sertifikat higiene sanitasi, izin depot air minum, izin katering, izin jasa boga",
            requirements=[
                NIB,
                r(
                    "Sertifikat pelatihan higiene sanitasi penjamah pangan",
                    "Food handlers' hygiene training certificate",
                ),
                r(
                    "Hasil uji laboratorium sampel air atau pangan",
                    "Laboratory test results of water or food samples",
                    form=ORI,
                ),
                r("Denah lokasi dan bangunan", "Site and building plan"),
            ],
            steps=steps(
                step_queue("Dinas Kesehatan"),
                STEP_CHECK,
                (
                    "Inspeksi kesehatan lingkungan oleh sanitarian.",
                    "Environmental health inspection by a sanitarian.",
                ),
                (
                    "SLHS diterbitkan bila hasil inspeksi dan uji laboratorium memenuhi syarat.",
                    "The SLHS is issued if the inspection and lab results meet the standard.",
                ),
                STEP_PICKUP,
            ),
            **takes(7, WD, upto=14),
            **variable(
                note="Penerbitan sertifikat tanpa biaya; uji laboratorium sampel dibayar sesuai tarif laboratorium (Perda PDRD untuk labkesda).",
                basis=PERDA_NGAWI,
            ),
            product="Sertifikat Laik Higiene Sanitasi",
            product_en="Hygiene and sanitation certificate",
            **src(
                "Perizinan usaha pangan siap saji (PP 28/2025)",
                confirm=_DINKES_CONFIRM + "; tarif uji laboratorium",
            ),
        ),
        _dinkes(
            slug="dinkes-penyuluhan-keamanan-pangan",
            name="Penyuluhan Keamanan Pangan (Sertifikat PKP)",
            name_en="Food-safety training (PKP certificate)",
            summary="Penyuluhan keamanan pangan bagi pelaku usaha pangan rumahan sebagai syarat SPP-IRT.",
            summary_en="Food-safety training for home food producers, required for the SPP-IRT.",
            keywords="penyuluhan keamanan pangan, sertifikat pkp, pelatihan keamanan pangan, pelatihan pirt",
            requirements=[
                KTP_FC,
                r("NIB atau bukti pendaftaran usaha", "NIB or proof of business registration"),
                r("Pas foto berwarna 3×4 cm", form=ORI, qty=2),
            ],
            steps=steps(
                step_queue("Dinas Kesehatan"),
                ("Daftar dan pilih jadwal penyuluhan.", "Register and choose a training date."),
                ("Ikuti penyuluhan dan evaluasi.", "Attend the training and the test."),
                (
                    "Sertifikat PKP diterbitkan bagi peserta yang lulus.",
                    "Participants who pass receive the PKP certificate.",
                ),
            ),
            **takes(1, WD, upto=14, note="Mengikuti jadwal penyuluhan."),
            **NO_FEE,
            product="Sertifikat Penyuluhan Keamanan Pangan",
            product_en="Food-safety training certificate",
            legal_basis="Peraturan BPOM 22/2018 tentang Pedoman Pemberian SPP-IRT",
            **src("Peraturan BPOM 22/2018", confirm=_DINKES_CONFIRM),
        ),
    ),
)

AGENCIES = [DPMPTSP, DLH, DINKES]
