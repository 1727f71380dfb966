"""Phone numbers stored as '62…' or '08…' become E.164 '+62…' (mpp.core.phones), the one
form every app stores. Values that are not an Indonesian number stay as they are."""

from django.db import migrations

from mpp.core.phones import migrate_phones_to_e164

FIELDS = [
    ("queueing", "Booking", "phone"),
    ("queueing", "TicketContact", "phone"),
]


def forwards(apps, schema_editor):
    migrate_phones_to_e164(apps, FIELDS)


class Migration(migrations.Migration):
    dependencies = [("queueing", "0004_kiosk_shortcut")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
