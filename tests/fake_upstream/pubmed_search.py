"""ESearch evaluation and ECitMatch matching over the PubMed side of the store.

ECitMatch rule (the fake's, documented because NCBI's is not): the journal must be one
PubMed knows (else ``NOT_FOUND;INVALID_JOURNAL``); among that journal's works, a work matches
when **at least 3 of the 4 fields year, volume, first page, first author agree** (an empty
field never agrees) **and neither a given volume nor a given first page disagrees**. So one
wrong year or author, or one missing field, is tolerated; a wrong volume or page is not. One
match gives its PMID, none ``NOT_FOUND``, several ``AMBIGUOUS (n citations)``. Example:
``cell|2009|127|679|gupta gp|ref12|`` is found (the year is wrong; volume, page and author
agree), while a same-author paper in the same volume on other pages is not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tests.fake_upstream.esearch_query import BoolOp, Node, Term, parse_term
from tests.fake_upstream.pubmed_fields import (
    IndexedWork,
    author_predicate,
    compact,
    compile_term,
    date_predicate,
    first_page_predicate,
)
from tests.fake_upstream.store import Store

MATCHES_NEEDED = 3  # of year, volume, first page, first author


@dataclass(frozen=True, slots=True)
class EsearchResult:
    """The hits of one ESearch, ordered as requested, before ``retstart``/``retmax`` slicing."""

    pmids: list[str]
    translation: str
    phrases_not_found: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CitationQuery:
    """One ECitMatch ``bdata`` line: ``journal|year|volume|first_page|author|key|``."""

    journal: str
    year: str
    volume: str
    first_page: str
    author: str
    key: str

    @classmethod
    def from_line(cls, line: str) -> CitationQuery:
        parts = [*line.split("|"), "", "", "", "", "", ""][:6]
        return cls(*(p.strip() for p in parts))


class PubmedSearch:
    """Searches over the works PubMed holds."""

    def __init__(self, store: Store) -> None:
        self._works = [IndexedWork.of(w) for w in store.pubmed_works]
        self._by_journal: dict[str, list[IndexedWork]] = {}
        for indexed in self._works:
            for key in indexed.journal_keys:
                self._by_journal.setdefault(key, []).append(indexed)

    def esearch(self, term: str, *, sort: str = "") -> EsearchResult:
        """Evaluate ``term``; ``sort="relevance"`` ranks by the weight of the matched terms.

        The default order is "most recent" (highest PMID first), as PubMed's is. Raises
        ``QuerySyntaxError`` for an unusable term.
        """
        tree = parse_term(term)
        missing: list[str] = []
        scores = self._evaluate(tree, missing)
        if sort == "relevance":
            order = sorted(scores, key=lambda i: (-scores[i], -self._pmid(i)))
        else:
            order = sorted(scores, key=lambda i: -self._pmid(i))
        pmids = [self._works[i].work.pmid or "" for i in order]
        return EsearchResult(pmids, tree.translation(), missing)

    def _pmid(self, index: int) -> int:
        return int(self._works[index].work.pmid or 0)

    def _evaluate(self, node: Node, missing: list[str]) -> dict[int, float]:
        if isinstance(node, Term):
            matches = compile_term(node)
            hits = [i for i, w in enumerate(self._works) if matches(w)]
            if not hits:
                missing.append(node.text)
            weight = math.log(1 + len(self._works) / max(len(hits), 1))
            return dict.fromkeys(hits, weight)
        left = self._evaluate(node.left, missing)
        right = self._evaluate(node.right, missing)
        return _combine(node, left, right)

    def citmatch(self, query: CitationQuery) -> str:
        """The ECitMatch answer: a PMID, ``NOT_FOUND[;...]`` or ``AMBIGUOUS (n citations)``."""
        candidates = self._by_journal.get(compact(query.journal), []) if query.journal else []
        if not candidates:
            return "NOT_FOUND;INVALID_JOURNAL"
        matches = [w.work for w in candidates if _citation_matches(w, query)]
        if not matches:
            return "NOT_FOUND"
        if len(matches) > 1:
            return f"AMBIGUOUS ({len(matches)} citations)"
        return matches[0].pmid or "NOT_FOUND"


def _combine(node: BoolOp, left: dict[int, float], right: dict[int, float]) -> dict[int, float]:
    if node.op == "AND":
        return {i: left[i] + right[i] for i in left.keys() & right.keys()}
    if node.op == "OR":
        return {i: left.get(i, 0.0) + right.get(i, 0.0) for i in left.keys() | right.keys()}
    return {i: s for i, s in left.items() if i not in right}


def _citation_matches(work: IndexedWork, query: CitationQuery) -> bool:
    volume_agrees = (work.work.volume or "").lower() == query.volume.lower()
    page_agrees = first_page_predicate(query.first_page)(work)
    if (query.volume and not volume_agrees) or (query.first_page and not page_agrees):
        return False
    agreements = (
        bool(query.year) and date_predicate(query.year)(work),
        bool(query.volume) and volume_agrees,
        bool(query.first_page) and page_agrees,
        bool(query.author) and author_predicate(query.author, position=0)(work),
    )
    return sum(agreements) >= MATCHES_NEEDED
