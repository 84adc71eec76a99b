"""BibTeX and BibLaTeX (``.bib``) entries -> citations, field by field.

bibtexparser v2 splits the file, resolves ``@string`` macros and splits names; this module
decodes LaTeX per name part (the library's gotcha: decoding before splitting turns
``{World Health Organization}`` into a person called Organization), joins ``#``
concatenations, and applies ``crossref`` inheritance: an entry takes every field it lacks from
the entry it cross-references, and a ``@proceedings`` or ``@book`` title becomes its
``booktitle``. Entries that are only cross-reference targets are containers, not cited works,
and are not checked. A broken entry is kept as a raw reference at its line, so it is reported
rather than silently dropped.

    @article{gupta2009,
      author  = {Gupta, Gaurav P. and Massagu{\\`e}, Joan},
      journal = cell,                         (an @string macro)
      year    = 2009, volume = 127, number = 4, pages = {679--695},
    }
    -> Citation(authors=(Gupta GP, Massaguè J), journal="Cell", year=2009, volume="127",
                issue="4", pages=679..695, location=refs.bib:1, key "gupta2009")
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Final

from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import Block, Entry

from app.formats.base import FormatError, Reference
from app.formats.fields import pages_of, person, text_or_none, year_of
from app.formats.latex_text import latex_to_text
from app.formats.render import with_display_text
from app.models import Author, Citation, RawReference, SourceLocation
from app.normalize import clean_text, normalize_doi

# The container's title becomes the part's booktitle (BibLaTeX's crossref data inheritance).
_CONTAINER_TYPES: Final = frozenset({"proceedings", "book", "mvbook", "collection", "periodical"})
_VENUE_FIELDS: Final = ("journal", "journaltitle", "booktitle")
_PMID_EPRINT_TYPES: Final = frozenset({"pubmed", "pmid"})
_TOP_LEVEL_HASH: Final = re.compile(r"\s*#\s*")

# bibtexparser logs every broken entry as a warning; refcheck reports it as a reference instead.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)


def load_bibtex(text: str, *, path: str | None = None) -> list[Reference]:
    """Every entry of a ``.bib`` file in file order (cross-reference targets left out)."""
    library = parse_string(
        text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]
    )
    strings = {s.key.casefold(): str(s.value) for s in library.strings}
    entries = {e.key.casefold(): e for e in library.entries}
    targets = {
        str(e.fields_dict["crossref"].value).strip().casefold()
        for e in library.entries
        if "crossref" in e.fields_dict
    }
    blocks: list[Block] = [
        *(e for e in library.entries if e.key.casefold() not in targets),
        *library.failed_blocks,
    ]
    blocks.sort(key=lambda b: b.start_line or 0)
    references: list[Reference] = []
    for block in blocks:
        index = len(references) + 1
        location = _location(block, path)
        if isinstance(block, Entry):
            fields = _fields(block, entries, strings)
            references.append(_citation(index, block, fields, location))
        else:
            text_of_block = clean_text(block.raw or "")
            references.append(RawReference(index, text_of_block, location=location))
    if not references and not library.entries:
        raise FormatError(f"{path or 'input'}: no BibTeX entries found (each starts with '@')")
    return references


def _location(block: Block, path: str | None) -> SourceLocation:
    first = (block.start_line or 0) + 1
    end = first + (block.raw or "").rstrip().count("\n")
    key = block.key if isinstance(block, Entry) else None
    return SourceLocation(line=first, end_line=end, path=path, key=key)


def _fields(
    entry: Entry, entries: Mapping[str, Entry], strings: Mapping[str, str]
) -> dict[str, object]:
    """The entry's fields (lower-case keys), with concatenations joined and crossref applied."""
    own = {f.key.lower(): _value(f.value, strings) for f in entry.fields}
    parent_key = str(own.get("crossref", "")).strip().casefold()
    parent = entries.get(parent_key) if parent_key else None
    if parent is None:
        return own
    inherited = {f.key.lower(): _value(f.value, strings) for f in parent.fields}
    if parent.entry_type.lower() in _CONTAINER_TYPES and "title" in inherited:
        inherited.setdefault("booktitle", inherited["title"])
        del inherited["title"]
    return {**inherited, **own}


def _value(value: object, strings: Mapping[str, str]) -> object:
    """Join a ``#`` concatenation of macros and literals: ``nrc # " X"`` -> "Nat Rev Cancer X".

    bibtexparser resolves a value that is one macro; a concatenation is left as written. A
    value is joined only when every part is a quoted or braced literal, a number or a known
    macro, so a title that merely contains "#" ("C# in depth") stays as it is.
    """
    if not isinstance(value, str) or "#" not in value:
        return value
    parts = [p.strip() for p in _TOP_LEVEL_HASH.split(value)]
    joined = []
    for part in parts:
        if len(part) >= 2 and part[0] + part[-1] in ('""', "{}"):
            joined.append(part[1:-1])
        elif part.casefold() in strings:
            joined.append(strings[part.casefold()])
        elif part.isdigit():
            joined.append(part)
        else:
            return value
    return "".join(joined)


def _citation(
    index: int, entry: Entry, fields: Mapping[str, object], location: SourceLocation
) -> Citation:
    authors, et_al = _authors(fields.get("author") or fields.get("editor"))
    year, suffix = year_of(_text(fields, "year") or _text(fields, "date"))
    pmid = _text(fields, "pmid")
    if not pmid and str(fields.get("eprinttype", "")).lower() in _PMID_EPRINT_TYPES:
        pmid = _text(fields, "eprint")
    citation = Citation(
        index=index,
        raw="",
        authors=authors,
        et_al=et_al,
        title=_text(fields, "title"),
        journal=next((v for k in _VENUE_FIELDS if (v := _text(fields, k))), None),
        year=year,
        year_suffix=suffix,
        volume=_text(fields, "volume"),
        issue=_text(fields, "number") or _text(fields, "issue"),
        pages=pages_of(_text(fields, "pages")),
        doi=normalize_doi(_text(fields, "doi")),
        pmid=pmid if pmid and pmid.isdigit() else None,
        location=location,
        label=entry.key,
    )
    return with_display_text(citation)


def _text(fields: Mapping[str, object], key: str) -> str | None:
    value = fields.get(key)
    return text_or_none(latex_to_text(value)) if isinstance(value, str) else None


def _authors(value: object) -> tuple[tuple[Author, ...], bool]:
    """Authors from split name parts; "and others" is the entry's "et al."."""
    if not isinstance(value, list):
        return (), False
    authors: list[Author] = []
    et_al = False
    for name in value:
        if not isinstance(name, middlewares.NameParts):
            continue
        last = " ".join([*name.von, *name.last])
        if not name.first and last.strip().lower() == "others":
            et_al = True
            continue
        group = not name.first and not name.von and last.startswith("{") and " " in last
        authors.append(
            person(latex_to_text(last), latex_to_text(" ".join(name.first)), is_group=group)
        )
    return tuple(authors), et_al


__all__ = ["load_bibtex"]
