"""The author-list comparator: every listed author, in order, against the registered list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from app.compare import severities
from app.models import Author, Citation, FieldName, Mismatch, Record, Severity
from app.names import (
    AuthorAlignment,
    NameRelation,
    align_authors,
    author_relation,
    format_author,
    initials_conflict,
)

# More missing authors than this are reported as one mismatch, not one each.
MISSING_LISTED_MAX: Final = 3


def compare_authors(citation: Citation, record: Record) -> tuple[Mismatch, ...]:
    """Authors: all listed authors, in order; with "et al." only the listed ones.

    Tolerance: case, particles and hyphens never count; diacritics or transliteration only
    ("Mueller A" for "Müller A") is INFO; different initials ("Fehrenbacher K" for
    "Fehrenbacher L") a WARNING; a misspelled surname ("Huwitz H" for "Hurwitz H"), a missing
    author (a shorter list without et al.), an author the record does not have, a different
    name in an author's place, or authors out of order are ERRORs. Group authors are compared
    loosely, and one the registry does not list is INFO.
    """
    cited, registered = citation.authors, record.authors
    if not cited or not registered:
        return ()
    alignment = align_authors(cited, registered)
    found: list[Mismatch] = []
    for i, j in sorted(alignment.pairs + alignment.moved):
        found.extend(_spelling(i + 1, cited[i], registered[j]))
    if alignment.moved:
        found.append(_out_of_order(cited, registered, alignment))
    for i, j in alignment.substituted:
        ours, theirs = format_author(cited[i]), format_author(registered[j])
        message = f"author {i + 1} cited {ours}, registered {theirs}"
        found.append(_mismatch(cited[i], registered[j], severities.WRONG_VALUE, message))
    found.extend(_extra(cited[i]) for i in alignment.extra)
    found.extend(_missing(citation.et_al, registered, alignment))
    return tuple(found)


def _spelling(position: int, cited: Author, registered: Author) -> tuple[Mismatch, ...]:
    """At most one mismatch for a paired author: misspelling, then initials, then variant."""
    relation = author_relation(cited, registered)
    ours, theirs = format_author(cited), format_author(registered)
    if relation is NameRelation.MISSPELLED:
        message = f"author {position} cited {ours}, registered {theirs}"
        return (_mismatch(cited, registered, severities.WRONG_VALUE, message),)
    if not cited.is_group and initials_conflict(cited, registered):
        message = f"author {position} initials cited {ours}, registered {theirs}"
        return (_mismatch(cited, registered, severities.INITIALS_DIFFER, message),)
    if relation is NameRelation.VARIANT:
        message = f"author {position} spelled {ours}, registered {theirs}"
        return (_mismatch(cited, registered, severities.NAME_VARIANT, message),)
    return ()


def _out_of_order(
    cited: Sequence[Author], registered: Sequence[Author], alignment: AuthorAlignment
) -> Mismatch:
    shown = max(j for _, j in alignment.pairs + alignment.moved) + 1
    return Mismatch(
        FieldName.AUTHORS,
        ", ".join(format_author(a) for a in cited),
        ", ".join(format_author(a) for a in registered[: max(shown, len(cited))]),
        severities.WRONG_VALUE,
        "authors out of order",
    )


def _extra(author: Author) -> Mismatch:
    name = format_author(author)
    if author.is_group:
        message = f"group author not registered: {name}"
        return Mismatch(FieldName.AUTHORS, name, None, severities.GROUP_NOT_REGISTERED, message)
    message = f"author not in the registered list: {name}"
    return Mismatch(FieldName.AUTHORS, name, None, severities.WRONG_VALUE, message)


def _missing(
    et_al: bool, registered: Sequence[Author], alignment: AuthorAlignment
) -> tuple[Mismatch, ...]:
    """Registered authors left out; after "et al." only those before the last cited one count."""
    placed = [j for _, j in alignment.pairs + alignment.moved + alignment.substituted]
    last_placed = max(placed, default=-1)
    names = [
        format_author(registered[j])
        for j in alignment.missing
        if not registered[j].is_group and (not et_al or j < last_placed)
    ]
    if len(names) > MISSING_LISTED_MAX:
        listed = ", ".join(names[:MISSING_LISTED_MAX]) + ", ..."
        message = f"{len(names)} registered authors missing: {listed}"
        return (
            Mismatch(FieldName.AUTHORS, None, ", ".join(names), severities.WRONG_VALUE, message),
        )
    return tuple(
        Mismatch(FieldName.AUTHORS, None, name, severities.WRONG_VALUE, f"author missing: {name}")
        for name in names
    )


def _mismatch(cited: Author, registered: Author, severity: Severity, message: str) -> Mismatch:
    return Mismatch(
        FieldName.AUTHORS, format_author(cited), format_author(registered), severity, message
    )
