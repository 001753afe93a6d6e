"""Master data ("Data Master"): national code tables and the organisation tree.

Every list is a table with a code, a name, an active flag and validity dates
(R-DATA-4): seeded with the BKN/SIASN codes by data migration, editable later,
never hard-coded in logic.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


def _valid_on(on: datetime.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )


class CodeTableQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> CodeTableQuerySet:
        """Entries in use on a date (today by default): active and within validity."""
        return self.filter(_valid_on(on or timezone.localdate()), is_active=True)


class CodeTable(models.Model):
    """Common columns of every national code list."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = CodeTableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Golongan(CodeTable):
    """Civil-service grade: PNS 11–45 (I/a–IV/e) and PPPK I–XVII."""

    class Scheme(models.TextChoices):
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"

    scheme = models.CharField(_("scheme"), max_length=4, choices=Scheme.choices)
    pangkat = models.CharField(_("rank title (pangkat)"), max_length=60, blank=True)

    class Meta(CodeTable.Meta):
        verbose_name = _("golongan")
        verbose_name_plural = _("golongan")

    def __str__(self) -> str:
        return f"{self.name} {self.pangkat}".strip() if self.pangkat else self.name


class Religion(CodeTable):
    class Meta(CodeTable.Meta):
        verbose_name = _("religion")
        verbose_name_plural = _("religions")


class MaritalStatus(CodeTable):
    class Meta(CodeTable.Meta):
        verbose_name = _("marital status")
        verbose_name_plural = _("marital statuses")


class Sex(CodeTable):
    """Jenis kelamin, coded as SIASN does: M (laki-laki) and F (perempuan)."""

    class Meta(CodeTable.Meta):
        verbose_name = _("sex")
        verbose_name_plural = _("sexes")


class EmployeeType(CodeTable):
    """Jenis pegawai (SIASN jenisPegawai), e.g. 15 = PNS Daerah Kab./Kota."""

    class Meta(CodeTable.Meta):
        verbose_name = _("employee type")
        verbose_name_plural = _("employee types")


class LegalStatus(CodeTable):
    """Kedudukan hukum (SIASN kedudukanHukum), e.g. 01 = Aktif."""

    counts_as_active = models.BooleanField(_("counts as active"), default=False)

    class Meta(CodeTable.Meta):
        verbose_name = _("legal status")
        verbose_name_plural = _("legal statuses")


class PositionType(CodeTable):
    """Jenis jabatan: struktural, fungsional tertentu, rangkap, pelaksana."""

    class Meta(CodeTable.Meta):
        verbose_name = _("position type")
        verbose_name_plural = _("position types")


class FunctionalPosition(CodeTable):
    """Jabatan fungsional (SIASN jabatanFungsional) with its own BUP (``usiaBup``).

    One row per JF and jenjang as SIASN lists them ("Dokter Ahli Madya"); the
    BUP is read from here before the table of domain.md §5.1, because SIASN
    gives some JF 62 or 70. ``siasn_id`` is the id the SIASN export writes in
    ``jabatan_id`` for a functional position; the importer links by it.
    """

    siasn_id = models.CharField(_("SIASN jabatan id"), max_length=42, blank=True,
                                db_index=True)
    retirement_age = models.PositiveSmallIntegerField(
        _("retirement age (BUP)"), validators=[MinValueValidator(50), MaxValueValidator(75)],
        help_text=_("SIASN usiaBup: mostly 58, 60 or 65; a few 62; special positions 70."),
    )

    class Meta(CodeTable.Meta):
        verbose_name = _("functional position")
        verbose_name_plural = _("functional positions")
        ordering = ["name", "code"]


class Echelon(CodeTable):
    """Eselon with the golongan range PP 13/2002 allows for it."""

    asn_name = models.CharField(_("ASN-law name"), max_length=60, blank=True)
    lowest_golongan = models.ForeignKey(
        Golongan, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("lowest golongan"),
    )
    highest_golongan = models.ForeignKey(
        Golongan, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("highest golongan"),
    )

    class Meta(CodeTable.Meta):
        verbose_name = _("echelon")
        verbose_name_plural = _("echelons")


class EducationLevel(CodeTable):
    """Tingkat pendidikan with the starting and ceiling golongan (PP 99/2000)."""

    initial_golongan = models.ForeignKey(
        Golongan, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("initial golongan"),
    )
    ceiling_golongan = models.ForeignKey(
        Golongan, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("ceiling golongan by regular promotion"),
    )

    class Meta(CodeTable.Meta):
        verbose_name = _("education level")
        verbose_name_plural = _("education levels")


class TrainingType(CodeTable):
    """Jenis diklat (SIASN jenisDiklat): 1 struktural, 2 fungsional, 3 teknis …"""

    class Meta(CodeTable.Meta):
        verbose_name = _("training type")
        verbose_name_plural = _("training types")


class StructuralTraining(CodeTable):
    """Latihan struktural / kepemimpinan (SIASN latihanStruktural)."""

    class Meta(CodeTable.Meta):
        verbose_name = _("structural training")
        verbose_name_plural = _("structural trainings")


