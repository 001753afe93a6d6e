"""Loading the demo regency: a generated SIASN export and one account per role.

Rules:

* Employees are loaded only into a database that has none; otherwise the
  loader only makes sure the demo accounts exist.
* The export is generated once into ``DATA_DIR/demo/siasn-export-demo.csv``
  and then reused; the seeded units get the generator's SIASN ids so its
  ``unor_id`` column finds them (demo only: real ids come from SIASN).
* The file is loaded by the importer itself (``integrations.imports``: the
  same reading, judging and chunked writing as an upload, "all or nothing"),
  recorded as an import batch without an owner, and the whole load is one
  transaction. A row with any error stops the load with one sentence naming
  file, row and column, never a traceback.
* Accounts: username is the employee's NIP, password ``DEMO_PASSWORD``;
  every demo account also holds the employee role. The employee behind each
  role is chosen by fixed rules in NIP order, so reruns pick the same people.
* In the same transaction the employees get their Lampiran details and
  appraisers (``personal``) and a validated history of every record kind
  (``history``), from the seed and each NIP; the demo accounts' employees
  also get sample SK pangkat and ijazah PDFs (``documents``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from smart.access.models import Role, RoleAssignment
from smart.accounts.mfa import ADMINISTRATIVE_ROLES, secret_for_typing
from smart.accounts.models import User
from smart.audit.services import audit_record
from smart.demo.documents import ensure_demo_documents
from smart.demo.generator import (
    DEFAULT_PNS,
    DEFAULT_PPPK,
    demo_units,
    structural_posts,
    unor_guid,
    write_demo_export,
)
from smart.demo.history import write_history
from smart.demo.personal import assign_appraisers, fill_personal_details
from smart.demo.requests import ensure_requests_in_flight
from smart.integrations.imports import RowJudge, SilentRun, apply_import, chunks
from smart.integrations.models import ImportBatch, ImportRow
from smart.integrations.siasn.export import ColumnError, ExportFileError, export_rows
from smart.integrations.tables import check_table_file, table_rows
from smart.people.models import AsnKind, Employee
from smart.references.models import Echelon, Unit

DEMO_PASSWORD = "Demo-Kuansing-2026"  # noqa: S105 - the published password of the demo
DEFAULT_SEED = 2026
STRUCTURAL = "1"
FUNCTIONAL = "2"


class DemoError(Exception):
    """The demo cannot be loaded; the message is one sentence for the user."""


@dataclass(frozen=True)
class DemoLoad:
    created: int  # employees written; 0 when employees already existed
    path: Path | None  # the export read, when one was
    logins: list[tuple[str, str, str]]  # (role, username, password) in ROLE_ORDER
    history: dict[str, int] = field(default_factory=dict)  # entries written per record kind


def demo_export_path() -> Path:
    return Path(settings.DATA_DIR) / "demo" / "siasn-export-demo.csv"


def _broken_file(path: Path, row: int, error: ColumnError) -> DemoError:
    """One sentence: where the file is broken and what to do about it.

    The reason's own sentences are joined with semicolons.
    """
    reason = re.sub(r"\. ([A-Z])(?=[a-z])", lambda m: "; " + m[1].lower(),
                    error.message.rstrip(".")).replace(". ", "; ")
    where = f"baris {row}, kolom {error.column}" if error.column else f"baris {row}"
    return DemoError(
        f"Berkas demo {path} rusak pada {where}: {reason}; hapus berkas itu agar dibuat "
        f"ulang, lalu jalankan load_demo lagi."
    )


def _assign_demo_unit_ids() -> None:
    """Seeded units get the generator's deterministic SIASN unor ids."""
    codes = {unit.code for unit in demo_units()}
    units = list(Unit.objects.filter(code__in=codes))
    for unit in units:
        unit.siasn_id = unor_guid(unit.code)
    Unit.objects.bulk_update(units, ["siasn_id"], batch_size=500)


