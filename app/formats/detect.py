"""Which format an input is in: by its magic bytes, then its extension, then its content.

1. ``%PDF-`` is a PDF and a ZIP holding ``word/`` is a Word document, whatever the name says.
2. A known extension decides: ``.bib``; ``.ris``; ``.json``/``.csljson``; ``.xml``/``.nxml``
   (JATS); ``.tex``/``.ltx``/``.bbl``; ``.md``/``.markdown``; ``.txt``; ``.docx``; ``.pdf``.
3. Otherwise the text is sniffed: ``TY  - `` lines are RIS, ``@article{`` entries BibTeX, a
   JSON array CSL-JSON, XML with a ``<ref-list>`` or ``<article>`` JATS, ``\\bibitem`` or
   ``\\bibliography{`` LaTeX, Markdown headings Markdown; anything else is plain text.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Final

from app.formats.base import InputFormat

_EXTENSIONS: Final = {
    ".bib": InputFormat.BIBTEX,
    ".bibtex": InputFormat.BIBTEX,
    ".ris": InputFormat.RIS,
    ".json": InputFormat.CSL_JSON,
    ".csljson": InputFormat.CSL_JSON,
    ".xml": InputFormat.JATS,
    ".nxml": InputFormat.JATS,
    ".jats": InputFormat.JATS,
    ".tex": InputFormat.LATEX,
    ".ltx": InputFormat.LATEX,
    ".bbl": InputFormat.LATEX,
    ".md": InputFormat.MARKDOWN,
    ".markdown": InputFormat.MARKDOWN,
    ".txt": InputFormat.TEXT,
    ".docx": InputFormat.DOCX,
    ".pdf": InputFormat.PDF,
}
_SNIFF_CHARS: Final = 65_536
_RIS: Final = re.compile(r"^TY  - ", re.MULTILINE)
_BIBTEX: Final = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.MULTILINE)
_JATS: Final = re.compile(r"<(?:[\w-]+:)?(?:ref-list|article)[\s>]")
_LATEX: Final = re.compile(r"\\(?:bibitem|begin\{thebibliography\}|bibliography\{|addbibresource)")
_JSON: Final = re.compile(r'\s*(?:\[\s*[{\]]|\{\s*")')
_MARKDOWN: Final = re.compile(r"^#{1,6}\s+\S|^\[\^\d+\]:", re.MULTILINE)


def detect_format(data: bytes | str, *, path: str | None = None) -> InputFormat:
    """The format of ``data`` (read from ``path``, if it came from a file).

    >>> detect_format(b"%PDF-1.7 ..."), detect_format("TY  - JOUR\\nER  - ")
    (<InputFormat.PDF: 'pdf'>, <InputFormat.RIS: 'ris'>)
    >>> detect_format("Gupta GP. Cell. 2009;127:679-95.", path="refs.bib")
    <InputFormat.BIBTEX: 'bibtex'>
    """
    head = data[:_SNIFF_CHARS]
    if isinstance(head, bytes):
        if head.startswith(b"%PDF-"):
            return InputFormat.PDF
        if head.startswith(b"PK\x03\x04") and b"word/" in data:
            return InputFormat.DOCX
    if path is not None and (known := _EXTENSIONS.get(PurePath(path).suffix.lower())):
        return known
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    return sniff_text(text.lstrip("\ufeff"))


def sniff_text(text: str) -> InputFormat:
    """The format of a text by its content alone."""
    start = text.lstrip()
    if _RIS.search(text):
        return InputFormat.RIS
    if start.startswith("<") and _JATS.search(text):
        return InputFormat.JATS
    if _JSON.match(text):
        return InputFormat.CSL_JSON
    if _BIBTEX.search(text) and not _LATEX.search(text):
        return InputFormat.BIBTEX
    if _LATEX.search(text):
        return InputFormat.LATEX
    if _MARKDOWN.search(text):
        return InputFormat.MARKDOWN
    return InputFormat.TEXT
