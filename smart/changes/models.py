"""Change requests (usulan pemutakhiran data) and their stage history.

The record changes only when a verifier validates (R-PROC-2). A request holds
the target (a record kind and entry, or none for a new entry), the proposed
values as a JSON snapshot, the values it was based on (to detect a target that
changed meanwhile), and one ``StageEvent`` row per move.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smart.access.fields import KIND_CLASSES, class_scope
from smart.people.models import Employee


class Stage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the unit admin")
    RETURNED = "returned", _("Returned as incomplete")
    VERIFICATION = "verification", _("In verification")
    CLARIFICATION = "clarification", _("Clarification requested")
    VERIFIED = "verified", _("Verified")
    SYNCHRONISED = "synchronised", _("Synchronised with SIASN")
    VALIDATED = "validated", _("Validated")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


CLOSED_STAGES = (Stage.VALIDATED, Stage.REJECTED, Stage.WITHDRAWN)
OPEN_STAGES = tuple(s for s in Stage if s not in CLOSED_STAGES)


class Action(models.TextChoices):
    ADD = "add", _("Add an entry")
    CORRECT = "correct", _("Correct an entry")
    REMOVE = "remove", _("Remove an entry")


class ChangeRequestQuerySet(models.QuerySet):
    def open(self) -> ChangeRequestQuerySet:
        return self.filter(stage__in=OPEN_STAGES)

    def visible_to(self, user) -> ChangeRequestQuerySet:
        """Requests about employees the user may read, plus the user's own
        proposals; a draft is the proposer's alone until it is sent."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            (Q(employee__in=Employee.objects.visible_to(user).values("pk"))
             & ~Q(stage=Stage.DRAFT)) | Q(proposer=user)
        )

    def readable_by(self, user) -> ChangeRequestQuerySet:
        """What a list or page may show the user: ``visible_to`` without the
        requests about record kinds hidden from them (counts use ``visible_to``)."""
        return self.visible_to(user).without_hidden_kinds(user)

    def without_hidden_kinds(self, user) -> ChangeRequestQuerySet:
        """Without the requests about record kinds that the user's field classes
        hide for that employee (``KIND_CLASSES``: discipline records), as the
        detail page and ``records.privacy.hidden_kinds`` hide them; the user's
        own proposals and requests about their own record stay."""
        queryset = self
        for slug, field_class in KIND_CLASSES.items():
            scope = class_scope(user, field_class)
            if scope.everything:
                continue
            shown = Q(proposer=user) | Q(employee__user=user)
            for path in scope.unit_paths:
                shown |= Q(employee__unit__path__startswith=path)
            queryset = queryset.filter(~Q(kind=slug) | shown)
        return queryset

    def for_list(self) -> ChangeRequestQuerySet:
        """The columns the request tables show (changes/_table.html): the
        employee's 65 columns and the proposer are not read, which also spares
        compiling a 120-column SELECT on every page (issue 10)."""
        return self.select_related("employee__unit__agency").only(
            "kind", "action", "stage", "submitted_at", "forward_deadline", "close_deadline",
            "created_at", "employee__name", "employee__unit__name",
            "employee__unit__agency__name", "employee__unit__agency__short_name")


_STAGE_LABELS, _ACTION_LABELS = dict(Stage.choices), dict(Action.choices)


