"""Word (``.docx``) manuscripts -> references: the paragraphs of the reference section.

python-docx reads the body's paragraphs; each paragraph becomes a block of its own, so the
reference section's rules (:func:`app.extract.extract_references`) apply unchanged: a
"References" heading starts the list, and each paragraph is one reference (numbers typed into
the text are labels; Word's automatic list numbers are not part of the text, and the position
in the list numbers those references). A location's ``line`` is the paragraph number.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

from docx import Document
from docx.opc.exceptions import PackageNotFoundError

from app.extract import extract_references
from app.formats.base import FormatError, Reference
from app.models import RawReference, SourceLocation

# Paragraph k (1-based) is written on line 2k - 1 of the joined text: a blank line after each.
_PARAGRAPH_SEPARATOR = "\n\n"


def load_docx(data: bytes, *, path: str | None = None) -> list[Reference]:
    """The references in a Word document's body, located by paragraph number."""
    paragraphs = docx_paragraphs(data, name=path or "input")
    text = _PARAGRAPH_SEPARATOR.join(p.replace("\n", " ") for p in paragraphs)
    return [_by_paragraph(ref) for ref in extract_references(text, path=path)]


def docx_paragraphs(data: bytes, *, name: str) -> list[str]:
    """The text of every body paragraph, in order (line breaks inside a paragraph kept)."""
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FormatError(f"{name}: not a readable .docx file ({exc})") from None
    return [paragraph.text for paragraph in document.paragraphs]


def _by_paragraph(reference: RawReference) -> RawReference:
    location = reference.location
    if location is None:
        return reference
    end = location.end_line if location.end_line is not None else location.line
    paragraphs = SourceLocation(
        line=_paragraph(location.line),
        end_line=_paragraph(end),
        path=location.path,
        key=location.key,
    )
    return replace(reference, location=paragraphs)


def _paragraph(line: int) -> int:
    return (line + 1) // 2
