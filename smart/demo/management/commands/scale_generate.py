"""``manage.py scale_generate --employees N --seed S``: benchmark data at any size."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from smart.demo.loader import DEFAULT_SEED, DemoError
from smart.demo.scale import DEFAULT_BATCH, scale_generate


class Command(BaseCommand):
    help = (
        "Membuat N pegawai buatan beserta riwayatnya (seperti data demo) langsung ke basis "
        "data yang belum berisi pegawai, untuk benchmark; hasilnya sama untuk benih yang sama."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--employees", type=int, required=True,
                            help="Jumlah pegawai (PNS dan PPPK dengan perbandingan demo).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help="Benih acak (bawaan 2026).")
        parser.add_argument("--batch", type=int, default=DEFAULT_BATCH,
                            help="Pegawai per kelompok penulisan (bawaan 2000).")

    def handle(self, *args, employees: int, seed: int, batch: int, **options) -> None:
        if batch < 1:
            raise CommandError("Ukuran kelompok harus paling sedikit 1.")
        try:
            result = scale_generate(employees=employees, seed=seed, batch=batch,
                                    progress=self.stderr.write)
        except DemoError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{result.employees} pegawai, {result.entries} entri riwayat dan "
            f"{result.audit_rows} baris jejak riwayat ditulis ke {connection.vendor} dalam "
            f"{result.seconds:.1f} s: {result.rows_per_second:,.0f} baris/detik.")
        self.stdout.write(", ".join(f"{slug} {count}" for slug, count in result.history.items()))
