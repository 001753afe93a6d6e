"""Change requests in flight for the demo regency and the scale data.

A real regency always has proposals on their way: waiting at the OPD admin,
with the BKPP verifier, or back with the employee for clarification. Without
them the verifier's queue and "my proposals" were empty pages in the demo and
in the benchmark, which then measured empty tables.

Every request is made the way a user makes it, through ``changes.services``:
the employee proposes a regency award of this year (in the award record's own
form, with a sample charter PDF as the supporting document), the OPD admin
forwards it, the verifier asks for clarification. Each OPD with
proposals gets an admin account (the demo admin-opd keeps Dinkes); proposers
and these admins get accounts without a password (they cannot sign in; the
demo logins stay the eight of ``loader.DEMO_ACCOUNTS``). The demo employee
has three requests of their own, one at each stage. Each request is made up to
20 days ago (the services run on a clock set back, ``_clock_at``), so the
deadlines spread and some are overdue, and the notices, stage events and audit
events carry the same dates. Reruns add nothing once any change request exists.
"""

from __future__ import annotations

import datetime
import random
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from smart.access.models import Role, RoleAssignment
from smart.accounts.models import User
from smart.audit.services import audit_record
from smart.changes.models import Action, ChangeRequest, Stage
from smart.changes.services import request_move, request_propose
from smart.changes.targets import target_for
from smart.demo.documents import SAMPLE_MARK, demo_pdf
from smart.demo.logins import demo_login
from smart.documents.models import DocumentType
from smart.people.models import Employee
from smart.records.models import Award
from smart.references.models import AGENCY_DEPTH, AwardType, Unit

# One employee in a hundred has a proposal on its way; at least 20, at most 1,000
# (one BKPP's queue: a national installation has one per regency).
EMPLOYEES_PER_REQUEST = 100
FEWEST, MOST = 20, 1000
# Of every 20 requests: 10 wait at the OPD admin, 8 are with the verifier,
# 2 are back with the employee for clarification.
STAGES = [Stage.SUBMITTED] * 10 + [Stage.VERIFICATION] * 8 + [Stage.CLARIFICATION] * 2
OWN_STAGES = (Stage.SUBMITTED, Stage.VERIFICATION, Stage.CLARIFICATION)
CLARIFICATION_NOTE = ("Nomor SK pada piagam berbeda dengan yang diisi; mohon unggah piagam "
                      "yang terbaca jelas.")


