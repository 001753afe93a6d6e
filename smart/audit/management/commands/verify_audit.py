"""``manage.py verify_audit``: checks the whole audit chain (security.md L6).

Exit status 0 when every event follows from the one before it, 1 naming the
first event that does not (for cron or a monitoring check).
"""

import datetime
import sys

from django.core.management.base import BaseCommand

from smart.audit.models import AuditEvent
from smart.audit.services import audit_first_break

REASONS = {
    "missing": "kejadian sebelumnya hilang (nomor urut melompat)",
    "link": "tautan ke kejadian sebelumnya tidak cocok (dihapus, disisipkan atau ditukar)",
    "content": "isinya diubah setelah dicatat",
}


def break_message(broken) -> str:
    event = broken.event
    at = event.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return (f"Rantai audit putus pada kejadian #{event.seq} ({at}, {event.action}): "
            f"{REASONS[broken.reason]}.")


class Command(BaseCommand):
    help = "Periksa rantai audit; sebutkan kejadian pertama yang rusak."

    def handle(self, *args, **options):
        broken = audit_first_break()
        if broken is not None:
            self.stderr.write(break_message(broken))
            sys.exit(1)
        self.stdout.write(f"Rantai audit utuh: {AuditEvent.objects.count()} kejadian.")
