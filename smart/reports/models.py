"""What the reports keep: saved nominatif views, the report layout the Super
Administrator configures (Pasal 11h) with its named column sets, and the usage
log of every report page and file (Pasal 22(3))."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smart.access.policies import personnel_scope
from smart.references.models import Unit


class Sharing(models.TextChoices):
    PRIVATE = "private", _("Only me")
    UNIT = "unit", _("My unit")
    REGENCY = "regency", _("BKPP and every report reader of the regency")


class SavedViewQuerySet(models.QuerySet):
    def visible_to(self, user) -> SavedViewQuerySet:
        """The user's own views, the regency-wide shared ones, and those shared
        with a unit that overlaps the user's report scope. A view holds filters
        and columns only: opening it shows the viewer's own scope."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        scope = personnel_scope(user)
        if scope.is_empty:
            return self.filter(owner=user)
        shared = Q(sharing=Sharing.REGENCY)
        if scope.everything:
            shared |= Q(sharing=Sharing.UNIT)
        else:
            for path in scope.unit_paths:
                # Shared with a unit above or below one of the user's units.
                shared |= Q(sharing=Sharing.UNIT, shared_unit__path__startswith=path)
                step = Unit.steplen
                ancestors = [path[:i] for i in range(step, len(path), step)]
                if ancestors:
                    shared |= Q(sharing=Sharing.UNIT, shared_unit__path__in=ancestors)
        return self.filter(Q(owner=user) | shared)


class SavedView(models.Model):
    """A daftar nominatif as a user saved it: its filters and columns, by name."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+",
                              verbose_name=_("owner"))
    name = models.CharField(_("name"), max_length=100)
    query = models.JSONField(_("filters and columns"), default=dict)
    sharing = models.CharField(_("shared with"), max_length=10, choices=Sharing.choices,
                               default=Sharing.PRIVATE)
    shared_unit = models.ForeignKey("references.Unit", models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("shared with unit"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SavedViewQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="reports_view_name_per_owner"),
        ]

    def __str__(self) -> str:
        return self.name


class ReportLayout(models.Model):
    """The one layout of printed reports (Pasal 11h): letterhead and signer.

    Only one row is ever used (``reports.layout.current_layout``); empty fields
    fall back to the built-in defaults, and an empty signer name to the head of
    the signing unit found in the personnel data."""

    letterhead_1 = models.CharField(_("letterhead, line 1"), max_length=150, blank=True)
    letterhead_2 = models.CharField(_("letterhead, line 2"), max_length=150, blank=True)
    letterhead_3 = models.CharField(_("letterhead, line 3 (address)"), max_length=200,
                                    blank=True)
    logo_text = models.CharField(_("text in place of the logo"), max_length=40, blank=True)
    signer_title = models.CharField(_("signing official's position"), max_length=150,
                                    blank=True)
    signer_name = models.CharField(_("signing official's name"), max_length=150, blank=True)
    signer_nip = models.CharField(_("signing official's NIP"), max_length=21, blank=True)
    signer_pangkat = models.CharField(_("signing official's rank"), max_length=80,
                                      blank=True)
    place = models.CharField(_("place of signing"), max_length=80, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("report layout")
        verbose_name_plural = _("report layouts")

    def __str__(self) -> str:
        return "Tata letak laporan"


class ColumnSet(models.Model):
    """A named set of nominatif columns the Super Administrator offers to everyone."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    columns = models.JSONField(_("columns"), default=list)

    class Meta:
        verbose_name = _("column set")
        verbose_name_plural = _("column sets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UseKind(models.TextChoices):
    PAGE = "page", _("Page")
    FILE = "file", _("File")
    API = "api", _("API")


class ReportUse(models.Model):
    """One use of a report: who opened which report or file, of what data."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                             related_name="+", verbose_name=_("user"))
    user_label = models.CharField(_("user"), max_length=200)
    report = models.CharField(_("report"), max_length=60, db_index=True)
    kind = models.CharField(_("kind"), max_length=5, choices=UseKind.choices)
    data_label = models.CharField(_("data"), max_length=300, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    filename = models.CharField(_("file"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("report use")
        verbose_name_plural = _("report uses")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report} {self.user_label} {self.at:%Y-%m-%d}"
