"""The same work cited twice in one list: the later reference names the earlier one."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from app.integrity.duplicates import duplicate_findings
from app.models import FindingKind, Record, Severity, Status
from tests.integrity.works import ARTICLE, ARTICLE_TEXT, OTHER, result


def test_a_second_reference_to_the_same_doi_is_a_duplicate_of_the_first() -> None:
    results = [
        result(1, Status.VERIFIED, ARTICLE, label="4"),
        result(2, Status.VERIFIED, OTHER, text="Solheim J. Liver transplantation. 2016."),
        result(3, Status.MISMATCH, ARTICLE, text="Moreno L. Parenchymal sparing. 2017."),
    ]
    found = duplicate_findings(results)
    assert list(found) == [3]
    assert (found[3].kind, found[3].severity, found[3].related_index) == (
        FindingKind.DUPLICATE,
        Severity.WARNING,
        1,
    )
    assert found[3].message == (
        "the same work is cited as reference [4] (both matched 10.1097/sla.0000000000002741)"
    )


def test_the_same_pmid_without_a_doi_is_a_duplicate() -> None:
    no_doi = replace(ARTICLE, doi=None)
    results = [
        result(1, Status.VERIFIED, no_doi),
        result(2, Status.VERIFIED, no_doi, text="other"),
    ]
    assert "PMID 29000004" in duplicate_findings(results)[2].message


def test_near_identical_texts_are_duplicates_even_when_not_found() -> None:
    typo = ARTICLE_TEXT.replace("Parenchymal", "Parenchymall")
    results = [
        result(1, Status.NOT_FOUND, text=ARTICLE_TEXT),
        result(2, Status.NOT_FOUND, text=typo),
    ]
    assert duplicate_findings(results)[2].message.endswith("(near-identical text)")


def test_texts_with_different_numbers_are_not_duplicates() -> None:
    """Two parts of one series differ in year, volume or pages."""
    part_two = ARTICLE_TEXT.replace("2018;268(5):801-9", "2019;269(1):12-9")
    results = [
        result(1, Status.NOT_FOUND, text=ARTICLE_TEXT),
        result(2, Status.NOT_FOUND, text=part_two),
    ]
    assert duplicate_findings(results) == {}


def test_an_ambiguous_best_candidate_does_not_make_a_duplicate() -> None:
    results = [
        result(1, Status.VERIFIED, ARTICLE),
        result(2, Status.AMBIGUOUS, ARTICLE, text="Moreno L. Hepatectomy. 2018."),
    ]
    assert duplicate_findings(results) == {}


RECORDS = [ARTICLE, OTHER, replace(OTHER, doi="10.1/c", pmid="3")]


@given(st.lists(st.sampled_from(RECORDS), max_size=12))
def test_every_repeat_and_only_a_repeat_names_the_first_citation(records: list[Record]) -> None:
    results = [
        result(i, Status.VERIFIED, r, text=f"Reference number {i} cites a work in {1900 + i}.")
        for i, r in enumerate(records, 1)
    ]
    first: dict[str | None, int] = {}
    expected = {i: first.setdefault(r.doi, i) for i, r in enumerate(records, 1)}
    found = duplicate_findings(results)
    assert {i: f.related_index for i, f in found.items()} == {
        i: j for i, j in expected.items() if i != j
    }
