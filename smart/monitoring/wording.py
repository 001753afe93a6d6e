"""Numbers as Indonesian reports write them, and the short commentary of the
monthly evaluation generated from the figures (no free text to maintain)."""

from __future__ import annotations

import datetime

from smart.monitoring.deadlines import COMPLETION, FORWARD
from smart.records.drh import indonesian_date, indonesian_datetime


def number(n: int | float) -> str:
    """1234567 → "1.234.567"."""
    return f"{int(n):,}".replace(",", ".")


def percent(value: float | None) -> str:
    """78.45 → "78,5%"; None → "-"."""
    if value is None:
        return "-"
    return f"{value:.1f}".replace(".", ",") + "%"


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def completeness_comment(completeness) -> str:
    total = completeness.total
    if not total.employees:
        return "Belum ada pegawai aktif yang tercatat."
    text = (f"Kelengkapan data rata-rata {percent(total.percent)} (data wajib, riwayat "
            f"wajib dan dokumen pendukungnya) dari "
            f"{number(total.employees)} pegawai aktif; {number(total.complete)} pegawai "
            f"({percent(total.complete_percent)}) datanya sudah lengkap dan "
            f"{number(total.incomplete)} pegawai belum.")
    lowest = completeness.lowest(3)
    if len(completeness.lines) > 1 and lowest:
        names = ", ".join(f"{line.name} ({percent(line.percent)})" for line in lowest)
        text += f" Unit dengan kelengkapan terendah: {names}; perlu pendampingan."
    return text


def deadlines_comment(lines, total, late_open) -> str:
    parts = []
    for stage, what, done in ((FORWARD, "tenggat penerusan oleh Admin OPD", "diteruskan"),
                              (COMPLETION, "tenggat penyelesaian", "diselesaikan")):
        tally = total.stages[stage]
        if not tally.total:
            parts.append(f"Tidak ada usulan dengan {what} pada bulan ini.")
            continue
        text = (f"Dari {number(tally.total)} usulan dengan {what} pada bulan ini, "
                f"{number(tally.within)} {done} tepat waktu dan {number(tally.over)} "
                f"melewati 10 hari kerja")
        if tally.running:
            text += f"; {number(tally.running)} masih berjalan"
        if tally.on_time_percent is not None:
            text += f" (ketepatan waktu {percent(tally.on_time_percent)})"
        parts.append(text + ".")
    def late(line) -> int:
        return line.stages[FORWARD].over + line.stages[COMPLETION].over

    late_units = sorted((line for line in lines if late(line)),
                        key=lambda line: (-late(line), line.name))[:3]
    if late_units:
        names = ", ".join(f"{line.name} ({number(late(line))})" for line in late_units)
        parts.append(f"Keterlambatan terbanyak: {names}.")
    waiting = sum(n for _stage, n in late_open)
    if waiting:
        parts.append(f"Saat laporan dibuat, {number(waiting)} usulan terbuka telah melewati "
                     "tenggatnya dan perlu segera ditindaklanjuti.")
    return " ".join(parts)


def campaign_comment(progress, on: datetime.date) -> str:
    campaign, total = progress.campaign, progress.total
    text = (f"Kampanye “{campaign.name}” ({indonesian_date(campaign.start_date)} s.d. "
            f"{indonesian_date(campaign.deadline)}): kemajuan atas elemen wajib kampanye "
            f"sendiri {percent(total.percent)}, "
            f"{number(total.complete)} dari {number(total.employees)} pegawai lengkap, "
            f"{number(total.incomplete)} belum.")
    days = (campaign.deadline - on).days
    if days < 0:
        text += " Tenggat telah lewat."
    elif total.incomplete:
        text += f" Tenggat tinggal {number(days)} hari."
    return text


def usage_comment(usage, month) -> str:
    counts = usage.of(month)
    text = (f"Pada bulan ini tercatat {number(counts['accounts.signin.success'])} kali masuk "
            f"ke SMART, {number(counts['people.employee.read'])} data pegawai dibuka oleh "
            f"pengelola, {number(counts['changes.request.submit'])} usulan dikirim dan "
            f"{number(counts['reports.export'])} berkas laporan diunduh.")
    index = usage.months.index(month)
    if index:
        before = usage.series["accounts.signin.success"][index - 1]
        now = counts["accounts.signin.success"]
        if before:
            change = round(100 * (now - before) / before, 1)
            trend = "naik" if change > 0 else "turun" if change < 0 else "tetap"
            text += (f" Jumlah masuk {trend}" + (f" {percent(abs(change))}" if change else "")
                     + " dibanding bulan sebelumnya.")
    return text


def maintenance_comment(maintenance) -> str:
    parts = []
    if maintenance.last_good_backup is None:
        parts.append("Belum ada cadangan data (backup) yang berhasil; segera jadwalkan.")
    else:
        parts.append("Cadangan data terakhir yang berhasil: "
                     f"{indonesian_datetime(maintenance.last_good_backup.finished_at)}.")
        if maintenance.last_backup and not maintenance.last_backup.ok:
            parts.append("Percobaan cadangan terakhir gagal dan perlu diperiksa.")
    if maintenance.last_drill is None:
        parts.append("Uji pemulihan (restore drill) belum pernah dilakukan.")
    else:
        result = "berhasil" if maintenance.last_drill.ok else "GAGAL"
        parts.append(f"Uji pemulihan terakhir {result} "
                     f"({indonesian_datetime(maintenance.last_drill.finished_at)}).")
    if maintenance.failures_recent:
        parts.append(f"{number(maintenance.failures_recent)} pekerjaan pemeliharaan gagal "
                     "dalam 7 hari terakhir.")
    return " ".join(parts)


def share(part: int, whole: int) -> str:
    return percent(_share(part, whole))
