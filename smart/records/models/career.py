"""Data mutasi: rank and position history, discipline, awards, leave, Plt/Plh."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smart.records.models.base import RecordEntry, check_date_order, check_not_before_tmt_cpns

END_BEFORE_START = "Tanggal selesai tidak boleh sebelum tanggal mulai."
ACTING = ("PLT", "PLH", "TT")


class Decree(RecordEntry):
    """An entry backed by an SK (decree): number, date and who signed it."""

    sk_number = models.CharField(_("SK number"), max_length=100)
    sk_date = models.DateField(_("SK date"))
    signing_official = models.CharField(_("position of the signing official"),
                                        max_length=200, blank=True)

    class Meta:
        abstract = True


class RankHistory(Decree):
    """Riwayat kepangkatan: one golongan with its SK and masa kerja golongan."""

    golongan = models.ForeignKey("references.Golongan", models.PROTECT, related_name="+",
                                 verbose_name=_("golongan"))
    promotion_type = models.ForeignKey(
        "references.PromotionType", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("promotion type"),
    )
    tmt = models.DateField("TMT")
    mk_years = models.PositiveSmallIntegerField(_("service years in grade"), default=0)
    mk_months = models.PositiveSmallIntegerField(_("service months in grade"), default=0)
    unit = models.ForeignKey("references.Unit", models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("unit"))
    bkn_approval_number = models.CharField(_("BKN technical approval (pertek) number"),
                                           max_length=100, blank=True)
    bkn_approval_date = models.DateField(_("BKN technical approval date"), null=True,
                                         blank=True)

    class Meta:
        verbose_name = _("rank history")
        verbose_name_plural = _("rank history")
        ordering = ["-tmt"]
        indexes = [models.Index(fields=["employee", "-tmt"])]

    def __str__(self) -> str:
        return f"{self.golongan} TMT {self.tmt:%d-%m-%Y}"

    def clean(self) -> None:
        check_not_before_tmt_cpns(self, "tmt", "TMT golongan")
        if self.employee_id and self.tmt and RankHistory.objects.filter(
                employee_id=self.employee_id, tmt=self.tmt).exclude(pk=self.pk).exists():
            raise ValidationError({"tmt": (
                f"Sudah ada riwayat pangkat dengan TMT {self.tmt:%d-%m-%Y}; "
                "perbaiki data itu alih-alih menambah yang baru.")})
        if self.mk_months is not None and self.mk_months > 11:
            raise ValidationError({"mk_months": "Masa kerja bulan harus 0 sampai 11."})


class PositionHistory(Decree):
    """Riwayat jabatan."""

    position_name = models.CharField(_("position"), max_length=200)
    position_type = models.ForeignKey("references.PositionType", models.PROTECT,
                                      related_name="+", verbose_name=_("position type"))
    echelon = models.ForeignKey("references.Echelon", models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("echelon"))
    functional_level = models.CharField(_("functional level (jenjang)"), max_length=40,
                                        blank=True)
    golongan = models.ForeignKey("references.Golongan", models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("golongan"))
    unit = models.ForeignKey("references.Unit", models.PROTECT, related_name="+",
                             verbose_name=_("unit"))
    tmt = models.DateField("TMT")
    installation_date = models.DateField(_("installation date (pelantikan)"), null=True,
                                         blank=True)
    assignment_type = models.ForeignKey(
        "references.AssignmentType", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("assignment type"),
    )

    class Meta:
        verbose_name = _("position history")
        verbose_name_plural = _("position history")
        ordering = ["-tmt"]
        indexes = [models.Index(fields=["employee", "-tmt"])]

    def __str__(self) -> str:
        return f"{self.position_name} TMT {self.tmt:%d-%m-%Y}"

    def clean(self) -> None:
        check_not_before_tmt_cpns(self, "tmt", "TMT jabatan")
        # Two definitive positions cannot start on the same day; Plt/Plh and
        # additional duties run alongside a definitive position.
        definitive = ~Q(assignment_type__code__in=ACTING)
        if (self.employee_id and self.tmt and self.assignment_type_code not in ACTING
                and PositionHistory.objects.filter(definitive, employee_id=self.employee_id,
                                                   tmt=self.tmt)
                .exclude(pk=self.pk).exists()):
            raise ValidationError({"tmt": (
                f"Sudah ada jabatan definitif dengan TMT {self.tmt:%d-%m-%Y}; dua jabatan "
                "definitif tidak dapat dimulai pada hari yang sama.")})

    @property
    def assignment_type_code(self) -> str | None:
        return self.assignment_type.code if self.assignment_type_id else None


class DisciplinaryPenalty(Decree):
    """Riwayat hukuman disiplin (PP 94/2021)."""

    penalty_type = models.ForeignKey("references.PenaltyType", models.PROTECT,
                                     related_name="+", verbose_name=_("penalty"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    violation = models.TextField(_("violation"), blank=True)

    class Meta:
        verbose_name = _("disciplinary penalty")
        verbose_name_plural = _("disciplinary penalties")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return str(self.penalty_type)

    def clean(self) -> None:
        check_date_order(self, "start_date", "end_date", END_BEFORE_START)


class Award(Decree):
    """Riwayat penghargaan."""

    award_type = models.ForeignKey("references.AwardType", models.PROTECT, related_name="+",
                                   verbose_name=_("award type"))
    name = models.CharField(_("award name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    institution = models.CharField(_("awarding institution"), max_length=200, blank=True)
    institution_location = models.CharField(_("institution location"), max_length=200,
                                            blank=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-sk_date"]

    def __str__(self) -> str:
        return self.name


class LeaveRecord(RecordEntry):
    """Riwayat cuti."""

    leave_type = models.ForeignKey("references.LeaveType", models.PROTECT, related_name="+",
                                   verbose_name=_("leave type"))
    letter_number = models.CharField(_("letter number"), max_length=100)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave history")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.leave_type} {self.start_date:%d-%m-%Y}"

    def clean(self) -> None:
        check_date_order(self, "start_date", "end_date", END_BEFORE_START)


class ActingAppointment(RecordEntry):
    """Riwayat Plt/Plh (Pasal 33)."""

    assignment_type = models.ForeignKey("references.AssignmentType", models.PROTECT,
                                        related_name="+", verbose_name=_("Plt/Plh"))
    position_name = models.CharField(_("position"), max_length=200)
    unit = models.ForeignKey("references.Unit", models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("unit"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    sk_number = models.CharField(_("appointment letter number"), max_length=100, blank=True)
    sk_date = models.DateField(_("appointment letter date"), null=True, blank=True)

    class Meta:
        verbose_name = _("acting appointment (Plt/Plh)")
        verbose_name_plural = _("acting appointments (Plt/Plh)")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.assignment_type} {self.position_name}"

    def clean(self) -> None:
        check_date_order(self, "start_date", "end_date", END_BEFORE_START)
