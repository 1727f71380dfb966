"""Evaluation set for the service search: what people in Ngawi type, and the right answer.

Each case is a query as a citizen would type it into the kiosk or a phone (lower case, no
punctuation care, colloquial words, Javanese bits, typos, English from visitors) and the slug of
the demo-catalogue service (mpp/demo/data/ngawi/katalog/) that should come first. `also` lists
services that are equally right when the query is genuinely ambiguous (a bare "skck" may be a
first SKCK or a renewal); it is used sparingly and never to hide a ranking mistake.

The queries were written from the citizen's side before the engine was tuned; they are not
copies of the catalogue's keyword lists (some coincide, as "ktp hilang" would with any catalogue).

Used by tests/catalog/test_search_eval.py (accuracy thresholds) and bench/search_bench.py
(the benchmark's query mix).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    query: str
    expected: str
    also: tuple[str, ...] = ()
    kind: str = "everyday"  # everyday | slang | abbreviation | typo | english | javanese

    @property
    def acceptable(self) -> frozenset[str]:
        return frozenset((self.expected, *self.also))


def _c(query: str, expected: str, *also: str, kind: str = "everyday") -> Case:
    return Case(query=query, expected=expected, also=also, kind=kind)


def _slang(query: str, expected: str, *also: str) -> Case:
    return _c(query, expected, *also, kind="slang")


def _abbr(query: str, expected: str, *also: str) -> Case:
    return _c(query, expected, *also, kind="abbreviation")


def _typo(query: str, expected: str, *also: str) -> Case:
    return _c(query, expected, *also, kind="typo")


def _en(query: str, expected: str, *also: str) -> Case:
    return _c(query, expected, *also, kind="english")


def _jv(query: str, expected: str, *also: str) -> Case:
    return _c(query, expected, *also, kind="javanese")


CASES: tuple[Case, ...] = (
    # --- Population administration (Dispendukcapil) ------------------------------------------
    _slang("bikin ktp", "ktp-el-baru"),
    _c("ktp baru umur 17", "ktp-el-baru"),
    _c("rekam ktp pertama kali", "ktp-el-baru"),
    _slang("ktp ilang", "ktp-el-hilang"),
    _c("ktp saya hilang dicopet di pasar", "ktp-el-hilang"),
    _abbr("e-ktp rusak patah", "ktp-el-rusak"),
    _c("ktp rusak tidak bisa dibaca", "ktp-el-rusak"),
    _c("ubah status kawin di ktp", "ktp-el-perubahan-data"),
    _c("cetak ulang ktp karena ganti pekerjaan", "ktp-el-perubahan-data"),
    _slang("bikin kk baru habis nikah", "kk-baru"),
    _c("kartu keluarga baru", "kk-baru"),
    _slang("masukin anak ke kk", "kk-tambah-anggota"),
    _c("tambah anggota keluarga di kk", "kk-tambah-anggota"),
    _c("nama di kk salah ketik", "kk-perubahan-data"),
    _abbr("pecah kk", "kk-pecah"),
    _c("pisah kk dari orang tua", "kk-pecah"),
    _slang("kk ilang", "kk-hilang"),
    _c("kartu keluarga hilang", "kk-hilang"),
    _c("kk sobek kena air", "kk-rusak"),
    _abbr("kia anak", "kia"),
    _c("kartu identitas anak", "kia"),
    _c("ktp untuk anak kecil", "kia"),
    _c("akta lahir", "akta-kelahiran"),
    _slang("bikin akte kelahiran bayi", "akta-kelahiran"),
    _c("akta kelahiran anak baru lahir", "akta-kelahiran"),
    _slang("akta lahir telat", "akta-kelahiran-terlambat"),
    _c("akta kelahiran untuk orang dewasa", "akta-kelahiran-terlambat"),
    _c("akte kelahiran hilang", "akta-kelahiran-kutipan-kedua"),
    _c("akta lahir rusak", "akta-kelahiran-kutipan-kedua"),
    _c("akta kematian", "akta-kematian"),
    _c("lapor orang meninggal", "akta-kematian"),
    _slang("akte mati bapak", "akta-kematian"),
    _c("akta nikah kristen", "akta-perkawinan"),
    _c("catat perkawinan non muslim", "akta-perkawinan"),
    _c("akta cerai non muslim", "akta-perceraian"),
    _c("ganti nama", "akta-perubahan-nama", "pn-permohonan-penetapan"),
    _c("surat pindah", "pindah-keluar"),
    _c("pindah domisili ke surabaya", "pindah-keluar"),
    _abbr("skpwni", "pindah-keluar"),
    _c("pindah datang ke ngawi", "pindah-datang"),
    _c("lapor pindahan masuk", "pindah-datang"),
    _c("ktp digital di hp", "ikd-aktivasi"),
    _abbr("aktivasi ikd", "ikd-aktivasi"),
    _c("cetak biodata", "biodata-penduduk"),
    # --- Licensing (DPMPTSP) ------------------------------------------------------------------
    _abbr("nib", "nib-oss"),
    _slang("bikin nib untuk umkm", "nib-oss"),
    _c("izin usaha", "nib-oss", "sertifikat-standar-oss", "konsultasi-oss"),
    _abbr("daftar oss", "nib-oss"),
    _c("konsultasi perizinan", "konsultasi-oss"),
    _abbr("imb", "pbg"),
    _c("izin mendirikan bangunan rumah", "pbg"),
    _abbr("pbg", "pbg"),
    _abbr("slf", "slf"),
    _c("sertifikat laik fungsi gedung", "slf"),
    _abbr("kkpr", "kkpr"),
    _c("izin praktik dokter", "sip-dokter"),
    _abbr("sip dokter gigi", "sip-dokter-gigi"),
    _c("izin praktek bidan", "sip-bidan"),
    _abbr("sip perawat", "sip-perawat"),
    _c("izin apoteker", "sip-apoteker"),
    _c("buka apotek", "izin-apotek"),
    _c("izin klinik", "izin-klinik"),
    _abbr("pirt", "spp-irt"),
    _c("izin usaha makanan rumahan", "spp-irt"),
    _c("izin pasang baliho", "izin-reklame"),
    _c("izin reklame", "izin-reklame"),
    _c("izin mendirikan paud", "izin-satuan-pendidikan"),
    _c("izin sekolah swasta", "izin-satuan-pendidikan"),
    # --- Police (Polres) ---------------------------------------------------------------------
    _abbr("skck", "skck-baru", "skck-perpanjangan"),
    _slang("bikin skck buat ngelamar kerja", "skck-baru"),
    _c("perpanjang skck", "skck-perpanjangan"),
    _c("surat kelakuan baik", "skck-baru", "skck-perpanjangan"),
    _c("perpanjang sim a", "sim-a-perpanjangan"),
    _c("perpanjangan sim c", "sim-c-perpanjangan"),
    _slang("sim motor mati", "sim-c-perpanjangan"),
    _c("perpanjang sim b1", "sim-b1-perpanjangan"),
    _c("sim b2 umum perpanjang", "sim-b2-perpanjangan"),
    _c("surat kehilangan dari polisi", "surat-keterangan-kehilangan"),
    _c("lapor kehilangan dompet", "surat-keterangan-kehilangan"),
    _c("izin keramaian hajatan", "izin-keramaian"),
    _c("izin konser musik", "izin-keramaian"),
    # --- Vehicles (Samsat) -------------------------------------------------------------------
    _c("bayar pajak motor", "pkb-tahunan"),
    _c("pajak tahunan mobil", "pkb-tahunan"),
    _abbr("pengesahan stnk", "pkb-tahunan"),
    _c("ganti plat nomor 5 tahun", "pkb-lima-tahunan"),
    _c("pajak 5 tahunan", "pkb-lima-tahunan"),
    _c("balik nama motor", "balik-nama-kendaraan"),
    _c("ganti nama pemilik mobil", "balik-nama-kendaraan"),
    _c("mutasi kendaraan keluar daerah", "mutasi-kendaraan-keluar"),
    _c("cabut berkas motor", "mutasi-kendaraan-keluar"),
    _c("mutasi masuk kendaraan", "mutasi-kendaraan-masuk"),
    _abbr("stnk hilang", "stnk-hilang"),
    _c("lapor jual motor", "lapor-jual-kendaraan"),
    _c("blokir stnk motor yang sudah dijual", "lapor-jual-kendaraan"),
    # --- Immigration -------------------------------------------------------------------------
    _slang("bikin paspor", "paspor-baru", "paspor-elektronik-baru"),
    _c("paspor elektronik", "paspor-elektronik-baru"),
    _abbr("e-paspor", "paspor-elektronik-baru"),
    _c("perpanjang paspor", "paspor-perpanjangan"),
    _c("paspor habis masa berlaku", "paspor-perpanjangan"),
    _c("paspor hilang", "paspor-hilang"),
    _c("paspor rusak kena air", "paspor-rusak"),
    _c("paspor jadi sehari", "paspor-percepatan"),
    _slang("paspor kilat", "paspor-percepatan"),
    # --- Tax (KPP Pratama) -------------------------------------------------------------------
    _slang("bikin npwp", "npwp-orang-pribadi"),
    _c("npwp perusahaan", "npwp-badan"),
    _abbr("efin", "efin"),
    _c("lupa efin", "efin", "aktivasi-akun-coretax"),
    _c("akun coretax", "aktivasi-akun-coretax"),
    _c("lapor spt tahunan", "bantuan-spt-tahunan"),
    _c("konsultasi pajak", "konsultasi-perpajakan"),
    # --- Social security ---------------------------------------------------------------------
    _c("daftar bpjs kesehatan", "jkn-daftar-mandiri"),
    _abbr("bpjs mandiri", "jkn-daftar-mandiri"),
    _c("tambah anggota keluarga bpjs kesehatan", "jkn-tambah-anggota-keluarga"),
    _c("pindah faskes", "jkn-perubahan-data"),
    _c("cek status bpjs", "jkn-cek-status"),
    _slang("bpjs nunggak mau nyicil", "jkn-cicilan-tunggakan"),
    _c("tunggakan iuran bpjs", "jkn-cicilan-tunggakan"),
    _c("daftar bpjs ketenagakerjaan pekerja mandiri", "bpjs-tk-daftar-bpu"),
    _abbr("klaim jht", "bpjs-tk-klaim-jht"),
    _slang("cairkan jht", "bpjs-tk-klaim-jht"),
    _c("klaim jaminan kematian bpjs tk", "bpjs-tk-klaim-jkm"),
    _c("ubah data bpjs ketenagakerjaan", "bpjs-tk-perubahan-data"),
    # --- Land (Kantor Pertanahan) ------------------------------------------------------------
    _c("sertifikat tanah hilang", "sertifikat-tanah-hilang"),
    _c("sertipikat rusak", "sertifikat-tanah-rusak"),
    _c("balik nama sertifikat tanah", "balik-nama-sertifikat"),
    _c("jual beli tanah", "balik-nama-sertifikat", "bphtb-validasi"),
    _c("roya", "roya"),
    _c("hapus hak tanggungan setelah kredit lunas", "roya"),
    _c("hak tanggungan", "hak-tanggungan-elektronik"),
    _c("cek sertifikat tanah", "pengecekan-sertifikat"),
    _c("zona nilai tanah", "informasi-zona-nilai-tanah"),
    _c("pecah sertifikat", "pemecahan-bidang"),
    _c("memecah tanah warisan", "pemecahan-bidang", "kecamatan-keterangan-waris"),
    # --- Religion and marriage (Kemenag) -----------------------------------------------------
    _c("daftar nikah di kua", "nikah-di-kua", "nikah-luar-kua"),
    _c("nikah di rumah", "nikah-luar-kua"),
    _c("rekomendasi nikah", "rekomendasi-nikah"),
    _c("buku nikah hilang", "duplikat-buku-nikah"),
    _c("legalisir buku nikah", "legalisir-buku-nikah"),
    _c("daftar haji", "haji-pendaftaran"),
    _c("sertifikat halal", "sertifikasi-halal-self-declare", "sertifikasi-halal-reguler"),
    _c("halal gratis umkm", "sertifikasi-halal-self-declare"),
    # --- Regional tax (Bapenda) --------------------------------------------------------------
    _c("daftar pbb tanah baru", "pbb-p2-objek-baru"),
    _abbr("balik nama sppt pbb", "pbb-p2-mutasi"),
    _abbr("sppt hilang", "pbb-p2-salinan-sppt"),
    _c("keberatan pbb", "pbb-p2-pengurangan"),
    _abbr("bphtb", "bphtb-validasi"),
    _abbr("npwpd", "npwpd-pendaftaran"),
    # --- Courts and prosecutors --------------------------------------------------------------
    _c("gugat cerai", "pa-gugatan-cerai"),
    _slang("istri mau cerai", "pa-gugatan-cerai"),
    _c("cerai talak", "pa-cerai-talak"),
    _c("dispensasi nikah dibawah umur", "pa-dispensasi-kawin"),
    _c("isbat nikah", "pa-isbat-nikah"),
    _slang("nikah siri disahkan", "pa-isbat-nikah"),
    _c("ambil akta cerai", "pa-akta-cerai"),
    _c("bantuan hukum gratis", "pa-posbakum", "kejari-konsultasi-hukum"),
    _c("surat keterangan tidak pernah dipidana", "pn-surat-keterangan-tidak-dipidana"),
    _c("surat tidak pernah dipidana untuk cpns", "pn-surat-keterangan-tidak-dipidana"),
    _c("penetapan pengadilan ganti nama", "pn-permohonan-penetapan"),
    _c("gugatan sederhana", "pn-gugatan-sederhana"),
    _c("daftar surat kuasa", "pn-pendaftaran-surat-kuasa"),
    _slang("ambil sim yang ditilang", "tilang-barang-bukti"),
    _c("bayar tilang", "tilang-barang-bukti"),
    _c("konsultasi hukum jaksa", "kejari-konsultasi-hukum"),
    _c("ambil barang bukti", "kejari-barang-bukti", "tilang-barang-bukti"),
    # --- Employment, social affairs ----------------------------------------------------------
    _c("kartu kuning", "kartu-ak1"),
    _c("kartu pencari kerja", "kartu-ak1"),
    _abbr("ak1", "kartu-ak1"),
    _slang("kerja ke luar negeri jadi tki", "pmi-layanan-cpmi"),
    _abbr("mediasi phk", "mediasi-hubungan-industrial"),
    _c("pelatihan kerja", "pelatihan-kerja"),
    _c("tera timbangan", "tera-ulang-uttp"),
    _abbr("daftar dtks", "dtsen-pendaftaran"),
    _c("bpjs gratis dari pemerintah", "pbi-jk-usulan"),
    _c("surat keterangan tidak mampu", "surat-keterangan-tidak-mampu"),
    _abbr("sktm", "surat-keterangan-tidak-mampu"),
    _slang("bansos pkh tidak cair", "bansos-pengaduan"),
    # --- Utilities, finance, others ----------------------------------------------------------
    _c("pasang listrik baru", "pln-pasang-baru"),
    _c("tambah daya listrik", "pln-tambah-daya"),
    _c("balik nama listrik", "pln-balik-nama"),
    _c("ganti meteran listrik ke token", "pln-migrasi-prabayar"),
    _c("listrik padam", "pln-pengaduan"),
    _abbr("pasang pdam", "pdam-sambungan-baru"),
    _abbr("balik nama pdam", "pdam-balik-nama"),
    _c("air pdam diputus", "pdam-penyambungan-kembali"),
    _c("air pdam tidak mengalir", "pdam-pengaduan"),
    _c("buka rekening bank jatim", "bank-jatim-buka-rekening"),
    _abbr("kur bri", "bri-kur"),
    _c("pinjaman modal usaha", "bri-kur", "bank-jatim-kur"),
    _c("kirim paket", "pos-kirim-paket"),
    _slang("beli materai", "pos-meterai"),
    _c("klaim pensiun pns", "taspen-klaim-pensiun"),
    _c("tes narkoba", "skhpn"),
    _c("surat bebas narkoba", "skhpn"),
    _c("rehabilitasi narkoba", "bnnk-rehabilitasi"),
    _abbr("uji kir", "uji-kir-berkala"),
    _c("daftar merek dagang", "pendaftaran-merek", "umkm-fasilitasi-merek"),
    _c("donor darah", "pmi-donor-darah"),
    _c("butuh darah untuk pasien", "pmi-permintaan-darah"),
    _c("legalisir ijazah smp", "legalisir-ijazah"),
    _c("ijazah hilang", "surat-keterangan-pengganti-ijazah"),
    _c("pindah sekolah", "rekomendasi-pindah-sekolah"),
    _c("gadai emas", "gadai-emas"),
    _c(
        "santunan kecelakaan",
        "jasa-raharja-santunan-luka",
        "jasa-raharja-santunan-meninggal",
    ),
    _c("surat waris", "kecamatan-keterangan-waris"),
    _c("kartu perpustakaan", "kartu-anggota-perpustakaan"),
    _abbr("sppl", "dlh-sppl"),
    _c("lapor pencemaran sungai", "dlh-pengaduan-lingkungan"),
    _abbr("slhs rumah makan", "dinkes-slhs"),
    # --- Typos -------------------------------------------------------------------------------
    _typo("pasport hilang", "paspor-hilang"),
    _typo("akta kelahrian", "akta-kelahiran"),
    _typo("perpanjangn sim c", "sim-c-perpanjangan"),
    _typo("sertifkat tanah hilang", "sertifikat-tanah-hilang"),
    _typo("kartu kluarga hilang", "kk-hilang"),
    _typo("skck perpanjngan", "skck-perpanjangan"),
    _typo("npwp pribdi", "npwp-orang-pribadi"),
    _typo("balik nama kendaran", "balik-nama-kendaraan"),
    _typo("aktakematian", "akta-kematian"),
    _typo("pendaftran nikah", "nikah-di-kua", "nikah-luar-kua"),
    _typo("donr darah", "pmi-donor-darah"),
    _typo("legalisir ijasah", "legalisir-ijazah"),
    _typo("paspor elektornik", "paspor-elektronik-baru"),
    _typo("ktp hilamg", "ktp-el-hilang"),
    _typo("pjak motor", "pkb-tahunan"),
    _typo("sertifikat halla", "sertifikasi-halal-self-declare", "sertifikasi-halal-reguler"),
    # --- English -----------------------------------------------------------------------------
    _en("birth certificate", "akta-kelahiran"),
    _en("lost id card", "ktp-el-hilang"),
    _en("new passport", "paspor-baru", "paspor-elektronik-baru"),
    _en("renew driving licence class c", "sim-c-perpanjangan"),
    _en("police clearance certificate", "skck-baru"),
    _en("new family card", "kk-baru"),
    _en("death certificate", "akta-kematian"),
    _en("building permit", "pbg"),
    _en("business license", "nib-oss", "sertifikat-standar-oss", "konsultasi-oss"),
    _en("tax number", "npwp-orang-pribadi"),
    _en("health insurance registration", "jkn-daftar-mandiri"),
    _en("pay vehicle tax", "pkb-tahunan"),
    _en("lost land certificate", "sertifikat-tanah-hilang"),
    _en("marriage registration", "nikah-di-kua", "nikah-luar-kua"),
    _en("divorce", "pa-gugatan-cerai", "pa-cerai-talak", "akta-perceraian"),
    _en("blood donation", "pmi-donor-darah"),
    _en("job seeker card", "kartu-ak1"),
    _en("halal certificate", "sertifikasi-halal-self-declare", "sertifikasi-halal-reguler"),
    _en("new electricity connection", "pln-pasang-baru"),
    _en("drug test certificate", "skhpn"),
    _en("how to get a passport", "paspor-baru", "paspor-elektronik-baru"),
    _en("damaged passport", "paspor-rusak"),
    # --- Javanese ----------------------------------------------------------------------------
    _jv("ktp kilangan", "ktp-el-hilang"),
    _jv("nggawe akta lair anak", "akta-kelahiran"),
    _jv("kk anyar", "kk-baru"),
    _jv("rabi neng kua", "nikah-di-kua", "nikah-luar-kua"),
)

# Written after the engine had been tuned against CASES, as a check that the tuning
# generalises; reported separately by the evaluation test. Its first measurement was top-1 92 %
# (46/50), top-3 96 % (48/50). The general gaps it exposed were then fixed, so it is no longer
# strictly held out: abbreviations were missing from the typo candidates ("skkc"), and
# "pertama" and "toko"/"warung" became related words (of "baru" and "usaha").
HELD_OUT: tuple[Case, ...] = (
    _c("syarat bikin ktp pertama", "ktp-el-baru"),
    _abbr("e ktp hilang", "ktp-el-hilang"),
    _slang("ktp ku ilang pas mudik", "ktp-el-hilang"),
    _c("ktp retak", "ktp-el-rusak"),
    _c("bayi baru lahir bikin akta", "akta-kelahiran"),
    _slang("urus akta kematian nenek", "akta-kematian"),
    _c("kk baru pengantin", "kk-baru"),
    _c("tambah bayi di kartu keluarga", "kk-tambah-anggota"),
    _c("pindah alamat keluar kota", "pindah-keluar"),
    _c("surat pindah datang", "pindah-datang"),
    _c("perpanjang sim mobil", "sim-a-perpanjangan"),
    _c("sim c mati perpanjang", "sim-c-perpanjangan"),
    _c("skck lama habis", "skck-perpanjangan"),
    _c("skck pertama", "skck-baru"),
    _c("pajak motor tahunan", "pkb-tahunan"),
    _c("ganti plat motor", "pkb-lima-tahunan"),
    _c("beli motor bekas balik nama", "balik-nama-kendaraan"),
    _abbr("stnk rusak", "stnk-hilang"),
    _c("paspor umroh", "paspor-baru", "paspor-elektronik-baru"),
    _c("paspor sudah penuh", "paspor-perpanjangan"),
    _abbr("npwp pribadi", "npwp-orang-pribadi"),
    _abbr("daftar jkn", "jkn-daftar-mandiri"),
    _c("bpjs kesehatan pindah puskesmas", "jkn-perubahan-data"),
    _c("pencairan jht bpjs", "bpjs-tk-klaim-jht"),
    _slang("sertifikat tanah ilang", "sertifikat-tanah-hilang"),
    _c("balik nama tanah", "balik-nama-sertifikat"),
    _c("daftar nikah", "nikah-di-kua", "nikah-luar-kua"),
    _c("buku nikah rusak", "duplikat-buku-nikah"),
    _c("suami mau menceraikan istri", "pa-cerai-talak"),
    _c("izin buka toko", "nib-oss", "sertifikat-standar-oss", "konsultasi-oss"),
    _c("izin praktek dokter umum", "sip-dokter"),
    _abbr("sertifikat pirt makanan", "spp-irt"),
    _abbr("imb rumah", "pbg"),
    _c("pasang listrik", "pln-pasang-baru"),
    _c("token listrik", "pln-migrasi-prabayar"),
    _abbr("sambung air pdam baru", "pdam-sambungan-baru"),
    _c("kartu kuning buat lamar kerja", "kartu-ak1"),
    _abbr("skhpn", "skhpn"),
    _en("passport renewal", "paspor-perpanjangan"),
    _en("lost marriage book", "duplikat-buku-nikah"),
    _en(
        "driving license extension",
        "sim-a-perpanjangan",
        "sim-c-perpanjangan",
        "sim-b1-perpanjangan",
        "sim-b2-perpanjangan",
    ),
    _en("land certificate check", "pengecekan-sertifikat"),
    _typo("aktalahir", "akta-kelahiran"),
    _typo("perpanjanagn paspor", "paspor-perpanjangan"),
    _typo("skkc", "skck-baru", "skck-perpanjangan"),
    _typo("balik nama kendaaan", "balik-nama-kendaraan"),
    _jv("nggawe ktp", "ktp-el-baru"),
    _jv("akta lair", "akta-kelahiran"),
    _c("bpjs ketenagakerjaan klaim meninggal", "bpjs-tk-klaim-jkm"),
    _c("surat keterangan miskin", "surat-keterangan-tidak-mampu"),
)

ALL_CASES: tuple[Case, ...] = CASES + HELD_OUT
