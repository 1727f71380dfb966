# ruff: noqa: E501 — catalogue prose; wrapping Indonesian sentences mid-phrase makes review harder.
"""Electricity and water: PT PLN (Persero) and Perumda Air Minum Kabupaten Ngawi.

PLN connection charges follow Permen ESDM 27/2017 (still the basis in September 2025, FACTS
§8.8). Nothing is public about Ngawi's water company (FACTS §8.8): its entries describe the
usual procedure and are all marked for confirmation.
"""

from __future__ import annotations

from functools import partial

from mpp.catalog.enums import AgencyLevel, Channel, ServiceCategory
from mpp.catalog.seed.common import (
    KONTAK,
    KTP_FC,
    KTP_SHOW,
    NA,
    NO_FEE,
    ORI,
    STEP_CHECK,
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

PLN_LAW = "UU 30/2009 tentang Ketenagalistrikan; Permen ESDM 27/2017 tentang Tingkat Mutu Pelayanan dan Biaya yang Terkait dengan Penyaluran Tenaga Listrik oleh PLN"
_PLN_SOURCES = ("amp.kompas.com/tren/read/2025/08/08/074500665", "orasi.id 2025/08")
_PLN_TABLE = (
    "Biaya penyambungan (Permen ESDM 27/2017): 450 VA Rp421.000; 900 VA Rp843.000; 1.300 VA Rp1.218.000; "
    "2.200 VA Rp2.062.000; 3.500 VA Rp3.391.500; di atas 3.500 VA sampai 100 kVA Rp969 per VA; di atas 100 kVA "
    "sampai 200 kVA Rp775 per VA."
)

_pln = partial(
    make,
    {
        "category": ServiceCategory.UTILITIES,
        "channel": Channel.BOTH,
        "counter_info": counter("A17", "PLN"),
        "legal_basis": PLN_LAW,
        **complaints(
            "Sampaikan kepada petugas gerai PLN, Contact Center PLN 123, atau aplikasi PLN Mobile.",
            "Tell the officer at the PLN booth, call PLN's contact centre on 123, or use the PLN Mobile app.",
        ),
    },
)
_STEP_PLN_APPLY = (
    "Ajukan permohonan di gerai atau di aplikasi PLN Mobile; simulasi biaya tersedia di aplikasi.",
    "Apply at the booth or in the PLN Mobile app; the app shows a cost estimate.",
)
_PLN_METER = r("Nomor pelanggan/ID meter", "Customer number or meter ID", form=NA)
_PLN_CONFIRM = "jangka waktu penyambungan menurut tingkat mutu pelayanan PLN setempat"

PLN = AgencySeed(
    slug="pln",
    name="PT PLN (Persero)",
    name_en="PT PLN (state electricity company)",
    short_name="PLN",
    level=AgencyLevel.STATE_OWNED,
    booth="A17",
    website="https://web.pln.co.id",
    description="Layanan pelanggan listrik untuk wilayah Ngawi: pasang baru, perubahan daya, balik nama, migrasi ke prabayar, dan pengaduan.",
    description_en="Electricity customer services for the Ngawi area: new connections, changes of power, change of customer name, prepaid migration and complaints.",
    services=(
        _pln(
            slug="pln-pasang-baru",
            name="Pasang Baru Listrik",
            name_en="New electricity connection",
            summary="Permohonan sambungan listrik baru untuk rumah atau tempat usaha, prabayar atau pascabayar.",
            summary_en="Application for a new electricity connection for a home or business, prepaid or postpaid.",
            keywords="pasang listrik, pasang baru pln, sambung listrik baru, listrik rumah baru, pasang meteran listrik",
            requirements=[
                KTP_FC,
                r(
                    "Alamat dan titik lokasi (koordinat) bangunan",
                    "Address and location (coordinates) of the building",
                    form=NA,
                ),
                r(
                    "Nomor pelanggan PLN terdekat",
                    "Customer number of the nearest PLN connection",
                    form=NA,
                    optional=True,
                ),
                r(
                    "Sertifikat Laik Operasi (SLO) instalasi listrik",
                    "Certificate of operational fitness (SLO) of the wiring",
                    note="Diterbitkan lembaga inspeksi teknik sebelum penyambungan.",
                ),
                KONTAK,
            ],
            steps=steps(
                step_queue("PLN"),
                _STEP_PLN_APPLY,
                ("Survei lokasi bila diperlukan.", "Site survey if needed."),
                (
                    "Bayar biaya penyambungan (dan uang jaminan langganan untuk pascabayar).",
                    "Pay the connection charge (and the deposit for postpaid).",
                ),
                (
                    "Petugas memasang meter dan menyambung listrik setelah SLO terbit.",
                    "Staff install the meter and connect once the SLO is issued.",
                ),
            ),
            **takes(5, WD, upto=15, note="Bergantung ketersediaan jaringan di lokasi."),
            **variable(
                note=f"{_PLN_TABLE} Ditambah token pertama dan PPJ (prabayar) atau uang jaminan langganan (pascabayar), serta biaya SLO dari lembaga inspeksi.",
                basis=PLN_LAW,
            ),
            product="Sambungan listrik aktif dengan nomor pelanggan/ID meter",
            product_en="Live connection with a customer/meter ID",
            **src(*_PLN_SOURCES, confirm=_PLN_CONFIRM),
        ),
        _pln(
            slug="pln-tambah-daya",
            name="Perubahan Daya Listrik (Tambah atau Turun Daya)",
            name_en="Changing the connected power (increase or decrease)",
            summary="Permohonan menaikkan atau menurunkan daya tersambung, misalnya dari 900 VA ke 1.300 VA.",
            summary_en="Application to raise or lower the connected power, e.g. from 900 VA to 1,300 VA.",
            keywords="tambah daya, naik daya, turun daya, ubah daya listrik, daya listrik kurang",
            requirements=[
                KTP_FC,
                _PLN_METER,
                r(
                    "SLO instalasi bila ada perubahan instalasi",
                    "SLO of the wiring if the installation changes",
                    optional=True,
                ),
                KONTAK,
            ],
            steps=steps(
                step_queue("PLN"),
                _STEP_PLN_APPLY,
                ("Bayar biaya perubahan daya.", "Pay the charge for the change."),
                (
                    "Petugas mengganti pembatas daya atau meter.",
                    "Staff replace the circuit breaker or meter.",
                ),
            ),
            **takes(3, WD, upto=10),
            **variable(
                note=f"Biaya dihitung dari selisih biaya penyambungan daya baru dan daya lama menurut Permen ESDM 27/2017 (untuk daya di atas 2.200 VA berlaku tarif per VA). {_PLN_TABLE}",
                basis=PLN_LAW,
            ),
            product="Daya tersambung yang baru",
            product_en="New connected power",
            **src(
                *_PLN_SOURCES, confirm=f"cara hitung selisih biaya perubahan daya; {_PLN_CONFIRM}"
            ),
        ),
        _pln(
            slug="pln-balik-nama",
            name="Balik Nama Pelanggan Listrik",
            name_en="Changing the name on an electricity account",
            summary="Perubahan nama pelanggan PLN, misalnya setelah membeli rumah atau karena pewarisan.",
            summary_en="Changing the customer name on a PLN account, e.g. after buying a house or inheriting it.",
            keywords="balik nama listrik, balik nama pln, ganti nama pelanggan pln, ubah nama meteran listrik",
            requirements=[
                KTP_FC,
                _PLN_METER,
                r(
                    "Bukti kepemilikan atau penguasaan bangunan",
                    "Proof of ownership or occupation of the building",
                ),
            ],
            steps=steps(
                step_queue("PLN"),
                _STEP_PLN_APPLY,
                ("Petugas memperbarui data pelanggan.", "The officer updates the customer data."),
            ),
            **takes(1, WD, upto=3),
            **free(note="Tidak dipungut biaya; tunggakan tagihan harus dilunasi lebih dulu."),
            product="Data pelanggan atas nama baru",
            product_en="Account in the new name",
            **src("Layanan pelanggan PLN", confirm="biaya dan persyaratan balik nama"),
        ),
        _pln(
            slug="pln-migrasi-prabayar",
            name="Migrasi Pascabayar ke Prabayar (Token)",
            name_en="Switching from postpaid to prepaid (token) electricity",
            summary="Penggantian meter pascabayar menjadi meter prabayar yang diisi dengan token.",
            summary_en="Replacing a postpaid meter with a prepaid meter topped up with tokens.",
            keywords="migrasi prabayar, ganti ke token, ubah ke token, listrik pulsa, pascabayar ke prabayar",
            requirements=[
                KTP_FC,
                _PLN_METER,
                r("Bukti lunas tagihan terakhir", "Proof that the last bill is paid"),
            ],
            steps=steps(
                step_queue("PLN"),
                _STEP_PLN_APPLY,
                (
                    "Petugas memasang meter prabayar dan mengembalikan sisa uang jaminan bila ada.",
                    "Staff fit the prepaid meter and refund any remaining deposit.",
                ),
            ),
            **takes(3, WD, upto=7),
            **free(
                note="Umumnya tanpa biaya penggantian meter; pembelian token pertama ditanggung pelanggan."
            ),
            product="Meter prabayar terpasang",
            product_en="Prepaid meter installed",
            **src("Layanan pelanggan PLN", confirm="biaya migrasi dan jangka waktu"),
        ),
        _pln(
            slug="pln-pengaduan",
            name="Pengaduan Gangguan dan Tagihan Listrik",
            name_en="Electricity faults and billing complaints",
            summary="Pengaduan listrik padam, meter rusak, token tidak masuk, atau tagihan yang tidak wajar.",
            summary_en="Complaints about power cuts, faulty meters, tokens that do not load, or unusual bills.",
            keywords="listrik padam, lampu mati, gangguan listrik, tagihan listrik naik, kwh meter rusak, token tidak masuk",
            requirements=[
                KTP_SHOW,
                _PLN_METER,
                r(
                    "Foto meter atau bukti tagihan/token",
                    "Photo of the meter or the bill/token receipt",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("PLN"),
                (
                    "Sampaikan pengaduan; petugas mencatat dan memberi nomor laporan.",
                    "Make the complaint; the officer records it and gives a report number.",
                ),
                (
                    "Petugas lapangan menangani gangguan atau tagihan diperiksa.",
                    "Field staff fix the fault or the bill is reviewed.",
                ),
                (
                    "Hasil penanganan disampaikan kepada pelanggan.",
                    "The customer is told the outcome.",
                ),
            ),
            **takes(
                1, WD, upto=3, note="Gangguan ditangani secepatnya; pemeriksaan tagihan lebih lama."
            ),
            **NO_FEE,
            product="Nomor laporan dan penanganan pengaduan",
            product_en="Report number and handling of the complaint",
            **src("Layanan pelanggan PLN", confirm="standar waktu penanganan pengaduan"),
        ),
    ),
)

_pdam = partial(
    make,
    {
        "category": ServiceCategory.UTILITIES,
        "channel": Channel.COUNTER,
        "counter_info": counter("A18", "Perumda Air Minum"),
        "legal_basis": "UU 17/2019 tentang Sumber Daya Air; PP 122/2015 tentang Sistem Penyediaan Air Minum; Perda Kabupaten Ngawi tentang Perumda Air Minum",
        **complaints(
            "Sampaikan kepada petugas gerai Perumda Air Minum atau ke kantor pelayanan Perumda.",
            "Tell the officer at the water company booth or its customer office.",
        ),
    },
)
_PDAM_CONFIRM = "tidak ada data publik tentang Perumda Air Minum Ngawi: persyaratan, tarif, dan jangka waktu perlu dikonfirmasi"
_PDAM_TARIFF = "Peraturan Bupati Ngawi tentang tarif air minum (perlu konfirmasi)"
_PDAM_CUSTOMER = r(
    "Nomor sambungan/rekening pelanggan", "Connection or customer account number", form=NA
)

PDAM = AgencySeed(
    slug="perumda-air-minum",
    name="Perumda Air Minum Kabupaten Ngawi",
    name_en="Ngawi Regency Drinking Water Company (PDAM)",
    short_name="Perumda Air Minum",
    level=AgencyLevel.STATE_OWNED,
    booth="A18",
    description="Perusahaan umum daerah milik Pemerintah Kabupaten Ngawi penyedia air minum perpipaan: sambungan baru, balik nama, penyambungan kembali, dan pengaduan.",
    description_en="Water company owned by the Ngawi regency government: new connections, change of name, reconnection and complaints.",
    services=(
        _pdam(
            slug="pdam-sambungan-baru",
            name="Sambungan Baru Air Minum (PDAM)",
            name_en="New piped-water connection",
            summary="Permohonan sambungan air minum perpipaan baru untuk rumah atau tempat usaha di jangkauan jaringan.",
            summary_en="Application for a new piped-water connection for a home or business within the network's reach.",
            keywords="pasang pdam, sambungan air baru, pasang air pdam, langganan pdam, pasang meteran air",
            requirements=[
                KTP_FC,
                r("Denah atau titik lokasi rumah", "Sketch or location of the house", form=NA),
                r(
                    "Bukti kepemilikan atau penguasaan bangunan",
                    "Proof of ownership or occupation of the building",
                ),
                KONTAK,
            ],
            steps=steps(
                step_queue("Perumda Air Minum"),
                STEP_CHECK,
                ("Survei lokasi dan perhitungan biaya.", "Site survey and cost estimate."),
                ("Bayar biaya pemasangan.", "Pay the installation charge."),
                ("Pemasangan pipa dan meter air.", "The pipe and water meter are installed."),
            ),
            **takes(7, WD, upto=14),
            **variable(
                note="Biaya pemasangan menurut ketetapan Perumda (jarak dari pipa distribusi, diameter, golongan pelanggan); sebagian daerah memberi keringanan bagi masyarakat berpenghasilan rendah.",
                basis=_PDAM_TARIFF,
            ),
            product="Sambungan air aktif dan nomor pelanggan",
            product_en="Active water connection and customer number",
            **src("beritajateng.id (contoh layanan PDAM di MPP Blora)", confirm=_PDAM_CONFIRM),
        ),
        _pdam(
            slug="pdam-balik-nama",
            name="Balik Nama Pelanggan Air Minum",
            name_en="Changing the name on a water account",
            summary="Perubahan nama pelanggan air minum karena jual beli atau pewarisan bangunan.",
            summary_en="Changing the water customer's name after the building is sold or inherited.",
            keywords="balik nama pdam, ganti nama pelanggan pdam, balik nama air",
            requirements=[
                KTP_FC,
                _PDAM_CUSTOMER,
                r(
                    "Bukti kepemilikan baru (akta jual beli, sertifikat, atau surat waris)",
                    "Proof of new ownership (deed of sale, title or inheritance letter)",
                ),
                r("Bukti lunas rekening air terakhir", "Proof the last water bill is paid"),
            ],
            steps=steps(
                step_queue("Perumda Air Minum"),
                STEP_CHECK,
                ("Data pelanggan diperbarui.", "The customer data are updated."),
            ),
            **takes(1, WD, upto=3),
            **variable(
                note="Biaya administrasi balik nama menurut ketetapan Perumda, bila ada.",
                basis=_PDAM_TARIFF,
            ),
            product="Rekening air atas nama baru",
            product_en="Water account in the new name",
            **src("Layanan umum PDAM", confirm=_PDAM_CONFIRM),
        ),
        _pdam(
            slug="pdam-penyambungan-kembali",
            name="Penyambungan Kembali Air yang Diputus",
            name_en="Reconnection of a cut-off water supply",
            summary="Penyambungan kembali sambungan air yang diputus karena tunggakan atau atas permintaan pelanggan.",
            summary_en="Reconnecting a water supply cut off for arrears or at the customer's request.",
            keywords="sambung kembali pdam, air diputus, buka segel pdam, pdam diputus tunggakan",
            requirements=[
                KTP_FC,
                _PDAM_CUSTOMER,
                r("Bukti pelunasan tunggakan", "Proof that arrears are paid", form=ORI),
            ],
            steps=steps(
                step_queue("Perumda Air Minum"),
                (
                    "Lunasi tunggakan dan biaya penyambungan kembali.",
                    "Pay the arrears and the reconnection charge.",
                ),
                (
                    "Petugas membuka segel dan menyambung kembali.",
                    "Staff remove the seal and reconnect.",
                ),
            ),
            **takes(1, WD, upto=3),
            **variable(
                note="Tunggakan rekening ditambah biaya penyambungan kembali menurut ketetapan Perumda.",
                basis=_PDAM_TARIFF,
            ),
            product="Sambungan air aktif kembali",
            product_en="Water supply reconnected",
            **src("Layanan umum PDAM", confirm=_PDAM_CONFIRM),
        ),
        _pdam(
            slug="pdam-pengaduan",
            name="Pengaduan Pelanggan Air Minum",
            name_en="Water supply complaints",
            summary="Pengaduan air mati, keruh atau berbau, pipa bocor, meter rusak, atau tagihan tidak wajar.",
            summary_en="Complaints about no water, cloudy or smelly water, leaking pipes, faulty meters or unusual bills.",
            keywords="air pdam mati, air keruh, air pdam bau, pipa bocor, meter air rusak, tagihan pdam naik",
            requirements=[
                KTP_SHOW,
                _PDAM_CUSTOMER,
                r(
                    "Foto atau keterangan masalah",
                    "Photo or description of the problem",
                    optional=True,
                ),
            ],
            steps=steps(
                step_queue("Perumda Air Minum"),
                (
                    "Sampaikan pengaduan; petugas mencatat dan memberi nomor laporan.",
                    "Make the complaint; the officer records it and gives a report number.",
                ),
                ("Petugas teknis menangani di lapangan.", "Technical staff deal with it on site."),
                (
                    "Hasil penanganan disampaikan kepada pelanggan.",
                    "The customer is told the outcome.",
                ),
            ),
            **takes(1, WD, upto=3),
            **NO_FEE,
            product="Nomor laporan dan penanganan pengaduan",
            product_en="Report number and handling of the complaint",
            **src("kampoengngawi.com (gangguan aliran PDAM Ngawi)", confirm=_PDAM_CONFIRM),
        ),
    ),
)

AGENCIES = [PLN, PDAM]
