"""CSL-JSON items become citations, each located at the line where it opens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.formats import FormatError, load_references
from app.models import Citation

CSL = Path(__file__).resolve().parents[1] / "data" / "formats" / "chapter-zotero.json"


@pytest.fixture(name="items", scope="module")
def fixture_items() -> list[Citation]:
    loaded = load_references(CSL.read_bytes(), path="chapter-zotero.json")
    return [r for r in loaded if isinstance(r, Citation)]


def test_every_item_is_a_citation(items: list[Citation]) -> None:
    assert len(items) == len(json.loads(CSL.read_text(encoding="utf-8"))) == 16


def test_fields_come_from_csl_variables(items: list[Citation]) -> None:
    hurwitz = next(i for i in items if i.label == "hurwitz2004bevacizumab")
    assert hurwitz.authors[0].family == "Hurwitz"
    assert (hurwitz.year, hurwitz.volume) == (2004, "350")
    assert hurwitz.pages is not None
    assert hurwitz.pages.last == "2342"


def test_each_item_is_located_at_its_opening_brace(items: list[Citation]) -> None:
    lines = CSL.read_text(encoding="utf-8").splitlines()
    for item in items:
        assert item.location is not None
        assert lines[item.location.line - 1].strip() == "{"
        assert f'"id": "{item.label}"' in lines[item.location.line]


@pytest.mark.parametrize(
    ("issued", "year"),
    [
        pytest.param({"date-parts": [[2009, 11]]}, 2009, id="date-parts"),
        pytest.param({"date-parts": [["2009"]]}, 2009, id="date-parts-string"),
        pytest.param({"raw": "2009-11-17"}, 2009, id="raw"),
        pytest.param({"literal": "Spring 2009"}, 2009, id="literal"),
    ],
)
def test_the_year_comes_from_issued(issued: dict[str, object], year: int) -> None:
    text = json.dumps([{"id": "a", "title": "T", "issued": issued}])
    [item] = load_references(text, path="a.json")
    assert isinstance(item, Citation)
    assert item.year == year


def test_particles_and_literal_names_are_kept() -> None:
    authors = [
        {"family": "Hillegersberg", "given": "Richard", "non-dropping-particle": "van"},
        {"literal": "Dutch Liver Surgery Working Group"},
    ]
    [item] = load_references(json.dumps([{"id": "s", "author": authors}]), path="s.json")
    assert isinstance(item, Citation)
    assert [(a.family, a.is_group) for a in item.authors] == [
        ("van Hillegersberg", False), ("Dutch Liver Surgery Working Group", True),
    ]  # fmt: skip


def test_invalid_json_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="not CSL-JSON"):
        load_references('[{"id": "a",', path="broken.json")
