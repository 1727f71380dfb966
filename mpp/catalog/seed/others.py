# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Other plausible tenants: education, statistics, cooperatives and MSMEs, the Red Cross,
tourism information and the regional library.

None of these is named in a public source about MPP Ngawi (the full tenant list is not
public, FACTS §1), so every entry is marked for confirmation of the counter itself.
"""

from __future__ import annotations

from functools import partial

from mpp.catalog.enums import AgencyLevel, Channel, ServiceCategory
from mpp.catalog.seed.common import (
    ESTIMATE,
    FOTO_3X4,
    KTP_FC,
    KTP_SHOW,
    LAPORAN_HILANG,
    MIN,
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
    free,
    make,
    r,
    src,
    step_queue,
    steps,
    takes,
    variable,
)


def _tenant_defaults(booth: str, name: str, category: str, law: str) -> dict:
    return {
        "category": category,
        "channel": Channel.COUNTER,
        "counter_info": counter(booth, name),
        "legal_basis": law,
        **NO_FEE,
        **complaints(
            f"Sampaikan kepada petugas gerai {name}.", f"Tell the officer at the {name} booth."
        ),
    }


def _unconfirmed(name: str) -> str:
    return f"keberadaan gerai {name} di MPP Ngawi, persyaratan, dan jangka waktu setempat"


# --- Dinas Pendidikan dan Kebudayaan ---------------------------------------------------------

_dikbud = partial(
    make,
    _tenant_defaults(
        "B05",
        "Dinas Pendidikan",
        ServiceCategory.OTHER,
        "UU 20/2003 tentang Sistem Pendidikan Nasional; Permendikbud 29/2014 tentang Pengesahan Fotokopi Ijazah dan Penerbitan Surat Keterangan Pengganti",
    ),
)

DIKBUD = AgencySeed(
    slug="dikbud",
    name="Dinas Pendidikan dan Kebudayaan Kabupaten Ngawi",
    name_en="Education and Culture Office of Ngawi Regency",
    short_name="Dinas Pendidikan",
    level=AgencyLevel.REGENCY,
    booth="B05",
    website="https://ngawikab.go.id",
    description="Legalisasi ijazah, surat keterangan pengganti ijazah, dan rekomendasi pindah sekolah untuk jenjang SD dan SMP.",
    description_en="Certified copies of school certificates, replacement statements for lost certificates and school-transfer recommendations for primary and junior secondary schools.",
    services=(
        _dikbud(
            slug="legalisir-ijazah",
            name="Legalisasi Fotokopi Ijazah SD/SMP",
            name_en="Certified copies of primary and junior secondary school certificates",
            summary="Pengesahan fotokopi ijazah SD/SMP bila sekolah penerbitnya sudah tutup atau bergabung; selebihnya dilegalisasi oleh sekolah.",
            summary_en="Certification of primary or junior secondary certificate copies when the issuing school has closed or merged; otherwise the school certifies them.",
            keywords="legalisir ijazah, legalisasi ijazah, cap ijazah, legalisir ijazah sd, legalisir ijazah smp",
            requirements=[
                r("Ijazah asli", "Original certificate", form=ORI),
                r("Fotokopi ijazah yang akan dilegalisasi", "Copies to be certified"),
            ],
            steps=steps(
                step_queue("Dinas Pendidikan"),
                (
                    "Petugas mencocokkan fotokopi dengan ijazah asli.",
                    "The officer compares the copies with the original.",
                ),
                (
                    "Fotokopi diberi cap dan tanda tangan pejabat berwenang.",
                    "The copies are stamped and signed by the authorised official.",
                ),
                STEP_PICKUP,
            ),
            **takes(1, WD),
            product="Fotokopi ijazah yang dilegalisasi",
            product_en="Certified copies of the certificate",
            **src("Permendikbud 29/2014", confirm=_unconfirmed("Dinas Pendidikan")),
        ),
        _dikbud(
            slug="surat-keterangan-pengganti-ijazah",
            name="Surat Keterangan Pengganti Ijazah SD/SMP",
            name_en="Replacement statement for a lost or damaged school certificate",
            summary="Surat keterangan yang berpenghargaan sama dengan ijazah SD/SMP yang hilang atau rusak.",
            summary_en="Statement with the same standing as a lost or damaged primary or junior secondary certificate.",
            keywords="ijazah hilang, ijazah rusak, pengganti ijazah, surat keterangan pengganti ijazah",
            requirements=[
                LAPORAN_HILANG,
                r("Fotokopi ijazah (bila ada)", "Copy of the certificate (if any)", optional=True),
                r(
                    "Surat keterangan dari sekolah asal",
                    "Letter from the original school",
                    form=ORI,
                ),
                r(
                    "Identitas dua orang saksi teman sekelas atau guru",
                    "Identity of two witnesses (classmates or teachers)",
                    form=NA,
                ),
                FOTO_3X4,
            ],
            steps=steps(
                step_queue("Dinas Pendidikan"),
                STEP_CHECK,
                (
                    "Verifikasi data lulusan pada arsip sekolah atau dinas.",
                    "The graduate's data are checked in the school or office records.",
                ),
                ("Surat keterangan pengganti diterbitkan.", "The replacement statement is issued."),
                STEP_PICKUP,
            ),
            **takes(3, WD, upto=7),
            product="Surat keterangan pengganti ijazah",
            product_en="Replacement statement for the certificate",
            **src("Permendikbud 29/2014", confirm=_unconfirmed("Dinas Pendidikan")),
        ),
        _dikbud(
            slug="rekomendasi-pindah-sekolah",
            name="Rekomendasi Pindah Sekolah (Mutasi Siswa)",
            name_en="School transfer recommendation",
            summary="Surat rekomendasi pindah sekolah bagi siswa SD/SMP yang pindah ke sekolah lain.",
            summary_en="Recommendation letter for primary or junior secondary pupils moving to another school.",
            keywords="pindah sekolah, mutasi siswa, surat pindah sekolah, rekomendasi pindah sekolah",
            requirements=[
                r(
                    "Surat keterangan pindah dari sekolah asal",
                    "Transfer letter from the current school",
                    form=ORI,
                ),
                r(
                    "Surat keterangan dapat menerima dari sekolah tujuan",
                    "Acceptance letter from the new school",
                    form=ORI,
                ),
                r("Rapor siswa", "Pupil's report book"),
            ],
            steps=steps(
                step_queue("Dinas Pendidikan"),
                STEP_CHECK,
                ("Rekomendasi ditandatangani.", "The recommendation is signed."),
                STEP_PICKUP,
            ),
            **takes(1, WD),
            product="Surat rekomendasi pindah sekolah",
            product_en="School transfer recommendation",
            **src("Praktik dinas pendidikan kabupaten", confirm=_unconfirmed("Dinas Pendidikan")),
        ),
    ),
)

# --- BPS -------------------------------------------------------------------------------------

_bps = partial(
    make, _tenant_defaults("B06", "BPS", ServiceCategory.OTHER, "UU 16/1997 tentang Statistik")
)

BPS = AgencySeed(
    slug="bps-ngawi",
    name="Badan Pusat Statistik Kabupaten Ngawi",
    name_en="Statistics Indonesia, Ngawi Regency (BPS)",
    short_name="BPS",
    level=AgencyLevel.CENTRAL,
    booth="B06",
    website="https://ngawikab.bps.go.id",
    description="Pelayanan Statistik Terpadu: konsultasi dan permintaan data statistik, serta rekomendasi kegiatan statistik sektoral.",
    description_en="Integrated statistical services: statistical advice and data requests, and recommendations for sectoral surveys.",
    services=(
        _bps(
            slug="bps-konsultasi-data",
            name="Konsultasi dan Permintaan Data Statistik",
            name_en="Statistical advice and data requests",
            summary="Konsultasi dan permintaan data statistik Kabupaten Ngawi, seperti kependudukan, kemiskinan, dan pertanian.",
            summary_en="Advice on and requests for Ngawi's statistics, such as population, poverty and agriculture.",
            keywords="data bps, data statistik, konsultasi statistik, statistik ngawi, angka kemiskinan",
            channel=Channel.BOTH,
            online_url="https://pst.bps.go.id",
            requirements=[
                KTP_SHOW,
                r("Rincian data yang dibutuhkan", "Details of the data needed", form=NA),
            ],
            steps=steps(
                step_queue("BPS"),
                (
                    "Sampaikan kebutuhan data kepada petugas.",
                    "Tell the officer what data you need.",
                ),
                (
                    "Petugas menunjukkan publikasi atau menyiapkan data.",
                    "The officer points to publications or prepares the data.",
                ),
            ),
            **takes(15, MIN, upto=60, note="Perkiraan; data khusus dapat lebih lama."),
            **free(
                note="Publikasi dan konsultasi gratis; permintaan data khusus dapat dikenai PNBP BPS."
            ),
            product="Data statistik atau rujukan publikasi",
            product_en="Statistical data or references to publications",
            **src("UU 16/1997", confirm=_unconfirmed("BPS")),
        ),
        _bps(
            slug="bps-rekomendasi-kegiatan-statistik",
            name="Rekomendasi Kegiatan Statistik Sektoral",
            name_en="Recommendation for a sectoral statistical survey",
            summary="Rekomendasi BPS atas rancangan survei statistik sektoral yang akan dilakukan instansi pemerintah.",
            summary_en="BPS recommendation on a sectoral statistical survey planned by a government agency.",
            keywords="rekomendasi statistik, romantik, survei sektoral, rekomendasi survei",
            requirements=[
                r("Surat permohonan dari instansi", "Request letter from the agency", form=ORI),
                r("Rancangan kegiatan dan kuesioner survei", "Survey design and questionnaire"),
            ],
            steps=steps(
                step_queue("BPS"),
                STEP_CHECK,
                (
                    "BPS memeriksa rancangan dan memberi masukan.",
                    "BPS reviews the design and gives feedback.",
                ),
                ("Rekomendasi diterbitkan.", "The recommendation is issued."),
            ),
            **takes(5, WD, upto=14),
            product="Surat rekomendasi kegiatan statistik",
            product_en="Statistical activity recommendation",
            **src("UU 16/1997; PP 51/1999", confirm=_unconfirmed("BPS")),
        ),
    ),
)

# --- Dinas Koperasi dan UKM ------------------------------------------------------------------

_dinkop = partial(
    make,
    _tenant_defaults(
        "B03",
        "Dinkop UKM",
        ServiceCategory.LICENSING,
        "UU 25/1992 tentang Perkoperasian; UU 20/2008 tentang UMKM jo. UU 6/2023",
    ),
)

DINKOP = AgencySeed(
    slug="dinkop-ukm",
    name="Dinas Koperasi Usaha Kecil dan Menengah Kabupaten Ngawi",
    name_en="Cooperatives and SME Office of Ngawi Regency",
    short_name="Dinkop UKM",
    level=AgencyLevel.REGENCY,
    booth="B03",
    website="https://ngawikab.go.id",
    description="Pendampingan koperasi dan UMKM, termasuk fasilitasi pendaftaran merek; pengelola gerai UMKM di MPP.",
    description_en="Support for cooperatives and small businesses, including help registering trademarks; runs the MSME booths in the MPP.",
    services=(
        _dinkop(
            slug="umkm-fasilitasi-merek",
            name="Fasilitasi Pendaftaran Merek bagi UMKM",
            name_en="Trademark registration support for small businesses",
            summary="Pendampingan dan, bila ada kuota program, pembiayaan pendaftaran merek bagi usaha mikro dan kecil binaan.",
            summary_en="Help with, and where the programme has quota, funding of trademark registration for micro and small businesses.",
            keywords="fasilitasi merek umkm, merek gratis umkm, bantuan daftar merek, haki gratis umkm",
            requirements=[
                KTP_FC,
                NIB,
                r("Label merek dan contoh produk", "Trademark label and product sample"),
            ],
            steps=steps(
                step_queue("Dinkop UKM"),
                STEP_CHECK,
                (
                    "Petugas membantu penelusuran dan pengajuan merek.",
                    "The officer helps search for and file the trademark.",
                ),
                (
                    "Bukti permohonan diserahkan kepada pelaku usaha.",
                    "The filing receipt is given to the business.",
                ),
            ),
            **takes(1, WD, note="Pengajuan; pemeriksaan merek berlangsung di DJKI."),
            product="Bukti permohonan merek",
            product_en="Trademark filing receipt",
            **src(
                "jtvmadiun.com (dorongan HAKI bagi UMKM Ngawi)",
                confirm=_unconfirmed("Dinkop UKM") + "; kuota fasilitasi",
            ),
        ),
        _dinkop(
            slug="umkm-konsultasi",
            name="Konsultasi dan Pendampingan Koperasi dan UMKM",
            name_en="Advice and support for cooperatives and small businesses",
            summary="Konsultasi usaha, pendirian koperasi, pelatihan, dan kurasi produk untuk gerai UMKM.",
            summary_en="Business advice, setting up cooperatives, training, and product selection for the MSME booths.",
            keywords="konsultasi umkm, pendampingan umkm, pendirian koperasi, kurasi produk umkm, gerai umkm",
            requirements=[KTP_SHOW],
            steps=steps(
                step_queue("Dinkop UKM"),
                (
                    "Sampaikan kebutuhan usaha atau koperasi.",
                    "Explain your business or cooperative's needs.",
                ),
                (
                    "Petugas memberi saran dan mencatat untuk program pendampingan.",
                    "The officer advises and records you for support programmes.",
                ),
            ),
            **takes(30, MIN, upto=60, note=ESTIMATE),
            product="Saran usaha dan pencatatan program pendampingan",
            product_en="Business advice and enrolment in support programmes",
            **src("jurnalmedianusa.com (Dinkop UKM Ngawi)", confirm=_unconfirmed("Dinkop UKM")),
        ),
    ),
)

# --- PMI -------------------------------------------------------------------------------------

_pmi = partial(
    make,
    _tenant_defaults(
        "B11",
        "PMI",
        ServiceCategory.HEALTH,
        "UU 1/2018 tentang Kepalangmerahan; PP 7/2011 tentang Pelayanan Darah",
    ),
)

PMI = AgencySeed(
    slug="pmi-ngawi",
    name="Palang Merah Indonesia Kabupaten Ngawi",
    name_en="Indonesian Red Cross, Ngawi branch (PMI)",
    short_name="PMI",
    level=AgencyLevel.PRIVATE,
    booth="B11",
    website="https://pmi.or.id",
    description="Informasi donor darah dan permintaan darah; darah dilayani oleh Unit Donor Darah PMI.",
    description_en="Information on blood donation and blood requests; blood is supplied by PMI's blood donor unit.",
    services=(
        _pmi(
            slug="pmi-donor-darah",
            name="Donor Darah",
            name_en="Blood donation",
            summary="Pendaftaran donor darah sukarela dan informasi jadwal donor.",
            summary_en="Registration for voluntary blood donation and donation schedules.",
            keywords="donor darah, mau donor, jadwal donor darah, donor darah ngawi",
            requirements=[
                KTP_SHOW,
                r(
                    "Sehat, berusia 17–60 tahun, berat badan paling sedikit 45 kg",
                    "Healthy, aged 17–60, weighing at least 45 kg",
                    form=NA,
                ),
            ],
            steps=steps(
                step_queue("PMI"),
                (
                    "Isi formulir dan jalani pemeriksaan kesehatan singkat (tekanan darah, hemoglobin).",
                    "Fill in the form and have a short health check (blood pressure, haemoglobin).",
                ),
                ("Pengambilan darah bila memenuhi syarat.", "Blood is taken if you are eligible."),
            ),
            **takes(30, MIN, upto=45, note=ESTIMATE),
            product="Kartu donor dan catatan donor",
            product_en="Donor card and donation record",
            **src(
                "PP 7/2011", confirm=_unconfirmed("PMI") + " (donor di tempat atau hanya informasi)"
            ),
        ),
        _pmi(
            slug="pmi-permintaan-darah",
            name="Permintaan Darah untuk Pasien",
            name_en="Blood requests for patients",
            summary="Informasi stok dan permintaan darah untuk pasien rumah sakit, diteruskan ke Unit Donor Darah PMI.",
            summary_en="Blood stock information and requests for hospital patients, passed on to PMI's blood donor unit.",
            keywords="butuh darah, cari darah, stok darah, permintaan darah pmi, kantong darah",
            requirements=[
                r(
                    "Formulir permintaan darah dari rumah sakit yang ditandatangani dokter",
                    "Hospital blood request form signed by a doctor",
                    form=ORI,
                ),
                r("Sampel darah pasien", "Patient's blood sample", form=NA),
            ],
            steps=steps(
                step_queue("PMI"),
                (
                    "Serahkan formulir dan sampel; petugas mengecek stok.",
                    "Hand in the form and sample; the officer checks the stock.",
                ),
                (
                    "Uji silang serasi di Unit Donor Darah; darah diserahkan ke rumah sakit atau keluarga.",
                    "Cross-matching at the blood unit; the blood goes to the hospital or family.",
                ),
            ),
            **takes(1, WD, note="Bergantung stok dan uji silang."),
            **variable(
                note="Biaya Pengganti Pengolahan Darah (BPPD) per kantong menurut ketentuan Kementerian Kesehatan; ditanggung JKN bagi peserta yang dirawat.",
                basis="PP 7/2011 tentang Pelayanan Darah; Permenkes tentang BPPD",
            ),
            product="Darah yang siap ditransfusikan",
            product_en="Blood ready for transfusion",
            **src("PP 7/2011", confirm=_unconfirmed("PMI") + "; besaran BPPD"),
        ),
    ),
)

# --- Tourism information and the library -----------------------------------------------------

_parpora = partial(
    make,
    _tenant_defaults(
        "B12", "Disparpora", ServiceCategory.OTHER, "UU 10/2009 tentang Kepariwisataan"
    ),
)

DISPARPORA = AgencySeed(
    slug="disparpora",
    name="Dinas Pariwisata, Pemuda dan Olahraga Kabupaten Ngawi",
    name_en="Tourism, Youth and Sports Office of Ngawi Regency",
    short_name="Disparpora",
    level=AgencyLevel.REGENCY,
    booth="B12",
    website="https://ngawikab.go.id",
    description="Pusat informasi pariwisata Ngawi: destinasi, acara, dan produk wisata.",
    description_en="Ngawi tourist information centre: destinations, events and tourism products.",
    services=(
        _parpora(
            slug="informasi-pariwisata",
            name="Pusat Informasi Pariwisata Ngawi",
            name_en="Ngawi tourist information",
            summary="Informasi destinasi wisata Ngawi seperti Benteng Van den Bosch (Benteng Pendem) dan Museum Trinil, serta agenda acara.",
            summary_en="Information on Ngawi's sights such as Fort Van den Bosch (Benteng Pendem) and the Trinil Museum, and upcoming events.",
            keywords="wisata ngawi, tempat wisata ngawi, benteng pendem, benteng van den bosch, museum trinil, informasi wisata",
            requirements=[r("Tidak ada persyaratan khusus", "No special requirements", form=NA)],
            steps=steps(
                step_queue("Disparpora"),
                ("Sampaikan kebutuhan informasi wisata.", "Say what tourist information you need."),
                (
                    "Petugas memberi brosur dan penjelasan.",
                    "The officer gives brochures and explanations.",
                ),
            ),
            **takes(10, MIN, upto=20, note=ESTIMATE),
            product="Informasi dan brosur wisata",
            product_en="Tourist information and brochures",
            **src(
                "Rencana pusat informasi pariwisata di MPP (radarmadiun.jawapos.com, 01/08/2021)",
                confirm=_unconfirmed("Disparpora"),
            ),
        ),
    ),
)

_dispusip = partial(
    make,
    _tenant_defaults(
        "B14", "Perpustakaan Daerah", ServiceCategory.OTHER, "UU 43/2007 tentang Perpustakaan"
    ),
)

DISPUSIP = AgencySeed(
    slug="dispusip",
    name="Dinas Perpustakaan dan Kearsipan Kabupaten Ngawi",
    name_en="Library and Archives Office of Ngawi Regency",
    short_name="Perpustakaan Daerah",
    level=AgencyLevel.REGENCY,
    booth="B14",
    website="https://ngawikab.go.id",
    description="Pendaftaran anggota perpustakaan daerah dan pengelolaan pojok baca MPP.",
    description_en="Membership of the regional library and running of the MPP reading corner.",
    services=(
        _dispusip(
            slug="kartu-anggota-perpustakaan",
            name="Kartu Anggota Perpustakaan Daerah",
            name_en="Regional library membership card",
            summary="Pendaftaran anggota perpustakaan daerah untuk meminjam buku; baca di tempat di pojok baca MPP tanpa kartu.",
            summary_en="Membership of the regional library to borrow books; reading in the MPP reading corner needs no card.",
            keywords="kartu perpustakaan, anggota perpustakaan, pinjam buku, perpustakaan daerah, pojok baca",
            requirements=[KTP_FC, FOTO_3X4],
            steps=steps(
                step_queue("Perpustakaan Daerah"),
                ("Isi formulir anggota.", "Fill in the membership form."),
                ("Kartu anggota dicetak.", "The membership card is printed."),
            ),
            **takes(15, MIN, upto=30, note=ESTIMATE),
            product="Kartu anggota perpustakaan",
            product_en="Library membership card",
            **src("UU 43/2007", confirm=_unconfirmed("Perpustakaan Daerah")),
        ),
    ),
)

AGENCIES = [DIKBUD, BPS, DINKOP, PMI, DISPARPORA, DISPUSIP]
