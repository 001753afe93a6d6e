"""What the periodic schedule may run for monitoring (settings.SMART_SCHEDULES)."""

from __future__ import annotations

from smart.monitoring.services import campaign_reminders_send


def scheduled_campaign_reminders() -> str:
    """The recording campaigns' reminders to the unit admins (once a day at most)."""
    return f"{campaign_reminders_send()} pengingat kampanye perekaman dikirim."
