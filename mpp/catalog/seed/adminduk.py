# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Population administration: Dispendukcapil Ngawi, and the Kecamatan Ngawi counter.

All Dukcapil documents are free (UU 24/2013 Pasal 79A). Population data live in SIAK Terpusat;
the platform keeps no copy (FACTS §1). Turnaround times follow published standards of
comparable East Java offices where Ngawi's own per-service figures were not at hand.
"""

from __future__ import annotations

from functools import partial

from mpp.catalog.enums import AgencyLevel, Channel, ServiceCategory
from mpp.catalog.seed.common import (
    AKTA_LAHIR_FC,
    KK_FC,
    KK_ORI,
    KK_SHOW,
    KONTAK,
    KTP_FC,
    KTP_KUASA,
    KTP_ORANG_TUA,
    KTP_ORI,
    KTP_SHOW,
    KUASA,
    LAPORAN_HILANG,
    MIN,
    NA,
    NIKAH_FC,
    NO_FEE,
    ON_THE_SPOT,
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
)

ONLINE_NGAWI = "https://dukcapil.ngawikab.go.id/layanan-online-reborn"
STANDARD_NGAWI = "dukcapil.ngawikab.go.id/standar-pelayanan-publik/"

_dukcapil = partial(
    make,
    {
        "category": ServiceCategory.POPULATION,
        "channel": Channel.COUNTER,
        "counter_info": counter("A01", "Dispendukcapil"),
        "legal_basis": (
            "UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan; PP 40/2019; "
            "Perpres 96/2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan "
            "Pencatatan Sipil; Permendagri 108/2019 dan 109/2019"
        ),
        **free(
            note="Seluruh dokumen kependudukan diterbitkan tanpa biaya. Tolak dan laporkan setiap permintaan uang.",
            basis="UU 24/2013 Pasal 79A",
        ),
        **complaints(
            "Sampaikan langsung kepada petugas gerai Dispendukcapil di MPP atau ke kantor Dispendukcapil Kabupaten Ngawi.",
            "Tell the officer at the Dispendukcapil booth in the MPP or the Dispendukcapil office of Ngawi Regency.",
        ),
    },
)

_STEP_SIAK = (
    "Petugas memproses data di SIAK Terpusat dan menerbitkan dokumen dengan tanda tangan elektronik (TTE).",
    "The officer processes the data in the central population system (SIAK Terpusat) and issues the document with an electronic signature.",
)
_STEP_PDF = (
    "Dokumen ber-TTE dikirim dalam bentuk PDF ke e-mail pemohon (dengan PIN) atau dicetak di gerai; cetak di kertas HVS biasa, tidak perlu dilaminasi.",
    "The signed document is sent as a PDF to the applicant's e-mail (with a PIN) or printed at the booth; print on plain paper, no lamination needed.",
)
_STEP_KTP_RECORD = (
    "Perekaman biometrik: foto wajah, sidik jari, iris mata, dan tanda tangan.",
    "Biometric recording: face photo, fingerprints, iris scan and signature.",
)
_STEP_KTP_PRINT = (
    "KTP-el dicetak setelah data terverifikasi di SIAK Terpusat dan blangko tersedia; pemohon menerima KTP-el dan memeriksa kebenaran datanya.",
    "The KTP-el is printed once the data are verified in SIAK Terpusat and a blank card is available; the applicant receives it and checks the data.",
)
_KTP_TIME = takes(
    1,
    WD,
    upto=7,
    note="Selesai di hari yang sama bila data sudah terverifikasi dan blangko tersedia.",
)
_KTP_SOURCES = (
    "dispenduk.magetan.go.id/PAK-TUWA/",
    "pontianak.tribunnews.com 2021/03/05",
    "cakrawala7.com (layanan Dukcapil di mal Ponorogo)",
)

_KTP_EL = "KTP-el (Kartu Tanda Penduduk elektronik)"
_KTP_EL_EN = "Electronic ID card (KTP-el)"
_KK_TTE = "Kartu Keluarga ber-TTE (PDF dan cetakan HVS)"
_KK_TTE_EN = "Family card with electronic signature (PDF and plain-paper print)"

_ONE_DAY = takes(1, WD, note="Selesai di hari yang sama bila berkas lengkap.")

DISPENDUKCAPIL = AgencySeed(
    slug="dispendukcapil",
    name="Dinas Kependudukan dan Pencatatan Sipil Kabupaten Ngawi",
    name_en="Population and Civil Registration Office of Ngawi Regency",
    short_name="Dispendukcapil",
    level=AgencyLevel.REGENCY,
    booth="A01",
    website="https://dukcapil.ngawikab.go.id",
    description=(
        "Pendaftaran penduduk (KTP-el, KK, KIA, pindah datang) dan pencatatan sipil (akta kelahiran, "
        "kematian, perkawinan, perceraian). Semua layanan gratis. Sebagian layanan dapat diajukan "
        "daring lewat aplikasi Identitas Kependudukan Digital (IKD)."
    ),
    description_en=(
        "Population registration (electronic ID card, family card, child ID card, moving in and out) "
        "and civil registration (birth, death, marriage and divorce certificates). All services are "
        "free. Some can be requested online through the Digital Population Identity (IKD) app."
    ),
    services=(
        _dukcapil(
            slug="ktp-el-baru",
            name="KTP-el Baru (Perekaman Pertama)",
            name_en="New electronic ID card (KTP-el), first recording",
            summary="Perekaman biometrik dan pencetakan KTP-el pertama bagi penduduk yang sudah berusia 17 tahun atau sudah/pernah kawin.",
            summary_en="Biometric recording and first issue of the electronic ID card for residents aged 17 or who are or have been married.",
            keywords="ktp baru, e-ktp baru, ektp baru, bikin ktp, buat ktp, rekam ktp, perekaman ktp, ktp 17 tahun",
            requirements=[
                r(
                    "Telah berusia 17 tahun atau sudah/pernah kawin",
                    "Aged 17 or older, or married / previously married",
                    form=NA,
                ),
                KK_FC,
                r(
                    "Surat pengantar RT/RW dan desa/kelurahan",
                    form=ORI,
                    optional=True,
                    note="Hanya bila diminta petugas.",
                ),
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                _STEP_KTP_RECORD,
                _STEP_KTP_PRINT,
            ),
            **_KTP_TIME,
            product=_KTP_EL,
            product_en=_KTP_EL_EN,
            **src(
                *_KTP_SOURCES,
                "kecamatanngablak.magelangkab.go.id/home/detail/ktp/14",
                STANDARD_NGAWI,
            ),
        ),
        _dukcapil(
            slug="ktp-el-hilang",
            name="KTP-el Hilang",
            name_en="Replacement of a lost electronic ID card (KTP-el)",
            summary="Penerbitan ulang KTP-el yang hilang berdasarkan data yang sudah terekam.",
            summary_en="Reissue of a lost electronic ID card from the data already recorded.",
            keywords="ktp hilang, ktp ilang, e-ktp hilang, ektp hilang, kartu tanda penduduk hilang, ganti ktp, ktp kecurian, ktp dicopet",
            requirements=[
                KK_FC,
                LAPORAN_HILANG,
                r(
                    "SKPWNI (bagi penduduk yang pindah datang)",
                    "Moving certificate (SKPWNI), for residents who moved in",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                (
                    "Petugas mencocokkan biometrik pemohon dengan data di SIAK Terpusat.",
                    "The officer matches the applicant's biometrics with the central database.",
                ),
                _STEP_KTP_PRINT,
            ),
            **_KTP_TIME,
            product=_KTP_EL,
            product_en=_KTP_EL_EN,
            **src(*_KTP_SOURCES, "palembang.tribunnews.com 2021/09/24", STANDARD_NGAWI),
        ),
        _dukcapil(
            slug="ktp-el-rusak",
            name="KTP-el Rusak",
            name_en="Replacement of a damaged electronic ID card (KTP-el)",
            summary="Penggantian KTP-el yang rusak, patah, atau chip-nya tidak terbaca.",
            summary_en="Replacement of an electronic ID card that is damaged, broken or whose chip cannot be read.",
            keywords="ktp rusak, e-ktp rusak, ektp rusak, ktp patah, ktp retak, chip ktp rusak, ktp luntur, ktp tidak terbaca",
            requirements=[
                r(
                    "KTP-el yang rusak",
                    "The damaged KTP-el",
                    form=ORI,
                    note="Diserahkan kepada petugas.",
                ),
                KK_FC,
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                (
                    "Petugas menarik KTP-el yang rusak dan memverifikasi data di SIAK Terpusat.",
                    "The officer takes in the damaged card and verifies the data in SIAK Terpusat.",
                ),
                _STEP_KTP_PRINT,
            ),
            **_KTP_TIME,
            product=_KTP_EL,
            product_en=_KTP_EL_EN,
            **src(*_KTP_SOURCES, STANDARD_NGAWI),
        ),
        _dukcapil(
            slug="ktp-el-perubahan-data",
            name="KTP-el Cetak Ulang karena Perubahan Data",
            name_en="Electronic ID card reissue after a change of data",
            summary="Pencetakan ulang KTP-el setelah data di KK berubah, misalnya status perkawinan, pekerjaan, atau alamat.",
            summary_en="Reprint of the electronic ID card after data on the family card changed, such as marital status, occupation or address.",
            keywords="ubah data ktp, ganti data ktp, ktp salah data, ganti status ktp, ganti pekerjaan di ktp, ganti alamat ktp, update ktp",
            requirements=[
                r("KTP-el lama", "Old KTP-el", form=ORI, note="Diserahkan kepada petugas."),
                r(
                    "Kartu Keluarga (KK) yang sudah memuat data baru",
                    "Family card already showing the new data",
                ),
                r(
                    "Dokumen pendukung perubahan (buku nikah, akta cerai, ijazah, dan sebagainya)",
                    "Supporting document for the change (marriage book, divorce certificate, school certificate, etc.)",
                ),
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                (
                    "Bila KK belum memuat data baru, perubahan KK diproses lebih dahulu.",
                    "If the family card does not yet show the new data, it is updated first.",
                ),
                _STEP_KTP_PRINT,
            ),
            **_KTP_TIME,
            product=_KTP_EL,
            product_en=_KTP_EL_EN,
            **src(*_KTP_SOURCES, STANDARD_NGAWI),
        ),
        _dukcapil(
            slug="kk-baru",
            name="Kartu Keluarga Baru (Membentuk Keluarga Baru)",
            name_en="New family card (KK) for a new household",
            summary="Penerbitan KK baru bagi pasangan yang baru menikah atau penduduk yang membentuk keluarga baru.",
            summary_en="Issue of a new family card for a newly married couple or residents forming a new household.",
            keywords="kk baru, bikin kk, buat kk, kartu keluarga baru, kk pengantin baru, kk setelah nikah",
            requirements=[
                r("Formulir biodata keluarga (F-1.01)", form=ORI),
                NIKAH_FC,
                r(
                    "KK lama dari masing-masing pasangan",
                    "Each spouse's current family card",
                    form=ORI,
                ),
                r(
                    "SKPWNI bagi yang pindah dari luar daerah",
                    "Moving certificate (SKPWNI) for those moving in from another region",
                    form=ORI,
                    optional=True,
                ),
                KONTAK,
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                _STEP_SIAK,
                _STEP_PDF,
            ),
            **takes(1, WD, upto=3, note="Contoh standar: KK baru 3 hari (Disdukcapil Lamongan)."),
            product=_KK_TTE,
            product_en=_KK_TTE_EN,
            **src(
                "lamongankab.go.id/disdukcapil/post/1888",
                "id.scribd.com/document/668083777",
                STANDARD_NGAWI,
            ),
        ),
        _dukcapil(
            slug="kk-tambah-anggota",
            name="Kartu Keluarga Perubahan: Penambahan Anggota",
            name_en="Family card update: adding a family member",
            summary="Penambahan anggota keluarga ke KK, misalnya bayi yang baru lahir atau anggota yang menumpang.",
            summary_en="Adding a member to the family card, such as a newborn baby or a relative joining the household.",
            keywords="tambah anggota kk, masukkan anak ke kk, kk tambah bayi, numpang kk, tambah nama di kk",
            requirements=[
                KK_ORI,
                r(
                    "Akta kelahiran atau surat keterangan lahir anggota baru",
                    "Birth certificate or birth notice of the new member",
                ),
                r(
                    "SKPWNI bagi anggota yang pindah dari luar daerah",
                    "Moving certificate (SKPWNI) for a member moving in from another region",
                    form=ORI,
                    optional=True,
                ),
                r("Formulir biodata keluarga (F-1.01)", form=ORI),
                KONTAK,
            ],
            steps=steps(step_queue("Dispendukcapil"), STEP_CHECK, _STEP_SIAK, _STEP_PDF),
            **takes(1, WD, upto=3),
            product=_KK_TTE,
            product_en=_KK_TTE_EN,
            **src(
                "lamongankab.go.id/disdukcapil/post/1888",
                "dispenduk.magetan.go.id/PAK-TUWA/",
                STANDARD_NGAWI,
            ),
        ),
        _dukcapil(
            slug="kk-perubahan-data",
            name="Kartu Keluarga Perubahan Data (Biodata)",
            name_en="Family card update: change of personal data",
            summary="Perubahan elemen data di KK seperti pendidikan, pekerjaan, golongan darah, status perkawinan, atau kesalahan penulisan.",
            summary_en="Change of data on the family card such as education, occupation, blood group, marital status or a spelling mistake.",
            keywords="ubah data kk, ganti data kk, kk salah nama, ganti pendidikan kk, ganti pekerjaan kk, ganti golongan darah, kk salah tanggal lahir, ganti kepala keluarga",
            channel=Channel.BOTH,
            online_url=ONLINE_NGAWI,
            requirements=[
                KK_ORI,
                r("Formulir perubahan elemen data (F-1.06)", "Data change form (F-1.06)", form=ORI),
                r(
                    "Dokumen pendukung perubahan (ijazah, akta, buku nikah, surat keterangan golongan darah, dan sebagainya)",
                    "Supporting document for the change (school certificate, certificate, marriage book, blood-group letter, etc.)",
                ),
                KONTAK,
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                _STEP_SIAK,
                _STEP_PDF,
                (
                    "Perubahan golongan darah juga dapat diajukan daring lewat aplikasi IKD.",
                    "A blood-group change can also be requested online in the IKD app.",
                ),
            ),
            **takes(1, WD, upto=3),
            product=_KK_TTE,
            product_en=_KK_TTE_EN,
            **src(
                "id.scribd.com/document/668083777 (Magelang: F-1.06)", ONLINE_NGAWI, STANDARD_NGAWI
            ),
        ),
        _dukcapil(
            slug="kk-pecah",
            name="Pisah KK (Pecah Kartu Keluarga)",
            name_en="Splitting a family card",
            summary="Pemisahan anggota keluarga dari KK lama menjadi KK sendiri; pecah KK perorangan dapat diajukan daring lewat IKD.",
            summary_en="Moving members out of an existing family card onto their own; an individual split can be requested online via IKD.",
            keywords="pecah kk, pisah kk, misah kk, kk sendiri, keluar dari kk orang tua",
            channel=Channel.BOTH,
            online_url=ONLINE_NGAWI,
            requirements=[
                KK_ORI,
                r(
                    "Buku nikah atau akta perkawinan",
                    optional=True,
                    note="Bila pemisahan karena menikah.",
                ),
                r("Formulir biodata keluarga (F-1.01)", form=ORI),
                KONTAK,
            ],
            steps=steps(step_queue("Dispendukcapil"), STEP_CHECK, _STEP_SIAK, _STEP_PDF),
            **takes(1, WD, upto=3),
            product="Dua KK ber-TTE: KK lama yang diperbarui dan KK baru",
            product_en="Two signed family cards: the updated old one and the new one",
            **src(ONLINE_NGAWI, "lamongankab.go.id/disdukcapil/post/1888"),
        ),
        _dukcapil(
            slug="kk-hilang",
            name="Kartu Keluarga Hilang",
            name_en="Replacement of a lost family card",
            summary="Pencetakan ulang KK yang hilang dari data di SIAK Terpusat.",
            summary_en="Reprint of a lost family card from the data in SIAK Terpusat.",
            keywords="kk hilang, kk ilang, kartu keluarga hilang, cetak ulang kk, kk kecurian",
            channel=Channel.BOTH,
            online_url=ONLINE_NGAWI,
            requirements=[
                KTP_FC,
                r(
                    "Surat keterangan kehilangan dari kepolisian",
                    form=ORI,
                    note="Masih diminta menurut SE Dirjen Dukcapil 470/13287; Dirjen menyatakan (19 Maret 2024) KTP-el dapat mencukupi.",
                ),
                KONTAK,
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                _STEP_SIAK,
                _STEP_PDF,
                (
                    "Cetak ulang tanpa perubahan data juga dapat diajukan lewat aplikasi IKD bila sudah memiliki KK ber-TTE/QR.",
                    "A reprint without data changes can also be requested in the IKD app if you already hold a KK with an e-signature/QR code.",
                ),
            ),
            **_ONE_DAY,
            product=_KK_TTE,
            product_en=_KK_TTE_EN,
            **src(
                "kompas.tv/amp/nasional/497268",
                "dispenduk.magetan.go.id/PAK-TUWA/",
                ONLINE_NGAWI,
                confirm="apakah Dispendukcapil Ngawi masih mensyaratkan surat kehilangan dari kepolisian (praktik daerah berbeda)",
            ),
        ),
        _dukcapil(
            slug="kk-rusak",
            name="Kartu Keluarga Rusak",
            name_en="Replacement of a damaged family card",
            summary="Pencetakan ulang KK yang rusak; KK cetakan HVS ber-QR tetap sah dan tidak perlu dilaminasi.",
            summary_en="Reprint of a damaged family card; a plain-paper KK with a QR code is valid and should not be laminated.",
            keywords="kk rusak, kartu keluarga rusak, kk sobek, kk basah, kk luntur",
            channel=Channel.BOTH,
            online_url=ONLINE_NGAWI,
            requirements=[
                r("KK yang rusak", "The damaged family card", form=ORI),
                KTP_FC,
                KONTAK,
            ],
            steps=steps(step_queue("Dispendukcapil"), STEP_CHECK, _STEP_SIAK, _STEP_PDF),
            **_ONE_DAY,
            product=_KK_TTE,
            product_en=_KK_TTE_EN,
            **src(
                "dispenduk.magetan.go.id/PAK-TUWA/",
                "rsjmenur.id/?p=246 (KK HVS ber-QR sah)",
                ONLINE_NGAWI,
            ),
        ),
        _dukcapil(
            slug="kia",
            name="Kartu Identitas Anak (KIA)",
            name_en="Child identity card (KIA)",
            summary="Penerbitan kartu identitas bagi anak di bawah 17 tahun yang belum menikah.",
            summary_en="Identity card for unmarried children under 17.",
            keywords="kia, kartu identitas anak, ktp anak, kartu anak",
            requirements=[
                AKTA_LAHIR_FC,
                KK_FC,
                KTP_ORANG_TUA,
                r(
                    "Pas foto berwarna anak 2×3 cm",
                    "Colour photo of the child, 2×3 cm",
                    form=ORI,
                    qty=2,
                    optional=True,
                    note="Untuk anak berusia 5 tahun ke atas.",
                ),
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                (
                    "Petugas mencetak KIA dari data di SIAK Terpusat.",
                    "The officer prints the KIA from the data in SIAK Terpusat.",
                ),
                STEP_PICKUP,
            ),
            **_ONE_DAY,
            product="Kartu Identitas Anak (KIA)",
            product_en="Child identity card (KIA)",
            legal_basis="UU 24/2013; Permendagri 2/2016 tentang Kartu Identitas Anak",
            **src(
                "dispenduk.magetan.go.id/PAK-TUWA/", "cakrawala7.com (selesai ditunggu, Ponorogo)"
            ),
        ),
        _dukcapil(
            slug="akta-kelahiran",
            name="Akta Kelahiran",
            name_en="Birth certificate",
            summary="Pencatatan kelahiran dan penerbitan kutipan akta kelahiran; laporkan paling lambat 60 hari sejak kelahiran.",
            summary_en="Registration of a birth and issue of the birth certificate; report within 60 days of the birth.",
            keywords="akta lahir, akte kelahiran, akte lahir, akta bayi, bikin akta anak, akta kelahiran baru",
            channel=Channel.BOTH,
            online_url=ONLINE_NGAWI,
            requirements=[
                r(
                    "Surat keterangan lahir dari dokter, bidan, atau fasilitas kesehatan (atau SPTJM kebenaran data kelahiran)",
                    "Birth notice from the doctor, midwife or health facility (or a statement of responsibility for the birth data)",
                    form=ORI,
                ),
                r(
                    "Buku nikah atau akta perkawinan",
                    note="Bila tidak ada: SPTJM kebenaran sebagai pasangan suami istri.",
                ),
                KK_FC,
                KTP_ORANG_TUA,
                r("Formulir pelaporan pencatatan sipil (F-2.01)", form=ORI),
                r(
                    "KTP-el dua orang saksi",
                    "Electronic ID cards of two witnesses",
                    optional=True,
                    note="Diminta di sebagian daerah.",
                ),
            ],
            steps=steps(step_queue("Dispendukcapil"), STEP_CHECK, _STEP_SIAK, _STEP_PDF),
            **takes(
                1,
                WD,
                note="Pelaporan sampai 60 hari sejak kelahiran (contoh standar Kulon Progo: 1 hari).",
            ),
            product="Kutipan akta kelahiran ber-TTE dan KK yang diperbarui",
            product_en="Signed birth certificate and the updated family card",
            **src(
                "dukcapil.kulonprogokab.go.id/detil/25",
                "mayong.jepara.go.id/akte-kelahiran",
                "disdukcapil.bontangkota.go.id",
                "dispenduk.magetan.go.id/PAK-TUWA/",
            ),
        ),
        _dukcapil(
            slug="akta-kelahiran-terlambat",
            name="Akta Kelahiran Terlambat (Lebih dari 60 Hari)",
            name_en="Late birth registration (after 60 days)",
            summary="Pencatatan kelahiran yang dilaporkan lebih dari 60 hari sejak kelahiran, termasuk bagi penduduk dewasa.",
            summary_en="Registration of a birth reported more than 60 days after it happened, including for adults.",
            keywords="akta lahir terlambat, akte telat, akta kelahiran dewasa, akta lahir orang tua, telat bikin akta",
            requirements=[
                r(
                    "Surat keterangan lahir atau SPTJM kebenaran data kelahiran",
                    "Birth notice or statement of responsibility for the birth data",
                    form=ORI,
                ),
                r(
                    "Buku nikah atau akta perkawinan orang tua",
                    "Parents' marriage book or certificate",
                    note="Bila tidak ada: SPTJM kebenaran sebagai pasangan suami istri.",
                ),
                KK_FC,
                KTP_FC,
                r("Formulir pelaporan pencatatan sipil (F-2.01)", form=ORI),
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                (
                    "Pencatatan lewat 60 hari memerlukan persetujuan Kepala Dinas.",
                    "Registration after 60 days needs the head of office's approval.",
                ),
                _STEP_SIAK,
                _STEP_PDF,
            ),
            **takes(
                2, WD, note="Contoh standar Kulon Progo: 2 hari untuk pelaporan lewat 60 hari."
            ),
            product="Kutipan akta kelahiran ber-TTE",
            product_en="Signed birth certificate",
            **free(
                note="Akta diterbitkan tanpa biaya. Sebagian daerah mengenakan denda administratif keterlambatan lewat Perda; belum diketahui apakah berlaku di Ngawi.",
                basis="UU 24/2013 Pasal 79A",
            ),
            **src(
                "dukcapil.kulonprogokab.go.id/detil/25",
                "UU 24/2013 Pasal 27 (pelaporan 60 hari, sebagaimana dikutip)",
                confirm="ada atau tidaknya denda keterlambatan di Perda Ngawi",
            ),
        ),
        _dukcapil(
            slug="akta-kelahiran-kutipan-kedua",
            name="Akta Kelahiran Hilang atau Rusak (Kutipan Kedua)",
            name_en="Replacement birth certificate (lost or damaged)",
            summary="Penerbitan kutipan kedua akta kelahiran yang hilang atau rusak.",
            summary_en="Second copy of a birth certificate that was lost or damaged.",
            keywords="akta lahir hilang, akte kelahiran hilang, akta kelahiran rusak, kutipan kedua akta, akte lahir sobek",
            requirements=[
                r(
                    "Surat keterangan kehilangan dari kepolisian atau akta yang rusak",
                    "Police loss report, or the damaged certificate",
                    form=ORI,
                ),
                KK_FC,
                KTP_FC,
            ],
            steps=steps(step_queue("Dispendukcapil"), STEP_CHECK, _STEP_SIAK, _STEP_PDF),
            **_ONE_DAY,
            product="Kutipan kedua akta kelahiran ber-TTE",
            product_en="Second signed copy of the birth certificate",
            **src("dispenduk.magetan.go.id/PAK-TUWA/", "Perpres 96/2018", STANDARD_NGAWI),
        ),
        _dukcapil(
            slug="akta-kematian",
            name="Akta Kematian",
            name_en="Death certificate",
            summary="Pencatatan kematian penduduk dan penerbitan akta kematian; KK keluarga diperbarui sekaligus.",
            summary_en="Registration of a death and issue of the death certificate; the family card is updated at the same time.",
            keywords="akta kematian, akte kematian, akta meninggal, lapor kematian, akte mati, surat kematian dukcapil",
            channel=Channel.BOTH,
            online_url=ONLINE_NGAWI,
            requirements=[
                r(
                    "Surat keterangan kematian dari dokter/rumah sakit atau dari kepala desa/kelurahan",
                    "Death notice from the doctor/hospital or from the village or urban-village head",
                    form=ORI,
                ),
                r("KK almarhum/almarhumah", "Family card of the deceased", form=ORI),
                r(
                    "KTP-el almarhum/almarhumah",
                    "Electronic ID card of the deceased",
                    form=ORI,
                    note="Diserahkan kepada petugas.",
                ),
                r("KTP-el pelapor", "Reporting person's electronic ID card"),
                r("Formulir pelaporan pencatatan sipil (F-2.01)", form=ORI),
            ],
            steps=steps(step_queue("Dispendukcapil"), STEP_CHECK, _STEP_SIAK, _STEP_PDF),
            **_ONE_DAY,
            product="Kutipan akta kematian ber-TTE dan KK yang diperbarui",
            product_en="Signed death certificate and the updated family card",
            **src("dispenduk.magetan.go.id/PAK-TUWA/", STANDARD_NGAWI),
        ),
        _dukcapil(
            slug="akta-perkawinan",
            name="Akta Perkawinan (Selain Muslim)",
            name_en="Marriage certificate (non-Muslim marriages)",
            summary="Pencatatan perkawinan bagi pasangan selain beragama Islam setelah pemberkatan/upacara agama.",
            summary_en="Registration of a marriage between non-Muslim partners after the religious ceremony.",
            keywords="akta nikah non muslim, akta perkawinan, catat nikah gereja, pencatatan perkawinan kristen, akta kawin, catatan sipil nikah",
            requirements=[
                r(
                    "Surat keterangan perkawinan dari pemuka agama",
                    "Marriage statement from the religious leader",
                    form=ORI,
                ),
                r("KTP-el kedua mempelai", "Both partners' electronic ID cards"),
                r("KK kedua mempelai", "Both partners' family cards"),
                r("Akta kelahiran kedua mempelai", "Both partners' birth certificates"),
                r(
                    "Pas foto berdampingan 4×6 cm",
                    "Side-by-side photo of the couple, 4×6 cm",
                    form=ORI,
                    qty=2,
                ),
                r("KTP-el dua orang saksi", "Electronic ID cards of two witnesses"),
                r(
                    "Akta perceraian atau akta kematian pasangan terdahulu",
                    "Divorce certificate or death certificate of the previous spouse",
                    optional=True,
                    note="Bagi janda/duda.",
                ),
            ],
            steps=steps(step_queue("Dispendukcapil"), STEP_CHECK, _STEP_SIAK, _STEP_PDF),
            **_ONE_DAY,
            product="Kutipan akta perkawinan dan KK baru",
            product_en="Marriage certificate and the new family card",
            **src(
                "Perpres 96/2018",
                STANDARD_NGAWI,
                confirm="rincian persyaratan dan jangka waktu di Dispendukcapil Ngawi",
            ),
        ),
        _dukcapil(
            slug="akta-perceraian",
            name="Akta Perceraian (Selain Muslim)",
            name_en="Divorce certificate (non-Muslim marriages)",
            summary="Pencatatan perceraian berdasarkan putusan Pengadilan Negeri yang telah berkekuatan hukum tetap.",
            summary_en="Registration of a divorce granted by the district court in a final decision.",
            keywords="akta cerai non muslim, akta perceraian, catat cerai, akte cerai pengadilan negeri",
            requirements=[
                r(
                    "Salinan putusan Pengadilan Negeri yang berkekuatan hukum tetap",
                    "Copy of the final district court decision",
                    form=ORI,
                ),
                r("Kutipan akta perkawinan", "Marriage certificate", form=ORI),
                KK_FC,
                KTP_FC,
            ],
            steps=steps(step_queue("Dispendukcapil"), STEP_CHECK, _STEP_SIAK, _STEP_PDF),
            **_ONE_DAY,
            product="Kutipan akta perceraian dan KK yang diperbarui",
            product_en="Divorce certificate and the updated family card",
            **src(
                "Perpres 96/2018",
                STANDARD_NGAWI,
                confirm="rincian persyaratan dan jangka waktu di Dispendukcapil Ngawi",
            ),
        ),
        _dukcapil(
            slug="akta-perubahan-nama",
            name="Pencatatan Perubahan Nama",
            name_en="Registration of a change of name",
            summary="Pencatatan perubahan nama pada akta pencatatan sipil berdasarkan penetapan Pengadilan Negeri, paling lambat 30 hari setelah penetapan.",
            summary_en="Recording a change of name on civil registration certificates under a district court order, within 30 days of the order.",
            keywords="ganti nama, ubah nama di akta, perubahan nama akta, catatan pinggir ganti nama",
            requirements=[
                r(
                    "Salinan penetapan Pengadilan Negeri tentang perubahan nama",
                    "Copy of the district court order on the change of name",
                    form=ORI,
                ),
                r(
                    "Kutipan akta pencatatan sipil yang akan diubah",
                    "The civil registration certificate to be amended",
                    form=ORI,
                ),
                KK_ORI,
                KTP_FC,
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                (
                    "Petugas membuat catatan pinggir pada register dan kutipan akta.",
                    "The officer adds a margin note to the register and to the certificate.",
                ),
                _STEP_PDF,
            ),
            **_ONE_DAY,
            product="Kutipan akta dengan catatan pinggir perubahan nama, KK dan KTP-el yang diperbarui",
            product_en="Certificate with a margin note of the new name; updated family card and ID card",
            **src("UU 23/2006 Pasal 52", "Perpres 96/2018", STANDARD_NGAWI),
        ),
        _dukcapil(
            slug="pindah-keluar",
            name="Surat Keterangan Pindah WNI (SKPWNI) — Pindah Keluar",
            name_en="Moving-out certificate (SKPWNI)",
            summary="Penerbitan surat keterangan pindah bagi penduduk yang pindah ke luar desa, kecamatan, atau kabupaten; pindah perorangan dapat diajukan lewat IKD.",
            summary_en="Moving certificate for residents moving to another village, district or regency; an individual move can be requested via IKD.",
            keywords="surat pindah, pindah domisili, skpwni, pindah keluar, pindah ke luar kota, pindah alamat, mutasi penduduk",
            channel=Channel.BOTH,
            online_url=ONLINE_NGAWI,
            requirements=[
                KK_ORI,
                KTP_FC,
                r(
                    "Formulir pindah yang ditandatangani kepala desa/lurah dan diketahui camat",
                    "Moving form signed by the village head and acknowledged by the district head (camat)",
                    form=ORI,
                ),
                r(
                    "Akta kelahiran anggota keluarga di bawah 17 tahun",
                    "Birth certificates of family members under 17",
                    optional=True,
                ),
                r(
                    "Buku nikah bila status perkawinan berubah",
                    "Marriage book if the marital status changed",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                (
                    "Kepala keluarga tidak dapat pindah sendiri bila anggota lain tetap tinggal; petugas menyesuaikan susunan KK.",
                    "A head of household cannot move alone while other members stay; the officer adjusts the family card.",
                ),
                _STEP_SIAK,
                (
                    "SKPWNI diserahkan kepada pemohon untuk dilaporkan di daerah tujuan.",
                    "The SKPWNI is handed to the applicant to report at the destination.",
                ),
            ),
            **_ONE_DAY,
            product="Surat Keterangan Pindah WNI (SKPWNI)",
            product_en="Moving certificate (SKPWNI)",
            **src("dispenduk.magetan.go.id/PAK-TUWA/", ONLINE_NGAWI),
        ),
        _dukcapil(
            slug="pindah-datang",
            name="Pindah Datang ke Kabupaten Ngawi",
            name_en="Registering a move into Ngawi Regency",
            summary="Pencatatan penduduk yang pindah masuk ke Ngawi dan penerbitan KK serta KTP-el dengan alamat baru.",
            summary_en="Registration of residents moving into Ngawi and issue of a family card and ID card with the new address.",
            keywords="pindah datang, pindah masuk, datang ke ngawi, lapor pindah masuk, skpwni masuk",
            channel=Channel.BOTH,
            online_url=ONLINE_NGAWI,
            requirements=[
                r(
                    "Surat Keterangan Pindah WNI (SKPWNI) dari daerah asal",
                    "Moving certificate (SKPWNI) from the previous region",
                    form=ORI,
                ),
                KTP_ORI,
                r(
                    "KK yang akan ditumpangi (bila bergabung ke KK yang sudah ada)",
                    "Family card to be joined (if joining an existing household)",
                    form=ORI,
                    optional=True,
                ),
                KONTAK,
            ],
            steps=steps(
                step_queue("Dispendukcapil"), STEP_CHECK, _STEP_SIAK, _STEP_PDF, _STEP_KTP_PRINT
            ),
            **takes(
                1,
                WD,
                upto=7,
                note="KK selesai di hari yang sama; KTP-el bergantung pada ketersediaan blangko.",
            ),
            product="KK dengan alamat di Ngawi dan KTP-el dengan alamat baru",
            product_en="Family card with a Ngawi address and an ID card with the new address",
            **src("dispenduk.magetan.go.id/PAK-TUWA/", ONLINE_NGAWI),
        ),
        _dukcapil(
            slug="ikd-aktivasi",
            name="Aktivasi Identitas Kependudukan Digital (IKD)",
            name_en="Activation of the Digital Population Identity (IKD)",
            summary="Aktivasi KTP digital di aplikasi IKD dengan verifikasi wajah dan pemindaian kode QR oleh petugas.",
            summary_en="Activation of the digital ID in the IKD app with face verification and a QR scan by the officer.",
            keywords="ikd, ktp digital, identitas digital, aktivasi ktp digital, ktp di hp, e-ktp digital",
            requirements=[
                KTP_SHOW,
                r(
                    "Ponsel pintar dengan aplikasi IKD terpasang",
                    "Smartphone with the IKD app installed",
                    form=NA,
                ),
                r(
                    "Alamat e-mail aktif dan nomor ponsel",
                    "Active e-mail address and mobile number",
                    form=NA,
                ),
            ],
            steps=steps(
                step_queue("Dispendukcapil"),
                (
                    "Pasang aplikasi IKD, masukkan NIK, e-mail, dan nomor ponsel.",
                    "Install the IKD app and enter your NIK, e-mail and mobile number.",
                ),
                (
                    "Lakukan verifikasi wajah di aplikasi.",
                    "Complete the face verification in the app.",
                ),
                (
                    "Petugas memindai kode QR di ponsel pemohon.",
                    "The officer scans the QR code on the applicant's phone.",
                ),
                (
                    "PIN aktivasi dikirim ke e-mail; masuk ke aplikasi dengan PIN tersebut.",
                    "An activation PIN is e-mailed; log in to the app with it.",
                ),
            ),
            **takes(15, MIN, upto=30, note="Perkiraan; dilayani langsung saat itu juga."),
            product="Identitas Kependudukan Digital aktif di ponsel pemohon",
            product_en="Digital ID active on the applicant's phone",
            legal_basis="UU 24/2013; Permendagri 72/2022 tentang Standar dan Spesifikasi Perangkat Keras, Perangkat Lunak, dan Blangko KTP-el serta Penyelenggaraan IKD",
            **src("beritahuta.com", "nusabali.com 184855", "kompasiana 657a2ddb"),
        ),
        _dukcapil(
            slug="biodata-penduduk",
            name="Cetak Biodata Penduduk WNI",
            name_en="Printout of a resident's population biodata",
            summary="Pencetakan biodata penduduk dari SIAK Terpusat, antara lain sebagai syarat layanan instansi lain; dapat diajukan lewat IKD.",
            summary_en="Printout of a resident's biodata from SIAK Terpusat, e.g. for other agencies' requirements; can be requested via IKD.",
            keywords="biodata, cetak biodata, print biodata, biodata penduduk, biodata wni",
            channel=Channel.BOTH,
            online_url=ONLINE_NGAWI,
            requirements=[KTP_SHOW, KK_SHOW, KUASA, KTP_KUASA],
            steps=steps(
                step_queue("Dispendukcapil"),
                STEP_CHECK,
                (
                    "Petugas mencetak biodata dari SIAK Terpusat.",
                    "The officer prints the biodata from SIAK Terpusat.",
                ),
                STEP_PICKUP,
            ),
            **takes(15, MIN, upto=60, note=ON_THE_SPOT),
            product="Biodata penduduk WNI ber-TTE",
            product_en="Signed resident biodata",
            **src(
                ONLINE_NGAWI, confirm="jangka waktu (perkiraan, belum dari SK standar pelayanan)"
            ),
        ),
    ),
)

_kecamatan = partial(
    make,
    {
        "category": ServiceCategory.POPULATION,
        "channel": Channel.COUNTER,
        "counter_info": counter("B10", "Kecamatan Ngawi"),
        **NO_FEE,
        **complaints(
            "Sampaikan kepada petugas gerai Kecamatan Ngawi atau langsung ke Kantor Kecamatan Ngawi.",
            "Tell the officer at the Kecamatan Ngawi booth or the Ngawi district office.",
        ),
    },
)

KECAMATAN_NGAWI = AgencySeed(
    slug="kecamatan-ngawi",
    name="Kantor Kecamatan Ngawi",
    name_en="Ngawi District Office (Kecamatan Ngawi)",
    short_name="Kecamatan Ngawi",
    level=AgencyLevel.REGENCY,
    booth="B10",
    website="https://ngawikab.go.id",
    description=(
        "Layanan kecamatan bagi warga Kecamatan Ngawi (16 desa/kelurahan). Warga kecamatan lain "
        "dilayani di kantor kecamatan masing-masing."
    ),
    description_en=(
        "District services for residents of Kecamatan Ngawi (16 villages and urban villages). "
        "Residents of other districts are served at their own district office."
    ),
    services=(
        _kecamatan(
            slug="kecamatan-dispensasi-nikah",
            name="Dispensasi Camat untuk Nikah Kurang dari 10 Hari Kerja",
            name_en="District head's dispensation for a wedding registered less than 10 working days ahead",
            summary="Surat dispensasi camat bila pendaftaran nikah di KUA dilakukan kurang dari 10 hari kerja sebelum akad.",
            summary_en="The district head's dispensation when a marriage is registered at the KUA less than 10 working days before the ceremony.",
            keywords="dispensasi camat, nikah kurang 10 hari, daftar nikah mendadak, dispensasi waktu nikah",
            category=ServiceCategory.RELIGION,
            requirements=[
                r("Surat permohonan dispensasi", "Letter requesting the dispensation", form=ORI),
                r(
                    "Surat pemberitahuan dari KUA bahwa pendaftaran kurang dari 10 hari kerja",
                    "Notice from the KUA that the registration is less than 10 working days ahead",
                    form=ORI,
                ),
                r("KTP-el kedua calon pengantin", "Both bride's and groom's electronic ID cards"),
                KK_FC,
            ],
            steps=steps(
                step_queue("Kecamatan Ngawi"),
                STEP_CHECK,
                (
                    "Camat menandatangani surat dispensasi.",
                    "The district head signs the dispensation letter.",
                ),
                (
                    "Serahkan surat dispensasi ke KUA tempat akad.",
                    "Hand the letter to the KUA where the wedding takes place.",
                ),
            ),
            **takes(1, WD),
            product="Surat dispensasi camat",
            product_en="District head's dispensation letter",
            legal_basis="PMA 20/2019 tentang Pencatatan Pernikahan",
            **src(
                "grid.id 044024131",
                "star.grid.id 453679135",
                confirm="gerai kecamatan di MPP Ngawi dan jangka waktu belum dipublikasikan",
            ),
        ),
        _kecamatan(
            slug="kecamatan-keterangan-waris",
            name="Penguatan Surat Keterangan Waris oleh Camat",
            name_en="District head's endorsement of a statement of heirs",
            summary="Penguatan (legalisasi) surat keterangan waris yang dibuat para ahli waris dan disaksikan kepala desa/lurah, antara lain untuk balik nama sertifikat tanah.",
            summary_en="The district head's endorsement of a statement of heirs made by the heirs and witnessed by the village head, e.g. to transfer a land title.",
            keywords="surat waris, keterangan ahli waris, sk waris, legalisasi waris, surat ahli waris camat",
            category=ServiceCategory.LAND,
            requirements=[
                r(
                    "Surat keterangan waris yang ditandatangani para ahli waris dan dibenarkan kepala desa/lurah",
                    "Statement of heirs signed by all heirs and confirmed by the village head",
                    form=ORI,
                ),
                r("Akta kematian pewaris", "Death certificate of the deceased"),
                r(
                    "KTP-el dan KK seluruh ahli waris",
                    "Electronic ID cards and family cards of all heirs",
                ),
                r("Akta kelahiran para ahli waris", "Birth certificates of the heirs"),
                r("Buku nikah pewaris", "Marriage book of the deceased", optional=True),
            ],
            steps=steps(
                step_queue("Kecamatan Ngawi"),
                STEP_CHECK,
                (
                    "Petugas mencatat dalam register dan camat menandatangani penguatan.",
                    "The officer records it in the register and the district head signs the endorsement.",
                ),
                STEP_PICKUP,
            ),
            **takes(1, WD, upto=3),
            product="Surat keterangan waris yang dikuatkan camat",
            product_en="Statement of heirs endorsed by the district head",
            legal_basis="Peraturan Menteri Agraria/Kepala BPN 3/1997 Pasal 111",
            **src(
                "PMNA/KBPN 3/1997 Pasal 111 (bentuk surat keterangan waris)",
                confirm="gerai kecamatan di MPP Ngawi, persyaratan dan jangka waktu setempat",
            ),
        ),
    ),
)

AGENCIES = [DISPENDUKCAPIL, KECAMATAN_NGAWI]
