from django.db import migrations


def seed(apps, schema_editor):
    from complaints.defaults import ensure_defaults

    ensure_defaults(
        apps.get_model("complaints", "DeadlinePolicy"),
        apps.get_model("complaints", "ServiceWeekWindow"),
    )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
