"""National (BKN/SIASN) code lists seeded into the master-data tables.

Source: ../shared/spec/domain.md §2 (SIASN reference snapshot). The data
migration ``0002_seed_national_codes`` loads these; afterwards the tables are
the truth and may be edited (R-DATA-4).
"""

# Golongan PNS: (code, name, pangkat).
GOLONGAN_PNS = [
    ("11", "I/a", "Juru Muda"),
    ("12", "I/b", "Juru Muda Tingkat I"),
    ("13", "I/c", "Juru"),
    ("14", "I/d", "Juru Tingkat I"),
    ("21", "II/a", "Pengatur Muda"),
    ("22", "II/b", "Pengatur Muda Tingkat I"),
    ("23", "II/c", "Pengatur"),
    ("24", "II/d", "Pengatur Tingkat I"),
    ("31", "III/a", "Penata Muda"),
    ("32", "III/b", "Penata Muda Tingkat I"),
    ("33", "III/c", "Penata"),
    ("34", "III/d", "Penata Tingkat I"),
    ("41", "IV/a", "Pembina"),
    ("42", "IV/b", "Pembina Tingkat I"),
    ("43", "IV/c", "Pembina Utama Muda"),
    ("44", "IV/d", "Pembina Utama Madya"),
    ("45", "IV/e", "Pembina Utama"),
]

# Golongan PPPK I–XVII (Perpres 98/2020), keyed by roman numeral.
GOLONGAN_PPPK = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]

RELIGIONS = [
    ("1", "Islam"), ("2", "Kristen"), ("3", "Katholik"), ("4", "Hindu"),
    ("5", "Budha"), ("6", "Konghucu"), ("7", "Lainnya"),
]

MARITAL_STATUSES = [
    ("1", "Menikah"), ("2", "Cerai"), ("3", "Janda / Duda"), ("4", "Belum Kawin"),
]

SEXES = [("M", "Laki-laki"), ("F", "Perempuan")]

EMPLOYEE_TYPES = [
    ("1", "PNS Pusat bekerja pada Departemen/Lembaga"),
    ("2", "PNS Pusat DPB pada instansi lain"),
    ("3", "PNS Pusat DPK pada instansi lain"),
    ("4", "PNS Pusat DPB pada Pemerintah Provinsi"),
    ("5", "PNS Pusat DPK pada Pemerintah Provinsi"),
    ("6", "PNS Pusat DPB pada Pemerintah Kab/Kota"),
    ("7", "PNS Pusat DPK pada Pemerintah Kab/Kota"),
    ("8", "PNS Pusat DPB pada BUMN/Badan lain"),
    ("9", "PNS Pusat DPK pada BUMN/Badan lain"),
    ("10", "PNS Daerah Provinsi bekerja pada Provinsi"),
    ("11", "PNS Daerah Provinsi DPB pada instansi lain"),
    ("12", "PNS Daerah Provinsi DPK pada instansi lain"),
    ("13", "PNS Daerah Provinsi DPB pada BUMN/BUMD"),
    ("14", "PNS Daerah Provinsi DPK pada BUMN/BUMD"),
    ("15", "PNS Daerah Kab./Kota bekerja pada Kab./Kota"),
    ("16", "PNS Daerah Kab./Kota DPB pada instansi lain"),
    ("17", "PNS Daerah Kab./Kota DPK pada instansi lain"),
    ("18", "PNS Daerah Kab./Kota DPB pada BUMN/BUMD"),
    ("19", "PNS Daerah Kab./Kota DPK pada BUMN/BUMD"),
    # Not in the SIASN PNS snapshot: the local code for contract staff.
    ("PPPK", "PPPK Daerah Kab./Kota"),
]

# Kedudukan hukum: (code, name, counts_as_active). The active set is the
# regency's choice (domain.md §2.5); it is data, editable later.
LEGAL_STATUSES = [
    ("01", "Aktif", True), ("02", "CLTN", False), ("03", "Tugas Belajar", True),
    ("04", "Pemberhentian Sementara", True), ("05", "Penerima Uang Tunggu", True),
    ("06", "Prajurit Wajib", False), ("07", "Pejabat Negara", False),
    ("08", "Kepala Desa", False), ("09", "Sedang dalam proses banding BAPEK", True),
    ("11", "Pegawai Titipan", False), ("12", "Pengungsi", False),
    ("13", "Perpanjangan CLTN", False), ("14", "PNS yang dinyatakan hilang", False),
    ("15", "PNS kena hukuman disiplin", True),
    ("16", "Pemindahan dalam rangka penurunan jabatan", True),
    ("20", "Masa Persiapan Pensiun", True),
    ("51", "CPNS yang belum menerima SK CPNS", False), ("52", "Tidak Aktif", False),
    ("66", "Diberhentikan", False), ("67", "Punah", False),
    ("68", "Eks PNS Timor Timur", False), ("69", "TMS dari Pengadaan", False),
    ("70", "Pembatalan NIP", False), ("77", "Pemberhentian tanpa hak pensiun", False),
    ("88", "Pemberhentian dengan hak pensiun", False),
    ("89", "Tidak aktif tetapi diusulkan pensiun", False),
    ("90", "Tidak ikut PUPNS 2015", False),
    ("91", "Tindak pidana / tindak pidana jabatan", False),
    ("92", "Pemblokiran data PNS", False), ("98", "Mencapai BUP", False),
    ("99", "Pensiun", False),
]

