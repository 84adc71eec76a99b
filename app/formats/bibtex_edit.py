"""Write a :class:`~app.formats.corrections.Correction` into one BibTeX entry, in place.

Only the values of the corrected fields change; their delimiters (braces, quotes or none),
the entry's layout and every other field stay as written. A missing ``doi`` is added as the
last field, indented and aligned like the fields above it::

    @article{gupta2009,                      @article{gupta2009,
      year    = 2009,              ->          year    = 2006,
      pages   = {679--695},                    pages   = {679--695},
    }                                          doi     = {10.1016/j.cell.2006.11.001},
                                             }
"""

from __future__ import annotations

import re
from typing import Final

from app.formats.corrections import Correction
from app.models import PageRange

_FIELD_LINE: Final = re.compile(r"^(?P<indent>[ \t]*)(?P<name>\w+)(?P<gap>\s*)=", re.MULTILINE)


def edit_bibtex_entry(entry: str, correction: Correction) -> str:
    """The entry with the correction's values written into it."""
    values = {
        "year": correction.year,
        "volume": correction.volume,
        "number": correction.issue,
        "pages": _pages(correction.pages),
        "doi": correction.doi,
    }
    for name, value in values.items():
        if value is None:
            continue
        span = field_value_span(entry, name)
        if name == "number" and span is None:
            span = field_value_span(entry, "issue")
        if span is not None:
            entry = (
                entry[: span[0]] + _delimited(entry[span[0] : span[1]], value) + entry[span[1] :]
            )
        elif name == "doi":
            entry = _add_field(entry, "doi", value)
    if correction.renamed:
        entry = _rename_authors(entry, correction.renamed)
    return entry


def field_value_span(entry: str, name: str) -> tuple[int, int] | None:
    """Where the value of field ``name`` is written (after ``=``), delimiters included."""
    match = re.search(rf"(?<=[,{{\s]){re.escape(name)}\s*=\s*", entry, re.IGNORECASE)
    if match is None:
        return None
    start = match.end()
    depth, quoted, position = 0, False, start
    while position < len(entry):
        char = entry[position]
        if char == "\\":
            position += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                break
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "," and depth == 0 and not quoted:
            break
        position += 1
    end = position
    while end > start and entry[end - 1].isspace():
        end -= 1
    return start, end


def _delimited(old: str, value: str) -> str:
    """``value`` in the old value's delimiters; a bare value stays bare only if numeric."""
    if old.startswith("{") and old.endswith("}"):
        return "{" + value + "}"
    if old.startswith('"') and old.endswith('"'):
        return '"' + value + '"'
    return value if value.isdigit() else "{" + value + "}"


def _pages(pages: PageRange | None) -> str | None:
    if pages is None:
        return None
    return f"{pages.first}--{pages.last}" if pages.last else pages.first


def _add_field(entry: str, name: str, value: str) -> str:
    """Insert ``name = {value}`` as the last field, laid out like the last field."""
    closing = entry.rstrip().rfind("}")
    if closing < 0:
        return entry
    body = entry[:closing].rstrip()
    tail = entry[closing:]
    separator = "" if body.endswith(",") else ","
    lines = list(_FIELD_LINE.finditer(body))
    if "\n" not in body or not lines:
        return f"{body}{separator} {name} = {{{value}}}{tail}"
    last = lines[-1]
    width = len(last["name"]) + len(last["gap"])
    field = f"{last['indent']}{name.ljust(width - 1) if width > len(name) else name} = {{{value}}},"
    newline = "\r\n" if "\r\n" in entry else "\n"
    return f"{body}{separator}{newline}{field}{newline}{tail}"


def _rename_authors(entry: str, renamed: tuple[tuple[str, str], ...]) -> str:
    span = field_value_span(entry, "author")
    if span is None:
        return entry
    value = entry[span[0] : span[1]]
    for cited, registered in renamed:
        value = re.sub(rf"(?<!\w){re.escape(cited)}(?!\w)", registered, value)
    return entry[: span[0]] + value + entry[span[1] :]