def _echelon_setter() -> Callable[[list[Employee]], None]:
    """The generator's structural posts carry an eselon the export has no column for."""
    echelons = {echelon.code: echelon for echelon in Echelon.objects.all()}
    post_echelons = {(post.unit_code, post.title): post.echelon for post in structural_posts()}

    def set_echelons(employees: list[Employee]) -> None:
        for employee in employees:
            position_type = employee.position_type
            if position_type is not None and position_type.code == STRUCTURAL:
                code = post_echelons.get((employee.unit.code, employee.position_name))
                employee.echelon = echelons.get(code)

    return set_echelons


def _import_employees(path: Path, *, seed: int) -> list[Employee]:
    """Load the export through the importer ("all or nothing"); the saved employees.

    Each chunk's new employees get the eselon of their post and their Lampiran
    details before they are written.
    """
    set_echelons = _echelon_setter()

    def prepare(employees: list[Employee]) -> None:
        set_echelons(employees)
        fill_personal_details(employees, seed=seed)

    batch = ImportBatch.objects.create(owner=None, filename=path.name, file_kind="csv",
                                       size=path.stat().st_size,
                                       mode=ImportBatch.Mode.ALL_OR_NOTHING)
    try:
        result = apply_import(batch, SilentRun(), source=path, prepare_new=prepare)
    except OSError as error:
        raise DemoError(f"Berkas demo {path} tidak dapat dibaca ({error.strerror}); hapus "
                        f"berkas itu agar dibuat ulang, lalu jalankan load_demo lagi.") from None
    if result.get("refused"):
        row, column, reason = result["first_error"]
        raise _broken_file(path, row, ColumnError(column, reason))
    if not result.get("created"):
        raise DemoError(f"Berkas demo {path} tidak berisi satu pegawai pun; hapus berkas itu "
                        f"agar dibuat ulang, lalu jalankan load_demo lagi.")
    return list(Employee.objects.select_related(
        "sex", "golongan", "initial_golongan", "position_type", "echelon", "education_level",
        "unit", "religion", "marital_status", "employee_type", "legal_status",
    ).order_by("pk"))


def iter_employees(path: Path) -> Iterator[Employee]:
    """Each row of the export as an unsaved Employee, in file order, judged by the
    importer's rules (``integrations.imports.RowJudge``); the first error stops
    it. For writers that bypass the importer's chunks (``scale_generate``)."""
    set_echelons = _echelon_setter()
    try:
        # SMART's own file, streamed: the upload limit does not apply (100k rows: 77 MB).
        header, rows = export_rows(table_rows(check_table_file(path, max_bytes=None)))
        judge = RowJudge(header, actor=None)
        for chunk in chunks(rows, 500):
            employees = []
            for verdict in judge.judge(chunk):
                if verdict.outcome == ImportRow.Outcome.INVALID:
                    column, reason = verdict.errors[0]
                    raise _broken_file(path, verdict.number, ColumnError(column, reason))
                if verdict.outcome != ImportRow.Outcome.NEW:
                    raise _broken_file(path, verdict.number, ColumnError(
                        "nip_baru", f"NIP {verdict.nip} sudah tercatat di basis data"))
                employees.append(Employee(**verdict.values))
            set_echelons(employees)
            yield from employees
    except ExportFileError as error:
        raise _broken_file(path, error.row, ColumnError(error.column, str(error))) from None
    except OSError as error:
        raise DemoError(f"Berkas demo {path} tidak dapat dibaca ({error.strerror}); hapus "
                        f"berkas itu agar dibuat ulang, lalu jalankan load_demo lagi.") from None


# --- the demo accounts ----------------------------------------------------------------------

def _subtree(code: str) -> QuerySet[Employee]:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        return Employee.objects.none()
    return Employee.objects.filter(unit__path__startswith=unit.path)


