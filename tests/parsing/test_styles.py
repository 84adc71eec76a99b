"""Each supported citation style is recognised and every field read exactly."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract import extract_references
from app.models import RawReference, Style
from app.parsing import parse_reference
from tests.parsing.support import GUPTA, article, fields, names, parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. "
            "2006;127(4):679-95.",
            article(Style.VANCOUVER, doi=None), id="vancouver",
        ),
        pytest.param(
            "Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell 2006 Nov 17;"
            "127(4):679-95. doi: 10.1016/j.cell.2006.11.001. PMID: 17110329",
            article(Style.VANCOUVER, pmid="17110329"), id="vancouver-pubmed",
        ),
        pytest.param(
            "Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. 2006;127(4):"
            "679-695. doi:10.1016/j.cell.2006.11.001",
            article(Style.AMA), id="ama",
        ),
        pytest.param(
            "Gupta, G. P., & Massagué, J. (2006). Cancer metastasis: Building a framework. Cell, "
            "127(4), 679–695. https://doi.org/10.1016/j.cell.2006.11.001",
            article(Style.APA, title="Cancer metastasis: Building a framework"), id="apa",
        ),
        pytest.param(
            "Gupta, G.P. and Massagué, J. (2006) 'Cancer metastasis: building a framework', Cell, "
            "127(4), pp. 679–695. doi:10.1016/j.cell.2006.11.001.",
            article(Style.HARVARD), id="harvard",
        ),
        pytest.param(
            "Gupta, G.P. and Massagué, J., 2006. Cancer metastasis: building a framework. Cell, "
            "127(4), pp.679-695.",
            article(Style.HARVARD, doi=None), id="harvard-without-brackets",
        ),
        pytest.param(
            'Gupta, Gaurav P., and Joan Massagué. 2006. "Cancer Metastasis: Building a Framework." '
            "Cell 127 (4): 679–95. https://doi.org/10.1016/j.cell.2006.11.001.",
            article(Style.CHICAGO, title="Cancer Metastasis: Building a Framework"), id="chicago",
        ),
        pytest.param(
            'G. P. Gupta and J. Massagué, "Cancer metastasis: building a framework," Cell, '
            "vol. 127, no. 4, pp. 679–695, 2006, doi: 10.1016/j.cell.2006.11.001.",
            article(Style.IEEE), id="ieee",
        ),
    ],
)  # fmt: skip
def test_every_style_reads_the_same_article(text: str, expected: dict[str, Any]) -> None:
    assert fields(text) == expected


def test_an_ieee_reference_numbered_in_brackets_parses_after_extraction() -> None:
    (ref,) = extract_references(
        '[1] G. P. Gupta and J. Massagué, "Cancer metastasis: building a framework," Cell, '
        "vol. 127, no. 4, pp. 679–695, Nov. 2006."
    )
    citation = parse_reference(ref)
    assert (citation.label, citation.style, names(citation), citation.year) == (
        "1", Style.IEEE, GUPTA, 2006,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "authors", "et_al"),
    [
        pytest.param("Page AJ, Weiss MJ, Pawlik TM, et al. Surgical management. Cancer. "
                     "2014;15:3111-21.", [("Page", "AJ"), ("Weiss", "MJ"), ("Pawlik", "TM")],
                     True, id="vancouver-et-al"),
        pytest.param("Smith, J., Li, K., et al. (2001). Title. J. X, 1, 1-2.",
                     [("Smith", "J"), ("Li", "K")], True, id="apa-et-al"),
        pytest.param("Smith, J., Jones, K., & Li, W. (2001). Title. J. X, 1, 1-2.",
                     [("Smith", "J"), ("Jones", "K"), ("Li", "W")], False, id="apa-ampersand"),
        pytest.param("Smith, J., Jones, K., ... Li, W. (2001). Title. J. X, 1, 1-2.",
                     [("Smith", "J"), ("Jones", "K")], True, id="apa-ellipsis-cuts-like-et-al"),
        pytest.param("Dutch Liver Surgery Working Group. Title. Eur J Surg Oncol. 2016;42:1407.",
                     [("Dutch Liver Surgery Working Group", "group")], False, id="group"),
    ],
)  # fmt: skip
def test_author_lists_in_context(text: str, authors: list[tuple[str, str]], et_al: bool) -> None:
    citation = parse(text)
    assert (names(citation), citation.et_al) == (authors, et_al)


@pytest.mark.parametrize(
    ("text", "title", "journal"),
    [
        pytest.param("Rehders A. Hepatic metastasectomy: is it justified? World J Surg. "
                     "2009;33:111-7.", "Hepatic metastasectomy: is it justified?", "World J Surg",
                     id="question-mark"),
        pytest.param("Li J. Stop smoking now! BMJ. 2001;1:1.", "Stop smoking now!", "BMJ",
                     id="exclamation-mark"),
        pytest.param("Hansson M. Purification of a ferrochelatase. Eur. J. Biochem. "
                     "1994;220:201-8.", "Purification of a ferrochelatase", "Eur. J. Biochem.",
                     id="iso-journal-with-periods"),
        pytest.param("Rees M. Evaluation of survival. A model of 929 patients. Ann Surg. "
                     "2008;247:125-35.", "Evaluation of survival. A model of 929 patients",
                     "Ann Surg", id="two-sentence-title"),
        pytest.param("Neri F, Ercolani G, Di Gioia P, et al. Updat Surg. 2015;67:223–33.", None,
                     "Updat Surg", id="no-title"),
        pytest.param("Cancer statistics, 2020. CA Cancer J Clin. 2020;70:7-30.",
                     "Cancer statistics, 2020", "CA Cancer J Clin", id="no-authors"),
    ],
)  # fmt: skip
def test_title_and_journal_are_told_apart(text: str, title: str | None, journal: str) -> None:
    citation = parse(text)
    assert (citation.title, citation.journal) == (title, journal)


def test_a_book_keeps_authors_title_and_year_and_has_no_journal() -> None:
    citation = parse("Weinberg RA. The biology of cancer. New York: Garland Science; 2007.")
    assert (names(citation), citation.title, citation.year, citation.journal) == (
        [("Weinberg", "RA")], "The biology of cancer", 2007, None,
    )  # fmt: skip


@pytest.mark.parametrize(
    "text", ["hello world", "", "12345", "Lorem ipsum dolor sit amet; consectetur."]
)
def test_unrecognised_text_keeps_only_its_raw_form(text: str) -> None:
    citation = parse(text)
    assert (citation.style, citation.authors, citation.title, citation.year) == (
        Style.UNKNOWN, (), None, None,
    )  # fmt: skip
    assert citation.raw == text


def test_the_extracted_position_and_label_are_carried_over() -> None:
    (ref,) = extract_references("7. Li J. A. B. 2001;1:1.", path="paper.md")
    citation = parse_reference(ref)
    assert (citation.index, citation.label, citation.location) == (1, "7", ref.location)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_parses_without_raising_and_keeps_its_raw_form(text: str) -> None:
    citation = parse_reference(RawReference(index=3, text=text))
    assert (citation.index, citation.raw) == (3, text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Li J", ". ", ", ", "(2006)", "2006;", "1(2)", ":3-4", '"T,"',
                                 "'T',", " and ", "vol. 1", "et al", "doi:10.1/x", " "]),
                max_size=40))  # fmt: skip
def test_reference_like_fragments_in_any_order_never_raise(parts: list[str]) -> None:
    text = "".join(parts)
    assert parse_reference(RawReference(index=1, text=text)).raw == text
