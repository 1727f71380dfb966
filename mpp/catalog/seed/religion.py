# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Religious affairs: Kantor Kementerian Agama Kabupaten Ngawi (marriage registration, hajj,
halal certification).

A wedding at the KUA in office hours is free; elsewhere or after hours it costs Rp600.000 PNBP
(PP 59/2018), paid to the state's account, never to an officer. Forms N1–N4 (+N6 widowed,
N7 representative), register at least 10 working days ahead or obtain the camat's
dispensation (FACTS §8.5).
"""

from __future__ import annotations

from functools import partial

from mpp.catalog.enums import AgencyLevel, Channel, ServiceCategory
from mpp.catalog.seed.common import (
    AKTA_LAHIR_FC,
    FOTO_3X4,
    KK_FC,
    KONTAK,
    KTP_FC,
    NA,
    NIB,
    NO_FEE,
    ORI,
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

MARRIAGE_LAW = "UU 1/1974 jo. UU 16/2019 tentang Perkawinan; PP 59/2018; PMA 20/2019 tentang Pencatatan Pernikahan; PMA 30/2024"
MARRIAGE_FEE_LAW = "PP 59/2018 tentang Tarif atas Jenis PNBP Biaya Nikah atau Rujuk di Luar Kantor Urusan Agama Kecamatan"
_MARRIAGE_SOURCES = ("kua-pancalang.com 2025/10", "grid.id 044024131", "star.grid.id 453679135")
HALAL_URL = "https://ptsp.halal.go.id"
HALAL_LAW = "UU 33/2014 tentang Jaminan Produk Halal jo. UU 6/2023; PP 39/2021"

_kemenag = partial(
    make,
    {
        "category": ServiceCategory.RELIGION,
        "channel": Channel.COUNTER,
        "counter_info": counter("A10", "Kemenag"),
        "legal_basis": MARRIAGE_LAW,
        **complaints(
            "Sampaikan kepada petugas gerai Kementerian Agama atau ke Kantor Kementerian Agama Kabupaten Ngawi.",
            "Tell the officer at the Ministry of Religious Affairs booth or the Ngawi office of the ministry.",
        ),
    },
)

_MARRIAGE_REQUIREMENTS = [
    r(
        "Formulir N1–N4 (surat pengantar nikah dari desa/kelurahan, permohonan kehendak nikah, persetujuan mempelai, izin orang tua)",
        "Forms N1–N4 (cover letter from the village office, notice of intended marriage, consent of both partners, parents' permission)",
        form=ORI,
    ),
    r("KTP-el kedua calon pengantin", "Both bride's and groom's electronic ID cards"),
    KK_FC,
    AKTA_LAHIR_FC,
    r(
        "Surat keterangan sehat dan imunisasi calon pengantin",
        "Health and immunisation certificate of the couple",
        form=ORI,
    ),
    r(
        "Pas foto 2×3 cm dan 4×6 cm latar biru",
        "Photos 2×3 cm and 4×6 cm on a blue background",
        form=ORI,
        qty=4,
        note="Jumlah mengikuti ketentuan KUA.",
    ),
    r(
        "Akta cerai atau akta kematian pasangan terdahulu dan formulir N6",
        "Divorce certificate or the previous spouse's death certificate, and form N6",
        optional=True,
        note="Bagi janda/duda.",
    ),
    r(
        "Penetapan dispensasi kawin dari Pengadilan Agama",
        "Religious Court's marriage dispensation",
        optional=True,
        note="Bila calon pengantin di bawah 19 tahun.",
    ),
    r(
        "Dispensasi camat",
        "District head's dispensation",
        optional=True,
        note="Bila mendaftar kurang dari 10 hari kerja sebelum akad.",
    ),
    r(
        "Izin komandan/atasan",
        "Commanding officer's permission",
        optional=True,
        note="Bagi anggota TNI/Polri.",
    ),
    r(
        "Surat kuasa wali nikah (formulir N7)",
        "Power of attorney of the marriage guardian (form N7)",
        optional=True,
        note="Bila wali mewakilkan.",
    ),
]
_MARRIAGE_STEPS = steps(
    step_queue("Kemenag"),
    STEP_CHECK,
    (
        "Berkas diteruskan ke KUA kecamatan tempat akad; KUA memeriksa calon pengantin dan wali.",
        "The file goes to the KUA of the district where the wedding takes place; the KUA interviews the couple and the guardian.",
    ),
    (
        "Kehendak nikah diumumkan dan calon pengantin mengikuti bimbingan perkawinan.",
        "The intended marriage is announced and the couple attend marriage guidance.",
    ),
    (
        "Akad nikah dilaksanakan dan dicatat; buku nikah diserahkan.",
        "The wedding is held and recorded; the marriage book is handed over.",
    ),
)
_MARRIAGE_TIME = takes(
    10,
    WD,
    note="Daftar paling lambat 10 hari kerja sebelum akad; buku nikah diserahkan setelah akad.",
)
_BUKU_NIKAH = "Buku nikah (kutipan akta nikah)"
_BUKU_NIKAH_EN = "Marriage book (marriage certificate)"

KEMENAG = AgencySeed(
    slug="kemenag-ngawi",
    name="Kantor Kementerian Agama Kabupaten Ngawi",
    name_en="Ngawi Regency Office of the Ministry of Religious Affairs",
    short_name="Kemenag",
    level=AgencyLevel.CENTRAL,
    booth="A10",
    website="https://kemenag.go.id",
    description="Pendaftaran nikah (diteruskan ke KUA kecamatan), duplikat dan legalisasi buku nikah, pendaftaran haji, dan sertifikasi halal.",
    description_en="Marriage registration (passed on to the district KUA), duplicate and certified copies of marriage books, hajj registration and halal certification.",
    services=(
        _kemenag(
            slug="nikah-di-kua",
            name="Pendaftaran Nikah di KUA pada Jam Kerja",
            name_en="Marriage registration, wedding at the KUA in office hours",
            summary="Pendaftaran pernikahan bagi pasangan beragama Islam dengan akad di kantor KUA pada jam kerja, tanpa biaya.",
            summary_en="Registration of a Muslim marriage with the ceremony at the KUA office in office hours, free of charge.",
            keywords="daftar nikah, nikah di kua, pendaftaran nikah, nikah gratis, mau menikah, kua",
            requirements=list(_MARRIAGE_REQUIREMENTS),
            steps=list(_MARRIAGE_STEPS),
            **_MARRIAGE_TIME,
            **free(note="Rp0 bila akad di kantor KUA pada jam kerja.", basis=MARRIAGE_FEE_LAW),
            product=_BUKU_NIKAH,
            product_en=_BUKU_NIKAH_EN,
            **src(*_MARRIAGE_SOURCES),
        ),
        _kemenag(
            slug="nikah-luar-kua",
            name="Pendaftaran Nikah di Luar KUA atau di Luar Jam Kerja",
            name_en="Marriage registration, wedding outside the KUA or outside office hours",
            summary="Pendaftaran pernikahan dengan akad di rumah, gedung, atau masjid, atau di luar jam kerja; dikenai PNBP Rp600.000.",
            summary_en="Registration of a marriage held at home, in a hall or mosque, or outside office hours; PNBP fee Rp600,000.",
            keywords="nikah di rumah, nikah di luar kua, nikah di gedung, nikah hari libur, biaya nikah 600 ribu",
            requirements=[
                *_MARRIAGE_REQUIREMENTS,
                r(
                    "Bukti setor PNBP nikah Rp600.000",
                    "Receipt for the Rp600,000 marriage fee",
                    form=ORI,
                ),
            ],
            steps=steps(
                step_queue("Kemenag"),
                STEP_CHECK,
                (
                    "Bayar PNBP Rp600.000 ke rekening penerimaan negara di bank (bukan kepada petugas).",
                    "Pay the Rp600,000 fee into the state revenue account at a bank (never to an officer).",
                ),
                (
                    "Berkas diteruskan ke KUA kecamatan; KUA memeriksa calon pengantin dan wali.",
                    "The file goes to the district KUA, which interviews the couple and the guardian.",
                ),
                (
                    "Penghulu hadir di tempat akad; pernikahan dicatat dan buku nikah diserahkan.",
                    "The registrar attends the wedding; the marriage is recorded and the book handed over.",
                ),
            ),
            **_MARRIAGE_TIME,
            **fixed(
                600_000,
                MARRIAGE_FEE_LAW,
                note="Rp600.000 bila akad di luar kantor KUA atau di luar jam kerja; disetor ke kas negara lewat bank.",
            ),
            product=_BUKU_NIKAH,
            product_en=_BUKU_NIKAH_EN,
            **src(*_MARRIAGE_SOURCES),
        ),
        _kemenag(
            slug="rekomendasi-nikah",
            name="Surat Rekomendasi Nikah (Akad di Luar Kecamatan Domisili)",
            name_en="Marriage recommendation letter (wedding outside your home district)",
            summary="Surat rekomendasi dari KUA domisili bagi calon pengantin yang akan menikah di kecamatan atau kabupaten lain.",
            summary_en="Recommendation letter from the home KUA for a partner marrying in another district or regency.",
            keywords="rekomendasi nikah, numpang nikah, nikah di luar daerah, surat pindah nikah",
            requirements=[
                r(
                    "Formulir N1–N4 (surat pengantar nikah dari desa/kelurahan dan formulir kehendak nikah)",
                    "Forms N1–N4 (cover letter from the village office and marriage notice forms)",
                    form=ORI,
                ),
                KTP_FC,
                KK_FC,
                AKTA_LAHIR_FC,
            ],
            steps=steps(
                step_queue("Kemenag"),
                STEP_CHECK,
                (
                    "KUA domisili menerbitkan surat rekomendasi.",
                    "The home KUA issues the recommendation letter.",
                ),
                (
                    "Bawa surat rekomendasi ke KUA tempat akad.",
                    "Take it to the KUA where the wedding takes place.",
                ),
            ),
            **takes(1, WD, upto=3),
            **NO_FEE,
            product="Surat rekomendasi nikah",
            product_en="Marriage recommendation letter",
            **src(
                "PMA 20/2019",
                confirm="jangka waktu dan layanan di gerai MPP (biasanya di KUA kecamatan)",
            ),
        ),
        _kemenag(
            slug="duplikat-buku-nikah",
            name="Duplikat Buku Nikah (Hilang atau Rusak)",
            name_en="Duplicate marriage book (lost or damaged)",
            summary="Penerbitan duplikat buku nikah yang hilang atau rusak oleh KUA tempat nikah dicatat.",
            summary_en="Duplicate of a lost or damaged marriage book, issued by the KUA where the marriage was recorded.",
            keywords="buku nikah hilang, duplikat buku nikah, buku nikah rusak, surat nikah hilang, ganti buku nikah",
            requirements=[
                r(
                    "Surat keterangan kehilangan dari kepolisian atau buku nikah yang rusak",
                    "Police loss report or the damaged marriage book",
                    form=ORI,
                ),
                r("KTP-el suami dan istri", "Husband's and wife's electronic ID cards"),
                KK_FC,
                FOTO_3X4,
            ],
            steps=steps(
                step_queue("Kemenag"),
                STEP_CHECK,
                (
                    "KUA mencocokkan data di akta nikah dan menerbitkan duplikat.",
                    "The KUA checks the marriage register and issues the duplicate.",
                ),
                STEP_PICKUP,
            ),
            **takes(1, WD, upto=3),
            **NO_FEE,
            product="Duplikat buku nikah",
            product_en="Duplicate marriage book",
            **src(
                "PMA 20/2019",
                confirm="jangka waktu dan apakah diproses di gerai MPP atau di KUA pencatat",
            ),
        ),
        _kemenag(
            slug="legalisir-buku-nikah",
            name="Legalisasi Fotokopi Buku Nikah",
            name_en="Certified copy of a marriage book",
            summary="Pengesahan (legalisir) fotokopi buku nikah untuk keperluan administrasi, misalnya paspor, haji, atau tunjangan.",
            summary_en="Certification of marriage-book photocopies for paperwork such as passports, hajj or allowances.",
            keywords="legalisir buku nikah, legalisasi buku nikah, legalisir surat nikah",
            requirements=[
                r("Buku nikah asli", "Original marriage book", form=ORI),
                r("Fotokopi buku nikah yang akan dilegalisasi", "Photocopies to be certified"),
            ],
            steps=steps(
                step_queue("Kemenag"),
                (
                    "Petugas mencocokkan fotokopi dengan aslinya dan membubuhkan cap serta tanda tangan.",
                    "The officer compares the copies with the original, then stamps and signs them.",
                ),
                STEP_PICKUP,
            ),
            **takes(1, WD),
            **NO_FEE,
            product="Fotokopi buku nikah yang dilegalisasi",
            product_en="Certified photocopies of the marriage book",
            **src(
                "PMA 20/2019",
                confirm="kewenangan legalisasi di gerai MPP (biasanya oleh KUA pencatat)",
            ),
        ),
        _kemenag(
            slug="haji-pendaftaran",
            name="Pendaftaran Haji Reguler",
            name_en="Regular hajj registration",
            summary="Pendaftaran calon jemaah haji reguler untuk memperoleh nomor porsi setelah menyetor setoran awal BPIH di bank.",
            summary_en="Registration of regular hajj pilgrims to obtain a queue number after paying the initial deposit at a bank.",
            keywords="daftar haji, pendaftaran haji, porsi haji, nomor porsi haji, haji reguler",
            requirements=[
                r(
                    "KTP-el berdomisili di Kabupaten Ngawi",
                    "Electronic ID card with a Ngawi address",
                    form=ORI,
                ),
                KK_FC,
                r(
                    "Akta kelahiran, ijazah, atau buku nikah (salah satu)",
                    "Birth certificate, school certificate or marriage book (one of them)",
                ),
                r(
                    "Bukti setoran awal BPIH dari bank penerima setoran",
                    "Receipt for the initial hajj deposit from the receiving bank",
                    form=ORI,
                ),
                r(
                    "Pas foto berwarna 3×4 cm latar putih",
                    "Colour photo 3×4 cm on a white background",
                    form=ORI,
                    qty=10,
                    note="Jumlah mengikuti ketentuan Kemenag.",
                ),
            ],
            steps=steps(
                (
                    "Buka tabungan haji dan setor awal BPIH di bank penerima setoran.",
                    "Open a hajj savings account and pay the initial deposit at a receiving bank.",
                ),
                step_queue("Kemenag"),
                STEP_CHECK,
                (
                    "Perekaman sidik jari dan foto; data dimasukkan ke sistem haji (Siskohat).",
                    "Fingerprints and photo are taken; the data go into the hajj system (Siskohat).",
                ),
                (
                    "Terima bukti pendaftaran dengan nomor porsi.",
                    "Receive the registration slip with the queue number.",
                ),
            ),
            **takes(1, WD),
            **free(
                note="Pendaftaran di Kemenag tidak dipungut biaya. Sebelumnya calon jemaah menyetor setoran awal BPIH (lazim disebut Rp25.000.000) ke rekening tabungan haji di bank penerima setoran.",
                basis="UU 8/2019 tentang Penyelenggaraan Ibadah Haji dan Umrah",
            ),
            product="Bukti pendaftaran haji dengan nomor porsi",
            product_en="Hajj registration slip with queue number",
            legal_basis="UU 8/2019 tentang Penyelenggaraan Ibadah Haji dan Umrah",
            **src(
                "Layanan pendaftaran haji Kemenag",
                confirm="besaran setoran awal BPIH, jumlah pas foto, dan layanan di gerai MPP",
            ),
        ),
        _kemenag(
            slug="sertifikasi-halal-self-declare",
            name="Sertifikasi Halal Jalur Pernyataan Pelaku Usaha (Self Declare)",
            name_en="Halal certification by self-declaration (micro and small businesses)",
            summary="Pendampingan pengajuan sertifikat halal gratis bagi usaha mikro dan kecil dengan produk dan bahan sederhana, lewat SIHALAL.",
            summary_en="Help applying for free halal certification for micro and small businesses with simple products and ingredients, through SIHALAL.",
            keywords="halal gratis, sertifikat halal gratis, sehati, self declare halal, halal umkm",
            category=ServiceCategory.LICENSING,
            channel=Channel.BOTH,
            online_url=HALAL_URL,
            requirements=[
                NIB,
                KTP_FC,
                KONTAK,
                r(
                    "Daftar bahan dan proses produksi",
                    "List of ingredients and production process",
                    form=NA,
                ),
                r(
                    "Foto produk dan tempat produksi",
                    "Photos of the product and the production place",
                ),
            ],
            steps=steps(
                step_queue("Kemenag (halal)"),
                (
                    "Buat akun di SIHALAL (ptsp.halal.go.id) dan isi data usaha.",
                    "Create a SIHALAL account (ptsp.halal.go.id) and enter the business data.",
                ),
                (
                    "Pendamping proses produk halal memverifikasi bahan dan proses di tempat usaha.",
                    "A halal process assistant verifies the ingredients and process on site.",
                ),
                (
                    "Komite Fatwa menetapkan kehalalan; BPJPH menerbitkan sertifikat halal.",
                    "The fatwa committee rules on the product; BPJPH issues the halal certificate.",
                ),
            ),
            **takes(
                1,
                WD,
                note="Pengajuan; penerbitan sertifikat oleh BPJPH mengikuti antrean nasional.",
            ),
            **free(
                note="Gratis selama kuota program Sertifikasi Halal Gratis (SEHATI) tersedia.",
                basis=HALAL_LAW,
            ),
            product="Sertifikat halal elektronik",
            product_en="Electronic halal certificate",
            legal_basis=HALAL_LAW,
            **src(
                "Program SEHATI BPJPH",
                confirm="ketersediaan kuota SEHATI dan tarif bila di luar program",
            ),
        ),
        _kemenag(
            slug="sertifikasi-halal-reguler",
            name="Sertifikasi Halal Jalur Reguler",
            name_en="Halal certification, regular route",
            summary="Pendampingan pengajuan sertifikat halal jalur reguler dengan pemeriksaan oleh Lembaga Pemeriksa Halal, lewat SIHALAL.",
            summary_en="Help applying for regular halal certification with an audit by a halal inspection body, through SIHALAL.",
            keywords="sertifikat halal, sertifikasi halal, label halal, daftar halal, halal reguler, bpjph, sihalal",
            category=ServiceCategory.LICENSING,
            channel=Channel.BOTH,
            online_url=HALAL_URL,
            requirements=[
                NIB,
                KTP_FC,
                KONTAK,
                r(
                    "Dokumen sistem jaminan produk halal dan daftar bahan beserta sertifikat halalnya",
                    "Halal assurance documents and list of ingredients with their halal certificates",
                ),
                r("Penyelia halal yang ditetapkan", "Appointed halal supervisor", form=NA),
            ],
            steps=steps(
                step_queue("Kemenag (halal)"),
                (
                    "Ajukan permohonan di SIHALAL dan pilih Lembaga Pemeriksa Halal (LPH).",
                    "Apply in SIHALAL and choose a halal inspection body (LPH).",
                ),
                (
                    "Bayar biaya layanan BPJPH dan biaya pemeriksaan LPH.",
                    "Pay BPJPH's service fee and the inspection body's fee.",
                ),
                (
                    "LPH memeriksa produk dan tempat produksi.",
                    "The inspection body audits the product and premises.",
                ),
                (
                    "Komite Fatwa menetapkan kehalalan; BPJPH menerbitkan sertifikat halal.",
                    "The fatwa committee rules on the product; BPJPH issues the halal certificate.",
                ),
            ),
            **takes(1, WD, note="Pengajuan; pemeriksaan dan penetapan mengikuti ketentuan BPJPH."),
            **variable(
                note="Biaya layanan BPJPH ditambah biaya pemeriksaan oleh LPH, bergantung skala usaha dan jumlah produk.",
                basis=f"{HALAL_LAW}; peraturan tarif layanan BLU BPJPH",
            ),
            product="Sertifikat halal elektronik",
            product_en="Electronic halal certificate",
            legal_basis=HALAL_LAW,
            **src("Layanan SIHALAL BPJPH", confirm="tarif BPJPH dan LPH yang berlaku"),
        ),
    ),
)

AGENCIES = [KEMENAG]
