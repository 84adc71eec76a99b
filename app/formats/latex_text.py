"""LaTeX markup to plain text, for BibTeX fields and ``\\bibitem`` bodies.

pylatexenc knows the accent macros (``{\\"u}`` -> "ü", ``Massagu{\\`e}`` -> "Massaguè"),
``\\&``, ``~`` and the font commands. On markup it cannot read (a macro missing its
arguments) the fallback drops backslash commands and braces, so a reference is never lost to
its markup.
"""

from __future__ import annotations

import re
from typing import Final

from pylatexenc.latex2text import LatexNodes2Text  # type: ignore[import-untyped]

from app.normalize import clean_text

_CONVERTER: Final = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)
_COMMAND: Final = re.compile(r"\\[A-Za-z]+\*?|\\(?=[^A-Za-z])")
# \newblock separates the parts of a formatted reference; \url and \doi keep their argument.
_NEWBLOCK: Final = re.compile(r"\\newblock\b\s*")
_HREF: Final = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")


def latex_to_text(value: str) -> str:
    """Plain text of a LaTeX fragment, whitespace folded.

    >>> latex_to_text(r"Sch{\\"o}n MP \\& Massagu{\\`e} J, \\emph{Cell} 127:679--695")
    'Schön MP & Massaguè J, Cell 127:679-695'
    """
    value = _HREF.sub(r"\2 \1", _NEWBLOCK.sub(" ", value))
    try:
        text = _CONVERTER.latex_to_text(value)
    except Exception:  # pylatexenc raises plain IndexError/ValueError on malformed macros
        text = _COMMAND.sub("", value).replace("{", "").replace("}", "")
    return clean_text(text.replace("<", " ").replace(">", " "))
