"""The curated word lists behind the Indonesian search.

Everything here is plain data so that a regency's staff (or a reviewer) can read and extend it
without touching the engine. Keys and values are written in lower case without punctuation,
exactly as `normalize.tokenize` produces them (``"e-KTP"`` becomes ``"e ktp"``).

Four tables, applied in this order:

``ALIASES``
    Spelling variants, abbreviations and colloquial or Javanese words that *mean exactly the same*
    as a canonical form. They are applied to service documents **and** queries: where a document
    says "Kartu Tanda Penduduk Elektronik" the index also stores ``ktp``; where a citizen types
    "e-KTP" the query becomes ``ktp``. Values are canonical surface text (stemmed afterwards).

``ENGLISH``
    English words and phrases translated to the Indonesian words the catalogue uses. Applied to
    queries only (English service names are indexed as they are).

``EVERYDAY``
    Everyday query words whose meaning is an *intent* rather than a term of the catalogue
    ("bikin", "ngurus"). Applied to queries only; each becomes one query group whose alternatives
    are stems with weights (1.0 is as good as the word itself); the word's own stem is always
    one of them, since keyword lists use the same everyday words.

``RELATED``
    Stems that should also match a related stem with a lower weight (``nikah`` ↔ ``kawin``).
    Applied to queries only, after stemming.

``STOP_WORDS`` are dropped from documents and queries (they say how people ask, not what
they ask for). ``STEM_OVERRIDES`` fixes the few words PySastrawi over-stems in a way that
collides with another word of the catalogue.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A word list written as running text (easier to read and extend than a list literal)."""
    return frozenset(text.split())


# --- Canonical forms (documents and queries) -------------------------------------------------

