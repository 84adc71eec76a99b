"""Hand-written variants of the supported styles are read field by field, authors exactly."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.models import Style
from app.parsing import NameOrder, parse_authors
from tests.parsing.support import article, fields, pages, parse
from tests.parsing.test_names import family, initials, read

_TITLE = "Cancer metastasis: building a framework"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            f"Gupta GP and Massagué J. {_TITLE}. Cell. 2006;127:679-95.",
            article(Style.VANCOUVER, doi=None, issue=None), id="authors-joined-by-and",
        ),
        pytest.param(
            f"Gupta, GP, Massagué, J. {_TITLE}. Cell. 2006;127:679-95.",
            article(Style.VANCOUVER, doi=None, issue=None), id="comma-between-family-and-initials",
        ),
        pytest.param(
            f"GP Gupta, J Massagué. {_TITLE}. Cell 2006;127:679-95.",
            article(Style.VANCOUVER, doi=None, issue=None), id="initials-first-without-dots",
        ),
        pytest.param(
            f"Gupta GP, Massagué J. {_TITLE}. Cell. 2006. 127(4): p. 679-95.",
            article(Style.VANCOUVER, doi=None), id="endnote-page-label",
        ),
        pytest.param(
            f"Gupta, G.P. & Massagué, J. (2006) {_TITLE}. Cell 127(4), 679-695.",
            article(Style.APA, doi=None), id="apa-without-comma-before-volume",
        ),
        pytest.param(
            f"Gupta GP, Massagué J. (2006) {_TITLE}. Cell, 127, 679–695.",
            article(Style.SPRINGER, doi=None, issue=None),
            id="bracketed-year-after-vancouver-names",
        ),
        pytest.param(
            f"Gupta GP, Massagué J. {_TITLE}. Cell, 127(4), 679-695 (2006).",
            article(Style.AMA, doi=None), id="bracketed-year-last",
        ),
        pytest.param(
            "Gupta GP, Massague J. Cancer metastasis: Building a framework. "
            "Cell 127:679-695, 2006.",
            article(
                Style.AMA, doi=None, issue=None, title="Cancer metastasis: Building a framework",
                authors=[("Gupta", "GP"), ("Massague", "J")],
            ),
            id="year-last-after-pages",
        ),
        pytest.param(
            f"Gupta, G. P., and J. Massagué. 2006. {_TITLE}. Cell 127:679–695.",
            article(Style.CHICAGO, doi=None, issue=None), id="chicago-author-date-without-quotes",
        ),
    ],
)  # fmt: skip
def test_variant_is_read_field_by_field(text: str, expected: dict[str, Any]) -> None:
    assert fields(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Gupta GP & Massagué J", [("Gupta", "GP"), ("Massagué", "J")], id="ampersand"),
        pytest.param(
            "Gupta GP, Li K, and Massagué J",
            [("Gupta", "GP"), ("Li", "K"), ("Massagué", "J")],
            id="serial-comma-and",
        ),
        pytest.param(
            "Gupta, G.P., Massagué, J.", [("Gupta", "GP"), ("Massagué", "J")], id="split-dotted"
        ),
        pytest.param(
            "J van der Berg, GP Gupta", [("van der Berg", "J"), ("Gupta", "GP")],
            id="initials-first-with-particles",
        ),
        pytest.param(
            "Centers for Disease Control and Prevention",
            [("Centers for Disease Control and Prevention", "group")],
            id="and-inside-an-organisation",
        ),
        pytest.param("UK Biobank", [("UK Biobank", "group")], id="lone-organisation-with-capitals"),
    ],
)  # fmt: skip
def test_hand_written_vancouver_names(text: str, expected: list[tuple[str, str]]) -> None:
    authors = parse_authors(text, NameOrder.FAMILY_INITIALS)
    assert authors is not None
    assert [(a.family, "group" if a.is_group else a.initials) for a in authors.authors] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Holipah; Maharani, A.; Kuroda, Y. Determinants of immunization status. "
            "BMC Public Health 2018, 18, 288.",
            [("Holipah", "group"), ("Maharani", "A"), ("Kuroda", "Y")],
            id="acs-mononym",
        ),
        pytest.param(
            "Douglass, C. H.; 't Hoen, E. F. M.; Hill, A. Pathways to access. "
            "BMC Med 2018, 16, 175.",
            [("Douglass", "CH"), ("'t Hoen", "EFM"), ("Hill", "A")],
            id="dutch-particle",
        ),
        pytest.param(
            "Carr R 3rd, Du Y (2014) Development of pepducins. J. Biol. Chem. 289(52):35668–35684",
            [("Carr", "R"), ("Du", "Y")],
            id="springer-ordinal-suffix",
        ),
    ],
)
def test_names_found_in_the_dev_corpus(text: str, expected: list[tuple[str, str]]) -> None:
    assert fields(text)["authors"] == expected


@pytest.mark.parametrize(
    ("text", "order"),
    [
        pytest.param("Gupta GP, Massagué J", NameOrder.INVERTED, id="vancouver-names-as-inverted"),
        pytest.param(
            "G. P. Gupta, J.", NameOrder.GIVEN_FIRST, id="initial-alone-is-no-organisation"
        ),
        pytest.param("Gupta, GP, Massagué", NameOrder.FAMILY_INITIALS, id="half-split-list"),
    ],
)
def test_names_in_the_wrong_order_are_no_list(text: str, order: NameOrder) -> None:
    assert parse_authors(text, order) is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            f"Gupta, G.P. and Massagué, J., 2006. {_TITLE}. Cell 127:679-95.",
            id="harvard-names-in-a-chicago-layout",
        ),
        pytest.param(f"GP Gupta. {_TITLE}. Cell 2006;127:679-95.", id="lone-initials-first-name"),
        pytest.param(
            'Gupta GP, Massagué J. "Cancer metastasis": building. Cell 127:679-695, 2006.',
            id="vancouver-names-before-a-quoted-title",
        ),
        pytest.param(
            f"Gupta GP, Massagué J. {_TITLE} in 2019. Cell, 127(4), 679-695 (2006).",
            id="vancouver-names-before-a-year-in-the-title",
        ),
    ],
)
def test_ambiguous_reference_never_splits_its_authors_wrongly(text: str) -> None:
    people = [author for author in fields(text)["authors"] if author[1] != "group"]
    assert people in ([], [("Gupta", "GP"), ("Massagué", "J")])


people = st.lists(st.tuples(family, initials), min_size=2, max_size=8)


@given(people)
def test_vancouver_names_joined_by_and_read_back(people: list[tuple[str, str]]) -> None:
    rendered = [f"{fam} {ini}" for fam, ini in people]
    text = ", ".join(rendered[:-1]) + " and " + rendered[-1]
    assert read(text, NameOrder.FAMILY_INITIALS) == people


@given(people)
def test_vancouver_names_split_at_their_comma_read_back(people: list[tuple[str, str]]) -> None:
    text = ", ".join(f"{fam}, {ini}" for fam, ini in people)
    assert read(text, NameOrder.FAMILY_INITIALS) == people


@given(people)
def test_vancouver_names_written_initials_first_read_back(people: list[tuple[str, str]]) -> None:
    text = ", ".join(f"{ini} {fam}" for fam, ini in people)
    assert read(text, NameOrder.FAMILY_INITIALS) == people


def test_a_page_range_read_as_the_volume_is_the_pages() -> None:
    """No layout reads "Cell, 127 (2006), 679-695" in full; a wrong volume would be a false
    mismatch, so the range is kept as the pages it is."""
    citation = parse(
        "Gupta, G. P., Massagué, J., Cancer metastasis: building a framework, Cell, 127 "
        "(2006), 679-695."
    )
    assert (citation.volume, pages(citation)) == (None, ("679", "695"))
