"""Point every unit at its OPD (the ancestor at depth 2)."""

from django.db import migrations

STEPLEN = 4
AGENCY_DEPTH = 2


def fill_agency(apps, schema_editor):
    Unit = apps.get_model("references", "Unit")
    agencies = {u.path: u for u in Unit.objects.filter(depth=AGENCY_DEPTH)}
    units = list(Unit.objects.filter(depth__gte=AGENCY_DEPTH))
    for unit in units:
        unit.agency = agencies[unit.path[: STEPLEN * AGENCY_DEPTH]]
    Unit.objects.bulk_update(units, ["agency"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("references", "0003_unit_agency")]
    operations = [migrations.RunPython(fill_agency, migrations.RunPython.noop)]
