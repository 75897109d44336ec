# Each emergency report covers from the end of the site's previous one (issue 12, item 9):
# the runs record the period they covered; the runs made so far covered their whole day.

import datetime as dt

from django.db import migrations, models
from django.utils import timezone


def whole_days(apps, schema_editor):
    Run = apps.get_model("reports", "EmergencyReportRun")
    for run in Run.objects.all():
        start = timezone.make_aware(dt.datetime.combine(run.day, dt.time.min))
        Run.objects.filter(pk=run.pk).update(
            covered_from=start, covered_until=start + dt.timedelta(days=1)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_downtime_moves_to_assets"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="emergencyreportrun", name="one_emergency_report_per_site_day"
        ),
        migrations.AddField(
            model_name="emergencyreportrun",
            name="covered_from",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name="emergencyreportrun",
            name="covered_until",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(whole_days, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="emergencyreportrun",
            name="covered_from",
            field=models.DateTimeField(help_text="Emergencies raised from this moment ..."),
        ),
        migrations.AlterField(
            model_name="emergencyreportrun",
            name="covered_until",
            field=models.DateTimeField(help_text="... up to (not including) this one."),
        ),
        migrations.AlterField(
            model_name="emergencyreportrun",
            name="day",
            field=models.DateField(help_text="The day the report was asked for."),
        ),
        migrations.AlterModelOptions(
            name="emergencyreportrun",
            options={"ordering": ["-covered_until", "site"]},
        ),
        migrations.AddConstraint(
            model_name="emergencyreportrun",
            constraint=models.UniqueConstraint(
                models.F("site"), models.F("covered_from"), name="one_emergency_report_per_start"
            ),
        ),
        migrations.AddConstraint(
            model_name="emergencyreportrun",
            constraint=models.CheckConstraint(
                condition=models.Q(covered_until__gt=models.F("covered_from")),
                name="emergency_report_covers_a_period",
            ),
        ),
    ]
