# A table that grows with the work carries its site (docs/scaling.md): requisition lines get
# their requisition's site, filled in for the rows already there.

import django.db.models.deletion
from django.db import migrations, models

BACKFILL = (
    "UPDATE materials_requisitionline SET site_id = ("
    " SELECT r.site_id FROM materials_requisition r"
    " WHERE r.id = materials_requisitionline.requisition_id)"
)


class Migration(migrations.Migration):

    dependencies = [
        ('assets', '0002_coding_version'),
        ('materials', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='requisitionline',
            name='site',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assets.site'),
        ),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
