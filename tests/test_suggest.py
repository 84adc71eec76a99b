"""The corrected citation: registered values where the citation erred, its own form elsewhere."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.compare import compare
from app.models import Author, Citation, PageRange, RawReference, Record, Severity, Source, Style
from app.normalize import expand_page_range
from app.parsing import parse_reference
from app.suggest import abbreviate_range, suggest
from tests.domain_records import GUPTA as SHARED_GUPTA

GUPTA = replace(
    SHARED_GUPTA,
    title="Cancer Metastasis: Building a Framework",
    authors=(Author("Gupta", "GP", "Gaurav P."), Author("Massagué", "J", "Joan")),
)
PAGE = Record(
    sources=(Source.CROSSREF,),
    doi="10.1002/cncr.28743",
    title="Surgical management of noncolorectal cancer liver metastases",
    journal="Cancer",
    journal_names=("Cancer",),
    year=2014,
    years=(2014,),
    volume="120",
    issue="20",
    pages=PageRange("3111", "3121"),
    authors=(
        Author("Page", "AJ"),
        Author("Weiss", "MJ"),
        Author("Pawlik", "TM"),
        Author("Cameron", "JL"),
    ),
)


def gupta(**changes: Any) -> Citation:
    """The chapter's ref 12 as parsed: year 2009 is wrong, "Massaguè" a diacritic variant."""
    citation = Citation(
        index=12,
        raw="Gupta GP, Massaguè J. Cancer metastasis: building a framework. Cell. 2009;127:679–95.",
        authors=(Author("Gupta", "GP"), Author("Massaguè", "J")),
        title="Cancer metastasis: building a framework",
        journal="Cell",
        year=2009,
        volume="127",
        pages=expand_page_range("679–95"),
        style=Style.VANCOUVER,
    )
    return replace(citation, **changes)


def test_the_chapter_reference_12_is_corrected_in_its_own_style() -> None:
    assert suggest(gupta(), GUPTA) == (
        "Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. "
        "2006;127(4):679-95. doi:10.1016/j.cell.2006.11.001"
    )


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            Style.AMA,
            "Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. "
            "2006;127(4):679-695. doi:10.1016/j.cell.2006.11.001",
            id="ama",
        ),
        pytest.param(
            Style.APA,
            "Gupta, G. P., & Massagué, J. (2006). Cancer metastasis: building a framework. "
            "Cell, 127(4), 679-695. https://doi.org/10.1016/j.cell.2006.11.001",
            id="apa",
        ),
        pytest.param(
            Style.HARVARD,
            "Gupta, G.P. and Massagué, J. (2006) 'Cancer metastasis: building a framework', "
            "Cell, 127(4), pp. 679-695. doi:10.1016/j.cell.2006.11.001.",
            id="harvard",
        ),
        pytest.param(
            Style.CHICAGO,
            'Gupta, Gaurav P., and Joan Massagué. 2006. "Cancer metastasis: building a '
            'framework." Cell 127 (4): 679-695. https://doi.org/10.1016/j.cell.2006.11.001.',
            id="chicago",
        ),
        pytest.param(
            Style.IEEE,
            'G. P. Gupta and J. Massagué, "Cancer metastasis: building a framework," Cell, '
            "vol. 127, no. 4, pp. 679-695, 2006, doi: 10.1016/j.cell.2006.11.001.",
            id="ieee",
        ),
        pytest.param(
            Style.UNKNOWN,
            "Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. "
            "2006;127(4):679-95. doi:10.1016/j.cell.2006.11.001",
            id="unknown-is-vancouver",
        ),
    ],
)
def test_each_style_is_written_its_own_way(style: Style, expected: str) -> None:
    """Without a cited page form, AMA and the author-date styles write full ranges."""
    assert suggest(gupta(style=style, pages=expand_page_range("679")), GUPTA) == expected


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(Style.NATURE, "Gupta, G. P. & Massagué, J. Cancer metastasis: building a "
                     "framework. Cell 127, 679-695 (2006). https://doi.org/10.1016/j.cell.2006.11.001",
                     id="nature"),
        pytest.param(Style.SCIENCE, "G. P. Gupta, J. Massagué, Cancer metastasis: building a "
                     "framework. Cell 127, 679-695 (2006). doi: 10.1016/j.cell.2006.11.001",
                     id="science"),
        pytest.param(Style.SPRINGER, "Gupta GP, Massagué J (2006) Cancer metastasis: building a "
                     "framework. Cell 127(4):679-695. https://doi.org/10.1016/j.cell.2006.11.001",
                     id="springer"),
        pytest.param(Style.ELSEVIER, "G.P. Gupta, J. Massagué, Cancer metastasis: building a "
                     "framework, Cell 127 (2006) 679-695. "
                     "https://doi.org/10.1016/j.cell.2006.11.001", id="elsevier"),
        pytest.param(Style.ELSEVIER_HARVARD, "Gupta, G.P., Massagué, J., 2006. Cancer metastasis: "
                     "building a framework. Cell 127, 679-695. "
                     "https://doi.org/10.1016/j.cell.2006.11.001", id="elsevier-harvard"),
        pytest.param(Style.BMC, "Gupta GP, Massagué J: Cancer metastasis: building a framework. "
                     "Cell 2006, 127(4):679-695. doi:10.1016/j.cell.2006.11.001", id="bmc"),
        pytest.param(Style.ACS, "Gupta, G. P.; Massagué, J. Cancer metastasis: building a "
                     "framework. Cell 2006, 127 (4), 679-695. DOI: 10.1016/j.cell.2006.11.001.",
                     id="acs"),
        pytest.param(Style.MLA, 'Gupta, Gaurav P., and Joan Massagué. "Cancer metastasis: '
                     'building a framework." Cell, vol. 127, no. 4, 2006, pp. 679-95. '
                     "https://doi.org/10.1016/j.cell.2006.11.001.", id="mla-abbreviates-pages"),
    ],
)  # fmt: skip
def test_each_journal_style_is_written_its_own_way(style: Style, expected: str) -> None:
    """Nature, Science and Elsevier print no issue; MLA shortens page ranges as NLM does."""
    assert suggest(gupta(style=style, pages=expand_page_range("679")), GUPTA) == expected


