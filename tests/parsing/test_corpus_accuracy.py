"""Real records rendered in every style and parsed back: field accuracy per style.

209 dev-corpus records (``data/dev-corpus-sample.jsonl``) are rendered by
:mod:`tests.citation_styles` with varying options (DOI or not, full or abbreviated journal,
"et al." after 3 or 6 authors or none) and parsed. A field counts as right when it equals what
was rendered: authors by folded family name and first initial, in order; title and journal
ignoring case, accents and punctuation; year, volume, issue, page range and DOI exactly.

Chicago and MLA write every author but the first as "Given Family", which cannot tell a two-word
family name from a middle name ("Mariangela Freitas Silveira"): that, not a parser fault, is why
their author accuracy is lower. Nature, Science and Elsevier print no issue, so none is read.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from app.models import Citation, Style
from app.normalize import fold, fold_alnum
from tests.citation_styles import (
    ISSUELESS_STYLES,
    JOURNAL_STYLES,
    STYLES,
    cited_authors,
    cited_journal,
    render,
)
from tests.parsing.support import SAMPLE, parse

FIELDS = ("authors", "year", "volume", "issue", "pages", "title", "journal", "doi")
# Thresholds just below what the parser reaches on this sample (measured 100 % except Chicago
# authors at 96.7 %); a drop below them is a regression.
MIN_ACCURACY = 0.99
MIN_ACCURACY_EXCEPTIONS = {("chicago", "authors"): 0.96, ("mla", "authors"): 0.96}

Record = Mapping[str, Any]
Check = Callable[[Citation, Record, Mapping[str, Any], str], bool]


def options(i: int) -> dict[str, Any]:
    """Rendering options that cycle through the combinations, deterministically."""
    return {"with_doi": i % 2 == 0, "abbreviate_journal": i % 3 != 0,
            "et_al_after": (None, 6, 3)[i % 3]}  # fmt: skip


def _authors(c: Citation, record: Record, opts: Mapping[str, Any], style: str) -> bool:
    expected = cited_authors(record, style, et_al_after=opts["et_al_after"])
    return [(fold(p.family), p.initials[:1]) for p in expected] == [
        (fold(a.family), a.initials[:1]) for a in c.authors
    ]


def _pages(c: Citation, record: Record, opts: Mapping[str, Any], style: str) -> bool:
    return c.pages is not None and (c.pages.first, c.pages.last) == (
        record["first_page"], record["last_page"],
    )  # fmt: skip


def _journal(c: Citation, record: Record, opts: Mapping[str, Any], style: str) -> bool:
    expected = cited_journal(record, style, abbreviate_journal=opts["abbreviate_journal"])
    return fold_alnum(c.journal or "") == fold_alnum(expected)


def _doi(c: Citation, record: Record, opts: Mapping[str, Any], style: str) -> bool:
    expected = (record["doi"] or "").split(";")[0].strip() or None
    return c.doi == (expected if opts["with_doi"] else None)


CHECKS: dict[str, Check] = {
    "authors": _authors,
    "year": lambda c, r, o, s: c.year == r["year"],
    "volume": lambda c, r, o, s: c.volume == r["volume"],
    "issue": lambda c, r, o, s: c.issue == (None if s in ISSUELESS_STYLES else r["issue"]),
    "pages": _pages,
    "title": lambda c, r, o, s: fold_alnum(c.title or "") == fold_alnum(r["title"]),
    "journal": _journal,
    "doi": _doi,
}


@pytest.fixture(name="records", scope="module")
def sample_records() -> list[Record]:
    with SAMPLE.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def accuracy(records: list[Record], style: str) -> dict[str, float]:
    right: Counter[str] = Counter()
    for i, record in enumerate(records):
        opts = options(i)
        citation = parse(render(record, style, **opts))
        right.update(
            field for field, check in CHECKS.items() if check(citation, record, opts, style)
        )
    return {field: right[field] / len(records) for field in FIELDS}


@pytest.mark.parametrize("style", [*STYLES, *JOURNAL_STYLES])
def test_fields_are_read_back_from_rendered_records(records: list[Record], style: str) -> None:
    measured = accuracy(records, style)
    print(f"\n{style:14} " + " ".join(f"{f}={v:.1%}" for f, v in measured.items()))
    below = {
        field: value
        for field, value in measured.items()
        if value < MIN_ACCURACY_EXCEPTIONS.get((style, field), MIN_ACCURACY)
    }
    assert below == {}


def test_the_sample_covers_both_sources_and_long_author_lists(records: list[Record]) -> None:
    assert len(records) >= 200
    assert any(str(r["first_page"]).startswith("e") for r in records)
    assert any(len(r["authors"]) > 20 for r in records)


DETECTED = {"vancouver": {Style.VANCOUVER}, "ama": {Style.AMA, Style.VANCOUVER},
            "apa": {Style.APA}, "harvard": {Style.HARVARD}, "harvard-plain": {Style.HARVARD},
            "chicago": {Style.CHICAGO}, "ieee": {Style.IEEE}, "nature": {Style.NATURE},
            "science": {Style.SCIENCE}, "springer": {Style.SPRINGER}, "elsevier": {Style.ELSEVIER},
            "elsevier-harvard": {Style.ELSEVIER_HARVARD}, "bmc": {Style.BMC}, "acs": {Style.ACS},
            "mla": {Style.MLA}}  # fmt: skip


@pytest.mark.parametrize("style", [*STYLES, *JOURNAL_STYLES])
def test_the_style_is_recognised(records: list[Record], style: str) -> None:
    """AMA differs from Vancouver only in "doi:10..." and full page ranges; without either it
    reads as Vancouver."""
    detected = [parse(render(r, style, **options(i))).style for i, r in enumerate(records)]
    assert set(detected) <= DETECTED[style]
