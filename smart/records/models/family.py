"""Data keluarga: spouse(s), children, parents, parents-in-law, siblings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from smart.records.models.base import RecordEntry


class Relation(models.TextChoices):
    HUSBAND = "suami", _("Husband")
    WIFE = "istri", _("Wife")
    FATHER = "ayah", _("Father")
    MOTHER = "ibu", _("Mother")
    FATHER_IN_LAW = "ayah_mertua", _("Father-in-law")
    MOTHER_IN_LAW = "ibu_mertua", _("Mother-in-law")


def _choices(*members: Relation) -> list[tuple[str, str]]:
    return [(m.value, m.label) for m in members]


class FamilyMember(RecordEntry):
    name = models.CharField(_("name"), max_length=200)
    birth_place = models.CharField(_("place of birth"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)

    class Meta(RecordEntry.Meta):
        abstract = True
        ordering = ["birth_date", "name"]

    def __str__(self) -> str:
        return self.name


class Spouse(FamilyMember):
    class CivilServantStatus(models.TextChoices):
        PNS = "pns", "PNS"
        PPPK = "pppk", "PPPK"
        TNI_POLRI = "tni_polri", "TNI/Polri"
        NOT = "bukan", _("Not a civil servant")

    nik = models.CharField("NIK", max_length=16, blank=True)
    relation = models.CharField(_("relation"), max_length=12,
                                choices=_choices(Relation.HUSBAND, Relation.WIFE))
    marital_status = models.ForeignKey(
        "references.MaritalStatus", models.PROTECT, null=True, blank=True,
        verbose_name=_("marital status"),
    )
    marriage_date = models.DateField(_("date of marriage"), null=True, blank=True)
    marriage_certificate = models.CharField(_("marriage certificate number"), max_length=100,
                                            blank=True)
    receives_allowance = models.BooleanField(_("receives family allowance"), default=False)
    bpjs = models.CharField(_("BPJS number"), max_length=20, blank=True)
    civil_servant_status = models.CharField(
        _("spouse's civil-servant status"), max_length=10, choices=CivilServantStatus.choices,
        default=CivilServantStatus.NOT,
    )
    civil_servant_nip = models.CharField(_("spouse's NIP"), max_length=18, blank=True)

    class Meta(FamilyMember.Meta):
        verbose_name = _("spouse")
        verbose_name_plural = _("spouses")


class Child(FamilyMember):
    class ChildMaritalStatus(models.TextChoices):
        SINGLE = "belum_kawin", _("Not married")
        MARRIED = "kawin", _("Married")
        DIVORCED = "cerai", _("Divorced")

    nik = models.CharField("NIK", max_length=16, blank=True)
    sex = models.ForeignKey("references.Sex", models.PROTECT, verbose_name=_("sex"))
    marital_status = models.CharField(
        _("marital status"), max_length=12, choices=ChildMaritalStatus.choices,
        default=ChildMaritalStatus.SINGLE,
    )
    receives_allowance = models.BooleanField(_("receives child allowance"), default=False)
    bpjs = models.CharField(_("BPJS number"), max_length=20, blank=True)

    class Meta(FamilyMember.Meta):
        verbose_name = _("child")
        verbose_name_plural = _("children")


class Relative(FamilyMember):
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    education = models.ForeignKey(
        "references.EducationLevel", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("education"),
    )

    class Meta(FamilyMember.Meta):
        abstract = True


class Parent(Relative):
    relation = models.CharField(_("relation"), max_length=12,
                                choices=_choices(Relation.FATHER, Relation.MOTHER))

    class Meta(Relative.Meta):
        verbose_name = _("parent (father or mother)")
        verbose_name_plural = _("parents")


class ParentInLaw(Relative):
    relation = models.CharField(_("relation"), max_length=12,
                                choices=_choices(Relation.FATHER_IN_LAW,
                                                 Relation.MOTHER_IN_LAW))

    class Meta(Relative.Meta):
        verbose_name = _("parent-in-law")
        verbose_name_plural = _("parents-in-law")


class Sibling(Relative):
    sex = models.ForeignKey("references.Sex", models.PROTECT, verbose_name=_("sex"))

    class Meta(Relative.Meta):
        verbose_name = _("sibling")
        verbose_name_plural = _("siblings")
