"""``manage.py upload_sweep``: remove what interrupted uploads left (operations.sweep)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from smart.operations import sweep
from smart.operations.jobs import upload_sweep_job


class Command(BaseCommand):
    help = ("Menghapus berkas sementara dari unggahan yang terputus dan memindahkan berkas tanpa "
            "catatan di penyimpanan dokumen ke karantina (tidak pernah menghapus dokumen).")

    def add_arguments(self, parser):
        parser.add_argument("--grace-minutes", type=int, default=60,
                            help="hanya berkas yang lebih tua dari ini (menit; bawaan 60)")

    def handle(self, *args, grace_minutes: int, **options):
        sweep.GRACE = datetime.timedelta(minutes=max(0, grace_minutes))
        result = upload_sweep_job()
        self.stdout.write(f"{timezone.localtime():%d-%m-%Y %H:%M} {result.summary}")
