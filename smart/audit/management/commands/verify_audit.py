"""``manage.py verify_audit``: checks the whole audit chain (security.md L6).

Exit status 0 when every event follows from the one before it, 1 naming the
first event that does not (for cron or a monitoring check).
"""

import datetime
import sys

from django.core.management.base import BaseCommand

from smart.audit.checks import audit_chain_check
from smart.audit.models import AuditEvent

REASONS = {
    "missing": "kejadian sebelumnya hilang (nomor urut melompat)",
    "link": "tautan ke kejadian sebelumnya tidak cocok (dihapus, disisipkan atau ditukar)",
    "content": "isinya diubah setelah dicatat",
    "anchor": "hash-nya tidak lagi sama dengan jangkar yang dicatat di luar basis data "
              "(rantai ditulis ulang)",
}


def break_message(check) -> str:
    event = AuditEvent.objects.filter(seq=check.broken_seq).first()
    if event is None:
        return (f"Rantai audit putus: kejadian #{check.broken_seq} yang tercatat di jangkar "
                f"sudah tidak ada (dihapus).")
    at = event.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return (f"Rantai audit putus pada kejadian #{event.seq} ({at}, {event.action}): "
            f"{REASONS[check.reason]}.")


class Command(BaseCommand):
    help = "Periksa rantai audit; sebutkan kejadian pertama yang rusak."

    def handle(self, *args, **options):
        check = audit_chain_check(full=True)
        if not check.ok:
            self.stderr.write(break_message(check))
            sys.exit(1)
        self.stdout.write(f"Rantai audit utuh: {AuditEvent.objects.count()} kejadian.")
