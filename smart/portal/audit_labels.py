"""Readable names of audit action codes and readable event data for the audit
viewer. The code itself stays on the page (small, muted) for auditors; an
unknown code is shown as it is."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "access.assignment.revoke": _("Role revoked"),
    "access.delegation.create": _("Acting official (Plt/Plh) appointed"),
    "access.delegation.end": _("Acting official (Plt/Plh) ended"),
    "access.field_grant.set": _("Data-class access set"),
    "access.request.denied": _("Access request denied"),
    "access.request.propose": _("Access requested"),
    "accounts.otp.backup_codes": _("Backup codes made"),
    "accounts.otp.enrol": _("Authenticator app enrolled"),
    "accounts.otp.enrol_failed": _("Authenticator enrolment failed"),
    "accounts.otp.failure": _("Wrong one-time code"),
    "accounts.otp.reset": _("Second factor reset"),
    "accounts.otp.verify": _("Second factor confirmed"),
    "accounts.password.change": _("Password changed"),
    "accounts.password.reset": _("Password reset"),
    "accounts.password.reset_sent": _("Password reset link sent"),
    "accounts.signin.failure": _("Failed sign-in"),
    "accounts.signin.logout": _("Signed out"),
    "accounts.signin.success": _("Signed in"),
    "accounts.user.create": _("User account created"),
    "accounts.user.deactivate": _("User account deactivated"),
    "accounts.user.email": _("User e-mail changed"),
    "accounts.user.reactivate": _("User account reactivated"),
    "accounts.user.sessions_end": _("User's sessions ended"),
    "api.attendance.receive": _("Attendance received through the API"),
    "api.employee.list": _("Employees read through the API"),
    "api.key.create": _("API key issued"),
    "api.key.revoke": _("API key revoked"),
    "api.skp.receive": _("SKP received through the API"),
    "audit.event.list": _("Audit log read"),
    "changes.onboarding.create": _("Initial recording made"),
    "changes.request.create": _("Change request made"),
    "changes.request.direct": _("Change written directly"),
    "changes.request.forward": _("Change request forwarded"),
    "changes.request.propose": _("Change proposed"),
    "changes.request.revise": _("Change request revised"),
    "changes.request.submit": _("Change request sent"),
    "documents.document.download": _("Document downloaded"),
    "documents.document.store": _("Document stored"),
    "documents.document.withdraw": _("Document withdrawn"),
    "integrations.column_mapping.save": _("Import column mapping saved"),
    "integrations.functional_position.save": _("Functional position saved"),
    "integrations.import.confirm": _("Import confirmed"),
    "integrations.import.preview_again": _("Import preview run again"),
    "integrations.import.upload": _("Import file uploaded"),
    "integrations.reference_mapping.update": _("SIASN mapping changed"),
    "jobs.job.cancel": _("Background job cancelled"),
    "jobs.job.resume": _("Background job resumed"),
    "jobs.job.start": _("Background job started"),
    "monitoring.campaign.create": _("Recording campaign made"),
    "monitoring.campaign.update": _("Recording campaign changed"),
    "operations.backup.create": _("Backup made"),
    "operations.backup.restore": _("Backup restored"),
    "people.employee.account_open": _("Employee account opened"),
    "people.employee.create": _("Employee added"),
    "people.employee.import": _("Employees imported"),
    "people.employee.read": _("Employee record read"),
    "people.employee.update": _("Employee record changed"),
    "records.personal_data.export": _("Personal data exported"),
    "releases.export.refuse": _("Export refused: a data release is needed"),
    "releases.release.approve": _("Data release approved"),
    "releases.release.request": _("Data release requested"),
    "releases.release.use": _("File made under a data release"),
    "reports.column_set.delete": _("Column set deleted"),
    "reports.column_set.save": _("Column set saved"),
    "reports.export": _("Report file downloaded"),
    "reports.layout.update": _("Report layout changed"),
    "reports.view.delete": _("Saved view deleted"),
    "reports.view.rename": _("Saved view renamed"),
    "reports.view.save": _("Saved view saved"),
    "synchronisation.difference.propose": _("SIASN difference proposed as a change"),
    "synchronisation.run.compare": _("SIASN comparison run"),
    "synchronisation.run.create": _("SIASN synchronisation started"),
    "synchronisation.run.fail": _("SIASN synchronisation failed"),
    "synchronisation.run.read": _("SIASN synchronisation result read"),
    "workdays.holiday.add": _("Holiday added"),
    "workdays.holiday.cancel": _("Holiday cancelled"),
}

# Codes made from a move or a kind ("changes.request.return"): named by family.
FAMILY_LABELS = {
    "access.request.": _("Access request"),
    "api.report.": _("Report read through the API"),
    "changes.request.": _("Change request"),
    "records.": _("Employee history record"),
    "releases.release.": _("Data release"),
}


def action_label(code: str) -> str:
    """The readable name of an action code; the code itself when unknown."""
    if code in ACTION_LABELS:
        return str(ACTION_LABELS[code])
    for prefix, label in FAMILY_LABELS.items():
        if code.startswith(prefix):
            return str(label)
    return code


def _text(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_text(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(" ".join(map(_text, item)) if isinstance(item, list | tuple)
                         else _text(item) for item in value)
    if value is None:
        return "–"
    if value is True:
        return str(_("yes"))
    if value is False:
        return str(_("no"))
    return str(value)


def data_lines(value) -> list[tuple[str, str]]:
    """An event's data, before or after as (key, value) lines, not JSON."""
    if isinstance(value, dict):
        return [(str(key), _text(item)) for key, item in value.items()]
    return [("", _text(value))]
