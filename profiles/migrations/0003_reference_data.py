from django.db import migrations


def load(apps, schema_editor):
    from profiles.reference_data import load_reference_data

    load_reference_data(
        apps.get_model("profiles", "State"),
        apps.get_model("profiles", "FieldOfScience"),
        apps.get_model("profiles", "Skill"),
    )


class Migration(migrations.Migration):
    dependencies = [("profiles", "0002_experts_institutions_reference")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
