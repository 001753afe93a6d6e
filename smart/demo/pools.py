"""Word lists the demo history draws from: schools and universities of Riau and
West Sumatra, trainings, occupations, older pelaksana titles, places.

Nothing here is about a real person; the institutions are real names so the
demo reads like a Kuantan Singingi record.
"""

from __future__ import annotations

# --- places ------------------------------------------------------------------------------------

# Birth places of the generator inside the regency → Kemendagri kecamatan code.
KUANSING_PLACES = {
    "TELUK KUANTAN": "02", "BASERAH": "04", "LUBUK JAMBI": "01", "CERENTI": "05",
    "PANGEAN": "09", "BENAI": "06", "MUARA LEMBU": "03", "KOTO BARU": "08", "INUMAN": "11",
    "SENTAJO": "14", "GUNUNG TOAR": "07", "LOGAS": "10", "SIKAKAK": "05", "KARI": "02",
}
# Birth places outside the regency → (province, regency or city).
OTHER_PLACES = {
    "PEKANBARU": ("Riau", "Kota Pekanbaru"),
    "RENGAT": ("Riau", "Kabupaten Indragiri Hulu"),
    "AIR MOLEK": ("Riau", "Kabupaten Indragiri Hulu"),
    "TEMBILAHAN": ("Riau", "Kabupaten Indragiri Hilir"),
    "PADANG": ("Sumatera Barat", "Kota Padang"),
    "BUKITTINGGI": ("Sumatera Barat", "Kota Bukittinggi"),
    "PAYAKUMBUH": ("Sumatera Barat", "Kota Payakumbuh"),
    "SIJUNJUNG": ("Sumatera Barat", "Kabupaten Sijunjung"),
    "BATUSANGKAR": ("Sumatera Barat", "Kabupaten Tanah Datar"),
    "SOLOK": ("Sumatera Barat", "Kota Solok"),
    "MEDAN": ("Sumatera Utara", "Kota Medan"),
}
REGENCY = "Kabupaten Kuantan Singingi"
# Postal code of each kecamatan's villages (the regency's 2956x range).
POSTAL_CODES = {
    "01": "29564", "02": "29562", "03": "29563", "04": "29561", "05": "29565", "06": "29566",
    "07": "29562", "08": "29563", "09": "29568", "10": "29569", "11": "29567", "12": "29564",
    "13": "29561", "14": "29562", "15": "29564",
}

# --- formal education --------------------------------------------------------------------------

# (name, location) of upper secondary schools; SMA, MA, SMK and the old SPG.
SMA = (
    ("SMA Negeri 1 Teluk Kuantan", "Teluk Kuantan"),
    ("SMA Negeri 2 Teluk Kuantan", "Teluk Kuantan"),
    ("SMA Negeri 1 Kuantan Mudik", "Lubuk Jambi"), ("SMA Negeri 1 Kuantan Hilir", "Baserah"),
    ("SMA Negeri 1 Benai", "Benai"), ("SMA Negeri 1 Cerenti", "Cerenti"),
    ("SMA Negeri 1 Singingi", "Muara Lembu"), ("SMA Negeri 1 Pangean", "Pangean"),
    ("SMA Negeri 1 Singingi Hilir", "Koto Baru"), ("SMA Negeri 1 Pekanbaru", "Pekanbaru"),
    ("SMA Negeri 1 Rengat", "Rengat"), ("SMA Negeri 2 Padang", "Padang"),
)
MA = (("MAN 1 Kuantan Singingi", "Teluk Kuantan"), ("MAN 2 Kuantan Singingi", "Baserah"),
      ("MAN 1 Pekanbaru", "Pekanbaru"))
SMK = (("SMK Negeri 1 Teluk Kuantan", "Teluk Kuantan"), ("SMK Negeri 2 Teluk Kuantan",
                                                        "Teluk Kuantan"),
       ("SMK Negeri 1 Benai", "Benai"), ("SMK Negeri 1 Pekanbaru", "Pekanbaru"))
SPG = (("SPG Negeri Teluk Kuantan", "Teluk Kuantan"), ("SPG Negeri Rengat", "Rengat"))

