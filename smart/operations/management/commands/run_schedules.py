"""``manage.py run_schedules``: serve the due periodic jobs once (the fallback for cron).

The huey worker (``manage.py run_huey``) does this every five minutes by itself;
where the worker cannot run, cron calls this command every five minutes and the
same catch-up and one-run-per-occasion rules hold (``operations.schedule``).
"""

from django.core.management.base import BaseCommand

from smart.operations.schedule import run_due_schedules


class Command(BaseCommand):
    help = ("Menjalankan pekerjaan terjadwal yang sudah jatuh tempo (cadangan, pemeriksaan "
            "arsip, latihan pemulihan, pengingat, penyapuan unggahan) satu kali; untuk cron "
            "bila pekerja latar belakang (run_huey) tidak dapat berjalan.")

    def handle(self, *args, **options):
        served = run_due_schedules()
        for run in served:
            state = "berhasil" if run.ok else "GAGAL"
            self.stdout.write(f"{run.schedule} ({run.due_at:%Y-%m-%d %H:%M}): {state}. "
                              f"{run.summary}")
        if not served:
            self.stdout.write("Tidak ada pekerjaan terjadwal yang jatuh tempo.")
        if any(not run.ok for run in served):
            raise SystemExit(1)
