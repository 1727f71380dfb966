"""Ordering candidate services: BM25F over the five indexed fields, plus a name boost.

Computed in Python over the candidates of one mall (at most a few hundred rows), so SQLite and
PostgreSQL rank identically and the formula can be read in one place:

* For every query group, the field-weighted, length-normalised term frequency of its best
  alternative (BM25F): a word in the service name counts far more than one in a requirement.
* Weighted by the group's inverse document frequency *within the mall*: because the candidates
  are every active service of the mall containing any query term, the number of candidates
  containing a group is exactly that group's document frequency. "KTP hilang" therefore leans
  on "hilang" (few services) more than on "KTP" (many).
* A boost for names the query covers: the share of the service name's words that the query
  asked for, so "KTP baru" beats "Legalisir fotokopi KTP untuk lamaran" for "ktp baru", and an
  exact name match comes first.

Services whose score is a small fraction of the best one are dropped (they matched only in a
requirement line, say), which keeps totals meaningful.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mpp.catalog.search.backends import Candidate
from mpp.catalog.search.normalize import AnalysedQuery

FIELD_WEIGHTS = (5.0, 2.5, 1.2, 0.8, 0.3)  # name, alt, text, agency, body
FIELD_B = (0.6, 0.3, 0.5, 0.3, 0.5)
FIELD_AVERAGE_LENGTH = (4.0, 14.0, 30.0, 10.0, 120.0)
K1 = 1.2
#: How much more a service scores when the whole query is found in its name.
NAME_QUERY_BOOST = 0.5
#: How much more a service scores when the query covers its whole name.
NAME_EXACT_BOOST = 0.3
#: Fields that say what a service is about (name, alt, text); agency and body do not.
TOPICAL_FIELDS = (0, 1, 2)
#: How much a query part counts towards coordination when only the body or agency has it.
BODY_PRESENCE = 0.3
#: Exponent of the coordination factor (share of the query a service matches).
COORD_POWER = 1.0
#: Candidates scoring below this share of the best score are not shown.
RELATIVE_CUTOFF = 0.15


@dataclass
class Scored:
    service_id: int
    score: float


class Document:
    """A candidate prepared for scoring: its fields padded with spaces so a term is counted
    with one `str.count` (cheaper than splitting a long requirements field into a Counter)."""

    __slots__ = ("lengths", "name_terms", "padded", "service_id")

    def __init__(self, candidate: Candidate) -> None:
        self.service_id = candidate.service_id
        # Two spaces between terms, so that a term repeated back to back is counted twice.
        self.padded = tuple(f"  {field.replace(' ', '  ')}  " for field in candidate.fields)
        self.lengths = tuple(field.count(" ") + 1 if field else 0 for field in candidate.fields)
        self.name_terms = candidate.fields[0].split()

    def counts(self, term: str) -> list[int]:
        needle = f" {term} "
        return [field.count(needle) for field in self.padded]

    def contains(self, term: str) -> bool:
        needle = f" {term} "
        return any(needle in field for field in self.padded)


def documents(candidates: list[Candidate]) -> list[Document]:
    return [Document(c) for c in candidates]


@dataclass
class _Features:
    """Per query group, for one document: the best over the group's weighted alternatives."""

    tf: list[float]  # pooled field-weighted, length-normalised term frequency (BM25F)
    presence: list[float]  # 1 if the service is about it, BODY_PRESENCE if only mentioned
    in_name: list[float]  # alternative weight when the name has it
    about: list[bool]  # whether a topical field has it (for document frequency)


def _features(doc: Document, groups: list[dict[str, float]]) -> _Features:
    fields = range(len(FIELD_WEIGHTS))
    norm = [
        1.0 - FIELD_B[f] + FIELD_B[f] * doc.lengths[f] / FIELD_AVERAGE_LENGTH[f] for f in fields
    ]
    features = _Features([], [], [], [])
    for alternatives in groups:
        best_tf = best_presence = best_name = 0.0
        is_about = False
        for term, weight in alternatives.items():
            counts = doc.counts(term)
            if not any(counts):
                continue
            pooled = sum(FIELD_WEIGHTS[f] * counts[f] / norm[f] for f in fields)
            best_tf = max(best_tf, weight * pooled)
            topical = any(counts[f] for f in TOPICAL_FIELDS)
            is_about = is_about or topical
            best_presence = max(best_presence, weight * (1.0 if topical else BODY_PRESENCE))
            if counts[0]:
                best_name = max(best_name, weight)
        features.tf.append(best_tf)
        features.presence.append(best_presence)
        features.in_name.append(best_name)
        features.about.append(is_about)
    return features


def rank(query: AnalysedQuery, docs: list[Document], population: int) -> list[Scored]:
    """Documents ordered best first; equal scores in service id order (deterministic on both
    databases)."""
    if not docs or not query.groups:
        return []
    population = max(population, len(docs))
    groups = [group.alternatives for group in query.groups]
    features = [_features(doc, groups) for doc in docs]

    # Document frequency within the mall, counted on what services are about (a KTP-el among
    # the requirements of half the catalogue does not make "ktp" uninformative).
    idf = []
    for g in range(len(groups)):
        df = sum(1 for f in features if f.about[g]) or sum(1 for f in features if f.tf[g] > 0)
        idf.append(math.log(1.0 + (population - df + 0.5) / (df + 0.5)))
    total_idf = sum(idf) or 1.0
    query_terms: dict[str, float] = {}
    for alternatives in groups:
        for term, weight in alternatives.items():
            query_terms[term] = max(query_terms.get(term, 0.0), weight)

    scored: list[Scored] = []
    for doc, f in zip(docs, features, strict=True):
        bm25 = sum(idf[g] * v * (K1 + 1.0) / (v + K1) for g, v in enumerate(f.tf) if v)
        if bm25 <= 0:
            continue
        # Coordination: the share of the query (weighted by how telling each part is) this
        # service is about; a part only its requirements mention counts a little.
        coord = sum(idf[g] * p for g, p in enumerate(f.presence)) / total_idf
        # The share of the query found in the service name.
        name_share = sum(idf[g] * n for g, n in enumerate(f.in_name)) / total_idf
        # The share of the service name the query asked for (an exact name scores 1).
        exact = (
            sum(query_terms.get(term, 0.0) for term in doc.name_terms) / len(doc.name_terms)
            if doc.name_terms
            else 0.0
        )
        boost = 1.0 + NAME_QUERY_BOOST * name_share + NAME_EXACT_BOOST * exact
        scored.append(Scored(doc.service_id, bm25 * coord**COORD_POWER * boost))
    if not scored:
        return []
    best = max(s.score for s in scored)
    kept = [s for s in scored if s.score >= RELATIVE_CUTOFF * best]
    return sorted(kept, key=lambda s: (-round(s.score, 9), s.service_id))
