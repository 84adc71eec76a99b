"""Format detection: magic bytes, then the file's extension, then its content."""

from __future__ import annotations

import pytest

from app.formats import InputFormat, detect_format
from tests.formats.documents import make_docx


@pytest.mark.parametrize(
    ("data", "path", "expected"),
    [
        pytest.param(b"%PDF-1.7\n...", "paper.txt", InputFormat.PDF, id="pdf-magic-beats-name"),
        pytest.param("@article{x, year=2009}", "refs.bib", InputFormat.BIBTEX, id="bib-ext"),
        pytest.param("anything", "refs.RIS", InputFormat.RIS, id="ris-ext-any-case"),
        pytest.param("[]", "library.json", InputFormat.CSL_JSON, id="json-ext"),
        pytest.param("<article/>", "paper.nxml", InputFormat.JATS, id="nxml-ext"),
        pytest.param("\\bibitem{a} x", "paper.bbl", InputFormat.LATEX, id="bbl-ext"),
        pytest.param("# Title", "paper.md", InputFormat.MARKDOWN, id="md-ext"),
        pytest.param("TY  - JOUR\nER  - \n", None, InputFormat.RIS, id="ris-content"),
        pytest.param("\ufeffTY  - JOUR\nER  - \n", None, InputFormat.RIS, id="ris-content-bom"),
        pytest.param("% c\n@string{a = {b}}\n@article{k,}", None, InputFormat.BIBTEX, id="bib"),
        pytest.param('[\n  {"id": "a"}\n]', None, InputFormat.CSL_JSON, id="csl-content"),
        pytest.param('<?xml version="1.0"?>\n<article>', None, InputFormat.JATS, id="jats"),
        pytest.param("\\begin{thebibliography}{9}", None, InputFormat.LATEX, id="latex"),
        pytest.param("## References\n1. Gupta", None, InputFormat.MARKDOWN, id="markdown"),
        pytest.param("[1] Gupta GP. Cell. 2009;127:679.", None, InputFormat.TEXT, id="bracket"),
        pytest.param("1. Gupta GP. Cell. 2009;127:679.", "-", InputFormat.TEXT, id="text"),
    ],
)
def test_format_is_detected(data: str | bytes, path: str | None, expected: InputFormat) -> None:
    assert detect_format(data, path=path) is expected


def test_a_word_document_is_detected_by_its_zip_content_whatever_its_name() -> None:
    assert detect_format(make_docx(["Gupta GP. Cell. 2009."]), path="upload") is InputFormat.DOCX
