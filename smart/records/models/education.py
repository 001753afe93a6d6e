"""Data pendidikan: formal and non-formal education, structural, functional and
technical training (diklat) with JP hours and certificate (STTP) data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from smart.records.models.base import RecordEntry, check_date_order

END_BEFORE_START = "Tanggal selesai tidak boleh sebelum tanggal mulai."


class FormalEducation(RecordEntry):
    education_level = models.ForeignKey(
        "references.EducationLevel", models.PROTECT, related_name="+",
        verbose_name=_("education level"),
    )
    programme = models.CharField(_("programme / major"), max_length=200, blank=True)
    certificate_number = models.CharField(_("diploma number"), max_length=100, blank=True)
    certificate_date = models.DateField(_("diploma date"), null=True, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True,
                                                       blank=True)
    institution_name = models.CharField(_("institution"), max_length=200)
    institution_head = models.CharField(_("head of institution"), max_length=200, blank=True)
    institution_location = models.CharField(_("institution location"), max_length=200,
                                            blank=True)
    front_title = models.CharField(_("front title obtained"), max_length=40, blank=True)
    back_title = models.CharField(_("back title obtained"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("formal education")
        verbose_name_plural = _("formal education")
        ordering = ["-certificate_date", "-graduation_year"]

    def __str__(self) -> str:
        return f"{self.education_level} {self.institution_name}"


class NonFormalEducation(RecordEntry):
    level = models.CharField(_("level"), max_length=100)
    certificate_number = models.CharField(_("certificate number"), max_length=100,
                                          blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    certificate_date = models.DateField(_("certificate date"), null=True, blank=True)
    institution_name = models.CharField(_("institution"), max_length=200)
    institution_head = models.CharField(_("head of institution"), max_length=200, blank=True)
    institution_location = models.CharField(_("institution location"), max_length=200,
                                            blank=True)

    class Meta:
        verbose_name = _("non-formal education")
        verbose_name_plural = _("non-formal education")
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return f"{self.level} {self.institution_name}"

    def clean(self) -> None:
        check_date_order(self, "start_date", "end_date", END_BEFORE_START)


class Training(RecordEntry):
    """A diklat with its STTP (certificate of completion)."""

    name = models.CharField(_("training name"), max_length=200)
    sttp_number = models.CharField(_("STTP number"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    sttp_date = models.DateField(_("STTP date"), null=True, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours (JP)"), null=True, blank=True)
    signing_official = models.CharField(_("position of the signing official"),
                                        max_length=200, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_date_order(self, "start_date", "end_date", END_BEFORE_START)


class StructuralTrainingRecord(Training):
    structural_training = models.ForeignKey(
        "references.StructuralTraining", models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("structural training level"),
    )

    class Meta(Training.Meta):
        verbose_name = _("structural training")
        verbose_name_plural = _("structural trainings")


class FunctionalTraining(Training):
    class Meta(Training.Meta):
        verbose_name = _("functional training")
        verbose_name_plural = _("functional trainings")


class TechnicalTraining(Training):
    training_type = models.ForeignKey(
        "references.TrainingType", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("training type"),
    )

    class Meta(Training.Meta):
        verbose_name = _("technical training")
        verbose_name_plural = _("technical trainings")