ALIASES: dict[str, str] = {
    # Identity card (KTP-el).
    "kartu tanda penduduk elektronik": "ktp",
    "kartu tanda penduduk": "ktp",
    "ktp el": "ktp",
    "ktpel": "ktp",
    "e ktp": "ktp",
    "ektp": "ktp",
    "ktp elektronik": "ktp",
    "katepe": "ktp",
    # Family card.
    "kartu keluarga": "kk",
    "kartu kk": "kk",
    # Child identity card.
    "kartu identitas anak": "kia",
    # Civil registry.
    "akte": "akta",
    "akt": "akta",
    "lahiran": "lahir",
    "lair": "lahir",  # Javanese
    "meninggal dunia": "mati",
    "meninggal": "mati",
    "wafat": "mati",
    "pencatatan sipil": "capil",
    "catatan sipil": "capil",
    "dukcapil": "dukcapil capil",
    "disdukcapil": "dukcapil capil",
    "dispendukcapil": "dukcapil capil",
    "nomor induk kependudukan": "nik",
    "surat keterangan pindah": "skpwni pindah",
    "surat pindah": "skpwni pindah",
    "skpwni": "skpwni pindah",
    # Police and driving.
    "surat izin mengemudi": "sim",
    "surat ijin mengemudi": "sim",
    "sim a umum": "sim sima simaumum",
    "sim b1 umum": "sim simb1 simb1umum",
    "sim b2 umum": "sim simb2 simb2umum",
    "sim a": "sim sima",
    "sim b1": "sim simb1",
    "sim b2": "sim simb2",
    "sim b": "sim simb",
    "sim c": "sim simc",
    "sim c1": "sim simc1",
    "sim c2": "sim simc2",
    "sim d": "sim simd",
    "sima": "sim sima",
    "simc": "sim simc",
    "sim mobil": "sim sima",
    "sim motor": "sim simc",
    "surat keterangan catatan kepolisian": "skck",
    "catatan kepolisian": "skck",
    "kelakuan baik": "skck",  # the old "surat kelakuan baik"
    "surat tanda nomor kendaraan": "stnk",
    "buku pemilik kendaraan bermotor": "bpkb",
    "tanda nomor kendaraan bermotor": "tnkb",
    "plat nomor": "tnkb",
    "plat": "tnkb",
    "pelat nomor": "tnkb",
    "pelat": "tnkb",
    "nopol": "tnkb",
    "kendaraan bermotor": "kendaraan motor",
    "ranmor": "kendaraan motor",
    "pkb": "pkb pajak kendaraan",
    "pajak kendaraan bermotor": "pkb pajak kendaraan",
    "bbnkb": "bbnkb balik nama",
    "bea balik nama": "bbnkb balik nama",
    "satlantas": "satlantas polres",
    "polisi": "polisi polres",
    "kepolisian": "polisi polres",
    # Immigration.
    "pasport": "paspor",
    "pasfor": "paspor",
    "paspot": "paspor",
    "pasporr": "paspor",
    "e paspor": "paspor elektronik",
    "epaspor": "paspor elektronik",
    "e passport": "paspor elektronik",
    "epassport": "paspor elektronik",
    # Tax and levies.
    "nomor pokok wajib pajak": "npwp",
    "pajak bumi dan bangunan": "pbb",
    "pbb p2": "pbb",
    "sppt": "sppt pbb",
    "bea perolehan hak atas tanah dan bangunan": "bphtb",
    # Land and building.
    "sertipikat": "sertifikat",
    "serifikat": "sertifikat",
    "setifikat": "sertifikat",
    "persetujuan bangunan gedung": "pbg",
    "izin mendirikan bangunan": "imb",
    "ijin mendirikan bangunan": "imb",
    "sertifikat laik fungsi": "slf",
    "badan pertanahan nasional": "bpn",
    "atr bpn": "bpn",
    # Licensing.
    "ijin": "izin",
    "perijinan": "perizinan",
    "nomor induk berusaha": "nib",
    "online single submission": "oss",
    "usaha mikro kecil dan menengah": "umkm",
    "usaha mikro kecil menengah": "umkm",
    "ukm": "umkm",
    "surat izin praktik": "sip",
    "surat izin praktek": "sip",
    "praktek": "praktik",
    "surat tanda registrasi": "str",
    "pangan industri rumah tangga": "pirt",
    "p irt": "pirt",
    "sertifikat halal": "halal",
    # Social security and employment.
    "badan penyelenggara jaminan sosial": "bpjs",
    "jaminan hari tua": "jht",
    "kartu indonesia sehat": "kis bpjs kesehatan",
    "bpjamsostek": "bpjs ketenagakerjaan",
    "jamsostek": "bpjs ketenagakerjaan",
    "bpjstk": "bpjs ketenagakerjaan",
    "bpjs tk": "bpjs ketenagakerjaan",
    "bpjs naker": "bpjs ketenagakerjaan",
    "kartu pencari kerja": "ak1 kartu kuning",
    "kartu kuning": "ak1 kartu kuning",
    "kartu ak1": "ak1 kartu kuning",
    "ak 1": "ak1 kartu kuning",
    "naker": "ketenagakerjaan",
    "disnaker": "ketenagakerjaan",
    # Religion and marriage.
    "kantor urusan agama": "kua",
    "nikahan": "nikah",
    "rabi": "nikah",  # Javanese
    # Utilities and others.
    "perusahaan listrik negara": "pln",
    "perusahaan umum daerah air minum": "pdam",
    "perumda air minum": "pdam",
    "legalisasi": "legalisir",
    "fotocopy": "fotokopi",
    "fotokopy": "fotokopi",
    "foto copy": "fotokopi",
    "photocopy": "fotokopi",
    "tdk": "tidak",
    "yg": "yang",
    "dg": "dengan",
    "dgn": "dengan",
    "utk": "untuk",
    "sy": "saya",
    "gmn": "gimana",
    "gmna": "gimana",
    "gimna": "gimana",
    "bgmn": "bagaimana",
    "brp": "berapa",
    "dmn": "dimana",
    "ilang": "hilang",
    "ilank": "hilang",
    "kilangan": "kehilangan",  # Javanese
    "ruksak": "rusak",
    "anyar": "baru",  # Javanese
}

# --- English (queries only) ------------------------------------------------------------------

