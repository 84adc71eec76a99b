"""LaTeX \\bibitem lists (in a .tex and in a BibTeX-made .bbl) become free-text references."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.formats import FormatError, load_references
from app.models import RawReference

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"


@pytest.mark.parametrize(
    ("name", "count", "first_key"),
    [
        pytest.param("chapter.tex", 12, "steinmuller2007consensus", id="thebibliography-in-tex"),
        pytest.param("chapter.bbl", 10, "fidler2003pathogenesis", id="bbl"),
    ],
)
def test_every_bibitem_is_one_reference(name: str, count: int, first_key: str) -> None:
    refs = load_references((DATA / name).read_bytes(), path=name)
    assert len(refs) == count
    assert all(isinstance(r, RawReference) for r in refs)
    assert refs[0].location is not None
    assert refs[0].location.key == first_key


def test_latex_markup_is_turned_into_text() -> None:
    [ref] = load_references(
        "\\bibitem{g} Gupta GP, Massagu{\\`e} J. Cancer metastasis.\n"
        "\\newblock \\emph{Cell}. 2009;127:679--95. % a comment\n",
        path="a.bbl",
    )
    assert isinstance(ref, RawReference)
    assert ref.text == "Gupta GP, Massaguè J. Cancer metastasis. Cell. 2009;127:679-95."


def test_a_bibitem_is_located_from_its_command_to_its_last_line() -> None:
    refs = load_references((DATA / "chapter.tex").read_bytes(), path="chapter.tex")
    lines = (DATA / "chapter.tex").read_text(encoding="utf-8").splitlines()
    for ref in refs:
        location = ref.location
        assert location is not None
        assert location.end_line is not None
        assert lines[location.line - 1] == f"\\bibitem{{{location.key}}}"
        assert lines[location.end_line - 1].strip()
        assert not lines[location.end_line].strip()


def test_a_document_without_references_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="no \\\\bibitem"):
        load_references("\\documentclass{article}\\begin{document}x\\end{document}", path="a.tex")


def test_bibliography_without_a_path_names_the_bib_file() -> None:
    with pytest.raises(FormatError, match=r"refs\b"):
        load_references("\\bibliography{refs}", input_format=None, path=None)
