"""security.md D-3 / defect 5: SPECIFIC data (identity numbers, addresses,
medical data, discipline) in full only for the employee, verifiers and the
system manager; masked identity numbers and discipline for the unit's admins;
none of it for division admins and leadership — on pages, in the DRH and in
change-request diffs."""

import datetime

import pytest
from django.urls import reverse
from pypdf import PdfReader

from smart.records.models import DisciplinaryPenalty
from smart.references.models import PenaltyType
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "Jl. Rahasia No. 7"


def _setup(cast):
    employee = cast.employee_record  # in unit A (Dinkes)
    employee.address = ADDRESS
    employee.blood_type = "AB"
    employee.save()
    DisciplinaryPenalty.objects.create(
        employee=employee, penalty_type=PenaltyType.objects.get(code="1"),
        sk_number="800/HD/2024/1", sk_date=datetime.date(2024, 1, 5),
        start_date=datetime.date(2024, 1, 5), violation="Tidak masuk kerja 3 hari")
    return employee


def _page(client, user, employee):
    client.logout()
    client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("records:profile", args=[employee.pk])).content.decode()


@pytest.mark.parametrize("who", ["employee", "verifier", "system_manager"])
def test_full_specific_data_for_the_employee_verifiers_and_the_manager(client, cast, who):
    employee = _setup(cast)
    page = _page(client, getattr(cast, who), employee)
    assert employee.nik in page and ADDRESS in page and "800/HD/2024/1" in page


@pytest.mark.parametrize("who", ["admin_a"])
def test_the_units_admin_sees_masked_numbers_and_discipline_but_no_address(client, cast, who):
    employee = _setup(cast)
    page = _page(client, getattr(cast, who), employee)
    masked = employee.nik[:4] + "********" + employee.nik[-4:]
    assert masked in page and employee.nik not in page
    assert ADDRESS not in page and "(tidak ditampilkan)" in page
    assert "800/HD/2024/1" in page


@pytest.mark.parametrize("who", ["division_admin", "leader"])
def test_division_admins_and_leadership_see_no_specific_data(client, cast, who):
    employee = _setup(cast)
    user = getattr(cast, who)
    page = _page(client, user, employee)
    assert employee.nik not in page and employee.nik[:4] + "****" not in page
    assert ADDRESS not in page and "800/HD/2024/1" not in page
    assert client.get(reverse("records:entry_list", args=[employee.pk, "hukuman-disiplin"])
                      ).status_code == 404
    pdf = client.get(reverse("records:drh", args=[employee.pk]))
    text = "".join(page.extract_text() for page in PdfReader(
        __import__("io").BytesIO(pdf.content)).pages)
    assert employee.nik not in text and ADDRESS not in text and "800/HD/2024/1" not in text
    assert "(tidak ditampilkan)" in text
