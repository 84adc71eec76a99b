"""Year, volume, issue and pages: each comparator's tolerance, as a table."""

from __future__ import annotations

from typing import Any

import pytest

from app.compare.numbers import (
    compare_issue,
    compare_pages,
    compare_volume,
    compare_year,
    normalize_label,
    same_page,
)
from app.models import Citation, FieldName, PageRange, Record, Severity, Source
from app.normalize import expand_page_range


def cite(**fields: Any) -> Citation:
    return Citation(index=1, raw="(test reference)", **fields)


def registered(**fields: Any) -> Record:
    return Record(sources=(Source.CROSSREF,), **fields)


@pytest.mark.parametrize(
    ("cited", "year", "years", "expected"),
    [
        pytest.param(2006, 2006, (2006,), None, id="equal"),
        pytest.param(2007, 2008, (2007, 2008), None, id="online-year-listed"),
        pytest.param(2007, 2008, (2008,), Severity.WARNING, id="one-off"),
        pytest.param(2009, 2008, (2008,), Severity.WARNING, id="one-after"),
        pytest.param(2009, 2006, (2006,), Severity.ERROR, id="far"),
        pytest.param(None, 2006, (2006,), None, id="not-cited"),
        pytest.param(2006, None, (), None, id="not-registered"),
        pytest.param(2005, None, (2006,), Severity.WARNING, id="only-years"),
    ],
)
def test_year_tolerance(
    cited: int | None, year: int | None, years: tuple[int, ...], expected: Severity | None
) -> None:
    found = compare_year(cite(year=cited), registered(year=year, years=years))
    assert [m.severity for m in found] == ([expected] if expected else [])


def test_a_wrong_year_reports_cited_and_canonical_year() -> None:
    """Gupta 2006 cited as 2009: an error with both years in one sentence."""
    (mismatch,) = compare_year(cite(year=2009), registered(year=2006, years=(2006,)))
    assert (mismatch.field, mismatch.cited, mismatch.found) == (FieldName.YEAR, "2009", "2006")
    assert mismatch.message == "year cited 2009, registered 2006"


def test_an_online_first_year_is_not_an_error() -> None:
    """Steinmüller: print 2008, online 2007, cited 2007."""
    assert compare_year(cite(year=2007), registered(year=2008, years=(2007, 2008))) == ()


@pytest.mark.parametrize(
    ("cited", "found", "error"),
    [
        pytest.param("127", "127", False, id="equal"),
        pytest.param("Suppl 8", "Suppl. 8", False, id="suppl-period"),
        pytest.param("Suppl 8", "suppl_8", False, id="crossref-underscore"),
        pytest.param("Supplement 8", "Suppl 8", False, id="supplement-word"),
        pytest.param("08", "8", False, id="leading-zero"),
        pytest.param("Vol. 12", "12", False, id="vol-label"),
        pytest.param("15", "120", True, id="different"),
        pytest.param("Suppl 8", "Suppl 7", True, id="other-supplement"),
        pytest.param(None, "120", False, id="not-cited"),
        pytest.param("15", None, False, id="not-registered"),
    ],
)
def test_volume_tolerance(cited: str | None, found: str | None, error: bool) -> None:
    mismatches = compare_volume(cite(volume=cited), registered(volume=found))
    assert [m.severity for m in mismatches] == ([Severity.ERROR] if error else [])


def test_a_wrong_volume_names_both_values() -> None:
    """Page AJ: volume 15 cited for registered 120."""
    (mismatch,) = compare_volume(cite(volume="15"), registered(volume="120"))
    assert (mismatch.cited, mismatch.found, mismatch.message) == (
        "15",
        "120",
        "volume cited 15, registered 120",
    )


@pytest.mark.parametrize(
    ("cited", "found", "error"),
    [
        pytest.param("4", "4", False, id="equal"),
        pytest.param("13", "Pt 13", False, id="part-label-only"),
        pytest.param("3", "3 Pt 1", False, id="issue-and-part"),
        pytest.param("Suppl 1", "Suppl. 1", False, id="supplement"),
        pytest.param("4", "5", True, id="different"),
        pytest.param("3 Pt 1", "3 Pt 2", True, id="different-part"),
        pytest.param(None, "4", False, id="not-cited"),
        pytest.param("4", None, False, id="not-registered"),
    ],
)
def test_issue_tolerance(cited: str | None, found: str | None, error: bool) -> None:
    mismatches = compare_issue(cite(issue=cited), registered(issue=found))
    assert [m.severity for m in mismatches] == ([Severity.ERROR] if error else [])


@pytest.mark.parametrize(
    ("cited", "found", "error"),
    [
        pytest.param("679-95", "679-695", False, id="abbreviated-range"),
        pytest.param("679", "679-695", False, id="first-page-only"),
        pytest.param("e3722", "3722", False, id="e-locator-vs-article-number"),
        pytest.param("3722", "e3722", False, id="article-number-vs-e-locator"),
        pytest.param("S224-5", "S224-S225", False, id="prefixed"),
        pytest.param("3111-21", "3111-3121", False, id="page-a-j"),
        pytest.param("1", "154541", True, id="page-1-for-article-number"),
        pytest.param("679-99", "679-695", True, id="wrong-last-page"),
        pytest.param("680-95", "679-695", True, id="wrong-first-page"),
        pytest.param("632-633", "632", False, id="registered-single-page"),
        pytest.param(None, "679-695", False, id="not-cited"),
        pytest.param("679-95", None, False, id="not-registered"),
    ],
)
def test_pages_tolerance(cited: str | None, found: str | None, error: bool) -> None:
    mismatches = compare_pages(
        cite(pages=expand_page_range(cited)), registered(pages=expand_page_range(found))
    )
    assert [m.severity for m in mismatches] == ([Severity.ERROR] if error else [])


def test_an_impossible_range_is_an_error_even_when_the_first_page_agrees() -> None:
    """Erpenbeck: "3427-2436" for 3427-3436."""
    (mismatch,) = compare_pages(
        cite(pages=expand_page_range("3427–2436")), registered(pages=PageRange("3427", "3436"))
    )
    assert mismatch.severity is Severity.ERROR
    assert "impossible page range" in mismatch.message
    assert (mismatch.cited, mismatch.found) == ("3427-2436", "3427-3436")


def test_pages_show_what_was_written_and_the_registered_range_in_full() -> None:
    (mismatch,) = compare_pages(
        cite(pages=expand_page_range("679-99")), registered(pages=PageRange("679", "695"))
    )
    assert (mismatch.cited, mismatch.found) == ("679-99", "679-695")


@pytest.mark.parametrize(
    ("label", "canonical"),
    [
        pytest.param("Suppl. 8", "suppl8", id="suppl"),
        pytest.param("Pt 13", "pt13", id="part"),
        pytest.param("Vol. 08", "8", id="vol-zero"),
        pytest.param("10", "10", id="ten-keeps-zero"),
    ],
)
def test_normalize_label(label: str, canonical: str) -> None:
    assert normalize_label(label) == canonical


def test_same_page_keeps_letters_other_than_e() -> None:
    assert not same_page("S224", "224")
