"""``manage.py restore_drill``: restore the latest backup into scratch space and prove it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smart.operations.jobs import restore_drill_job


class Command(BaseCommand):
    help = ("Latihan pemulihan: memulihkan cadangan terbaru ke lokasi sementara dan "
            "membuktikan ekspor kanonis, manifest dokumen dan rantai audit sama.")

    def add_arguments(self, parser):
        parser.add_argument("--archive", type=Path, default=None,
                            help="Arsip tertentu (bawaan: yang terbaru di SMART_BACKUP_DIR).")

    def handle(self, *args, archive, **options):
        run = restore_drill_job(archive=archive)
        if not run.ok:
            raise CommandError(run.summary)
        self.stdout.write(run.summary)
