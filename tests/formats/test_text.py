"""Markdown and plain text go through the reference-section rules, line numbers kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.formats import load_references
from app.formats.text import markdown_to_text
from app.models import RawReference

MARKDOWN = Path(__file__).resolve().parents[1] / "data" / "formats" / "chapter.md"


def test_the_markdown_reference_section_is_found_and_split() -> None:
    refs = load_references(MARKDOWN.read_bytes(), path="chapter.md")
    assert len(refs) == 12
    assert all(isinstance(r, RawReference) for r in refs)
    assert refs[0].text.startswith("Mueller A, Homey B, Soto H, et al.")


def test_markdown_references_point_at_their_own_lines() -> None:
    refs = load_references(MARKDOWN.read_bytes(), path="chapter.md")
    lines = MARKDOWN.read_text(encoding="utf-8").splitlines()
    for ref in refs:
        assert ref.location is not None
        assert lines[ref.location.line - 1].startswith(f"{ref.label}. ")


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        pytest.param("*Cell*. 2009", "Cell. 2009", id="emphasis"),
        pytest.param("**Cell** 2009", "Cell 2009", id="strong"),
        pytest.param("- Gupta GP", "Gupta GP", id="bullet"),
        pytest.param("[^3]: Gupta GP", "[3] Gupta GP", id="footnote"),
        pytest.param("[doi](https://doi.org/10.1/x)", "doi https://doi.org/10.1/x", id="link"),
        pytest.param("[10.1/x](https://doi.org/10.1/x)", "10.1/x https://doi.org/10.1/x", id="l2"),
        pytest.param("doi:10.1002/(SICI)1097_x", "doi:10.1002/(SICI)1097_x", id="underscore"),
    ],
)
def test_markdown_is_made_plain(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


def test_markdown_keeps_its_line_count() -> None:
    source = MARKDOWN.read_text(encoding="utf-8")
    assert markdown_to_text(source).count("\n") == source.count("\n")