def requests_in_flight_count(employees: int) -> int:
    return min(max(employees // EMPLOYEES_PER_REQUEST, FEWEST), MOST)


@dataclass(frozen=True)
class _Cast:
    verifier: User
    admins: dict[int, User]  # OPD (unit id) → its admin


def ensure_requests_in_flight(*, seed: int, count: int | None = None) -> int:
    """Make ``count`` requests in flight (by the regency's size when None) and
    the demo employee's three; none when any change request exists."""
    if ChangeRequest.objects.exists():
        return 0
    rng = random.Random(seed)
    verifier = demo_login(Role.VERIFIER)
    if verifier is None:
        return 0
    login = demo_login(Role.EMPLOYEE)
    own = Employee.objects.filter(user=login).first() if login else None
    count = count if count is not None else requests_in_flight_count(
        Employee.objects.count())
    proposers = _proposers(rng, count)
    cast = _Cast(verifier, _opd_admins([*proposers, *([own] if own else [])]))
    made = 0
    for number, employee in enumerate(proposers):
        made += _request(cast, employee, STAGES[number % len(STAGES)], rng)
    for stage in OWN_STAGES if own else ():
        made += _request(cast, own, stage, rng)
    return made


def _proposers(rng: random.Random, count: int) -> list[Employee]:
    """``count`` employees holding no role (the demo accounts stay out), by the seed."""
    ids = list(Employee.objects.exclude(user__role_assignments__isnull=False)
               .order_by("pk").values_list("pk", flat=True))
    chosen = sorted(rng.sample(ids, min(count, len(ids))))
    people = Employee.objects.select_related("unit", "user").in_bulk(chosen)
    employees = [people[pk] for pk in chosen]
    for employee in employees:
        _account(employee, Role.EMPLOYEE)
    return employees


def _account(employee: Employee, role: str, unit: Unit | None = None) -> User:
    """The employee's account (made without a password when missing) holding ``role``."""
    user = employee.user or User.objects.filter(username=employee.nip).first()
    if user is None:
        user = User(username=employee.nip, full_name=employee.display_name)
        user.set_unusable_password()
        user.save()
        audit_record(actor=None, action="accounts.user.create", target=user,
                     data={"demo": True, "roles": [role]})
    if employee.user_id != user.pk:
        employee.user = user
        employee.save(update_fields=["user", "updated_at"])
    RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    if role != Role.EMPLOYEE:
        RoleAssignment.objects.get_or_create(user=user, role=Role.EMPLOYEE, unit=None)
    return user


def _opd_admins(employees: list[Employee]) -> dict[int, User]:
    """An admin for each OPD the employees work in: the one holding the role
    already (the demo admin-opd of Dinkes), else the first by NIP of those
    working in the OPD's office itself who holds no role."""
    agencies = {employee.unit.agency_id for employee in employees}
    admins = {}
    for agency in Unit.objects.filter(pk__in=agencies).order_by("path"):
        held = (RoleAssignment.objects.filter(role=Role.UNIT_ADMIN, unit=agency)
                .select_related("user").order_by("user__username").first())
        if held is not None:
            admins[agency.pk] = held.user
            continue
        staff = (Employee.objects.filter(unit__agency=agency, unit__depth__lte=AGENCY_DEPTH + 1)
                 .exclude(user__role_assignments__isnull=False).order_by("nip").first())
        if staff is not None:
            admins[agency.pk] = _account(staff, Role.UNIT_ADMIN, agency)
    return admins


def _request(cast: _Cast, employee: Employee, stage: str, rng: random.Random) -> int:
    admin = cast.admins.get(employee.unit.agency_id)
    if admin is None or admin.pk == employee.user_id:
        return 0
    target = target_for("penghargaan")
    values, charter = _award(employee, rng)
    form = target.form_class()(data=values, instance=Award(employee=employee))
    if not form.is_valid():  # the generator's values are the form's own: never expected
        raise ValueError(f"Usulan demo {employee.nip} tidak sah: {form.errors.as_text()}")
    days_ago = rng.randint(0, 20)
    now = timezone.now()
    submitted = now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 6))
    forwarded = min(submitted + datetime.timedelta(days=rng.randint(0, 3), hours=2), now)
    asked = min(forwarded + datetime.timedelta(days=1), now)
    with _clock_at(submitted):
        request = request_propose(
            target=target, employee=employee, action=Action.ADD, target_id=None,
            values=form.cleaned_data, note="", proposer=employee.user, submit=True,
            documents=[(DocumentType.objects.get(code="PENGHARGAAN"), charter)])
    if stage in (Stage.VERIFICATION, Stage.CLARIFICATION):
        with _clock_at(forwarded):
            request = request_move(request=request, move_name="forward", actor=admin)
    if stage == Stage.CLARIFICATION:
        with _clock_at(asked):
            request_move(request=request, move_name="ask", actor=cast.verifier,
                         note=CLARIFICATION_NOTE)
    return 1


@contextmanager
def _clock_at(moment: datetime.datetime):
    """Run the services at ``moment``: they stamp what they write (the request,
    its stage events, the charter, the notices with the deadlines they quote, the
    audit events) with ``timezone.now()``, so every date tells the same story.
    The demo is loaded by one thread (``load_demo``, ``scale_generate``, before
    ``serve_demo`` starts the server)."""
    real = timezone.now
    timezone.now = lambda: moment
    try:
        yield
    finally:
        timezone.now = real


def _award(employee: Employee, rng: random.Random) -> tuple[dict, SimpleUploadedFile]:
    """A regency award of this year for the employee, and its charter."""
    today = timezone.localdate()
    teacher = employee.position_name.startswith("Guru")
    code, name = (("400", "Guru Berprestasi Tingkat Kabupaten") if teacher
                  else ("306", "Pegawai Teladan Tingkat Kabupaten"))
    day = today - datetime.timedelta(days=rng.randint(25, 90))
    number = f"800/BKPP/{day.year}/{rng.randint(100, 999)}"
    values = {
        "award_type": AwardType.objects.get(code=code).pk, "name": f"{name} {day.year}",
        "year": day.year, "sk_number": number, "sk_date": day.isoformat(),
        "signing_official": "Bupati Kuantan Singingi",
        "institution": "Pemerintah Kabupaten Kuantan Singingi",
        "institution_location": "Teluk Kuantan",
    }
    pdf = demo_pdf(f"Piagam penghargaan {employee.nip}", [
        "PEMERINTAH KABUPATEN KUANTAN SINGINGI", "", "PIAGAM PENGHARGAAN",
        f"Nomor: {number}", "", "Diberikan kepada", f"Nama: {employee.display_name}",
        f"NIP: {employee.nip_grouped}", f"sebagai {name} Tahun {day.year}", "",
        f"Teluk Kuantan, {day:%d-%m-%Y}", "Bupati Kuantan Singingi", "", SAMPLE_MARK,
    ])
    return values, SimpleUploadedFile(f"piagam-{employee.nip}.pdf", pdf, "application/pdf")

