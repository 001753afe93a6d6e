"""Employees and their record entries, as the pages show them (R-INT).

Lists come from ``Employee.objects.visible_to`` and single employees from
``get_employee_for_user_or_404``; SPECIFIC data passes the D-3 field classes
(``records.privacy``). A key's system account gets none of it: systems read
lists and career data, not identity numbers, addresses or discipline records.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404
from ninja import Field, Query, Router, Schema

from smart.access.fields import Access, FieldClass
from smart.api.auth import Caller
from smart.api.errors import ERRORS
from smart.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page_of
from smart.audit.services import audit_record
from smart.people.models import AsnKind, Employee, get_employee_for_user_or_404
from smart.people.services import employee_record_read, headcount_for
from smart.records.privacy import access_of, hidden_kinds, redacted, redacted_entry_value
from smart.records.registry import KINDS, kind_for
from smart.references.held import with_held_rows
from smart.references.models import Golongan, Unit

router = Router(tags=["employees"])

# What a system reads through a key: no SPECIFIC data at all.
SYSTEM_ACCESS = dict.fromkeys(FieldClass, Access.NONE)


def access_for(caller: Caller, employee: Employee) -> dict[FieldClass, Access]:
    return SYSTEM_ACCESS if caller.is_system else access_of(caller.user, employee)


class EmployeeRow(Schema):
    id: int
    nip: str
    name: str
    display_name: str
    asn_kind: str
    unit_code: str
    unit_name: str
    golongan: str | None
    position_name: str


class EmployeePage(Schema):
    items: list[EmployeeRow]
    next_cursor: str | None = Field(None, description="Pass as ``cursor`` for the next page.")


class EmployeeFilters(Schema):
    q: str = Field("", max_length=100, description="Name or NIP (prefix of the digits).")
    unit: str = Field("", max_length=40, description="Unit code; its sub-units are included.")
    golongan: str = Field("", max_length=20, description="Golongan code, e.g. 33.")
    asn_kind: AsnKind | None = None
    cursor: str = Field("", max_length=200)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


# What ``_row`` reads: a page of 100 full rows (65 columns each) cost more
# Python than the rest of the request.
ROW_COLUMNS = ("nip", "name", "front_title", "back_title", "asn_kind", "golongan",
               "position_name", "unit__code", "unit__name")


def _row(e: Employee) -> dict:
    return {"id": e.pk, "nip": e.nip, "name": e.name, "display_name": e.display_name,
            "asn_kind": e.asn_kind, "unit_code": e.unit.code, "unit_name": e.unit.name,
            "golongan": e.golongan.code if e.golongan_id else None,
            "position_name": e.position_name}


@router.get("/employees", response={200: EmployeePage, **ERRORS}, summary="List employees")
def employee_list(request, filters: Query[EmployeeFilters]):
    """The employees the caller may see, in id order, at most 100 per page.

    Rows carry no SPECIFIC data. Each page is audited with the ids it returned,
    so a breach report can name every employee a caller paged through
    (security.md §8 case 8).
    """
    caller: Caller = request.auth
    employees = with_held_rows(  # the golongan from memory (decision 218)
        Employee.objects.visible_to(caller.user).search(filters.q)
    ).select_related("unit").only(*ROW_COLUMNS)
    if filters.unit:
        unit = Unit.objects.filter(code=filters.unit).first()
        employees = employees.filter(unit__path__startswith=unit.path) if unit else (
            employees.none())
    if filters.golongan:
        golongan = Golongan.objects.filter(code=filters.golongan).first()
        employees = employees.filter(golongan=golongan) if golongan else employees.none()
    if filters.asn_kind:
        employees = employees.filter(asn_kind=filters.asn_kind)
    rows, next_cursor = page_of(employees, cursor=filters.cursor, limit=filters.limit)
    audit_record(actor=caller.user, action="api.employee.list",
                 data={"ids": [e.pk for e in rows],
                       "filters": filters.dict(exclude={"cursor", "limit"})})
    return {"items": [_row(e) for e in rows], "next_cursor": next_cursor}


class EmployeeDetail(EmployeeRow):
    front_title: str
    back_title: str
    birth_place: str
    birth_date: datetime.date
    sex: str
    nik: str | None
    npwp: str
    bpjs: str
    address: str
    phone: str
    email: str
    tmt_cpns: datetime.date | None
    tmt_pns: datetime.date | None
    tmt_golongan: datetime.date | None
    tmt_position: datetime.date | None
    echelon: str | None
    education_level: str | None
    education_name: str
    legal_status: str | None
    record_kinds: list[str] = Field(description="Record kinds this caller may read.")


@router.get("/employees/{employee_id}", response={200: EmployeeDetail, **ERRORS},
            summary="One employee")
def employee_detail(request, employee_id: int):
    """One employee with the D-3 field classes applied; out of scope is 404."""
    caller: Caller = request.auth
    employee = get_employee_for_user_or_404(caller.user, employee_id)
    employee_record_read(actor=caller.user, employee=employee, what="api")
    access = access_for(caller, employee)
    shown = redacted(employee, access)
    hidden = hidden_kinds(access)
    return {
        **_row(employee),
        "front_title": shown.front_title, "back_title": shown.back_title,
        "birth_place": shown.birth_place, "birth_date": shown.birth_date,
        "sex": employee.sex.code, "nik": shown.nik, "npwp": shown.npwp, "bpjs": shown.bpjs,
        "address": shown.address, "phone": shown.phone, "email": shown.email,
        "tmt_cpns": employee.tmt_cpns, "tmt_pns": employee.tmt_pns,
        "tmt_golongan": employee.tmt_golongan, "tmt_position": employee.tmt_position,
        "echelon": employee.echelon.code if employee.echelon_id else None,
        "education_level": (employee.education_level.code if employee.education_level_id
                            else None),
        "education_name": employee.education_name,
        "legal_status": employee.legal_status.name if employee.legal_status_id else None,
        "record_kinds": [k.slug for k in KINDS if k.slug not in hidden],
    }


class Entry(Schema):
    id: int
    values: dict[str, Any]
    validated: bool


class EntryList(Schema):
    kind: str
    items: list[Entry]


def _value(entry, name: str):
    field = entry._meta.get_field(name)
    if field.choices:
        return getattr(entry, f"get_{name}_display")() or None
    value = getattr(entry, name)
    if hasattr(value, "_meta"):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


@router.get("/employees/{employee_id}/records/{kind}", response={200: EntryList, **ERRORS},
            summary="An employee's entries of one record kind")
def entry_list(request, employee_id: int, kind: str):
    """The entries of one kind (see ``/record-kinds``); a kind the caller's field
    classes exclude (discipline records) is a 404, as on the pages."""
    caller: Caller = request.auth
    record_kind = kind_for(kind)
    if record_kind is None:
        raise Http404
    employee = get_employee_for_user_or_404(caller.user, employee_id)
    access = access_for(caller, employee)
    if record_kind.slug in hidden_kinds(access):
        raise Http404
    employee_record_read(actor=caller.user, employee=employee, what=f"api:{kind}")
    items = [{"id": entry.pk, "validated": bool(getattr(entry, "validated_at", None)),
              "values": {name: redacted_entry_value(name, _value(entry, name), access)
                         for name in record_kind.fields}}
             for entry in record_kind.entries_of(employee.pk)]
    return {"kind": record_kind.slug, "items": items}


class Headcount(Schema):
    total: int
    pns: int
    cpns: int
    pppk: int


@router.get("/statistics/headcount", response={200: Headcount, **ERRORS},
            summary="Headcount by ASN kind")
def headcount(request):
    """The employees the caller may see, counted by ASN kind (as on the home page)."""
    return headcount_for(request.auth.user)
