"""The fake upstream's data: canonical works and the indexes both fake APIs read from.

A :class:`FakeWork` is one registered work described once, in PubMed's vocabulary (the fields
of a line of ``/work/shared/dev-corpus/records.jsonl``) plus what Crossref knows differently:
the online-first date, the Crossref title form, an article number, relations. The renderers
(``crossref_render.py``, ``efetch_render.py``, ``eutils_render.py``) derive each source's view
from it, so the two sources disagree exactly the way the real ones do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tests.fake_upstream.ranking import Bm25Index, tokenize

Relations = Mapping[str, Sequence[Mapping[str, str]]]

# Keys a JSONL line may carry that the fake does not use (provenance of the dev corpus).
_IGNORED_KEYS = frozenset({"source"})


class FixtureError(ValueError):
    """A JSONL line does not describe a valid work (unknown key, missing title, bad type)."""


@dataclass(frozen=True, slots=True)
class FakeAuthor:
    """One author as PubMed lists it: family "Gupta", given "Gaorav P", initials "GP".

    A group author ("Dutch Liver Surgery Working Group") sets only ``collective``.
    """

    family: str = ""
    given: str | None = None
    initials: str = ""
    suffix: str | None = None
    collective: str | None = None


@dataclass(frozen=True, slots=True)
class FakeWork:
    """One registered work; ``in_crossref``/``in_pubmed`` default to "has a DOI"/"has a PMID".

    ``online_year``/``online_month`` are the online-first date (``None`` = same as print), so
    Crossref's ``issued`` is the earlier of the two. ``title_crossref`` and ``container_title``
    override the Crossref forms derived from ``title`` and ``journal``.
    """

    title: str
    journal: str
    pmid: str | None = None
    doi: str | None = None
    journal_abbrev: str | None = None
    journal_iso: str | None = None
    issn: str | None = None
    nlm_id: str | None = None
    year: int | None = None
    month: int | None = None
    volume: str | None = None
    issue: str | None = None
    first_page: str | None = None
    last_page: str | None = None
    medline_pgn: str | None = None
    authors: tuple[FakeAuthor, ...] = ()
    pub_types: tuple[str, ...] = ("Journal Article",)
    language: str | None = "eng"
    vernacular_title: str | None = None
    online_year: int | None = None
    online_month: int | None = None
    in_crossref: bool | None = None
    in_pubmed: bool | None = None
    crossref_type: str = "journal-article"
    article_number: str | None = None
    title_crossref: str | None = None
    container_title: str | None = None
    relations: Relations = field(default_factory=dict)
    kind: str = ""
    ref: int | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.in_crossref is None:
            object.__setattr__(self, "in_crossref", self.doi is not None)
        if self.in_pubmed is None:
            object.__setattr__(self, "in_pubmed", self.pmid is not None)
        if self.medline_pgn is None and self.first_page:
            object.__setattr__(
                self, "medline_pgn", abbreviate_page_range(self.first_page, self.last_page)
            )

    @property
    def effective_online(self) -> tuple[int | None, int | None]:
        """The online-first (year, month); the print date when none was registered."""
        if self.online_year is None:
            return self.year, self.month
        return self.online_year, self.online_month

    @property
    def has_online_first(self) -> bool:
        """True when an online date was registered explicitly (it may equal the print date)."""
        return self.online_year is not None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FakeWork:
        """Build a work from one JSONL object; unknown keys raise :class:`FixtureError`."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known - _IGNORED_KEYS
        if unknown:
            raise FixtureError(f"unknown keys {sorted(unknown)} in work {data.get('title')!r}")
        values = {k: v for k, v in data.items() if k in known}
        if not values.get("title") or not values.get("journal"):
            raise FixtureError(f"a work needs a title and a journal: {dict(data)!r}")
        values["authors"] = tuple(
            FakeAuthor(**{**a, "initials": a.get("initials") or ""})  # null in a few records
            for a in values.get("authors") or ()
        )
        values["pub_types"] = tuple(values.get("pub_types") or ("Journal Article",))
        values["relations"] = dict(values.get("relations") or {})
        for key in ("pmid", "volume", "issue", "first_page", "last_page"):
            if values.get(key) is not None:
                values[key] = str(values[key])
        return cls(**values)


def abbreviate_page_range(first: str, last: str | None) -> str:
    """MEDLINE's pagination form: drop the leading digits the last page shares with the first.

    >>> abbreviate_page_range("679", "695")
    '679-95'
    >>> abbreviate_page_range("1208", "1215"), abbreviate_page_range("e3722", None)
    ('1208-15', 'e3722')
    """
    if not last or last == first:
        return first
    if first.isdigit() and last.isdigit() and len(first) == len(last):
        shared = 0
        while shared < len(first) - 1 and first[shared] == last[shared]:
            shared += 1
        return f"{first}-{last[shared:]}"
    return f"{first}-{last}"


def bibliographic_text(work: FakeWork) -> str:
    """What Crossref's ``query.bibliographic`` matches: title, people, venue and numbers."""
    people = " ".join(
        f"{a.family} {a.given or a.initials} {a.collective or ''}" for a in work.authors
    )
    online_year, _ = work.effective_online
    parts = [
        work.title_crossref or work.title,
        people,
        work.container_title or work.journal,
        work.journal_abbrev or "",
        str(work.year or ""),
        str(online_year or ""),
        work.volume or "",
        work.issue or "",
        work.first_page or "",
        work.last_page or "",
        work.article_number or "",
    ]
    return " ".join(parts)


class Store:
    """All works, indexed by DOI (case-insensitive), by PMID, and by bibliographic tokens."""

    def __init__(self, works: Iterable[FakeWork]) -> None:
        self.works: tuple[FakeWork, ...] = tuple(works)
        self._by_doi: dict[str, FakeWork] = {}
        self._by_pmid: dict[str, FakeWork] = {}
        for work in self.works:
            if work.doi and work.in_crossref:
                self._by_doi.setdefault(work.doi.lower(), work)
            if work.pmid and work.in_pubmed:
                self._by_pmid.setdefault(work.pmid, work)
        self.crossref_works: tuple[FakeWork, ...] = tuple(w for w in self.works if w.in_crossref)
        self.pubmed_works: tuple[FakeWork, ...] = tuple(w for w in self.works if w.in_pubmed)
        self.bibliographic_index = Bm25Index(
            tokenize(bibliographic_text(w)) for w in self.crossref_works
        )

    @classmethod
    def from_jsonl(cls, *paths: str | Path) -> Store:
        """Load works from JSONL files, one object per non-blank line."""
        works: list[FakeWork] = []
        for path in paths:
            for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    works.append(FakeWork.from_dict(json.loads(line)))
                except (json.JSONDecodeError, TypeError) as exc:
                    raise FixtureError(f"{path}:{number}: {exc}") from exc
        return cls(works)

    def crossref_work(self, doi: str) -> FakeWork | None:
        """The Crossref-registered work with this DOI, compared case-insensitively."""
        return self._by_doi.get(doi.strip().lower())

    def pubmed_work(self, pmid: str) -> FakeWork | None:
        """The PubMed record with this PMID."""
        return self._by_pmid.get(pmid.strip())

    def search_crossref(self, query: str, limit: int) -> tuple[int, list[tuple[FakeWork, float]]]:
        """BM25-rank Crossref works for a bibliographic query: (total hits, best ``limit``)."""
        total, ranked = self.bibliographic_index.search(tokenize(query), limit)
        return total, [(self.crossref_works[doc], score) for doc, score in ranked]
