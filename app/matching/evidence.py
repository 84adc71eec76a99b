"""Score one candidate record against a citation, field by field.

Every field the citation gives adds evidence for or against the candidate, as log-odds, so one
or two wrong fields (the errors this product exists to find) lower the score without sinking the
right record, while a distractor that agrees on journal, year and volume but not on title,
authors or pages stays low:

- DOI / PMID: agree +7.0, disagree -3.0 (a cited identifier is rarely mistyped);
- title: -6.0 .. +6.0 by similarity (positive part scaled down for cited titles under six
  words: a subtitle-less "Cancer" says little);
- first author: agree +2.5, close (misspelled, transliterated, moved) +1.5, disagree -2.5;
- other cited authors: -1.5 .. +1.5 by the share found in the record;
- first page: agree +2.5, disagree -3.0; last page (when the first agrees): +0.5 / -1.0;
- journal: +1.0 / -1.0; year: agree +1.0, ±1 +0.3, further -1.5;
- volume: +0.5 / -1.0 (it follows from journal and year, so agreeing says little);
- issue: +0.3 / -0.3.

The sum starts from ``PRIOR_LOG_ODDS`` and becomes ``confidence`` through the logistic function.
Two corrections keep it honest. Journal, volume and first page disagreeing together more often
mean another publication of the same work (a meeting abstract, a guideline printed in two
journals) than several typos, so each locator conflict beyond the first costs
``VENUE_CONFLICT_PENALTY`` more. A notice or preprint offered for an article is pushed far below
acceptance (``WRONG_KIND_PENALTY``).

A field the parser did not find still counts when the raw reference contains it (the registered
year, volume, first page, first author, journal or title); when the parser found nothing at all,
a value missing from the raw text counts against the candidate too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import Final

from rapidfuzz import fuzz

from app.compare.numbers import same_label, same_page
from app.compare.titles import title_similarity, title_words
from app.compare.venue import realign_title_journal, registered_journal_names
from app.journals import journal_matches, without_qualifier
from app.matching.kinds import work_kind_rejection
from app.models import Author, Citation, Record
from app.names import NameRelation, author_relation
from app.normalize import fold_alnum, normalize_doi


class Agreement(StrEnum):
    """How one field of a citation relates to a candidate record."""

    AGREE = "agree"
    CLOSE = "close"  # year ±1; a misspelled, transliterated or moved first author
    DISAGREE = "disagree"
    UNKNOWN = "unknown"  # the citation or the record does not give the field


# Log-odds before any evidence: a candidate the search returned is usually not the work.
PRIOR_LOG_ODDS: Final = -4.0
WEIGHTS: Final[dict[str, dict[Agreement, float]]] = {
    "doi": {Agreement.AGREE: 7.0, Agreement.DISAGREE: -3.0},
    "pmid": {Agreement.AGREE: 7.0, Agreement.DISAGREE: -3.0},
    "first_author": {Agreement.AGREE: 2.5, Agreement.CLOSE: 1.5, Agreement.DISAGREE: -2.5},
    "first_page": {Agreement.AGREE: 2.5, Agreement.DISAGREE: -3.0},
    "last_page": {Agreement.AGREE: 0.5, Agreement.DISAGREE: -1.0},
    "journal": {Agreement.AGREE: 1.0, Agreement.DISAGREE: -1.0},
    "year": {Agreement.AGREE: 1.0, Agreement.CLOSE: 0.3, Agreement.DISAGREE: -1.5},
    "volume": {Agreement.AGREE: 0.5, Agreement.DISAGREE: -1.0},
    "issue": {Agreement.AGREE: 0.3, Agreement.DISAGREE: -0.3},
}
# Title similarity -> log-odds, interpolated. A changed word in a short title is ~0.85; a
# different paper on the same topic by the same group is usually below 0.6.
TITLE_CURVE: Final = ((0.0, -6.0), (0.5, -5.0), (0.65, -2.5), (0.75, 0.0), (0.85, 2.5),
                      (0.92, 4.5), (1.0, 6.0))  # fmt: skip
# A title of fewer words identifies less ("Editorial", "Colorectal cancer").
TITLE_INFORMATIVE_WORDS: Final = 6
OTHER_AUTHORS_WEIGHT: Final = 1.5
# Per disagreeing locator (journal, volume, first page) beyond the first one.
VENUE_CONFLICT_PENALTY: Final = 1.5
WRONG_KIND_PENALTY: Final = 15.0
# A registered title at least this similar to a stretch of an unparsed reference counts.
RAW_TITLE_MIN_SIMILARITY: Final = 0.8

_Same = Callable[[str, str], bool]


@dataclass(frozen=True, slots=True)
class Evidence:
    """How a citation agrees with one candidate record, field by field, and overall."""

    title_similarity: float | None
    first_author: Agreement
    author_overlap: float | None  # share of the other cited authors found in the record
    journal: Agreement
    year: Agreement
    volume: Agreement
    issue: Agreement
    first_page: Agreement
    last_page: Agreement
    doi: Agreement
    pmid: Agreement
    rejection: str | None  # why this kind of work cannot be what the citation describes
    log_odds: float
    confidence: float


@dataclass(frozen=True, slots=True)
class _RawText:
    """The reference as written, searched for values the parser did not find."""

    words: str
    strict: bool  # nothing was parsed: a registered value missing from the text counts against

    @classmethod
    def of(cls, citation: Citation) -> _RawText:
        parsed = (
            citation.authors, citation.title, citation.journal, citation.year, citation.volume,
            citation.pages, citation.doi, citation.pmid,
        )  # fmt: skip
        return cls(f" {fold_alnum(citation.raw)} ", strict=not any(parsed))

    def find(self, *values: str | None) -> Agreement:
        """AGREE when a value is whole words of the text (a lone digit proves nothing)."""
        needles = [needle for needle in map(fold_alnum, filter(None, values)) if needle]
        if not needles:
            return Agreement.UNKNOWN
        found = [needle for needle in needles if f" {needle} " in self.words]
        if found:
            return Agreement.AGREE if any(len(n) > 1 for n in found) else Agreement.UNKNOWN
        return Agreement.DISAGREE if self.strict else Agreement.UNKNOWN


def score(citation: Citation, record: Record) -> Evidence:
    """Weigh every field the citation gives against ``record``."""
    citation = realign_title_journal(citation, record)
    raw = _RawText.of(citation)
    similarity = _title_similarity(citation, record, raw)
    fields = {
        "doi": _compare(normalize_doi(citation.doi), normalize_doi(record.doi), str.__eq__),
        "pmid": _compare(citation.pmid, record.pmid, str.__eq__),
        "first_author": _first_author(citation, record, raw),
        "first_page": _page(citation, record, raw, first=True),
        "last_page": _page(citation, record, raw, first=False),
        "journal": _journal(citation, record, raw),
        "year": _year(citation, record, raw),
        "volume": _compare(citation.volume, record.volume, same_label, raw),
        "issue": _compare(citation.issue, record.issue, same_label),
    }
    overlap = _author_overlap(citation.authors, record.authors)
    rejection = work_kind_rejection(citation, record)
    log_odds = PRIOR_LOG_ODDS + sum(WEIGHTS[name].get(a, 0.0) for name, a in fields.items())
    if similarity is not None:
        log_odds += _title_weight(similarity, citation.title or record.title or "")
    if overlap is not None:
        log_odds += OTHER_AUTHORS_WEIGHT * (2 * overlap - 1)
    conflicts = [fields[name] for name in ("journal", "volume", "first_page")].count(
        Agreement.DISAGREE
    )
    log_odds -= VENUE_CONFLICT_PENALTY * max(0, conflicts - 1)
    if rejection is not None:
        log_odds -= WRONG_KIND_PENALTY
    return Evidence(
        title_similarity=similarity,
        author_overlap=overlap,
        rejection=rejection,
        log_odds=log_odds,
        confidence=1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, log_odds)))),
        **fields,
    )


def _title_similarity(citation: Citation, record: Record, raw: _RawText) -> float | None:
    if not record.title:
        return None
    if citation.title:
        return title_similarity(citation.title, record.title)
    words = " ".join(title_words(record.title))
    if len(words.split()) < 4:
        return None
    found = fuzz.partial_ratio(words, raw.words) / 100
    return found if found >= RAW_TITLE_MIN_SIMILARITY else None


def _title_weight(similarity: float, cited_title: str) -> float:
    """Log-odds for a title similarity; a short cited title ("Cancer") earns less."""
    weight = next(
        y0 + (y1 - y0) * (similarity - x0) / (x1 - x0)
        for (x0, y0), (x1, y1) in pairwise(TITLE_CURVE)
        if similarity <= x1
    )
    if weight > 0:
        weight *= min(1.0, len(title_words(cited_title)) / TITLE_INFORMATIVE_WORDS)
    return weight


def _first_author(citation: Citation, record: Record, raw: _RawText) -> Agreement:
    cited = [a for a in citation.authors if not a.is_group]
    registered = [a for a in record.authors if not a.is_group]
    if not registered:
        return Agreement.UNKNOWN
    if not citation.authors:
        return raw.find(registered[0].family)
    if not cited:
        return Agreement.UNKNOWN
    relation = author_relation(cited[0], registered[0])
    if relation is NameRelation.SAME:
        return Agreement.AGREE
    if relation is not NameRelation.DIFFERENT:
        return Agreement.CLOSE
    moved = any(author_relation(cited[0], r) is NameRelation.SAME for r in registered[1:3])
    return Agreement.CLOSE if moved else Agreement.DISAGREE


def _author_overlap(cited: Sequence[Author], registered: Sequence[Author]) -> float | None:
    others = [a for a in cited[1:] if not a.is_group]
    if not others or not registered:
        return None
    found = sum(
        any(author_relation(a, r) is not NameRelation.DIFFERENT for r in registered) for a in others
    )
    return found / len(others)


def _journal(citation: Citation, record: Record, raw: _RawText) -> Agreement:
    names = registered_journal_names(record)
    if not citation.journal:
        return raw.find(*names, *map(without_qualifier, names))
    if not names:
        return Agreement.UNKNOWN
    return Agreement.AGREE if journal_matches(citation.journal, names) else Agreement.DISAGREE


def _year(citation: Citation, record: Record, raw: _RawText) -> Agreement:
    years = set(record.years) | ({record.year} if record.year is not None else set())
    if not years:
        return Agreement.UNKNOWN
    if citation.year is None:
        return raw.find(*map(str, years))
    if citation.year in years:
        return Agreement.AGREE
    near = any(abs(citation.year - y) == 1 for y in years)
    return Agreement.CLOSE if near else Agreement.DISAGREE


def _page(citation: Citation, record: Record, raw: _RawText, *, first: bool) -> Agreement:
    """First or last page; the last page only counts when the first pages agree."""
    if record.pages is None:
        return Agreement.UNKNOWN
    if not first and _page(citation, record, raw, first=True) is not Agreement.AGREE:
        return Agreement.UNKNOWN
    theirs = record.pages.first if first else record.pages.last
    if citation.pages is None:
        return raw.find(theirs) if first else Agreement.UNKNOWN
    ours = citation.pages.first if first else citation.pages.last
    return _compare(ours, theirs, same_page)


def _compare(
    ours: str | None, theirs: str | None, same: _Same, raw: _RawText | None = None
) -> Agreement:
    """Compare a parsed field; when the parser found none, look for the value in ``raw``."""
    if not theirs:
        return Agreement.UNKNOWN
    if not ours:
        return raw.find(theirs) if raw is not None else Agreement.UNKNOWN
    return Agreement.AGREE if same(ours, theirs) else Agreement.DISAGREE
