# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Vehicles: Samsat Ngawi (vehicle tax and registration), Dinas Perhubungan (roadworthiness
tests, KIR) and Jasa Raharja (road-accident compensation).

Vehicle tax is a provincial tax: PKB = NJKB × bobot × tarif, progressive by vehicle count
(Perda Jatim 8/2023), plus the regency's opsen PKB under UU 1/2022 whose Ngawi share is
unconfirmed. Polri's part (STNK, TNKB, BPKB, mutasi) follows PP 76/2020 (FACTS §8.2, §8.3).
"""

from __future__ import annotations

from functools import partial

from mpp.catalog.enums import AgencyLevel, Channel, ServiceCategory
from mpp.catalog.seed.common import (
    BPKB_ORI,
    CEK_FISIK,
    KK_FC,
    KTP_FC,
    KTP_ORI,
    MIN,
    NO_FEE,
    ON_THE_SPOT,
    ORI,
    PERDA_NGAWI,
    STEP_CHECK,
    STEP_PICKUP,
    STNK_ORI,
    WD,
    AgencySeed,
    complaints,
    counter,
    fee_range,
    free,
    make,
    r,
    src,
    step_queue,
    steps,
    takes,
    variable,
)

POLRI_PNBP = "PP 76/2020 (PNBP Polri)"
PKB_LAW = "UU 1/2022 tentang HKPD; Perda Provinsi Jawa Timur 8/2023 tentang Pajak Daerah dan Retribusi Daerah"
_PKB_FORMULA = (
    "PKB = NJKB × bobot × tarif; tarif progresif menurut urutan kepemilikan: 1,2 % kendaraan pertama, 1,7 % kedua, "
    "2,2 % ketiga, 2,7 % keempat, 3,2 % kelima dan seterusnya (Perda Jatim 8/2023), ditambah opsen PKB untuk kabupaten (UU 1/2022) "
    "dan SWDKLLJ Jasa Raharja sesuai jenis kendaraan. Besaran tepat tercantum di notice pajak."
)
_SAMSAT_SOURCES = (
    "news.ddtc.co.id/berita/daerah/1809819",
    "forumlampung.com 2022/09",
    "duniaotomotiveku.blogspot.com 2017/01",
)
_OPSEN_CONFIRM = "besaran opsen PKB Kabupaten Ngawi dan penyesuaian tarif Jawa Timur sejak 2025"

_samsat = partial(
    make,
    {
        "category": ServiceCategory.VEHICLES,
        "channel": Channel.COUNTER,
        "counter_info": counter("A04", "Samsat"),
        "legal_basis": f"{PKB_LAW}; UU 22/2009 tentang LLAJ; Perpres 5/2015 tentang Samsat; {POLRI_PNBP}",
        **complaints(
            "Sampaikan kepada petugas gerai Samsat di MPP atau ke Kantor Bersama Samsat Ngawi.",
            "Tell the officer at the Samsat booth in the MPP or the Samsat Ngawi joint office.",
        ),
    },
)

_STEP_ASSESS = (
    "Petugas menetapkan PKB, SWDKLLJ, dan PNBP; terima notice pajak.",
    "The officer assesses the vehicle tax, the accident-fund contribution and the fees; receive the tax notice.",
)
_STEP_PAY = (
    "Bayar di kasir atau bank yang ditunjuk.",
    "Pay at the cashier or the appointed bank.",
)
_STEP_CEK_FISIK = (
    "Lakukan cek fisik kendaraan (gesek nomor rangka dan mesin) di tempat yang ditunjuk.",
    "Have the vehicle physically checked (chassis and engine number rubbing) at the designated place.",
)


SAMSAT = AgencySeed(
    slug="samsat-ngawi",
    name="Kantor Bersama Samsat Ngawi",
    name_en="Samsat Ngawi joint vehicle registration and tax office",
    short_name="Samsat",
    level=AgencyLevel.PROVINCIAL,
    booth="A04",
    website="https://bapenda.jatimprov.go.id",
    description=(
        "Kantor bersama Bapenda Provinsi Jawa Timur, Polres Ngawi (Satlantas), dan Jasa Raharja untuk pajak kendaraan bermotor, "
        "pengesahan dan penggantian STNK, balik nama, dan mutasi kendaraan."
    ),
    description_en=(
        "Joint office of the East Java Revenue Agency, the Ngawi police (traffic unit) and Jasa Raharja for vehicle tax, STNK "
        "endorsement and renewal, change of owner and transfer of vehicles between regions."
    ),
    services=(
        _samsat(
            slug="pkb-tahunan",
            name="Pajak Kendaraan Tahunan (Pengesahan STNK)",
            name_en="Annual vehicle tax and STNK endorsement",
            summary="Pembayaran pajak kendaraan bermotor tahunan dan pengesahan STNK.",
            summary_en="Payment of the annual motor-vehicle tax and endorsement of the registration certificate (STNK).",
            keywords="pajak motor, pajak mobil, bayar pajak kendaraan, pkb, pajak tahunan, pengesahan stnk, bayar stnk, samsat",
            channel=Channel.BOTH,
            requirements=[STNK_ORI, KTP_ORI],
            steps=steps(
                step_queue("Samsat"),
                STEP_CHECK,
                _STEP_ASSESS,
                _STEP_PAY,
                (
                    "STNK disahkan dan diserahkan bersama notice pajak. Pembayaran tahunan juga dapat dilakukan lewat aplikasi SIGNAL.",
                    "The STNK is endorsed and returned with the tax notice. The annual payment can also be made in the SIGNAL app.",
                ),
            ),
            **takes(15, MIN, upto=60, note="Perkiraan, bergantung antrean."),
            **variable(
                note=f"{_PKB_FORMULA} PNBP pengesahan STNK Rp25.000 (roda dua/tiga) atau Rp50.000 (roda empat atau lebih).",
                basis=f"{PKB_LAW}; {POLRI_PNBP}",
            ),
            product="STNK yang disahkan dan notice pajak (SKPD) lunas",
            product_en="Endorsed STNK and paid tax notice",
            **src(*_SAMSAT_SOURCES, confirm=_OPSEN_CONFIRM),
        ),
        _samsat(
            slug="pkb-lima-tahunan",
            name="Pajak Lima Tahunan: Ganti STNK dan Pelat Nomor",
            name_en="Five-yearly vehicle tax with new STNK and number plates",
            summary="Pembayaran pajak kendaraan sekaligus penggantian STNK dan pelat nomor (TNKB) setiap lima tahun.",
            summary_en="Payment of the vehicle tax together with a new registration certificate and number plates every five years.",
            keywords="pajak 5 tahun, pajak lima tahunan, ganti plat, ganti stnk 5 tahun, plat nomor baru, tnkb, perpanjang stnk",
            requirements=[
                STNK_ORI,
                r("BPKB asli", form=ORI, note="Ditunjukkan dan difotokopi."),
                KTP_ORI,
                CEK_FISIK,
            ],
            steps=steps(
                step_queue("Samsat"),
                _STEP_CEK_FISIK,
                STEP_CHECK,
                _STEP_ASSESS,
                _STEP_PAY,
                (
                    "STNK baru dicetak dan pelat nomor baru diserahkan.",
                    "The new STNK is printed and the new plates are handed over.",
                ),
            ),
            **takes(
                1,
                WD,
                note="Biasanya selesai di hari yang sama; pelat dapat menyusul bila stok habis.",
            ),
            **variable(
                note=f"{_PKB_FORMULA} Ditambah PNBP STNK baru Rp100.000 (roda dua/tiga) atau Rp200.000 (roda empat) dan TNKB Rp60.000 atau Rp100.000 per pasang.",
                basis=f"{PKB_LAW}; {POLRI_PNBP}",
            ),
            product="STNK baru, TNKB (pelat nomor) baru, dan notice pajak lunas",
            product_en="New STNK, new number plates and paid tax notice",
            **src(*_SAMSAT_SOURCES, confirm=_OPSEN_CONFIRM),
        ),
        _samsat(
            slug="balik-nama-kendaraan",
            name="Balik Nama Kendaraan (Ganti Pemilik)",
            name_en="Change of vehicle owner (balik nama)",
            summary="Pendaftaran kendaraan bekas atas nama pemilik baru: BPKB, STNK, dan pelat nomor baru.",
            summary_en="Registration of a used vehicle to its new owner: new BPKB, STNK and number plates.",
            keywords="balik nama motor, balik nama mobil, bbn, bbnkb, ganti nama stnk, ganti nama bpkb, beli motor bekas",
            requirements=[
                BPKB_ORI,
                STNK_ORI,
                r("KTP-el pemilik baru", "New owner's electronic ID card", form=ORI),
                r("Kuitansi jual beli bermeterai", "Stamped sale receipt", form=ORI),
                CEK_FISIK,
                r(
                    "Fotokopi KTP-el pemilik lama",
                    "Photocopy of the previous owner's ID card",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Samsat"),
                _STEP_CEK_FISIK,
                STEP_CHECK,
                _STEP_ASSESS,
                _STEP_PAY,
                (
                    "STNK dan pelat nomor baru diserahkan; BPKB atas nama baru diterbitkan Satlantas dan diambil kemudian.",
                    "The new STNK and plates are handed over; the BPKB in the new name is issued by the traffic police and collected later.",
                ),
            ),
            **takes(
                1,
                WD,
                note="STNK dan pelat di hari yang sama; BPKB menyusul sesuai antrean penerbitan.",
            ),
            **variable(
                note=(
                    "PKB tahun berjalan (rumus progresif Perda Jatim 8/2023) + PNBP BPKB ganti pemilik Rp225.000 (roda dua/tiga) atau Rp375.000 (roda empat), "
                    "STNK Rp100.000/Rp200.000, dan TNKB Rp60.000/Rp100.000. BBNKB atas penyerahan kedua dan seterusnya tidak lagi dipungut menurut UU 1/2022."
                ),
                basis=f"{PKB_LAW}; {POLRI_PNBP}",
            ),
            product="STNK dan TNKB atas nama pemilik baru; BPKB atas nama pemilik baru",
            product_en="STNK and plates in the new owner's name; BPKB in the new owner's name",
            **src(
                *_SAMSAT_SOURCES,
                confirm=f"{_OPSEN_CONFIRM}; penghapusan BBNKB II di Jawa Timur; lama penerbitan BPKB",
            ),
        ),
        _samsat(
            slug="mutasi-kendaraan-keluar",
            name="Mutasi Kendaraan ke Luar Daerah (Cabut Berkas)",
            name_en="Transfer of a vehicle registration out of the region",
            summary="Pengurusan berkas mutasi bagi kendaraan yang akan didaftarkan di provinsi atau kabupaten lain.",
            summary_en="Transfer documents for a vehicle to be registered in another province or regency.",
            keywords="mutasi keluar, cabut berkas, mutasi kendaraan, pindah plat luar kota, cabut berkas motor",
            requirements=[
                BPKB_ORI,
                STNK_ORI,
                KTP_ORI,
                CEK_FISIK,
                r(
                    "Bukti lunas PKB tahun berjalan",
                    "Proof that this year's vehicle tax is paid",
                    form=ORI,
                ),
            ],
            steps=steps(
                step_queue("Samsat"),
                _STEP_CEK_FISIK,
                STEP_CHECK,
                ("Bayar PNBP mutasi.", "Pay the transfer fee."),
                (
                    "Berkas mutasi disegel dan diserahkan untuk dibawa ke Samsat tujuan.",
                    "The transfer file is sealed and handed over to take to the destination Samsat.",
                ),
            ),
            **takes(1, WD, upto=3),
            **fee_range(
                150_000,
                250_000,
                POLRI_PNBP,
                note="PNBP surat mutasi ke luar daerah Rp150.000 (roda dua/tiga) atau Rp250.000 (roda empat atau lebih); PKB harus sudah lunas.",
            ),
            product="Berkas mutasi kendaraan (surat keterangan mutasi dan dokumen kendaraan tersegel)",
            product_en="Sealed vehicle transfer file",
            **src(*_SAMSAT_SOURCES, confirm="jangka waktu penyelesaian berkas mutasi"),
        ),
        _samsat(
            slug="mutasi-kendaraan-masuk",
            name="Mutasi Kendaraan Masuk ke Ngawi",
            name_en="Registering a vehicle transferred in from another region",
            summary="Pendaftaran kendaraan dari luar daerah agar bernomor polisi Ngawi (AE).",
            summary_en="Registration of a vehicle from another region so it gets a Ngawi (AE) number plate.",
            keywords="mutasi masuk, pindah plat ke ngawi, ganti plat ae, kendaraan dari luar daerah, mutasi kendaraan masuk",
            requirements=[
                r(
                    "Berkas mutasi tersegel dari Samsat asal",
                    "Sealed transfer file from the previous Samsat",
                    form=ORI,
                ),
                BPKB_ORI,
                r(
                    "KTP-el pemilik dengan alamat Ngawi",
                    "Owner's ID card with a Ngawi address",
                    form=ORI,
                ),
                CEK_FISIK,
            ],
            steps=steps(
                step_queue("Samsat"),
                _STEP_CEK_FISIK,
                STEP_CHECK,
                _STEP_ASSESS,
                _STEP_PAY,
                (
                    "STNK dan pelat nomor AE diserahkan; BPKB dicatat perubahan datanya.",
                    "The STNK and AE plates are handed over; the BPKB records the change.",
                ),
            ),
            **takes(1, WD, upto=3),
            **variable(
                note=f"{_PKB_FORMULA} Ditambah PNBP STNK Rp100.000/Rp200.000, TNKB Rp60.000/Rp100.000, dan penerbitan/perubahan BPKB sesuai PP 76/2020.",
                basis=f"{PKB_LAW}; {POLRI_PNBP}",
            ),
            product="STNK dan TNKB bernomor AE; BPKB dengan data baru",
            product_en="STNK and AE number plates; BPKB with the new details",
            **src(*_SAMSAT_SOURCES, confirm=_OPSEN_CONFIRM),
        ),
        _samsat(
            slug="stnk-hilang",
            name="STNK Hilang atau Rusak",
            name_en="Replacement of a lost or damaged STNK",
            summary="Penerbitan STNK pengganti karena hilang atau rusak.",
            summary_en="Replacement registration certificate (STNK) for one lost or damaged.",
            keywords="stnk hilang, stnk ilang, stnk rusak, duplikat stnk, ganti stnk hilang",
            requirements=[
                r(
                    "Surat keterangan kehilangan dari kepolisian atau STNK yang rusak",
                    "Police loss report or the damaged STNK",
                    form=ORI,
                ),
                BPKB_ORI,
                KTP_ORI,
                CEK_FISIK,
            ],
            steps=steps(
                step_queue("Samsat"),
                _STEP_CEK_FISIK,
                STEP_CHECK,
                (
                    "Pemeriksaan data kendaraan dan, bila hilang, penelitian oleh Satlantas.",
                    "The vehicle data are checked and, for a loss, reviewed by the traffic police.",
                ),
                _STEP_PAY,
                STEP_PICKUP,
            ),
            **takes(1, WD, upto=3),
            **fee_range(
                100_000,
                200_000,
                POLRI_PNBP,
                note="PNBP STNK Rp100.000 (roda dua/tiga) atau Rp200.000 (roda empat); PKB yang jatuh tempo ikut dibayar.",
            ),
            product="STNK pengganti",
            product_en="Replacement STNK",
            **src(*_SAMSAT_SOURCES, confirm="jangka waktu dan kebutuhan penelitian Satlantas"),
        ),
        _samsat(
            slug="lapor-jual-kendaraan",
            name="Lapor Jual dan Blokir Data Kendaraan",
            name_en="Report of a vehicle sale (ownership block)",
            summary="Pelaporan bahwa kendaraan sudah dijual agar data kepemilikan diblokir dan tidak dihitung dalam pajak progresif pemilik lama.",
            summary_en="Report that a vehicle was sold so the old owner's record is blocked and not counted for progressive tax.",
            keywords="lapor jual, blokir stnk, blokir kendaraan, motor sudah dijual, hindari pajak progresif",
            requirements=[
                KTP_FC,
                r("Fotokopi STNK kendaraan yang dijual", "Photocopy of the sold vehicle's STNK"),
                r("Bukti penjualan (kuitansi)", "Proof of sale (receipt)"),
            ],
            steps=steps(
                step_queue("Samsat"),
                STEP_CHECK,
                (
                    "Petugas memblokir data kepemilikan kendaraan atas nama pelapor.",
                    "The officer blocks the vehicle record in the reporter's name.",
                ),
                ("Terima bukti pemblokiran.", "Receive proof of the block."),
            ),
            **takes(15, MIN, upto=30, note=ON_THE_SPOT),
            **NO_FEE,
            product="Bukti blokir data kepemilikan kendaraan",
            product_en="Proof that the ownership record is blocked",
            **src(
                "Praktik Samsat Jawa Timur", confirm="prosedur dan syarat blokir di Samsat Ngawi"
            ),
        ),
    ),
)

_dishub = partial(
    make,
    {
        "category": ServiceCategory.VEHICLES,
        "channel": Channel.COUNTER,
        "counter_info": counter("B02", "Dinas Perhubungan"),
        "legal_basis": "UU 22/2009 tentang LLAJ; PP 55/2012 tentang Kendaraan; Permenhub PM 19/2021 tentang Pengujian Berkala Kendaraan Bermotor",
        **complaints(
            "Sampaikan kepada petugas gerai Dinas Perhubungan.",
            "Tell the officer at the Transport Office booth.",
        ),
    },
)
_KIR_FEE = variable(
    note="Retribusi pengujian kendaraan bermotor menurut jenis dan berat kendaraan sesuai Perda PDRD Ngawi; besaran belum dipublikasikan.",
    basis=PERDA_NGAWI,
)
_KIR_CONFIRM = (
    "keberadaan gerai Dinas Perhubungan di MPP Ngawi, tarif retribusi uji, dan jadwal uji"
)

DISHUB = AgencySeed(
    slug="dishub",
    name="Dinas Perhubungan Kabupaten Ngawi",
    name_en="Transport Office of Ngawi Regency",
    short_name="Dinas Perhubungan",
    level=AgencyLevel.REGENCY,
    booth="B02",
    website="https://ngawikab.go.id",
    description="Pendaftaran uji berkala kendaraan bermotor (KIR) untuk mobil barang dan angkutan umum; pengujian dilakukan di unit pengujian kendaraan.",
    description_en="Registration for periodic roadworthiness tests (KIR) of goods and public-transport vehicles; the tests take place at the vehicle testing unit.",
    services=(
        _dishub(
            slug="uji-kir-berkala",
            name="Uji Berkala Kendaraan Bermotor (KIR)",
            name_en="Periodic roadworthiness test (KIR)",
            summary="Pendaftaran uji berkala kendaraan barang dan angkutan umum; kendaraan diuji di unit pengujian dan mendapat kartu uji.",
            summary_en="Registration for the periodic test of goods and public-transport vehicles; the vehicle is tested at the testing unit and gets a test card.",
            keywords="kir, uji kir, uji berkala, buku kir, kartu blue, kir mobil barang, kir pick up, kir truk",
            requirements=[
                r("STNK asli", form=ORI, note="Ditunjukkan dan difotokopi."),
                r(
                    "Kartu uji (BLUe) lama",
                    "Previous test card (BLUe)",
                    form=ORI,
                    optional=True,
                    note="Untuk uji ulang.",
                ),
                KTP_FC,
                r(
                    "Izin penyelenggaraan angkutan (untuk angkutan umum)",
                    "Public-transport operating licence (for public transport)",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Dinas Perhubungan"),
                STEP_CHECK,
                (
                    "Bayar retribusi uji dan terima jadwal uji.",
                    "Pay the test levy and receive the test date.",
                ),
                (
                    "Bawa kendaraan ke unit pengujian untuk diuji.",
                    "Take the vehicle to the testing unit.",
                ),
                (
                    "Kendaraan yang lulus mendapat kartu uji dan tanda lulus uji.",
                    "A vehicle that passes receives the test card and pass sticker.",
                ),
            ),
            **takes(1, WD, note="Pengujian fisik kendaraan di unit pengujian sesuai jadwal."),
            **_KIR_FEE,
            product="Kartu uji berkala (BLUe) dan tanda lulus uji",
            product_en="Periodic test card (BLUe) and pass sticker",
            **src("Permenhub PM 19/2021", confirm=_KIR_CONFIRM),
        ),
        _dishub(
            slug="kir-numpang-uji",
            name="Numpang Uji dan Mutasi Uji KIR",
            name_en="Testing a vehicle from another region, or moving its test record",
            summary="Izin menguji kendaraan berpelat luar daerah di Ngawi (numpang uji) atau memindahkan data uji ke daerah lain (mutasi uji).",
            summary_en="Permission to test a vehicle registered elsewhere in Ngawi, or to move its test record to another region.",
            keywords="numpang uji, numpang kir, mutasi kir, mutasi uji, pindah kir",
            requirements=[
                r("STNK asli", form=ORI, note="Ditunjukkan dan difotokopi."),
                r("Kartu uji (BLUe) terakhir", "Latest test card (BLUe)", form=ORI),
                r(
                    "Surat permohonan numpang uji atau mutasi uji",
                    "Letter requesting a guest test or a transfer",
                    form=ORI,
                ),
                KTP_FC,
            ],
            steps=steps(
                step_queue("Dinas Perhubungan"),
                STEP_CHECK,
                (
                    "Petugas memeriksa data uji di sistem dan menerbitkan surat numpang uji atau berkas mutasi uji.",
                    "The officer checks the test record and issues the guest-test letter or the transfer file.",
                ),
                STEP_PICKUP,
            ),
            **takes(1, WD, upto=3),
            **_KIR_FEE,
            product="Surat keterangan numpang uji atau berkas mutasi uji",
            product_en="Guest-test letter or test-record transfer file",
            **src("Permenhub PM 19/2021", confirm=_KIR_CONFIRM),
        ),
    ),
)

_jasa_raharja = partial(
    make,
    {
        "category": ServiceCategory.SOCIAL,
        "channel": Channel.COUNTER,
        "counter_info": counter("B09", "Jasa Raharja"),
        "legal_basis": "UU 33/1964 dan UU 34/1964; PMK 15/PMK.010/2017 dan 16/PMK.010/2017",
        **free(note="Pengajuan santunan tidak dipungut biaya."),
        **complaints(
            "Sampaikan kepada petugas gerai Jasa Raharja.",
            "Tell the officer at the Jasa Raharja booth.",
        ),
    },
)
_JR_CONFIRM = "keberadaan gerai Jasa Raharja di MPP Ngawi (biasanya di Samsat), besaran santunan terbaru, dan jangka waktu"

JASA_RAHARJA = AgencySeed(
    slug="jasa-raharja",
    name="PT Jasa Raharja",
    name_en="PT Jasa Raharja (road-accident insurance)",
    short_name="Jasa Raharja",
    level=AgencyLevel.STATE_OWNED,
    booth="B09",
    website="https://www.jasaraharja.co.id",
    description="BUMN asuransi sosial kecelakaan lalu lintas jalan dan penumpang angkutan umum: informasi dan pengajuan santunan.",
    description_en="State-owned social insurer for road-traffic and public-transport accidents: information and compensation claims.",
    services=(
        _jasa_raharja(
            slug="jasa-raharja-santunan-meninggal",
            name="Santunan Korban Meninggal Dunia Kecelakaan Lalu Lintas",
            name_en="Death benefit for road-accident victims",
            summary="Pengajuan santunan bagi ahli waris korban kecelakaan lalu lintas yang meninggal dunia.",
            summary_en="Claim of the death benefit by the heirs of a road-accident victim.",
            keywords="santunan jasa raharja, klaim jasa raharja, santunan kecelakaan meninggal, asuransi kecelakaan lalu lintas",
            requirements=[
                r(
                    "Laporan polisi tentang kecelakaan lalu lintas",
                    "Police report of the traffic accident",
                    form=ORI,
                ),
                r(
                    "Akta kematian atau surat keterangan kematian korban",
                    "Death certificate or death notice of the victim",
                ),
                KK_FC,
                r("KTP-el ahli waris", "Heir's electronic ID card"),
                r("Buku tabungan ahli waris", "Heir's savings book"),
                r("Surat keterangan ahli waris", "Statement of heirs", form=ORI),
            ],
            steps=steps(
                step_queue("Jasa Raharja"),
                STEP_CHECK,
                (
                    "Jasa Raharja memverifikasi data kecelakaan dengan kepolisian.",
                    "Jasa Raharja verifies the accident with the police.",
                ),
                (
                    "Santunan ditransfer ke rekening ahli waris.",
                    "The benefit is transferred to the heir's account.",
                ),
            ),
            **takes(1, WD, upto=7),
            product="Santunan meninggal dunia (Rp50.000.000 untuk korban kecelakaan angkutan jalan menurut PMK 16/PMK.010/2017)",
            product_en="Death benefit (Rp50,000,000 for road-traffic victims under PMK 16/PMK.010/2017)",
            **src("PMK 16/PMK.010/2017", confirm=_JR_CONFIRM),
        ),
        _jasa_raharja(
            slug="jasa-raharja-santunan-luka",
            name="Santunan Biaya Perawatan Korban Luka-luka",
            name_en="Medical-cost benefit for injured road-accident victims",
            summary="Penjaminan biaya perawatan korban luka kecelakaan lalu lintas, lewat rumah sakit atau penggantian kepada korban.",
            summary_en="Cover of treatment costs for people injured in road accidents, paid to the hospital or reimbursed to the victim.",
            keywords="santunan luka jasa raharja, klaim biaya rumah sakit kecelakaan, jaminan rumah sakit jasa raharja",
            requirements=[
                r(
                    "Laporan polisi tentang kecelakaan lalu lintas",
                    "Police report of the traffic accident",
                    form=ORI,
                ),
                r("KTP-el korban", "Victim's electronic ID card"),
                r(
                    "Kuitansi asli biaya perawatan dan surat keterangan dokter",
                    "Original hospital receipts and doctor's statement",
                    form=ORI,
                ),
            ],
            steps=steps(
                step_queue("Jasa Raharja"),
                STEP_CHECK,
                (
                    "Verifikasi data kecelakaan dan biaya perawatan.",
                    "The accident and treatment costs are verified.",
                ),
                (
                    "Biaya dibayarkan ke rumah sakit atau ke rekening korban.",
                    "The costs are paid to the hospital or to the victim's account.",
                ),
            ),
            **takes(1, WD, upto=7),
            product="Penjaminan atau penggantian biaya perawatan (paling banyak Rp20.000.000 menurut PMK 16/PMK.010/2017)",
            product_en="Cover or reimbursement of treatment costs (up to Rp20,000,000 under PMK 16/PMK.010/2017)",
            **src("PMK 16/PMK.010/2017", confirm=_JR_CONFIRM),
        ),
    ),
)

AGENCIES = [SAMSAT, DISHUB, JASA_RAHARJA]
