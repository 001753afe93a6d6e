"""Print the current sign-in codes of the demo administrators (demo only).

Administrative roles need a TOTP code after the password (security.md D-2).
The demo's administrators come enrolled, so the demo works without a phone:
run this when SMART asks for the code, or add a key to an authenticator app.
"""

from django.core.management.base import BaseCommand

from smart.demo.loader import DemoError, demo_codes


class Command(BaseCommand):
    help = "Kode masuk (TOTP) akun admin demo yang berlaku sekarang."

    def handle(self, *args, **options):
        try:
            rows = demo_codes()
        except DemoError as error:
            self.stderr.write(str(error))
            raise SystemExit(1) from None
        self.stdout.write("Kode masuk akun admin demo (berlaku ±30 detik; peran: nama pengguna "
                          "— kode — kunci untuk aplikasi autentikator):")
        for role, username, code, key in rows:
            self.stdout.write(f"{role}: {username} — {code} — {key}")
        self.stdout.write("Setiap kode hanya berlaku sekali: bila kode itu baru saja dipakai, "
                          "tunggu kode berikutnya (paling lama 30 detik) lalu jalankan lagi.")
