"""The comparator table as a whole: the chapter's cases, and properties over any input."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.compare import COMPARATORS, compare
from app.models import (
    Author,
    Citation,
    FieldName,
    Mismatch,
    PageRange,
    Record,
    Severity,
    Source,
    Style,
)
from app.normalize import expand_page_range
from tests.domain_records import GUPTA


def cite(**fields: Any) -> Citation:
    return Citation(index=1, raw="(test reference)", style=Style.VANCOUVER, **fields)


def failing(mismatches: tuple[Mismatch, ...]) -> list[tuple[FieldName, str | None, str | None]]:
    """Error- and warning-level mismatches as (field, cited, found)."""
    return [(m.field, m.cited, m.found) for m in mismatches if m.severity is not Severity.INFO]


STEINMULLER = Record(
    sources=(Source.CROSSREF, Source.PUBMED),
    doi="10.1159/000111037",
    title="Consensus guidelines for the management of patients with liver metastases from "
    "digestive (neuro)endocrine tumors: foregut, midgut, hindgut, and unknown primary.",
    journal="Neuroendocrinology",
    journal_names=("Neuroendocrinology",),
    year=2008,
    years=(2007, 2008),
    volume="87",
    issue="1",
    pages=PageRange("47", "62"),
    authors=(Author("Steinmüller", "T"), Author("Kianmanesh", "R"), Author("Falconi", "M")),
)


def test_every_field_has_a_comparator() -> None:
    assert set(COMPARATORS) == set(FieldName)


def test_gupta_wrong_year_is_the_only_failing_field() -> None:
    """Ref 12: cited 2009, registered 2006; 'Massaguè' is only a diacritic variant."""
    citation = cite(
        authors=(Author("Gupta", "GP"), Author("Massaguè", "J")),
        title="Cancer metastasis: building a framework",
        journal="Cell",
        year=2009,
        volume="127",
        pages=expand_page_range("679–95"),
    )
    mismatches = compare(citation, GUPTA)
    assert failing(mismatches) == [(FieldName.YEAR, "2009", "2006")]
    assert [m.severity for m in mismatches if m.field is FieldName.AUTHORS] == [Severity.INFO]


def test_steinmuller_cited_with_the_online_year_has_no_error() -> None:
    """Ref 57: print 2008, online 2007, cited 2007; 'Steinmuller' is a transliteration."""
    citation = cite(
        authors=(Author("Steinmuller", "T"), Author("Kianmanesh", "R"), Author("Falconi", "M")),
        et_al=True,
        title="Consensus guidelines for the management of patients with liver metastases from "
        "digestive (neuro)endocrine tumors: foregut, midgut, hindgut, and unknown primary",
        journal="Neuroendocrinology",
        year=2007,
        volume="87",
        pages=expand_page_range("47–62"),
    )
    mismatches = compare(citation, STEINMULLER)
    assert failing(mismatches) == []
    assert [(m.field, m.severity) for m in mismatches] == [(FieldName.AUTHORS, Severity.INFO)]


def test_mismatches_come_in_comparator_order() -> None:
    citation = cite(year=2009, volume="128", doi="10.1016/j.cell.2006.11.019")
    fields = [m.field for m in compare(citation, GUPTA)]
    assert fields == [FieldName.YEAR, FieldName.VOLUME, FieldName.DOI]


_text = st.text(max_size=40)
_short = st.text(max_size=8)
_authors = st.lists(
    st.builds(
        Author, family=_text, initials=_short, given=st.none() | _text, is_group=st.booleans()
    ),
    max_size=6,
).map(tuple)
_pages = st.none() | st.builds(PageRange, first=_short, last=st.none() | _short, raw=_short)
_records = st.builds(
    Record,
    sources=st.just((Source.CROSSREF,)),
    doi=st.none() | _text,
    pmid=st.none() | _short,
    title=st.none() | _text,
    journal=st.none() | _text,
    journal_names=st.lists(_text, max_size=3).map(tuple),
    year=st.none() | st.integers(1800, 2100),
    years=st.lists(st.integers(1800, 2100), max_size=3).map(tuple),
    volume=st.none() | _short,
    issue=st.none() | _short,
    pages=_pages,
    authors=_authors,
)
_citations = st.builds(
    Citation,
    index=st.integers(1, 500),
    raw=_text,
    authors=_authors,
    et_al=st.booleans(),
    title=st.none() | _text,
    journal=st.none() | _text,
    year=st.none() | st.integers(1800, 2100),
    volume=st.none() | _short,
    issue=st.none() | _short,
    pages=_pages,
    doi=st.none() | _text,
)


@settings(max_examples=300, deadline=None)
@given(_citations, _records)
def test_compare_never_raises_and_always_explains(citation: Citation, record: Record) -> None:
    for mismatch in compare(citation, record):
        assert mismatch.message


@settings(max_examples=300, deadline=None)
@given(_records)
def test_a_citation_identical_to_its_record_has_no_mismatch(record: Record) -> None:
    years = record.years + ((record.year,) if record.year is not None else ())
    citation = Citation(
        index=1,
        raw="(generated)",
        authors=record.authors,
        title=record.title,
        journal=record.journal,
        year=record.year,
        volume=record.volume,
        issue=record.issue,
        pages=record.pages,
        doi=record.doi,
    )
    assert compare(citation, replace(record, years=years)) == ()
