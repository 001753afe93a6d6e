"""``manage.py load_demo``: the demo regency and one login per role."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smart.demo.generator import DEFAULT_PNS, DEFAULT_PPPK
from smart.demo.loader import DEFAULT_SEED, DemoError, load_demo


class Command(BaseCommand):
    help = (
        "Memuat kabupaten demo (ekspor SIASN buatan) ke basis data yang belum berisi pegawai, "
        "lalu memastikan satu akun demo per peran dan mencetak loginnya."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help="Benih acak untuk membuat berkas demo (bawaan 2026).")
        parser.add_argument("--file", type=Path, default=None,
                            help="Berkas ekspor yang dibaca; dibuat bila belum ada.")
        parser.add_argument("--pns", type=int, default=DEFAULT_PNS,
                            help="Jumlah PNS (termasuk CPNS) bila berkas dibuat.")
        parser.add_argument("--pppk", type=int, default=DEFAULT_PPPK,
                            help="Jumlah PPPK bila berkas dibuat.")

    def handle(self, *args, seed: int, file: Path | None, pns: int, pppk: int,
               **options) -> None:
        if pns < 0 or pppk < 0:
            raise CommandError("Jumlah PNS dan PPPK tidak boleh negatif.")
        try:
            result = load_demo(seed=seed, path=file, n_pns=pns, n_pppk=pppk)
        except DemoError as error:
            raise CommandError(str(error)) from None
        # stdout carries only the logins (serve_demo shows them); the note goes to stderr.
        if result.created:
            self.stderr.write(f"{result.created} pegawai demo dimuat dari {result.path}.")
            if result.history:
                counts = ", ".join(f"{slug} {count}" for slug, count in result.history.items())
                self.stderr.write(f"Riwayat demo: {counts}.")
        else:
            self.stderr.write("Data pegawai sudah ada, jadi tidak ada yang dimuat; "
                              "akun demo dipastikan ada.")
        for role, username, password in result.logins:
            self.stdout.write(f"{role}: {username} / {password}")
