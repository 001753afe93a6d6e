"""The organisation tree of Kabupaten Kuantan Singingi seeded at installation.

Source: ../shared/spec/domain.md §6.1 (OPD names from public sources, the
regulation's Pasal 5(3) for Korwil). The tree is data afterwards: a
reorganisation closes units and opens new ones through the services.
"""

from __future__ import annotations

KECAMATAN = [
    ("01", "Kuantan Mudik"), ("02", "Kuantan Tengah"), ("03", "Singingi"),
    ("04", "Kuantan Hilir"), ("05", "Cerenti"), ("06", "Benai"), ("07", "Gunung Toar"),
    ("08", "Singingi Hilir"), ("09", "Pangean"), ("10", "Logas Tanah Darat"),
    ("11", "Inuman"), ("12", "Hulu Kuantan"), ("13", "Kuantan Hilir Seberang"),
    ("14", "Sentajo Raya"), ("15", "Pucuk Rantau"),
]

# A node: (code, name, short_name, kind, head echelon code, children).
Node = tuple[str, str, str, str, str | None, list]


def _divisions(prefix: str, names: list[str], kind: str = "division") -> list[Node]:
    return [
        (f"{prefix}.{i:02d}", name, "", kind, "31" if kind == "division" else "41", [])
        for i, name in enumerate(names, start=1)
    ]


def _office(code: str, name: str, short: str, divisions: list[str], kind: str = "office",
            extra: list[Node] | None = None) -> Node:
    children = _divisions(code, ["Sekretariat", *divisions])
    return (code, name, short, kind, "22", children + (extra or []))


def _schools(kec_code: str, kec_name: str) -> list[Node]:
    base = f"DISDIK.KORWIL{kec_code}"
    return [
        (f"{base}.SD1", f"SD Negeri 001 {kec_name}", "", "school", None, []),
        (f"{base}.SD2", f"SD Negeri 002 {kec_name}", "", "school", None, []),
        (f"{base}.SD3", f"SD Negeri 003 {kec_name}", "", "school", None, []),
        (f"{base}.SMP1", f"SMP Negeri 1 {kec_name}", "", "school", None, []),
    ]


