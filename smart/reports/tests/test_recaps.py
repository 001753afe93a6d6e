"""R-USE (issue 7 §5): leave and discipline recaps per OPD and period, against
hand-computed counts and days; discipline records only where the viewer's D-3
field classes show them, and never as a file without a data release."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from smart.records.models import DisciplinaryPenalty, LeaveRecord
from smart.references.models import LeaveType, PenaltyType
from smart.reports.recaps import discipline_recap, leave_recap
from smart.reports.tests.builders import D
from smart.reports.tests.xlsx import read_xlsx
from tests.personas import make_employee

pytestmark = pytest.mark.django_db
MARCH = (D(2026, 3, 1), D(2026, 3, 31))


def leave(employee, code, start, end, validated=True):
    return LeaveRecord.objects.create(
        employee=employee, leave_type=LeaveType.objects.get(code=code),
        letter_number=f"851/{code}/{start:%m%d}", start_date=start, end_date=end,
        validated_at=timezone.now() if validated else None)


def penalty(employee, code, start):
    return DisciplinaryPenalty.objects.create(
        employee=employee, penalty_type=PenaltyType.objects.get(code=code),
        sk_number=f"800/HD/{start:%m%d}", sk_date=start, start_date=start,
        validated_at=timezone.now())


@pytest.fixture
def march(cast):
    """Holidays 18–24 March 2026 are in the seeded calendar (Nyepi, Idul Fitri)."""
    nurse = make_employee("DINKES.PKM05", name="PERAWAT")
    clerk = make_employee("DINKES.01", name="STAF DINKES")
    teacher = make_employee("DISDIK.KORWIL03.SD1", name="GURU")
    # Sun 1 March is inside, 25–28 February outside: 3 days, 2 working (Mon 2, Tue 3).
    leave(nurse, "C_TAHUNAN", D(2026, 2, 25), D(2026, 3, 3))
    # Mon 16 – Fri 20 March: 5 days, 2 working (18–20 are holidays).
    leave(nurse, "C_SAKIT", D(2026, 3, 16), D(2026, 3, 20))
    leave(clerk, "C_TAHUNAN", D(2026, 3, 9), D(2026, 3, 13))  # 5 days, 5 working
    leave(teacher, "C_BESAR", D(2026, 3, 2), D(2026, 3, 31))
    leave(clerk, "C_TAHUNAN", D(2026, 4, 1), D(2026, 4, 3))  # after the period
    leave(clerk, "C_SAKIT", D(2026, 3, 4), D(2026, 3, 4), validated=False)  # not a record
    penalty(nurse, "1", D(2026, 3, 5))
    penalty(clerk, "23", D(2026, 3, 10))
    penalty(teacher, "1", D(2026, 3, 11))
    penalty(clerk, "1", D(2026, 2, 27))  # before the period
    return nurse, clerk, teacher


def test_the_leave_recap_counts_kinds_and_days_inside_the_period(cast, march):
    recap = leave_recap(cast.system_manager, *MARCH)
    lines = {line.agency: line for line in recap.lines}
    dinkes = next(name for name in lines if "Kesehatan" in name)
    assert lines[dinkes].counts == {"C_TAHUNAN": 2, "C_SAKIT": 1}
    assert (lines[dinkes].total, lines[dinkes].days, lines[dinkes].working_days) == (3, 13, 9)
    assert recap.kinds == [("C_TAHUNAN", "Cuti Tahunan"), ("C_BESAR", "Cuti Besar"),
                           ("C_SAKIT", "Cuti Sakit")]
    assert recap.total == 4 and recap.column_totals == [2, 1, 1]
    sick = recap.entries_for("C_SAKIT", dinkes)
    assert [(e.name, e.days, e.working_days) for e in sick] == [("PERAWAT", 5, 2)]
    # 2–31 March: 30 days; 22 weekdays less the 5 weekday holidays (18, 19, 20, 23, 24).
    teacher = recap.entries_for("C_BESAR")[0]
    assert (teacher.days, teacher.working_days) == (30, 17)


def test_the_recaps_stay_within_the_scope_and_read_a_fixed_number_of_queries(cast, march):
    assert {e.name for e in leave_recap(cast.admin_a, *MARCH).entries} == {
        "PERAWAT", "STAF DINKES"}
    leave_recap(cast.system_manager, *MARCH)
    with CaptureQueriesContext(connection) as queries:
        leave_recap(cast.system_manager, *MARCH)
    assert len(queries) == 3  # the leave types, the holidays, the entries


def test_discipline_is_read_only_where_the_viewer_sees_discipline_records(cast, march):
    """D-3: unit A's admin sees Dinkes' penalties; leadership and the division
    admin see none at all."""
    everyone = discipline_recap(cast.verifier, *MARCH)
    assert sorted(e.name for e in everyone.entries) == ["GURU", "PERAWAT", "STAF DINKES"]
    assert [e.note for e in everyone.entries_for("23")] == ["Sedang"]  # the level, in Indonesian
    assert {e.name for e in discipline_recap(cast.admin_a, *MARCH).entries} == {
        "PERAWAT", "STAF DINKES"}
    assert discipline_recap(cast.leader, *MARCH).entries == []
    assert discipline_recap(cast.division_admin, *MARCH).entries == []


def test_the_page_links_every_number_to_the_list_behind_it(client, cast, march):
    client.force_login(cast.admin_a)
    params = {"start": "2026-03-01", "end": "2026-03-31"}
    page = client.get(reverse("reports:leave"), params)
    assert page.context["page"].paginator.count == 3
    assert "jenis=C_SAKIT" in page.content.decode()
    only = client.get(reverse("reports:leave"), {**params, "jenis": "C_SAKIT"})
    assert [e.name for e in only.context["page"]] == ["PERAWAT"]


def test_the_leave_files_carry_both_tables(client, cast, march):
    client.force_login(cast.admin_a)
    params = {"start": "2026-03-01", "end": "2026-03-31"}
    book = read_xlsx(client.get(reverse("reports:leave_xlsx"), params).content)
    assert book["cells"]["A1"] == "REKAPITULASI CUTI PEGAWAI"
    assert book["cells"]["B5"] == "Perangkat daerah"
    pdf = client.get(reverse("reports:leave_pdf"), params)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "REKAPITULASI CUTI PEGAWAI" in text and "Daftar rincian" in text
    assert "PERAWAT" in text and "Halaman 1 dari" in text


def test_the_recap_lists_print_the_nip_grouped_for_people(client, cast, march):
    """Decision 212: the page, the Excel list sheet and the PDF of both recaps
    print the NIP 8-6-1-3; they printed the 18 digits."""
    from smart.reports.recap_files import recap_pdf, recap_xlsx
    from smart.reports.signing import signing_official

    nurse = march[0]
    client.force_login(cast.admin_a)
    params = {"start": "2026-03-01", "end": "2026-03-31"}
    page = client.get(reverse("reports:leave"), params).content.decode()
    assert nurse.nip_grouped in page and nurse.nip not in page
    content = client.get(reverse("reports:leave_xlsx"), params).content
    listed = read_xlsx(content, sheet=2)["cells"]
    column = next(ref for ref, value in listed.items() if value == "NIP")[0]
    nips = [value for ref, value in listed.items() if ref.startswith(column)]
    assert nurse.nip_grouped in nips and nurse.nip not in nips
    pdf = client.get(reverse("reports:leave_pdf"), params).content
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert nurse.nip_grouped in text and nurse.nip not in text  # on one line, too
    # Discipline files pass the release gate (SPECIFIC data): read the builders.
    recap = discipline_recap(cast.verifier, *MARCH)
    listed = read_xlsx(recap_xlsx(recap, label="Kabupaten", start=MARCH[0], end=MARCH[1]),
                       sheet=2)["cells"]
    assert nurse.nip_grouped in listed.values() and nurse.nip not in listed.values()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(recap_pdf(
        recap, label="Kabupaten", start=MARCH[0], end=MARCH[1], signer=signing_official(),
        printed_by=cast.verifier))).pages)
    assert nurse.nip_grouped in text and nurse.nip not in text


def test_a_discipline_file_needs_a_release_with_specific_data(client, cast, march):
    client.force_login(cast.admin_a)
    params = {"start": "2026-03-01", "end": "2026-03-31"}
    assert client.get(reverse("reports:discipline"), params).status_code == 200
    assert client.get(reverse("reports:discipline_xlsx"), params).status_code == 403
    client.force_login(cast.leader)
    assert client.get(reverse("reports:discipline"), params).status_code == 404