# Universities, academies and polytechnics by study field (matched on the programme name).
UR = ("Universitas Riau", "Pekanbaru")
UIR = ("Universitas Islam Riau", "Pekanbaru")
UIN = ("UIN Sultan Syarif Kasim Riau", "Pekanbaru")
UNIKS = ("Universitas Islam Kuantan Singingi", "Teluk Kuantan")
UNAND = ("Universitas Andalas", "Padang")
UNP = ("Universitas Negeri Padang", "Padang")
UNILAK = ("Universitas Lancang Kuning", "Pekanbaru")
USU = ("Universitas Sumatera Utara", "Medan")
UT = ("Universitas Terbuka", "Pekanbaru")
HIGHER_EDUCATION: tuple[tuple[tuple[str, ...], tuple[tuple[str, str], ...]], ...] = (
    (("Pemerintahan", "Manajemen Pemerintahan"),
     (("Institut Pemerintahan Dalam Negeri", "Jatinangor"), UR, UIR, UNIKS)),
    (("Pendidikan", "Guru", "Bimbingan"), (UR, UIR, UNIKS, UT, UNP, UIN)),
    (("Keperawatan", "Kebidanan", "Gizi", "Analis Kesehatan", "Kesehatan Lingkungan",
      "Rekam Medis", "Radiodiagnostik", "Fisioterapi", "D-III Farmasi"),
     (("Poltekkes Kemenkes Riau", "Pekanbaru"), ("STIKes Hang Tuah Pekanbaru", "Pekanbaru"),
      ("Poltekkes Kemenkes Padang", "Padang"), ("STIKes Payung Negeri", "Pekanbaru"))),
    (("Dokter Gigi",), (UNAND, USU, ("Universitas Baiturrahmah", "Padang"))),
    (("Dokter", "Spesialis", "Kedokteran"),
     (UR, UNAND, USU, ("Universitas Abdurrab", "Pekanbaru"))),
    (("Apoteker", "Farmasi"), (UR, UNAND, ("Sekolah Tinggi Ilmu Farmasi Riau", "Pekanbaru"))),
    (("Kesehatan Masyarakat",), (("STIKes Hang Tuah Pekanbaru", "Pekanbaru"), UNAND, USU, UR)),
    (("Teknik", "Arsitektur", "Perencanaan Wilayah"),
     (UR, UIR, UNILAK, ("Institut Teknologi Padang", "Padang"), UNAND)),
    (("Informatika", "Sistem Informasi", "Komputer", "Statistika"),
     (UIN, ("Politeknik Caltex Riau", "Pekanbaru"), ("STMIK Amik Riau", "Pekanbaru"), UR)),
    (("Agro", "Agribisnis", "Perkebunan", "Tanaman", "Peternakan", "Hewan", "Perikanan",
      "Perairan"), (UR, UNIKS, UIR, UNAND, UIN)),
    (("Perpustakaan", "Kearsipan"), (UIN, UNP, UR)),
)
GENERAL_HIGHER_EDUCATION = (UR, UIR, UIN, UNIKS, UNILAK, UNAND,
                            ("Universitas Muhammadiyah Riau", "Pekanbaru"))
POSTGRADUATE = (UR, UNAND, UIR, UNP, USU, ("Universitas Terbuka", "Jakarta"))
DOCTORAL = (UNAND, UR, USU, ("Universitas Padjadjaran", "Bandung"))
# Short codes for diploma numbers.
INSTITUTION_CODES = {
    "Universitas Riau": "UN19", "Universitas Islam Riau": "UIR", "UIN Sultan Syarif Kasim Riau":
    "UIN.04", "Universitas Islam Kuantan Singingi": "UNIKS", "Universitas Andalas": "UN16",
    "Universitas Negeri Padang": "UN35", "Universitas Lancang Kuning": "UNILAK",
    "Universitas Sumatera Utara": "UN5", "Universitas Terbuka": "UN31",
    "Institut Pemerintahan Dalam Negeri": "IPDN",
}

# --- relatives -------------------------------------------------------------------------------

FATHER_JOBS = (("Petani", 34), ("Pedagang", 12), ("Wiraswasta", 12), ("PNS", 8),
               ("Pensiunan PNS", 10), ("Guru", 6), ("Buruh", 6), ("Nelayan", 3),
               ("TNI/Polri", 2), ("Sopir", 3), ("Tukang", 4))
MOTHER_JOBS = (("Ibu Rumah Tangga", 50), ("Petani", 24), ("Pedagang", 10), ("Guru", 6),
               ("PNS", 4), ("Pensiunan PNS", 3), ("Wiraswasta", 3))
SIBLING_JOBS = (("Wiraswasta", 14), ("Petani", 12), ("Karyawan Swasta", 14), ("PNS", 8),
                ("Guru", 8), ("Pedagang", 10), ("Perawat", 4), ("TNI/Polri", 3),
                ("Honorer", 6), ("Buruh", 5))

# --- careers ---------------------------------------------------------------------------------

# Pelaksana titles before PermenPANRB 41/2018 and 45/2024, by education tier.
OLD_PELAKSANA = {
    "high": ("Analis Data dan Informasi", "Penyusun Program Anggaran dan Pelaporan",
             "Analis Kepegawaian", "Penyusun Laporan Keuangan", "Pengelola Program dan Kegiatan",
             "Pengelola Pengaduan Masyarakat"),
    "mid": ("Pengelola Data", "Pengolah Data", "Pengelola Barang Milik Daerah",
            "Bendahara Pengeluaran Pembantu", "Pengelola Sistem dan Jaringan"),
    "low": ("Pengadministrasi Umum", "Pengadministrasi Kepegawaian",
            "Pengadministrasi Keuangan", "Pengadministrasi Persuratan", "Pengemudi",
            "Petugas Keamanan"),
}

