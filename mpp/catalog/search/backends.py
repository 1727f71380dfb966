"""The database side of the search: one class per engine, the same small interface.

Both store, per public service, the analysed text of five fields (see `indexing`) and answer
"which services of this mall contain any of these terms?" through a full-text index. Ranking is
done in Python over those candidates (`ranking`), so both engines order results the same way.

SQLite
    ``catalog_search_fts``: an FTS5 table (``detail=column``: no positions, we need no phrase
    queries) whose rowid is the service id. A ``scope`` column holds ``m<mall id> a<agency id>``
    tokens, so restricting to a mall is an index intersection inside FTS5 even when 500 malls
    share the table. ``catalog_search_word`` is the vocabulary for typo correction, mirrored
    into ``catalog_search_word_trgm`` (FTS5 trigram tokenizer) to find similar words.

PostgreSQL
    ``catalog_search_document``: the same fields, ``mall_id``/``agency_id`` columns (B-tree) and
    a ``tsvector`` (``simple`` configuration over the already stemmed text, weighted A–D) with a
    GIN index. ``catalog_search_word`` has a ``pg_trgm`` GIN index for similar words.

Terms reaching this module are always ``[a-z0-9]+`` (see `normalize.tokenize`); they are still
quoted in every match expression so nothing a citizen types can become query syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import BaseDatabaseWrapper

FIELDS = ("name", "alt", "text", "agency", "body")
_TERM_RE = re.compile(r"^[a-z0-9]+$")
#: When searching all malls at once the candidates are pre-ranked by the engine and cut here.
GLOBAL_CANDIDATE_LIMIT = 1000
#: How many similar vocabulary words are considered for one unknown word.
SIMILAR_WORDS_LIMIT = 40


@dataclass
class IndexRow:
    service_id: int
    mall_id: int
    agency_id: int
    name: str
    alt: str
    text: str
    agency: str
    body: str


@dataclass
class Candidate:
    service_id: int
    fields: tuple[str, str, str, str, str]


def _checked(terms: Iterable[str]) -> list[str]:
    checked = sorted({t for t in terms if _TERM_RE.match(t)})
    if not checked:
        raise ValueError("No searchable terms.")
    return checked


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SQLiteBackend:
    fts = "catalog_search_fts"

    def write(self, cursor: Any, rows: Sequence[IndexRow]) -> None:
        self.delete(cursor, [row.service_id for row in rows])
        cursor.executemany(
            f"INSERT INTO {self.fts} (rowid, name, alt, text, agency, body, scope) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    r.service_id,
                    r.name,
                    r.alt,
                    r.text,
                    r.agency,
                    r.body,
                    f"m{r.mall_id} a{r.agency_id}",
                )
                for r in rows
            ],
        )

    def delete(self, cursor: Any, service_ids: Sequence[int]) -> None:
        for chunk in _chunks(list(service_ids)):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {self.fts} WHERE rowid IN ({marks})", list(chunk))  # noqa: S608

    def clear(self, cursor: Any) -> None:
        cursor.execute(f"DELETE FROM {self.fts}")  # noqa: S608
        cursor.execute("DELETE FROM catalog_search_word")
        cursor.execute("DELETE FROM catalog_search_word_trgm")

    def add_words(self, cursor: Any, words: Iterable[str]) -> None:
        cursor.executemany(
            "INSERT OR IGNORE INTO catalog_search_word (word) VALUES (%s)",
            [(w,) for w in sorted(words)],
        )

    def known_words(self, cursor: Any, words: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(set(words))):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT word FROM catalog_search_word WHERE word IN ({marks})",  # noqa: S608
                list(chunk),
            )
            found.update(row[0] for row in cursor.fetchall())
        return found

    def similar_words(self, cursor: Any, word: str) -> list[str]:
        grams = sorted({word[i : i + 3] for i in range(len(word) - 2)})
        if not grams:
            return []
        expression = " OR ".join(f'"{g}"' for g in grams if _TERM_RE.match(g))
        cursor.execute(
            "SELECT word FROM catalog_search_word_trgm WHERE catalog_search_word_trgm MATCH %s "
            "ORDER BY rank LIMIT %s",
            [expression, SIMILAR_WORDS_LIMIT],
        )
        return [row[0] for row in cursor.fetchall()]

    def candidates(
        self, cursor: Any, terms: Iterable[str], mall_id: int | None, agency_id: int | None
    ) -> tuple[list[Candidate], int]:
        alternatives = " OR ".join(f'"{t}"' for t in _checked(terms))
        expression = f"{{name alt text agency body}} : ({alternatives})"
        scope = []
        if mall_id is not None:
            scope.append(f'"m{int(mall_id)}"')
        if agency_id is not None:
            scope.append(f'"a{int(agency_id)}"')
        if scope:
            expression = f"scope : ({' AND '.join(scope)}) AND {expression}"
        population = (
            "SELECT COUNT(*) FROM catalog_service s2 "
            "JOIN catalog_agency a2 ON a2.id = s2.agency_id "
            "WHERE s2.is_active AND a2.is_active"
        )
        params: list[Any] = []
        if mall_id is not None:
            population += " AND s2.mall_id = %s"
            params.append(mall_id)
        sql = (
            f"SELECT f.rowid, f.name, f.alt, f.text, f.agency, f.body, ({population}) "  # noqa: S608
            f"FROM {self.fts} f "
            "JOIN catalog_service s ON s.id = f.rowid "
            "JOIN catalog_agency a ON a.id = s.agency_id "
            f"WHERE {self.fts} MATCH %s AND s.is_active AND a.is_active"
        )
        params.append(expression)
        if mall_id is None:
            sql += f" ORDER BY bm25({self.fts}, 10.0, 5.0, 2.0, 1.5, 0.5, 0.0) LIMIT %s"
            params.append(GLOBAL_CANDIDATE_LIMIT)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        population_size = rows[0][6] if rows else 0
        return [Candidate(r[0], (r[1], r[2], r[3], r[4], r[5])) for r in rows], population_size


class PostgreSQLBackend:
    table = "catalog_search_document"

    def write(self, cursor: Any, rows: Sequence[IndexRow]) -> None:
        cursor.executemany(
            f"INSERT INTO {self.table} "  # noqa: S608
            "(service_id, mall_id, agency_id, name, alt, text, agency, body, document) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "
            "setweight(to_tsvector('simple', %s), 'A') || "
            "setweight(to_tsvector('simple', %s), 'B') || "
            "setweight(to_tsvector('simple', %s), 'C') || "
            "setweight(to_tsvector('simple', %s), 'D')) "
            "ON CONFLICT (service_id) DO UPDATE SET mall_id = EXCLUDED.mall_id, "
            "agency_id = EXCLUDED.agency_id, name = EXCLUDED.name, alt = EXCLUDED.alt, "
            "text = EXCLUDED.text, agency = EXCLUDED.agency, body = EXCLUDED.body, "
            "document = EXCLUDED.document",
            [
                (
                    r.service_id,
                    r.mall_id,
                    r.agency_id,
                    r.name,
                    r.alt,
                    r.text,
                    r.agency,
                    r.body,
                    r.name,
                    r.alt,
                    f"{r.text} {r.agency}",
                    r.body,
                )
                for r in rows
            ],
        )

    def delete(self, cursor: Any, service_ids: Sequence[int]) -> None:
        if service_ids:
            cursor.execute(
                f"DELETE FROM {self.table} WHERE service_id = ANY(%s)",  # noqa: S608
                [list(service_ids)],
            )

    def clear(self, cursor: Any) -> None:
        cursor.execute(f"DELETE FROM {self.table}")  # noqa: S608
        cursor.execute("DELETE FROM catalog_search_word")

    def add_words(self, cursor: Any, words: Iterable[str]) -> None:
        cursor.execute(
            "INSERT INTO catalog_search_word (word) SELECT unnest(%s::text[]) "
            "ON CONFLICT DO NOTHING",
            [sorted(words)],
        )

    def known_words(self, cursor: Any, words: Iterable[str]) -> set[str]:
        cursor.execute(
            "SELECT word FROM catalog_search_word WHERE word = ANY(%s)", [sorted(set(words))]
        )
        return {row[0] for row in cursor.fetchall()}

    def similar_words(self, cursor: Any, word: str) -> list[str]:
        # `%` uses the trigram GIN index (pg_trgm's similarity threshold, 0.3 by default).
        cursor.execute(
            "SELECT word FROM catalog_search_word WHERE word %% %s "
            "ORDER BY similarity(word, %s) DESC, word LIMIT %s",
            [word, word, SIMILAR_WORDS_LIMIT],
        )
        return [row[0] for row in cursor.fetchall()]

    def candidates(
        self, cursor: Any, terms: Iterable[str], mall_id: int | None, agency_id: int | None
    ) -> tuple[list[Candidate], int]:
        tsquery = " | ".join(f"'{t}'" for t in _checked(terms))
        population = (
            "SELECT COUNT(*) FROM catalog_service s2 "
            "JOIN catalog_agency a2 ON a2.id = s2.agency_id "
            "WHERE s2.is_active AND a2.is_active"
        )
        params: list[Any] = []
        if mall_id is not None:
            population += " AND s2.mall_id = %s"
            params.append(mall_id)
        sql = (
            f"SELECT d.service_id, d.name, d.alt, d.text, d.agency, d.body, ({population}) "  # noqa: S608
            f"FROM {self.table} d "
            "JOIN catalog_service s ON s.id = d.service_id "
            "JOIN catalog_agency a ON a.id = s.agency_id "
            "WHERE d.document @@ to_tsquery('simple', %s) AND s.is_active AND a.is_active"
        )
        params.append(tsquery)
        if mall_id is not None:
            sql += " AND d.mall_id = %s"
            params.append(mall_id)
        if agency_id is not None:
            sql += " AND d.agency_id = %s"
            params.append(agency_id)
        if mall_id is None:
            sql += (
                " ORDER BY ts_rank('{0.1, 0.2, 0.4, 1.0}', d.document, "
                "to_tsquery('simple', %s)) DESC LIMIT %s"
            )
            params.extend([tsquery, GLOBAL_CANDIDATE_LIMIT])
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        population_size = rows[0][6] if rows else 0
        return [Candidate(r[0], (r[1], r[2], r[3], r[4], r[5])) for r in rows], population_size


Backend = SQLiteBackend | PostgreSQLBackend


def backend_for(connection: BaseDatabaseWrapper) -> Backend:
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    raise ImproperlyConfigured(
        f"Service search supports SQLite and PostgreSQL, not {connection.vendor}."
    )
