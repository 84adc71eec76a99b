"""Okapi BM25 over token lists: the fake's stand-in for Crossref's Elasticsearch relevance.

Like the real ``score``, the result is an unbounded float that grows with the number and
rarity of matching tokens: an exact citation string scores far above a one-word query, so
clients must calibrate thresholds per query style instead of assuming a fixed scale.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from app.normalize import fold_alnum

K1 = 1.2  # term-frequency saturation (Elasticsearch's default)
B = 0.75  # document-length normalisation (Elasticsearch's default)


def tokenize(text: str) -> list[str]:
    """Fold case, diacritics and punctuation, then split: "Massagué J." -> ["massague", "j"]."""
    return fold_alnum(text).split()


class Bm25Index:
    """An inverted index over documents numbered in insertion order."""

    def __init__(self, documents: Iterable[Sequence[str]]) -> None:
        self._postings: dict[str, dict[int, int]] = {}
        self._lengths: list[int] = []
        for doc, tokens in enumerate(documents):
            self._lengths.append(len(tokens))
            for token, count in Counter(tokens).items():
                self._postings.setdefault(token, {})[doc] = count
        self._average_length = sum(self._lengths) / len(self._lengths) if self._lengths else 1.0

    def idf(self, token: str) -> float:
        """Rarity weight of a token; 0 for a token no document has."""
        df = len(self._postings.get(token, {}))
        if df == 0:
            return 0.0
        n = len(self._lengths)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def search(self, query: Sequence[str], limit: int) -> tuple[int, list[tuple[int, float]]]:
        """Score every document sharing a token with ``query``: (hit count, best ``limit``).

        Ties are broken by insertion order, so results are deterministic.
        """
        scores: dict[int, float] = {}
        for token in set(query):
            weight = self.idf(token)
            for doc, tf in self._postings.get(token, {}).items():
                norm = 1 - B + B * self._lengths[doc] / self._average_length
                scores[doc] = scores.get(doc, 0.0) + weight * tf * (K1 + 1) / (tf + K1 * norm)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return len(scores), [(doc, round(score, 6)) for doc, score in ranked[: max(limit, 0)]]