class ChangeRequest(models.Model):
    employee = models.ForeignKey("people.Employee", models.PROTECT, related_name="+",
                                 verbose_name=_("employee"))
    kind = models.CharField(_("record kind"), max_length=40)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    target_id = models.PositiveBigIntegerField(_("entry"), null=True, blank=True)
    proposed = models.JSONField(_("proposed values"), default=dict, blank=True)
    based_on = models.JSONField(_("values at the time of the proposal"), default=dict,
                                blank=True)
    note = models.TextField(_("note from the proposer"), blank=True)
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                 verbose_name=_("proposer"))
    stage = models.CharField(_("stage"), max_length=15, choices=Stage.choices,
                             default=Stage.DRAFT, db_index=True)
    route = models.CharField(
        _("route"), max_length=20, default="perbup-35-2020",
        help_text=_("The stage rules the request started with; kept for in-flight requests."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    document_received_on = models.DateField(_("document received on"), null=True, blank=True)
    forward_deadline = models.DateField(_("forward to the verifier by"), null=True, blank=True)
    close_deadline = models.DateField(_("complete by"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    applied_entry_id = models.PositiveBigIntegerField(_("applied entry"), null=True,
                                                      blank=True)
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="+",
                                       verbose_name=_("supporting documents"))
    # The proposal form's one-time key: a double click or a replayed POST
    # finds the request the first one made (attack case 19b).
    submission_key = models.UUIDField(_("submission key"), null=True, blank=True,
                                      editable=False)

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["stage", "forward_deadline"])]
        constraints = [
            # One open request per target entry at a time.
            models.UniqueConstraint(
                fields=["kind", "target_id"], condition=Q(stage__in=OPEN_STAGES),
                name="changes_one_open_request_per_entry",
            ),
            models.UniqueConstraint(
                fields=["proposer", "submission_key"],
                name="changes_one_request_per_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"Usulan #{self.pk} {self.kind} ({self.get_stage_display()})"

    # Django's get_FOO_display builds a dict of every choice on each call, hashing
    # (and so translating) every lazy label: 500 translations on a queue page of
    # 25 rows. One lookup in a dict made once; an unknown value shows as stored.
    def get_stage_display(self) -> str:
        return str(_STAGE_LABELS.get(self.stage, self.stage))

    def get_action_display(self) -> str:
        return str(_ACTION_LABELS.get(self.action, self.action))

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    @property
    def waiting_for(self) -> str:
        """Who must act now, in words for the page."""
        return {
            Stage.DRAFT: "Pengusul (belum dikirim)",
            Stage.SUBMITTED: "Admin OPD",
            Stage.RETURNED: "Pengusul (melengkapi usulan)",
            Stage.CLARIFICATION: "Pengusul (menjawab klarifikasi)",
            Stage.VERIFICATION: "Verifikator BKPP",
            Stage.VERIFIED: "Verifikator BKPP",
            Stage.SYNCHRONISED: "Verifikator BKPP",
        }.get(self.stage, "")

    @property
    def current_deadline(self):
        """The deadline of the step now: forwarding while at the unit admin,
        otherwise the closing deadline of the whole update."""
        if not self.is_open:
            return None
        return self.forward_deadline if self.stage == Stage.SUBMITTED else self.close_deadline

    @property
    def kind_label(self) -> str:
        from smart.changes.targets import target_for  # targets builds on the registry

        target = target_for(self.kind)
        return str(target.label) if target else self.kind


class StageEvent(models.Model):
    request = models.ForeignKey(ChangeRequest, models.CASCADE, related_name="events",
                                verbose_name=_("change request"))
    from_stage = models.CharField(_("from"), max_length=15, choices=Stage.choices,
                                  blank=True)
    to_stage = models.CharField(_("to"), max_length=15, choices=Stage.choices)
    move = models.CharField(_("move"), max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                              related_name="+", verbose_name=_("actor"))
    actor_label = models.CharField(_("actor"), max_length=200)
    on_behalf_of_label = models.CharField(_("on behalf of"), max_length=200, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("stage event")
        verbose_name_plural = _("stage events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_stage} → {self.to_stage}"


class OnboardingKind(models.TextChoices):
    """Who is recorded for the first time (Perbup 35/2020 Pasal 20(1))."""

    CPNS_CANDIDATE = "calon-cpns", _("CPNS candidate")
    PPPK_CANDIDATE = "calon-pppk", _("PPPK candidate")
    TRANSFER = "pindahan", _("Transferred in from another agency")
    UNRECORDED = "belum-terekam", _("Employee not yet recorded")


class Onboarding(models.Model):
    """One employee recorded by hand (perekaman awal): the master record is
    created, and the initial rank, position and education entries are change
    requests that only a verifier's validation turns into data."""

    employee = models.OneToOneField("people.Employee", models.PROTECT, related_name="+",
                                    verbose_name=_("employee"))
    kind = models.CharField(_("kind"), max_length=15, choices=OnboardingKind.choices)
    origin_agency = models.CharField(_("previous agency"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    requests = models.ManyToManyField(ChangeRequest, blank=True, related_name="+",
                                      verbose_name=_("initial entries"))

    class Meta:
        verbose_name = _("onboarding")
        verbose_name_plural = _("onboardings")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Perekaman awal {self.employee_id} ({self.get_kind_display()})"
