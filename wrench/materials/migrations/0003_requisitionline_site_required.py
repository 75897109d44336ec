# The site copied onto every requisitionline row is required from now on (0002 filled it in;
# a migration of its own, so PostgreSQL runs the backfill's deferred checks before this).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('materials', '0002_requisitionline_site'),
    ]

    operations = [
        migrations.AlterField(
            model_name='requisitionline',
            name='site',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assets.site'),
        ),
    ]
