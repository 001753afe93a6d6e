"""Seed the supporting-document types of the Lampiran (R-DATA-1)."""

from django.db import migrations

from smart.documents.seed_types import DOCUMENT_TYPES


def seed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.bulk_create(
        DocumentType(code=code, name=name, sort_order=i)
        for i, (code, name) in enumerate(DOCUMENT_TYPES, start=1)
    )


def unseed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(code__in=[code for code, _ in DOCUMENT_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
