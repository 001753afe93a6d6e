"""``manage.py bench``: time SMART's pages against the current database (issue 10)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smart.demo.bench import run_bench, table


class Command(BaseCommand):
    help = ("Mengukur halaman SMART pada basis data saat ini (median, p95, jumlah query, "
            "memori puncak, batas bawah SQL) dan mencetak tabelnya; --json menyimpannya.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--size", type=int, default=None,
                            help="Jumlah pegawai yang diharapkan; berhenti bila berbeda.")
        parser.add_argument("--warmup", type=int, default=3, help="Permintaan pemanasan.")
        parser.add_argument("--repeat", type=int, default=20, help="Permintaan yang diukur.")
        parser.add_argument("--json", type=Path, default=None, help="Berkas keluaran JSON.")
        parser.add_argument("--only", default="",
                            help="Hanya baris yang namanya memuat salah satu teks ini "
                                 "(dipisah koma), mis. \"employee list,profile\".")
        parser.add_argument("--import-rows", type=int, default=10_000,
                            help="Baris ekspor SIASN untuk baris impor (pada SQLite baru di "
                                 "folder sementara); 0 = tidak diukur.")

    def handle(self, *args, size, warmup: int, repeat: int, json: Path | None,
               only: str = "", import_rows: int = 10_000, **options) -> None:
        if repeat < 1 or warmup < 0:
            raise CommandError("--repeat paling sedikit 1 dan --warmup tidak negatif.")
        if import_rows and import_rows < 100:
            raise CommandError("--import-rows 0 atau paling sedikit 100.")
        try:
            report = run_bench(warmup=warmup, repeat=repeat, only=only, import_rows=import_rows,
                               progress=self.stderr.write)
        except LookupError as error:
            raise CommandError(str(error)) from None
        if size is not None and report.employees != size:
            raise CommandError(f"Basis data berisi {report.employees} pegawai, bukan {size}: "
                               f"muat dengan scale_generate --employees {size}.")
        self.stdout.write(table(report))
        if json is not None:
            json.parent.mkdir(parents=True, exist_ok=True)
            json.write_text(report.as_json() + "\n", encoding="utf-8")
            self.stderr.write(f"JSON: {json}")
