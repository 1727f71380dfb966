# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Social security, welfare and employment: BPJS Kesehatan, BPJS Ketenagakerjaan, Dinas Sosial
and the regency's trade, industry and manpower office (DPPTK: job-seeker card, migrant workers,
industrial disputes, training, and legal metrology).

Registration with BPJS is free; the monthly contributions are not a fee of the service and are
explained in the fee note. BPJS Kesehatan contribution amounts (Perpres 64/2020) rest on weak
sources (FACTS §8.8) and are marked for confirmation.
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
    NO_FEE,
    ORI,
    PENGANTAR_DESA,
    PERDA_NGAWI,
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

# --- BPJS Kesehatan --------------------------------------------------------------------------

JKN_LAW = "UU 40/2004 tentang SJSN; UU 24/2011 tentang BPJS; Perpres 82/2018 jo. Perpres 64/2020 tentang Jaminan Kesehatan"
_JKN_SOURCES = ("rbtv.disway.id (iuran mandiri)", "soraya.netlify.app", "kompasiana 5ebb9709")
_JKN_FEES = (
    "Iuran bulanan peserta mandiri (Perpres 64/2020): Kelas I Rp150.000, Kelas II Rp100.000, Kelas III Rp42.000 "
    "(peserta membayar Rp35.000, pemerintah Rp7.000) per orang. Penerapan kelas rawat inap standar (KRIS) dapat mengubah ketentuan ini."
)

_bpjs_kes = partial(
    make,
    {
        "category": ServiceCategory.SOCIAL,
        "channel": Channel.BOTH,
        "counter_info": counter("A07", "BPJS Kesehatan"),
        "legal_basis": JKN_LAW,
        **free(note="Layanan tidak dipungut biaya.", basis=JKN_LAW),
        **complaints(
            "Sampaikan kepada petugas gerai BPJS Kesehatan, BPJS Kesehatan Care Center 165, atau aplikasi Mobile JKN.",
            "Tell the officer at the BPJS Kesehatan booth, call the BPJS Kesehatan Care Center on 165, or use the Mobile JKN app.",
        ),
    },
)
_JKN_CARD = r("Kartu peserta/nomor kepesertaan", form=NA)
_STEP_JKN_DONE = (
    "Data diperbarui; kartu digital tersedia di aplikasi Mobile JKN.",
    "The data are updated; the digital card is available in the Mobile JKN app.",
)

