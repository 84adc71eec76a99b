"""Editors write a correction into one BibTeX entry, RIS record or text reference, in place."""

from __future__ import annotations

import pytest

from app.formats.bibtex_edit import edit_bibtex_entry, field_value_span
from app.formats.corrections import Correction
from app.formats.ris_edit import edit_ris_record
from app.formats.text_edit import edit_text_reference
from app.models import PageRange

ENTRY = """@article{gupta2009,
  author  = {Gupta, G. P. and Huwitz, H},
  journal = cell,
  year    = 2009,
  volume  = "15",
  pages   = {679--695}
}"""


@pytest.mark.parametrize(
    ("correction", "expected_line"),
    [
        pytest.param(Correction(year="2006"), "  year    = 2006,", id="bare-number"),
        pytest.param(Correction(volume="127"), '  volume  = "127",', id="quoted"),
        pytest.param(
            Correction(pages=PageRange("679", "696")), "  pages   = {679--696}", id="braced-pages"
        ),
        pytest.param(
            Correction(renamed=(("Huwitz", "Hurwitz"),)),
            "  author  = {Gupta, G. P. and Hurwitz, H},",
            id="surname",
        ),
    ],
)
def test_a_bibtex_value_keeps_its_delimiters(correction: Correction, expected_line: str) -> None:
    assert expected_line in edit_bibtex_entry(ENTRY, correction).splitlines()


def test_a_missing_doi_is_added_as_an_aligned_last_field() -> None:
    edited = edit_bibtex_entry(ENTRY, Correction(doi="10.1016/j.cell.2006.11.001"))
    assert edited.splitlines()[-3:] == [
        "  pages   = {679--695},",
        "  doi     = {10.1016/j.cell.2006.11.001},",
        "}",
    ]


def test_a_one_line_entry_gets_its_doi_on_the_same_line() -> None:
    edited = edit_bibtex_entry("@article{k, year={2001}}", Correction(doi="10.1/x"))
    assert edited == "@article{k, year={2001}, doi = {10.1/x}}"


def test_nothing_else_in_the_entry_changes() -> None:
    edited = edit_bibtex_entry(ENTRY, Correction(year="2006"))
    assert [a for a, b in zip(ENTRY.splitlines(), edited.splitlines(), strict=True) if a != b] == [
        "  year    = 2009,"
    ]


def test_a_field_value_span_stops_at_the_top_level_comma() -> None:
    entry = '@article{k, title = {A, b {c, d}}, journal = nrc # " X", year = 2001}'
    span = field_value_span(entry, "journal")
    assert span is not None
    assert entry[span[0] : span[1]] == 'nrc # " X"'


RECORD = "TY  - JOUR\r\nAU  - Huwitz, H\r\nPY  - 2009///\r\nVL  - 15\r\nSP  - 679\r\nER  - \r\n"


def test_ris_tags_get_the_registered_values_and_keep_crlf() -> None:
    edited = edit_ris_record(
        RECORD,
        Correction(year="2006", volume="127", renamed=(("Huwitz", "Hurwitz"),), doi="10.1/x"),
    )
    assert edited == (
        "TY  - JOUR\r\nAU  - Hurwitz, H\r\nPY  - 2006///\r\nVL  - 127\r\nSP  - 679\r\n"
        "DO  - 10.1/x\r\nER  - \r\n"
    )


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        pytest.param("12. Gupta 2009.\n", "12. FIXED\n", id="numbered"),
        pytest.param("  12. 12.\n    Gupta 2009.\n", "  12. 12.\n    FIXED\n", id="chapter-style"),
        pytest.param("- Gupta *Cell* 2009.\n", "- FIXED\n", id="bullet"),
        pytest.param("[^3]: Gupta 2009.\n", "[^3]: FIXED\n", id="footnote"),
        pytest.param("Gupta GP. Cell.\n  2009.", "FIXED", id="unnumbered"),
    ],
)
def test_a_text_reference_is_replaced_after_its_marker(block: str, expected: str) -> None:
    assert edit_text_reference(block, Correction(suggestion="FIXED")) == expected
