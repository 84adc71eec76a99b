"""A JATS article's 40 references: element-citations as fields, mixed-citations as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.formats import FormatError, load_references
from app.models import Citation, RawReference

JATS = Path(__file__).resolve().parents[1] / "data" / "formats" / "chapter-article.xml"


@pytest.fixture(name="refs", scope="module")
def fixture_refs() -> list[Citation | RawReference]:
    return load_references(JATS.read_bytes(), path="chapter-article.xml")


def test_all_forty_references_are_read_in_order(refs: list[Citation | RawReference]) -> None:
    assert len(refs) == 40
    assert [r.label for r in refs] == [str(i) for i in range(1, 41)]


def test_both_citation_kinds_are_present(refs: list[Citation | RawReference]) -> None:
    assert sum(isinstance(r, Citation) for r in refs) >= 15
    assert sum(isinstance(r, RawReference) for r in refs) >= 15


def test_an_element_citation_keeps_its_fields(refs: list[Citation | RawReference]) -> None:
    scheele = refs[3]
    assert isinstance(scheele, Citation)
    assert [a.family for a in scheele.authors] == ["Scheele", "Stange", "Altendof-Hoffman"]
    assert scheele.et_al
    assert (scheele.journal, scheele.year, scheele.volume) == ("World J Surg", 1995, "19")
    assert scheele.pages is not None
    assert (scheele.pages.first, scheele.pages.last) == ("59", "71")


def test_a_mixed_citation_is_its_printed_text(refs: list[Citation | RawReference]) -> None:
    rees = refs[0]
    assert isinstance(rees, RawReference)
    assert rees.text.startswith("Rees M, Tekkis PP, Welsh FK, et al. Evaluation of long term")
    assert rees.text.endswith("Ann Surg. 2008;247:125-35.")


def test_each_reference_keeps_its_id_and_line(refs: list[Citation | RawReference]) -> None:
    lines = JATS.read_text(encoding="utf-8").splitlines()
    for ref in refs:
        assert ref.location is not None
        assert ref.location.key is not None
        assert f'<ref id="{ref.location.key}">' in lines[ref.location.line - 1]


def test_an_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<article><ref-list><ref id='r1'><mixed-citation>&x; Cell. 2009."
        "</mixed-citation></ref></ref-list></article>"
    ).encode()
    refs = load_references(xml, path="evil.xml")
    assert all("TOP SECRET" not in (r.text if isinstance(r, RawReference) else r.raw) for r in refs)


def test_an_article_without_a_reference_list_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="no <ref-list>"):
        load_references(b"<article><body/></article>", path="a.xml")