POSITION_TYPES = [
    ("1", "Jabatan Struktural"),
    ("2", "Jabatan Fungsional Tertentu"),
    ("3", "Jabatan Rangkap (Struktural dan Fungsional)"),
    ("4", "Jabatan Fungsional Umum (Pelaksana)"),
]

# Eselon: (code, name, asn_name, lowest golongan code, highest golongan code).
ECHELONS = [
    ("10", "I.a", "JPT Utama", "44", "45"),
    ("11", "I.a", "JPT Madya", "44", "45"),
    ("12", "I.b", "JPT Madya", "43", "45"),
    ("21", "II.a", "JPT Pratama", "43", "44"),
    ("22", "II.b", "JPT Pratama", "42", "43"),
    ("31", "III.a", "Administrator", "41", "42"),
    ("32", "III.b", "Administrator", "34", "41"),
    ("41", "IV.a", "Pengawas", "33", "34"),
    ("42", "IV.b", "Pengawas", "32", "33"),
    ("51", "V.a", "", "31", "32"),
    ("52", "V.b", "", None, None),
    ("99", "Non-eselon", "", None, None),
]

# Tingkat pendidikan: (code, name, initial golongan, ceiling golongan).
EDUCATION_LEVELS = [
    ("05", "SD", "11", "21"),
    ("10", "SLTP", "13", "23"),
    ("12", "SLTP Kejuruan", "13", "24"),
    ("15", "SLTA", "21", "32"),
    ("17", "SLTA Kejuruan", "21", "32"),
    ("18", "SLTA Keguruan", "21", "32"),
    ("20", "Diploma I", "21", "32"),
    ("25", "Diploma II", "22", "32"),
    ("30", "Diploma III/Sarjana Muda", "23", "33"),
    ("35", "Diploma IV", "31", "34"),
    ("40", "S-1/Sarjana", "31", "34"),
    ("42", "Profesi", None, None),
    ("45", "S-2", "32", "41"),
    ("47", "Spesialis", None, None),
    ("49", "Sub-spesialis", None, None),
    ("50", "S-3/Doktor", "33", "42"),
]

TRAINING_TYPES = [
    ("1", "Diklat Struktural"), ("2", "Diklat Fungsional"), ("3", "Diklat Teknis"),
    ("4", "Workshop"), ("5", "Pelatihan Manajerial"), ("6", "Pelatihan Sosial Kultural"),
    ("7", "Sosialisasi"), ("8", "Bimbingan Teknis"), ("9", "Seminar"), ("10", "Magang"),
    ("11", "Kursus"), ("12", "Penataran"), ("13", "Pelatihan Klasikal Lainnya"),
    ("14", "Coaching"), ("15", "Mentoring"), ("16", "E-Learning"),
    ("17", "Pelatihan Jarak Jauh"), ("18", "Detasering"), ("19", "Outbound"),
    ("20", "Benchmarking"), ("21", "Pertukaran PNS dengan Swasta/BUMN/BUMD"),
    ("22", "Belajar Mandiri"), ("23", "Komunitas Belajar"),
    ("24", "Bimbingan di Tempat Kerja"), ("25", "Pelatihan Nonklasikal Lainnya"),
]

STRUCTURAL_TRAININGS = [
    ("1", "SEPADA"), ("2", "SEPALA/ADUM/Diklat PIM Tk.IV"),
    ("3", "SEPADYA/SPAMA/Diklat PIM Tk.III"), ("4", "SPAMEN/SESPA/SESPANAS/Diklat PIM Tk.II"),
    ("5", "SEPATI/Diklat PIM Tk.I"), ("6", "SESPIM"), ("7", "SESPATI"),
    ("8", "Diklat Struktural Lainnya"),
]

