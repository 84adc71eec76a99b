"""What a results row shows: level for the filters, links, confidence."""

from __future__ import annotations

import pytest

from app.models import (
    FieldName,
    Finding,
    FindingKind,
    Mismatch,
    NotFoundKind,
    Result,
    Severity,
    SourceLocation,
    Status,
)
from app.web.rows import doi_url, level_of, pubmed_url, row_of
from tests.web.conftest import gupta_result


def mismatch(severity: Severity) -> Mismatch:
    return Mismatch(FieldName.PAGES, "1-2", "1-3", severity, "pages differ")


@pytest.mark.parametrize(
    ("status", "mismatches", "level"),
    [
        pytest.param(Status.VERIFIED, (), "ok", id="verified"),
        pytest.param(Status.MISMATCH, (mismatch(Severity.ERROR),), "error", id="mismatch-error"),
        pytest.param(
            Status.MISMATCH,
            (mismatch(Severity.WARNING), mismatch(Severity.INFO)),
            "warning",
            id="mismatch-warning-only",
        ),
        pytest.param(Status.NOT_FOUND, (), "error", id="not-found"),
        pytest.param(Status.ERROR, (), "error", id="unprocessable"),
        pytest.param(Status.AMBIGUOUS, (), "warning", id="ambiguous"),
        pytest.param(Status.UNVERIFIED, (), "warning", id="upstream-down"),
    ],
)
def test_level_of_a_result(status: Status, mismatches: tuple[Mismatch, ...], level: str) -> None:
    assert level_of(Result(1, "x", status, mismatches=mismatches)) == level


@pytest.mark.parametrize(
    ("doi", "url"),
    [
        pytest.param(
            "10.1016/j.cell.2006.11.001", "https://doi.org/10.1016/j.cell.2006.11.001", id="plain"
        ),
        pytest.param(
            "10.1002/(SICI)1097-0258", "https://doi.org/10.1002/(SICI)1097-0258", id="sici"
        ),
        pytest.param('10.1000/a"<b>', "https://doi.org/10.1000/a%22%3Cb%3E", id="quoted"),
    ],
)
def test_doi_links_are_percent_encoded(doi: str, url: str) -> None:
    assert doi_url(doi) == url


@pytest.mark.parametrize(
    ("pmid", "url"),
    [
        pytest.param("17110329", "https://pubmed.ncbi.nlm.nih.gov/17110329/", id="digits"),
        pytest.param("1711/../x", None, id="not-digits"),
    ],
)
def test_pubmed_links_only_for_numeric_pmids(pmid: str, url: str | None) -> None:
    assert pubmed_url(pmid) == url


def test_a_matched_row_carries_links_confidence_and_its_printed_number() -> None:
    row = row_of(gupta_result())
    assert (row.number, row.status_text, row.level) == ("12", "Mismatch", "error")
    assert row.doi_url == "https://doi.org/10.1016/j.cell.2006.11.001"
    assert row.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/17110329/"
    assert row.confidence_pct == 97
    assert [m.field for m in row.mismatches] == ["year", "authors"]


def test_an_unmatched_row_has_no_links() -> None:
    row = row_of(Result(3, "Weinberg RA. The biology of cancer.", Status.NOT_FOUND, reason="r"))
    assert (row.number, row.doi_url, row.pubmed_url, row.confidence_pct) == ("3", None, None, None)


def test_an_entry_key_is_shown_apart_from_the_position_in_the_list() -> None:
    key = "gupta2009cancer"
    location = SourceLocation(line=114, path="chapter.bib", key=key)
    row = row_of(Result(7, "Gupta GP. Cell.", Status.VERIFIED, label=key, location=location))
    assert (row.number, row.key) == ("7", "gupta2009cancer")


def test_a_retraction_on_a_verified_reference_makes_its_row_an_error() -> None:
    """The errors filter shows a correctly cited but retracted work, with the finding."""
    retraction = Finding(FindingKind.RETRACTED, Severity.ERROR, "retracted: notice 10.1/r")
    result = Result(index=1, input="x", status=Status.VERIFIED, findings=(retraction,))

    row = row_of(result)

    assert row.level == "error"
    assert [(f.kind, f.severity, f.message) for f in row.findings] == [
        ("retracted", "error", "retracted: notice 10.1/r")
    ]


def test_a_not_found_row_says_what_the_reference_likely_is() -> None:
    result = Result(
        index=1, input="x", status=Status.NOT_FOUND, not_found_kind=NotFoundKind.NOT_INDEXED
    )

    assert (row_of(result).verdict or "").startswith("Not indexed")