def _office(code: str) -> QuerySet[Employee]:
    """An OPD's own office and divisions, without its schools, Puskesmas or Korwil."""
    return _subtree(code).exclude(unit__kind__in=[
        Unit.Kind.SCHOOL, Unit.Kind.HEALTH_CENTRE, Unit.Kind.DISTRICT_COORDINATOR])


def _pns(queryset: QuerySet[Employee]) -> QuerySet[Employee]:
    return queryset.filter(asn_kind=AsnKind.PNS)


def _staff(queryset: QuerySet[Employee]) -> QuerySet[Employee]:
    """Not holding a structural post."""
    return _pns(queryset).exclude(position_type__code=STRUCTURAL)


@dataclass(frozen=True)
class DemoAccount:
    """A demo role: its scope unit (None = whole regency) and who holds it.

    ``candidates`` lists querysets from most to least fitting; the first
    employee (by NIP) not already holding another demo role is chosen.
    """

    role: str
    scope: str | None
    who: str  # for the message when nobody fits
    candidates: Callable[[], list[QuerySet[Employee]]]


DEMO_ACCOUNTS = (
    DemoAccount(Role.SYSTEM_MANAGER, None, "pegawai BKPP", lambda: [
        _staff(_subtree("BKPP.02")), _staff(_subtree("BKPP")), _subtree("BKPP")]),
    DemoAccount(Role.HR_MANAGER, "DISDIK", "pegawai kantor Dinas Pendidikan", lambda: [
        _staff(_subtree("DISDIK.01")), _staff(_office("DISDIK")), _subtree("DISDIK")]),
    DemoAccount(Role.SUPER_ADMIN, None, "pegawai Diskominfo", lambda: [
        _staff(_subtree("DISKOMINFO.03")), _staff(_subtree("DISKOMINFO")),
        _subtree("DISKOMINFO")]),
    DemoAccount(Role.DIVISION_ADMIN, None, "pegawai BKPP", lambda: [
        _pns(_subtree("BKPP")).filter(position_type__code=STRUCTURAL,
                                      position_name__startswith="Kepala Bidang"),
        _pns(_subtree("BKPP")).filter(position_type__code=STRUCTURAL, unit__depth=3),
        _staff(_subtree("BKPP")), _subtree("BKPP")]),
    DemoAccount(Role.UNIT_ADMIN, "DINKES", "pegawai Dinas Kesehatan", lambda: [
        _staff(_subtree("DINKES.01")), _staff(_office("DINKES")), _subtree("DINKES")]),
    DemoAccount(Role.VERIFIER, None, "pegawai BKPP", lambda: [
        _staff(_subtree("BKPP")).filter(position_type__code=FUNCTIONAL),
        _staff(_subtree("BKPP")), _subtree("BKPP")]),
    # A PNS at a Dinas Kesehatan health centre, so the demo admin-opd (Dinkes)
    # receives the demo employee's proposals: the main path works end to end.
    DemoAccount(Role.EMPLOYEE, None, "PNS di puskesmas Dinas Kesehatan", lambda: [
        _staff(Employee.objects.filter(unit__kind=Unit.Kind.HEALTH_CENTRE)),
        _pns(Employee.objects.filter(unit__kind=Unit.Kind.HEALTH_CENTRE)),
        _pns(Employee.objects.filter(unit__kind=Unit.Kind.SCHOOL,
                                     position_name__startswith="Guru"))]),
    DemoAccount(Role.LEADERSHIP, None, "Sekretaris Daerah", lambda: [
        Employee.objects.filter(unit__code="SETDA", position_type__code=STRUCTURAL)
        .order_by("echelon__code", "nip")]),
)
ROLE_ORDER = [account.role for account in DEMO_ACCOUNTS]


