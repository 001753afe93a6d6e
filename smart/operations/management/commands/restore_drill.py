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
        parser.add_argument("--from-dr", action="store_true",
                            help="Latihan dari salinan DR: arsip terbaru di S3 "
                                 "(SMART_BACKUP_DR_S3_URL) atau di SMART_BACKUP_DR_DIR.")

    def handle(self, *args, archive, from_dr, **options):
        if archive and from_dr:
            raise CommandError("Pilih salah satu: --archive atau --from-dr.")
        run = restore_drill_job(archive=archive, from_dr=from_dr)
        if not run.ok:
            raise CommandError(run.summary)
        self.stdout.write(run.summary)
