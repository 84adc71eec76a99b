"""Helpers for the parser tests: parse a reference string and view its fields compactly."""

from __future__ import annotations

from app.models import Citation, RawReference
from app.normalize import clean_text
from app.parsing import parse_reference


def parse(text: str) -> Citation:
    """Parse ``text`` as the extractor would hand it over (cleaned, one reference)."""
    return parse_reference(RawReference(index=1, text=clean_text(text)))


def names(citation: Citation) -> list[tuple[str, str]]:
    """Authors as (family, initials); a group author as (name, "group")."""
    return [(a.family, "group" if a.is_group else a.initials) for a in citation.authors]


def pages(citation: Citation) -> tuple[str, str | None] | None:
    return None if citation.pages is None else (citation.pages.first, citation.pages.last)
