"""Field values of structured records in the domain's forms: names, years, pages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.formats.fields import pages_of, person, person_from_text, year_of
from app.formats.render import display_text
from app.models import Author, Citation


@pytest.mark.parametrize(
    ("name", "author"),
    [
        pytest.param("Gupta, Gaurav P.", Author("Gupta", "GP", "Gaurav P."), id="inverted"),
        pytest.param("Gupta, G. P.", Author("Gupta", "GP"), id="inverted-initials"),
        pytest.param("Gupta GP", Author("Gupta", "GP"), id="vancouver"),
        pytest.param("Gaurav P. Gupta", Author("Gupta", "GP", "Gaurav P."), id="natural"),
        pytest.param("Van Cutsem, Eric", Author("Van Cutsem", "E", "Eric"), id="particle"),
        pytest.param(
            "Dutch Liver Surgery Working Group",
            Author("Dutch Liver Surgery Working Group", is_group=True),
            id="group",
        ),
    ],
)
def test_a_name_string_becomes_an_author(name: str, author: Author) -> None:
    assert person_from_text(name) == author


def test_bare_initials_stay_initials() -> None:
    assert person("Fidler", "IJ") == Author("Fidler", "IJ")


@given(st.integers(min_value=1500, max_value=2099), st.sampled_from(["", "/11/17/", "///", "a"]))
def test_the_year_of_any_ris_or_bibtex_date_is_its_first_four_digits(year: int, rest: str) -> None:
    found, suffix = year_of(f"{year}{rest}")
    assert found == year
    assert suffix == (rest if rest == "a" else "")


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=500))
def test_a_first_and_last_page_make_a_full_range(first: int, span: int) -> None:
    pages = pages_of(str(first), str(first + span))
    assert pages is not None
    assert (pages.first, pages.last) == (str(first), str(first + span))


def test_a_bibtex_range_with_a_double_dash_is_one_range() -> None:
    pages = pages_of("679--695")
    assert pages is not None
    assert (pages.first, pages.last) == ("679", "695")


def test_the_display_text_leaves_out_missing_fields() -> None:
    citation = Citation(index=1, raw="", authors=(Author("Weinberg", "RA"),), title="The biology")
    assert display_text(citation) == "Weinberg RA. The biology."