ENGLISH: dict[str, str] = {
    "birth certificate": "akta kelahiran",
    "birth cert": "akta kelahiran",
    "death certificate": "akta kematian",
    "marriage certificate": "akta perkawinan nikah",
    "divorce certificate": "akta perceraian",
    "certificate of birth": "akta kelahiran",
    "id card": "ktp",
    "identity card": "ktp",
    "national id": "ktp",
    "resident id": "ktp",
    "electronic id": "ktp",
    "family card": "kk",
    "family register": "kk",
    "household card": "kk",
    "child id": "kia",
    "child identity card": "kia",
    "driving licence": "sim",
    "driving license": "sim",
    "driver licence": "sim",
    "driver license": "sim",
    "drivers licence": "sim",
    "drivers license": "sim",
    "driver s license": "sim",
    "driver s licence": "sim",
    "driving permit": "sim",
    "police certificate": "skck",
    "police clearance": "skck",
    "police record": "skck",
    "good conduct": "skck",
    "certificate of good conduct": "skck",
    "criminal record": "skck",
    "passport": "paspor",
    "passports": "paspor",
    "visa": "visa",
    "tax number": "npwp",
    "tax id": "npwp",
    "taxpayer number": "npwp",
    "tax": "pajak",
    "taxes": "pajak",
    "property tax": "pbb",
    "land tax": "pbb",
    "vehicle tax": "pajak kendaraan",
    "car tax": "pajak kendaraan",
    "motorcycle tax": "pajak kendaraan",
    "land certificate": "sertifikat tanah",
    "land title": "sertifikat tanah",
    "land": "tanah",
    "building permit": "pbg",
    "building approval": "pbg",
    "business licence": "izin usaha",
    "business license": "izin usaha",
    "business permit": "izin usaha",
    "business registration": "nib",
    "business id": "nib",
    "business": "usaha",
    "permit": "izin",
    "licence": "izin",
    "license": "izin",
    "marriage": "nikah",
    "married": "nikah",
    "marry": "nikah",
    "wedding": "nikah",
    "divorce": "cerai",
    "death": "kematian",
    "died": "kematian",
    "birth": "kelahiran",
    "newborn": "kelahiran",
    "baby": "kelahiran",
    "moving house": "pindah",
    "move house": "pindah",
    "moving": "pindah",
    "move": "pindah",
    "relocate": "pindah",
    "relocation": "pindah",
    "address change": "pindah",
    "change address": "pindah",
    "child": "anak",
    "children": "anak",
    "health insurance": "bpjs kesehatan",
    "social security": "bpjs",
    "employment insurance": "bpjs ketenagakerjaan",
    "pension": "pensiun",
    "old age savings": "jht",
    "job seeker card": "kartu kuning",
    "job seeker": "kartu kuning",
    "job card": "kartu kuning",
    "vehicle registration": "stnk",
    "vehicle": "kendaraan",
    "car": "mobil",
    "motorcycle": "motor",
    "motorbike": "motor",
    "number plate": "tnkb",
    "license plate": "tnkb",
    "ownership transfer": "balik nama",
    "transfer of ownership": "balik nama",
    "electricity": "listrik",
    "water": "air",
    "lost": "hilang",
    "missing": "hilang",
    "stolen": "hilang",
    "damaged": "rusak",
    "broken": "rusak",
    "new": "baru",
    "first": "baru",
    "renew": "perpanjangan",
    "renewal": "perpanjangan",
    "renewing": "perpanjangan",
    "extend": "perpanjangan",
    "extension": "perpanjangan",
    "replace": "penggantian",
    "replacement": "penggantian",
    "change": "perubahan",
    "update": "perubahan",
    "correction": "pembetulan",
    "correct": "pembetulan",
    "legalise": "legalisir",
    "legalize": "legalisir",
    "legalization": "legalisir",
    "legalisation": "legalisir",
    "certified copy": "legalisir",
    "copy": "salinan",
    "pay": "bayar",
    "paying": "bayar",
    "payment": "pembayaran",
    "complaint": "pengaduan",
    "complain": "pengaduan",
    "traffic ticket": "tilang",
    "traffic fine": "tilang",
    "fine": "denda",
    "doctor": "dokter",
    "nurse": "perawat",
    "midwife": "bidan",
    "practice": "praktik",
    "halal": "halal",
    "food": "pangan",
    "home industry": "pirt",
    "advertisement": "reklame",
    "billboard": "reklame",
    "cemetery": "makam",
    "grave": "makam",
    "burial": "makam",
    "house": "rumah",
    "building": "bangunan",
    "school": "sekolah",
    "work": "kerja",
    "job": "kerja",
    "worker": "pekerja",
    "foreigner": "asing",
    "foreign": "asing",
    "citizen": "penduduk",
    "population": "kependudukan",
    "registration": "pendaftaran",
    "register": "pendaftaran",
    "certificate": "sertifikat",
    "card": "kartu",
    "letter": "surat",
    "statement": "keterangan",
    "investment": "penanaman modal",
    "investor": "penanaman modal",
    "savings": "tabungan",
    "bank account": "rekening",
    "account": "rekening",
    "loan": "kredit",
    "credit": "kredit",
    "post": "pos",
    "parcel": "paket",
    "court": "pengadilan",
    "religious court": "pengadilan agama",
    "inheritance": "waris",
    "heir": "waris",
    "cooperative": "koperasi",
    "farmer": "petani",
    "fisherman": "nelayan",
    "disability": "disabilitas",
    "poor": "miskin",
    "poverty": "miskin",
    "welfare": "sosial",
    "social assistance": "bantuan sosial",
    "vaccination": "vaksinasi",
    "vaccine": "vaksin",
    "health": "kesehatan",
    "health certificate": "surat keterangan sehat",
    "medical certificate": "surat keterangan sehat",
}

