"""Telling a journal article from a book, abstract, website or dataset by its citation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.integrity.work_shape import work_shape
from tests.citation_styles import STYLES, render
from tests.integrity.works import ARTICLE_TEXT, cite

CHAPTER_RECORDS = Path(__file__).resolve().parents[1] / "data" / "chapter" / "records.jsonl"


@pytest.mark.parametrize(
    ("text", "clue"),
    [
        pytest.param(
            "Weinberg RA. The biology of cancer. New York: Garland Science; 2007.",
            "book: publisher and place (New York: Garland Science; 2007)",
            id="book-vancouver",
        ),
        pytest.param(
            "Weinberg, R. A. (2007). The biology of cancer (2nd ed.). Garland Science.",
            "book: publisher (Garland)",
            id="book-apa",
        ),
        pytest.param(
            "Smith J. Tumour growth. In: Brown A, editor. Liver surgery. 2010. p. 10-20.",
            "book: chapter in an edited book",
            id="chapter",
        ),
        pytest.param(
            "Blumgart LH. Surgery of the liver. ISBN 978-0-7020-3399-3.", "book: ISBN", id="isbn"
        ),
        pytest.param(
            "Smith J. Tumour growth in mice. Abstract presented at: ASCO Annual Meeting; 2011.",
            "conference abstract: meeting abstract",
            id="abstract-presented",
        ),
        pytest.param(
            "Venook A, Niedzwiecki D. CALGB/SWOG 80405: analysis of patients undergoing surgery. "
            "ESMO 2014. Proffered paper session (ref LBA10).",
            "conference abstract: named meeting (ESMO 2014)",
            id="esmo",
        ),
        pytest.param(
            "Langer B, et al. Fluorouracil plus leucovorin versus observation after resection. "
            "Proc Am Soc Clin Oncol. 2002;21:149a.",
            "conference abstract: abstract page number (149a)",
            id="abstract-page",
        ),
        pytest.param(
            "LiverMetSurvey. International registry of patients operated for colorectal liver "
            "metastases. Available at http://www.livermetsurvey.org",
            "website",
            id="website",
        ),
        pytest.param(
            "Smith J, Jones K. Data from: Tumour growth. Dryad; 2019. doi:10.5061/dryad.abc123",
            "dataset",
            id="dataset",
        ),
        pytest.param(
            "Smith J. Tumour growth in mice. 2019. doi:10.7910/DVN/ABC123",
            "dataset: DataCite DOI",
            id="datacite-doi",
        ),
        pytest.param(
            "Vaswani A, Shazeer N. Attention is all you need. arXiv:1706.03762. 2017.",
            "preprint: arXiv",
            id="arxiv",
        ),
        pytest.param(
            "Jones K. Liver surgery outcomes in Norway [PhD thesis]. University of Oslo; 2015.",
            "report",
            id="thesis",
        ),
    ],
)
def test_a_non_article_reference_shows_what_it_is(text: str, clue: str) -> None:
    clues = work_shape(cite(text)).not_indexed
    assert any(c.startswith(clue) for c in clues), clues


@pytest.mark.parametrize("style", STYLES)
def test_journal_articles_in_every_style_show_no_clue(style: str) -> None:
    """The chapter's registered articles, rendered as citations, are all article-shaped."""
    for line in CHAPTER_RECORDS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record["authors"] = [  # the renderer spells a group author as a family name
            {"family": a["collective"]} if "collective" in a else a for a in record["authors"]
        ]
        text = render(record, style, with_doi=bool(record.get("doi")))
        shape = work_shape(cite(text))
        assert (shape.not_indexed, shape.article) == ((), True), text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Saunders TJ, Garland R. Report of a consensus conference on physical literacy. "
            "Proc Natl Acad Sci U S A. 2018;115:1037-45.",
            id="words-in-title-journal-and-authors",
        ),
        pytest.param(
            "Gupta GP, Massague J. Cancer metastasis: building a framework. Cell. 2006;127:679-95. "
            "https://doi.org/10.1016/j.cell.2006.11.001",
            id="doi-link",
        ),
    ],
)
def test_words_in_the_title_journal_or_authors_are_no_clue(text: str) -> None:
    assert work_shape(cite(text)).not_indexed == ()


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        pytest.param(
            "Taylor A, Kanas G. Survival after resection of hepatic metastases. "
            "Ann Oncol. 2010;21(Suppl 8):632.",
            "a journal supplement",
            id="supplement",
        ),
        pytest.param(
            "Krylov BV, Vilin IU. [Ethanol modifies the ion selectivity of sodium channels]. "
            "Ross Fiziol Zh Im I M Sechenova. 1999;85(1):110-8.",
            "a translated title",
            id="translated",
        ),
        pytest.param(
            "Moreno L. Parenchymal-sparing hepatectomy for liver metastases. Ann Surg. In press.",
            "in press",
            id="in-press",
        ),
    ],
)
def test_a_work_that_may_not_be_indexed_yet_raises_a_doubt(text: str, doubt: str) -> None:
    assert any(d.startswith(doubt) for d in work_shape(cite(text)).doubts)


def test_an_article_shape_needs_title_journal_year_and_volume_or_pages() -> None:
    assert work_shape(cite(ARTICLE_TEXT)).article
    assert not work_shape(cite("Ferlay J, Shin HR. GLOBOCAN 2008. IARC CancerBase No. 10.")).article