JOURNAL_STYLES = [Style.NATURE, Style.SCIENCE, Style.SPRINGER, Style.ELSEVIER,
                  Style.ELSEVIER_HARVARD, Style.BMC, Style.ACS, Style.MLA]  # fmt: skip


@pytest.mark.parametrize("et_al", [False, True])
@pytest.mark.parametrize("style", JOURNAL_STYLES)
def test_a_journal_style_suggestion_parses_back_in_its_style(style: Style, et_al: bool) -> None:
    cited = gupta(style=style, et_al=et_al, authors=gupta().authors[: 1 if et_al else 2])
    parsed = parse_reference(RawReference(1, suggest(cited, GUPTA)))
    assert (parsed.style, [a.family for a in parsed.authors], parsed.et_al, parsed.year,
            parsed.volume, parsed.doi) == (
        style, ["Gupta"] if et_al else ["Gupta", "Massagué"], et_al, 2006, "127", GUPTA.doi,
    )  # fmt: skip


def test_the_et_al_cut_is_kept() -> None:
    citation = Citation(
        index=4,
        raw="...",
        authors=(Author("Page", "AJ"), Author("Weiss", "MJ"), Author("Pawlik", "TM")),
        et_al=True,
        title="Surgical management of noncolorectal cancer liver metastases",
        journal="Cancer",
        year=2014,
        volume="15",
        pages=expand_page_range("3111–21"),
        style=Style.VANCOUVER,
    )
    assert suggest(citation, PAGE) == (
        "Page AJ, Weiss MJ, Pawlik TM, et al. Surgical management of noncolorectal cancer liver "
        "metastases. Cancer. 2014;120(20):3111-21. doi:10.1002/cncr.28743"
    )


def test_a_missing_author_is_restored_when_the_list_was_not_cut() -> None:
    citation = gupta(authors=(Author("Gupta", "GP"),))
    assert suggest(citation, GUPTA).startswith("Gupta GP, Massagué J. ")


@pytest.mark.parametrize(
    ("changes", "kept"),
    [
        pytest.param({"journal": "Cell (Cambridge)"}, "Cell (Cambridge).", id="journal-form"),
        pytest.param({"title": "CANCER METASTASIS: BUILDING A FRAMEWORK"}, "CANCER METASTASIS",
                     id="title-wording"),
        pytest.param({"pages": expand_page_range("679-695")}, ":679-695.", id="full-range"),
        pytest.param({"volume": "127", "issue": "4"}, ";127(4):", id="issue"),
    ],
)  # fmt: skip
def test_the_citations_right_choices_are_kept(changes: dict[str, Any], kept: str) -> None:
    assert kept in suggest(gupta(**changes), GUPTA)


@pytest.mark.parametrize(
    ("changes", "corrected"),
    [
        pytest.param({"journal": "Cancer Cell"}, " Cell. 2006;", id="journal"),
        pytest.param({"title": "Cancer metastasis: a new framework"},
                     "Cancer Metastasis: Building a Framework.", id="title"),
        pytest.param({"volume": "172"}, ";127(4):", id="volume"),
        pytest.param({"pages": expand_page_range("3427–2436")}, ":679-695.", id="full-form-kept"),
        pytest.param({"doi": "10.1016/j.cell.2006.11.019"}, "doi:10.1016/j.cell.2006.11.001",
                     id="doi"),
        pytest.param({"title": None}, "Cancer Metastasis: Building a Framework.",
                     id="title-added"),
    ],
)  # fmt: skip
def test_wrong_or_missing_fields_take_the_registered_values(
    changes: dict[str, Any], corrected: str
) -> None:
    assert corrected in suggest(gupta(**changes), GUPTA)


