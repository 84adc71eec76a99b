"""The fake upstream's contents: every corpus record, as the two registries disagree on it,
plus the distractors (see ``distractors.py``).

Source differences, drawn per record with a seeded RNG:

- about a third were published online a year before print: Crossref's ``issued`` is the
  online year, PubMed has it as ``ArticleDate``; citing either year is correct;
- Crossref holds a work only when it has a DOI; PubMed holds every record;
- BMC works (``10.1186/``) carry an article number in Crossref instead of a page;
- about one title in ten is in Title Case in Crossref (sentence case in PubMed).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from benchmarks.accuracy.corpus import CorpusRecord, first_doi, pmids_and_dois
from benchmarks.accuracy.distractors import (
    DistractorKind,
    WorkDict,
    erratum,
    preprint,
    same_author_paper,
)
from benchmarks.accuracy.identifiers import IdentifierAllocator
from tests.fake_upstream import FakeWork

ONLINE_FIRST_SHARE: Final = 1 / 3
CROSSREF_TITLE_CASE_SHARE: Final = 0.10
ERRATUM_SHARE: Final = 0.15
PREPRINT_SHARE: Final = 0.10
SAME_AUTHOR_SHARE: Final = 0.10
ARTICLE_NUMBER_PREFIXES: Final = ("10.1186/",)
_SMALL_WORDS: Final = frozenset("a an and as at by for in of on or the to with".split())


@dataclass(frozen=True, slots=True)
class FakeCorpus:
    """The works to serve, and what the benchmark must remember about them."""

    works: tuple[FakeWork, ...]
    online_years: Mapping[str, int]  # PMID -> online-first year, when it differs from print
    distractors: Mapping[str, DistractorKind]  # "doi:..." / "pmid:..." -> kind

    def distractor_kind(self, doi: str | None, pmid: str | None) -> DistractorKind | None:
        """The kind of distractor a matched record is, or None for a corpus record."""
        for key in (f"doi:{(doi or '').lower()}", f"pmid:{pmid or ''}"):
            if key in self.distractors:
                return self.distractors[key]
        return None


def title_case(title: str) -> str:
    """Crossref-style Title Case: "Acute back pain in adults." -> "Acute Back Pain in Adults"."""
    words = title.rstrip(". ").split(" ")
    return " ".join(
        w[:1].upper() + w[1:] if i == 0 or w.lower() not in _SMALL_WORDS else w
        for i, w in enumerate(words)
    )


def build_fake_corpus(records: Sequence[CorpusRecord], rng: random.Random) -> FakeCorpus:
    """Every record as a :class:`FakeWork` with its source differences, plus distractors."""
    pmids, dois = pmids_and_dois(records)
    ids = IdentifierAllocator(rng, pmids=pmids, dois=dois)
    works: list[FakeWork] = []
    online_years: dict[str, int] = {}
    distractors: dict[str, DistractorKind] = {}
    for record in records:
        extra: list[WorkDict] = []
        if rng.random() < ERRATUM_SHARE:
            extra.append(erratum(record, ids, rng))
        if rng.random() < PREPRINT_SHARE:
            extra.append(preprint(record, ids, rng))
        if rng.random() < SAME_AUTHOR_SHARE:
            extra.append(same_author_paper(record, _donor(records, record, rng), ids, rng))
        work = _registered(record, rng, notices=[w for w in extra if w["kind"] == "erratum"])
        if work.online_year is not None and work.online_year != work.year:
            online_years[str(record["pmid"])] = work.online_year
        works.append(work)
        for item in extra:
            works.append(FakeWork.from_dict(item))
            kind = DistractorKind(item["kind"])
            if item.get("doi"):
                distractors[f"doi:{str(item['doi']).lower()}"] = kind
            if item.get("pmid"):
                distractors[f"pmid:{item['pmid']}"] = kind
    return FakeCorpus(tuple(works), online_years, distractors)


def _registered(record: CorpusRecord, rng: random.Random, notices: list[WorkDict]) -> FakeWork:
    doi = first_doi(record)
    data: WorkDict = {**record, "doi": doi, "kind": "corpus"}
    if rng.random() < ONLINE_FIRST_SHARE and record.get("year"):
        data["online_year"] = int(record["year"]) - 1
        data["online_month"] = rng.randint(6, 12)
    if rng.random() < CROSSREF_TITLE_CASE_SHARE:
        data["title_crossref"] = title_case(str(record["title"]))
    if doi and doi.startswith(ARTICLE_NUMBER_PREFIXES):
        data["article_number"] = record["first_page"]
    corrections = [{"DOI": n["doi"], "type": "correction"} for n in notices if doi]
    if corrections:
        data["relations"] = {"updated-by": corrections}
    return FakeWork.from_dict(data)


def _donor(
    records: Sequence[CorpusRecord], record: CorpusRecord, rng: random.Random
) -> CorpusRecord:
    """Another record from a different journal, to lend its title and co-authors."""
    while True:
        donor = rng.choice(records)
        if donor["journal"] != record["journal"]:
            return donor
