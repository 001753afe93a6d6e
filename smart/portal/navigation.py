"""Sidebar entries and the roles that see them.

Hiding an entry is a convenience, not a control: every view checks access on
the server through the scoped querysets and policies.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from smart.access.models import Role
from smart.access.policies import PERSONNEL_READERS, roles_of
from smart.portal.addresses import address


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str
    icon: str
    roles: frozenset[str] | None  # None: every signed-in user


ENTRIES = [
    NavEntry("portal:home", _("Home"), "house", None),
    NavEntry("people:my_profile", _("My record"), "person-vcard", frozenset({Role.EMPLOYEE})),
    NavEntry("people:employee_list", _("Employees"), "people", frozenset(PERSONNEL_READERS)),
    NavEntry("changes:mine", _("My proposals"), "send", frozenset({Role.EMPLOYEE})),
    NavEntry("records:my_data", _("Who processed my data"), "shield-lock",
             frozenset({Role.EMPLOYEE})),
    NavEntry("changes:inbox", _("Unit inbox"), "inbox", frozenset({Role.UNIT_ADMIN})),
    NavEntry("changes:queue", _("Verification queue"), "clipboard-check",
             frozenset({Role.VERIFIER})),
    NavEntry("changes:oversight", _("Deadline monitoring"), "alarm",
             frozenset({Role.SYSTEM_MANAGER, Role.HR_MANAGER})),
    NavEntry("onboarding:list", _("Onboarding"), "person-plus",
             frozenset({Role.UNIT_ADMIN, Role.HR_MANAGER, Role.VERIFIER})),
    NavEntry("synchronisation:run_list", _("SIASN synchronisation"), "arrow-left-right",
             frozenset({Role.VERIFIER, Role.HR_MANAGER, Role.UNIT_ADMIN,
                        Role.SYSTEM_MANAGER})),
    NavEntry("reports:dashboard", _("Executive dashboard"), "speedometer2",
             frozenset({Role.LEADERSHIP})),
    NavEntry("reports:index", _("Reports"), "bar-chart", frozenset(PERSONNEL_READERS)),
    NavEntry("integrations:import_list", _("Import from SIASN"), "cloud-upload",
             frozenset({Role.SYSTEM_MANAGER, Role.HR_MANAGER})),
    NavEntry("monitoring:dashboard", _("Monitoring and evaluation"), "speedometer2",
             frozenset({Role.SYSTEM_MANAGER, Role.HR_MANAGER})),
    NavEntry("monitoring:campaign_list", _("Recording campaigns"), "clipboard-data",
             frozenset({Role.SYSTEM_MANAGER, Role.HR_MANAGER, Role.UNIT_ADMIN})),
    NavEntry("portal:holidays", _("Working-day calendar"), "calendar3", None),
    NavEntry("releases:list", _("Data releases"), "box-arrow-up-right",
             frozenset(PERSONNEL_READERS)),
    NavEntry("portal:access_requests", _("Access requests"), "person-lock",
             frozenset({Role.HR_MANAGER, Role.SYSTEM_MANAGER, Role.SUPER_ADMIN})),
    NavEntry("portal:accounts", _("User accounts"), "person-gear",
             frozenset({Role.SUPER_ADMIN, Role.SYSTEM_MANAGER})),
    NavEntry("portal:api_keys", _("API keys"), "key-fill", frozenset({Role.SUPER_ADMIN})),
    NavEntry("portal:delegations", _("Acting officials (Plt/Plh)"), "person-badge",
             frozenset({Role.HR_MANAGER, Role.SYSTEM_MANAGER})),
    NavEntry("portal:field_classes", _("Field classes"), "incognito",
             frozenset({Role.SYSTEM_MANAGER})),
    NavEntry("portal:audit_log", _("Audit log"), "journal-check",
             frozenset({Role.SYSTEM_MANAGER})),
    NavEntry("reports:usage", _("Report usage"), "clipboard-data",
             frozenset({Role.SYSTEM_MANAGER})),
    NavEntry("reports:layout", _("Report layout"), "layout-text-window",
             frozenset({Role.SUPER_ADMIN})),
    NavEntry("accounts:security", _("Account security"), "key", None),
]


def navigation_for(user, current_path: str) -> list[dict]:
    """The entries the user's roles open; the one whose address is the longest
    prefix of the current page is marked active (``/akses/kelas-data/`` belongs to
    "Kelas data", not to "Usulan hak akses" at ``/akses/``)."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles = roles_of(user)
    items = []
    for entry in ENTRIES:
        if entry.roles is not None and not (roles & entry.roles):
            continue
        url = address(entry.url_name)
        if url is None:
            continue
        items.append({"url": url, "label": entry.label, "icon": entry.icon, "active": False})
    matching = [item for item in items
                if (current_path == "/" if item["url"] == "/"
                    else current_path.startswith(item["url"]))]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["active"] = True
    return items