def unit_tree() -> Node:
    korwil = [
        (f"DISDIK.KORWIL{code}", f"Korwil Pendidikan Kecamatan {name}", "", "korwil", None,
         _schools(code, name))
        for code, name in KECAMATAN
    ]
    puskesmas = [
        (f"DINKES.PKM{code}", f"UPTD Puskesmas {name}", "", "puskesmas", None, [])
        for code, name in KECAMATAN
    ]
    korwil_tani = [
        (f"DISTAN.KORWIL{code}", f"Korwil Pertanian Kecamatan {name}", "", "korwil", None, [])
        for code, name in KECAMATAN[:5]
    ]
    kecamatan = [
        (f"KEC{code}", f"Kecamatan {name}", f"Kec. {name}", "district", "31",
         _divisions(f"KEC{code}", ["Sekretariat Kecamatan", "Seksi Pemerintahan",
                                   "Seksi Pelayanan Umum"], kind="subunit"))
        for code, name in KECAMATAN
    ]
    agencies: list[Node] = [
        ("SETDA", "Sekretariat Daerah", "Setda", "secretariat", "21", _divisions("SETDA", [
            "Bagian Pemerintahan", "Bagian Hukum", "Bagian Kesejahteraan Rakyat",
            "Bagian Perekonomian dan Sumber Daya Alam", "Bagian Administrasi Pembangunan",
            "Bagian Pengadaan Barang dan Jasa", "Bagian Umum",
            "Bagian Organisasi", "Bagian Protokol dan Komunikasi Pimpinan",
            "Bagian Perencanaan dan Keuangan",
        ])),
        ("SETWAN", "Sekretariat DPRD", "Setwan", "secretariat", "22", _divisions("SETWAN", [
            "Bagian Umum", "Bagian Persidangan dan Perundang-undangan",
            "Bagian Keuangan",
        ])),
        ("INSP", "Inspektorat", "Inspektorat", "inspectorate", "22", _divisions("INSP", [
            "Sekretariat", "Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II",
            "Inspektur Pembantu Wilayah III",
        ])),
        _office("BKPP", "Badan Kepegawaian, Pendidikan dan Pelatihan", "BKPP", [
            "Bidang Pengadaan, Pemberhentian dan Informasi",
            "Bidang Mutasi dan Promosi", "Bidang Pengembangan Kompetensi",
            "Bidang Penilaian Kinerja dan Penghargaan",
        ], kind="agency"),
        _office("BAPPEDA", "Badan Perencanaan Pembangunan Daerah, Penelitian dan "
                "Pengembangan", "Bappeda Litbang", [
                    "Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
                    "Bidang Perencanaan Perekonomian dan Sumber Daya Alam",
                    "Bidang Infrastruktur dan Kewilayahan", "Bidang Penelitian dan Pengembangan",
                ], kind="agency"),
        _office("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", [
            "Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Akuntansi", "Bidang Aset",
        ], kind="agency"),
        _office("BAPENDA", "Badan Pendapatan Daerah", "Bapenda", [
            "Bidang Pendataan dan Penetapan", "Bidang Penagihan",
        ], kind="agency"),
        _office("BPBD", "Badan Penanggulangan Bencana Daerah", "BPBD", [
            "Bidang Pencegahan dan Kesiapsiagaan", "Bidang Kedaruratan dan Logistik",
            "Bidang Rehabilitasi dan Rekonstruksi",
        ], kind="agency"),
        _office("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol", [
            "Bidang Ideologi dan Wawasan Kebangsaan", "Bidang Politik Dalam Negeri",
        ], kind="agency"),
        _office("DISDIK", "Dinas Pendidikan, Pemuda dan Olahraga", "Disdikpora", [
            "Bidang Pembinaan Sekolah Dasar", "Bidang Pembinaan Sekolah Menengah Pertama",
            "Bidang Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
            "Bidang Pemuda dan Olahraga",
        ], extra=korwil),
        _office("DINKES", "Dinas Kesehatan", "Dinkes", [
            "Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit",
            "Bidang Pelayanan dan Sumber Daya Kesehatan",
        ], extra=puskesmas),
        ("RSUD", "Rumah Sakit Umum Daerah Teluk Kuantan", "RSUD Teluk Kuantan", "hospital",
         "22", _divisions("RSUD", [
             "Bagian Tata Usaha", "Bidang Pelayanan Medik", "Bidang Keperawatan",
             "Bidang Penunjang",
         ])),
        _office("DISKOMINFO", "Dinas Komunikasi, Informatika, Statistik dan Persandian",
                "Diskominfoss", [
                    "Bidang Informasi dan Komunikasi Publik", "Bidang Aplikasi Informatika",
                    "Bidang Statistik dan Persandian",
                ]),
        _office("DISBUDPAR", "Dinas Kebudayaan dan Pariwisata", "Disbudpar", [
            "Bidang Kebudayaan", "Bidang Pariwisata",
        ]),
        _office("DISBUNNAK", "Dinas Perkebunan dan Peternakan", "Disbunnak", [
            "Bidang Perkebunan", "Bidang Peternakan dan Kesehatan Hewan",
        ]),
        _office("DINSOSPMD", "Dinas Sosial dan Pemberdayaan Masyarakat dan Desa", "Dinsos PMD",
                ["Bidang Rehabilitasi dan Perlindungan Sosial", "Bidang Pemberdayaan Masyarakat",
                 "Bidang Pemerintahan Desa"]),
        _office("DPPKBP3A", "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan "
                "Perempuan dan Perlindungan Anak", "DPPKB P3A", [
                    "Bidang Pengendalian Penduduk dan Keluarga Berencana",
                    "Bidang Pemberdayaan Perempuan dan Perlindungan Anak",
                ]),
        _office("KOPDAGRIN", "Dinas Koperasi, Usaha Kecil dan Menengah, Perdagangan dan "
                "Perindustrian", "Kopdagrin", [
                    "Bidang Koperasi dan UKM", "Bidang Perdagangan", "Bidang Perindustrian",
                ]),
        _office("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "PUPR", [
            "Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Cipta Karya",
            "Bidang Penataan Ruang",
        ]),
        _office("PERKIM", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan", "Perkim", [
            "Bidang Perumahan", "Bidang Kawasan Permukiman",
        ]),
        _office("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", [
            "Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil",
        ]),
        _office("DISTAN", "Dinas Pertanian, Tanaman Pangan, Hortikultura dan Ketahanan Pangan",
                "Distan", ["Bidang Tanaman Pangan dan Hortikultura", "Bidang Ketahanan Pangan",
                           "Bidang Penyuluhan"], extra=korwil_tani),
        _office("DISKAN", "Dinas Perikanan", "Diskan", [
            "Bidang Perikanan Budidaya", "Bidang Perikanan Tangkap",
        ]),
        _office("DISHUB", "Dinas Perhubungan", "Dishub", [
            "Bidang Lalu Lintas dan Angkutan", "Bidang Sarana dan Prasarana",
        ]),
        _office("DLH", "Dinas Lingkungan Hidup", "DLH", [
            "Bidang Tata Lingkungan", "Bidang Pengelolaan Sampah",
        ]),
        _office("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP",
                ["Bidang Penanaman Modal", "Bidang Pelayanan Perizinan"]),
        _office("DISNAKERTRANS", "Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans", [
            "Bidang Tenaga Kerja", "Bidang Transmigrasi",
        ]),
        _office("DISPERPUSIP", "Dinas Perpustakaan dan Kearsipan", "Disperpusip", [
            "Bidang Perpustakaan", "Bidang Kearsipan",
        ]),
        _office("SATPOLPP", "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "Satpol PP", [
            "Bidang Penegakan Perda", "Bidang Ketertiban Umum", "Bidang Pemadam Kebakaran",
        ]),
        *kecamatan,
    ]
    return ("KUANSING", "Pemerintah Kabupaten Kuantan Singingi", "Pemkab Kuansing",
            "regency", "11", agencies)


_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def path_segment(position: int) -> str:
    """treebeard's materialised-path step for the n-th child (1-based), base 36."""
    digits = ""
    while position:
        position, rem = divmod(position, 36)
        digits = _ALPHABET[rem] + digits
    return digits.rjust(STEPLEN, "0")


def flatten(node: Node, parent_path: str = "", position: int = 1) -> list[dict]:
    """Rows with treebeard's path/depth/numchild, parents before children."""
    code, name, short, kind, echelon, children = node
    path = parent_path + path_segment(position)
    rows = [{
        "code": code, "name": name, "short_name": short, "kind": kind,
        "head_echelon": echelon, "path": path, "depth": len(path) // STEPLEN,
        "numchild": len(children),
    }]
    for i, child in enumerate(children, start=1):
        rows.extend(flatten(child, path, i))
    return rows
