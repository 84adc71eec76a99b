"""Parse one reference string into a :class:`~app.models.Citation`.

The parser is total: whatever the input, it returns a citation. Identifiers are found first (a
DOI alone is enough to resolve a reference); then the style grammars of
:mod:`app.parsing.grammars` are tried in order. A grammar is accepted when its layout matches and
its author list reads as names in the grammar's order; a book or report falls through to the
partial grammars (authors, title, year); anything else keeps only its raw text and identifiers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any, Final

import regex

from app.models import Citation, PageRange, RawReference, Style
from app.normalize import clean_text, expand_page_range
from app.parsing.grammars import GRAMMARS, PARTIAL_GRAMMARS, YEAR, Grammar
from app.parsing.identifiers import Identifiers, split_identifiers
from app.parsing.names import AuthorList, parse_authors
from app.parsing.segments import (
    sentence_starts,
    split_leading_authors,
    split_title_journal,
    tidy_journal,
    tidy_title,
)

logger = logging.getLogger(__name__)

# A real reference is under 3,000 characters even with 250 authors; longer text is not parsed for
# structure (its identifiers still are), which also bounds the regex work per reference.
MAX_STRUCTURED_CHARS: Final = 6000
# Per-pattern time budget: the layouts are linear on references, this guards hostile input.
MATCH_TIMEOUT_S: Final = 0.2
_YEAR_ANYWHERE: Final = regex.compile(YEAR)
# Two numbers of two digits or more joined by a dash ("679-695", "679-95"): a page range.
_PAGE_RANGE: Final = regex.compile(r"\d{2,}-\d{2,}")


@dataclass(frozen=True, slots=True)
class _Fields:
    """What a grammar read from a reference, before it becomes a Citation."""

    style: Style
    authors: AuthorList | None
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    year_suffix: str = ""
    volume: str | None = None
    issue: str | None = None
    pages: PageRange | None = None


def parse_reference(ref: RawReference) -> Citation:
    """Parse one extracted reference; unrecognised text keeps only ``raw`` (and identifiers).

    >>> c = parse_reference(RawReference(1, "Gupta GP, Massagué J. Cancer metastasis: building "
    ...     "a framework. Cell. 2006;127(4):679-95."))
    >>> (c.style.value, c.authors[1].family, c.journal, c.year, c.volume, c.issue, c.pages.last)
    ('vancouver', 'Massagué', 'Cell', 2006, '127', '4', '695')
    """
    # References from a JSON list or a structured file arrive as typed, not through
    # extract_references: fold dashes, quotes and odd spaces here, where every path meets.
    found = split_identifiers(clean_text(ref.text))
    citation = Citation(
        index=ref.index, raw=ref.text, doi=found.doi, pmid=found.pmid,
        location=ref.location, label=ref.label,
    )  # fmt: skip
    if len(found.text) > MAX_STRUCTURED_CHARS:
        return citation
    fields = _read_fields(found.text)
    if fields is None:
        return citation
    authors = fields.authors or AuthorList(())
    return replace(
        citation,
        authors=authors.authors,
        et_al=authors.et_al,
        title=fields.title,
        journal=fields.journal,
        year=fields.year,
        year_suffix=fields.year_suffix,
        volume=fields.volume,
        issue=fields.issue,
        pages=fields.pages,
        style=_refine_style(fields, found),
    )


def _read_fields(text: str) -> _Fields | None:
    """The first grammar whose layout and author list both fit; else a layout-only fit."""
    layout_only: _Fields | None = None
    for grammar in (*GRAMMARS, *PARTIAL_GRAMMARS):
        match = _fullmatch(grammar, text)
        if match is None:
            continue
        fields = _fields_from(match, grammar)
        if fields is None:
            continue
        if fields.authors is not None and fields.authors.authors:
            return fields
        layout_only = layout_only or fields
    return layout_only


def _fullmatch(grammar: Grammar, text: str) -> regex.Match[str] | None:
    try:
        return grammar.fits(text, timeout=MATCH_TIMEOUT_S)
    except TimeoutError:
        logger.warning("reference layout %s timed out on %d characters", grammar.style, len(text))
        return None


def _fields_from(match: regex.Match[str], grammar: Grammar) -> _Fields | None:
    groups = {name: value for name, value in match.groupdict().items() if value is not None}
    block = groups.get("block")
    if "head" in groups:
        authors, block = split_leading_authors(groups["head"], grammar.names)
    else:
        authors = parse_authors(groups.get("authors", ""), grammar.names)
    year, suffix = _year(groups)
    if grammar.partial:
        if authors is None:
            return None  # a book or report is only worth reading with its authors
        first, after_first = _first_sentence(groups.get("rest", block or ""))
        if year is None and "no_date" not in groups:
            year, suffix = _last_year(after_first)
        return _Fields(grammar.style, authors, tidy_title(first), None, year, suffix)
    title, journal = groups.get("title"), groups.get("journal")
    if block is not None:
        title, journal = split_title_journal(block)
    return _Fields(
        style=grammar.style,
        authors=authors,
        title=tidy_title(title) if title else None,
        journal=tidy_journal(journal) if journal else None,
        year=year,
        year_suffix=suffix,
        **_volume_and_pages(groups.get("volume"), groups.get("pages")),
        issue=groups.get("issue"),
    )


def _volume_and_pages(volume: str | None, pages: str | None) -> dict[str, Any]:
    """A "volume" that is a page range, with no pages read, is the pages: "Cell, 127 (2006),
    679-695" read by a layout whose pages are optional. A wrong volume would be reported as
    a mismatch; pages read as pages are right.

    >>> _volume_and_pages("679-695", None)["pages"].last, _volume_and_pages("12-13", "5")["volume"]
    ('695', '12-13')
    """
    if pages is None and volume is not None and _PAGE_RANGE.fullmatch(volume):
        volume, pages = None, volume
    return {"volume": volume, "pages": expand_page_range(pages)}


def _year(groups: dict[str, str]) -> tuple[int | None, str]:
    if "year" not in groups:
        return None, ""
    return int(groups["year"]), groups.get("year_suffix", "")


def _first_sentence(text: str) -> tuple[str, str]:
    starts = [*sentence_starts(text), len(text)]
    return text[: starts[1]], text[starts[1] :]


def _last_year(text: str) -> tuple[int | None, str]:
    years = list(_YEAR_ANYWHERE.finditer(text))
    if not years:
        return None, ""
    return int(years[-1]["year"]), years[-1]["year_suffix"] or ""


def _refine_style(fields: _Fields, found: Identifiers) -> Style:
    """Tell AMA from Vancouver, which share a layout.

    AMA writes "doi:10.1016/..." (no space) and full page ranges ("679-695"); Vancouver (NLM)
    writes "doi: 10.1016/..." and drops the repeated leading digits ("679-95"). A range that
    NLM would have shortened but did not ("679-695") is AMA's.
    """
    if fields.style is not Style.VANCOUVER:
        return fields.style
    if found.doi_label == "doi:":
        return Style.AMA
    pages = fields.pages
    if pages and pages.last and pages.raw.endswith(pages.last):
        first, last = pages.first, pages.last
        if len(first) == len(last) > 1 and first[0] == last[0] and first.isdigit():
            return Style.AMA
    return Style.VANCOUVER
