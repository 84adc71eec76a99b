"""Generate a benchmark: the fake registries' contents and the labelled references, from a seed.

Pure and deterministic: the same records, ``n`` and ``seed`` give the same store and the same
reference strings, byte for byte. The store always holds every corpus record (and all
distractors), whatever ``n`` is, so a sample searches the same haystack as the full run::

    bench = generate(load_records(), n=300, seed=7)
    # 600 real citations (300 records, each in a base and a journal style), ~60 fabricated,
    # ~18 non-article, shuffled together
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from benchmarks.accuracy.cases import Case
from benchmarks.accuracy.citations import BASE_STYLES, real_citation
from benchmarks.accuracy.corpus import CorpusRecord
from benchmarks.accuracy.fabricated import fabricated_citation
from benchmarks.accuracy.fake_store import FakeCorpus, build_fake_corpus
from benchmarks.accuracy.identifiers import IdentifierAllocator
from benchmarks.accuracy.non_articles import KINDS, non_article_citation
from tests.citation_styles import JOURNAL_STYLES

FABRICATED_SHARE: Final = 0.10  # per real citation
NON_ARTICLE_SHARE: Final = 0.06


@dataclass(frozen=True, slots=True)
class Benchmark:
    """Everything one run needs: what the fake serves and what is cited."""

    corpus: FakeCorpus
    cases: tuple[Case, ...]
    seed: int


def generate(records: Sequence[CorpusRecord], *, n: int | None = None, seed: int = 7) -> Benchmark:
    """``n`` records (all when None) cited twice, plus fabricated and non-article references."""
    corpus = build_fake_corpus(records, random.Random(f"{seed}:store"))
    rng = random.Random(f"{seed}:citations")
    chosen = list(records) if n is None or n >= len(records) else rng.sample(list(records), n)
    ids = IdentifierAllocator(
        random.Random(f"{seed}:identifiers"),
        pmids=[w.pmid for w in corpus.works if w.pmid],
        dois=[w.doi for w in corpus.works if w.doi],
    )
    cases = _cited(chosen, BASE_STYLES, rng, corpus=corpus, pool=records, ids=ids)
    for i in range(max(4, round(len(chosen) * NON_ARTICLE_SHARE))):
        cases.append(non_article_citation(0, KINDS[i % len(KINDS)], rng, pool=records))
    # The journal styles draw from their own stream: the base-style citations stay as they were.
    journal_rng = random.Random(f"{seed}:journal-styles")
    cases += _cited(chosen, JOURNAL_STYLES, journal_rng, corpus=corpus, pool=records, ids=ids)

    rng.shuffle(cases)  # every chunk of a run then mixes styles and categories
    numbered = tuple(replace(case, index=i) for i, case in enumerate(cases, 1))
    return Benchmark(corpus=corpus, cases=numbered, seed=seed)


def _cited(
    chosen: Sequence[CorpusRecord],
    styles: Sequence[str],
    rng: random.Random,
    *,
    corpus: FakeCorpus,
    pool: Sequence[CorpusRecord],
    ids: IdentifierAllocator,
) -> list[Case]:
    """Every chosen record cited once, ``styles`` rotating, and fabricated references beside."""
    cases: list[Case] = []
    for i, record in enumerate(chosen):
        online_year = corpus.online_years.get(str(record["pmid"]))
        style = styles[i % len(styles)]
        cases.append(real_citation(0, record, style, rng, pool=pool, online_year=online_year))
    for i in range(max(3, round(len(chosen) * FABRICATED_SHARE))):
        cases.append(fabricated_citation(0, styles[i % len(styles)], rng, pool=pool, ids=ids))
    return cases
