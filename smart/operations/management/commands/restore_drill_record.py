"""``manage.py restore_drill_record``: record a restore drill run at the DRC.

The weekly drill may run on the disaster-recovery centre's machine (it needs
the private key, which production should not hold); this records its outcome
where the M&E dashboard and the monthly report read the last drill.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from smart.operations.jobs import restore_drill_recorded


class Command(BaseCommand):
    help = ("Mencatat latihan pemulihan yang dijalankan di pusat pemulihan bencana (DRC), "
            "untuk dasbor pemantauan dan laporan bulanan.")

    def add_arguments(self, parser):
        outcome = parser.add_mutually_exclusive_group(required=True)
        outcome.add_argument("--ok", action="store_true", help="Latihan berhasil.")
        outcome.add_argument("--failed", action="store_true", help="Latihan gagal.")
        parser.add_argument("--at", required=True,
                            help="Waktu selesai, mis. 2026-12-06T04:40 (tanpa zona: WIB).")
        parser.add_argument("--note", required=True,
                            help="Siapa, di mana, hasil pemeriksaan (mis. keluaran "
                                 "restore_drill di DRC).")
        parser.add_argument("--archive", default="", help="Nama arsip yang dipulihkan.")
        parser.add_argument("--seconds", type=float, default=None,
                            help="Lama pemulihan dalam detik (untuk RTO).")
        parser.add_argument("--by", default="", help="Nama pengguna yang mencatat.")

    def handle(self, *args, ok, failed, at, note, archive, seconds, by, **options):
        finished = parse_datetime(at)
        if finished is None:
            raise CommandError(f"--at tidak dapat dibaca: {at!r} (contoh 2026-12-06T04:40).")
        if timezone.is_naive(finished):
            finished = timezone.make_aware(finished)  # TIME_ZONE: Asia/Jakarta
        if finished > timezone.now() + datetime.timedelta(minutes=5):
            raise CommandError("--at tidak boleh di masa depan.")
        if not note.strip():
            raise CommandError("--note tidak boleh kosong.")
        if "/" in archive:
            raise CommandError("--archive adalah nama berkas saja, bukan path.")
        actor = None
        if by:
            actor = get_user_model().objects.filter(username=by).first()
            if actor is None:
                raise CommandError(f"Pengguna {by!r} tidak ditemukan.")
        run = restore_drill_recorded(ok=ok, at=finished, note=note.strip(), archive=archive,
                                     seconds=seconds, actor=actor)
        self.stdout.write(run.summary)
