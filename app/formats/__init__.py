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
from pathlib import Path
from typing import BinaryIO, Final

from app.formats.base import FormatError, InputFormat, Reference
from app.formats.bibtex import load_bibtex
from app.formats.csl_json import load_csl_json
from app.formats.detect import detect_format
from app.formats.jats import load_jats
from app.formats.latex import load_latex
from app.formats.pdf import load_pdf
from app.formats.ris import load_ris
from app.formats.text import load_markdown, load_text
from app.formats.word import load_docx
from app.inputs import InputError, decode

TextLoader = Callable[..., list[Reference]]

_TEXT_LOADERS: Final[dict[InputFormat, TextLoader]] = {
    InputFormat.BIBTEX: load_bibtex,
    InputFormat.RIS: load_ris,
    InputFormat.CSL_JSON: load_csl_json,
    InputFormat.LATEX: load_latex,
    InputFormat.MARKDOWN: load_markdown,
    InputFormat.TEXT: load_text,
}
_BYTES_LOADERS: Final[dict[InputFormat, TextLoader]] = {
    InputFormat.JATS: load_jats,
    InputFormat.DOCX: load_docx,
    InputFormat.PDF: load_pdf,
}
_XML_DECLARATION: Final = re.compile(r"^\s*<\?xml[^>]*\?>")


def load_references(
    data: str | bytes, *, path: str | None = None, input_format: InputFormat | None = None
) -> list[Reference]:
    """The references in ``data``, in order; raises :class:`FormatError` for unreadable input."""
    chosen = input_format or detect_format(data, path=path)
    name = path or "input"
    if chosen in _BYTES_LOADERS:
        return _BYTES_LOADERS[chosen](_as_bytes(data, chosen, name), path=path)
    return _TEXT_LOADERS[chosen](_as_text(data, name), path=path)


def read_source(path: str, *, stdin: BinaryIO) -> bytes:
    """The bytes at ``path`` ('-' for stdin); a missing, unreadable or empty input is an error."""
    name = "stdin" if path == "-" else path
    if path == "-":
        data = stdin.read()
    else:
        file = Path(path)
        if not file.exists():
            raise InputError(f"{name}: no such file")
        if file.is_dir():
            raise InputError(f"{name}: is a directory, not a file")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{name}: is empty; nothing to check")
    return data


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
    "read_source",
]
