"""What the operations jobs did: one row per backup, restore drill and archive check.

The health endpoint reads the last successful backup from here, and the system
manager sees the last drill and archive check (R-PROC-4). Rows are written by
``smart.operations`` services only, together with their audit event.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.TextChoices):
    BACKUP = "backup", _("backup")
    RESTORE_DRILL = "restore-drill", _("restore drill")
    ARCHIVE_CHECK = "archive-check", _("archive check")


class OperationRunQuerySet(models.QuerySet):
    def last_successful(self, job: str) -> OperationRun | None:
        return self.filter(job=job, ok=True).order_by("-finished_at", "-pk").first()

    def last(self, job: str) -> OperationRun | None:
        return self.filter(job=job).order_by("-finished_at", "-pk").first()


class OperationRun(models.Model):
    job = models.CharField(_("job"), max_length=20, choices=Job.choices)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    ok = models.BooleanField(_("succeeded"))
    # The archive's file name (never a path), e.g. "smart-20260302T020000Z.tar.gz.gpg".
    archive = models.CharField(_("archive"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = OperationRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("operations run")
        verbose_name_plural = _("operations runs")
        ordering = ["-finished_at", "-pk"]
        indexes = [models.Index(fields=["job", "ok", "finished_at"])]

    def __str__(self) -> str:
        return f"{self.get_job_display()} {self.finished_at:%Y-%m-%d %H:%M} ({self.ok})"

    @property
    def duration_seconds(self) -> float:
        return (self.finished_at - self.started_at).total_seconds()


class ScheduledRun(models.Model):
    """One scheduled occasion of a periodic job, claimed by the worker that runs it.

    ``due_at`` is the scheduled instant served; a unique pair means two workers
    (or a worker and a catch-up after downtime) never run the same occasion twice.
    """

    schedule = models.CharField(_("schedule"), max_length=40)
    due_at = models.DateTimeField(_("due at"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    ok = models.BooleanField(_("succeeded"), null=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-due_at"]
        constraints = [models.UniqueConstraint(fields=["schedule", "due_at"],
                                               name="one_run_per_occasion")]

    def __str__(self) -> str:
        return f"{self.schedule} {self.due_at:%Y-%m-%d %H:%M}"
