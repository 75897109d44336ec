# Downtime belongs to the asset (DESIGN.md: assets owns downtime). The table is not dropped:
# assets 0003 takes the model over in state and renames the table, keeping every row.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Downtime")],
            database_operations=[],
        ),
    ]
