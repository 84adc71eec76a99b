"""Helpers for the parser tests: parse a reference string and view its fields compactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.models import Citation, RawReference, Style
from app.normalize import clean_text
from app.parsing import parse_reference


def parse(text: str) -> Citation:
    """Parse ``text`` as the extractor would hand it over (cleaned, one reference)."""
    return parse_reference(RawReference(index=1, text=clean_text(text)))


def names(citation: Citation) -> list[tuple[str, str]]:
    """Authors as (family, initials); a group author as (name, "group")."""
    return [(a.family, "group" if a.is_group else a.initials) for a in citation.authors]


def pages(citation: Citation) -> tuple[str, str | None] | None:
    return None if citation.pages is None else (citation.pages.first, citation.pages.last)


# 209 dev-corpus records kept in the repository, for tests that must run without the corpus.
SAMPLE = Path(__file__).parent / "data" / "dev-corpus-sample.jsonl"

DOI = "10.1016/j.cell.2006.11.001"
GUPTA = [("Gupta", "GP"), ("Massagué", "J")]
TITLE = "Cancer metastasis: building a framework"


def fields(text: str) -> dict[str, Any]:
    """Every field the parser reads from ``text``, compactly."""
    c = parse(text)
    return {
        "style": c.style, "authors": names(c), "et_al": c.et_al, "title": c.title,
        "journal": c.journal, "year": c.year, "volume": c.volume, "issue": c.issue,
        "pages": pages(c), "doi": c.doi, "pmid": c.pmid,
    }  # fmt: skip


def article(
    style: Style, *, title: str = TITLE, doi: str | None = DOI, **extra: Any
) -> dict[str, Any]:
    """The Gupta & Massagué article (Cell 2006) as every style should read it."""
    return {
        "style": style, "authors": GUPTA, "et_al": False, "title": title, "journal": "Cell",
        "year": 2006, "volume": "127", "issue": "4", "pages": ("679", "695"), "doi": doi,
        "pmid": None,
    } | extra  # fmt: skip
