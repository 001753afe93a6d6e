"""The usage log of the reports and its monthly summary for the Bupati
(Perbup 35/2020 Pasal 22(3): SMART reports periodically on the use of the data).

Every report page, file and API read leaves a ``ReportUse`` (``services``):
who, which report, of what data, how many rows. The summary counts per report
the uses (pages, files, API reads), the distinct users and the data (units)
used, with the users' names only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from smart.people.career import add_months
from smart.reports.models import ReportUse, UseKind

REPORT_NAMES = {
    "reports.duk": "Daftar Urut Kepangkatan (DUK)",
    "reports.statistics": "Statistik (rekap/bezetting)",
    "reports.nominatif": "Daftar nominatif",
    "reports.retirement": "Proyeksi pensiun (BUP)",
    "reports.kgb": "Daftar kenaikan gaji berkala (KGB)",
    "reports.promotion": "Calon kenaikan pangkat reguler (KP)",
    "reports.leave": "Rekap cuti",
    "reports.discipline": "Rekap hukuman disiplin",
    "reports.dashboard": "Dasbor pimpinan",
    "reports.usage": "Laporan penggunaan data (bulanan)",
}


def report_name(code: str) -> str:
    return REPORT_NAMES.get(code, code)


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month.replace(day=1)
    return first, add_months(first, 1)


def usage_log(*, month: datetime.date | None = None, user_text: str = "", report: str = ""):
    """The uses, newest first, filtered by month, user (name or NIP) and report."""
    uses = ReportUse.objects.all()
    if month is not None:
        first, after = month_bounds(month)
        uses = uses.filter(at__date__gte=first, at__date__lt=after)
    if user_text.strip():
        text = user_text.strip()
        uses = uses.filter(Q(user_label__icontains=text) | Q(user__username__startswith=text))
    if report:
        uses = uses.filter(report=report)
    return uses.order_by("-at", "-pk")


@dataclass(frozen=True)
class SummaryLine:
    report: str
    pages: int
    files: int
    rows: int
    users: list[str]
    data: list[str]
    api: int = 0  # reads through the API (another system's key, or a user's)

    @property
    def uses(self) -> int:
        return self.pages + self.files + self.api


def monthly_summary(month: datetime.date) -> list[SummaryLine]:
    """Per report: uses (pages and files), rows in files, users and units (two
    queries: the counts, and the distinct users and data labels)."""
    uses = usage_log(month=month)
    counts = {row["report"]: row for row in uses.values("report").annotate(
        pages=Count("pk", filter=Q(kind=UseKind.PAGE)),
        files=Count("pk", filter=Q(kind=UseKind.FILE)),
        api=Count("pk", filter=Q(kind=UseKind.API)),
        file_rows=Sum("rows", filter=Q(kind=UseKind.FILE))).order_by()}
    users: dict[str, set[str]] = {}
    data: dict[str, set[str]] = {}
    for code, user, label in (uses.values_list("report", "user_label", "data_label")
                              .distinct().order_by()):
        users.setdefault(code, set()).add(user)
        if label:
            data.setdefault(code, set()).add(label)
    lines = [SummaryLine(report_name(code), row["pages"], row["files"], row["file_rows"] or 0,
                         sorted(users.get(code, ())), sorted(data.get(code, ())),
                         api=row["api"])
             for code, row in counts.items()]
    return sorted(lines, key=lambda line: (-line.uses, line.report))
