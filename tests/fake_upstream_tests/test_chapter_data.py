"""The chapter fixture registers what the chapter's link text says, with the known errors fixed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.fake_upstream import FakeWork, FixtureError, Store
from tests.fake_upstream.store import abbreviate_page_range
from tests.fake_upstream_tests.conftest import work

CHAPTER = Path("/work/shared/examples/liver-metastasis-chapter.txt")


def _link_texts() -> dict[int, str]:
    """Reference number -> the trailing link text ("CrossRefPubMedGoogle Scholar")."""
    entries = re.findall(r"^\s+\d+\. (\d+)\.\n\s+(.+)$", CHAPTER.read_text(), re.MULTILINE)
    links = {}
    for number, text in entries:
        tail = re.search(r"((?:CrossRef|PubMed|PubMedCentral|Google Scholar)*)$", text)
        links[int(number)] = tail.group(1) if tail else ""
    return links


def test_each_reference_is_held_by_the_indexes_its_links_name(store: Store) -> None:
    """CrossRef -> in Crossref, PubMed -> in PubMed, Google Scholar only -> no record (ref 12's
    known PMID is the one addition)."""
    links = _link_texts()
    assert len(links) == 68
    by_ref = {w.ref: w for w in store.works if w.ref is not None}
    for ref, text in links.items():
        record = by_ref.get(ref)
        held = (record.in_crossref, record.in_pubmed) if record else (False, False)
        expected = ("CrossRef" in text, "PubMed" in text or ref == 12)
        assert held == expected, f"ref {ref}: links {text!r}"


@pytest.mark.parametrize(
    ("ref", "field", "registered"),
    [
        pytest.param(12, "year", 2006, id="ref12-year"),
        pytest.param(12, "pmid", "17110329", id="ref12-pmid"),
        pytest.param(4, "volume", "120", id="ref4-volume"),
        pytest.param(15, "last_page", "3436", id="ref15-last-page"),
        pytest.param(57, "online_year", 2007, id="ref57-online-year"),
        pytest.param(57, "year", 2008, id="ref57-print-year"),
    ],
)
def test_known_errors_are_registered_corrected(
    store: Store, ref: int, field: str, registered: object
) -> None:
    assert getattr(work(store, ref), field) == registered


@pytest.mark.parametrize(
    ("ref", "family"),
    [(5, "Müller"), (46, "Hurwitz"), (34, "Nordlinger"), (68, "Schmelzle"), (57, "Steinmüller")],
)
def test_misspelt_first_authors_are_registered_corrected(
    store: Store, ref: int, family: str
) -> None:
    assert work(store, ref).authors[0].family == family


def test_identifiers_are_unique(store: Store) -> None:
    pmids = [w.pmid for w in store.works if w.pmid]
    dois = [w.doi.lower() for w in store.works if w.doi]
    assert (len(set(pmids)), len(set(dois))) == (len(pmids), len(dois))


def test_unknown_keys_in_a_fixture_line_are_rejected() -> None:
    with pytest.raises(FixtureError, match="titel"):
        FakeWork.from_dict({"title": "T.", "journal": "J", "titel": "typo"})


@pytest.mark.parametrize(
    ("first", "last", "medline"),
    [("679", "695", "679-95"), ("1208", "1215", "1208-15"), ("50", "56", "50-6"),
     ("e3722", None, "e3722"), ("99", "101", "99-101"), ("S12", "S19", "S12-S19")],
)  # fmt: skip
def test_abbreviate_page_range(first: str, last: str | None, medline: str) -> None:
    assert abbreviate_page_range(first, last) == medline
