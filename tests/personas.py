"""Named personas for SMART's roles, built on the seeded organisation tree.

Every view test uses these people, so "an admin of unit A must not see unit
B" reads the same everywhere.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from smart.access.models import Role, RoleAssignment
from smart.accounts.models import User
from smart.people.models import AsnKind, Employee
from smart.references.models import Golongan, Sex, Unit

PASSWORD = "Persona-Test-Pass-2026"
_serial = itertools.count(1)


def make_employee(unit_code: str, *, name: str | None = None, sex: str = "F",
                  birth: datetime.date = datetime.date(1985, 3, 12),
                  asn_kind: str = AsnKind.PNS, user: User | None = None) -> Employee:
    """A structurally valid PNS in the given seeded unit."""
    # Serial numbers stay within their 3 and 4 digits however many tests ran
    # (PostgreSQL enforces the 18-character NIP column; each test rolls back).
    n = next(_serial) % 999 + 1
    nip = f"{birth:%Y%m%d}201001{'2' if sex == 'F' else '1'}{n:03d}"
    day = birth.day + (40 if sex == "F" else 0)
    nik = f"140902{day:02d}{birth:%m%y}{n:04d}"
    return Employee.objects.create(
        nip=nip, nik=nik, name=name or f"PEGAWAI UJI {n}", birth_date=birth,
        sex=Sex.objects.get(code=sex), asn_kind=asn_kind, unit=Unit.objects.get(code=unit_code),
        golongan=Golongan.objects.get(code="33"), tmt_cpns=datetime.date(2010, 1, 1),
        user=user,
    )


def make_user(username: str, role: str | None = None, scope_unit: str | None = None,
              employee_unit: str | None = None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD,
                                    full_name=username.upper())
    if role:
        RoleAssignment.objects.create(
            user=user, role=role,
            unit=Unit.objects.get(code=scope_unit) if scope_unit else None,
        )
    if employee_unit:
        make_employee(employee_unit, name=username.upper(), user=user)
        RoleAssignment.objects.create(user=user, role=Role.EMPLOYEE)
    return user


@dataclass
class Cast:
    """The personas of the style guide: a BKPP manager, a verifier, an admin of
    unit A (Dinkes) and of unit B (Disdik), a plain employee, and leadership."""

    system_manager: User
    verifier: User
    admin_a: User
    admin_b: User
    hr_manager_b: User
    division_admin: User
    super_admin: User
    leader: User
    employee: User
    employee_record: Employee
    colleague_a: Employee  # someone else in unit A
    person_b: Employee  # someone in unit B


def build_cast() -> Cast:
    employee = make_user("pegawai", employee_unit="DINKES.PKM02")
    return Cast(
        system_manager=make_user("pengelola", Role.SYSTEM_MANAGER, employee_unit="BKPP.02"),
        verifier=make_user("verifikator", Role.VERIFIER, employee_unit="BKPP.03"),
        admin_a=make_user("admin_dinkes", Role.UNIT_ADMIN, "DINKES", employee_unit="DINKES.01"),
        admin_b=make_user("admin_disdik", Role.UNIT_ADMIN, "DISDIK", employee_unit="DISDIK.01"),
        hr_manager_b=make_user("kepeg_disdik", Role.HR_MANAGER, "DISDIK"),
        division_admin=make_user("admin_bidang", Role.DIVISION_ADMIN),
        super_admin=make_user("superadmin", Role.SUPER_ADMIN),
        leader=make_user("pimpinan", Role.LEADERSHIP),
        employee=employee,
        employee_record=employee.employee,
        colleague_a=make_employee("DINKES.PKM05", name="REKAN DINKES"),
        person_b=make_employee("DISDIK.KORWIL03.SD1", name="GURU DISDIK"),
    )
