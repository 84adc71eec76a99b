"""CSL-JSON (Zotero "Better CSL JSON", citeproc, Pandoc) -> citations, field by field.

The file is a JSON array of items (an object with an ``items`` array, or one item, are read
too). Each item keeps its exact place in the file: the array is decoded element by element, so
the location is the line where the item's ``{`` opens.

    {"id": "gupta2009", "type": "article-journal",
     "author": [{"family": "Gupta", "given": "Gaurav P."}, {"family": "Massaguè", "given": "J"}],
     "title": "Cancer metastasis: building a framework", "container-title": "Cell",
     "issued": {"date-parts": [[2009]]}, "volume": "127", "page": "679-695"}
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, Final

from app.formats.base import FormatError, Reference
from app.formats.fields import pages_of, person, text_or_none, year_of
from app.formats.render import with_display_text
from app.models import Author, Citation, SourceLocation
from app.normalize import normalize_doi

_DECODER: Final = json.JSONDecoder()
_PARTICLES: Final = ("non-dropping-particle", "dropping-particle")


def load_csl_json(text: str, *, path: str | None = None) -> list[Reference]:
    """Every CSL-JSON item in file order."""
    text = text.lstrip("\ufeff")
    name = path or "input"
    try:
        items = list(_items_with_lines(text))
    except (json.JSONDecodeError, ValueError) as exc:
        raise FormatError(f"{name}: not CSL-JSON ({exc})") from None
    if not items:
        raise FormatError(f"{name}: no CSL-JSON items found")
    references: list[Reference] = []
    for index, (item, first, last) in enumerate(items, start=1):
        key = text_or_none(item.get("citation-key") or item.get("id"))
        location = SourceLocation(line=first, end_line=last, path=path, key=key)
        references.append(_citation(index, item, location))
    return references


def _items_with_lines(text: str) -> Iterator[tuple[Mapping[str, Any], int, int]]:
    """Each item with the lines where it opens and closes (1-based)."""
    start = _skip_space(text, 0)
    if text.startswith("[", start):
        position = _skip_space(text, start + 1)
        while position < len(text) and text[position] != "]":
            item, end = _DECODER.raw_decode(text, position)
            if not isinstance(item, dict):
                raise ValueError(f"item at offset {position} is not an object")
            yield item, _line(text, position), _line(text, end - 1)
            position = _skip_space(text, end)
            if text.startswith(",", position):
                position = _skip_space(text, position + 1)
        return
    document = json.loads(text)
    if not isinstance(document, dict):
        raise ValueError("expected an array of items")
    items = document.get("items", [document])
    if not isinstance(items, list):
        raise ValueError("'items' is not an array")
    for item in items:
        if not isinstance(item, dict):
            raise ValueError("an item is not an object")
        yield item, _item_line(text, item), _item_line(text, item)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _item_line(text: str, item: Mapping[str, Any]) -> int:
    """Where an item nested in an object is: the line of its ``"id"``, else 1."""
    key = item.get("id")
    offset = text.find(json.dumps(key)) if key is not None else -1
    return _line(text, offset) if offset >= 0 else 1


def _citation(index: int, item: Mapping[str, Any], location: SourceLocation) -> Citation:
    year, suffix = year_of(_issued(item.get("issued")))
    pmid = text_or_none(item.get("PMID"))
    citation = Citation(
        index=index,
        raw="",
        authors=_authors(item.get("author")),
        title=text_or_none(item.get("title")),
        journal=_first(item.get("container-title"))
        or _first(item.get("container-title-short"))
        or _first(item.get("journalAbbreviation")),
        year=year,
        year_suffix=suffix,
        volume=text_or_none(item.get("volume")),
        issue=text_or_none(item.get("issue")),
        pages=pages_of(item.get("page")),
        doi=normalize_doi(text_or_none(item.get("DOI"))),
        pmid=pmid if pmid and pmid.isdigit() else None,
        location=location,
        label=location.key,
    )
    return with_display_text(citation)


def _first(value: object) -> str | None:
    """CSL strings are sometimes exported as one-element lists."""
    if isinstance(value, list):
        value = value[0] if value else None
    return text_or_none(value)


def _issued(value: object) -> object:
    """``{"date-parts": [[2009, 11]]}``, ``{"raw": "2009"}`` or ``{"literal": ...}`` -> a year."""
    if not isinstance(value, dict):
        return value
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return parts[0][0]
    return value.get("raw") or value.get("literal")


def _authors(value: object) -> tuple[Author, ...]:
    if not isinstance(value, list):
        return ()
    authors = []
    for name in value:
        if not isinstance(name, dict):
            continue
        if literal := text_or_none(name.get("literal")):
            authors.append(person(literal, is_group=" " in literal))
            continue
        particles = [str(name[p]) for p in _PARTICLES if name.get(p)]
        family = " ".join([*particles, str(name.get("family") or "")]).strip()
        if family:
            authors.append(person(family, text_or_none(name.get("given"))))
    return tuple(authors)
