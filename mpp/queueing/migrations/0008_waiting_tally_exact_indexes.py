# The waiting tally is read by its whole key, one service at a time (issue 11). Its foreign
# keys' single-column indexes go: the mall's is the unique index's first column, and the
# service's alone holds every day of the service, which a generic plan may prefer and then
# read a year of rows. (service, day) serves the foreign key and is as exact as the unique
# index. The indexes are dropped by name rather than by altering the fields: on SQLite an
# altered field rebuilds the table, which the ticket table's tally triggers refer to.
# The new index is built concurrently on PostgreSQL (mpp/core/online_indexes.py): issuing and
# calling go on while it runs.

import django.db.models.deletion
from django.db import migrations, models

from mpp.core.online_indexes import AddIndexOnline

# The tally's foreign keys and the models they point to.
FOREIGN_KEYS = {"mall": "core.mall", "service": "catalog.service"}


def drop_single_column_indexes(apps, schema_editor):
    model = apps.get_model("queueing", "WaitingTally")
    for name in FOREIGN_KEYS:
        column = model._meta.get_field(name).column
        for index in schema_editor._constraint_names(model, [column], index=True, unique=False):
            schema_editor.execute(schema_editor._delete_index_sql(model, index))


def create_single_column_indexes(apps, schema_editor):
    model = apps.get_model("queueing", "WaitingTally")
    for name in FOREIGN_KEYS:
        field = model._meta.get_field(name)
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("catalog", "0004_standard_confirmation_admin_entry"),
        ("core", "0005_mall_is_demo"),
        ("queueing", "0007_queue_index_to_the_id"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunPython(drop_single_column_indexes, create_single_column_indexes)
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="waitingtally",
                    name=name,
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=to,
                    ),
                )
                for name, to in FOREIGN_KEYS.items()
            ],
        ),
        AddIndexOnline(
            model_name="waitingtally",
            index=models.Index(fields=["service", "day"], name="waiting_tally_service_day"),
        ),
    ]
