"""RIS records (a Zotero export with a byte-order mark and CRLF lines) become citations."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.formats import FormatError, load_references
from app.models import Citation

RIS = Path(__file__).resolve().parents[1] / "data" / "formats" / "chapter-zotero.ris"


@pytest.fixture(name="records", scope="module")
def fixture_records() -> list[Citation]:
    loaded = load_references(RIS.read_bytes(), path="chapter-zotero.ris")
    assert all(isinstance(r, Citation) for r in loaded)
    return [r for r in loaded if isinstance(r, Citation)]


def test_the_file_starts_with_a_bom_and_every_record_is_read(records: list[Citation]) -> None:
    assert RIS.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(records) == 16
    assert records[0].authors[0].family == "Fidler"  # the record rispy drops after a BOM


def test_fields_come_from_their_tags(records: list[Citation]) -> None:
    gupta = records[10]
    assert [a.family for a in gupta.authors] == ["Gupta", "Massaguè"]
    assert (gupta.journal, gupta.year, gupta.volume) == ("Cell", 2009, "127")
    assert gupta.pages is not None
    assert (gupta.pages.first, gupta.pages.last) == ("679", "695")


def test_the_journal_is_taken_from_t2_before_the_abbreviation(records: list[Citation]) -> None:
    assert records[0].journal == "Nature Reviews Cancer"


def test_a_pubmed_accession_number_is_the_pmid(records: list[Citation]) -> None:
    assert records[6].pmid is not None
    assert records[6].pmid.startswith("98")


def test_each_record_is_located_from_its_ty_to_its_er_line(records: list[Citation]) -> None:
    lines = RIS.read_bytes().decode("utf-8-sig").split("\r\n")
    location = records[10].location
    assert location is not None
    assert location.end_line is not None
    assert lines[location.line - 1] == "TY  - JOUR"
    assert lines[location.end_line - 1].startswith("ER  -")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2006", 2006, id="year"),
        pytest.param("2006/11/17/", 2006, id="ris-date"),
        pytest.param("2006///", 2006, id="ris-date-year-only"),
    ],
)
def test_the_year_is_read_from_ris_dates(value: str, expected: int) -> None:
    [record] = load_references(f"TY  - JOUR\nTI  - A\nPY  - {value}\nER  - \n", path="a.ris")
    assert isinstance(record, Citation)
    assert record.year == expected


def test_a_file_without_records_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="no RIS records"):
        load_references("not RIS at all", path="x.ris")
