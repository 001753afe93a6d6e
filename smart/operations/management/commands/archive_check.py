"""``manage.py archive_check``: every document against its SHA-256, orphans both ways."""

from django.core.management.base import BaseCommand

from smart.operations.jobs import archive_check_job


class Command(BaseCommand):
    help = ("Memeriksa setiap dokumen pendukung terhadap SHA-256-nya dan mencari berkas/baris "
            "yatim; menulis laporan dan memberi tahu Pengelola SMART. Tidak menghapus apa pun.")

    def handle(self, *args, **options):
        run = archive_check_job()
        self.stdout.write(f"{run.summary} Laporan: {run.details['report']}")
        if not run.ok:
            # Findings are not a crash, but a monitor running the command sees them.
            raise SystemExit(1)
