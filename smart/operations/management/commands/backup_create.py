"""``manage.py backup_create``: one encrypted backup (database + documents), rotated."""

from django.core.management.base import BaseCommand, CommandError

from smart.operations.jobs import backup_job


class Command(BaseCommand):
    help = ("Membuat satu cadangan terenkripsi (basis data dan dokumen) dengan manifest "
            "SHA-256, menyalinnya ke lokasi DR (folder dan/atau S3) bila diatur, lalu merotasi "
            "cadangan lama.")

    def handle(self, *args, **options):
        run = backup_job()
        if not run.ok:
            raise CommandError(run.summary)
        self.stdout.write(run.summary)
        if run.details.get("dr_failures"):
            # The local archive is made; a monitor running the command still sees the failure.
            raise CommandError("Salinan DR gagal: " + " | ".join(run.details["dr_failures"]))
