"""Files attached to a change request name the kind the request is about
("usulan:hukuman-disiplin"), so a download can hide them from viewers the
D-3 field classes keep away from that kind (attack case 2)."""

from django.db import migrations


def name_the_kind(apps, schema_editor):
    ChangeRequest = apps.get_model("changes", "ChangeRequest")
    Document = apps.get_model("documents", "Document")
    for request in ChangeRequest.objects.only("pk", "kind").iterator():
        ids = request.documents.filter(record_kind="usulan").values_list("pk", flat=True)
        Document.objects.filter(pk__in=list(ids)).update(record_kind=f"usulan:{request.kind}")


def unname_the_kind(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    Document.objects.filter(record_kind__startswith="usulan:").update(record_kind="usulan")


class Migration(migrations.Migration):
    dependencies = [
        ("changes", "0001_initial"),
        ("documents", "0003_document_record_link"),
    ]

    operations = [migrations.RunPython(name_the_kind, unname_the_kind)]
