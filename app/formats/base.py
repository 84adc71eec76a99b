"""What every input format produces, the formats refcheck reads, and the error for broken input.

Structured formats (BibTeX, RIS, CSL-JSON, JATS ``element-citation``) yield
:class:`~app.models.Citation` objects whose fields come straight from the file; free-text
formats (plain text, Markdown, LaTeX ``\\bibitem``, DOCX, PDF, JATS ``mixed-citation``) yield
:class:`~app.models.RawReference` strings for the reference parser. Either way each item keeps
its :class:`~app.models.SourceLocation` (file, line, entry key) for annotations.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeAlias

from app.inputs import InputError
from app.models import Citation, RawReference

Reference: TypeAlias = Citation | RawReference


class InputFormat(StrEnum):
    """A manuscript or reference-list format, as named by ``--input-format`` and the API."""

    BIBTEX = "bibtex"
    RIS = "ris"
    CSL_JSON = "csl-json"
    JATS = "jats"
    LATEX = "latex"
    MARKDOWN = "markdown"
    TEXT = "text"
    DOCX = "docx"
    PDF = "pdf"

    @property
    def is_binary(self) -> bool:
        """DOCX and PDF are read from bytes; every other format is text."""
        return self in (InputFormat.DOCX, InputFormat.PDF)


class FormatError(InputError):
    """The input cannot be read as the format it is (or was said to be) in.

    The message names the file and what is wrong, and is shown to the user as is:
    ``refs.ris: no RIS records found (each record starts with "TY  - ")``.
    """
