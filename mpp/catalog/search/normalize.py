"""Turning Indonesian (and some English and Javanese) text into index terms.

The same pipeline runs over service documents and over what citizens type, so that both meet
in the same vocabulary:

1. `fold`: Unicode compatibility folding, accents removed, lower case, apostrophes dropped,
   every other non-alphanumeric character (punctuation, emoji, FTS syntax) becomes a space.
2. `tokenize`: runs of ``[a-z0-9]``.
3. Phrase tables from `lexicon` (longest match first): aliases on both sides; English and
   everyday intent words on queries only.
4. Stop words dropped.
5. `stem`: PySastrawi (imported lazily, memoised) with a few overrides and the colloquial
   affixes Sastrawi does not know (Jakarta "-in", Javanese/Betawi "nge-", "ny-", "m-").

Query analysis produces *groups*: one per thing the citizen asked for, each a small set of
alternative stems with weights. The engine ranks services by how well they cover the groups.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from mpp.catalog.search import lexicon

#: Longest query the engine looks at (characters after folding); anything longer is cut.
MAX_QUERY_CHARS = 300
#: Most groups a query may have; further words are ignored.
MAX_GROUPS = 12
#: Longer "words" are not typo-corrected (no Indonesian word is that long; it is noise).
MAX_CORRECTABLE_LENGTH = 20

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_APOSTROPHES = str.maketrans("", "", "'’‘`´")


def fold(text: str) -> str:
    """Lower-case ASCII-ish text: accents removed, apostrophes dropped, the rest kept."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower().translate(_APOSTROPHES)


def tokenize(text: str) -> list[str]:
    return _TOKEN_RE.findall(fold(text))


# --- Phrase tables ---------------------------------------------------------------------------


def _compile(table: dict[str, Any]) -> dict[tuple[str, ...], Any]:
    return {tuple(tokenize(key)): value for key, value in table.items()}


_ALIASES = _compile(lexicon.ALIASES)
_ENGLISH = _compile(lexicon.ENGLISH)
_EVERYDAY = _compile(lexicon.EVERYDAY)
_MAX_PHRASE = max(len(key) for key in (*_ALIASES, *_ENGLISH, *_EVERYDAY))


def _match(
    tokens: list[str], start: int, tables: tuple[dict[tuple[str, ...], Any], ...]
) -> tuple[int, int, Any] | None:
    """Longest phrase of any table starting at `start`: (length, table index, value)."""
    for length in range(min(_MAX_PHRASE, len(tokens) - start), 0, -1):
        key = tuple(tokens[start : start + length])
        for index, table in enumerate(tables):
            if key in table:
                return length, index, table[key]
    return None


# --- Stemming --------------------------------------------------------------------------------


@cache
def _sastrawi() -> Any:
    # Imported here, not at module level: the dictionary costs start-up time and memory that
    # pages without search should not pay.
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


def _in_dictionary(word: str) -> bool:
    return bool(_sastrawi().dictionary.contains(word))


