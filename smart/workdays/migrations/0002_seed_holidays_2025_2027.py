"""Seed libur nasional and cuti bersama for 2025-2027 from the holidays package."""

from django.db import migrations

from smart.workdays.seeding import holidays_seed

YEARS = (2025, 2026, 2027)


def seed(apps, schema_editor):
    holidays_seed(YEARS, apps.get_model("workdays", "Holiday"))


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
