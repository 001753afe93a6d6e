"""A campaign's lists as files: the employees with what they miss (Excel, PDF)
and the per-unit summary (Excel). The views pass the release gate first."""

from __future__ import annotations

from smart.people.identity import group_nip
from smart.records.progress import Progress, missing_of
from smart.reports.excel import NUMBER, Column, xlsx_bytes
from smart.reports.printing import cell, list_pdf

EMPLOYEE_COLUMNS = [Column("No", NUMBER, 5), Column("NIP", width=22), Column("Nama", width=32),
                    Column("Unit kerja", width=36), Column("Jumlah kekurangan", NUMBER, 10),
                    Column("Yang belum lengkap", width=80)]
PDF_WIDTHS = (10, 38, 55, 60, 18, 92)
SUMMARY_COLUMNS = [Column("Unit", width=44), Column("Pegawai", NUMBER, 10),
                   Column("Lengkap", NUMBER, 10), Column("Belum lengkap", NUMBER, 12),
                   Column("Kemajuan (%)", NUMBER, 12)]


def employee_rows(employees, elements):
    """The annotated employees as file rows, streamed (``iterator``: one query);
    the NIP grouped 8-6-1-3 as printed for people (decision 212)."""
    for number, employee in enumerate(employees.iterator(chunk_size=500), start=1):
        missing = missing_of(employee, elements)
        yield (number, group_nip(employee.nip), employee.display_name, employee.unit.label,
               len(missing), "; ".join(missing))


def employees_xlsx(employees, elements, *, title: str, subtitle: str, note: str) -> bytes:
    return xlsx_bytes(title=title, subtitle=subtitle, columns=EMPLOYEE_COLUMNS,
                      rows=employee_rows(employees, elements), note=note, sheet="Pegawai")


def employees_pdf(employees, elements, *, title: str, subtitle: str, signer, printed_by,
                  note: str) -> bytes:
    rows = [[str(number), nip, cell(name, PDF_WIDTHS[2]), cell(unit, PDF_WIDTHS[3]), str(n),
             cell(missing, PDF_WIDTHS[5])]
            for number, nip, name, unit, n, missing in employee_rows(employees, elements)]
    return list_pdf(title=title, subtitle=subtitle,
                    header=[c.header for c in EMPLOYEE_COLUMNS], rows=rows, widths=PDF_WIDTHS,
                    signer=signer, printed_by=printed_by, release_note=note)


def summary_xlsx(lines: list[Progress], total: Progress, elements, *, title: str,
                 subtitle: str, note: str) -> bytes:
    columns = [*SUMMARY_COLUMNS, *(Column(f"Belum: {element.label}", NUMBER, 12)
                                   for element in elements)]
    rows = [(line.name, line.employees, line.complete, line.incomplete, line.percent,
             *(line.missing[e.code] for e in elements)) for line in [*lines, total]]
    return xlsx_bytes(title=title, subtitle=subtitle, columns=columns, rows=rows, note=note,
                      sheet="Rekap per unit")
