"""Ranked Indonesian service search: the one query function behind views and the API.

A search is, in database round trips:

1. candidates: every active service of the mall (and agency) whose index contains any term of
   the analysed query, with its stored analysed fields (FTS5 on SQLite, tsvector on PostgreSQL);
2. only when a word of the query found nothing in this mall: similar words from the index
   vocabulary (trigrams), and the candidates of the corrected query, reported as a "did you
   mean" suggestion;
3. the page of services, with their agency.

Ranking (`ranking.rank`) happens in Python between 1/2 and 3.

Results are kept in the process for SEARCH_CACHE_SECONDS (issue 15: at the morning opening
many phones and kiosks ask the same few questions; a search costs ~5 ms of one core and the
embedded server has one process). Any change of a mall, agency or service in this process, and
any re-indexing, empties the cache at once; another process (production runs several) sees an
edit within SEARCH_CACHE_SECONDS. One thread computes a missing result while the others
asking for it wait; an expired one is served while one thread renews it (core.caching).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.db import connection
from django.db.models.signals import post_delete, post_save

from mpp.catalog.models import Agency, Service
from mpp.catalog.search import typos
from mpp.catalog.search.backends import Backend, backend_for
from mpp.catalog.search.normalize import (
    AnalysedQuery,
    analyse_query,
    is_dictionary_word,
    is_known_word,
    lexicon_words,
)
from mpp.catalog.search.ranking import Document, documents, rank
from mpp.core.caching import TTLCache
from mpp.core.models import Mall

#: Run-together words shorter than this are not split ("aktalahir" is 9).
MIN_SPLIT_LENGTH = 6
#: How long a result is reused in the process, and how many are kept.
SEARCH_CACHE_SECONDS = 30.0
SEARCH_CACHE_SIZE = 2048


@dataclass
class SearchResult:
    query: str
    total: int
    services: list[Service] = field(default_factory=list)
    suggestion: str = ""


def _best_split(word: str, known: set[str]) -> str | None:
    best: tuple[int, str] | None = None
    for left, right in typos.splits(word):
        if left in known and right in known:
            key = (min(len(left), len(right)), f"{left} {right}")
            if best is None or key > best:
                best = key
    return best[1] if best else None


def _correction_options(
    cursor: Any, backend: Backend, query: AnalysedQuery, docs: list[Document]
) -> dict[int, list[str]]:
    """For each unknown word of the query (by token index), the replacements worth trying.

    A word is "unknown" when its group matched no service in scope and it is not an
    Indonesian word: a word some service uses, or one in the dictionary, is never corrected.
    Replacements are the nearest words of the index vocabulary and the lexicon, or a split of
    a run-together word ("aktalahir").
    """
    unknown = [
        group.correctable_token
        for group in query.groups
        if group.correctable_token is not None
        and not any(doc.contains(term) for doc in docs for term in group.alternatives)
    ]
    tokens = query.tokens
    lexicon = lexicon_words()
    options: dict[int, list[str]] = {}
    for index in unknown:
        word = tokens[index]
        if is_known_word(word) or is_dictionary_word(word):
            continue
        limit = typos.max_edits(word)
        nearby = [w for w in lexicon if abs(len(w) - len(word)) <= limit]
        found = typos.corrections(word, [*backend.similar_words(cursor, word), *nearby])
        if found:
            options[index] = found
    unsplit = [i for i in unknown if i not in options and len(tokens[i]) >= MIN_SPLIT_LENGTH]
    if unsplit:
        parts = {part for i in unsplit for pair in typos.splits(tokens[i]) for part in pair}
        known = backend.known_words(cursor, parts) | {p for p in parts if is_known_word(p)}
        for index in unsplit:
            split = _best_split(tokens[index], known)
            if split is not None:
                options[index] = [split]
    return options


def _choose(options: dict[int, list[str]], docs: list[Document]) -> dict[int, str]:
    """Per unknown word, the replacement that the most services in scope contain."""
    chosen = {}
    for index, replacements in options.items():

        def hits(replacement: str) -> int:
            terms = analyse_query(replacement).terms
            return sum(1 for doc in docs if any(doc.contains(t) for t in terms))

        # max() keeps the first of equals: the order `typos.corrections` ranked them in.
        chosen[index] = max(replacements, key=hits)
    return chosen


_cache = TTLCache(SEARCH_CACHE_SECONDS, max_entries=SEARCH_CACHE_SIZE)


def clear_search_cache(**_kwargs: Any) -> None:
    """Forget every kept result (a signal receiver too: any catalogue change calls it)."""
    _cache.clear()


def catalogue_version() -> int:
    """A number that changes whenever this process forgets its kept results: what is kept
    elsewhere from a search (the search page's rendered results) is keyed by it."""
    return _cache.generation


for _model in (Mall, Agency, Service):
    post_save.connect(
        clear_search_cache, sender=_model, weak=False, dispatch_uid=f"search-{_model}"
    )
    post_delete.connect(
        clear_search_cache, sender=_model, weak=False, dispatch_uid=f"search-del-{_model}"
    )


def search_services(
    *,
    mall: Mall | None,
    query: str,
    agency: Agency | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Services matching what a citizen typed, best first (see _search); a result of the last
    SEARCH_CACHE_SECONDS is reused. The services are shared between callers: read them only."""
    key = (
        mall.pk if mall is not None else None,
        agency.pk if agency is not None else None,
        query,
        limit,
        offset,
    )
    result = _cache.get_or_compute(
        key, lambda: _search(mall=mall, query=query, agency=agency, limit=limit, offset=offset)
    )
    return replace(result, services=list(result.services))


def _search(
    *,
    mall: Mall | None,
    query: str,
    agency: Agency | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Services matching what a citizen typed, best first.

    Scoped to `mall` (None searches every mall) and optionally one agency; only active services
    of active agencies. `total` counts every ranked match; `services` is the page
    [offset, offset + limit). `suggestion` is the corrected query when a word was corrected
    (the results are already those of the corrected query).
    """
    analysed = analyse_query(query)
    if not analysed.groups:
        return SearchResult(query=query, total=0)
    backend = backend_for(connection)
    mall_id = mall.pk if mall is not None else None
    agency_id = agency.pk if agency is not None else None
    suggestion = ""
    with connection.cursor() as cursor:
        candidates, population = backend.candidates(cursor, analysed.terms, mall_id, agency_id)
        docs = documents(candidates)
        options = _correction_options(cursor, backend, analysed, docs)
        if options:
            # One more round trip fetches the services of every replacement worth trying;
            # the one found in most services of this mall wins.
            terms = set(analysed.terms)
            for replacements in options.values():
                for replacement in replacements:
                    terms |= analyse_query(replacement).terms
            found, found_population = backend.candidates(cursor, terms, mall_id, agency_id)
            found_docs = documents(found)
            chosen = _choose(options, found_docs)
            corrected = " ".join(chosen.get(i, t) for i, t in enumerate(analysed.tokens))
            retry = analyse_query(corrected)
            if found and retry.groups:
                analysed, docs, population = retry, found_docs, found_population
                suggestion = corrected
    ranked = rank(analysed, docs, population)
    page_ids = [s.service_id for s in ranked[offset : offset + limit]] if limit > 0 else []
    services: list[Service] = []
    if page_ids:
        by_id = Service.objects.select_related("agency").in_bulk(page_ids)
        services = [by_id[pk] for pk in page_ids if pk in by_id]
    return SearchResult(query=query, total=len(ranked), services=services, suggestion=suggestion)
