"""Typo tolerance: choosing the word a citizen probably meant.

Candidates come from the index vocabulary (found by trigram similarity in the database) and
from the lexicon; the closest by edit distance wins. The distance counts a swap of two
neighbouring letters as one edit ("kelahrian" is one edit from "kelahiran"), the most common
slip on a phone keyboard. Words shorter than four letters are never corrected: that is too
little evidence, and they are mostly abbreviations (KK, SIM, NIB).
"""

from __future__ import annotations

from collections.abc import Iterable


def max_edits(word: str) -> int:
    """How many edits a correction of `word` may need."""
    if len(word) < 4:
        return 0
    if len(word) < 7:
        return 1
    return 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between a and b, or limit + 1 when it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        row_min = current[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[len(b)] if previous[len(b)] <= limit else limit + 1


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def corrections(word: str, candidates: Iterable[str], most: int = 4) -> list[str]:
    """The candidates within `max_edits(word)` at the smallest distance found, best first.

    Among equally distant candidates the one that shares more trigrams comes first, then one
    with the same first letter (people rarely mistype the first letter), then alphabetical
    order so the answer never depends on the order the database returned candidates in. The
    caller may still prefer the one that finds more services.
    """
    limit = max_edits(word)
    if limit == 0:
        return []
    word_trigrams = trigrams(word)
    keyed: list[tuple[int, float, int, str]] = []
    for candidate in set(candidates):
        if candidate == word or len(candidate) < 3:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance > limit:
            continue
        other = trigrams(candidate)
        shared = len(word_trigrams & other) / len(word_trigrams | other)
        keyed.append((distance, -shared, 0 if candidate[0] == word[0] else 1, candidate))
    if not keyed:
        return []
    keyed.sort()
    nearest = keyed[0][0]
    return [key[3] for key in keyed if key[0] == nearest][:most]


def best_correction(word: str, candidates: Iterable[str]) -> str | None:
    """The first of `corrections`, or None."""
    found = corrections(word, candidates, most=1)
    return found[0] if found else None


def splits(word: str) -> list[tuple[str, str]]:
    """Ways to read a run-together word as two words ("aktalahir" → "akta", "lahir")."""
    return [(word[:i], word[i:]) for i in range(2, len(word) - 1)]
