# Downtime moves here from reports with its rows: the model is taken over in state as it was
# (table reports_downtime), then the table is renamed. 0004 changes its shape.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0002_coding_version"),
        ("reports", "0002_downtime_moves_to_assets"),
        ("workorders", "0009_legacy_number"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Downtime",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("started_at", models.DateTimeField(help_text="The asset stopped (the failure).")),
                        ("ended_at", models.DateTimeField(help_text="The asset was back in service.")),
                        ("recorded_at", models.DateTimeField()),
                        ("asset", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="downtimes", to="assets.asset")),
                        ("recorded_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("site", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="assets.site")),
                        ("work_order", models.OneToOneField(help_text="The work order that repaired the failure.", on_delete=django.db.models.deletion.PROTECT, related_name="downtime", to="workorders.workorder")),
                    ],
                    options={
                        "db_table": "reports_downtime",
                        "ordering": ["started_at", "id"],
                        "permissions": [("record_downtime", "Record the downtime of a failure")],
                        "indexes": [models.Index(fields=["site", "started_at"], name="downtime_site_started")],
                        "constraints": [models.CheckConstraint(condition=models.Q(("ended_at__gt", models.F("started_at"))), name="downtime_ends_after_start")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="downtime", table=None),
    ]
