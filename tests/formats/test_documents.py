"""Word and PDF manuscripts made by python-docx and reportlab in the test itself."""

from __future__ import annotations

import pytest

from app.formats import FormatError, InputFormat, load_references
from app.formats.pdf import find_gutter, pdf_text
from app.models import RawReference
from tests.formats.documents import chapter_references, make_docx, make_two_column_pdf


def test_each_docx_reference_paragraph_is_one_reference() -> None:
    expected = chapter_references(2, 13)
    refs = load_references(make_docx(expected), path="manuscript.docx")
    assert [r.text for r in refs if isinstance(r, RawReference)] == expected


def test_docx_locations_are_paragraph_numbers() -> None:
    refs = load_references(make_docx(chapter_references(2, 4)), path="manuscript.docx")
    # title, heading, body, "References" heading: the first reference is paragraph 5
    assert [r.location.line for r in refs if r.location] == [5, 6, 7]


def test_a_two_column_pdf_is_read_column_by_column() -> None:
    expected = chapter_references(2, 40)
    refs = load_references(make_two_column_pdf(expected), path="manuscript.pdf")
    assert [r.text for r in refs if isinstance(r, RawReference)] == expected


def test_the_spanning_title_comes_before_the_columns() -> None:
    text = pdf_text(make_two_column_pdf(chapter_references(2, 30)), name="m.pdf")
    assert text.splitlines()[0].startswith("Liver metastasis: a review spanning both columns")


@pytest.mark.parametrize(
    ("rects", "gutter"),
    [
        pytest.param([(50, y, 280, y + 8) for y in range(0, 60, 10)], None, id="one-column"),
        pytest.param(
            [(50, y, 280, y + 8) for y in range(0, 60, 10)]
            + [(310, y, 540, y + 8) for y in range(0, 60, 10)],
            295.0,
            id="two-columns",
        ),
        pytest.param(
            [(60, 700, 530, 712)]
            + [(50, y, 280, y + 8) for y in range(0, 60, 10)]
            + [(310, y, 540, y + 8) for y in range(0, 60, 10)],
            295.0,
            id="two-columns-under-a-title",
        ),
        pytest.param([(50, y, 540, y + 8) for y in range(0, 60, 10)], None, id="full-width"),
    ],
)
def test_the_gutter_is_found_between_columns(
    rects: list[tuple[float, float, float, float]], gutter: float | None
) -> None:
    assert find_gutter(rects, 595.0) == gutter


@pytest.mark.parametrize(
    ("data", "name"),
    [
        pytest.param(b"%PDF-1.7 truncated", "broken.pdf", id="pdf"),
        pytest.param(b"PK\x03\x04 word/ truncated", "broken.docx", id="docx"),
    ],
)
def test_a_broken_document_is_a_format_error(data: bytes, name: str) -> None:
    with pytest.raises(FormatError, match=name):
        load_references(data, path=name)


def test_a_binary_format_sent_as_text_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="must be sent as a file"):
        load_references("not bytes", path=None, input_format=InputFormat.PDF)
