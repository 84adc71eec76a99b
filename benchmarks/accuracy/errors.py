"""Inject one labelled error into a record before it is rendered as a citation.

Each injector takes a :class:`Draft` (the record as it will be rendered, and how) and returns
the changed draft with its :class:`InjectedError`, or None when the record has no room for that
error (no issue to get wrong, a single author to swap). Example::

    inject(ErrorKind.VOLUME, draft, context)
    # draft.record["volume"] "127" -> "129"; InjectedError(VOLUME, cited="129", found=("127",))

The rules that keep labels honest: a wrong year is never the online-first year (that is a
correct citation); author errors only touch authors the style prints (before "et al."); a
title word changed or dropped is a content word, never "of" or "the", and the error is
labelled with the whole title, cited and registered (``detail`` names the word).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, Final

from app.normalize import fold
from benchmarks.accuracy.cases import ErrorKind, InjectedError, RenderOptions
from benchmarks.accuracy.corpus import CorpusRecord, first_doi, journal_forms
from tests.citation_styles import (
    APA_MAX_AUTHORS,
    ISSUELESS_STYLES,
    cited_authors,
    cited_journal,
)

_STOPWORDS: Final = frozenset(
    "about after among and are between from have into more than that their there these this "
    "those through under using were when where which while with within without".split()
)
_WORD: Final = re.compile(r"^(\W*)([A-Za-z][a-z]{3,})(\W*)$")
_VOWELS: Final = "aeiou"


@dataclass(frozen=True, slots=True)
class Draft:
    """A record as it will be rendered (possibly already altered), and the render options."""

    record: CorpusRecord
    options: RenderOptions

    def with_fields(self, **fields: Any) -> Draft:
        return replace(self, record={**self.record, **fields})


@dataclass(frozen=True, slots=True)
class InjectionContext:
    """What an injector may draw on: randomness, other records, the online-first year."""

    rng: random.Random
    pool: Sequence[CorpusRecord]
    online_year: int | None = None


Injection = tuple[Draft, InjectedError]
Injector = Callable[[Draft, InjectionContext], Injection | None]


def _year(draft: Draft, ctx: InjectionContext) -> Injection | None:
    year = int(draft.record["year"])
    shifts = [d for d in (-3, -2, -1, 1, 2, 3) if year + d != ctx.online_year]
    cited = year + ctx.rng.choice(shifts)
    found = tuple(str(y) for y in (year, ctx.online_year) if y is not None)
    return draft.with_fields(year=cited), InjectedError(ErrorKind.YEAR, str(cited), found)


def _shift_number(value: str, rng: random.Random, *, low: int = 1) -> str:
    """Another plausible number for a volume or issue: "127" -> "129"; "Suppl 1" -> "2"."""
    if not value.isdigit():
        return str(rng.randint(2, 9))
    number = int(value)
    choices = [number + d for d in (-3, -2, -1, 1, 2, 3, 10) if number + d >= low]
    return str(rng.choice(choices))


def _volume(draft: Draft, ctx: InjectionContext) -> Injection | None:
    volume = str(draft.record.get("volume") or "")
    if not volume:
        return None
    cited = _shift_number(volume, ctx.rng)
    return draft.with_fields(volume=cited), InjectedError(ErrorKind.VOLUME, cited, (volume,))


def _issue(draft: Draft, ctx: InjectionContext) -> Injection | None:
    issue = str(draft.record.get("issue") or "")
    if not issue or draft.options.style in ISSUELESS_STYLES:
        return None  # a style that prints no issue cannot cite a wrong one
    cited = _shift_number(issue, ctx.rng)
    if fold(cited) == fold(issue):
        return None
    return draft.with_fields(issue=cited), InjectedError(ErrorKind.ISSUE, cited, (issue,))


def _first_page(draft: Draft, ctx: InjectionContext) -> Injection | None:
    first, last = str(draft.record["first_page"]), draft.record.get("last_page")
    rng = ctx.rng
    if first[:1].lower() == "e" and first[1:].isdigit():  # e-locator: change its last digits
        number = int(first[1:]) + rng.choice((-7, -3, -1, 1, 4, 12))
        cited = first[0] + str(max(number, 1)).zfill(len(first) - 1)
    elif not first.isdigit():
        return None
    elif last and str(last).isdigit() and int(last) - int(first) >= 2:
        cited = str(int(first) + rng.randint(1, int(last) - int(first) - 1))
    else:
        cited = str(max(int(first) + rng.choice((-20, -2, -1, 1, 3, 10)), 1))
    if cited == first:
        return None
    found = InjectedError(ErrorKind.FIRST_PAGE, cited, (first,))
    return draft.with_fields(first_page=cited), found


def _last_page(draft: Draft, ctx: InjectionContext) -> Injection | None:
    first, last = str(draft.record["first_page"]), str(draft.record.get("last_page") or "")
    if not (first.isdigit() and last.isdigit()):
        return None
    shifts = [d for d in (-3, -2, -1, 1, 2, 5, 10) if int(last) + d > int(first)]
    cited = str(int(last) + ctx.rng.choice(shifts))
    return draft.with_fields(last_page=cited), InjectedError(ErrorKind.LAST_PAGE, cited, (last,))


def visible_authors(draft: Draft) -> int:
    """How many leading authors the style prints (before "et al." or APA's "...")."""
    style, cut = draft.options.style, draft.options.et_al_after
    shown = len(cited_authors(draft.record, style, et_al_after=cut))
    if style == "apa" and cut is None and len(draft.record["authors"]) > APA_MAX_AUTHORS:
        return APA_MAX_AUTHORS - 1
    return shown


def misspell(name: str, rng: random.Random) -> str:
    """A plausible typo that changes the folded name: swap, drop, double or replace a letter.

    >>> fold(misspell("Hederstedt", random.Random(3))) != "hederstedt"
    True
    """
    for _ in range(50):
        letters = [i for i in range(1, len(name)) if name[i].isalpha() and name[i].islower()]
        if not letters:
            return name + "e"
        i = rng.choice(letters)
        operation = rng.choice(("swap", "drop", "double", "replace"))
        if operation == "swap" and i + 1 < len(name) and name[i + 1].isalpha():
            typo = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        elif operation == "drop" and len(name) >= 4:
            typo = name[:i] + name[i + 1 :]
        elif operation == "double":
            typo = name[:i] + name[i] + name[i:]
        else:
            pool = _VOWELS if name[i] in _VOWELS else "bcdfghklmnprst"
            typo = name[:i] + rng.choice([c for c in pool if c != name[i]]) + name[i + 1 :]
        if fold(typo) != fold(name):
            return typo
    return name + "e"


def _authors(draft: Draft) -> list[dict[str, Any]]:
    return [dict(a) for a in draft.record["authors"]]


def _author_misspelled(draft: Draft, ctx: InjectionContext) -> Injection | None:
    shown = visible_authors(draft)
    position = 0 if shown < 2 or ctx.rng.random() < 0.5 else ctx.rng.randrange(1, shown)
    authors = _authors(draft)
    family = str(authors[position]["family"])
    authors[position]["family"] = misspell(family, ctx.rng)
    error = InjectedError(ErrorKind.AUTHOR_MISSPELLED, authors[position]["family"], (family,))
    return draft.with_fields(authors=authors), error


def _authors_swapped(draft: Draft, ctx: InjectionContext) -> Injection | None:
    authors = _authors(draft)
    pairs = [
        i
        for i in range(visible_authors(draft) - 1)
        if fold(authors[i]["family"]) != fold(authors[i + 1]["family"])
    ]
    if not pairs:
        return None
    i = ctx.rng.choice(pairs)
    a, b = authors[i]["family"], authors[i + 1]["family"]
    authors[i], authors[i + 1] = authors[i + 1], authors[i]
    error = InjectedError(ErrorKind.AUTHORS_SWAPPED, f"{b}, {a}", (f"{a}, {b}",))
    return draft.with_fields(authors=authors), error


def _author_missing(draft: Draft, ctx: InjectionContext) -> Injection | None:
    shown = visible_authors(draft)
    if shown < 2:
        return None
    authors = _authors(draft)
    missing = authors.pop(ctx.rng.randrange(1, shown))
    error = InjectedError(ErrorKind.AUTHOR_MISSING, None, (str(missing["family"]),))
    return draft.with_fields(authors=authors), error


def _bare(title: str) -> str:
    """A title as a report would quote it: without its closing period."""
    return title.rstrip(". ")


def _content_words(title: str) -> list[int]:
    """Positions of words worth changing: alphabetic, four letters or more, not a stopword."""
    words = title.split(" ")
    return [
        i
        for i, w in enumerate(words)
        if (m := _WORD.match(w)) and m.group(2).lower() not in _STOPWORDS
    ]


def _title_word_changed(draft: Draft, ctx: InjectionContext) -> Injection | None:
    title = str(draft.record["title"])
    positions = _content_words(title)
    if title.startswith("[") or not positions:
        return None
    words = title.split(" ")
    i = ctx.rng.choice(positions)
    prefix, old, suffix = _WORD.match(words[i]).groups()  # type: ignore[union-attr]
    donor_words = [
        m.group(2).lower()
        for w in str(ctx.rng.choice(ctx.pool)["title"]).split(" ")
        if (m := _WORD.match(w)) and m.group(2).lower() not in _STOPWORDS
    ]
    choices = [w for w in donor_words if w not in fold(title)]
    if not choices:
        return None
    new = ctx.rng.choice(choices)
    new = new.capitalize() if old[:1].isupper() else new
    words[i] = prefix + new + suffix
    changed = " ".join(words)
    error = InjectedError(
        ErrorKind.TITLE_WORD_CHANGED,
        _bare(changed),
        (_bare(title),),
        detail=f"{old!r} -> {new!r}",
    )
    return draft.with_fields(title=changed), error


def _title_word_dropped(draft: Draft, ctx: InjectionContext) -> Injection | None:
    title = str(draft.record["title"])
    words = title.split(" ")
    positions = [i for i in _content_words(title) if 0 < i < len(words) - 1]
    if title.startswith("[") or len(words) < 4 or not positions:
        return None
    i = ctx.rng.choice(positions)
    dropped = _WORD.match(words[i]).group(2)  # type: ignore[union-attr]
    del words[i]
    shortened = " ".join(words)
    error = InjectedError(
        ErrorKind.TITLE_WORD_DROPPED,
        _bare(shortened),
        (_bare(title),),
        detail=f"dropped {dropped!r}",
    )
    return draft.with_fields(title=shortened), error


def _journal(draft: Draft, ctx: InjectionContext) -> Injection | None:
    forms = journal_forms(draft.record)
    taken = {fold(f) for f in forms}
    for _ in range(50):
        other = ctx.rng.choice(ctx.pool)
        if not taken & {fold(f) for f in journal_forms(other)}:
            break
    else:
        return None
    changed = draft.with_fields(
        journal=other["journal"],
        journal_abbrev=other["journal_abbrev"],
        journal_iso=other.get("journal_iso"),
    )
    options = draft.options
    cited = cited_journal(
        changed.record, options.style, abbreviate_journal=options.abbreviate_journal
    )
    return changed, InjectedError(ErrorKind.JOURNAL, cited, forms)


def _doi(draft: Draft, ctx: InjectionContext) -> Injection | None:
    doi = first_doi(draft.record)
    if not doi:
        return None
    for _ in range(50):
        other = first_doi(ctx.rng.choice(ctx.pool))
        if other and other != doi:
            break
    else:
        return None
    changed = replace(draft.with_fields(doi=other), options=replace(draft.options, with_doi=True))
    return changed, InjectedError(ErrorKind.DOI, other, (doi,))


INJECTORS: Final[Mapping[ErrorKind, Injector]] = MappingProxyType(
    {
        ErrorKind.YEAR: _year,
        ErrorKind.VOLUME: _volume,
        ErrorKind.ISSUE: _issue,
        ErrorKind.FIRST_PAGE: _first_page,
        ErrorKind.LAST_PAGE: _last_page,
        ErrorKind.AUTHOR_MISSPELLED: _author_misspelled,
        ErrorKind.AUTHORS_SWAPPED: _authors_swapped,
        ErrorKind.AUTHOR_MISSING: _author_missing,
        ErrorKind.TITLE_WORD_CHANGED: _title_word_changed,
        ErrorKind.TITLE_WORD_DROPPED: _title_word_dropped,
        ErrorKind.JOURNAL: _journal,
        ErrorKind.DOI: _doi,
    }
)


def inject(kind: ErrorKind, draft: Draft, ctx: InjectionContext) -> Injection | None:
    """Apply one error of ``kind``; None when the record has no room for it."""
    return INJECTORS[kind](draft, ctx)
