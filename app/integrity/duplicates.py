"""The same work cited twice in one list, under different numbers.

Two references are one work when they matched the same record (same DOI or PMID), or when their
texts are near-identical: the same digits in the same order (year, volume, pages) and words
that differ only by small slips. The later reference gets a ``duplicate`` finding naming the
first one: [7] "Gupta GP. Cancer metastasis. Cell. 2006;127:679-95." and [31] "Gupta GP,
Cancer metastasis, Cell 2006;127:679-695" -> [31] duplicate of [7] (matched the same DOI).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from rapidfuzz import fuzz

from app.integrity.findings import finding
from app.models import Finding, FindingKind, Result, Status
from app.normalize import fold_alnum

# Folded texts at least this similar (token order ignored, 0..100) with the same digits are one
# reference typed twice; two papers of one series ("Part I" / "Part II") differ in more.
NEAR_IDENTICAL: Final = 95.0
# Shorter texts say too little to be called the same ("Ibid.", "Ref. 12").
MIN_TEXT_LENGTH: Final = 40
_DIGITS: Final = re.compile(r"\d+")
_MATCHED: Final = frozenset({Status.VERIFIED, Status.MISMATCH})


def duplicate_findings(results: Sequence[Result]) -> dict[int, Finding]:
    """``{index: finding}`` for every reference that repeats an earlier one."""
    first_by_id: dict[str, Result] = {}
    seen_texts: dict[tuple[str, ...], list[tuple[str, Result]]] = {}
    found: dict[int, Finding] = {}
    for result in sorted(results, key=lambda r: r.index):
        earlier = _same_record(result, first_by_id) or _same_text(result, seen_texts)
        if earlier is not None:
            found[result.index] = _finding(result, *earlier)
        for key in _record_ids(result):
            first_by_id.setdefault(key, result)
        text = fold_alnum(result.input)
        seen_texts.setdefault(_digits(text), []).append((text, result))
    return found


def _record_ids(result: Result) -> Iterator[str]:
    if result.status not in _MATCHED or result.match is None:
        return
    record = result.match.record
    if record.doi:
        yield f"doi:{record.doi.lower()}"
    if record.pmid:
        yield f"pmid:{record.pmid}"


def _same_record(result: Result, first_by_id: dict[str, Result]) -> tuple[Result, str] | None:
    for key in _record_ids(result):
        if key in first_by_id:
            kind, value = key.split(":", 1)
            return first_by_id[key], f"both matched {'PMID ' if kind == 'pmid' else ''}{value}"
    return None


def _same_text(
    result: Result, seen: dict[tuple[str, ...], list[tuple[str, Result]]]
) -> tuple[Result, str] | None:
    text = fold_alnum(result.input)
    if len(text) < MIN_TEXT_LENGTH:
        return None
    for other_text, other in seen.get(_digits(text), []):
        if len(other_text) >= MIN_TEXT_LENGTH and fuzz.token_sort_ratio(text, other_text) >= (
            NEAR_IDENTICAL
        ):
            return other, "near-identical text"
    return None


def _digits(text: str) -> tuple[str, ...]:
    return tuple(_DIGITS.findall(text))


def _finding(result: Result, earlier: Result, why: str) -> Finding:
    label = earlier.label or str(earlier.index)
    message = f"the same work is cited as reference [{label}] ({why})"
    record = result.match.record if result.match and result.status in _MATCHED else None
    return finding(
        FindingKind.DUPLICATE,
        message,
        doi=record.doi if record else None,
        pmid=record.pmid if record else None,
        related_index=earlier.index,
    )
