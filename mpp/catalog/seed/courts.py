# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Courts and legal services: Pengadilan Agama Ngawi, Pengadilan Negeri Ngawi, Kejaksaan
Negeri Ngawi (tilang evidence) and the regional office of the Ministry of Law (intellectual
property).

What an MPP court counter actually does in Ngawi (information, help with filing, pickup of
akta cerai) is not confirmed (FACTS §8.8), so court entries are marked for confirmation.
Court advance costs (panjar) are set by each court's own decree and are variable.
"""

from __future__ import annotations

from functools import partial

from mpp.catalog.enums import AgencyLevel, Channel, ServiceCategory
from mpp.catalog.seed.common import (
    ESTIMATE,
    KK_FC,
    KONTAK,
    KTP_FC,
    KTP_ORANG_TUA,
    KTP_SHOW,
    KUASA,
    MIN,
    NA,
    NO_FEE,
    ORI,
    ORI_FC,
    STEP_CHECK,
    STEP_PICKUP,
    WD,
    AgencySeed,
    complaints,
    counter,
    free,
    make,
    per_unit,
    r,
    src,
    step_queue,
    steps,
    takes,
    variable,
)

ECOURT = "https://ecourt.mahkamahagung.go.id"
_COURT_COMPLAINTS = (
    "Sampaikan ke meja pengaduan pengadilan atau lewat Sistem Informasi Pengawasan Mahkamah Agung (SIWAS, siwas.mahkamahagung.go.id).",
    "Use the court's complaints desk or the Supreme Court's supervision system (SIWAS, siwas.mahkamahagung.go.id).",
)
_PANJAR = variable(
    note="Panjar biaya perkara dihitung menurut jumlah pihak dan radius tempat tinggalnya, sesuai SK Ketua Pengadilan; tertera di SKUM dan dibayar ke rekening pengadilan. Pihak yang tidak mampu dapat berperkara secara prodeo (gratis).",
    basis="SK Ketua Pengadilan tentang panjar biaya perkara; PP 5/2019 tentang PNBP pada Mahkamah Agung",
)
_STEP_SKUM = (
    "Terima taksiran panjar biaya (SKUM) dan bayar ke rekening pengadilan.",
    "Receive the cost estimate (SKUM) and pay it into the court's account.",
)
_STEP_REGISTER_CASE = (
    "Perkara didaftarkan dan mendapat nomor perkara; para pihak dipanggil untuk sidang.",
    "The case is registered with a number and the parties are summoned to the hearing.",
)
_CASE_TIME = takes(
    1,
    WD,
    note="Waktu pendaftaran; perkara tingkat pertama diupayakan selesai paling lama 5 bulan (SEMA 2/2014).",
)

# --- Pengadilan Agama ------------------------------------------------------------------------

PA_LAW = "UU 7/1989 jo. UU 3/2006 jo. UU 50/2009 tentang Peradilan Agama; SK KMA 026/KMA/SK/II/2012 tentang Standar Pelayanan Peradilan"
_PA_CONFIRM = "layanan yang tersedia di gerai Pengadilan Agama di MPP Ngawi (informasi, bantuan pendaftaran, pengambilan akta cerai)"

_pa = partial(
    make,
    {
        "category": ServiceCategory.COURTS,
        "channel": Channel.BOTH,
        "online_url": ECOURT,
        "counter_info": counter("A12", "Pengadilan Agama"),
        "legal_basis": PA_LAW,
        **_CASE_TIME,
        **_PANJAR,
        **complaints(*_COURT_COMPLAINTS),
    },
)
_BUKU_NIKAH = r(
    "Kutipan akta nikah/buku nikah",
    "Marriage certificate (buku nikah)",
    form=ORI_FC,
    note="Fotokopi bermeterai; aslinya ditunjukkan.",
)

PA = AgencySeed(
    slug="pa-ngawi",
    name="Pengadilan Agama Ngawi",
    name_en="Ngawi Religious Court",
    short_name="Pengadilan Agama",
    level=AgencyLevel.CENTRAL,
    booth="A12",
    website="https://badilag.mahkamahagung.go.id",
    description="Informasi dan bantuan pendaftaran perkara perkawinan dan waris bagi yang beragama Islam (cerai, dispensasi kawin, isbat nikah), pengambilan akta cerai, dan Pos Bantuan Hukum.",
    description_en="Information and help filing family and inheritance cases for Muslims (divorce, marriage dispensation, marriage validation), collection of divorce certificates, and the legal-aid desk.",
    services=(
        _pa(
            slug="pa-gugatan-cerai",
            name="Gugatan Cerai (Diajukan Istri)",
            name_en="Divorce petition filed by the wife",
            summary="Pendaftaran gugatan cerai oleh istri di Pengadilan Agama, langsung atau lewat e-Court.",
            summary_en="Filing of a divorce petition by the wife at the Religious Court, in person or through e-Court.",
            keywords="gugat cerai, cerai gugat, gugatan cerai istri, daftar cerai, mengajukan cerai",
            requirements=[
                r(
                    "Surat gugatan",
                    "Statement of claim",
                    form=ORI,
                    qty=6,
                    note="Dapat dibantu Posbakum.",
                ),
                KTP_FC,
                _BUKU_NIKAH,
                r("Alamat lengkap tergugat (suami)", "Full address of the husband", form=NA),
                KUASA,
            ],
            steps=steps(
                step_queue("Pengadilan Agama"), STEP_CHECK, _STEP_SKUM, _STEP_REGISTER_CASE
            ),
            product="Nomor perkara dan jadwal sidang; setelah putusan: akta cerai",
            product_en="Case number and hearing date; after the judgment, the divorce certificate",
            **src("pa-unaaha.go.id (standar SK KMA 026/2012)", confirm=_PA_CONFIRM),
        ),
        _pa(
            slug="pa-cerai-talak",
            name="Permohonan Cerai Talak (Diajukan Suami)",
            name_en="Divorce application filed by the husband (talak)",
            summary="Pendaftaran permohonan cerai talak oleh suami di Pengadilan Agama.",
            summary_en="Filing of a talak divorce application by the husband at the Religious Court.",
            keywords="cerai talak, talak, permohonan talak, suami menceraikan istri",
            requirements=[
                r("Surat permohonan cerai talak", "Talak divorce application", form=ORI, qty=6),
                KTP_FC,
                _BUKU_NIKAH,
                r("Alamat lengkap termohon (istri)", "Full address of the wife", form=NA),
                KUASA,
            ],
            steps=steps(
                step_queue("Pengadilan Agama"), STEP_CHECK, _STEP_SKUM, _STEP_REGISTER_CASE
            ),
            product="Nomor perkara dan jadwal sidang; setelah ikrar talak: akta cerai",
            product_en="Case number and hearing date; after the talak pronouncement, the divorce certificate",
            **src("pa-unaaha.go.id", confirm=_PA_CONFIRM),
        ),
        _pa(
            slug="pa-dispensasi-kawin",
            name="Dispensasi Kawin (Calon Pengantin di Bawah 19 Tahun)",
            name_en="Marriage dispensation for a partner under 19",
            summary="Permohonan orang tua agar anak yang belum berusia 19 tahun diizinkan menikah.",
            summary_en="Parents' application for permission for a child under 19 to marry.",
            keywords="dispensasi kawin, dispensasi nikah anak, nikah di bawah umur, nikah usia dini, umur belum 19",
            requirements=[
                r("Surat permohonan orang tua", "Parents' application", form=ORI),
                KTP_ORANG_TUA,
                KK_FC,
                r(
                    "Akta kelahiran anak dan calon pasangan",
                    "Birth certificates of the child and the intended spouse",
                ),
                r(
                    "Surat penolakan pernikahan dari KUA",
                    "KUA's letter refusing the marriage",
                    form=ORI,
                ),
            ],
            steps=steps(
                step_queue("Pengadilan Agama"),
                STEP_CHECK,
                _STEP_SKUM,
                _STEP_REGISTER_CASE,
                (
                    "Hakim mendengar anak, orang tua, dan calon pasangan sebelum memutus.",
                    "The judge hears the child, the parents and the intended spouse before deciding.",
                ),
            ),
            product="Penetapan dispensasi kawin",
            product_en="Court order granting or refusing the dispensation",
            legal_basis=f"{PA_LAW}; UU 16/2019; Perma 5/2019 tentang Pedoman Mengadili Permohonan Dispensasi Kawin",
            **src(
                "kua-pancalang.com 2025/10 (dispensasi pengadilan di bawah 19 tahun)",
                confirm=_PA_CONFIRM,
            ),
        ),
        _pa(
            slug="pa-isbat-nikah",
            name="Isbat Nikah (Pengesahan Nikah)",
            name_en="Validation of an unregistered marriage (isbat nikah)",
            summary="Permohonan pengesahan pernikahan yang belum tercatat agar dapat dicatat di KUA dan dokumen kependudukan.",
            summary_en="Application to validate an unregistered marriage so it can be recorded at the KUA and in population records.",
            keywords="isbat nikah, itsbat nikah, sidang isbat, pengesahan nikah, nikah siri disahkan",
            requirements=[
                r(
                    "Surat permohonan isbat nikah",
                    "Application for validation of the marriage",
                    form=ORI,
                ),
                r("KTP-el suami dan istri", "Husband's and wife's electronic ID cards"),
                KK_FC,
                r(
                    "Surat keterangan dari KUA bahwa pernikahan belum tercatat",
                    "Letter from the KUA that the marriage is not registered",
                    form=ORI,
                ),
                r(
                    "Identitas dua orang saksi nikah",
                    "Identity of two witnesses to the marriage",
                    form=NA,
                ),
            ],
            steps=steps(
                step_queue("Pengadilan Agama"), STEP_CHECK, _STEP_SKUM, _STEP_REGISTER_CASE
            ),
            product="Penetapan isbat nikah untuk dicatatkan di KUA",
            product_en="Court order validating the marriage, for registration at the KUA",
            **src("pa-unaaha.go.id", confirm=_PA_CONFIRM),
        ),
        _pa(
            slug="pa-akta-cerai",
            name="Pengambilan Akta Cerai dan Salinan Putusan",
            name_en="Collecting the divorce certificate and copy of the judgment",
            summary="Pengambilan akta cerai dan salinan putusan setelah putusan berkekuatan hukum tetap.",
            summary_en="Collection of the divorce certificate and a copy of the judgment once the judgment is final.",
            keywords="akta cerai, ambil akta cerai, salinan putusan cerai, akte cerai pengadilan agama",
            channel=Channel.COUNTER,
            online_url="",
            requirements=[KTP_SHOW, r("Nomor perkara", "Case number", form=NA), KUASA],
            steps=steps(
                step_queue("Pengadilan Agama"),
                (
                    "Petugas mencocokkan identitas dengan data perkara.",
                    "The officer matches the identity with the case record.",
                ),
                (
                    "Bayar PNBP akta cerai dan salinan putusan.",
                    "Pay the fee for the certificate and the copy.",
                ),
                STEP_PICKUP,
            ),
            **takes(15, MIN, upto=30, note="Perkiraan, bila akta sudah terbit."),
            **variable(
                note="PNBP akta cerai dan biaya salinan putusan per lembar sesuai PP 5/2019; besaran perlu dikonfirmasi.",
                basis="PP 5/2019 tentang Jenis dan Tarif PNBP pada Mahkamah Agung dan Badan Peradilan di Bawahnya",
            ),
            product="Akta cerai dan salinan putusan",
            product_en="Divorce certificate and copy of the judgment",
            **src("pa-unaaha.go.id", confirm=f"{_PA_CONFIRM}; tarif PNBP"),
        ),
        _pa(
            slug="pa-posbakum",
            name="Pos Bantuan Hukum (Posbakum)",
            name_en="Legal-aid desk (Posbakum)",
            summary="Bantuan hukum gratis: konsultasi, pembuatan surat gugatan atau permohonan, bagi yang tidak mampu atau tidak dapat membaca dan menulis.",
            summary_en="Free legal aid: advice and drafting of claims or applications for people who cannot afford a lawyer or cannot read and write.",
            keywords="posbakum, bantuan hukum gratis, buat surat gugatan, konsultasi hukum pengadilan agama",
            channel=Channel.COUNTER,
            online_url="",
            requirements=[
                KTP_SHOW,
                r(
                    "Surat keterangan tidak mampu (untuk bantuan lanjutan)",
                    "Low-income statement (for further assistance)",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Pengadilan Agama (Posbakum)"),
                (
                    "Sampaikan masalah hukum kepada petugas Posbakum.",
                    "Explain your legal problem to the legal-aid officer.",
                ),
                (
                    "Petugas memberi nasihat dan membantu menyusun surat gugatan atau permohonan.",
                    "The officer advises and helps draft the claim or application.",
                ),
            ),
            **takes(30, MIN, upto=60, note=ESTIMATE),
            **free(
                note="Tidak dipungut biaya.",
                basis="Perma 1/2014 tentang Pedoman Pemberian Layanan Hukum bagi Masyarakat Tidak Mampu di Pengadilan",
            ),
            product="Nasihat hukum dan surat gugatan/permohonan",
            product_en="Legal advice and a drafted claim or application",
            legal_basis=f"{PA_LAW}; Perma 1/2014",
            **src("pa-unaaha.go.id (Posbakum)", confirm=_PA_CONFIRM),
        ),
    ),
)

# --- Pengadilan Negeri -----------------------------------------------------------------------

PN_LAW = "UU 2/1986 jo. UU 8/2004 jo. UU 49/2009 tentang Peradilan Umum; SK KMA 026/KMA/SK/II/2012"
_PN_CONFIRM = (
    "layanan yang tersedia di gerai Pengadilan Negeri di MPP Ngawi dan jangka waktu setempat"
)

_pn = partial(
    make,
    {
        "category": ServiceCategory.COURTS,
        "channel": Channel.BOTH,
        "online_url": ECOURT,
        "counter_info": counter("A13", "Pengadilan Negeri"),
        "legal_basis": PN_LAW,
        **complaints(*_COURT_COMPLAINTS),
    },
)

PN = AgencySeed(
    slug="pn-ngawi",
    name="Pengadilan Negeri Ngawi",
    name_en="Ngawi District Court",
    short_name="Pengadilan Negeri",
    level=AgencyLevel.CENTRAL,
    booth="A13",
    website="https://badilum.mahkamahagung.go.id",
    description="Surat keterangan tidak pernah dipidana, permohonan penetapan, gugatan sederhana, dan pendaftaran surat kuasa.",
    description_en="Certificates of no criminal conviction, court orders on application, small claims and registration of powers of attorney.",
    services=(
        _pn(
            slug="pn-surat-keterangan-tidak-dipidana",
            name="Surat Keterangan Tidak Pernah Dipidana",
            name_en="Certificate of no criminal conviction",
            summary="Surat keterangan dari pengadilan bahwa pemohon tidak pernah dipidana, misalnya untuk CPNS atau pencalonan; diajukan lewat layanan eRaterang.",
            summary_en="Court certificate that the applicant has never been convicted, e.g. for civil-service recruitment or candidacies; requested through eRaterang.",
            keywords="surat keterangan tidak pernah dipidana, sk tidak dipidana, eraterang, surat bebas pidana, tidak pernah dihukum",
            online_url="https://eraterang.badilum.mahkamahagung.go.id",
            requirements=[
                KTP_FC,
                r("SKCK dari kepolisian", "Police clearance certificate (SKCK)"),
                r("Pas foto berwarna 4×6 cm", form=ORI, qty=2),
                KONTAK,
            ],
            steps=steps(
                (
                    "Ajukan permohonan lewat eRaterang atau dengan bantuan petugas gerai.",
                    "Apply through eRaterang or with help from the booth officer.",
                ),
                step_queue("Pengadilan Negeri"),
                STEP_CHECK,
                (
                    "Surat keterangan ditandatangani elektronik dan dikirim atau dicetak.",
                    "The certificate is signed electronically and sent or printed.",
                ),
            ),
            **takes(1, WD, upto=3),
            **NO_FEE,
            product="Surat keterangan tidak pernah dipidana (bertanda tangan elektronik)",
            product_en="Electronically signed certificate of no criminal conviction",
            **src("Layanan eRaterang Badilum MA", confirm=_PN_CONFIRM),
        ),
        _pn(
            slug="pn-permohonan-penetapan",
            name="Permohonan Penetapan (Ganti Nama, Perbaikan Akta, dan Lainnya)",
            name_en="Court order on application (change of name, correction of certificates, etc.)",
            summary="Pendaftaran permohonan penetapan pengadilan, misalnya perubahan nama atau perbaikan data akta, yang kemudian dicatat di Dispendukcapil.",
            summary_en="Filing of an application for a court order, e.g. a change of name or correction of a certificate, later recorded at Dispendukcapil.",
            keywords="penetapan pengadilan, ganti nama pengadilan, permohonan ganti nama, perbaikan akta pengadilan",
            requirements=[
                r("Surat permohonan", "Application", form=ORI, qty=3),
                KTP_FC,
                KK_FC,
                r(
                    "Akta yang akan diubah atau diperbaiki",
                    "The certificate to be changed or corrected",
                ),
                r("Identitas dua orang saksi", "Identity of two witnesses", form=NA),
            ],
            steps=steps(
                step_queue("Pengadilan Negeri"),
                STEP_CHECK,
                _STEP_SKUM,
                _STEP_REGISTER_CASE,
                (
                    "Penetapan diberikan setelah sidang; catatkan ke Dispendukcapil paling lambat 30 hari.",
                    "The order is given after the hearing; record it at Dispendukcapil within 30 days.",
                ),
            ),
            **takes(1, WD, note="Waktu pendaftaran; sidang permohonan umumnya singkat."),
            **_PANJAR,
            product="Penetapan pengadilan",
            product_en="Court order",
            **src("UU 23/2006 Pasal 52", confirm=_PN_CONFIRM),
        ),
        _pn(
            slug="pn-gugatan-sederhana",
            name="Gugatan Sederhana",
            name_en="Small claims procedure",
            summary="Gugatan perdata ingkar janji atau perbuatan melawan hukum dengan nilai paling banyak Rp500 juta, diputus paling lama 25 hari sejak sidang pertama.",
            summary_en="Civil claims for breach of contract or tort worth up to Rp500 million, decided within 25 days of the first hearing.",
            keywords="gugatan sederhana, small claim, tagih utang lewat pengadilan, wanprestasi, ingkar janji",
            requirements=[
                r("Formulir gugatan sederhana", "Small-claims form", form=ORI),
                KTP_FC,
                r(
                    "Bukti surat yang dilegalisasi (perjanjian, kuitansi, dan sebagainya)",
                    "Legalised documentary evidence (agreement, receipts, etc.)",
                ),
                r(
                    "Alamat tergugat dalam wilayah hukum yang sama",
                    "Defendant's address within the same court district",
                    form=NA,
                ),
            ],
            steps=steps(
                step_queue("Pengadilan Negeri"),
                STEP_CHECK,
                _STEP_SKUM,
                _STEP_REGISTER_CASE,
                (
                    "Hakim tunggal memeriksa dan memutus paling lama 25 hari.",
                    "A single judge hears and decides within 25 days.",
                ),
            ),
            **takes(
                1,
                WD,
                note="Waktu pendaftaran; putusan paling lama 25 hari sejak sidang pertama (Perma 2/2015 jo. Perma 4/2019).",
            ),
            **_PANJAR,
            product="Putusan gugatan sederhana",
            product_en="Small-claims judgment",
            legal_basis=f"{PN_LAW}; Perma 2/2015 jo. Perma 4/2019 tentang Tata Cara Penyelesaian Gugatan Sederhana",
            **src("Perma 2/2015 jo. Perma 4/2019", confirm=_PN_CONFIRM),
        ),
        _pn(
            slug="pn-pendaftaran-surat-kuasa",
            name="Pendaftaran Surat Kuasa Khusus",
            name_en="Registration of a special power of attorney",
            summary="Pendaftaran surat kuasa khusus untuk beracara di pengadilan.",
            summary_en="Registration of a special power of attorney to act in court.",
            keywords="daftar surat kuasa, pendaftaran surat kuasa, surat kuasa pengadilan, surat kuasa insidentil",
            channel=Channel.COUNTER,
            online_url="",
            requirements=[
                r("Surat kuasa khusus bermeterai", "Stamped special power of attorney", form=ORI),
                r(
                    "KTP-el pemberi dan penerima kuasa",
                    "Electronic ID cards of the grantor and the attorney",
                ),
                r(
                    "Kartu advokat (bila kuasa advokat)",
                    "Advocate's card (if the attorney is an advocate)",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Pengadilan Negeri"),
                STEP_CHECK,
                ("Bayar PNBP pendaftaran surat kuasa.", "Pay the registration fee."),
                (
                    "Surat kuasa diberi nomor pendaftaran.",
                    "The power of attorney receives a registration number.",
                ),
            ),
            **takes(15, MIN, upto=30, note=ESTIMATE),
            **per_unit(
                10_000,
                "per surat kuasa",
                "PP 5/2019 tentang PNBP pada Mahkamah Agung",
                note="Besaran perlu dikonfirmasi.",
            ),
            product="Surat kuasa terdaftar",
            product_en="Registered power of attorney",
            **src("PP 5/2019", confirm=f"tarif pendaftaran surat kuasa; {_PN_CONFIRM}"),
        ),
    ),
)

# --- Kejaksaan Negeri ------------------------------------------------------------------------

_kejari = partial(
    make,
    {
        "category": ServiceCategory.COURTS,
        "channel": Channel.COUNTER,
        "counter_info": counter("A14", "Kejaksaan Negeri"),
        "legal_basis": "UU 16/2004 jo. UU 11/2021 tentang Kejaksaan Republik Indonesia",
        **complaints(
            "Sampaikan kepada petugas PTSP Kejaksaan Negeri Ngawi.",
            "Tell the one-stop service (PTSP) officer of the Ngawi District Prosecutor's Office.",
        ),
    },
)

KEJARI = AgencySeed(
    slug="kejari-ngawi",
    name="Kejaksaan Negeri Ngawi",
    name_en="Ngawi District Prosecutor's Office",
    short_name="Kejaksaan Negeri",
    level=AgencyLevel.CENTRAL,
    booth="A14",
    website="https://www.kejaksaan.go.id",
    description="Pembayaran denda tilang dan pengambilan barang bukti, pengembalian barang bukti perkara, dan pelayanan hukum gratis.",
    description_en="Traffic-ticket fines and collection of impounded documents, return of case evidence, and free legal advice.",
    services=(
        _kejari(
            slug="tilang-barang-bukti",
            name="Denda Tilang dan Pengambilan Barang Bukti",
            name_en="Paying a traffic fine (tilang) and collecting the impounded SIM or STNK",
            summary="Pembayaran denda tilang sesuai putusan pengadilan dan pengambilan SIM atau STNK yang disita.",
            summary_en="Payment of the traffic fine set by the court and collection of the impounded driving licence or registration.",
            keywords="tilang, bayar tilang, ambil tilang, denda tilang, ambil sim tilang, ambil stnk tilang, e-tilang",
            online_url="https://tilang.kejaksaan.go.id",
            requirements=[
                r("Surat tilang (blangko tilang)", "Traffic ticket", form=ORI),
                KTP_SHOW,
                r(
                    "Bukti bayar denda (bila dibayar lewat bank atau aplikasi)",
                    "Proof of payment of the fine (if paid via bank or app)",
                    form=ORI,
                    optional=True,
                ),
                KUASA,
            ],
            steps=steps(
                (
                    "Cek putusan dan besar denda di tilang.kejaksaan.go.id dengan nomor register tilang.",
                    "Look up the judgment and fine at tilang.kejaksaan.go.id with the ticket register number.",
                ),
                (
                    "Bayar denda lewat bank, aplikasi, atau di loket sebelum pukul 15.00.",
                    "Pay the fine via a bank, an app, or at the counter before 15:00.",
                ),
                step_queue("Kejaksaan Negeri"),
                (
                    "Tunjukkan surat tilang dan bukti bayar; petugas menyerahkan barang bukti.",
                    "Show the ticket and the receipt; the officer hands back the impounded item.",
                ),
            ),
            **takes(
                15,
                MIN,
                upto=30,
                note="Perkiraan; loket tutup pukul 15.00 karena PNBP disetor di hari yang sama.",
            ),
            **variable(
                note="Denda ditetapkan hakim dalam putusan (sering verstek), tidak melebihi denda maksimal UU 22/2009; besarnya dapat dicek di tilang.kejaksaan.go.id.",
                basis="Perma 12/2016 tentang Tata Cara Penyelesaian Perkara Pelanggaran Lalu Lintas; UU 22/2009",
            ),
            product="SIM atau STNK yang disita dikembalikan; bukti pembayaran denda",
            product_en="The impounded licence or registration returned; receipt for the fine",
            category=ServiceCategory.VEHICLES,
            legal_basis="UU 11/2021; Perma 12/2016",
            **src(
                "otomotif.kompas.com 2023/10/02",
                "suryamalang.tribunnews.com 2017/10/27",
                "ngopibareng.id",
            ),
        ),
        _kejari(
            slug="kejari-barang-bukti",
            name="Pengembalian Barang Bukti Perkara Pidana",
            name_en="Return of evidence from a criminal case",
            summary="Pengembalian barang bukti kepada yang berhak setelah putusan pengadilan berkekuatan hukum tetap.",
            summary_en="Return of evidence to its rightful owner after the court's judgment is final.",
            keywords="ambil barang bukti, pengembalian barang bukti, barang bukti perkara, ambil motor barang bukti",
            requirements=[
                KTP_FC,
                r(
                    "Bukti kepemilikan barang (BPKB, STNK, nota, dan sebagainya)",
                    "Proof of ownership (BPKB, STNK, receipts, etc.)",
                    form=ORI_FC,
                ),
                r("Petikan atau salinan putusan", "Extract or copy of the judgment"),
                KUASA,
            ],
            steps=steps(
                step_queue("Kejaksaan Negeri"),
                STEP_CHECK,
                (
                    "Jaksa memeriksa putusan dan bukti kepemilikan.",
                    "The prosecutor checks the judgment and proof of ownership.",
                ),
                (
                    "Barang bukti diserahkan dengan berita acara.",
                    "The evidence is handed over with an official record.",
                ),
            ),
            **takes(1, WD, upto=3),
            **NO_FEE,
            product="Barang bukti dan berita acara pengembalian",
            product_en="The evidence and the record of its return",
            **src("UU 11/2021", confirm="layanan di gerai MPP dan jangka waktu"),
        ),
        _kejari(
            slug="kejari-konsultasi-hukum",
            name="Pelayanan Hukum Gratis (Konsultasi dengan Jaksa)",
            name_en="Free legal advice from a prosecutor",
            summary="Konsultasi hukum perdata dan tata usaha negara secara gratis dengan jaksa pengacara negara.",
            summary_en="Free advice on civil and administrative law from a state attorney (prosecutor).",
            keywords="konsultasi hukum gratis, pelayanan hukum gratis, tanya jaksa, jaksa pengacara negara",
            requirements=[
                KTP_SHOW,
                r(
                    "Dokumen terkait masalah hukum",
                    "Documents about the legal problem",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Kejaksaan Negeri"),
                (
                    "Sampaikan masalah hukum kepada jaksa.",
                    "Explain the legal problem to the prosecutor.",
                ),
                (
                    "Jaksa memberi pendapat dan saran langkah hukum.",
                    "The prosecutor gives an opinion and suggests legal steps.",
                ),
            ),
            **takes(30, MIN, upto=60, note=ESTIMATE),
            **NO_FEE,
            product="Pendapat dan saran hukum",
            product_en="Legal opinion and advice",
            **src(
                "UU 11/2021 (bidang perdata dan tata usaha negara)",
                confirm="jadwal layanan di gerai MPP",
            ),
        ),
    ),
)

# --- Kantor Wilayah Kementerian Hukum Jawa Timur ----------------------------------------------

_kemenkum = partial(
    make,
    {
        "category": ServiceCategory.LICENSING,
        "channel": Channel.BOTH,
        "online_url": "https://merek.dgip.go.id",
        "counter_info": counter("B13", "Kemenkum Jatim"),
        "legal_basis": "UU 20/2016 tentang Merek dan Indikasi Geografis; UU 28/2014 tentang Hak Cipta",
        **complaints(
            "Sampaikan kepada petugas gerai Kementerian Hukum.",
            "Tell the officer at the Ministry of Law booth.",
        ),
    },
)
_KEMENKUM_CONFIRM = "keberadaan gerai Kementerian Hukum di MPP Ngawi dan tarif PNBP kekayaan intelektual yang berlaku"

KEMENKUM = AgencySeed(
    slug="kemenkum-jatim",
    name="Kantor Wilayah Kementerian Hukum Jawa Timur",
    name_en="East Java Regional Office of the Ministry of Law",
    short_name="Kemenkum Jatim",
    level=AgencyLevel.CENTRAL,
    booth="B13",
    description="Layanan kekayaan intelektual: pendaftaran merek, hak cipta, dan konsultasi.",
    description_en="Intellectual-property services: trademark registration, copyright and advice.",
    services=(
        _kemenkum(
            slug="pendaftaran-merek",
            name="Pendaftaran Merek",
            name_en="Trademark registration",
            summary="Bantuan pendaftaran merek dagang atau jasa secara daring ke Direktorat Jenderal Kekayaan Intelektual.",
            summary_en="Help filing a trademark or service mark online with the Directorate General of Intellectual Property.",
            keywords="daftar merek, pendaftaran merek, hak merek, haki merek, paten merek, merek dagang",
            requirements=[
                KTP_FC,
                r(
                    "Label merek (gambar) dan daftar barang/jasa",
                    "Trademark image and list of goods or services",
                ),
                r(
                    "Surat keterangan UMK (untuk tarif usaha mikro dan kecil)",
                    "Micro/small business statement (for the reduced fee)",
                    optional=True,
                ),
                r("Tanda tangan pemohon", "Applicant's signature", form=NA),
            ],
            steps=steps(
                step_queue("Kemenkum Jatim"),
                (
                    "Petugas membantu penelusuran merek serupa.",
                    "The officer helps search for similar marks.",
                ),
                (
                    "Permohonan diajukan di merek.dgip.go.id dan PNBP dibayar.",
                    "The application is filed at merek.dgip.go.id and the fee paid.",
                ),
                (
                    "Pemohon menerima bukti permohonan; pemeriksaan berjalan di DJKI.",
                    "The applicant receives a filing receipt; examination continues at the DGIP.",
                ),
            ),
            **takes(
                1,
                WD,
                note="Pengajuan; pemeriksaan substantif dan penerbitan sertifikat di DJKI memakan waktu berbulan-bulan.",
            ),
            **per_unit(
                500_000,
                "per kelas (usaha mikro dan kecil, daring)",
                "PP 45/2024 (tarif PNBP kekayaan intelektual)",
                note="Tarif umum lebih tinggi (Rp1.800.000 per kelas menurut tarif sebelumnya).",
            ),
            product="Bukti permohonan merek; kemudian sertifikat merek",
            product_en="Trademark filing receipt; later the registration certificate",
            **src("Tarif PNBP DJKI sebagaimana lazim dikutip", confirm=_KEMENKUM_CONFIRM),
        ),
        _kemenkum(
            slug="konsultasi-kekayaan-intelektual",
            name="Konsultasi Kekayaan Intelektual",
            name_en="Intellectual-property advice",
            summary="Konsultasi tentang merek, hak cipta, paten, desain industri, dan indikasi geografis.",
            summary_en="Advice on trademarks, copyright, patents, industrial designs and geographical indications.",
            keywords="konsultasi haki, hak cipta, kekayaan intelektual, hki, haki",
            channel=Channel.COUNTER,
            online_url="",
            requirements=[KTP_SHOW],
            steps=steps(
                step_queue("Kemenkum Jatim"),
                ("Sampaikan pertanyaan kepada petugas.", "Ask the officer your question."),
                (
                    "Petugas menjelaskan jenis perlindungan dan cara pendaftarannya.",
                    "The officer explains the kinds of protection and how to register.",
                ),
            ),
            **takes(15, MIN, upto=30, note=ESTIMATE),
            **NO_FEE,
            product="Penjelasan kekayaan intelektual",
            product_en="Intellectual-property advice",
            **src("Layanan kekayaan intelektual Kementerian Hukum", confirm=_KEMENKUM_CONFIRM),
        ),
    ),
)

AGENCIES = [PA, PN, KEJARI, KEMENKUM]