BPJS_KESEHATAN = AgencySeed(
    slug="bpjs-kesehatan",
    name="BPJS Kesehatan",
    name_en="BPJS Kesehatan (national health insurance)",
    short_name="BPJS Kesehatan",
    # A public legal entity answerable to the President, not a state-owned company.
    level=AgencyLevel.CENTRAL,
    booth="A07",
    website="https://www.bpjs-kesehatan.go.id",
    description="Badan hukum publik penyelenggara Jaminan Kesehatan Nasional (JKN-KIS): pendaftaran, perubahan data, informasi kepesertaan, dan tunggakan iuran.",
    description_en="Public body running the national health insurance (JKN-KIS): registration, data changes, membership information and contribution arrears.",
    services=(
        _bpjs_kes(
            slug="jkn-daftar-mandiri",
            name="Pendaftaran Peserta JKN Mandiri",
            name_en="Registering for national health insurance as a self-paying member",
            summary="Pendaftaran peserta JKN mandiri (pekerja bukan penerima upah dan bukan pekerja) beserta seluruh anggota keluarga dalam KK.",
            summary_en="Registration for national health insurance as a self-paying member, together with all members of the family card.",
            keywords="daftar bpjs, bpjs mandiri, daftar bpjs kesehatan, jkn mandiri, kis mandiri, bikin bpjs, bpjs kelas 3",
            requirements=[
                r("KTP-el seluruh anggota keluarga", "Electronic ID cards of all family members"),
                KK_FC,
                r(
                    "Buku tabungan untuk autodebet iuran",
                    "Savings book for automatic debit of contributions",
                ),
                KONTAK,
                r(
                    "Pilihan kelas rawat (I, II, atau III)",
                    "Chosen ward class (I, II or III)",
                    form=NA,
                ),
            ],
            steps=steps(
                step_queue("BPJS Kesehatan"),
                STEP_CHECK,
                (
                    "Petugas mendaftarkan seluruh anggota keluarga dan menerbitkan nomor virtual account.",
                    "The officer registers all family members and issues a virtual account number.",
                ),
                (
                    "Bayar iuran pertama; kartu aktif setelah masa tunggu.",
                    "Pay the first contribution; the card becomes active after the waiting period.",
                ),
            ),
            **takes(
                30,
                MIN,
                upto=60,
                note="Pendaftaran dilayani langsung; kartu aktif 14 hari setelah pendaftaran dan pembayaran iuran pertama.",
            ),
            **free(note=f"Pendaftaran tidak dipungut biaya. {_JKN_FEES}", basis=JKN_LAW),
            product="Nomor kepesertaan JKN dan kartu digital (Mobile JKN)",
            product_en="JKN membership number and digital card (Mobile JKN)",
            **src(
                *_JKN_SOURCES,
                confirm="besaran iuran (sumber lemah), masa tunggu 14 hari, dan dampak KRIS",
            ),
        ),
        _bpjs_kes(
            slug="jkn-tambah-anggota-keluarga",
            name="Penambahan Anggota Keluarga Peserta JKN",
            name_en="Adding a family member to national health insurance",
            summary="Pendaftaran bayi baru lahir atau anggota keluarga baru ke kepesertaan JKN keluarga.",
            summary_en="Adding a newborn or new family member to the family's JKN membership.",
            keywords="tambah anggota bpjs, daftarkan bayi bpjs, bpjs bayi baru lahir, tambah tanggungan bpjs",
            requirements=[
                r(
                    "KK yang sudah memuat anggota baru",
                    "Family card already listing the new member",
                ),
                r(
                    "Akta kelahiran atau surat keterangan lahir (untuk bayi)",
                    "Birth certificate or birth notice (for a baby)",
                ),
                KTP_FC,
                _JKN_CARD,
            ],
            steps=steps(
                step_queue("BPJS Kesehatan"),
                STEP_CHECK,
                (
                    "Anggota baru didaftarkan; iuran bulan berikutnya menyesuaikan.",
                    "The new member is registered; the next contribution is adjusted.",
                ),
                _STEP_JKN_DONE,
            ),
            **takes(
                15,
                MIN,
                upto=30,
                note="Perkiraan; bayi sebaiknya didaftarkan sejak dalam kandungan atau paling lambat 28 hari setelah lahir.",
            ),
            product="Kepesertaan JKN anggota keluarga baru",
            product_en="JKN membership for the new family member",
            **src(*_JKN_SOURCES, confirm="batas waktu pendaftaran bayi baru lahir"),
        ),
        _bpjs_kes(
            slug="jkn-perubahan-data",
            name="Perubahan Data Peserta dan Pindah Faskes",
            name_en="Changing member data or the primary-care provider",
            summary="Perubahan data peserta JKN (alamat, nomor ponsel, kelas) atau pindah fasilitas kesehatan tingkat pertama.",
            summary_en="Changing JKN member data (address, phone number, class) or moving to another primary-care provider.",
            keywords="pindah faskes, ganti faskes, ubah data bpjs, ganti alamat bpjs, ganti kelas bpjs, pindah puskesmas bpjs",
            requirements=[
                KTP_FC,
                KK_FC,
                _JKN_CARD,
                r(
                    "Dokumen pendukung perubahan",
                    "Supporting document for the change",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("BPJS Kesehatan"),
                STEP_CHECK,
                (
                    "Petugas memperbarui data atau faskes; pindah faskes berlaku bulan berikutnya.",
                    "The officer updates the data or provider; a provider change applies from the next month.",
                ),
                _STEP_JKN_DONE,
            ),
            **takes(
                15,
                MIN,
                upto=30,
                note="Perkiraan; pindah faskes dapat dilakukan setelah terdaftar paling sedikit 3 bulan di faskes lama.",
            ),
            product="Data kepesertaan yang diperbarui",
            product_en="Updated membership data",
            **src(*_JKN_SOURCES, confirm="ketentuan minimal 3 bulan sebelum pindah faskes"),
        ),
        _bpjs_kes(
            slug="jkn-cek-status",
            name="Pengecekan Status Kepesertaan JKN",
            name_en="Checking national health insurance membership status",
            summary="Pengecekan apakah kepesertaan JKN aktif, misalnya sebagai syarat SKCK, atau penyebab kartu nonaktif.",
            summary_en="Checking whether a JKN membership is active, e.g. for the police clearance, or why a card is inactive.",
            keywords="cek bpjs aktif, status bpjs, bpjs aktif atau tidak, cek kepesertaan jkn, bpjs nonaktif",
            requirements=[KTP_SHOW],
            steps=steps(
                step_queue("BPJS Kesehatan"),
                (
                    "Petugas mengecek status kepesertaan dengan NIK.",
                    "The officer checks the membership status by NIK.",
                ),
                (
                    "Petugas menjelaskan status dan langkah bila nonaktif.",
                    "The officer explains the status and what to do if inactive.",
                ),
            ),
            **takes(5, MIN, upto=15, note=ESTIMATE),
            product="Informasi status kepesertaan (dapat dicetak)",
            product_en="Membership status information (printable)",
            **src(*_JKN_SOURCES, "rbtv.disway.id 100736 (BPJS aktif untuk SKCK)"),
        ),
        _bpjs_kes(
            slug="jkn-cicilan-tunggakan",
            name="Cicilan Tunggakan Iuran JKN (Program REHAB)",
            name_en="Paying JKN contribution arrears in instalments (REHAB)",
            summary="Pendaftaran program Rencana Pembayaran Bertahap untuk melunasi tunggakan iuran peserta mandiri secara mencicil.",
            summary_en="Enrolment in the staged-payment plan to clear a self-paying member's contribution arrears in instalments.",
            keywords="tunggakan bpjs, cicil tunggakan bpjs, rehab bpjs, bpjs menunggak, denda bpjs",
            requirements=[KTP_FC, _JKN_CARD],
            steps=steps(
                step_queue("BPJS Kesehatan"),
                (
                    "Petugas menghitung tunggakan dan menyusun jadwal cicilan.",
                    "The officer calculates the arrears and sets an instalment schedule.",
                ),
                (
                    "Bayar cicilan sesuai jadwal; kartu aktif kembali setelah lunas.",
                    "Pay the instalments on schedule; the card is reactivated once cleared.",
                ),
            ),
            **takes(15, MIN, upto=30, note="Perkiraan untuk pendaftaran program."),
            product="Jadwal cicilan tunggakan",
            product_en="Arrears instalment schedule",
            **src(
                *_JKN_SOURCES,
                confirm="ketentuan program REHAB yang berlaku (jumlah cicilan, syarat)",
            ),
        ),
    ),
)

# --- BPJS Ketenagakerjaan --------------------------------------------------------------------

BPJSTK_LAW = "UU 40/2004 tentang SJSN; UU 24/2011 tentang BPJS; PP 44/2015 tentang JKK dan JKM; PP 46/2015 tentang JHT"
_BPJSTK_SOURCES = ("jombangnews.co.id", "medanaktual.com", "id.alongwalker.com 65645")

_bpjs_tk = partial(
    make,
    {
        "category": ServiceCategory.SOCIAL,
        "channel": Channel.BOTH,
        "counter_info": counter("A08", "BPJS Ketenagakerjaan"),
        "legal_basis": BPJSTK_LAW,
        **free(note="Layanan tidak dipungut biaya.", basis=BPJSTK_LAW),
        **complaints(
            "Sampaikan kepada petugas gerai BPJS Ketenagakerjaan, layanan masyarakat 175, atau aplikasi JMO.",
            "Tell the officer at the BPJS Ketenagakerjaan booth, call 175, or use the JMO app.",
        ),
    },
)
_BPJSTK_CARD = r("Kartu peserta/nomor kepesertaan", form=NA)

BPJS_TK = AgencySeed(
    slug="bpjs-ketenagakerjaan",
    name="BPJS Ketenagakerjaan",
    name_en="BPJS Ketenagakerjaan (workers' social security)",
    short_name="BPJS Ketenagakerjaan",
    # A public legal entity answerable to the President, not a state-owned company.
    level=AgencyLevel.CENTRAL,
    booth="A08",
    website="https://www.bpjsketenagakerjaan.go.id",
    description="Jaminan sosial ketenagakerjaan: pendaftaran pekerja mandiri, klaim Jaminan Hari Tua dan Jaminan Kematian, serta perubahan data peserta.",
    description_en="Workers' social security: registration of self-employed workers, old-age savings and death benefit claims, and member data changes.",
    services=(
        _bpjs_tk(
            slug="bpjs-tk-daftar-bpu",
            name="Pendaftaran Peserta Bukan Penerima Upah (Pekerja Mandiri)",
            name_en="Registration of self-employed workers (BPU)",
            summary="Pendaftaran pekerja mandiri seperti petani, pedagang, atau pengemudi ojek ke program BPJS Ketenagakerjaan.",
            summary_en="Registration of self-employed workers such as farmers, traders or motorbike-taxi drivers with BPJS Ketenagakerjaan.",
            keywords="bpjs ketenagakerjaan mandiri, daftar bpjs tk, bpu, jamsostek, bpjamsostek, bpjs petani, bpjs pedagang",
            requirements=[
                KTP_FC,
                KONTAK,
                r(
                    "Jenis pekerjaan dan perkiraan penghasilan bulanan",
                    "Occupation and estimated monthly income",
                    form=NA,
                ),
            ],
            steps=steps(
                step_queue("BPJS Ketenagakerjaan"),
                STEP_CHECK,
                (
                    "Pilih program (paling sedikit JKK dan JKM) dan dasar penghasilan.",
                    "Choose the programmes (at least work-accident and death cover) and the income base.",
                ),
                (
                    "Bayar iuran pertama; kartu digital tersedia di aplikasi JMO.",
                    "Pay the first contribution; the digital card appears in the JMO app.",
                ),
            ),
            **takes(
                30,
                MIN,
                upto=60,
                note="Pendaftaran dilayani langsung; kartu terbit paling lama 7 hari.",
            ),
            **free(
                note="Pendaftaran tidak dipungut biaya. Iuran bulanan: JKK 1 % dari penghasilan (paling sedikit Rp10.000), JKM Rp6.800, dan bila dipilih JHT 2 % (paling sedikit Rp20.000).",
                basis=BPJSTK_LAW,
            ),
            product="Kepesertaan BPJS Ketenagakerjaan dan kartu digital",
            product_en="BPJS Ketenagakerjaan membership and digital card",
            **src(*_BPJSTK_SOURCES),
        ),
        _bpjs_tk(
            slug="bpjs-tk-klaim-jht",
            name="Klaim Jaminan Hari Tua (JHT)",
            name_en="Old-age savings (JHT) claim",
            summary="Pencairan saldo Jaminan Hari Tua karena berhenti bekerja, pensiun, atau sebagian untuk keperluan tertentu.",
            summary_en="Payout of the old-age savings balance after leaving work or retiring, or partly for specific needs.",
            keywords="klaim jht, pencairan jht, cairkan bpjs ketenagakerjaan, ambil jht, jht resign",
            requirements=[
                _BPJSTK_CARD,
                KTP_ORI,
                KK_FC,
                r("Buku tabungan atas nama peserta"),
                r(
                    "Surat keterangan berhenti bekerja (paklaring) atau bukti pensiun",
                    "Proof of leaving work (reference letter) or of retirement",
                    form=ORI,
                ),
                r(
                    "NPWP",
                    "Tax number (NPWP)",
                    optional=True,
                    note="Untuk saldo di atas Rp50 juta.",
                ),
            ],
            steps=steps(
                step_queue("BPJS Ketenagakerjaan"),
                STEP_CHECK,
                ("Wawancara dan verifikasi data.", "Interview and data verification."),
                (
                    "Saldo JHT ditransfer ke rekening peserta.",
                    "The JHT balance is transferred to the member's account.",
                ),
            ),
            **takes(1, WD, upto=5),
            product="Pembayaran saldo JHT ke rekening peserta",
            product_en="JHT balance paid into the member's account",
            **src(*_BPJSTK_SOURCES, confirm="jangka waktu pembayaran dan syarat pencairan terbaru"),
        ),
        _bpjs_tk(
            slug="bpjs-tk-klaim-jkm",
            name="Klaim Jaminan Kematian (JKM)",
            name_en="Death benefit (JKM) claim",
            summary="Pengajuan santunan Jaminan Kematian oleh ahli waris peserta yang meninggal dunia bukan karena kecelakaan kerja.",
            summary_en="Claim of the death benefit by the heirs of a member who died other than in a work accident.",
            keywords="klaim jkm, jaminan kematian, santunan kematian bpjs ketenagakerjaan, ahli waris bpjs tk",
            requirements=[
                _BPJSTK_CARD,
                r("Akta kematian peserta", "Member's death certificate"),
                KK_FC,
                r("KTP-el ahli waris", "Heir's electronic ID card"),
                r("Surat keterangan ahli waris", "Statement of heirs", form=ORI),
                r("Buku tabungan ahli waris", "Heir's savings book"),
            ],
            steps=steps(
                step_queue("BPJS Ketenagakerjaan"),
                STEP_CHECK,
                (
                    "Verifikasi data dan wawancara ahli waris.",
                    "Data verification and interview of the heir.",
                ),
                (
                    "Santunan ditransfer ke rekening ahli waris.",
                    "The benefit is transferred to the heir's account.",
                ),
            ),
            **takes(1, WD, upto=5),
            product="Santunan Jaminan Kematian (besaran menurut PP 44/2015 dan perubahannya)",
            product_en="Death benefit (amount under PP 44/2015 as amended)",
            **src(*_BPJSTK_SOURCES, confirm="besaran santunan dan jangka waktu pembayaran"),
        ),
        _bpjs_tk(
            slug="bpjs-tk-perubahan-data",
            name="Perubahan Data Peserta BPJS Ketenagakerjaan",
            name_en="Changing BPJS Ketenagakerjaan member data",
            summary="Perbaikan data peserta seperti nama, tanggal lahir, nomor ponsel, atau e-mail, termasuk pemulihan akun JMO.",
            summary_en="Correcting member data such as name, date of birth, phone number or e-mail, including JMO account recovery.",
            keywords="ubah data bpjs ketenagakerjaan, perbaikan data bpjs tk, ganti nomor hp jmo, lupa akun jmo",
            requirements=[
                _BPJSTK_CARD,
                KTP_ORI,
                KK_FC,
                r(
                    "Dokumen pendukung perubahan",
                    "Supporting document for the change",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("BPJS Ketenagakerjaan"),
                STEP_CHECK,
                ("Petugas memperbarui data peserta.", "The officer updates the member data."),
            ),
            **takes(15, MIN, upto=30, note=ESTIMATE),
            product="Data kepesertaan yang diperbarui",
            product_en="Updated membership data",
            **src(*_BPJSTK_SOURCES),
        ),
    ),
)

# --- Dinas Sosial ----------------------------------------------------------------------------

_dinsos = partial(
    make,
    {
        "category": ServiceCategory.SOCIAL,
        "channel": Channel.COUNTER,
        "counter_info": counter("A16", "Dinas Sosial"),
        "legal_basis": "UU 13/2011 tentang Penanganan Fakir Miskin; Inpres 4/2025 tentang Data Tunggal Sosial dan Ekonomi Nasional (DTSEN)",
        **NO_FEE,
        **complaints(
            "Sampaikan kepada petugas gerai Dinas Sosial atau ke kantor Dinas Sosial Kabupaten Ngawi.",
            "Tell the officer at the Social Affairs Office booth or the office itself.",
        ),
    },
)
_DINSOS_CONFIRM = "alur pengusulan dan jangka waktu di Dinas Sosial Ngawi"

DINSOS = AgencySeed(
    slug="dinsos",
    name="Dinas Sosial Kabupaten Ngawi",
    name_en="Social Affairs Office of Ngawi Regency",
    short_name="Dinas Sosial",
    level=AgencyLevel.REGENCY,
    booth="A16",
    website="https://ngawikab.go.id",
    description="Pendataan kesejahteraan sosial (DTSEN, dahulu DTKS), usulan PBI Jaminan Kesehatan, surat keterangan bagi warga tidak mampu, dan pengaduan bantuan sosial.",
    description_en="Social-welfare data (DTSEN, formerly DTKS), proposals for government-paid health insurance (PBI), statements for low-income residents, and social-assistance complaints.",
    services=(
        _dinsos(
            slug="dtsen-pendaftaran",
            name="Pendaftaran dan Pembaruan Data DTSEN (dahulu DTKS)",
            name_en="Registration in and update of the national socio-economic register (DTSEN, formerly DTKS)",
            summary="Pengusulan keluarga ke Data Tunggal Sosial dan Ekonomi Nasional atau pembaruan datanya, sebagai dasar penerima bantuan sosial.",
            summary_en="Proposing a household for the national socio-economic register, or updating its data, which decides who receives social assistance.",
            keywords="dtks, dtsen, daftar dtks, masuk dtks, data miskin, usul bansos, daftar bansos",
            requirements=[KTP_FC, KK_FC, PENGANTAR_DESA],
            steps=steps(
                step_queue("Dinas Sosial"),
                STEP_CHECK,
                (
                    "Usulan dicatat dan diverifikasi bersama pemerintah desa.",
                    "The proposal is recorded and verified with the village government.",
                ),
                (
                    "Data dikirim ke Kementerian Sosial/BPS untuk pemeringkatan dan penetapan berkala.",
                    "The data go to the Ministry of Social Affairs/BPS for ranking and periodic decision.",
                ),
            ),
            **takes(
                1, WD, note="Pencatatan usulan; penetapan oleh pemerintah pusat secara berkala."
            ),
            product="Tanda terima usulan dan status data keluarga",
            product_en="Receipt for the proposal and the household's data status",
            **src("Inpres 4/2025", confirm=_DINSOS_CONFIRM),
        ),
        _dinsos(
            slug="pbi-jk-usulan",
            name="Usulan Peserta PBI Jaminan Kesehatan",
            name_en="Proposal for government-paid health insurance (PBI JK)",
            summary="Pengusulan warga tidak mampu agar iuran JKN-nya dibayar pemerintah, atau pengaktifan kembali PBI yang nonaktif.",
            summary_en="Proposing low-income residents whose health-insurance contributions are paid by the government, or reactivating an inactive PBI membership.",
            keywords="pbi, pbi jk, bpjs gratis, kis pbi, bpjs dari pemerintah, pbi nonaktif, aktivasi pbi",
            requirements=[
                KTP_FC,
                KK_FC,
                PENGANTAR_DESA,
                r(
                    "Surat keterangan dari fasilitas kesehatan (untuk reaktivasi karena sakit)",
                    "Letter from a health facility (for reactivation because of illness)",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Dinas Sosial"),
                STEP_CHECK,
                (
                    "Dinas Sosial memeriksa data di DTSEN dan mengusulkan atau mengaktifkan kembali kepesertaan.",
                    "The office checks the register and proposes or reactivates the membership.",
                ),
                (
                    "Status kepesertaan dapat dicek di BPJS Kesehatan.",
                    "The membership status can be checked with BPJS Kesehatan.",
                ),
            ),
            **takes(1, WD, upto=14, note="Reaktivasi mendesak untuk pasien dapat lebih cepat."),
            product="Usulan atau reaktivasi kepesertaan PBI JK",
            product_en="Proposal or reactivation of the PBI membership",
            **src("Perpres 82/2018", confirm=_DINSOS_CONFIRM),
        ),
        _dinsos(
            slug="surat-keterangan-tidak-mampu",
            name="Surat Keterangan/Rekomendasi Warga Tidak Mampu",
            name_en="Low-income statement or recommendation",
            summary="Surat keterangan atau rekomendasi Dinas Sosial bagi warga tidak mampu, misalnya untuk keringanan biaya rumah sakit atau pendidikan.",
            summary_en="Statement or recommendation from the Social Affairs Office for low-income residents, e.g. for relief on hospital or school costs.",
            keywords="sktm, surat keterangan tidak mampu, surat miskin, rekomendasi dinsos, keringanan biaya rumah sakit",
            requirements=[
                KTP_FC,
                KK_FC,
                PENGANTAR_DESA,
                r(
                    "Surat keterangan dari rumah sakit atau sekolah (bila untuk keperluan tersebut)",
                    "Letter from the hospital or school (if for that purpose)",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Dinas Sosial"),
                STEP_CHECK,
                (
                    "Petugas memeriksa status keluarga di DTSEN.",
                    "The officer checks the household's status in the register.",
                ),
                ("Surat keterangan ditandatangani.", "The statement is signed."),
                STEP_PICKUP,
            ),
            **takes(1, WD),
            product="Surat keterangan/rekomendasi Dinas Sosial",
            product_en="Social Affairs Office statement or recommendation",
            **src("UU 13/2011", confirm=_DINSOS_CONFIRM),
        ),
        _dinsos(
            slug="bansos-pengaduan",
            name="Pengaduan dan Informasi Bantuan Sosial (PKH, Sembako)",
            name_en="Complaints and information about social assistance (PKH, food aid)",
            summary="Informasi status penerima dan pengaduan tentang Program Keluarga Harapan, bantuan sembako, dan bantuan sosial lain.",
            summary_en="Recipient status and complaints about the Family Hope Programme (PKH), food aid and other social assistance.",
            keywords="pkh, bpnt, bansos sembako, bansos tidak cair, pengaduan bansos, cek bansos",
            requirements=[
                KTP_SHOW,
                KK_FC,
                r(
                    "Kartu bantuan atau bukti pendukung (bila ada)",
                    "Assistance card or supporting evidence (if any)",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Dinas Sosial"),
                (
                    "Petugas mengecek status penerima dan mencatat pengaduan.",
                    "The officer checks the recipient status and records the complaint.",
                ),
                (
                    "Pengaduan ditindaklanjuti bersama pendamping sosial atau bank penyalur.",
                    "The complaint is followed up with the social facilitator or the paying bank.",
                ),
            ),
            **takes(
                14, WD, note="Penyelesaian pengaduan; informasi status dapat diberikan langsung."
            ),
            product="Informasi status bansos dan tindak lanjut pengaduan",
            product_en="Assistance status information and complaint follow-up",
            **src("UU 13/2011", confirm=_DINSOS_CONFIRM),
        ),
    ),
)

# --- DPPTK (trade, industry and manpower) ----------------------------------------------------

MANPOWER_LAW = "UU 13/2003 tentang Ketenagakerjaan jo. UU 6/2023"

_dpptk = partial(
    make,
    {
        "category": ServiceCategory.EMPLOYMENT,
        "channel": Channel.COUNTER,
        "counter_info": counter("A15", "DPPTK"),
        "legal_basis": MANPOWER_LAW,
        **NO_FEE,
        **complaints(
            "Sampaikan kepada petugas gerai DPPTK atau ke kantor Dinas Perdagangan, Perindustrian dan Tenaga Kerja.",
            "Tell the officer at the DPPTK booth or the office itself.",
        ),
    },
)
_DPPTK_CONFIRM = "persyaratan dan jangka waktu menurut SK standar pelayanan DPPTK Ngawi"

DPPTK = AgencySeed(
    slug="dpptk",
    name="Dinas Perdagangan, Perindustrian dan Tenaga Kerja Kabupaten Ngawi",
    name_en="Trade, Industry and Manpower Office of Ngawi Regency",
    short_name="DPPTK (Disnaker)",
    level=AgencyLevel.REGENCY,
    booth="A15",
    website="https://ngawikab.go.id",
    description="Kartu pencari kerja (AK/1), layanan calon pekerja migran, mediasi perselisihan hubungan industrial, pelatihan kerja, serta tera/tera ulang alat ukur.",
    description_en="Job-seeker cards (AK/1), services for prospective migrant workers, mediation of labour disputes, job training, and verification of measuring instruments.",
    services=(
        _dpptk(
            slug="kartu-ak1",
            name="Kartu Tanda Pencari Kerja (Kartu Kuning/AK.1)",
            name_en="Job-seeker card (yellow card, AK/1)",
            summary="Penerbitan kartu pencari kerja yang menjadi syarat melamar kerja di dalam maupun luar negeri.",
            summary_en="Job-seeker card required to apply for jobs at home and abroad.",
            keywords="kartu kuning, ak1, ak 1, ak/1, kartu pencari kerja, kartu kerja, disnaker",
            channel=Channel.BOTH,
            online_url="https://siapkerja.kemnaker.go.id",
            requirements=[
                KTP_FC,
                r("Ijazah terakhir"),
                FOTO_3X4,
                r(
                    "Sertifikat keahlian atau pelatihan",
                    "Skills or training certificates",
                    optional=True,
                ),
                KONTAK,
            ],
            steps=steps(
                (
                    "Buat akun di SIAPkerja (siapkerja.kemnaker.go.id) atau minta bantuan petugas.",
                    "Create a SIAPkerja account (siapkerja.kemnaker.go.id) or ask the officer for help.",
                ),
                step_queue("DPPTK"),
                STEP_CHECK,
                ("Kartu AK/1 dicetak dan ditandatangani.", "The AK/1 card is printed and signed."),
            ),
            **takes(
                1,
                WD,
                note="Selesai di hari yang sama; kartu berlaku 2 tahun dengan lapor diri setiap 6 bulan.",
            ),
            product="Kartu Tanda Pencari Kerja (AK/1)",
            product_en="Job-seeker card (AK/1)",
            legal_basis=f"{MANPOWER_LAW}; Permenaker 39/2016 tentang Penempatan Tenaga Kerja",
            **src(
                "jtvmadiun.com (layanan AK1 di MPP Ngawi oleh DPPTK)",
                confirm="masa berlaku dan kewajiban lapor menurut ketentuan terbaru",
            ),
        ),
        _dpptk(
            slug="pmi-layanan-cpmi",
            name="Layanan Calon Pekerja Migran Indonesia (Rekomendasi Paspor dan ID PMI)",
            name_en="Services for prospective migrant workers (passport recommendation, migrant ID)",
            summary="Pendaftaran, verifikasi dokumen, dan rekomendasi paspor bagi calon pekerja migran yang akan bekerja ke luar negeri.",
            summary_en="Registration, document checks and passport recommendation for people going to work abroad.",
            keywords="tki, pmi, cpmi, kerja ke luar negeri, rekomendasi paspor tki, id pmi",
            requirements=[
                KTP_FC,
                KK_FC,
                r("Akta kelahiran atau ijazah", "Birth certificate or school certificate"),
                r(
                    "Surat izin suami/istri atau orang tua/wali, diketahui kepala desa",
                    "Permission from spouse or parents/guardian, acknowledged by the village head",
                    form=ORI,
                ),
                r("Kartu AK/1", "Job-seeker card (AK/1)"),
                r("Surat keterangan sehat dari dokter", form=ORI),
            ],
            steps=steps(
                step_queue("DPPTK"),
                STEP_CHECK,
                (
                    "Verifikasi data di sistem penempatan pekerja migran.",
                    "The data are verified in the migrant-worker placement system.",
                ),
                (
                    "Rekomendasi paspor diterbitkan untuk diajukan ke kantor imigrasi.",
                    "A passport recommendation is issued for the immigration office.",
                ),
            ),
            **takes(1, WD, upto=3),
            **free(
                note="Tidak dipungut biaya; calon pekerja migran tidak boleh dibebani biaya penempatan.",
                basis="UU 18/2017 tentang Pelindungan Pekerja Migran Indonesia",
            ),
            product="Rekomendasi paspor dan pendataan calon pekerja migran",
            product_en="Passport recommendation and registration as a prospective migrant worker",
            legal_basis="UU 18/2017 tentang Pelindungan Pekerja Migran Indonesia",
            **src("jtvmadiun.com (pencari AK1 untuk CPMI)", confirm=_DPPTK_CONFIRM),
        ),
        _dpptk(
            slug="mediasi-hubungan-industrial",
            name="Pencatatan dan Mediasi Perselisihan Hubungan Industrial",
            name_en="Registration and mediation of labour disputes",
            summary="Pencatatan perselisihan kerja (PHK, upah, hak normatif) setelah perundingan bipartit gagal, dilanjutkan mediasi oleh mediator.",
            summary_en="Registration of labour disputes (dismissal, wages, statutory rights) after failed bipartite talks, followed by mediation.",
            keywords="mediasi phk, perselisihan kerja, phk sepihak, pesangon tidak dibayar, gaji tidak dibayar, lapor disnaker",
            requirements=[
                r(
                    "Surat permohonan pencatatan perselisihan",
                    "Letter requesting registration of the dispute",
                    form=ORI,
                ),
                r("Risalah perundingan bipartit", "Minutes of the bipartite negotiation"),
                KTP_FC,
                r(
                    "Bukti hubungan kerja (kontrak, slip gaji, atau kartu karyawan)",
                    "Proof of employment (contract, payslip or staff card)",
                ),
            ],
            steps=steps(
                step_queue("DPPTK"),
                STEP_CHECK,
                (
                    "Mediator memanggil para pihak untuk mediasi.",
                    "The mediator summons both parties to mediation.",
                ),
                (
                    "Mediasi menghasilkan perjanjian bersama atau anjuran tertulis.",
                    "Mediation ends in a joint agreement or a written recommendation.",
                ),
            ),
            **takes(
                30,
                WD,
                note="Mediasi diselesaikan paling lama 30 hari kerja sejak pelimpahan (UU 2/2004).",
            ),
            product="Perjanjian bersama atau anjuran tertulis mediator",
            product_en="Joint agreement or the mediator's written recommendation",
            legal_basis="UU 2/2004 tentang Penyelesaian Perselisihan Hubungan Industrial",
            **src("UU 2/2004"),
        ),
        _dpptk(
            slug="pelatihan-kerja",
            name="Pendaftaran Pelatihan Kerja",
            name_en="Registration for job training",
            summary="Pendaftaran pelatihan keterampilan kerja gratis yang diselenggarakan pemerintah daerah atau balai latihan kerja.",
            summary_en="Registration for free skills training run by the regency or a vocational training centre.",
            keywords="pelatihan kerja, kursus gratis, blk, balai latihan kerja, pelatihan menjahit, pelatihan las",
            requirements=[KTP_FC, r("Ijazah terakhir"), FOTO_3X4],
            steps=steps(
                step_queue("DPPTK"),
                (
                    "Pilih jenis pelatihan yang dibuka dan isi formulir pendaftaran.",
                    "Choose an open course and fill in the registration form.",
                ),
                (
                    "Ikuti seleksi; peserta yang lolos dihubungi.",
                    "Take the selection; successful applicants are contacted.",
                ),
            ),
            **takes(1, WD, note="Pendaftaran; jadwal pelatihan mengikuti program tahunan."),
            product="Bukti pendaftaran pelatihan",
            product_en="Training registration receipt",
            **src(
                "jtvmadiun.com (program pelatihan DPPTK)",
                confirm="jenis dan jadwal pelatihan yang dibuka",
            ),
        ),
        _dpptk(
            slug="tera-ulang-uttp",
            name="Tera dan Tera Ulang Alat Ukur, Takar, Timbang (UTTP)",
            name_en="Verification of weighing and measuring instruments (tera)",
            summary="Pengujian dan pemberian tanda tera pada timbangan, takaran, meter, dan pompa BBM yang dipakai dalam perdagangan.",
            summary_en="Testing and stamping of scales, measures, meters and fuel pumps used in trade.",
            keywords="tera ulang, tera timbangan, metrologi, cap tera, kalibrasi timbangan, tera pompa bensin",
            category=ServiceCategory.OTHER,
            requirements=[
                KTP_FC,
                r(
                    "Alat ukur, takar, atau timbang yang akan ditera",
                    "The instrument to be verified",
                    form=NA,
                ),
                r(
                    "Surat permohonan tera (untuk tera di tempat)",
                    "Request letter (for on-site verification)",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("DPPTK (metrologi)"),
                (
                    "Daftarkan alat dan bayar retribusi.",
                    "Register the instrument and pay the levy.",
                ),
                (
                    "Petugas metrologi menguji alat di UPTD metrologi atau di tempat.",
                    "Metrology staff test the instrument at the metrology unit or on site.",
                ),
                (
                    "Alat yang lulus diberi tanda tera sah.",
                    "An instrument that passes receives the valid stamp.",
                ),
            ),
            **takes(1, WD, upto=5),
            **variable(
                note="Retribusi tera/tera ulang per jenis dan kapasitas alat menurut Perda PDRD Ngawi; besaran belum dipublikasikan.",
                basis=PERDA_NGAWI,
            ),
            product="Tanda tera sah dan surat keterangan hasil pengujian",
            product_en="Valid verification stamp and test report",
            legal_basis="UU 2/1981 tentang Metrologi Legal",
            **src("UU 2/1981", confirm=f"{_DPPTK_CONFIRM}; tarif retribusi tera"),
        ),
    ),
)

AGENCIES = [BPJS_KESEHATAN, BPJS_TK, DINSOS, DPPTK]
