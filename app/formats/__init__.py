"""Manuscripts and reference lists as they really come, read into references.

``load_references`` is the entry point: it detects the format (or takes the one it is told),
and returns one item per reference in input order, each with its source location:

- :class:`~app.models.Citation` for structured records, verified field by field without
  re-parsing a string: BibTeX (:mod:`.bibtex`), RIS (:mod:`.ris`), CSL-JSON
  (:mod:`.csl_json`), JATS ``element-citation`` (:mod:`.jats`);
- :class:`~app.models.RawReference` for free text the reference parser reads: plain text and
  Markdown (:mod:`.text`), LaTeX ``\\bibitem`` lists (:mod:`.latex`), Word (:mod:`.word`), PDF
  (:mod:`.pdf`), JATS ``mixed-citation``.

>>> refs = load_references(b"@article{g, author={Gupta, G. P.}, journal={Cell}, year=2009}",
...                        path="refs.bib")
>>> refs[0].journal, refs[0].location.key, refs[0].location.line
('Cell', 'g', 1)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module
from typing import Final

from app.formats.base import FormatError, InputFormat, Reference
from app.formats.detect import detect_format
from app.inputs import decode

TextLoader = Callable[..., list[Reference]]

# Each format's loader: (module in app.formats, function, reads bytes rather than text).
# Loaders are imported on first use: python-docx, pypdfium2 and bibtexparser would otherwise
# add ~0.1 s to every CLI start, which the chapter's cold-run time budget cannot spare.
_LOADERS: Final[dict[InputFormat, tuple[str, str, bool]]] = {
    InputFormat.BIBTEX: ("bibtex", "load_bibtex", False),
    InputFormat.RIS: ("ris", "load_ris", False),
    InputFormat.CSL_JSON: ("csl_json", "load_csl_json", False),
    InputFormat.LATEX: ("latex", "load_latex", False),
    InputFormat.MARKDOWN: ("text", "load_markdown", False),
    InputFormat.TEXT: ("text", "load_text", False),
    InputFormat.JATS: ("jats", "load_jats", True),
    InputFormat.DOCX: ("word", "load_docx", True),
    InputFormat.PDF: ("pdf", "load_pdf", True),
}
_XML_DECLARATION: Final = re.compile(r"^\s*<\?xml[^>]*\?>")


def _loader(chosen: InputFormat) -> tuple[TextLoader, bool]:
    module, function, wants_bytes = _LOADERS[chosen]
    loader: TextLoader = getattr(import_module(f"app.formats.{module}"), function)
    return loader, wants_bytes


def load_references(
    data: str | bytes, *, path: str | None = None, input_format: InputFormat | None = None
) -> list[Reference]:
    """The references in ``data``, in order; raises :class:`FormatError` for unreadable input."""
    chosen = input_format or detect_format(data, path=path)
    name = path or "input"
    loader, wants_bytes = _loader(chosen)
    if wants_bytes:
        return loader(_as_bytes(data, chosen, name), path=path)
    return loader(_as_text(data, name), path=path)


def _as_text(data: str | bytes, name: str) -> str:
    text = decode(data, name=name) if isinstance(data, bytes) else data
    return text.lstrip("\ufeff")


def _as_bytes(data: str | bytes, chosen: InputFormat, name: str) -> bytes:
    if isinstance(data, bytes):
        return data
    if chosen is InputFormat.JATS:  # the text is already decoded: its declaration would lie
        return _XML_DECLARATION.sub("", data.lstrip("\ufeff")).encode("utf-8")
    raise FormatError(f"{name}: {chosen.value} input must be sent as a file, not as text")


__all__ = [
    "FormatError",
    "InputFormat",
    "Reference",
    "detect_format",
    "load_references",
]
