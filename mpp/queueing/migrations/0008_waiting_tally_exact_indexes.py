# The waiting tally is read by its whole key, one service at a time (issue 11). Its foreign
# keys' single-column indexes go: the mall's is the unique index's first column, and the
# service's alone holds every day of the service, which a generic plan may prefer and then
# read a year of rows. (service, day) serves the foreign key and is as exact as the unique
# index. The indexes are dropped by name rather than by altering the fields: on SQLite an
# altered field rebuilds the table, which the ticket table's tally triggers refer to.

import django.db.models.deletion
from django.db import migrations, models

COLUMNS = ("mall_id", "service_id")


def drop_single_column_indexes(apps, schema_editor):
    model = apps.get_model("queueing", "WaitingTally")
    for column in COLUMNS:
        for name in schema_editor._constraint_names(model, [column], index=True, unique=False):
            schema_editor.execute(schema_editor._delete_index_sql(model, name))


def create_single_column_indexes(apps, schema_editor):
    model = apps.get_model("queueing", "WaitingTally")
    for column in COLUMNS:
        field = model._meta.get_field(column.removesuffix("_id"))
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


class Migration(migrations.Migration):
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
                    name="mall",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="core.mall",
                    ),
                ),
                migrations.AlterField(
                    model_name="waitingtally",
                    name="service",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.service",
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="waitingtally",
            index=models.Index(fields=["service", "day"], name="waiting_tally_service_day"),
        ),
    ]
