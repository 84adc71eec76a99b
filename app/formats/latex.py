"""LaTeX -> references: ``\\bibitem`` lists (in a ``.tex`` or a BibTeX-made ``.bbl``), or the
``.bib`` files a ``\\bibliography{}`` / ``\\addbibresource{}`` names.

A ``\\bibitem`` list is free text: each item (its LaTeX turned into plain text, accents
included) goes to the reference parser, keyed by its cite key. A document without one is
checked through its ``.bib`` files, read relative to the document, entry by entry.

    \\begin{thebibliography}{99}
    \\bibitem{gupta2009} Gupta GP, Massagu{\\`e} J. Cancer metastasis: building a framework.
      \\newblock Cell. 2009;127:679--95.
    \\end{thebibliography}
    -> RawReference("Gupta GP, Massaguè J. Cancer metastasis: ... Cell. 2009;127:679-95.",
                    label="1", location=paper.tex:2-3, key "gupta2009")
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Final

from app.formats.base import FormatError, Reference
from app.formats.bibtex import load_bibtex
from app.formats.latex_text import latex_to_text
from app.inputs import InputError, decode
from app.models import RawReference, SourceLocation

_COMMENT: Final = re.compile(r"(?<!\\)%.*")
_ENVIRONMENT: Final = re.compile(
    r"\\begin\{thebibliography\}(?:\{[^}]*\})?(?P<body>.*?)\\end\{thebibliography\}", re.DOTALL
)
_BIBITEM: Final = re.compile(r"\\bibitem\s*(?:\[(?P<label>[^\]]*)\])?\s*\{(?P<key>[^}]*)\}")
_RESOURCES: Final = re.compile(r"\\(?:bibliography|addbibresource)\s*(?:\[[^\]]*\])?\{([^}]*)\}")


def load_latex(text: str, *, path: str | None = None) -> list[Reference]:
    """The ``\\bibitem`` references of a ``.tex``/``.bbl``, else those of its ``.bib`` files."""
    text = _COMMENT.sub("", text)
    items = _bibitems(text, path)
    if items:
        return items
    resources = [name.strip() for m in _RESOURCES.finditer(text) for name in m.group(1).split(",")]
    if resources:
        return _from_bib_files([r for r in resources if r], path)
    raise FormatError(f"{path or 'input'}: no \\bibitem list and no \\bibliography{{...}} found")


def _bibitems(text: str, path: str | None) -> list[Reference]:
    environment = _ENVIRONMENT.search(text)
    start, end = environment.span("body") if environment else (0, len(text))
    matches = list(_BIBITEM.finditer(text, start, end))
    references: list[Reference] = []
    for number, match in enumerate(matches, start=1):
        body_end = matches[number].start() if number < len(matches) else end
        body = text[match.end() : body_end]
        cleaned = latex_to_text(body)
        if not cleaned:
            continue
        first = _line(text, match.start())
        last = _line(text, match.end() + len(body.rstrip()))
        location = SourceLocation(line=first, end_line=last, path=path, key=match["key"].strip())
        label = latex_to_text(match["label"]) if match["label"] else str(number)
        references.append(RawReference(len(references) + 1, cleaned, label, location))
    return references


def _from_bib_files(names: list[str], path: str | None) -> list[Reference]:
    """The entries of every named ``.bib`` file, numbered on across files."""
    if path is None:
        listed = ", ".join(names)
        raise FormatError(
            f"input: the document names its references in {listed}; check that .bib file instead"
        )
    folder = Path(path).parent
    references: list[Reference] = []
    for name in names:
        bib = folder / (name if name.endswith(".bib") else f"{name}.bib")
        try:
            text = decode(bib.read_bytes(), name=str(bib))
        except OSError as exc:
            raise FormatError(f"{path}: cannot read {bib} ({exc.strerror})") from None
        except InputError as exc:
            raise FormatError(str(exc)) from None
        for reference in load_bibtex(text, path=str(bib)):
            references.append(replace(reference, index=len(references) + 1))
    return references


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
