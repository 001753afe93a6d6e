from django.core.management.base import BaseCommand, CommandError

from smart.workdays.services import holidays_seed_years

FIRST_YEAR, LAST_YEAR = 2002, 2100  # cuti bersama exist in the package from 2002


class Command(BaseCommand):
    help = (
        "Mengisi tabel hari libur dengan libur nasional dan cuti bersama dari paket holidays "
        "untuk tahun yang diminta. Tanggal yang sudah ada (termasuk yang dibatalkan) dibiarkan."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, action="append", required=True,
                            help="Tahun yang diisi; boleh diulang (--year 2028 --year 2029).")

    def handle(self, *args, year: list[int], **options) -> None:
        bad = [y for y in year if not FIRST_YEAR <= y <= LAST_YEAR]
        if bad:
            raise CommandError(f"Tahun harus antara {FIRST_YEAR} dan {LAST_YEAR}: {bad}.")
        added = holidays_seed_years(years=year)
        years = ", ".join(str(y) for y in sorted(set(year)))
        self.stdout.write(f"{added} hari libur ditambahkan untuk {years}.")