# --- Intent words (queries only) -------------------------------------------------------------
# Each value lists stems (after PySastrawi) with a weight. An empty mapping means the word only
# says "I want to get something done" and is dropped like a stop word.

EVERYDAY: dict[str, dict[str, float]] = {
    "bikin": {"buat": 1.0, "baru": 0.8, "terbit": 0.8, "rekam": 0.6},
    "bikinin": {"buat": 1.0, "baru": 0.8, "terbit": 0.8, "rekam": 0.6},
    "gawe": {"buat": 1.0, "baru": 0.8, "terbit": 0.8},  # Javanese
    "nggawe": {"buat": 1.0, "baru": 0.8, "terbit": 0.8},  # Javanese
    "buat": {"buat": 1.0, "baru": 0.8, "terbit": 0.8},
    "membuat": {"buat": 1.0, "baru": 0.8, "terbit": 0.8},
    "pembuatan": {"buat": 1.0, "baru": 0.8, "terbit": 0.8},
    "bikinan": {"buat": 1.0, "baru": 0.8, "terbit": 0.8},
    "daftar": {"daftar": 1.0, "baru": 0.6},
    "ndaftar": {"daftar": 1.0, "baru": 0.6},
    "panjangin": {"panjang": 1.0},
    "ganti": {"ganti": 1.0, "ubah": 0.6},
    "gantinya": {"ganti": 1.0, "ubah": 0.6},
    "benerin": {"baik": 1.0, "betul": 1.0, "ubah": 0.8},
    "betulin": {"baik": 1.0, "betul": 1.0, "ubah": 0.8},
    "salah": {"baik": 0.8, "betul": 0.8, "ubah": 0.8, "salah": 1.0},
    "keliru": {"baik": 0.8, "betul": 0.8, "ubah": 0.8, "salah": 1.0},
    "cetak": {"cetak": 1.0},
    "ambil": {"ambil": 1.0},
    "bayar": {"bayar": 1.0},
    "mbayar": {"bayar": 1.0},
    "cek": {"cek": 1.0, "periksa": 0.8},
    "ngecek": {"cek": 1.0, "periksa": 0.8},
    # English intent words ("get a passport", "apply for a KTP").
    "get": {"buat": 1.0, "baru": 0.8, "terbit": 0.8},
    "obtain": {"buat": 1.0, "baru": 0.8, "terbit": 0.8},
    "apply": {"buat": 1.0, "baru": 0.8, "terbit": 0.8, "mohon": 0.8},
    "apply for": {"buat": 1.0, "baru": 0.8, "terbit": 0.8, "mohon": 0.8},
    "make": {"buat": 1.0, "baru": 0.8, "terbit": 0.8},
    "urus": {},
    "ngurus": {},
    "ngurusin": {},
    "mengurus": {},
    "pengurusan": {},
    "ngurusi": {},
    "bantu": {},
    "minta": {},
    "njaluk": {},  # Javanese "ask for"
    "pengen": {},
    "pingin": {},
    "kepingin": {},
}

# --- Related stems (queries only) ------------------------------------------------------------

