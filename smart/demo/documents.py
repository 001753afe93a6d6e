"""Sample supporting documents for the demo accounts' own records.

Only the eight demo accounts' employees get files (their SK kenaikan pangkat
and ijazah), so loading stays fast. Each is a small, valid one-page PDF
written here by hand, marked as a sample, stored through
``documents.services.document_store`` (checked, hashed, audited) into
``settings.MEDIA_ROOT`` and linked to the rank or education entry it backs.
Reruns add nothing: an employee who already has the type keeps it.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from smart.documents.models import Document, DocumentType
from smart.documents.services import document_store
from smart.people.models import AsnKind, Employee
from smart.records.models import FormalEducation, RankHistory

SAMPLE_MARK = "DOKUMEN CONTOH - DATA DEMO SMART, BUKAN DOKUMEN ASLI"


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF showing ``lines`` in Helvetica, with ``title`` in its metadata."""
    shown = " ".join(f"({_pdf_text(line)}) Tj T*" for line in lines)
    stream = f"BT /F1 11 Tf 16 TL 60 780 Td {shown} ET".encode("cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        f"<< /Title ({_pdf_text(title)}) /Producer (SMART demo) >>".encode("cp1252", "replace"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref))
    return bytes(out)


def _rank_pdf(employee: Employee, rank: RankHistory) -> bytes:
    golongan = rank.golongan
    grade = f"{golongan.pangkat} ({golongan.name})" if golongan.pangkat else golongan.name
    about = ("KENAIKAN PANGKAT PEGAWAI NEGERI SIPIL" if rank.promotion_type_id is None
             or rank.promotion_type.code != "211" else "PENGANGKATAN PPPK"
             if employee.asn_kind == AsnKind.PPPK else "PENGANGKATAN CALON PEGAWAI NEGERI SIPIL")
    return demo_pdf(f"SK Kenaikan Pangkat {employee.nip}", [
        "PEMERINTAH KABUPATEN KUANTAN SINGINGI", "",
        "KEPUTUSAN BUPATI KUANTAN SINGINGI", f"NOMOR {rank.sk_number}", f"TENTANG {about}", "",
        f"Nama: {employee.display_name}", f"NIP: {employee.nip_grouped}",
        f"Pangkat/golongan ruang: {grade}", f"Terhitung mulai tanggal: {rank.tmt:%d-%m-%Y}",
        f"Masa kerja golongan: {rank.mk_years} tahun {rank.mk_months} bulan",
        f"Unit kerja: {(rank.unit or employee.unit).name}", "",
        f"Ditetapkan di Teluk Kuantan, {rank.sk_date:%d-%m-%Y}",
        rank.signing_official or "Bupati Kuantan Singingi", "", SAMPLE_MARK,
    ])


def _diploma_pdf(employee: Employee, education: FormalEducation) -> bytes:
    return demo_pdf(f"Ijazah {employee.nip}", [
        education.institution_name.upper(), education.institution_location, "", "IJAZAH",
        f"Nomor: {education.certificate_number}", "", "Diberikan kepada",
        f"Nama: {employee.name}",
        f"Tempat dan tanggal lahir: {employee.birth_place}, {employee.birth_date:%d-%m-%Y}",
        f"Jenjang: {education.education_level.name}",
        f"Program/jurusan: {education.programme}",
        f"Lulus tahun {education.graduation_year}"
        + (f", gelar {education.back_title or education.front_title}"
           if education.back_title or education.front_title else ""),
        "", SAMPLE_MARK,
    ])


def ensure_demo_documents(nips: list[str]) -> int:
    """Store the SK pangkat and ijazah of each listed employee that lacks them."""
    types = {kind.code: kind for kind in DocumentType.objects.filter(
        code__in=["SK_PANGKAT", "IJAZAH"])}
    stored = 0
    for employee in Employee.objects.filter(nip__in=nips).select_related("unit").order_by("nip"):
        have = set(Document.objects.filter(employee=employee, document_type__in=types.values())
                   .values_list("document_type__code", flat=True))
        rank = (RankHistory.objects.filter(employee=employee)
                .select_related("golongan", "unit", "promotion_type").order_by("-tmt").first())
        education = (FormalEducation.objects.filter(employee=employee)
                     .select_related("education_level")
                     .order_by("-graduation_year", "-pk").first())
        wanted = []
        if rank and "SK_PANGKAT" in types and "SK_PANGKAT" not in have:
            wanted.append(("SK_PANGKAT", "pangkat", rank, _rank_pdf(employee, rank),
                           f"SK-pangkat-{employee.nip}.pdf"))
        if education and "IJAZAH" in types and "IJAZAH" not in have:
            wanted.append(("IJAZAH", "pendidikan-formal", education,
                           _diploma_pdf(employee, education), f"ijazah-{employee.nip}.pdf"))
        for code, kind, entry, content, name in wanted:
            document_store(employee=employee, document_type=types[code],
                           uploaded_file=SimpleUploadedFile(name, content, "application/pdf"),
                           actor=None, record_kind=kind, record_id=entry.pk)
            stored += 1
    return stored
