# A table that grows with the work carries its site (docs/scaling.md): the extra codes of a
# work order get the work order's site, filled in for the rows already there.

import django.db.models.deletion
from django.db import migrations, models

BACKFILL = [
    "UPDATE workorders_workordercode SET site_id = ("
    " SELECT w.site_id FROM workorders_workorder w WHERE w.id = workorders_workordercode.work_order_id)",
    "UPDATE workorders_historicalworkordercode SET site_id = ("
    " SELECT w.site_id FROM workorders_workorder w"
    " WHERE w.id = workorders_historicalworkordercode.work_order_id)",
]


class Migration(migrations.Migration):

    dependencies = [
        ('assets', '0002_coding_version'),
        ('workorders', '0006_kpi_year_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalworkordercode',
            name='site',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assets.site'),
        ),
        migrations.AddField(
            model_name='workordercode',
            name='site',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assets.site'),
        ),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
