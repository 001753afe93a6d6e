"""The onboarding pages: the recordings in one's scope, and the guided form.

The form is one page with five steps; the steps already answered travel
along as hidden fields and are checked again at every step, so nothing is
kept on the server until the last step sends everything at once.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smart.access.policies import has_role
from smart.changes.models import OnboardingKind
from smart.changes.onboarding import (
    INITIAL_ENTRIES,
    ONBOARDERS,
    OnboardingRefused,
    existing_employee,
    onboarding_record,
    onboarding_units,
    onboardings_visible_to,
)
from smart.changes.onboarding_forms import (
    PREFIX,
    SHOWN,
    EmploymentStepForm,
    IdentityStepForm,
    SendStepForm,
    cross_check,
    document_step_form,
    entry_step_form,
)
from smart.changes.targets import target_for
from smart.people.identity import IdentityError, parse_nip
from smart.people.models import AsnKind, Employee
from smart.people.services import identity_findings

STEPS = (
    gettext_lazy("Identity"), gettext_lazy("Employment and golongan"),
    gettext_lazy("Position"), gettext_lazy("Education"),
    gettext_lazy("Documents and sending"),
)
_IDENTITY_FIELDS = ("nip", "name", "front_title", "back_title", "birth_place", "birth_date",
                    "sex", "nik", "religion", "phone", "email")


def _onboarder_or_404(user) -> None:
    if not has_role(user, *ONBOARDERS):
        raise Http404


def onboarding_list(request):
    _onboarder_or_404(request.user)
    page = Paginator(onboardings_visible_to(request.user).prefetch_related("requests"),
                     20).get_page(request.GET.get("page"))
    return render(request, "changes/onboarding_list.html", {"page": page})


def _initial(data, prefix: str) -> dict:
    """What was typed in a step not yet checked, to show it again unchecked."""
    if data is None:
        return {}
    start = f"{prefix}-"
    return {key[len(start):]: data.get(key) for key in data if key.startswith(start)}


def _likely_asn_kind(data) -> str:
    """PPPK when the recording or the NIP says so, for the golongan choices
    (the PPPK scale I–XVII or the PNS ranks); checked again at the end."""
    if data is None:
        return AsnKind.PNS
    if data.get("pegawai-kind") == OnboardingKind.PPPK_CANDIDATE:
        return AsnKind.PPPK
    try:
        nip_kind = parse_nip(data.get("pegawai-nip", "")).kind
    except IdentityError:
        return AsnKind.PNS
    return AsnKind.PPPK if nip_kind == "PPPK" else AsnKind.PNS


class _Steps:
    """The forms of the five steps; those up to ``checked`` are bound (checked),
    the later ones only show what was typed."""

    def __init__(self, data, files, units, checked: int):
        def bound(step):
            return data if data is not None and step <= checked else None

        self.identity = (IdentityStepForm(bound(0), prefix="pegawai") if bound(0) is not None
                         else IdentityStepForm(prefix="pegawai",
                                               initial=_initial(data, "pegawai")))
        self.employment = EmploymentStepForm(
            bound(1), prefix="kepegawaian", units=units,
            initial=_initial(data, "kepegawaian") if bound(1) is None else None)
        self.entries = {}
        for step, slug in enumerate(INITIAL_ENTRIES, start=1):
            form = entry_step_form(slug, bound(step), asn_kind=_likely_asn_kind(data))
            if bound(step) is None:
                form.initial.update(_initial(data, PREFIX[slug]))
            self.entries[slug] = form
        final = data is not None and checked >= 4
        self.documents = {slug: document_step_form(slug, data if final else None,
                                                   files if final else None)
                          for slug in INITIAL_ENTRIES}
        self.send = (SendStepForm(bound(4), prefix="kirim") if final
                     else SendStepForm(prefix="kirim", initial=_initial(data, "kirim")))

    @property
    def rank_fields(self):
        return [self.entries["pangkat"][name] for name in SHOWN["pangkat"]]

    @property
    def position_fields(self):
        return [self.entries["jabatan"][name] for name in SHOWN["jabatan"]]

    @property
    def education_fields(self):
        return [self.entries["pendidikan-formal"][name] for name in SHOWN["pendidikan-formal"]]

    @property
    def document_list(self):
        return [(target_for(slug).label, form) for slug, form in self.documents.items()]

    def of(self, step: int) -> list:
        return [
            [self.identity], [self.employment, self.entries["pangkat"]],
            [self.entries["jabatan"]], [self.entries["pendidikan-formal"]],
            [*self.documents.values(), self.send],
        ][step]


def _first_invalid(steps: _Steps, upto: int, user) -> tuple[int | None, dict]:
    """The first step up to ``upto`` with an error, and what the page must say."""
    context: dict = {}
    for step in range(upto + 1):
        forms = steps.of(step)
        valid = all(form.is_valid() for form in forms)
        if step == 0 and valid:
            duplicate = existing_employee(steps.identity.cleaned_data["nip"])
            if duplicate is not None:
                steps.identity.add_error("nip", "NIP ini sudah terdaftar di SMART; pegawai "
                                                "tidak direkam dua kali.")
                context["duplicate"] = duplicate
                context["duplicate_visible"] = Employee.objects.visible_to(user).filter(
                    pk=duplicate.pk).exists()
                valid = False
        if step == 1:
            context["asn_kind"] = cross_check(steps.identity, steps.employment,
                                              steps.entries["pangkat"])
            valid = valid and not steps.employment.errors and not steps.entries[
                "pangkat"].errors
        if not valid:
            return step, context
    return None, context


def _asks_asn_kind(steps: _Steps) -> bool:
    """Only a transferred or unrecorded employee's ASN kind is asked; a
    candidate's follows from their kind."""
    kind = (steps.identity.cleaned_data.get("kind") if steps.identity.is_bound
            and steps.identity.is_valid() else steps.identity.initial.get("kind"))
    return kind in (OnboardingKind.TRANSFER, OnboardingKind.UNRECORDED)


