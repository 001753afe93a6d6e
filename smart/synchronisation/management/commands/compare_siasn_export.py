"""``manage.py compare_siasn_export FILE --date dd-mm-yyyy --as USER``: the same
comparison as the page, from the shell, printing rows per second and peak memory."""

import datetime
import time
import tracemalloc
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smart.accounts.models import User
from smart.synchronisation.services import SyncRefused, sync_run_compare, sync_run_start


class Command(BaseCommand):
    help = ("Membandingkan ekspor SIASN dengan SMART seperti halaman Sinkronisasi SIASN dan "
            "mencetak jumlah baris per detik serta memori puncak.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--date", required=True, help="Tanggal ekspor, dd-mm-yyyy.")
        parser.add_argument("--as", dest="username", required=True,
                            help="Verifikator atau pengelola kepegawaian yang memuat berkas.")
        parser.add_argument("--trace-memory", action="store_true",
                            help="Ukur memori puncak (tracemalloc; perbandingan jadi lebih "
                                 "lambat beberapa kali).")

    def handle(self, *args, file: Path, date: str, username: str, trace_memory: bool,
               **options) -> None:
        try:
            export_date = datetime.datetime.strptime(date, "%d-%m-%Y").date()
        except ValueError:
            raise CommandError("Tanggal ekspor harus berformat dd-mm-yyyy.") from None
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Pengguna {username} tidak ada.")
        if not file.is_file():
            raise CommandError(f"Berkas {file} tidak ada.")
        if trace_memory:
            tracemalloc.start()
        started = time.perf_counter()
        try:
            run = sync_run_start(uploaded_by=user, file_name=file.name,
                                 export_date=export_date, data=file.read_bytes())
        except SyncRefused as error:
            raise CommandError(str(error)) from None
        result = sync_run_compare(sync_run=run)
        seconds = time.perf_counter() - started
        memory = ""
        if trace_memory:
            memory = f", memori puncak {tracemalloc.get_traced_memory()[1] / 1e6:.1f} MB"
            tracemalloc.stop()
        if result["status"] == "failed":
            raise CommandError(result["error"])
        self.stdout.write(
            f"Sinkronisasi #{run.pk}: {result['rows']} baris, {result['compared']} pegawai "
            f"dibandingkan, {result['differences']} selisih, {result['not_in_smart']} tidak "
            f"ada di SMART, {result['invalid']} bermasalah; {seconds:.1f} s "
            f"({result['rows'] / max(seconds, 1e-9):.0f} baris/s){memory}.")
