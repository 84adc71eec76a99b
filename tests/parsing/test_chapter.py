"""The example chapter's 68 references, extracted and parsed (spot checks field by field)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.extract import extract_references
from app.models import Citation, Style
from app.parsing import parse_reference
from tests.parsing.support import names, pages

CHAPTER = Path(__file__).parent / "data" / "liver-metastasis-chapter.txt"


@pytest.fixture(name="citations", scope="module")
def chapter_citations() -> dict[int, Citation]:
    refs = extract_references(CHAPTER.read_text(encoding="utf-8"))
    return {int(ref.label or 0): parse_reference(ref) for ref in refs}


def fields(c: Citation) -> dict[str, Any]:
    return {
        "authors": names(c), "et_al": c.et_al, "title": c.title, "journal": c.journal,
        "year": c.year, "volume": c.volume, "issue": c.issue, "pages": pages(c),
    }  # fmt: skip


ET_AL = {"et_al": True}
SPOT_CHECKS = [
    pytest.param(4, ET_AL | {
        "authors": [("Page", "AJ"), ("Weiss", "MJ"), ("Pawlik", "TM")],
        "title": "Surgical management of noncolorectal cancer liver metastases",
        "journal": "Cancer", "year": 2014, "volume": "15", "issue": None,
        "pages": ("3111", "3121")}, id="4-abbreviated-range"),
    pytest.param(12, {
        "authors": [("Gupta", "GP"), ("Massaguè", "J")], "et_al": False,
        "title": "Cancer metastasis: building a framework", "journal": "Cell", "year": 2009,
        "volume": "127", "issue": None, "pages": ("679", "695")}, id="12-diacritics-kept"),
    pytest.param(15, {
        "authors": [("Erpenbeck", "L"), ("Schön", "MP")], "et_al": False,
        "title": "Deadly allies: the fatal interplay between platelets and metastasizing cancer "
                 "cells",
        "journal": "Blood", "year": 2010, "volume": "115", "issue": None,
        "pages": ("3427", "2436")}, id="15-impossible-range-kept-as-written"),
    pytest.param(23, ET_AL | {
        "authors": [("Taylor", "A"), ("Kanas", "G"), ("Langerberg", "W")],
        "title": "Survival after surgical resection of hepatic metastases from colorectal "
                 "cancer: a systematic review and meta-analysis",
        "journal": "Ann Oncol", "year": 2010, "volume": "21", "issue": "Suppl 8",
        "pages": ("632", None)}, id="23-supplement"),
    pytest.param(44, ET_AL | {
        "authors": [("Hurwitz", "H"), ("Fehrenbacher", "L"), ("Novotny", "W")],
        "title": "Bevacizumab plus irinotecan, fluorouracil, and leucovorin for metastatic "
                 "colorectal cancer",
        "journal": "NEJM", "year": 2004, "volume": "350", "issue": None,
        "pages": ("2335", "2342")}, id="44"),
    pytest.param(58, ET_AL | {
        "authors": [("Harring", "T"), ("Nguyen", "N"), ("Gross", "JA")],
        "title": "Treatment of liver metastases in patients with neuroendocrine tumors: a "
                 "comprehensive review",
        "journal": "Int J Hepatol", "year": 2011, "volume": "2011", "issue": None,
        "pages": ("154541", None)}, id="58-article-number-and-trailing-note"),
    pytest.param(59, ET_AL | {
        "authors": [("Neri", "F"), ("Ercolani", "G"), ("Di Gioia", "P")], "title": None,
        "journal": "Updat Surg", "year": 2015, "volume": "67", "issue": None,
        "pages": ("223", "233")}, id="59-no-title"),
    pytest.param(64, {
        "authors": [("Seesing", "MFJ"), ("Tielen", "R"), ("van Hillegersberg", "R"),
                    ("van Coevorden", "F"), ("de Jong", "KP"), ("Nagtegaale", "ID"),
                    ("Verhoeff", "C"), ("de Wilt", "JHW"),
                    ("Dutch Liver Surgery Working Group", "group")],
        "et_al": False, "title": None, "journal": "Eur J Surg Oncol", "year": 2016,
        "volume": "42", "issue": None, "pages": ("1407", None)}, id="64-group-author"),
]  # fmt: skip


@pytest.mark.parametrize(("label", "expected"), SPOT_CHECKS)
def test_spot_checked_references_read_exactly(
    citations: dict[int, Citation], label: int, expected: dict[str, Any]
) -> None:
    assert fields(citations[label]) == expected


def test_every_reference_is_read_as_vancouver_with_authors(
    citations: dict[int, Citation],
) -> None:
    assert sorted(citations) == list(range(1, 69))
    assert {c.style for c in citations.values()} == {Style.VANCOUVER}
    assert all(c.authors for c in citations.values())


def test_only_the_book_report_web_page_and_abstract_have_no_journal(
    citations: dict[int, Citation],
) -> None:
    assert [label for label, c in citations.items() if c.journal is None] == [1, 18, 22, 41]


def test_every_journal_article_has_year_volume_and_pages(
    citations: dict[int, Citation],
) -> None:
    articles = [c for c in citations.values() if c.journal is not None]
    assert all(c.year and c.volume and c.pages for c in articles)