# (name, JP, training type code, organiser, place) of technical trainings.
TECHNICAL_TRAININGS = {
    "guru": (
        ("Bimbingan Teknis Implementasi Kurikulum Merdeka", 32, "8", "BBGP Provinsi Riau",
         "Pekanbaru"),
        ("Pelatihan Implementasi Kurikulum 2013", 52, "3", "LPMP Riau", "Pekanbaru"),
        ("Workshop Penyusunan Modul Ajar", 24, "4", "Dinas Pendidikan Kab. Kuantan Singingi",
         "Teluk Kuantan"),
        ("Pelatihan Guru Penggerak", 120, "3", "BBGP Provinsi Riau", "Daring"),
        ("Bimbingan Teknis Asesmen Nasional", 20, "8", "Dinas Pendidikan Kab. Kuantan Singingi",
         "Teluk Kuantan"),
    ),
    "health": (
        ("Pelatihan Basic Trauma Cardiac Life Support (BTCLS)", 50, "3", "Bapelkes Provinsi Riau",
         "Pekanbaru"),
        ("Pelatihan Asuhan Persalinan Normal (APN)", 60, "3", "Bapelkes Provinsi Riau",
         "Pekanbaru"),
        ("Pelatihan Manajemen Puskesmas", 40, "3", "Dinas Kesehatan Provinsi Riau", "Pekanbaru"),
        ("Pelatihan Imunisasi bagi Petugas Puskesmas", 30, "3", "Dinas Kesehatan Kab. Kuantan "
         "Singingi", "Teluk Kuantan"),
        ("Pelatihan Pencegahan dan Pengendalian Infeksi", 32, "3", "RSUD Teluk Kuantan",
         "Teluk Kuantan"),
    ),
    "general": (
        ("Bimbingan Teknis Sistem Informasi Pemerintahan Daerah (SIPD)", 32, "8",
         "BPKAD Kab. Kuantan Singingi", "Teluk Kuantan"),
        ("Bimbingan Teknis Penyusunan SKP", 16, "8", "BKPP Kab. Kuantan Singingi",
         "Teluk Kuantan"),
        ("Pelatihan Pengadaan Barang/Jasa Pemerintah Tingkat Dasar", 40, "3", "LKPP RI",
         "Pekanbaru"),
        ("Bimbingan Teknis Pengelolaan Arsip Dinamis", 24, "8", "Dinas Perpustakaan dan Kearsipan",
         "Teluk Kuantan"),
        ("Sosialisasi Manajemen Kinerja ASN", 8, "7", "BKN Kantor Regional XII", "Pekanbaru"),
        ("E-Learning Literasi Digital ASN", 20, "16", "Kementerian Kominfo", "Daring"),
        ("Bimbingan Teknis Penyusunan LKjIP", 24, "8", "Bagian Organisasi Setda", "Teluk Kuantan"),
        ("Pelatihan Pelayanan Publik Prima", 30, "3", "BPSDM Provinsi Riau", "Pekanbaru"),
    ),
}
# Functional trainings by job family (the JF title without its jenjang is appended).
TEACHER_FUNCTIONAL = (
    ("Pendidikan dan Latihan Profesi Guru (PLPG)", 90, "Universitas Riau", "Pekanbaru",
     (2007, 2017)),
    ("Pendidikan Profesi Guru (PPG) Dalam Jabatan", 160, "Universitas Riau", "Pekanbaru",
     (2018, 2026)),
)

# (JP, days) of the structural (leadership) trainings, and their names before and since 2019.
STRUCTURAL_TRAINING = {
    "4": (("Diklat Kepemimpinan Tingkat IV", "2"), ("Pelatihan Kepemimpinan Pengawas", "8"),
          285, 60),
    "3": (("Diklat Kepemimpinan Tingkat III", "3"), ("Pelatihan Kepemimpinan Administrator",
                                                     "8"), 380, 85),
    "2": (("Diklat Kepemimpinan Tingkat II", "4"), ("Pelatihan Kepemimpinan Nasional Tingkat II",
                                                    "8"), 420, 95),
}

PENALTIES = (  # (code, weight, days of unexcused absence, months in force)
    ("1", 30, (3, 3), 0), ("2", 25, (4, 6), 0), ("3", 15, (7, 10), 0), ("23", 12, (11, 13), 6),
    ("24", 8, (14, 16), 9), ("25", 5, (17, 20), 12), ("27", 3, (21, 24), 12),
    ("28", 2, (25, 27), 12),
)

NONFORMAL = (
    ("Kursus Komputer (Aplikasi Perkantoran)", "LPK Cendekia Teluk Kuantan", "Teluk Kuantan"),
    ("Kursus Bahasa Inggris", "LIA Pekanbaru", "Pekanbaru"),
    ("Kursus Bahasa Inggris", "ELTI Pekanbaru", "Pekanbaru"),
    ("Kursus Akuntansi Dasar", "LPK Bina Mandiri Teluk Kuantan", "Teluk Kuantan"),
    ("Kursus Mengemudi", "LKP Sentosa Teluk Kuantan", "Teluk Kuantan"),
    ("Kursus Desain Grafis", "LPK Cendekia Teluk Kuantan", "Teluk Kuantan"),
)