def onboarding_new(request):
    """The guided form: identity, employment and golongan, position, education,
    then the documents and sending."""
    _onboarder_or_404(request.user)
    units = onboarding_units(request.user)
    if not units.exists():
        raise Http404
    step, context = 0, {}
    if request.method == "POST":
        data = request.POST.copy()
        data["jabatan-unit"] = data.get("kepegawaian-unit", "")
        sent = min(max(int(data.get("langkah", "0")) if data.get("langkah", "").isdigit()
                       else 0, 0), 4)
        wanted = sent - 1 if "kembali" in data else sent
        steps = _Steps(data, request.FILES, units, checked=max(wanted, 0))
        failed, context = _first_invalid(steps, max(wanted, 0), request.user)
        if failed is not None:
            step = failed
        elif "kembali" in data:
            step = max(wanted, 0)
        elif sent < 4:
            step = sent + 1
        else:
            done = _send(request, steps, context)
            if done is not None:
                return done
            step = 4
    else:
        steps = _Steps(None, None, units, checked=-1)
    return render(request, "changes/onboarding_form.html", {
        "steps": steps, "step": step, "step_names": STEPS, "shown": SHOWN,
        "step_count": len(STEPS), "is_last": step == len(STEPS) - 1,
        "file_dropped": request.method == "POST" and bool(request.FILES) and step == 4,
        "summary": _summary(steps, context.get("asn_kind", "")) if step == 4 else None,
        "findings": _findings(steps) if step == 4 else [],
        "asks_asn_kind": _asks_asn_kind(steps),
        **context,
    })


def _summary(steps: _Steps, asn_kind: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The answers of the first four steps, per step, to read before sending."""
    sections = []
    forms = [(steps.identity, None), (steps.employment, None),
             *((form, SHOWN[slug]) for slug, form in steps.entries.items())]
    for index, (form, shown) in enumerate(forms):
        if not form.is_bound or not form.is_valid():
            continue
        rows = []
        for name, field in form.fields.items():
            if (shown is not None and name not in shown) or name == "asn_kind":
                continue
            value = form.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if hasattr(value, "strftime"):
                value = value.strftime("%d-%m-%Y")
            elif name == "kind":
                value = dict(field.choices).get(value, value)
            elif name == "nip":
                value = f"{value[:8]} {value[8:14]} {value[14]} {value[15:]}"
            elif name == "unit":
                value = value.label
            rows.append((str(field.label), str(value)))
        if index == 1 and asn_kind:
            rows.insert(1, (str(form.fields["asn_kind"].label), asn_kind))
        if index == 2:  # the golongan is part of the employment step
            sections[-1][1].extend(rows)
        else:
            sections.append((str(STEPS[{0: 0, 1: 1, 3: 2, 4: 3}[index]]), rows))
    return sections


def _findings(steps: _Steps) -> list[str]:
    """NIP or NIK that disagree with the birth date, sex or TMT CPNS: not refused,
    shown now and kept for the verifier (R-DATA-2), as the import does."""
    if not (steps.identity.is_valid() and steps.employment.is_valid()):
        return []
    identity = steps.identity.cleaned_data
    return identity_findings(Employee(
        nip=identity["nip"], nik=identity["nik"], birth_date=identity["birth_date"],
        sex=identity["sex"], tmt_cpns=steps.employment.cleaned_data.get("tmt_cpns")))


def _send(request, steps: _Steps, context: dict):
    identity = steps.identity.cleaned_data
    employment = steps.employment.cleaned_data
    values = {name: identity[name] for name in _IDENTITY_FIELDS}
    values.update(unit=employment["unit"], asn_kind=context.get("asn_kind"),
                  tmt_cpns=employment.get("tmt_cpns"))
    try:
        onboarding = onboarding_record(
            kind=identity["kind"], employee_values=values,
            entries={slug: form.cleaned_data for slug, form in steps.entries.items()},
            documents={slug: (form.cleaned_data["document_type"], form.cleaned_data["file"])
                       for slug, form in steps.documents.items()},
            origin_agency=identity.get("origin_agency", ""),
            note=steps.send.cleaned_data.get("note", ""), actor=request.user)
    except (OnboardingRefused, ValidationError) as error:
        steps.send.add_error(None, str(error) if isinstance(error, OnboardingRefused)
                             else " ".join(error.messages))
        return None
    messages.success(request, _(
        "%(name)s is recorded. The golongan, position and education were sent to a BKPP "
        "verifier; they become the employee's data once validated.")
        % {"name": onboarding.employee.display_name})
    return redirect("onboarding:list")
