"""Write a corrected citation over one reference of a text or Markdown reference list.

The reference's number, bullet or footnote marker (and the line break after a number on a
line of its own) is kept; the rest of its lines become the suggested citation, which is in
the style the reference was written in::

      12. 12.                                        12. 12.
        Gupta GP, Massaguè J. ... 2009;127:679–95.  ->   Gupta GP, Massagué J. ... 2006;127(4):679-95. doi:...
"""  # noqa: E501

from __future__ import annotations

import re
from typing import Final

from app.formats.corrections import Correction

_MARKERS: Final = re.compile(
    r"^\s*(?:(?:\[\^?\d{1,4}\]:?|\(\d{1,4}\)|\d{1,4}[.)]|[-*+])(?=\s)\s*)*"
)


def edit_text_reference(block: str, correction: Correction) -> str:
    """The reference's lines with the suggestion after its marker (ending kept)."""
    if not correction.suggestion:
        return block
    body = block.rstrip("\r\n")
    ending = block[len(body) :]
    marker = _MARKERS.match(body)
    prefix = marker.group(0) if marker else ""
    return f"{prefix}{correction.suggestion}{ending}"
