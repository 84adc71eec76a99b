"""BibTeX entries become citations field by field: macros, LaTeX, crossref, locations."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.formats import FormatError, InputFormat, load_references
from app.models import Citation, RawReference

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"
BIB = DATA / "chapter.bib"


@pytest.fixture(name="entries", scope="module")
def fixture_entries() -> list[Citation | RawReference]:
    return load_references(BIB.read_bytes(), path="chapter.bib")


def by_key(entries: list[Citation | RawReference], key: str) -> Citation:
    found = next(e for e in entries if e.location is not None and e.location.key == key)
    assert isinstance(found, Citation)
    return found


def test_every_cited_entry_is_read_and_the_crossref_target_is_not(
    entries: list[Citation | RawReference],
) -> None:
    keys = [e.location.key for e in entries if e.location]
    assert len(entries) == 40
    assert "asco2002" not in keys
    assert all(isinstance(e, Citation) for e in entries)


def test_fields_are_read_without_reparsing_a_string(entries: list[Citation | RawReference]) -> None:
    gupta = by_key(entries, "gupta2009cancer")
    assert [(a.family, a.initials) for a in gupta.authors] == [("Gupta", "GP"), ("Massaguè", "J")]
    assert (gupta.title, gupta.journal, gupta.year, gupta.volume) == (
        "Cancer metastasis: building a framework", "Cell", 2009, "127",
    )  # fmt: skip
    assert gupta.pages is not None
    assert (gupta.pages.first, gupta.pages.last) == ("679", "695")


def test_location_is_the_entry_lines_and_key(entries: list[Citation | RawReference]) -> None:
    gupta = by_key(entries, "gupta2009cancer")
    lines = BIB.read_text(encoding="utf-8").splitlines()
    assert gupta.location is not None
    assert gupta.location.path == "chapter.bib"
    assert lines[gupta.location.line - 1].startswith("@article{gupta2009cancer,")
    assert gupta.location.end_line is not None
    assert lines[gupta.location.end_line - 1] == "}"
    assert gupta.label == "gupta2009cancer"


def test_string_macros_and_concatenations_are_resolved(
    entries: list[Citation | RawReference],
) -> None:
    assert by_key(entries, "fidler2003pathogenesis").journal == "Nat Rev Cancer"
    assert by_key(entries, "portier2006multicenter").journal == "J Clin Oncol"


def test_latex_accents_are_decoded_in_names(entries: list[Citation | RawReference]) -> None:
    assert by_key(entries, "erpenbeck2010deadly").authors[1].family == "Schön"
    assert by_key(entries, "capussotti2007timing").authors[2].family == "Viganò"


def test_crossref_fields_are_inherited(entries: list[Citation | RawReference]) -> None:
    langer = by_key(entries, "langer2002fluorouracil")
    assert (langer.journal, langer.year, langer.volume) == ("Proc Am Soc Clin Oncol", 2002, "21")


def test_and_others_is_et_al(entries: list[Citation | RawReference]) -> None:
    kawada = by_key(entries, "kawada2011molecular")
    assert kawada.et_al
    assert len(kawada.authors) == 3


def test_a_braced_corporate_author_is_one_group_author() -> None:
    [entry] = load_references(
        "@misc{who, author = {{World Health Organization}}, year = 2020}", path="x.bib"
    )
    assert isinstance(entry, Citation)
    assert [(a.family, a.is_group) for a in entry.authors] == [("World Health Organization", True)]


def test_the_display_text_renders_the_fields(entries: list[Citation | RawReference]) -> None:
    gupta = by_key(entries, "gupta2009cancer")
    assert gupta.raw == (
        "Gupta GP, Massaguè J. Cancer metastasis: building a framework. Cell. 2009;127:679-695."
        " doi:10.1016/j.cell.2006.11.001"
    )


def test_a_broken_entry_is_kept_as_raw_text_at_its_line() -> None:
    text = "@article{ok, title={A}, journal={Cell}, year=2009}\n\n@article{broken, title={A\n"
    entries = load_references(text, path="x.bib", input_format=InputFormat.BIBTEX)
    assert isinstance(entries[0], Citation)
    assert isinstance(entries[1], RawReference)
    assert entries[1].location is not None
    assert entries[1].location.line == 3


def test_a_title_containing_a_hash_is_not_taken_for_a_concatenation() -> None:
    [entry] = load_references("@article{k, title = {C# in depth}, year = 2019}", path="k.bib")
    assert isinstance(entry, Citation)
    assert entry.title == "C# in depth"


def test_a_file_without_entries_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="no BibTeX entries"):
        load_references("just words", path="empty.bib")


def test_a_latex_document_with_bibliography_reads_its_bib_file() -> None:
    path = DATA / "paper-with-bib.tex"
    entries = load_references(path.read_bytes(), path=str(path))
    assert len(entries) == 40
    assert entries[0].location is not None
    assert entries[0].location.path == str(BIB)
