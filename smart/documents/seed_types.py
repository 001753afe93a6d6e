"""The supporting-document types of the Lampiran (R-DATA-1), seeded into
``DocumentType`` by the data migration ``0002_seed_document_types``.

Codes are short and stable: other apps and imports refer to them. Names are
the Indonesian terms the BKPP forms use; afterwards the table is the truth and
may be edited (R-DATA-4).
"""

DOCUMENT_TYPES = [
    ("KTP", "KTP"),
    ("KK", "Kartu Keluarga (KK)"),
    ("BPJS", "Kartu BPJS/Askes"),
    ("SK_CPNS", "SK CPNS"),
    ("SK_PNS", "SK PNS"),
    ("TASPEN", "Kartu Taspen"),
    ("NPWP", "Kartu NPWP"),
    ("SK_PANGKAT", "SK Kenaikan Pangkat"),
    ("SK_JABATAN", "SK Jabatan"),
    ("PELANTIKAN", "Surat Pelantikan"),
    ("SKP", "Data SKP"),
    ("KARPEG", "Kartu Pegawai/KPE"),
    ("AKTA_NIKAH", "Akta Nikah"),
    ("KTP_PASANGAN", "KTP Pasangan"),
    ("KARPEG_PASANGAN", "Karpeg Pasangan"),
    ("BPJS_PASANGAN", "Kartu BPJS Pasangan"),
    ("AKTA_LAHIR", "Akta Kelahiran/KIA"),
    ("BPJS_ANAK", "Kartu BPJS Anak"),
    ("IJAZAH", "Ijazah"),
    ("TRANSKRIP", "Transkrip Nilai"),
    ("SERTIFIKAT", "Sertifikat"),
    ("STTP_STRUKTURAL", "STTP Diklat Struktural"),
    ("STTP_FUNGSIONAL", "STTP Diklat Fungsional"),
    ("STTP_TEKNIS", "STTP Diklat Teknis"),
    ("SK_HUKDIS", "SK Hukuman Disiplin"),
    ("PENGHARGAAN", "Sertifikat/SK Penghargaan"),
    ("SURAT_CUTI", "Surat Cuti"),
    ("SK_PLT_PLH", "SK Penunjukan Plt/Plh"),
    ("LAINNYA", "Lainnya"),
]
