"""How one PubMed search field matches one work: the predicates behind ESearch and ECitMatch.

PubMed semantics, simplified and stated once here:

- journal (``[ta]``): case and punctuation are ignored and any form matches: MedlineTA, ISO
  abbreviation, full title, the full title without its qualifier ("Journal of clinical
  oncology : official journal of ..." -> "Journal of clinical oncology"), or the ISSN.
- author (``[au]``): "smith ja" means surname "smith" (diacritics, spaces and hyphens folded
  away) and initials starting with "ja"; "smith" alone is any initials.
- date (``[dp]``): "2006", "2006/11" or a range "2005:2007", against the print or online date.
- pages (``[pg]``): the first page ("679" or "679-95" both mean first page 679).

A term is compiled once into a predicate over :class:`IndexedWork` (a work with its folded
forms precomputed), so a search costs one cheap call per work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.normalize import fold_alnum, normalize_doi
from tests.fake_upstream.esearch_query import Term
from tests.fake_upstream.ranking import tokenize
from tests.fake_upstream.store import FakeWork

Predicate = Callable[["IndexedWork"], bool]

_QUALIFIER_RE = re.compile(r"\s*(?:\s:\s|\s/\s|\().*$")
_UNTAGGED_FIELDS = ("ti", "au", "ta", "dp", "vi", "pg", "pmid", "aid")


def compact(text: str) -> str:
    """Fold, keep letters and digits only: "Langenbeck's Arch Surg" -> "langenbecksarchsurg"."""
    return fold_alnum(text).replace(" ", "")


def split_author_query(query: str) -> tuple[str, str]:
    """Split an author query into compact surname and initials.

    "smith ja" -> ("smith", "ja"); "van cutsem e" -> ("vancutsem", "e"); "gu p" -> ("gu", "p").
    """
    words = fold_alnum(query).split()
    initials = ""
    while len(words) > 1 and len(words[-1]) == 1:
        initials = words.pop() + initials
    if not initials and len(words) > 1 and len(words[-1]) <= 3:
        initials = words.pop()
    return "".join(words), initials


@dataclass(frozen=True, slots=True)
class IndexedWork:
    """A work with the folded forms the predicates compare against."""

    work: FakeWork
    title_tokens: tuple[str, ...]
    journal_keys: frozenset[str]
    authors: tuple[tuple[str, str], ...]  # (compact surname or group name, lower-case initials)

    @classmethod
    def of(cls, work: FakeWork) -> IndexedWork:
        names = [work.journal, work.journal_abbrev, work.journal_iso, work.container_title]
        names.append(_QUALIFIER_RE.sub("", work.journal))
        keys = {compact(n) for n in names if n}
        if work.issn:
            keys.add(work.issn.replace("-", "").lower())
        authors = tuple(
            (compact(a.collective or a.family), "" if a.collective else a.initials.lower())
            for a in work.authors
        )
        return cls(work, tuple(tokenize(work.title)), frozenset(keys - {""}), authors)


def author_predicate(query: str, *, position: int | None = None) -> Predicate:
    """Any author (or the one at ``position``: 0 first, -1 last) matches "smith ja"."""
    surname, initials = split_author_query(query)
    group = compact(query)

    def one(author: tuple[str, str]) -> bool:
        name, author_initials = author
        if not author_initials and group in name:  # a group author: "dutchliversurgery..."
            return True
        return name == surname and author_initials.startswith(initials)

    if position is None:
        return lambda w: any(one(a) for a in w.authors)
    return lambda w: bool(w.authors) and one(w.authors[position])


def date_predicate(query: str) -> Predicate:
    """The print or the online date falls in "2006", "2006/11" or "2005:2007"."""
    if m := re.fullmatch(r"\s*(\d{4})\s*:\s*(\d{4})\s*", query):
        low, high = int(m.group(1)), int(m.group(2))
        return lambda w: any(
            y is not None and low <= y <= high for y in (w.work.year, w.work.online_year)
        )
    m = re.fullmatch(r"\s*(\d{4})(?:/(\d{1,2}))?(?:/\d{1,2})?\s*", query)
    if not m:
        return lambda w: False
    year, month = int(m.group(1)), int(m.group(2)) if m.group(2) else None

    def matches(w: IndexedWork) -> bool:
        dates = ((w.work.year, w.work.month), w.work.effective_online)
        return any(y == year and (month is None or mo == month) for y, mo in dates)

    return matches


def first_page_predicate(query: str) -> Predicate:
    """The query's first page is the work's first page or article number."""
    first = query.strip().split("-")[0].strip().lower()
    return lambda w: (
        bool(first)
        and first
        in {
            (w.work.first_page or "").lower(),
            (w.work.article_number or "").lower(),
        }
    )


def title_predicate(text: str, *, phrase: bool) -> Predicate:
    """All words in the title; with ``phrase``, adjacent and in order."""
    words = tuple(tokenize(text))
    if not words:
        return lambda w: False
    if not phrase:
        wanted = set(words)
        return lambda w: wanted <= set(w.title_tokens)
    n = len(words)
    return lambda w: any(w.title_tokens[i : i + n] == words for i in range(len(w.title_tokens)))


def _equals(get: Callable[[FakeWork], str | None], text: str) -> Predicate:
    wanted = text.strip().lower()
    return lambda w: (get(w.work) or "").strip().lower() == wanted


def _journal_predicate(text: str) -> Predicate:
    key = compact(text)
    return lambda w: key in w.journal_keys


def _pub_type_predicate(text: str) -> Predicate:
    wanted = text.strip().lower()
    return lambda w: any(p.lower() == wanted for p in w.work.pub_types)


def _doi_predicate(text: str) -> Predicate:
    wanted = normalize_doi(text)
    return lambda w: wanted is not None and normalize_doi(w.work.doi) == wanted


_COMPILERS: dict[str, Callable[[Term], Predicate]] = {
    "ti": lambda t: title_predicate(t.text, phrase=t.quoted),
    "ta": lambda t: _journal_predicate(t.text),
    "au": lambda t: author_predicate(t.text),
    "1au": lambda t: author_predicate(t.text, position=0),
    "lastau": lambda t: author_predicate(t.text, position=-1),
    "dp": lambda t: date_predicate(t.text),
    "vi": lambda t: _equals(lambda w: w.volume, t.text),
    "ip": lambda t: _equals(lambda w: w.issue, t.text),
    "pg": lambda t: first_page_predicate(t.text),
    "pmid": lambda t: _equals(lambda w: w.pmid, t.text),
    "aid": lambda t: _doi_predicate(t.text),
    "pt": lambda t: _pub_type_predicate(t.text),
    "la": lambda t: _equals(lambda w: w.language, t.text),
}


def compile_term(term: Term) -> Predicate:
    """The predicate of one term; an untagged term may match any searchable field."""
    if term.field != "all":
        return _COMPILERS[term.field](term)
    alternatives = [_COMPILERS[name](term) for name in _UNTAGGED_FIELDS]
    return lambda w: any(p(w) for p in alternatives)
