"""RIS records (Zotero, EndNote, Mendeley exports) -> citations, tag by tag.

rispy maps the tags; this module strips the byte-order mark first (rispy silently drops the
first record of a file that starts with one, and EndNote writes one), picks the journal from
whichever of T2, JO, JF, JA, J2 holds it, reads the year from PY, Y1 or DA ("2006/11/17/"),
and locates every record by its ``TY  -`` and ``ER  -`` lines.

    TY  - JOUR                      -> Citation(authors=(Gupta GP, Massaguè J), journal="Cell",
    AU  - Gupta, Gaurav P.                       year=2009, volume="127", pages=679..695,
    AU  - Massaguè, Joan                         location=refs.ris:1-9)
    T2  - Cell
    PY  - 2009
    VL  - 127
    SP  - 679
    EP  - 695
    ER  -
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

import rispy  # type: ignore[import-untyped]

from app.formats.base import FormatError, Reference
from app.formats.fields import pages_of, person_from_text, text_or_none, year_of
from app.formats.render import with_display_text
from app.models import Author, Citation, SourceLocation
from app.normalize import normalize_doi

# Journal tags in order of preference: the full title first, then abbreviations.
_JOURNAL_KEYS: Final = (
    "secondary_title",  # T2 (Zotero, EndNote)
    "journal_name",  # JO
    "alternate_title3",  # JF
    "alternate_title2",  # JA
    "alternate_title1",  # J2
)
_RECORD_START: Final = re.compile(r"^TY  - ", re.MULTILINE)
_RECORD_END: Final = re.compile(r"^ER  -", re.MULTILINE)
_PMID_NOTE: Final = re.compile(r"\bPMID:\s*(\d{1,9})\b")


def load_ris(text: str, *, path: str | None = None) -> list[Reference]:
    """Every RIS record in file order."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    records: list[dict[str, Any]] = rispy.loads(text)
    if not records:
        raise FormatError(
            f'{path or "input"}: no RIS records found (each record starts with "TY  - ")'
        )
    spans = _record_spans(text)
    references: list[Reference] = []
    for index, record in enumerate(records, start=1):
        first, last = spans[index - 1] if index <= len(spans) else (1, None)
        key = text_or_none(record.get("id"))
        location = SourceLocation(line=first, end_line=last, path=path, key=key)
        references.append(_citation(index, record, location))
    return references


def _record_spans(text: str) -> list[tuple[int, int | None]]:
    """(first line, last line) of each record: its TY line to its ER line, 1-based."""
    starts = [text.count("\n", 0, m.start()) + 1 for m in _RECORD_START.finditer(text)]
    ends = [text.count("\n", 0, m.start()) + 1 for m in _RECORD_END.finditer(text)]
    spans: list[tuple[int, int | None]] = []
    for start in starts:
        end = next((e for e in ends if e >= start), None)
        spans.append((start, end))
    return spans


def _citation(index: int, record: Mapping[str, Any], location: SourceLocation) -> Citation:
    year, suffix = year_of(
        record.get("year") or record.get("publication_year") or record.get("date")
    )
    citation = Citation(
        index=index,
        raw="",
        authors=_authors(record),
        title=text_or_none(record.get("title") or record.get("primary_title")),
        journal=next((j for k in _JOURNAL_KEYS if (j := text_or_none(record.get(k)))), None),
        year=year,
        year_suffix=suffix,
        volume=text_or_none(record.get("volume")),
        issue=text_or_none(record.get("number")),
        pages=pages_of(record.get("start_page"), record.get("end_page")),
        doi=normalize_doi(text_or_none(record.get("doi"))),
        pmid=_pmid(record),
        location=location,
        label=location.key,
    )
    return with_display_text(citation)


def _authors(record: Mapping[str, Any]) -> tuple[Author, ...]:
    names = [*record.get("authors", []), *record.get("first_authors", [])]
    return tuple(person_from_text(n) for n in names if isinstance(n, str) and n.strip())


def _pmid(record: Mapping[str, Any]) -> str | None:
    """A PMID from the accession number of a PubMed record, or a "PMID: n" note."""
    source = f"{record.get('name_of_database', '')} {record.get('database_provider', '')}"
    accession = text_or_none(record.get("accession_number"))
    if accession and accession.isdigit() and re.search(r"pubmed|nlm", source, re.IGNORECASE):
        return accession
    for note in record.get("notes", []):
        if isinstance(note, str) and (found := _PMID_NOTE.search(note)):
            return found.group(1)
    return None
