"""Works that look like a cited article but are not it, so "take the top hit" fails.

For a record ``r`` (all three share its journal, or its title and authors):

- **erratum**: "Correction: <title>" or "Erratum to: <title>", same journal, a later year, its
  own DOI and PMID, publication type "Published Erratum", ``update-to`` the article's DOI;
- **preprint**: Crossref ``posted-content`` on medRxiv/bioRxiv with the same title and
  authors, a year earlier, a ``10.1101/`` DOI, not in PubMed;
- **same author**: the same first author in the same journal, year and volume, on other pages,
  with another record's title (so only the title tells them apart).

Each builder returns a JSONL-shaped dict that ``FakeWork.from_dict`` accepts.
"""

from __future__ import annotations

import random
from enum import StrEnum
from typing import Any

from benchmarks.accuracy.corpus import CorpusRecord, first_doi
from benchmarks.accuracy.identifiers import IdentifierAllocator

WorkDict = dict[str, Any]


class DistractorKind(StrEnum):
    """Why a registered work exists in the fake: it is a trap for one real record."""

    ERRATUM = "erratum"
    PREPRINT = "preprint"
    SAME_AUTHOR = "same_author"


def _journal_fields(record: CorpusRecord) -> WorkDict:
    keys = ("journal", "journal_abbrev", "journal_iso", "issn", "nlm_id", "language")
    return {k: record.get(k) for k in keys}


def _later_volume(volume: str | None, years_later: int) -> str | None:
    return str(int(volume) + years_later) if volume and volume.isdigit() else volume


def other_pages(record: CorpusRecord, rng: random.Random) -> tuple[str, str | None]:
    """Pages of another work in the same journal: an e-locator, an article number or a range.

    >>> other_pages({"first_page": "e0207499", "last_page": None}, random.Random(1))[0][:3]
    'e02'
    """
    first, last = str(record["first_page"]), record.get("last_page")
    if first[:1].lower() == "e" and first[1:].isdigit():
        number = int(first[1:]) + rng.randint(1, 20_000)
        return first[0] + str(number).zfill(len(first) - 1), None
    if not first.isdigit():
        return first + "A", None
    if not last or not str(last).isdigit():
        return str(int(first) + rng.randint(1, 400)), None
    length = max(int(last) - int(first), 1)
    start = int(first) + length + rng.randint(1, 300)
    return str(start), str(start + length)


def erratum(record: CorpusRecord, ids: IdentifierAllocator, rng: random.Random) -> WorkDict:
    """The correction notice of ``record``: same journal, a later year, a page of its own."""
    years_later = rng.choice((1, 1, 2))
    prefix = "Correction: " if str(record["first_page"])[:1].lower() == "e" else "Erratum to: "
    doi = first_doi(record)
    first, _ = other_pages(record, rng)
    work: WorkDict = {
        **_journal_fields(record),
        "pmid": ids.pmid(),
        "doi": ids.doi_like(doi or "10.1000/erratum.000000"),
        "title": prefix + str(record["title"]),
        "year": int(record["year"]) + years_later,
        "month": rng.randint(1, 12),
        "volume": _later_volume(record.get("volume"), years_later),
        "issue": record.get("issue"),
        "first_page": first,
        "last_page": None,
        "authors": list(record["authors"]) if rng.random() < 0.5 else [],
        "pub_types": ["Published Erratum"],
        "kind": DistractorKind.ERRATUM.value,
    }
    if doi:
        work["relations"] = {"update-to": [{"DOI": doi, "type": "correction"}]}
    return work


def preprint(record: CorpusRecord, ids: IdentifierAllocator, rng: random.Random) -> WorkDict:
    """The preprint of ``record``: same title and authors, a year earlier, ``posted-content``."""
    server = rng.choice(("medRxiv", "bioRxiv"))
    year = int(record["year"]) - 1
    work: WorkDict = {
        "doi": ids.preprint_doi(year),
        "title": record["title"],
        "journal": server,
        "container_title": server,
        "year": year,
        "month": rng.randint(1, 12),
        "authors": list(record["authors"]),
        "pub_types": ["Preprint"],
        "crossref_type": "posted-content",
        "in_pubmed": False,
        "kind": DistractorKind.PREPRINT.value,
    }
    doi = first_doi(record)
    if doi and rng.random() < 0.5:  # Crossref links only some preprints to their article
        work["relations"] = {"is-preprint-of": [{"DOI": doi}]}
    return work


def same_author_paper(
    record: CorpusRecord,
    donor: CorpusRecord,
    ids: IdentifierAllocator,
    rng: random.Random,
) -> WorkDict:
    """Another paper by ``record``'s first author in its journal, year and volume, titled as
    ``donor``."""
    authors = list(record["authors"])
    coauthors = authors[1:]
    rng.shuffle(coauthors)
    kept = coauthors[: rng.randint(len(coauthors) // 2, len(coauthors))] if coauthors else []
    first, last = other_pages(record, rng)
    issue = record.get("issue")
    return {
        **_journal_fields(record),
        "pmid": ids.pmid(),
        "doi": ids.doi_like(first_doi(record) or "10.1000/paper.000000"),
        "title": donor["title"],
        "year": record["year"],
        "month": record.get("month"),
        "volume": record.get("volume"),
        "issue": str(int(issue) + 1) if issue and str(issue).isdigit() else issue,
        "first_page": first,
        "last_page": last,
        "authors": [authors[0], *kept, *list(donor["authors"])[1:3]],
        "pub_types": ["Journal Article"],
        "kind": DistractorKind.SAME_AUTHOR.value,
    }
