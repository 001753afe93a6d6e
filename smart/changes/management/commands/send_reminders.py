"""``manage.py send_reminders``: the daily reminder of due and overdue requests."""

from django.core.management.base import BaseCommand

from smart.changes.notices import remind_due_requests


class Command(BaseCommand):
    help = "Mengingatkan pelaku berikutnya atas usulan yang jatuh tempo besok atau terlambat."

    def handle(self, *args, **options):
        sent = remind_due_requests()
        self.stdout.write(f"{sent} pengingat dikirim.")
