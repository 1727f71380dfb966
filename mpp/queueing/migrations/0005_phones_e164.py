"""Phone numbers stored as '62…' or '08…' become E.164 '+62…' (mpp.core.phones), the one
form every app stores. Values that are not an Indonesian number stay as they are."""

import re

from django.db import migrations

FIELDS = [
    ("queueing", "Booking", "phone"),
    ("queueing", "TicketContact", "phone"),
]


def _e164(value: str) -> str:
    digits = re.sub(r"[\s\-().]", "", value or "")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return "+" + digits if re.fullmatch(r"62\d{8,13}", digits) else value


def forwards(apps, schema_editor):
    for app_label, model_name, field in FIELDS:
        model = apps.get_model(app_label, model_name)
        rows = model.objects.exclude(**{field: ""}).exclude(**{f"{field}__startswith": "+"})
        for pk, value in rows.values_list("pk", field).iterator():
            new = _e164(value)
            if new != value:
                model.objects.filter(pk=pk).update(**{field: new})


class Migration(migrations.Migration):
    dependencies = [("queueing", "0004_kiosk_shortcut")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
