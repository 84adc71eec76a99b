"""Word and PDF manuscripts made by real tools in the test itself (python-docx, reportlab).

Both carry a title, body text, a "References" heading and the chapter's references, the way
authors' files come: Word's automatic list numbering (so no numbers in the text), and a
two-column PDF page whose content stream interleaves the columns line by line (as some
producers write it), so reading it in stream order would mix two references per line.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from app.extract import extract_references
from tests.e2e.conftest import CHAPTER

# A standard PDF font (WinAnsi encoding covers the chapter's ö, è, é, ì): no font file needed.
_FONT = "Helvetica"


def chapter_references(first: int, last: int) -> list[str]:
    """References ``first``..``last`` of the example chapter, as printed (link noise dropped)."""
    refs = extract_references(CHAPTER.read_text(encoding="utf-8"))
    return [r.text for r in refs if r.label and first <= int(r.label) <= last]


def make_docx(references: Sequence[str]) -> bytes:
    """A Word manuscript whose reference list uses Word's own numbering."""
    document = Document()
    document.add_heading("The Clinical Challenge of Liver Metastasis", level=0)
    document.add_heading("Introduction", level=1)
    document.add_paragraph(
        "Surgery remains the cornerstone of treatment, with a 40% survival at 5 years [2, 3]."
    )
    document.add_heading("References", level=1)
    for reference in references:
        document.add_paragraph(reference, style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_two_column_pdf(references: Sequence[str], *, title: str = "Liver metastasis") -> bytes:
    """A two-column page: a spanning title, then numbered references drawn row by row."""
    width, height = A4
    margin, gap = 50.0, 20.0
    column = (width - 2 * margin - gap) / 2
    lines = ["References"]
    for number, reference in enumerate(references, start=1):
        wrapped = simpleSplit(f"{number}. {reference}", _FONT, 8, column - 10)
        lines += [wrapped[0], *("   " + w for w in wrapped[1:])]
    rows = (len(lines) + 1) // 2
    left, right = lines[:rows], lines[rows:]
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont(_FONT, 13)
    page.drawCentredString(width / 2, height - 40, f"{title}: a review spanning both columns")
    page.setFont(_FONT, 8)
    y = height - 70
    for row in range(rows):
        page.drawString(margin, y, left[row])
        if row < len(right):
            page.drawString(margin + column + gap, y, right[row])
        y -= 10
    page.save()
    return buffer.getvalue()
