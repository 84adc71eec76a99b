"""Fabricated references: plausible journal citations of works that do not exist.

Built the way invented references look in practice: real-looking authors (surnames and given
names from different real records), a title stitched from runs of words of two or three real
titles, a real journal with a volume and year close to ones it really had, pages in the
journal's own format and, sometimes, a DOI with the publisher's prefix that resolves nowhere.
Rendered in the same styles as real citations; the verifier must say ``not_found``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, Final

from benchmarks.accuracy.cases import Case, Category
from benchmarks.accuracy.citations import render_options
from benchmarks.accuracy.corpus import CorpusRecord, first_doi
from benchmarks.accuracy.distractors import other_pages
from benchmarks.accuracy.identifiers import IdentifierAllocator
from tests.citation_styles import render

INVENTED_DOI_SHARE: Final = 0.3


def stitched_title(rng: random.Random, pool: Sequence[CorpusRecord]) -> str:
    """Runs of three to six words from two or three real titles, as one sentence."""
    parts: list[str] = []
    for donor in rng.sample(list(pool), rng.choice((2, 2, 3))):
        words = str(donor["title"]).strip("[]. ").split()
        length = min(rng.randint(3, 6), len(words))
        start = rng.randint(0, len(words) - length)
        parts.extend(w.strip(".:;,") for w in words[start : start + length])
    text = " ".join(p for p in parts if p)
    return text[:1].upper() + text[1:] + "."


def invented_authors(rng: random.Random, pool: Sequence[CorpusRecord]) -> list[dict[str, Any]]:
    """One to eight people, each a real surname with someone else's given name."""
    people = []
    for _ in range(rng.choice((1, 2, 3, 3, 4, 5, 6, 8))):
        family = rng.choice(list(rng.choice(pool)["authors"]))
        given = rng.choice(list(rng.choice(pool)["authors"]))
        people.append(
            {"family": family["family"], "given": given["given"], "initials": given["initials"]}
        )
    return people


def fabricated_record(
    rng: random.Random, pool: Sequence[CorpusRecord], ids: IdentifierAllocator
) -> dict[str, Any]:
    """A record-shaped dict for a work that does not exist, in a real journal."""
    venue = rng.choice(pool)
    shift = rng.choice((-2, -1, 0, 1, 2))
    volume = str(venue["volume"])
    first, last = other_pages(venue, rng)
    doi = first_doi(venue)
    return {
        "title": stitched_title(rng, pool),
        "authors": invented_authors(rng, pool),
        "journal": venue["journal"],
        "journal_abbrev": venue["journal_abbrev"],
        "journal_iso": venue.get("journal_iso"),
        "year": int(venue["year"]) + shift,
        "month": rng.choice((None, rng.randint(1, 12))),
        "volume": str(int(volume) + shift) if volume.isdigit() else volume,
        "issue": str(rng.randint(1, 12)) if venue.get("issue") else None,
        "first_page": first,
        "last_page": last,
        "doi": ids.doi_like(doi) if doi and rng.random() < INVENTED_DOI_SHARE else None,
    }


def fabricated_citation(
    index: int,
    style: str,
    rng: random.Random,
    *,
    pool: Sequence[CorpusRecord],
    ids: IdentifierAllocator,
) -> Case:
    """A fabricated reference rendered in ``style``; it must come back ``not_found``."""
    record = fabricated_record(rng, pool, ids)
    options = render_options(style, record, rng)
    text = render(
        record,
        style,
        with_doi=options.with_doi,
        et_al_after=options.et_al_after,
        abbreviate_journal=options.abbreviate_journal,
    )
    return Case(index=index, text=text, category=Category.FABRICATED, style=style, options=options)
