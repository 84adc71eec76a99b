"""PDF manuscripts -> references: the text of the reference section, columns in reading order.

pypdfium2 (PDFium) extracts the text. PDF has no reading order of its own: a two-column page
may be drawn line by line across both columns, so each page is checked for a gutter (a
vertical strip in the middle third that no line of text crosses). A page with one is read as
bands: lines that span the gutter (titles) in place, and between them the left column, then
the right. Soft hyphens that PDFium marks (U+FFFE) are joined. The page texts then go through
:func:`app.extract.extract_references`; a location's ``line`` is the line of that text.

PDFium is not thread-safe, even across documents: every call into it holds one lock.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Final

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from app.extract import extract_references
from app.formats.base import FormatError, Reference

Rect = tuple[float, float, float, float]  # left, bottom, right, top (PDF points)

_PDFIUM: Final = threading.Lock()
# A gutter is looked for in the middle of the page, and each column needs this many lines.
_GUTTER_ZONE: Final = (0.3, 0.7)
_MIN_LINES_PER_COLUMN: Final = 3
# Lines allowed to cross the gutter (titles, headers) as a share of all lines.
_MAX_SPANNING_SHARE: Final = 0.25
_SOFT_HYPHEN: Final = "\ufffe"


def load_pdf(data: bytes, *, path: str | None = None) -> list[Reference]:
    """The references in a PDF's text."""
    return list(extract_references(pdf_text(data, name=path or "input"), path=path))


def pdf_text(data: bytes, *, name: str) -> str:
    """The text of every page in reading order, pages separated by a line break."""
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise FormatError(f"{name}: not a readable PDF ({exc})") from None
        try:
            pages = [_page_text(document[i]) for i in range(len(document))]
        finally:
            document.close()
    text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace(_SOFT_HYPHEN + "\n", "").replace(_SOFT_HYPHEN, "")


def _page_text(page: pdfium.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        width, height = page.get_size()
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
        gutter = find_gutter(rects, width)
        if gutter is None:
            return str(textpage.get_text_range())
        return "\n".join(_bands(textpage, rects, gutter, width, height))
    finally:
        textpage.close()


def find_gutter(rects: Sequence[Rect], width: float) -> float | None:
    """The x of the gap between two columns of text, or ``None`` for a one-column page.

    The gutter is the middle of the longest run of x positions (in the page's middle third)
    crossed by the fewest lines; it counts when few lines cross it and both sides have lines.

    >>> left = [(50, y, 280, y + 8) for y in range(100, 700, 11)]
    >>> right = [(310, y, 540, y + 8) for y in range(100, 700, 11)]
    >>> find_gutter(left + right, 595.0)
    295.0
    >>> find_gutter([(50, y, 540, y + 8) for y in range(100, 700, 11)], 595.0) is None
    True
    """
    if not rects:
        return None
    low, high = int(width * _GUTTER_ZONE[0]), int(width * _GUTTER_ZONE[1])
    crossings = [sum(1 for r in rects if r[0] < x < r[2]) for x in range(low, high + 1)]
    fewest = min(crossings)
    if fewest > _MAX_SPANNING_SHARE * len(rects):
        return None
    best_start, best_length, start = 0, 0, None
    for offset, count in enumerate([*crossings, fewest + 1]):
        if count == fewest and start is None:
            start = offset
        elif count != fewest and start is not None:
            if offset - start > best_length:
                best_start, best_length = start, offset - start
            start = None
    gutter = low + best_start + (best_length - 1) / 2
    left = sum(1 for r in rects if r[2] <= gutter)
    right = sum(1 for r in rects if r[0] >= gutter)
    if min(left, right) < _MIN_LINES_PER_COLUMN:
        return None
    return gutter


def _bands(
    textpage: pdfium.PdfTextPage, rects: Sequence[Rect], gutter: float, width: float, height: float
) -> list[str]:
    """Top to bottom: each spanning line, and between them the left then the right column."""
    spanning = sorted((r for r in rects if r[0] < gutter < r[2]), key=lambda r: -r[3])
    parts: list[str] = []
    top = height
    for line in spanning:
        if line[3] < top:
            parts.append(textpage.get_text_bounded(0, line[3], gutter, top))
            parts.append(textpage.get_text_bounded(gutter, line[3], width, top))
        parts.append(textpage.get_text_bounded(0, line[1], width, line[3]))
        top = min(top, line[1])
    parts.append(textpage.get_text_bounded(0, 0, gutter, top))
    parts.append(textpage.get_text_bounded(gutter, 0, width, top))
    return [str(p).strip("\r\n") for p in parts if str(p).strip()]
