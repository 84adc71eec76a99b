"""Labelled citations of real records in fourteen styles and BibTeX, half with injected errors.

Each record is cited twice: once in a base style (vancouver, ama, apa, harvard, chicago, ieee
and BibTeX entries, read through the BibTeX loader field by field, as `refcheck check refs.bib`
reads them) and once in a journal house style of :data:`tests.citation_styles.JOURNAL_STYLES`
(nature, science, springer, elsevier, elsevier-harvard, bmc, acs, mla), each rotating. Each citation
independently shows its DOI or not (half the time), cuts its author list with the style's "et
al." rule or lists everyone (half), and abbreviates the journal or spells it out (half). A
clean citation of a work published online a year before print cites the online year a third of
the time: that is correct and must not be flagged. The rest carry one error (two in a third of
cases) on distinct fields, drawn so that each kind is injected about equally often overall.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Final

from benchmarks.accuracy.cases import (
    FIELD_OF,
    Case,
    Category,
    ErrorKind,
    InjectedError,
    RenderOptions,
)
from benchmarks.accuracy.corpus import CorpusRecord, first_doi
from benchmarks.accuracy.errors import Draft, InjectionContext, inject
from tests.citation_styles import JOURNAL_STYLES, render

# Every record is cited once in a base style (the rotation the documented figures were first
# measured on) and once more in a journal house style, so each style gets ~200 citations.
BASE_STYLES: Final = ("vancouver", "ama", "apa", "harvard", "chicago", "ieee", "bibtex")
STYLES: Final = (*BASE_STYLES[:-1], *JOURNAL_STYLES, "bibtex")
# Each style's usual "et al." rule: Vancouver/NLM lists six, AMA three when there are more than
# six, Harvard three, Chicago seven, IEEE one; APA 7 lists up to 20 (the renderer's own rule).
# Nature cuts after five, Elsevier and Springer after three, MLA after the first; Science, BMC
# and ACS usually list everyone (ten here).
ET_AL_AFTER: Final[Mapping[str, int | None]] = {
    "vancouver": 6,
    "ama": 3,
    "apa": None,
    "harvard": 3,
    "chicago": 7,
    "ieee": 1,
    "nature": 5,
    "science": 10,
    "springer": 3,
    "elsevier": 3,
    "elsevier-harvard": 3,
    "bmc": 10,
    "acs": 10,
    "mla": 1,
    "bibtex": 10,  # reference managers export full lists; some cut with "and others"
}
CLEAN_SHARE: Final = 0.5
TWO_ERRORS_SHARE: Final = 1 / 3
ONLINE_YEAR_SHARE: Final = 1 / 3
# Few records have room for some errors (15 % have a last page, 62 % an issue): those kinds are
# tried first more often, so that every kind is injected about equally often.
KIND_WEIGHTS: Final[Mapping[ErrorKind, float]] = {ErrorKind.LAST_PAGE: 12.0, ErrorKind.ISSUE: 1.5}


def error_order(rng: random.Random) -> list[ErrorKind]:
    """Every error kind in a random order weighted by :data:`KIND_WEIGHTS` (default 1).

    Sorting by ``u ** (1 / weight)`` draws a weighted permutation (Efraimidis and Spirakis).
    """
    keys = {k: rng.random() ** (1 / KIND_WEIGHTS.get(k, 1.0)) for k in ErrorKind}
    return sorted(ErrorKind, key=lambda k: -keys[k])


def render_options(style: str, record: CorpusRecord, rng: random.Random) -> RenderOptions:
    """Random but style-true options: DOI shown or not, et al. or full list, journal form."""
    return RenderOptions(
        style=style,
        with_doi=first_doi(record) is not None and rng.random() < 0.5,
        et_al_after=ET_AL_AFTER[style] if rng.random() < 0.5 else None,
        abbreviate_journal=rng.random() < 0.5,
    )


def real_citation(
    index: int,
    record: CorpusRecord,
    style: str,
    rng: random.Random,
    *,
    pool: Sequence[CorpusRecord],
    online_year: int | None,
) -> Case:
    """One citation of ``record`` in ``style``: clean, or with one or two labelled errors."""
    draft = Draft(record, render_options(style, record, rng))
    errors: list[InjectedError] = []
    if rng.random() < CLEAN_SHARE:
        if online_year is not None and rng.random() < ONLINE_YEAR_SHARE:
            cited = {**record, "year": online_year, "month": None}
            draft = Draft(cited, replace(draft.options, cites_online_year=True))
    else:
        wanted = 2 if rng.random() < TWO_ERRORS_SHARE else 1
        context = InjectionContext(rng=rng, pool=pool, online_year=online_year)
        for kind in error_order(rng):
            if len(errors) == wanted:
                break
            if any(FIELD_OF[e.kind] == FIELD_OF[kind] for e in errors):
                continue
            injected = inject(kind, draft, context)
            if injected is not None:
                draft, error = injected
                errors.append(error)
    return Case(
        index=index,
        text=_render(draft),
        category=Category.REAL,
        style=style,
        pmid=str(record["pmid"]),
        doi=first_doi(record),
        errors=tuple(errors),
        options=draft.options,
    )


def _render(draft: Draft) -> str:
    options = draft.options
    return render(
        draft.record,
        options.style,
        with_doi=options.with_doi,
        et_al_after=options.et_al_after,
        abbreviate_journal=options.abbreviate_journal,
    )