class PenaltyType(CodeTable):
    """Jenis hukuman disiplin: PP 94/2021 and the legacy PP 53/2010 ids."""

    class Level(models.TextChoices):
        LIGHT = "R", _("Light (ringan)")
        MEDIUM = "S", _("Medium (sedang)")
        HEAVY = "B", _("Heavy (berat)")
        OTHER = "-", _("Other")

    level = models.CharField(_("level"), max_length=1, choices=Level.choices)
    regulation = models.CharField(_("regulation"), max_length=20, blank=True)

    class Meta(CodeTable.Meta):
        verbose_name = _("disciplinary penalty type")
        verbose_name_plural = _("disciplinary penalty types")


class AwardType(CodeTable):
    class Meta(CodeTable.Meta):
        verbose_name = _("award type")
        verbose_name_plural = _("award types")


class LeaveType(CodeTable):
    """Jenis cuti (PP 11/2017 jo. PP 17/2020)."""

    class Meta(CodeTable.Meta):
        verbose_name = _("leave type")
        verbose_name_plural = _("leave types")


class PromotionType(CodeTable):
    """Jenis kenaikan pangkat (SIASN kenaikanPangkat): 101 reguler, 2xx pilihan."""

    class Meta(CodeTable.Meta):
        verbose_name = _("promotion type")
        verbose_name_plural = _("promotion types")


class AssignmentType(CodeTable):
    """Jenis penugasan: definitif, Plt, Plh, Pj, tugas tambahan."""

    class Meta(CodeTable.Meta):
        verbose_name = _("assignment type")
        verbose_name_plural = _("assignment types")


class PensionType(CodeTable):
    class Meta(CodeTable.Meta):
        verbose_name = _("pension type")
        verbose_name_plural = _("pension types")


class TerminationType(CodeTable):
    """Jenis pemberhentian."""

    class Meta(CodeTable.Meta):
        verbose_name = _("termination type")
        verbose_name_plural = _("termination types")


class Region(CodeTable):
    """Kemendagri region (wilayah): province, regency, district, village."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency/city")
        DISTRICT = "district", _("District (kecamatan)")
        VILLAGE = "village", _("Village (desa/kelurahan)")

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent"),
    )

    class Meta(CodeTable.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


AGENCY_DEPTH = 2  # the regency is the root; its children are the OPD


class UnitQuerySet(MP_NodeQuerySet):
    def current(self, on: datetime.date | None = None) -> UnitQuerySet:
        """Units that exist on a date (today by default)."""
        return self.filter(_valid_on(on or timezone.localdate()))

    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        """The unit and all its descendants: one indexed prefix match on the path."""
        return self.filter(path__startswith=unit.path)

    def under_any(self, paths: Iterable[str]) -> UnitQuerySet:
        """Units in any of the subtrees whose roots have these paths."""
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(path__startswith=path)
        return self.filter(condition)


class UnitManager(MP_NodeManager):
    def get_queryset(self) -> UnitQuerySet:
        # treebeard's manager builds its own queryset class; keep its path order.
        return UnitQuerySet(self.model, using=self._db).order_by("path")

    def current(self, on: datetime.date | None = None) -> UnitQuerySet:
        return self.get_queryset().current(on)

    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        return self.get_queryset().subtree_of(unit)


class Unit(MP_Node):
    """Unit kerja: an effective-dated tree of OPD, bidang, UPT, Korwil, offices.

    The materialised path (``path``) makes "this unit and everything under it"
    a single ``path LIKE 'prefix%'`` query; access scoping relies on that.
    A reorganisation closes a unit (``valid_to``) and opens a new one, so
    history rows keep the unit of their time.
    """

    class Kind(models.TextChoices):
        REGENCY = "regency", _("Regional government")
        SECRETARIAT = "secretariat", _("Secretariat")
        AGENCY = "agency", _("Agency (badan)")
        OFFICE = "office", _("Office (dinas)")
        INSPECTORATE = "inspectorate", _("Inspectorate")
        DIVISION = "division", _("Division (bidang/bagian)")
        SUBUNIT = "subunit", _("Sub-unit")
        TECHNICAL = "technical", _("Technical unit (UPT/UPTD)")
        DISTRICT_COORDINATOR = "korwil", _("District coordinator (Korwil)")
        DISTRICT_OFFICE = "district", _("District office (kecamatan)")
        HOSPITAL = "hospital", _("Hospital")
        SCHOOL = "school", _("School")
        HEALTH_CENTRE = "puskesmas", _("Health centre (puskesmas)")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    head_echelon = models.ForeignKey(
        Echelon, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("echelon of its head"),
    )
    region = models.ForeignKey(
        Region, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("region"),
    )
    agency = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("agency (OPD)"),
        help_text=_("The OPD this unit belongs to; an OPD points to itself."),
    )
    siasn_id = models.CharField(_("SIASN unor id"), max_length=42, blank=True, db_index=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = UnitManager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def is_agency(self) -> bool:
        """An OPD: the units directly below the regency root."""
        return self.depth == AGENCY_DEPTH

    @property
    def label(self) -> str:
        """The name with its OPD, so "Sekretariat" says whose secretariat it is."""
        if self.agency_id and self.agency_id != self.pk:
            return f"{self.name} · {self.agency.short_name or self.agency.name}"
        return self.name
