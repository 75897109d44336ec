# The site copied onto every workordercode row is required from now on (0007 filled it in;
# a migration of its own, so PostgreSQL runs the backfill's deferred checks before this).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('workorders', '0007_workordercode_site'),
    ]

    operations = [
        migrations.AlterField(
            model_name='workordercode',
            name='site',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assets.site'),
        ),
    ]