def _choose(account: DemoAccount, taken: set[int]) -> Employee:
    for queryset in account.candidates():
        if not queryset.query.order_by:
            queryset = queryset.order_by("nip")
        employee = queryset.exclude(pk__in=taken).select_related("user").first()
        if employee is not None:
            return employee
    raise DemoError(f"Tidak ada {account.who} untuk akun demo {account.role}; muat data demo "
                    f"ke basis data yang masih kosong.")


def _account_for(employee: Employee) -> tuple[User, bool]:
    """The employee's account, created with the demo password when missing."""
    if employee.user is not None:
        return employee.user, False
    user = User.objects.filter(username=employee.nip).first()
    created = user is None
    if created:
        user = User(username=employee.nip, full_name=employee.display_name)
        user.set_password(DEMO_PASSWORD)
        user.save()
    employee.user = user
    employee.save(update_fields=["user", "updated_at"])
    return user, created


def ensure_demo_accounts() -> list[tuple[str, str, str]]:
    """One account per role on a suitable employee, plus the employee role;
    existing accounts and assignments are kept as they are."""
    scopes = {unit.code: unit for unit in Unit.objects.filter(
        code__in=[account.scope for account in DEMO_ACCOUNTS if account.scope])}
    taken: set[int] = set()
    logins = []
    for account in DEMO_ACCOUNTS:
        employee = _choose(account, taken)
        taken.add(employee.pk)
        user, created = _account_for(employee)
        grants = [(account.role, scopes.get(account.scope))]
        if account.role != Role.EMPLOYEE:
            grants.append((Role.EMPLOYEE, None))
        for role, unit in grants:
            RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
        if created:
            audit_record(actor=None, action="accounts.user.create", target=user,
                         data={"demo": True, "roles": [role for role, _ in grants]})
        logins.append((account.role, user.username, DEMO_PASSWORD))
        if account.role in ADMINISTRATIVE_ROLES:
            _ensure_authenticator(user)
    return logins


def _ensure_authenticator(user: User) -> None:
    """Demo administrators come with an enrolled authenticator, so the demo can
    be tried without a phone: ``manage.py demo_otp`` prints the current codes
    (and the keys, for an authenticator app)."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="demo", confirmed=True)


def demo_codes() -> list[tuple[str, str, str, str]]:
    """(role, username, current code, key) of every demo administrator."""
    with transaction.atomic():
        logins = ensure_demo_accounts()
    rows = []
    for role, username, _ in logins:
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if role not in ADMINISTRATIVE_ROLES or device is None:
            continue
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        rows.append((role, username, f"{totp.token():0{device.digits}d}",
                     secret_for_typing(device)))
    return rows


def load_demo(*, seed: int = DEFAULT_SEED, path: Path | None = None,
              n_pns: int = DEFAULT_PNS, n_pppk: int = DEFAULT_PPPK) -> DemoLoad:
    """Load the demo employees into an empty database, then ensure the accounts.

    The export is generated (``seed``, sizes) only when ``path`` does not exist.
    """
    if Employee.objects.exists():
        with transaction.atomic():
            logins = ensure_demo_accounts()
            ensure_demo_documents([username for _, username, _ in logins])
            ensure_requests_in_flight(seed=seed)
            return DemoLoad(0, None, logins)
    path = Path(path) if path else demo_export_path()
    if not path.exists():
        write_demo_export(path, seed=seed, n_pns=n_pns, n_pppk=n_pppk)
    try:
        with transaction.atomic():
            _assign_demo_unit_ids()
            employees = _import_employees(path, seed=seed)
            created = len(employees)
            assign_appraisers(employees)
            history = write_history(employees, seed=seed)
            logins = ensure_demo_accounts()
            ensure_demo_documents([username for _, username, _ in logins])
            ensure_requests_in_flight(seed=seed)
            return DemoLoad(created, path, logins, history)
    except IntegrityError as error:
        raise DemoError(f"Berkas demo {path} tidak dapat disimpan ({error}); hapus berkas itu "
                        f"agar dibuat ulang, lalu jalankan load_demo lagi.") from None