def test_an_e_locator_is_kept_for_its_article_number() -> None:
    record = replace(GUPTA, pages=PageRange("3722"))
    assert ":e3722. doi:" in suggest(gupta(pages=PageRange("e3722", raw="e3722")), record)


def test_a_year_cited_with_the_online_year_is_kept() -> None:
    record = replace(GUPTA, year=2007, years=(2006, 2007))
    assert "2006;127(4)" in suggest(gupta(year=2006), record)


@pytest.mark.parametrize(
    ("first", "last", "written"),
    [
        pytest.param("679", "695", "679-95", id="two-digits"),
        pytest.param("3427", "3436", "3427-36", id="four-digits"),
        pytest.param("1", "17", "1-17", id="different-lengths"),
        pytest.param("99", "100", "99-100", id="rollover"),
        pytest.param("S224", "S225", "S224-S225", id="prefixed"),
    ],
)
def test_abbreviate_range(first: str, last: str, written: str) -> None:
    assert abbreviate_range(first, last) == written


_VANCOUVER = re.compile(
    r"^(?P<authors>.+?)\. (?P<title>.+?)\. (?P<journal>[^.]+)\. (?P<year>\d{4});"
    r"(?P<volume>[^(:]+)(?:\((?P<issue>[^)]+)\))?:(?P<pages>[^.]+)\.(?: doi:(?P<doi>\S+))?$"
)


def parse_vancouver(text: str) -> Citation:
    """Just enough of a Vancouver parser to read a suggestion back."""
    match = _VANCOUVER.match(text)
    assert match is not None, text
    names = [n for n in match["authors"].split(", ") if n != "et al"]
    return Citation(
        index=1,
        raw=text,
        authors=tuple(Author(n.rpartition(" ")[0], n.rpartition(" ")[2]) for n in names),
        et_al=match["authors"].endswith("et al"),
        title=match["title"],
        journal=match["journal"],
        year=int(match["year"]),
        volume=match["volume"],
        issue=match["issue"],
        pages=expand_page_range(match["pages"]),
        doi=match["doi"],
    )


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({}, id="year"),
        pytest.param({"volume": "15", "issue": "2"}, id="volume-and-issue"),
        pytest.param({"pages": expand_page_range("3427–2436")}, id="impossible-pages"),
        pytest.param({"authors": (Author("Gupa", "G"), Author("Massague", "J"))}, id="authors"),
        pytest.param({"authors": (Author("Massagué", "J"), Author("Gupta", "GP"))}, id="order"),
        pytest.param({"title": "Metastasis: a framework"}, id="title"),
        pytest.param({"journal": "Cancer Cell", "doi": "10.1/x"}, id="journal-and-doi"),
    ],
)
def test_a_suggestion_compared_again_has_no_error(changes: dict[str, Any]) -> None:
    suggestion = suggest(gupta(**changes), GUPTA)
    mismatches = compare(parse_vancouver(suggestion), GUPTA)
    assert [m for m in mismatches if m.severity is Severity.ERROR] == []


_text = st.text(max_size=20)
_authors = st.lists(
    st.builds(
        Author, family=_text, initials=_text, given=st.none() | _text, is_group=st.booleans()
    ),
    max_size=4,
).map(tuple)
_pages = st.none() | st.builds(PageRange, first=_text, last=st.none() | _text, raw=_text)


_years = st.none() | st.integers(1900, 2100)
_citations = st.builds(
    Citation,
    index=st.just(1),
    raw=_text,
    authors=_authors,
    et_al=st.booleans(),
    title=st.none() | _text,
    journal=st.none() | _text,
    year=_years,
    volume=st.none() | _text,
    pages=_pages,
    doi=st.none() | _text,
)
_records = st.builds(
    Record,
    sources=st.just((Source.CROSSREF,)),
    doi=st.none() | _text,
    title=st.none() | _text,
    journal=st.none() | _text,
    year=_years,
    volume=st.none() | _text,
    issue=st.none() | _text,
    pages=_pages,
    authors=_authors,
)


@settings(max_examples=200, deadline=None)
@given(style=st.sampled_from(Style), citation=_citations, record=_records)
def test_any_suggestion_carries_the_registered_doi(
    style: Style, citation: Citation, record: Record
) -> None:
    suggestion = suggest(replace(citation, style=style), record)
    if record.doi:
        assert record.doi in suggestion
