"""Years, volumes, issues and pages as each style writes them, and page-range expansion."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.normalize import expand_page_range
from tests.parsing.support import pages, parse


@pytest.mark.parametrize(
    ("locator", "volume", "issue", "expected_pages"),
    [
        pytest.param("2006;127(4):679-95.", "127", "4", ("679", "695"), id="abbreviated"),
        pytest.param("2006;127(4):679–95.", "127", "4", ("679", "695"), id="en-dash"),
        pytest.param("2016;95(20):e3722.", "95", "20", ("e3722", None), id="e-locator"),
        pytest.param("2012;2012:471203.", "2012", None, ("471203", None), id="article-number"),
        pytest.param("2010;21(Suppl 8):632.", "21", "Suppl 8", ("632", None), id="supplement"),
        pytest.param("2010;21 Suppl 8:632.", "21", "Suppl 8", ("632", None), id="bare-supplement"),
        pytest.param("2019;7:e1–e12.", "7", None, ("e1", "e12"), id="e-range"),
        pytest.param("2019;7(Suppl 1):S1-S5.", "7", "Suppl 1", ("S1", "S5"), id="s-range"),
        pytest.param("2002;21:149a.", "21", None, ("149a", None), id="abstract-page"),
        pytest.param("2006 Nov 17;127(4):679-95.", "127", "4", ("679", "695"), id="month-day"),
        pytest.param("2006 Nov-Dec;127(4):679-95.", "127", "4", ("679", "695"), id="months"),
        pytest.param("2006;127(4 Pt 2):679-95.", "127", "4 Pt 2", ("679", "695"), id="part"),
    ],
)  # fmt: skip
def test_vancouver_locators(
    locator: str, volume: str, issue: str | None, expected_pages: tuple[str, str | None]
) -> None:
    citation = parse(f"Li J. A title. Cell. {locator}")
    assert (citation.year, citation.volume, citation.issue, pages(citation)) == (
        int(locator[:4]), volume, issue, expected_pages,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "year", "suffix"),
    [
        pytest.param("Li, J. (2006a). Title. Cell, 1, 2.", 2006, "a", id="apa-suffix"),
        pytest.param("Li J. Title. Cell. 2006b;1:2.", 2006, "b", id="vancouver-suffix"),
        pytest.param("Li, J. (in press). Title. Cell, 1, 2.", None, "", id="apa-in-press"),
        pytest.param("Li, J. (n.d.). Title. Cell, 1, 2.", None, "", id="apa-no-date"),
        pytest.param("Li, J. (2006, May 3). Title. Cell, 1, 2.", 2006, "", id="apa-full-date"),
        pytest.param('J. Li, "Title," Cell, vol. 1, pp. 2–3, Nov.-Dec. 2006.', 2006, "",
                     id="ieee-months"),
    ],
)  # fmt: skip
def test_years(text: str, year: int | None, suffix: str) -> None:
    citation = parse(text)
    assert (citation.year, citation.year_suffix) == (year, suffix)


@given(
    year=st.integers(min_value=1500, max_value=2099),
    suffix=st.sampled_from(["", "a", "b", "z"]),
    style=st.sampled_from(["Li J. Title. Cell. {y};1:2.", "Li, J. ({y}). Title. Cell, 1, 2.",
                           "Li, J. and Wu, K., {y}. Title. Cell, 1, pp.2-3.",
                           'Li, Jan. {y}. "Title." Cell 1: 2.',
                           'J. Li, "Title," Cell, vol. 1, p. 2, {y}.']),
)  # fmt: skip
def test_any_plausible_year_and_suffix_is_read_back(year: int, suffix: str, style: str) -> None:
    citation = parse(style.format(y=f"{year}{suffix}"))
    assert (citation.year, citation.year_suffix) == (year, suffix)


@given(year=st.integers(min_value=0, max_value=1499) | st.integers(min_value=2100, max_value=9999))
def test_a_number_outside_plausible_years_is_no_year(year: int) -> None:
    assert parse(f"Li, J. ({year}). Title. Cell, 1, 2.").year is None


# Page ranges: app.normalize.expand_page_range, as the parser uses it.
digits = st.text(alphabet="0123456789", min_size=1, max_size=3)


@given(prefix=st.integers(min_value=1, max_value=999), a=digits, b=digits)
def test_abbreviated_last_page_takes_the_first_pages_leading_digits(
    prefix: int, a: str, b: str
) -> None:
    width = max(len(a), len(b))
    first, last = f"{prefix}{a.zfill(width)}", f"{prefix}{b.zfill(width)}"
    expanded = expand_page_range(f"{first}-{b.zfill(width)}")
    assert expanded is not None
    assert (expanded.first, expanded.last) == (first, last)
    assert expanded.last is not None
    assert expanded.last.startswith(str(prefix))


@given(
    first=st.integers(1, 99999), last=st.integers(1, 99999), letter=st.sampled_from(["", "e", "S"])
)
def test_expansion_is_idempotent(first: int, last: int, letter: str) -> None:
    once = expand_page_range(f"{letter}{first}-{letter}{last}")
    assert once is not None
    assert once.last is not None
    again = expand_page_range(f"{once.first}-{once.last}")
    assert again is not None
    assert (again.first, again.last) == (once.first, once.last)


@given(first=st.integers(1, 99999), extra=st.integers(0, 99999))
def test_a_range_written_in_full_is_unchanged(first: int, extra: int) -> None:
    last = first + extra
    if len(str(last)) != len(str(first)):
        last = first
    expanded = expand_page_range(f"{first}-{last}")
    assert expanded is not None
    assert (expanded.first, expanded.last) == (str(first), str(last))


@given(st.text())
def test_expansion_never_raises(text: str) -> None:
    expanded = expand_page_range(text)
    assert expanded is None or expanded.first is not None


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param("679–95", ("679", "695"), id="en-dash"),
        pytest.param("e1–e12", ("e1", "e12"), id="e-locators"),
        pytest.param("S1-S5", ("S1", "S5"), id="supplement-pages"),
        pytest.param("H337-49", ("H337", "H349"), id="letter-prefix"),
        pytest.param("3427–2436", ("3427", "2436"), id="impossible-kept"),
        pytest.param("e3722", ("e3722", None), id="single"),
    ],
)
def test_page_range_forms(written: str, expected: tuple[str, str | None]) -> None:
    expanded = expand_page_range(written)
    assert expanded is not None
    assert (expanded.first, expanded.last) == expected
