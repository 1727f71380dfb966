"""Phone numbers stored as '62…' or '08…' become E.164 '+62…' (mpp.core.phones), the one
form every app stores. Values that are not an Indonesian number stay as they are."""

from django.db import migrations

from mpp.core.phones import migrate_phones_to_e164

FIELDS = [
    ("feedback", "Complaint", "reporter_phone"),
]


def forwards(apps, schema_editor):
    migrate_phones_to_e164(apps, FIELDS)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0004_oversight_and_moderation")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