# Jenis hukuman disiplin: (code, name, level, regulation).
PENALTY_TYPES = [
    ("1", "Teguran lisan", "R", "PP 94/2021"),
    ("2", "Teguran tertulis", "R", "PP 94/2021"),
    ("3", "Pernyataan tidak puas secara tertulis", "R", "PP 94/2021"),
    ("23", "Pemotongan tunjangan kinerja 25% selama 6 bulan", "S", "PP 94/2021"),
    ("24", "Pemotongan tunjangan kinerja 25% selama 9 bulan", "S", "PP 94/2021"),
    ("25", "Pemotongan tunjangan kinerja 25% selama 12 bulan", "S", "PP 94/2021"),
    ("27", "Penurunan jabatan setingkat lebih rendah selama 12 bulan", "B", "PP 94/2021"),
    ("28", "Pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan", "B",
     "PP 94/2021"),
    ("10", "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS", "B",
     "PP 94/2021"),
    ("4", "Penundaan kenaikan gaji berkala selama 1 tahun", "S", "PP 53/2010"),
    ("5", "Penurunan gaji sebesar satu kali kenaikan gaji berkala selama 1 tahun", "S",
     "PP 53/2010"),
    ("6", "Penundaan gaji selama 1 tahun", "S", "PP 53/2010"),
    ("7", "Penundaan kenaikan pangkat selama 1 tahun", "S", "PP 53/2010"),
    ("8", "Penurunan pangkat setingkat lebih rendah selama 1 tahun", "S", "PP 53/2010"),
    ("9", "Pembebasan dari jabatan", "B", "PP 53/2010"),
    ("11", "Pemberhentian tidak dengan hormat sebagai PNS", "B", "PP 53/2010"),
    ("12", "Pengaktifan hukuman disiplin", "-", "PP 53/2010"),
    ("13", "Pemindahan dalam rangka penurunan jabatan setingkat lebih rendah", "B",
     "PP 53/2010"),
    ("14", "Penurunan pangkat setingkat lebih rendah selama 3 tahun", "B", "PP 53/2010"),
    ("21", "Sanksi moral terbuka", "-", "Kode etik"),
    ("22", "Sanksi moral tertutup", "-", "Kode etik"),
]

AWARD_TYPES = [
    ("201", "Satyalancana Karya Satya 10 Tahun"),
    ("202", "Satyalancana Karya Satya 20 Tahun"),
    ("203", "Satyalancana Karya Satya 30 Tahun"),
    ("204", "Satyalancana Wira Karya"),
    ("100", "Bintang / Tanda Jasa"),
    ("304", "Pegawai Teladan Tingkat Nasional"),
    ("305", "Pegawai Teladan Tingkat Provinsi"),
    ("306", "Pegawai Teladan Tingkat Kabupaten/Kota"),
    ("400", "Penghargaan Lainnya"),
]

LEAVE_TYPES = [
    ("C_TAHUNAN", "Cuti Tahunan"),
    ("C_BESAR", "Cuti Besar"),
    ("C_SAKIT", "Cuti Sakit"),
    ("C_MELAHIRKAN", "Cuti Melahirkan"),
    ("C_ALASAN_PENTING", "Cuti Karena Alasan Penting"),
    ("C_BERSAMA", "Cuti Bersama"),
    ("CLTN", "Cuti di Luar Tanggungan Negara"),
]

PROMOTION_TYPES = [
    ("101", "Reguler"),
    ("201", "Pilihan (Jabatan Struktural)"),
    ("202", "Pilihan (Jabatan Fungsional Tertentu)"),
    ("203", "Pilihan (Penyesuaian Ijazah)"),
    ("204", "Pilihan (Sedang Melaksanakan Tugas Belajar)"),
    ("205", "Pilihan (Setelah Selesai Tugas Belajar)"),
    ("206", "Pilihan (Dipekerjakan/Diperbantukan di Instansi Lain)"),
    ("207", "Pilihan (Penemuan Baru)"),
    ("208", "Pilihan (Prestasi Luar Biasa)"),
    ("209", "Pilihan (Pejabat Negara)"),
    ("210", "Pilihan (Selama Dipekerjakan/Diperbantukan)"),
    ("211", "Golongan dari Pengadaan CPNS/PNS"),
]

ASSIGNMENT_TYPES = [
    ("D", "Definitif"), ("PLT", "Pelaksana Tugas (Plt)"), ("PLH", "Pelaksana Harian (Plh)"),
    ("PJ", "Penjabat (Pj)"), ("TT", "Tugas Tambahan"),
]

PENSION_TYPES = [
    ("1", "BUP non-KPP"), ("2", "BUP KPP (kenaikan pangkat pengabdian)"),
    ("3", "Non-BUP janda/duda non-KPP"), ("4", "Non-BUP janda/duda KPP"),
    ("5", "Non-BUP anumerta"), ("6", "Non-BUP cacat karena dinas"),
    ("7", "Atas permintaan sendiri"), ("8", "Pemberhentian dengan hormat"),
    ("9", "Pemberhentian tidak dengan hormat"), ("10", "Uzur"),
]

TERMINATION_TYPES = [
    ("1", "Batas usia pensiun"), ("2", "Meninggal dunia"), ("3", "Atas permintaan sendiri"),
    ("4", "Cacat"), ("5", "Keuzuran jasmani"), ("6", "Tewas"), ("7", "Hukuman disiplin"),
    ("8", "Menjadi anggota partai politik"), ("9", "Penyederhanaan organisasi"),
    ("10", "Melanggar sumpah/janji PNS"), ("11", "Melanggar sumpah/janji jabatan"),
    ("12", "Tindak pidana"), ("13", "Meninggalkan tugas"), ("14", "Hilang"),
    ("15", "Tidak melapor lebih dari 6 bulan setelah CLTN"),
    ("16", "Tindak pidana korupsi"),
]
