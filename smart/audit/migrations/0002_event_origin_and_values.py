from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="acting_for",
            field=models.CharField(blank=True, max_length=200, verbose_name="acting for"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="after",
            field=models.JSONField(blank=True, null=True, verbose_name="after"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="before",
            field=models.JSONField(blank=True, null=True, verbose_name="before"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="ip",
            field=models.CharField(blank=True, max_length=45, verbose_name="IP address"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="request_id",
            field=models.CharField(blank=True, max_length=64, verbose_name="request id"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(db_index=True, verbose_name="time"),
        ),
    ]