RELATED: dict[str, dict[str, float]] = {
    "nikah": {"kawin": 0.9},
    "kawin": {"nikah": 0.9},
    "mati": {"meninggal": 0.9},
    "hilang": {"rusak": 0.3},
    "rusak": {"hilang": 0.3},
    "baru": {"terbit": 0.5},
    "usaha": {"dagang": 0.5, "bisnis": 0.9},
    "bisnis": {"usaha": 0.9},
    "dagang": {"usaha": 0.7},
    "motor": {"kendara": 0.6},
    "mobil": {"kendara": 0.6},
    "kendara": {"motor": 0.5},
    "rumah": {"bangun": 0.5},
    "kerja": {"ketenagakerjaan": 0.6},
    "anak": {"lahir": 0.3, "kia": 0.4},
    "kerjaan": {"kerja": 1.0},
    "sekolah": {"didik": 0.6},
    "pertama": {"baru": 0.8},
    "toko": {"usaha": 0.8},
    "warung": {"usaha": 0.8},
    "kios": {"usaha": 0.8},
}

# --- Stop words (documents and queries) ------------------------------------------------------

STOP_WORDS: frozenset[str] = _words(
    """
    ada adalah agar akan aku anda apa apakah atas atau bagaimana bagi bapak berapa biar bila
    bisa boleh bu cara caranya dan dapat dari dengan di dia dimana disini ditempat dong
    gan gimana harus hal ia ibu ingin ini itu jadi juga kah kak kakak kalau kami kamu kan
    karena ke kemana kenapa kepada ketika kita kok lah lalu mas mau mbak melalui min mohon
    nak nanti nya oleh om pada pak para per perlu punya saat saja sama sampai saya sebagai
    secara sedang sekarang serta sesuai setelah si silakan sih sudah supaya tanya tentang
    terhadap tersebut tolong tuh untuk ya yaitu yang yah halo hai permisi makasih
    dimanakah gmn piye kepiye opo aku kulo sampean panjenengan njenengan lan karo
    nek yen ning neng nang sing wis wes arep kang mba bang
    dll dsb tsb el
    a an and are as at be by can could do does for from getting got have help how i
    if in into is it its me my need of on or our please should so the their there this
    to want we what when where which who why will with you your
    """
)

# --- Stemmer corrections ---------------------------------------------------------------------
# PySastrawi strips "pe-" from "peserta" to "serta" (the conjunction) and "ke-" from
# "ketenagakerjaan" inconsistently; pin the stems we rely on.

STEM_OVERRIDES: dict[str, str] = {
    "peserta": "peserta",
    "kepesertaan": "peserta",
    "tenaga": "tenaga",
    "ketenagakerjaan": "ketenagakerjaan",
    "pekerja": "kerja",
    "pekerjaan": "kerja",
    "kerjaan": "kerja",
    "bekerja": "kerja",
    "pengesahan": "sah",
    "disahkan": "sah",
    "dilegalisir": "legalisir",
    "meninggal": "meninggal",
    "kendaraan": "kendara",
    "perizinan": "izin",
    "berusaha": "usaha",
    "pengusaha": "usaha",
    "pendidikan": "didik",
    "tanah": "tanah",
    "pertanahan": "tanah",
    "pajak": "pajak",
    "perpajakan": "pajak",
    "perkawinan": "kawin",
    "pernikahan": "nikah",
    "kependudukan": "duduk",
    "penduduk": "duduk",
    "domisili": "domisili",
    "paspor": "paspor",
    "sertifikat": "sertifikat",
    "sertifikasi": "sertifikat",
    "bangunan": "bangun",
    "pembangunan": "bangun",
    "pengecekan": "cek",
    "dicek": "cek",
    "mengecek": "cek",
    "ngawi": "ngawi",
}

#: Canonical abbreviations: never stemmed, never "corrected" as typos.
ABBREVIATIONS: frozenset[str] = _words(
    """
    ktp kk kia nik sim sima simb simb1 simb2 simc simc1 simc2 simd simaumum simb1umum simb2umum
    skck stnk bpkb tnkb pkb bbnkb samsat satlantas polres paspor npwp pbb sppt bphtb pbg imb slf
    bpn nib oss umkm sip str pirt bpjs jht kis ak1 kua pln pdam capil dukcapil skpwni
    """
)
