"""The search index (see mpp/catalog/search/backends.py and docs/adr/0003-search.md).

Raw SQL, different per database: an FTS5 table on SQLite (the trigram tokenizer needs
SQLite >= 3.34), a tsvector table with GIN and pg_trgm indexes on PostgreSQL. The tables are not Django models: only the search package reads
and writes them. Run `manage.py rebuild_search_index` after this migration on a database that
already holds services.
"""

from django.db import migrations

SQLITE_FORWARD = [
    # rowid = service id. detail=column: column filters work, positions are not stored.
    "CREATE VIRTUAL TABLE catalog_search_fts USING fts5("
    "name, alt, text, agency, body, scope, "
    "tokenize = 'unicode61 remove_diacritics 2', detail = column)",
    "CREATE TABLE catalog_search_word (word TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE catalog_search_word_trgm USING fts5(word, tokenize = 'trigram')",
    # Only words really added (not ignored duplicates) reach the trigram table.
    "CREATE TRIGGER catalog_search_word_ai AFTER INSERT ON catalog_search_word BEGIN "
    "INSERT INTO catalog_search_word_trgm (word) VALUES (new.word); END",
    # A deleted service leaves the index at once, whoever deletes it (admin, cascade, shell).
    "CREATE TRIGGER catalog_search_service_ad AFTER DELETE ON catalog_service BEGIN "
    "DELETE FROM catalog_search_fts WHERE rowid = old.id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_search_service_ad",
    "DROP TRIGGER IF EXISTS catalog_search_word_ai",
    "DROP TABLE IF EXISTS catalog_search_word_trgm",
    "DROP TABLE IF EXISTS catalog_search_word",
    "DROP TABLE IF EXISTS catalog_search_fts",
]

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # No foreign key to catalog_service: Django's test flush truncates model tables only, and
    # a referencing table would make that fail. The trigger below and the join in every query
    # keep deleted services out instead.
    "CREATE TABLE catalog_search_document ("
    "service_id bigint PRIMARY KEY, "
    "mall_id bigint NOT NULL, "
    "agency_id bigint NOT NULL, "
    "name text NOT NULL, alt text NOT NULL, text text NOT NULL, "
    "agency text NOT NULL, body text NOT NULL, "
    "document tsvector NOT NULL)",
    "CREATE INDEX catalog_search_document_mall ON catalog_search_document (mall_id, agency_id)",
    "CREATE INDEX catalog_search_document_gin ON catalog_search_document USING gin (document)",
    "CREATE TABLE catalog_search_word (word text PRIMARY KEY)",
    "CREATE INDEX catalog_search_word_trgm ON catalog_search_word USING gin (word gin_trgm_ops)",
    "CREATE FUNCTION catalog_search_service_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN DELETE FROM catalog_search_document WHERE service_id = OLD.id; RETURN OLD; END $$",
    "CREATE TRIGGER catalog_search_service_ad AFTER DELETE ON catalog_service "
    "FOR EACH ROW EXECUTE FUNCTION catalog_search_service_deleted()",
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_search_service_ad ON catalog_service",
    "DROP FUNCTION IF EXISTS catalog_search_service_deleted()",
    "DROP TABLE IF EXISTS catalog_search_word",
    "DROP TABLE IF EXISTS catalog_search_document",
    # pg_trgm stays: other code may use it, and dropping an extension needs more rights.
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(
                "Service search supports SQLite and PostgreSQL, "
                f"not {schema_editor.connection.vendor}."
            )
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
            elidable=False,
        ),
    ]
