"""Plain text and Markdown manuscripts -> references, via :func:`app.extract.extract_references`.

Markdown is first made plain, line for line (so locations still point at the right lines):
list bullets, emphasis markers and link syntax are dropped, and Pandoc footnote definitions
(``[^12]: Gupta GP ...``) become numbered items (``[12] Gupta GP ...``).

    ## References                                   -> the reference section starts here
    1. Gupta GP, Massaguè J. *Cell*. 2009;127:679–95.  -> "Gupta GP, Massaguè J. Cell. 2009;..."
    - [Fidler IJ. ... 2003;3:453–8.](https://doi.org/10.1038/nrc1098)
                                                    -> "Fidler IJ. ... 2003;3:453-8. https://..."
"""

from __future__ import annotations

import re
from typing import Final

from app.extract import extract_references
from app.formats.base import Reference

_FOOTNOTE: Final = re.compile(r"^(\s*)\[\^(\d+)\]:\s*", re.MULTILINE)
_BULLET: Final = re.compile(r"^(\s*)[-*+]\s+(?=\S)", re.MULTILINE)
_LINK: Final = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_STRONG_OR_EMPHASIS: Final = re.compile(r"(\*{1,3}|(?<!\w)_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_CODE: Final = re.compile(r"`([^`\n]*)`")
_ESCAPE: Final = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


def load_text(text: str, *, path: str | None = None) -> list[Reference]:
    """References of a plain-text manuscript or reference list."""
    return list(extract_references(text, path=path))


def load_markdown(text: str, *, path: str | None = None) -> list[Reference]:
    """References of a Markdown manuscript."""
    return list(extract_references(markdown_to_text(text), path=path))


def markdown_to_text(text: str) -> str:
    """Markdown made plain without joining or splitting lines.

    >>> markdown_to_text("- *Cell*. [doi](https://doi.org/10.1/x)\\n[^2]: **Gupta** GP")
    'Cell. doi https://doi.org/10.1/x\\n[2] Gupta GP'
    """
    text = _FOOTNOTE.sub(r"\1[\2] ", text)
    text = _BULLET.sub(r"\1", text)
    text = _LINK.sub(_link_text, text)
    text = _CODE.sub(r"\1", text)
    previous = None
    while previous != text:
        previous, text = text, _STRONG_OR_EMPHASIS.sub(r"\2", text)
    return _ESCAPE.sub(r"\1", text)


def _link_text(link: re.Match[str]) -> str:
    """A link's text, followed by its target unless the text already says it."""
    label, target = link.group(1).strip(), link.group(2).strip()
    if not target or target in label:
        return label
    return f"{label} {target}" if label else target
