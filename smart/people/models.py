"""The employee master record (Pegawai): identity and employment data.

History sub-records (rank, position, education, family…) live in the
``records`` app; the "current" columns here are what the services keep in
step with that history.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Q, TextField
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from smart.access.policies import personnel_scope
from smart.people.identity import group_nip
from smart.references.held import with_held_rows


class AsnKind(models.TextChoices):
    PNS = "PNS", "PNS"
    CPNS = "CPNS", "CPNS"
    PPPK = "PPPK", "PPPK"


class HouseOwnership(models.TextChoices):
    OWN = "milik", _("Own house")
    RENTED = "sewa", _("Rented")
    OFFICIAL = "dinas", _("Official housing")
    FAMILY = "keluarga", _("Living with family")


class BloodType(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    AB = "AB", "AB"
    O = "O", "O"  # noqa: E741 - the blood group


class EmployeeQuerySet(models.QuerySet):
    def visible_to(self, user) -> EmployeeQuerySet:
        """Employees the user may read: their roles' unit scopes plus their own record.

        An employee without any other role sees only their own record; a unit
        admin sees their unit and its sub-units; regency-wide roles see all.
        """
        if not getattr(user, "is_authenticated", False):
            return self.none()
        scope = personnel_scope(user)
        if scope.everything:
            return self
        condition = Q(user_id=user.pk)
        for path in scope.unit_paths:
            condition |= Q(unit__path__startswith=path)
        return self.filter(condition)

    def active(self) -> EmployeeQuerySet:
        """In service: a legal status that counts as active (or none recorded)."""
        return self.filter(Q(legal_status__isnull=True) | Q(legal_status__counts_as_active=True))

    def aged(self, minimum: int | None = None, maximum: int | None = None,
             on: datetime.date | None = None) -> EmployeeQuerySet:
        """Aged ``minimum`` to ``maximum`` completed years on ``on`` (today), both
        inclusive; either bound may be None. Born 29 February: as ``career.age_on``."""
        on = on or timezone.localdate()
        queryset = self
        if minimum is not None:
            queryset = queryset.filter(birth_date__lte=years_before(on, minimum))
        if maximum is not None:
            queryset = queryset.filter(birth_date__gt=years_before(on, maximum + 1))
        return queryset

    def for_list(self) -> EmployeeQuerySet:
        """The joins the employee list shows, so it runs as one query."""
        return self.select_related("unit__agency", "golongan", "legal_status").only(
            "id", "nip", "name", "front_title", "back_title", "asn_kind", "position_name",
            "unit__name", "unit__agency__name", "unit__agency__short_name",
            "golongan__name", "golongan__pangkat",
            "legal_status__name", "legal_status__counts_as_active",
        )

    def search(self, text: str) -> EmployeeQuerySet:
        """Name or NIP, typed the way people copy them from documents.

        A NIP may carry spaces, dots or dashes and a leading "NIP"; its digits
        match from the start. Otherwise every word must appear in the name or
        the titles, in any order ("azhari abdul", "Drs. abdul", "abdul, S.Pd.").
        """
        text = (text or "").strip()
        digits = re.sub(r"^nip\.?\s*|[\s.\-]", "", text, flags=re.IGNORECASE)
        if re.fullmatch(r"[0-9]+", digits):
            return self.filter(nip__startswith=digits)
        words = [word for word in re.split(r"[\s,]+", text) if word]
        if not words:
            return self
        queryset = self.alias(search_text=SearchText())
        for word in words:
            queryset = queryset.filter(search_text__icontains=word)
        return queryset


class SearchText(Func):
    """The text the name search reads: name and titles joined by a space, so a
    word (never holding a space) matches within one of them, as before.
    PostgreSQL's trigram index ``people_employee_search_trgm`` (migration 0006)
    is on exactly ``UPPER((name || ' ' || front_title || ' ' || back_title)::text)``,
    what ``icontains`` writes on it: one index scan for a word instead of three
    (the titles' indexes cost 10 ms at 100,000 ASN for nothing, decision 222)."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = TextField()

    def __init__(self):
        super().__init__(F("name"), F("front_title"), F("back_title"))


def years_before(on: datetime.date, years: int) -> datetime.date:
    """The latest birth date of someone who is ``years`` old on ``on``."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February in a common year: born 28 February is that age
        return datetime.date(on.year - years, 2, 28)


class Employee(models.Model):
    """One civil servant: PNS, CPNS or PPPK."""

    nip = models.CharField("NIP", max_length=18, unique=True)
    nip_lama = models.CharField(_("old NIP"), max_length=9, blank=True)
    pns_id = models.CharField(_("SIASN id"), max_length=42, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    front_title = models.CharField(_("front title"), max_length=40, blank=True)
    back_title = models.CharField(_("back title"), max_length=60, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"))
    sex = models.ForeignKey("references.Sex", models.PROTECT, verbose_name=_("sex"))
    nik = models.CharField("NIK", max_length=16, unique=True, null=True, blank=True)
    religion = models.ForeignKey(
        "references.Religion", models.PROTECT, null=True, blank=True, verbose_name=_("religion"),
    )
    marital_status = models.ForeignKey(
        "references.MaritalStatus", models.PROTECT, null=True, blank=True,
        verbose_name=_("marital status"),
    )
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    npwp = models.CharField("NPWP", max_length=16, blank=True)
    bpjs = models.CharField(_("BPJS number"), max_length=20, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)

    # Asal usul (origin): may lie outside the regency, so kept as names.
    origin_province = models.CharField(_("province of origin"), max_length=100, blank=True)
    origin_regency = models.CharField(_("regency of origin"), max_length=100, blank=True)
    origin_district = models.CharField(_("district of origin"), max_length=100, blank=True)
    origin_village = models.CharField(_("village of origin"), max_length=100, blank=True)

    # Domisili (the address itself is ``address``).
    domicile_village = models.CharField(_("village (kelurahan/desa)"), max_length=100,
                                        blank=True)
    domicile_city = models.CharField(_("city/regency"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    house_ownership = models.CharField(
        _("house ownership"), max_length=10, blank=True, choices=HouseOwnership.choices,
    )

    # Informasi medis.
    blood_type = models.CharField(_("blood type"), max_length=3, blank=True,
                                  choices=BloodType.choices)
    height_cm = models.PositiveSmallIntegerField(_("height (cm)"), null=True, blank=True)
    weight_kg = models.PositiveSmallIntegerField(_("weight (kg)"), null=True, blank=True)
    disability = models.CharField(_("disability (if any)"), max_length=200, blank=True)

    asn_kind = models.CharField(_("ASN kind"), max_length=4, choices=AsnKind.choices)
    employee_type = models.ForeignKey(
        "references.EmployeeType", models.PROTECT, null=True, blank=True,
        verbose_name=_("employee type"),
    )
    legal_status = models.ForeignKey(
        "references.LegalStatus", models.PROTECT, null=True, blank=True,
        verbose_name=_("legal status"),
    )
    kartu_asn = models.CharField(_("ASN card number (KARPEG/KPE)"), max_length=30, blank=True)
    taspen_number = models.CharField(_("TASPEN number"), max_length=30, blank=True)
    appraiser = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("appraising official (pejabat penilai)"),
    )
    appraiser_superior = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("superior of the appraising official"),
    )
    sk_cpns_number = models.CharField(_("SK CPNS number"), max_length=100, blank=True)
    sk_cpns_date = models.DateField(_("SK CPNS date"), null=True, blank=True)
    tmt_cpns = models.DateField(_("TMT CPNS"), null=True, blank=True)
    sk_pns_number = models.CharField(_("SK PNS number"), max_length=100, blank=True)
    sk_pns_date = models.DateField(_("SK PNS date"), null=True, blank=True)
    tmt_pns = models.DateField(_("TMT PNS"), null=True, blank=True)
    initial_golongan = models.ForeignKey(
        "references.Golongan", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("initial golongan"),
    )
    golongan = models.ForeignKey(
        "references.Golongan", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("current golongan"),
    )
    tmt_golongan = models.DateField(_("TMT golongan"), null=True, blank=True)
    mk_years = models.PositiveSmallIntegerField(_("service years in grade"), default=0)
    mk_months = models.PositiveSmallIntegerField(_("service months in grade"), default=0)
    position_type = models.ForeignKey(
        "references.PositionType", models.PROTECT, null=True, blank=True,
        verbose_name=_("position type"),
    )
    position_name = models.CharField(_("position"), max_length=200, blank=True)
    functional_position = models.ForeignKey(
        "references.FunctionalPosition", models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("functional position (JF reference)"),
        help_text=_("The JF of the current position, whose BUP the reports use."),
    )
    echelon = models.ForeignKey(
        "references.Echelon", models.PROTECT, null=True, blank=True, verbose_name=_("echelon"),
    )
    tmt_position = models.DateField(_("TMT position"), null=True, blank=True)
    education_level = models.ForeignKey(
        "references.EducationLevel", models.PROTECT, null=True, blank=True,
        verbose_name=_("education level"),
    )
    education_name = models.CharField(_("education"), max_length=200, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True,
                                                       blank=True)
    unit = models.ForeignKey(
        "references.Unit", models.PROTECT, related_name="employees", verbose_name=_("unit"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
        related_name="employee", verbose_name=_("user account"),
    )
    findings = models.JSONField(
        _("findings for the verifier"), default=list, blank=True,
        help_text=_("Identity inconsistencies found when the record was written."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EmployeeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["name", "nip"]
        indexes = [
            # The list's order: deep pages read it instead of sorting everyone.
            models.Index(fields=["name", "nip"]),
            models.Index(fields=["unit", "name"]),
            models.Index(fields=["golongan", "name"]),
            models.Index(fields=["asn_kind", "name"]),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.nip})"

    def clean(self) -> None:
        """The appraiser is never the employee (defect 14); chains are checked
        by ``people.services`` where the whole chain is known."""
        if self.pk and self.pk in (self.appraiser_id, self.appraiser_superior_id):
            raise ValidationError(
                {"appraiser": "Pejabat penilai tidak boleh pegawai itu sendiri."})

    @property
    def display_name(self) -> str:
        """The name as written on documents: "Drs. AHMAD FAUZI, M.Si."."""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def nip_grouped(self) -> str:
        """The NIP as printed on SK and letters (``identity.group_nip``)."""
        return group_nip(self.nip)

    def age_on(self, on: datetime.date | None = None) -> int:
        on = on or timezone.localdate()
        b = self.birth_date
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))

    def service_length_on(self, on: datetime.date | None = None) -> tuple[int, int] | None:
        """Masa kerja keseluruhan from TMT CPNS, in (years, months)."""
        if not self.tmt_cpns:
            return None
        on = on or timezone.localdate()
        months = (on.year - self.tmt_cpns.year) * 12 + on.month - self.tmt_cpns.month
        if on.day < self.tmt_cpns.day:
            months -= 1
        months = max(months, 0)
        return months // 12, months % 12


# The appraisers are shown by name only (display_name): their other columns are
# not read with the employee (65 columns each); a page that wants one reads it lazily.
APPRAISER_UNREAD = tuple(
    f"{relation}__{field.name}" for relation in ("appraiser", "appraiser_superior")
    for field in Employee._meta.concrete_fields
    if field.name not in ("id", "name", "front_title", "back_title")
)


def get_employee_for_user_or_404(user, pk: int) -> Employee:
    """One employee the user may see; anything else is a 404, never a 403,
    so an id outside the user's scope does not reveal that it exists."""
    found = (
        with_held_rows(Employee.objects.visible_to(user))  # code tables from memory
        .select_related("unit__agency", "appraiser", "appraiser_superior")
        .defer(*APPRAISER_UNREAD)
        .filter(pk=pk)
        .order_by()  # one row by its key: first() would compile an ORDER BY (0.6 ms)
    )
    employee = next(iter(found), None)
    if employee is None:
        raise Http404
    return employee
