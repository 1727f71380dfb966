"""MSME WhatsApp numbers stored as '62…' become E.164 '+62…' (mpp.core.phones), the one
form every app stores; the wa.me link takes the digits. Other values stay as they are."""

from django.db import migrations

from mpp.core.phones import migrate_phones_to_e164


def forwards(apps, schema_editor):
    migrate_phones_to_e164(apps, [("facilities", "Msme", "whatsapp")])


class Migration(migrations.Migration):
    dependencies = [("facilities", "0002_room_follows_mall_hours")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
