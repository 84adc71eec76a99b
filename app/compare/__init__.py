"""Compare a citation with the record it was matched to, one comparator per field.

A comparator takes the citation and the record and returns the mismatches it finds (usually
none or one; the author comparator may return several). Each comparator's docstring states its
tolerance, and ``app.compare.severities`` lists how much each kind of difference matters.
A field the citation does not give is never a mismatch: the suggestion fills it in.

>>> from app.models import Record, Source
>>> record = Record(sources=(Source.CROSSREF,), year=2006, years=(2006,))
>>> [m.message for m in compare(Citation(index=12, raw="...", year=2009), record)]
['year cited 2009, registered 2006']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Final

from app.compare.authors import compare_authors
from app.compare.identifiers import compare_doi
from app.compare.numbers import compare_issue, compare_pages, compare_volume, compare_year
from app.compare.titles import compare_title
from app.compare.venue import compare_journal, realign_title_journal
from app.models import Citation, FieldName, Mismatch, Record

Comparator = Callable[[Citation, Record], Sequence[Mismatch]]

COMPARATORS: Final[Mapping[FieldName, Comparator]] = MappingProxyType(
    {
        FieldName.AUTHORS: compare_authors,
        FieldName.TITLE: compare_title,
        FieldName.JOURNAL: compare_journal,
        FieldName.YEAR: compare_year,
        FieldName.VOLUME: compare_volume,
        FieldName.ISSUE: compare_issue,
        FieldName.PAGES: compare_pages,
        FieldName.DOI: compare_doi,
    }
)


def compare(citation: Citation, record: Record) -> tuple[Mismatch, ...]:
    """Every mismatch between a citation and its record, in citation field order."""
    citation = realign_title_journal(citation, record)
    return tuple(
        mismatch for comparator in COMPARATORS.values() for mismatch in comparator(citation, record)
    )


__all__ = ["COMPARATORS", "Comparator", "compare"]
