"""The journal house styles (Nature, Science, Springer, Elsevier, BMC, ACS, MLA) are read whole.

Each layout is read for authors, title, journal, year, volume, issue and pages, with its usual
variants: "et al." cuts, the issue in brackets, e-locators, a DOI or URL appended, journals of
several abbreviated words, and titles holding colons or full stops. Styles that print no issue
(Nature, Science, Elsevier) read none.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.models import Style
from tests.citation_styles import JOURNAL_STYLES, render
from tests.parsing.support import DOI, SAMPLE, article, fields, names, pages, parse

HEADLINE = "Cancer Metastasis: Building a Framework"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Gupta, G. P. & Massagué, J. Cancer metastasis: building a framework. Cell 127, "
            "679–695 (2006).",
            article(Style.NATURE, doi=None, issue=None), id="nature",
        ),
        pytest.param(
            "G. P. Gupta, J. Massagué, Cancer metastasis: building a framework. Cell 127, "
            "679–695 (2006).",
            article(Style.SCIENCE, doi=None, issue=None), id="science",
        ),
        pytest.param(
            "Gupta GP, Massagué J (2006) Cancer metastasis: building a framework. Cell "
            "127(4):679–695",
            article(Style.SPRINGER, doi=None), id="springer",
        ),
        pytest.param(
            "G.P. Gupta, J. Massagué, Cancer metastasis: building a framework, Cell 127 (2006) "
            "679–695.",
            article(Style.ELSEVIER, doi=None, issue=None), id="elsevier-numbered",
        ),
        pytest.param(
            "G.P. Gupta and J. Massagué, Cancer metastasis: building a framework, Cell 127 (2006) "
            "679–695.",
            article(Style.ELSEVIER, doi=None, issue=None), id="elsevier-numbered-with-and",
        ),
        pytest.param(
            "Gupta, G.P., Massagué, J., 2006. Cancer metastasis: building a framework. Cell 127, "
            "679–695.",
            article(Style.ELSEVIER_HARVARD, doi=None, issue=None), id="elsevier-harvard",
        ),
        pytest.param(
            "Gupta GP, Massagué J: Cancer metastasis: building a framework. Cell 2006, "
            "127(4):679-695.",
            article(Style.BMC, doi=None), id="bmc",
        ),
        pytest.param(
            "Gupta, G. P.; Massagué, J. Cancer Metastasis: Building a Framework. Cell 2006, 127 "
            "(4), 679–695.",
            article(Style.ACS, doi=None, title=HEADLINE), id="acs",
        ),
        pytest.param(
            'Gupta, Gaurav P., and Joan Massagué. "Cancer Metastasis: Building a Framework." '
            "Cell, vol. 127, no. 4, 2006, pp. 679-95.",
            article(Style.MLA, doi=None, title=HEADLINE), id="mla",
        ),
    ],
)  # fmt: skip
def test_every_journal_style_reads_the_same_article(text: str, expected: dict[str, Any]) -> None:
    assert fields(text) == expected


@pytest.mark.parametrize(
    ("text", "style", "authors"),
    [
        pytest.param("Gupta, G. P. et al. Title. Cell 127, 679–695 (2006).", Style.NATURE,
                     [("Gupta", "GP")], id="nature"),
        pytest.param("G. P. Gupta et al., Title. Cell 127, 679–695 (2006).", Style.SCIENCE,
                     [("Gupta", "GP")], id="science"),
        pytest.param("Gupta GP, Massagué J, et al (2006) Title. Cell 127:679–695", Style.SPRINGER,
                     [("Gupta", "GP"), ("Massagué", "J")], id="springer"),
        pytest.param("G.P. Gupta, et al., Title, Cell 127 (2006) 679–695.", Style.ELSEVIER,
                     [("Gupta", "GP")], id="elsevier-numbered"),
        pytest.param("Gupta, G.P., et al., 2006. Title. Cell 127, 679–695.",
                     Style.ELSEVIER_HARVARD, [("Gupta", "GP")], id="elsevier-harvard"),
        pytest.param("Gupta GP, et al: Title. Cell 2006, 127(4):679-695.", Style.BMC,
                     [("Gupta", "GP")], id="bmc"),
        pytest.param("Gupta, G. P.; Massagué, J.; et al. Title. Cell 2006, 127, 679–695.",
                     Style.ACS, [("Gupta", "GP"), ("Massagué", "J")], id="acs"),
        pytest.param('Gupta, Gaurav P., et al. "Title." Cell, vol. 127, 2006, pp. 679-95.',
                     Style.MLA, [("Gupta", "GP")], id="mla"),
    ],
)  # fmt: skip
def test_a_list_cut_with_et_al_keeps_its_leading_names(
    text: str, style: Style, authors: list[tuple[str, str]]
) -> None:
    c = fields(text)
    assert (c["style"], c["authors"], c["et_al"], c["year"]) == (style, authors, True, 2006)


@pytest.mark.parametrize(
    ("text", "locator"),
    [
        pytest.param("Gupta, G. P. & Massagué, J. Title. Cell 127(4), 679–695 (2006).",
                     ("127", "4", ("679", "695")), id="nature-issue-in-brackets"),
        pytest.param("G.P. Gupta, J. Massagué, Title, Cell 127 (4) (2006) 679–695.",
                     ("127", "4", ("679", "695")), id="elsevier-issue-in-brackets"),
        pytest.param("S. Torres et al., Title. PLoS ONE 13, e0195990 (2018).",
                     ("13", None, ("e0195990", None)), id="science-e-locator"),
        pytest.param("Torres S, Maia E (2018) Title. PLoS ONE 13(4):e0195990",
                     ("13", "4", ("e0195990", None)), id="springer-e-locator"),
        pytest.param("Torres S, Maia E: Title. BMC Cancer 2018, 18:123.",
                     ("18", None, ("123", None)), id="bmc-article-number"),
        pytest.param('Torres, Sandra. "Title." PLoS ONE, vol. 13, no. 4, 2018, p. e0195990.',
                     ("13", "4", ("e0195990", None)), id="mla-e-locator"),
    ],
)  # fmt: skip
def test_issues_and_e_locators_are_read(
    text: str, locator: tuple[str, str | None, tuple[str, str | None]]
) -> None:
    citation = parse(text)
    assert (citation.volume, citation.issue, pages(citation)) == locator


@pytest.mark.parametrize(
    ("text", "style"),
    [
        pytest.param("Gupta, G. P. & Massagué, J. Title. Cell 127, 679–695 (2006). "
                     "https://doi.org/10.1016/j.cell.2006.11.001", Style.NATURE, id="nature-url"),
        pytest.param("G. P. Gupta, J. Massagué, Title. Cell 127, 679–695 (2006). "
                     "doi:10.1016/j.cell.2006.11.001", Style.SCIENCE, id="science-doi"),
        pytest.param("Gupta GP, Massagué J (2006) Title. Cell 127:679–695. "
                     "https://doi.org/10.1016/j.cell.2006.11.001", Style.SPRINGER,
                     id="springer-url"),
        pytest.param("G.P. Gupta, J. Massagué, Title, Cell 127 (2006) 679–695, "
                     "https://doi.org/10.1016/j.cell.2006.11.001.", Style.ELSEVIER,
                     id="elsevier-url-after-comma"),
        pytest.param("Gupta, G.P., Massagué, J., 2006. Title. Cell 127, 679–695. "
                     "https://doi.org/10.1016/j.cell.2006.11.001", Style.ELSEVIER_HARVARD,
                     id="elsevier-harvard-url"),
        pytest.param("Gupta GP, Massagué J: Title. Cell 2006, 127(4):679-695. "
                     "doi:10.1016/j.cell.2006.11.001.", Style.BMC, id="bmc-doi"),
        pytest.param("Gupta, G. P.; Massagué, J. Title. Cell 2006, 127, 679–695. "
                     "DOI: 10.1016/j.cell.2006.11.001.", Style.ACS, id="acs-doi"),
        pytest.param('Gupta, Gaurav P., and Joan Massagué. "Title." Cell, vol. 127, no. 4, 2006, '
                     "pp. 679-95, https://doi.org/10.1016/j.cell.2006.11.001.", Style.MLA,
                     id="mla-url"),
    ],
)  # fmt: skip
def test_an_appended_doi_is_read_and_the_layout_still_fits(text: str, style: Style) -> None:
    c = fields(text)
    assert (c["style"], c["doi"], c["year"], c["pages"][0]) == (style, DOI, 2006, "679")


@pytest.mark.parametrize(
    ("text", "title", "journal"),
    [
        pytest.param("Gupta, G. P. & Massagué, J. Metastasis in mice. Nat. Rev. Cancer 6, 449–458 "
                     "(2006).", "Metastasis in mice", "Nat. Rev. Cancer", id="nature-iso-chain"),
        pytest.param("G. P. Gupta, J. Massagué, Metastasis: a review. Proc. Natl Acad. Sci. USA "
                     "103, 1–9 (2006).", "Metastasis: a review", "Proc. Natl Acad. Sci. USA",
                     id="science-pnas"),
        pytest.param("Gupta GP, Massagué J (2006) Metastasis. A framework. J. Clin. Oncol. "
                     "24:679–695", "Metastasis. A framework", "J. Clin. Oncol.",
                     id="springer-two-sentence-title"),
        pytest.param("G.P. Gupta, J. Massagué, Metastasis, a framework: in vivo, J. Biol. Chem. "
                     "281 (2006) 1–9.", "Metastasis, a framework: in vivo", "J. Biol. Chem.",
                     id="elsevier-commas-in-title"),
        pytest.param("G.P. Gupta, J. Massagué, Metastasis, Chem. Commun. (Camb., Engl.) 51 (2015) "
                     "1–9.", "Metastasis", "Chem. Commun. (Camb., Engl.)",
                     id="elsevier-commas-in-journal-brackets"),
        pytest.param("Gupta, G.P., Massagué, J., 2006. Metastasis: is it a framework? J. Clin. "
                     "Oncol. 24, 679–695.", "Metastasis: is it a framework?", "J. Clin. Oncol.",
                     id="elsevier-harvard-question"),
        pytest.param("Gupta GP, Massagué J: Metastasis: a framework. BMC Cancer 2006, 6:1.",
                     "Metastasis: a framework", "BMC Cancer", id="bmc-colon-in-title"),
        pytest.param("Gupta, G. P.; Massagué, J. Metastasis in Mice. J. Am. Chem. Soc. 2006, 128, "
                     "1–9.", "Metastasis in Mice", "J. Am. Chem. Soc.", id="acs-iso-chain"),
        pytest.param("Chintamani, Is Indian Cancer Unique? Indian J. Surg. 77, 255–257 (2015).",
                     "Is Indian Cancer Unique?", "Indian J. Surg.",
                     id="science-sole-author-of-one-name"),
        pytest.param('Gupta, Gaurav P. "Metastasis: A Framework." Journal of Clinical Oncology, '
                     "vol. 24, 2006, pp. 1-9.", "Metastasis: A Framework",
                     "Journal of Clinical Oncology", id="mla-full-journal"),
    ],
)  # fmt: skip
def test_title_and_journal_are_told_apart(text: str, title: str, journal: str) -> None:
    citation = parse(text)
    assert (citation.title, citation.journal) == (title, journal)


@pytest.mark.parametrize(
    ("text", "style"),
    [
        pytest.param("Kumar, A., Uttamacharya, Achyut, P. & Saggurti, N. Title. BMC Health Serv "
                     "Res 20, 1 (2019).", Style.NATURE, id="nature"),
        pytest.param("A. Kumar, Uttamacharya, P. Achyut, Title. BMC Health Serv Res 20, 1 (2019).",
                     Style.SCIENCE, id="science"),
    ],
)  # fmt: skip
def test_a_one_word_name_inside_a_list_is_kept(text: str, style: Style) -> None:
    citation = parse(text)
    assert (citation.style, [a.family for a in citation.authors][:3]) == (
        style, ["Kumar", "Uttamacharya", "Achyut"],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "style", "authors"),
    [
        pytest.param("World Health Organization (2006) Title. Cell 127:679–695", Style.SPRINGER,
                     [("World Health Organization", "group")], id="springer-organisation"),
        pytest.param("World Health Organization, 2006. Title. Cell 127, 679–695.",
                     Style.ELSEVIER_HARVARD, [("World Health Organization", "group")],
                     id="elsevier-harvard-organisation"),
        pytest.param("van der Berg J, Hardy RH Jr, Dupont J-P (2006) Title. Cell 127:679–695",
                     Style.SPRINGER, [("van der Berg", "J"), ("Hardy", "RH"), ("Dupont", "JP")],
                     id="springer-particles-suffix-hyphen"),
        pytest.param("Gupta, G.P., and Massagué, J., 2006. Title. Cell 127 (4), 679–695.",
                     Style.ELSEVIER_HARVARD, [("Gupta", "GP"), ("Massagué", "J")],
                     id="elsevier-harvard-and"),
        pytest.param("J.P. de-Torres, G. ter Riet, Title, BMC Med. 16 (2018) 43.", Style.ELSEVIER,
                     [("de-Torres", "JP"), ("ter Riet", "G")], id="elsevier-particles"),
        pytest.param("Gupta GP, Serrano-Serrano, Massagué J: Title. Cell 2006, 127:679-695.",
                     Style.BMC, [("Gupta", "GP"), ("Serrano-Serrano", "group"), ("Massagué", "J")],
                     id="bmc-name-without-initials"),
        pytest.param("Gupta, G. P., Serrano-Serrano, Massagué, J. Title. Cell 127, 1–9 (2006).",
                     Style.NATURE, [("Gupta", "GP"), ("Serrano-Serrano", "group"),
                                    ("Massagué", "J")], id="nature-name-without-initials"),
    ],
)  # fmt: skip
def test_author_lists_of_every_kind_are_read(
    text: str, style: Style, authors: list[tuple[str, str]]
) -> None:
    citation = parse(text)
    assert (citation.style, names(citation)) == (style, authors)


@pytest.mark.parametrize(
    ("text", "style"),
    [
        pytest.param("Gupta, G.P. and Massagué, J. (2006) Title. Cell, 127(4): 679–695.",
                     Style.APA, id="inverted-names-before-a-bracketed-year-are-not-springer"),
        pytest.param("Gupta GP, Massagué J. Cancer: a framework. Cell 2006, 127:679-695.",
                     Style.VANCOUVER, id="a-colon-in-a-vancouver-title-is-not-bmc"),
    ],
)  # fmt: skip
def test_a_journal_style_does_not_take_a_reference_whose_names_it_cannot_read(
    text: str, style: Style
) -> None:
    citation = parse(text)
    assert (citation.style, names(citation)) == (style, [("Gupta", "GP"), ("Massagué", "J")])


_RECORDS = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


@settings(max_examples=150, deadline=None)
@given(
    record=st.sampled_from(_RECORDS),
    style=st.sampled_from(JOURNAL_STYLES),
    with_doi=st.booleans(),
    et_al_after=st.sampled_from([None, 1, 3]),
    abbreviate_journal=st.booleans(),
)
def test_any_sample_record_in_a_journal_style_reads_back_its_locator(
    record: dict[str, Any],
    style: str,
    with_doi: bool,
    et_al_after: int | None,
    abbreviate_journal: bool,
) -> None:
    text = render(record, style, with_doi=with_doi, et_al_after=et_al_after,
                  abbreviate_journal=abbreviate_journal)  # fmt: skip
    citation = parse(text)
    doi = (record["doi"] or "").split(";")[0].strip() or None
    assert (citation.style.value, citation.year, citation.volume, pages(citation)) == (
        style, record["year"], record["volume"], (record["first_page"], record["last_page"]),
    )  # fmt: skip
    assert citation.doi == (doi if with_doi else None)