def _colloquial_root(word: str) -> str | None:
    """The root of a colloquial form Sastrawi does not strip, if the root is a known word."""
    candidates: list[str] = []
    if word.endswith("in") and len(word) > 5:  # Jakarta: benerin, bikinin, panjangin
        candidates.append(word[:-2])
        if word.endswith("kin"):
            candidates.append(word[:-3])
    if word.startswith("nge") and len(word) > 5:  # ngecek, ngelamar
        candidates.append(word[3:])
    if word.startswith("ng") and len(word) > 4 and word[2] in "aiueo":  # ngurus, ngambil
        candidates.append(word[2:])
        candidates.append("k" + word[2:])  # ngirim → kirim
    if word.startswith("ny") and len(word) > 4 and word[2] in "aiueo":  # nyetak, nyari
        candidates.extend(["c" + word[2:], "s" + word[2:]])
    if word.startswith("m") and len(word) > 4 and word[1] in "bp":  # Javanese mbayar
        candidates.append(word[1:])
    for candidate in candidates:
        if _in_dictionary(candidate):
            return candidate
    return None


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The index term of one folded token."""
    override = lexicon.STEM_OVERRIDES.get(word)
    if override is not None:
        return override
    if word in lexicon.ABBREVIATIONS or len(word) <= 3 or not word.isalpha():
        return word
    result: str = _sastrawi().stem_word(word)
    if result == word and not _in_dictionary(word):
        root = _colloquial_root(word)
        if root is not None:
            result = _sastrawi().stem_word(root)
    return result


def _keep(token: str) -> bool:
    return (len(token) > 1 or token.isdigit()) and token not in lexicon.STOP_WORDS


# --- Documents -------------------------------------------------------------------------------


def analyse_text(text: str) -> list[str]:
    """Index terms of a document field: stems of its words plus canonical alias terms."""
    tokens = tokenize(text)
    terms: list[str] = []
    position = 0
    while position < len(tokens):
        found = _match(tokens, position, (_ALIASES,))
        if found is None:
            if _keep(tokens[position]):
                terms.append(stem(tokens[position]))
            position += 1
            continue
        length, _table, canonical = found
        # The canonical form (so "KK" finds "Kartu Keluarga") and the words as written (so
        # "kartu" still finds it), each term once: "KTP-el" is just "ktp".
        canonical_terms = [stem(t) for t in tokenize(canonical) if _keep(t)]
        terms.extend(canonical_terms)
        terms.extend(
            term
            for term in (stem(t) for t in tokens[position : position + length] if _keep(t))
            if term not in canonical_terms
        )
        position += length
    return terms


def document_text(*parts: str) -> str:
    """The stored form of a field: its index terms separated by spaces."""
    return " ".join(term for part in parts if part for term in analyse_text(part))


def surface_words(*parts: str) -> set[str]:
    """Folded words of a document, for the typo-correction vocabulary."""
    words: set[str] = set()
    for part in parts:
        for token in tokenize(part):
            if len(token) >= 3 and token.isalpha() and token not in lexicon.STOP_WORDS:
                words.add(token)
    return words


# --- Queries ---------------------------------------------------------------------------------


@dataclass
class QueryGroup:
    """One thing the citizen asked for: alternative stems with weights (best match counts)."""

    alternatives: dict[str, float]
    #: Index of the token in `AnalysedQuery.tokens` this group came from, when it came from one
    #: ordinary word that typo correction may replace.
    correctable_token: int | None = None

    @property
    def primary(self) -> str:
        return max(self.alternatives.items(), key=lambda item: (item[1], item[0]))[0]


@dataclass
class AnalysedQuery:
    tokens: list[str]
    groups: list[QueryGroup] = field(default_factory=list)

    @property
    def terms(self) -> set[str]:
        return {term for group in self.groups for term in group.alternatives}


def _add_related(alternatives: dict[str, float]) -> dict[str, float]:
    result = dict(alternatives)
    for term, weight in alternatives.items():
        for related, related_weight in lexicon.RELATED.get(term, {}).items():
            result[related] = max(result.get(related, 0.0), weight * related_weight)
    return result


def analyse_query(text: str) -> AnalysedQuery:
    """What a citizen typed, as groups of weighted alternative stems (see the module doc).

    Phrases of the lexicon are matched longest first, so "kartu tanda penduduk" is one group
    (``ktp``) and "bikin" one group of intents; stop words vanish; groups with the same primary
    stem are merged ("ktp ktp" is one group). At most MAX_GROUPS groups are kept.
    """
    tokens = tokenize(text[: MAX_QUERY_CHARS * 2])
    tokens = tokenize(" ".join(tokens)[:MAX_QUERY_CHARS])
    query = AnalysedQuery(tokens=tokens)
    groups: list[QueryGroup] = []
    position = 0
    while position < len(tokens):
        found = _match(tokens, position, (_ALIASES, _ENGLISH, _EVERYDAY))
        if found is None:
            token = tokens[position]
            if _keep(token):
                correctable = (
                    4 <= len(token) <= MAX_CORRECTABLE_LENGTH
                    and token.isalpha()
                    and token not in lexicon.ABBREVIATIONS
                )
                groups.append(
                    QueryGroup(
                        alternatives={stem(token): 1.0},
                        correctable_token=position if correctable else None,
                    )
                )
            position += 1
            continue
        length, table, value = found
        if table == 2:  # everyday intent word: one group of weighted alternatives
            if value:
                # The word itself too: keyword lists often contain "bikin npwp".
                literal = {stem(t): 1.0 for t in tokens[position : position + length]}
                groups.append(QueryGroup(alternatives={**value, **literal}))
        else:
            groups.extend(
                QueryGroup(alternatives={stem(t): 1.0}) for t in tokenize(value) if _keep(t)
            )
        position += length
    merged: dict[str, QueryGroup] = {}
    for group in groups:
        group.alternatives = _add_related(group.alternatives)
        existing = merged.get(group.primary)
        if existing is None:
            merged[group.primary] = group
        elif existing.correctable_token is not None and group.correctable_token is None:
            existing.correctable_token = None
    query.groups = list(merged.values())[:MAX_GROUPS]
    return query


def is_dictionary_word(token: str) -> bool:
    """Whether a folded token is an Indonesian word (its root is in PySastrawi's dictionary).

    Such a word is never "corrected" into another one: "pasar" that no service mentions is
    still "pasar", not a misspelt "dasar".
    """
    return _in_dictionary(token) or _in_dictionary(stem(token))


def is_known_word(token: str) -> bool:
    """Whether a folded token is one the lexicon itself knows (so never a typo)."""
    return (
        token in lexicon.STOP_WORDS
        or token in lexicon.ABBREVIATIONS
        or (token,) in _ALIASES
        or (token,) in _ENGLISH
        or (token,) in _EVERYDAY
    )


def lexicon_words() -> set[str]:
    """Single words the lexicon knows, as candidates for typo correction."""
    return _lexicon_words()


@cache
def _lexicon_words() -> set[str]:
    words: set[str] = set(lexicon.ABBREVIATIONS)
    for table in (_ALIASES, _ENGLISH, _EVERYDAY):
        for key in table:
            words.update(key)
    for canonical in lexicon.ALIASES.values():
        words.update(tokenize(canonical))
    # Short words matter most here: the trigram search of the vocabulary rarely finds a
    # four-letter word with a swapped letter ("skkc" shares no trigram with "skck").
    return {w for w in words if len(w) >= 3 and w.isalpha()}
