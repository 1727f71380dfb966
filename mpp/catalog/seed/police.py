# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Police services (Polres Ngawi: SKCK, SIM renewals, loss reports, event permits) and the
narcotics board (BNNK Ngawi).

Polri fees are PNBP under PP 76/2020 (same SIM/SKCK amounts as PP 60/2016): SKCK Rp30.000;
SIM renewals A/B I/B II Rp80.000, C Rp75.000 (FACTS §8.2).
"""

from __future__ import annotations

from functools import partial

from mpp.catalog.enums import AgencyLevel, Channel, ServiceCategory
from mpp.catalog.seed.common import (
    FC,
    KK_FC,
    KTP_FC,
    KTP_SHOW,
    MIN,
    NA,
    NO_FEE,
    ON_THE_SPOT,
    ORI,
    PENGANTAR_DESA,
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

POLRI_PNBP = (
    "PP 76/2020 tentang Jenis dan Tarif PNBP yang Berlaku pada Kepolisian Negara Republik Indonesia"
)

_polres = partial(
    make,
    {
        "category": ServiceCategory.POLICE,
        "channel": Channel.COUNTER,
        "counter_info": counter("A03", "Polres Ngawi"),
        "legal_basis": f"UU 2/2002 tentang Kepolisian Negara Republik Indonesia; {POLRI_PNBP}",
        **complaints(
            "Sampaikan kepada petugas gerai Polres Ngawi atau ke Sentra Pelayanan Kepolisian Terpadu (SPKT) Polres Ngawi.",
            "Tell the officer at the Polres Ngawi booth or the integrated police service centre (SPKT) of Polres Ngawi.",
        ),
    },
)

_SKCK_SOURCES = (
    "rbtv.disway.id 100736",
    "radarutara.disway.id 645771",
    "jogja.tribunnews.com 2022/04/16",
    "idxchannel.com",
)
_SKCK_FEE = fixed(
    30_000,
    POLRI_PNBP,
    note="Rp30.000 untuk WNI (WNA Rp60.000). Bayar di loket atau lewat BRIVA.",
)
_SKCK_PHOTO = r(
    "Pas foto berwarna 4×6 cm latar merah",
    "Colour photo 4×6 cm on a red background",
    form=ORI,
    qty=6,
    note="Jumlah yang diminta berbeda-beda (3–6 lembar); bawa 6.",
)
_SKCK_BPJS = r(
    "Kartu BPJS Kesehatan/KIS aktif",
    form=ORI,
    note="Dilaporkan menjadi syarat sejak 1 Agustus 2024.",
)
_STEP_SKCK_ONLINE = (
    "Daftar lebih dulu di skck.polri.go.id (dianjurkan) dan simpan nomor pendaftaran.",
    "Pre-register at skck.polri.go.id (recommended) and keep the registration number.",
)
_STEP_SKCK_PAY = (
    "Bayar PNBP di loket atau lewat BRIVA; SKCK dicetak dan ditandatangani.",
    "Pay the fee at the counter or via BRIVA; the SKCK is printed and signed.",
)
_SKCK_TIME = takes(
    1,
    WD,
    note="Pendaftaran daring sebelum pukul 08.00 dapat diambil hari itu sampai pukul 14.00; ambil paling lambat 3 hari.",
)
_SKCK_PRODUCT = "Surat Keterangan Catatan Kepolisian (SKCK), berlaku 6 bulan"
_SKCK_PRODUCT_EN = "Police clearance certificate (SKCK), valid for 6 months"

_SIM_LAW = f"UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan; Perpol 5/2021 tentang Penerbitan dan Penandaan SIM; {POLRI_PNBP}"
_SIM_SOURCES = (
    "tribratanews.polrespidie.com",
    "motorplus-online.com",
    "forumlampung.com 2022/09",
    "ternate.tribunnews.com 2020/06/13",
)
_SIM_STEPS = steps(
    step_queue("Polres Ngawi (SIM)"),
    (
        "Lakukan pemeriksaan kesehatan dan tes psikologi di penyedia yang ditunjuk bila belum.",
        "Take the health check and psychological test at an approved provider if not done yet.",
    ),
    STEP_CHECK,
    (
        "Pengambilan foto, sidik jari, dan tanda tangan.",
        "Photo, fingerprints and signature are taken.",
    ),
    (
        "Bayar PNBP di loket bank; SIM dicetak dan diserahkan.",
        "Pay the fee at the bank counter; the SIM is printed and handed over.",
    ),
)
_SIM_TIME = takes(1, WD, note="SIM dicetak di hari yang sama bila berkas lengkap.")
_SIM_FEE_NOTE = (
    "Belum termasuk biaya pemeriksaan kesehatan dan tes psikologi yang dibayar ke penyedianya. "
    "SIM yang sudah lewat masa berlakunya tidak dapat diperpanjang dan harus diajukan sebagai SIM baru di Satpas."
)


def _sim_renewal(
    *, slug: str, kind: str, vehicles: str, vehicles_en: str, amount: int, keywords: str
):
    return _polres(
        slug=slug,
        name=f"Perpanjangan SIM {kind}",
        name_en=f"Driving licence renewal, class {kind}",
        summary=f"Perpanjangan SIM {kind} ({vehicles}) sebelum masa berlakunya habis.",
        summary_en=f"Renewal of the class {kind} driving licence ({vehicles_en}) before it expires.",
        keywords=keywords,
        category=ServiceCategory.VEHICLES,
        requirements=[
            KTP_FC,
            r(
                f"SIM {kind} lama yang masih berlaku",
                f"Current class {kind} driving licence",
                form=ORI,
            ),
            r("Surat keterangan sehat dari dokter", form=ORI),
            r("Surat keterangan lulus tes psikologi", "Psychological test certificate", form=ORI),
            r(
                "Kartu BPJS Kesehatan/KIS aktif",
                form=ORI,
                optional=True,
                note="Diberlakukan bertahap; tanyakan kepada petugas.",
            ),
        ],
        steps=list(_SIM_STEPS),
        **_SIM_TIME,
        **fixed(amount, POLRI_PNBP, note=_SIM_FEE_NOTE),
        product=f"SIM {kind} baru dengan masa berlaku 5 tahun",
        product_en=f"New class {kind} driving licence, valid for 5 years",
        legal_basis=_SIM_LAW,
        **src(*_SIM_SOURCES),
    )


POLRES = AgencySeed(
    slug="polres-ngawi",
    name="Kepolisian Resor Ngawi",
    name_en="Ngawi District Police (Polres Ngawi)",
    short_name="Polres Ngawi",
    level=AgencyLevel.CENTRAL,
    booth="A03",
    website="https://polri.go.id",
    description="Layanan SKCK, perpanjangan SIM, surat keterangan kehilangan, dan izin keramaian dari Polres Ngawi.",
    description_en="Police clearance certificates (SKCK), driving-licence renewals, loss reports and event permits from the Ngawi District Police.",
    services=(
        _polres(
            slug="skck-baru",
            name="SKCK Baru",
            name_en="Police clearance certificate (SKCK), first issue",
            summary="Penerbitan Surat Keterangan Catatan Kepolisian untuk melamar kerja, CPNS, atau keperluan lain.",
            summary_en="Police clearance certificate for job applications, civil-service recruitment and other purposes.",
            keywords="skck, skck baru, bikin skck, surat kelakuan baik, catatan kepolisian, surat keterangan catatan kepolisian",
            channel=Channel.BOTH,
            online_url="https://skck.polri.go.id",
            requirements=[
                PENGANTAR_DESA,
                r(
                    "KTP-el atau SIM",
                    "Electronic ID card or driving licence",
                    note="Alamat sesuai domisili.",
                ),
                KK_FC,
                r(
                    "Akta kelahiran atau surat kenal lahir",
                    "Birth certificate or birth acknowledgement letter",
                ),
                _SKCK_PHOTO,
                r("Formulir daftar riwayat hidup", "Curriculum vitae form", form=ORI),
                r(
                    "Pengambilan sidik jari oleh petugas",
                    "Fingerprints taken by the officer",
                    form=NA,
                ),
                _SKCK_BPJS,
                r(
                    "Paspor (bagi yang akan ke luar negeri)",
                    "Passport (if travelling abroad)",
                    optional=True,
                ),
            ],
            steps=steps(
                _STEP_SKCK_ONLINE,
                step_queue("Polres Ngawi (SKCK)"),
                STEP_CHECK,
                (
                    "Pengambilan sidik jari dan pengisian riwayat hidup.",
                    "Fingerprints are taken and the CV form is completed.",
                ),
                _STEP_SKCK_PAY,
                STEP_PICKUP,
            ),
            **_SKCK_TIME,
            **_SKCK_FEE,
            product=_SKCK_PRODUCT,
            product_en=_SKCK_PRODUCT_EN,
            **src(*_SKCK_SOURCES, "syaratdaninfo.blogspot.com 2018/04"),
        ),
        _polres(
            slug="skck-perpanjangan",
            name="Perpanjangan SKCK",
            name_en="Police clearance certificate (SKCK) renewal",
            summary="Perpanjangan SKCK yang habis masa berlakunya paling lama satu tahun sebelumnya.",
            summary_en="Renewal of an SKCK that expired no more than a year ago.",
            keywords="perpanjang skck, perpanjangan skck, skck mati, skck habis, skck kadaluarsa, skck expired",
            channel=Channel.BOTH,
            online_url="https://skck.polri.go.id",
            requirements=[
                r(
                    "SKCK lama (habis berlaku paling lama 1 tahun)",
                    "Previous SKCK (expired no more than 1 year ago)",
                    form=ORI,
                ),
                KTP_FC,
                KK_FC,
                r(
                    "Pas foto berwarna 4×6 cm latar merah",
                    "Colour photo 4×6 cm on a red background",
                    form=ORI,
                    qty=2,
                ),
                _SKCK_BPJS,
            ],
            steps=steps(
                _STEP_SKCK_ONLINE,
                step_queue("Polres Ngawi (SKCK)"),
                STEP_CHECK,
                _STEP_SKCK_PAY,
                STEP_PICKUP,
            ),
            **_SKCK_TIME,
            **_SKCK_FEE,
            product=_SKCK_PRODUCT,
            product_en=_SKCK_PRODUCT_EN,
            **src(*_SKCK_SOURCES),
        ),
        _sim_renewal(
            slug="sim-a-perpanjangan",
            kind="A",
            vehicles="mobil penumpang dan barang perseorangan sampai 3.500 kg",
            vehicles_en="private cars and vans up to 3,500 kg",
            amount=80_000,
            keywords="perpanjang sim a, perpanjangan sim a, sim a mati, sim a habis, sim mobil",
        ),
        _sim_renewal(
            slug="sim-c-perpanjangan",
            kind="C",
            vehicles="sepeda motor",
            vehicles_en="motorcycles",
            amount=75_000,
            keywords="perpanjang sim c, perpanjangan sim c, sim c mati, sim c habis, sim motor",
        ),
        _sim_renewal(
            slug="sim-b1-perpanjangan",
            kind="B I",
            vehicles="mobil penumpang dan barang di atas 3.500 kg",
            vehicles_en="cars, buses and lorries over 3,500 kg",
            amount=80_000,
            keywords="perpanjang sim b1, perpanjangan sim b1, sim b1 mati, sim truk, sim bus",
        ),
        _sim_renewal(
            slug="sim-b2-perpanjangan",
            kind="B II",
            vehicles="kendaraan alat berat dan kendaraan penarik dengan kereta gandeng",
            vehicles_en="heavy equipment and towing vehicles with trailers",
            amount=80_000,
            keywords="perpanjang sim b2, perpanjangan sim b2, sim b2 mati, sim gandeng, sim trailer",
        ),
        _polres(
            slug="surat-keterangan-kehilangan",
            name="Surat Keterangan Tanda Lapor Kehilangan",
            name_en="Police loss report",
            summary="Surat keterangan kehilangan barang atau dokumen, misalnya untuk mengurus KTP-el, KK, ATM, atau buku tabungan yang hilang.",
            summary_en="Police report of lost goods or documents, e.g. to replace a lost ID card, family card, bank card or savings book.",
            keywords="surat kehilangan, lapor kehilangan, surat hilang dari polisi, laporan kehilangan, sktlk",
            requirements=[
                KTP_SHOW,
                r(
                    "Keterangan barang atau dokumen yang hilang, waktu, dan tempat kejadian",
                    "Details of what was lost, when and where",
                    form=NA,
                ),
                r(
                    "Fotokopi dokumen yang hilang",
                    "Photocopy of the lost document",
                    form=FC,
                    optional=True,
                    note="Bila ada.",
                ),
            ],
            steps=steps(
                step_queue("Polres Ngawi"),
                (
                    "Sampaikan keterangan kehilangan kepada petugas.",
                    "Tell the officer what was lost.",
                ),
                (
                    "Petugas membuat dan menandatangani surat keterangan.",
                    "The officer drafts and signs the report.",
                ),
                STEP_PICKUP,
            ),
            **takes(30, MIN, upto=60, note=ON_THE_SPOT),
            **NO_FEE,
            product="Surat Keterangan Tanda Lapor Kehilangan",
            product_en="Police loss report",
            **src(
                "Layanan SPKT Polri",
                confirm="pelayanan surat kehilangan di gerai MPP (biasanya di SPKT) dan jangka waktu",
            ),
        ),
        _polres(
            slug="izin-keramaian",
            name="Izin Keramaian",
            name_en="Permit for public events (izin keramaian)",
            summary="Izin atau pemberitahuan kegiatan yang mengundang keramaian, seperti hajatan dengan hiburan, konser, atau pertunjukan.",
            summary_en="Permit or notice for events that draw crowds, such as celebrations with entertainment, concerts or shows.",
            keywords="izin keramaian, izin hajatan, izin acara, izin pertunjukan, izin konser, izin organ tunggal",
            requirements=[
                r("Surat permohonan izin kegiatan", "Letter requesting the event permit", form=ORI),
                KTP_FC,
                r(
                    "Surat pengantar desa/kelurahan dan rekomendasi Polsek setempat",
                    "Cover letter from the village and recommendation from the local police sector (Polsek)",
                    form=ORI,
                ),
                r(
                    "Susunan acara, lokasi, dan perkiraan jumlah pengunjung",
                    "Programme, location and expected number of visitors",
                    form=NA,
                ),
            ],
            steps=steps(
                step_queue("Polres Ngawi"),
                STEP_CHECK,
                (
                    "Polres menilai keamanan kegiatan dan menerbitkan izin.",
                    "The police assess the event's security and issue the permit.",
                ),
                STEP_PICKUP,
            ),
            **takes(3, WD, upto=7, note="Ajukan jauh hari sebelum kegiatan."),
            **NO_FEE,
            product="Surat izin keramaian",
            product_en="Event permit",
            **src(
                "UU 2/2002 Pasal 15",
                confirm="persyaratan, batas waktu pengajuan, dan layanan di gerai MPP",
            ),
        ),
    ),
)

_bnnk = partial(
    make,
    {
        "category": ServiceCategory.HEALTH,
        "channel": Channel.COUNTER,
        "counter_info": counter("A22", "BNNK Ngawi"),
        "legal_basis": "UU 35/2009 tentang Narkotika",
        **complaints(
            "Sampaikan kepada petugas gerai BNN Kabupaten Ngawi.",
            "Tell the officer at the BNN Ngawi booth.",
        ),
    },
)

BNNK = AgencySeed(
    slug="bnnk-ngawi",
    name="Badan Narkotika Nasional Kabupaten Ngawi",
    name_en="National Narcotics Board, Ngawi Regency (BNNK Ngawi)",
    short_name="BNNK Ngawi",
    level=AgencyLevel.CENTRAL,
    booth="A22",
    website="https://bnn.go.id",
    description="Surat keterangan hasil pemeriksaan narkotika (SKHPN), layanan rehabilitasi, dan penyuluhan pencegahan narkoba.",
    description_en="Drug-test certificates (SKHPN), rehabilitation services and drug-prevention talks.",
    services=(
        _bnnk(
            slug="skhpn",
            name="Surat Keterangan Hasil Pemeriksaan Narkotika (SKHPN)",
            name_en="Drug-test certificate (SKHPN)",
            summary="Pemeriksaan urine dan penerbitan surat keterangan bebas narkotika untuk melamar kerja, sekolah, atau pencalonan.",
            summary_en="Urine test and certificate of being drug-free for jobs, school admission or candidacies.",
            keywords="skhpn, surat bebas narkoba, tes urine, surat keterangan bebas narkoba, tes narkoba, cek narkoba",
            requirements=[
                KTP_FC,
                r("Pas foto berwarna 4×6 cm", form=ORI, qty=2),
                r(
                    "Resep atau keterangan obat yang sedang dikonsumsi",
                    "Prescription or note of medicines you are taking",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("BNNK Ngawi"),
                STEP_CHECK,
                (
                    "Bayar tarif pemeriksaan sesuai ketentuan PNBP.",
                    "Pay the test fee under the non-tax revenue (PNBP) rules.",
                ),
                (
                    "Pengambilan sampel urine dan pemeriksaan oleh dokter.",
                    "Urine sample and examination by a doctor.",
                ),
                (
                    "SKHPN diterbitkan bila hasil negatif.",
                    "The SKHPN is issued if the result is negative.",
                ),
            ),
            **takes(1, WD, note="Hasil biasanya keluar di hari yang sama."),
            **variable(
                note="Tarif PNBP BNN bergantung pada jumlah parameter narkotika yang diperiksa; besaran yang berlaku di BNNK Ngawi perlu dikonfirmasi.",
                basis="Peraturan Pemerintah tentang jenis dan tarif PNBP pada Badan Narkotika Nasional (nomor perlu konfirmasi)",
            ),
            product="Surat Keterangan Hasil Pemeriksaan Narkotika",
            product_en="Drug-test certificate",
            **src(
                "Layanan SKHPN BNN",
                confirm="tarif PNBP, jumlah parameter, dan jadwal pemeriksaan di BNNK Ngawi",
            ),
        ),
        _bnnk(
            slug="bnnk-rehabilitasi",
            name="Rehabilitasi Pecandu Narkotika (Wajib Lapor)",
            name_en="Drug rehabilitation (voluntary reporting)",
            summary="Asesmen dan rehabilitasi rawat jalan bagi pecandu atau penyalah guna narkotika yang melapor secara sukarela.",
            summary_en="Assessment and outpatient rehabilitation for drug users who report voluntarily.",
            keywords="rehabilitasi narkoba, rehab narkoba, wajib lapor pecandu, konseling narkoba, ipwl",
            requirements=[
                KTP_FC,
                KK_FC,
                r(
                    "Didampingi keluarga atau wali (untuk anak)",
                    "Accompanied by family or a guardian (for children)",
                    form=NA,
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("BNNK Ngawi"),
                (
                    "Konselor melakukan asesmen awal secara rahasia.",
                    "A counsellor carries out a confidential first assessment.",
                ),
                (
                    "Penyusunan rencana rehabilitasi rawat jalan atau rujukan rawat inap.",
                    "An outpatient plan is drawn up, or a referral to inpatient care.",
                ),
                (
                    "Pelaksanaan konseling dan pemantauan berkala.",
                    "Counselling sessions and regular follow-up.",
                ),
            ),
            **takes(
                1,
                WD,
                note="Asesmen awal; program rehabilitasi berlangsung beberapa minggu sampai bulan.",
            ),
            **free(note="Tidak dipungut biaya.", basis="UU 35/2009 Pasal 54–55"),
            product="Hasil asesmen dan layanan rehabilitasi",
            product_en="Assessment result and rehabilitation service",
            **src(
                "UU 35/2009",
                confirm="layanan rehabilitasi di gerai MPP (mungkin hanya informasi dan rujukan)",
            ),
        ),
        _bnnk(
            slug="bnnk-penyuluhan",
            name="Permohonan Narasumber Penyuluhan Pencegahan Narkoba",
            name_en="Request for a drug-prevention speaker",
            summary="Permohonan narasumber BNNK untuk penyuluhan pencegahan penyalahgunaan narkoba di sekolah, kantor, atau desa.",
            summary_en="Request for a BNNK speaker on drug-abuse prevention at a school, office or village.",
            keywords="penyuluhan narkoba, sosialisasi narkoba, narasumber bnn, p4gn",
            category=ServiceCategory.OTHER,
            requirements=[
                r("Surat permohonan narasumber", "Letter requesting a speaker", form=ORI),
                r(
                    "Jadwal, tempat, dan jumlah peserta",
                    "Date, place and number of participants",
                    form=NA,
                ),
            ],
            steps=steps(
                step_queue("BNNK Ngawi"),
                ("Serahkan surat permohonan.", "Submit the request letter."),
                (
                    "BNNK mengonfirmasi jadwal dan narasumber.",
                    "BNNK confirms the date and the speaker.",
                ),
            ),
            **takes(3, WD, note="Konfirmasi jadwal."),
            **NO_FEE,
            product="Konfirmasi jadwal dan narasumber penyuluhan",
            product_en="Confirmed date and speaker",
            **src("Program P4GN BNN", confirm="jangka waktu konfirmasi"),
        ),
    ),
)

AGENCIES = [POLRES, BNNK]
