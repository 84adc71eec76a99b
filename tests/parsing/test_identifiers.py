"""DOI and PMID found in any written form, and removed before the structure is parsed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.parsing.identifiers import split_identifiers
from tests.parsing.support import parse

CELL = "Cell. 2006;127(4):679-95."


@pytest.mark.parametrize(
    "written",
    [
        pytest.param("doi: 10.1016/j.cell.2006.11.001.", id="vancouver"),
        pytest.param("doi:10.1016/j.cell.2006.11.001", id="ama"),
        pytest.param("https://doi.org/10.1016/j.cell.2006.11.001", id="url"),
        pytest.param("http://dx.doi.org/10.1016/J.CELL.2006.11.001.", id="old-resolver"),
        pytest.param("DOI 10.1016/j.cell.2006.11.001", id="upper-case-label"),
        pytest.param("(doi:10.1016/j.cell.2006.11.001)", id="in-brackets"),
        pytest.param("10.1016/j.cell.2006.11.001;", id="bare"),
    ],
)
def test_doi_forms(written: str) -> None:
    found = split_identifiers(f"{CELL} {written}")
    assert (found.doi, found.text) == ("10.1016/j.cell.2006.11.001", CELL)


def test_a_doi_with_brackets_of_its_own_keeps_them() -> None:
    doi = "10.1002/(sici)1097-0258(19980715)17:13<1445::aid-sim829>3.0.co;2-t"
    assert split_identifiers(f"{CELL} doi: {doi}.").doi == doi


@pytest.mark.parametrize(
    ("written", "pmid"),
    [
        pytest.param("PMID: 17110329", "17110329", id="pmid"),
        pytest.param("PubMed PMID: 17110329.", "17110329", id="pubmed-pmid"),
        pytest.param("PMID 17110329; PMCID: PMC1234567", "17110329", id="with-pmcid"),
    ],
)
def test_pmid_forms(written: str, pmid: str) -> None:
    found = split_identifiers(f"{CELL} {written}")
    assert (found.pmid, found.text) == (pmid, CELL)


@pytest.mark.parametrize(
    "note",
    [
        "[Epub ahead of print]",
        "Epub 2006 Nov 17.",
        "Available from: http://x.org/a",
        "[cited 2020]",
    ],
)
def test_web_notes_are_not_part_of_the_structure(note: str) -> None:
    assert split_identifiers(f"{CELL} {note}").text == CELL


def test_vancouver_with_doi_and_pmid_keeps_every_field() -> None:
    citation = parse(
        "Gupta GP, Massagué J. Title. Cell. 2006 Nov 17;127(4):679-95. "
        "doi: 10.1016/j.cell.2006.11.001. PMID: 17110329; PMCID: PMC123456."
    )
    assert (citation.doi, citation.pmid, citation.volume, citation.journal) == (
        "10.1016/j.cell.2006.11.001", "17110329", "127", "Cell",
    )  # fmt: skip


suffix = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789./-_", min_size=1, max_size=30)


@given(registrant=st.integers(1000, 999999999), suffix=suffix, end=st.sampled_from(["", ".", ","]))
def test_a_doi_is_found_whatever_ends_the_sentence(registrant: int, suffix: str, end: str) -> None:
    suffix = suffix.rstrip("./-_") or "x"
    doi = f"10.{registrant}/{suffix}"
    assert split_identifiers(f"{CELL} doi: {doi}{end}").doi == doi


@given(st.text(max_size=500))
def test_splitting_never_raises_and_never_grows_the_text(text: str) -> None:
    found = split_identifiers(text)
    assert len(found.text) <= len(text) + 1


def test_a_title_mentioning_citations_keeps_its_words() -> None:
    text = "Li J. Highly cited papers in 2010. Scientometrics. 2011;1:1."
    assert split_identifiers(text).text == text
