"""ECitMatch's line format: one citation in, the same line with a PMID appended out.

NCBI's format is ``journal|year|volume|first_page|author|key|``, citations joined by a carriage
return. The reply echoes each line and appends the result, for example
``proc natl acad sci u s a|1991|88|3248|mann bj|citation_1|2014248``. A miss ends in
``NOT_FOUND`` or ``NOT_FOUND;INVALID_JOURNAL``, a tie in ``AMBIGUOUS (5 citations)``.
Lines are matched back by ``key``, never by position, and a result counts as a PMID only if
it is all digits.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from clients._shape import ShapeError

CitMatchStatus = Literal["found", "not_found", "ambiguous"]


@dataclass(frozen=True, slots=True)
class CitMatchQuery:
    """One citation to match; ``key`` is the caller's label, echoed back by NCBI.

    ``CitMatchQuery("ref-12", "proc natl acad sci u s a", "1991", "88", "3248", "mann bj")``
    """

    key: str
    journal: str | None = None
    year: str | None = None
    volume: str | None = None
    first_page: str | None = None
    author: str | None = None  # "surname initials": "mann bj"


@dataclass(frozen=True, slots=True)
class CitMatchResult:
    """What NCBI answered for one key: ``CitMatchResult("ref-12", "2014248", "found")``."""

    key: str
    pmid: str | None
    status: CitMatchStatus


def clean_field(value: str | None) -> str:
    """A field safe for one bdata line: ``|``, CR and LF become spaces, whitespace is folded."""
    return " ".join((value or "").replace("|", " ").split())


def citmatch_line(query: CitMatchQuery) -> str:
    """``journal|year|volume|first_page|author|key|``, with all six pipes even for empty fields."""
    fields = (query.journal, query.year, query.volume, query.first_page, query.author, query.key)
    return "|".join(clean_field(f) for f in fields) + "|"


def checked_keys(queries: Sequence[CitMatchQuery]) -> list[str]:
    """The cleaned keys, refusing empty or duplicate ones (replies are matched by key)."""
    keys = [clean_field(q.key) for q in queries]
    if any(not key for key in keys) or len(set(keys)) != len(keys):
        raise ValueError("every ECitMatch query needs a distinct, non-empty key")
    return keys


def parse_citmatch_body(body: bytes, keys: Collection[str]) -> dict[str, CitMatchResult]:
    """Read ECitMatch's reply into ``{key: result}``; keys with no line in the reply are not found.

    A non-empty request whose reply echoes none of its keys is not an ECitMatch reply at all.
    """
    results: dict[str, CitMatchResult] = {}
    for line in body.decode("utf-8", errors="replace").splitlines():
        fields = [f.strip() for f in line.split("|")]
        at = next((i for i in range(len(fields) - 1, -1, -1) if fields[i] in keys), None)
        if at is None:
            continue
        answer = next((f for f in reversed(fields[at + 1 :]) if f), "")
        results[fields[at]] = _result(fields[at], answer)
    if keys and not results:
        raise ShapeError("the ECitMatch reply echoes none of the submitted keys")
    return {key: results.get(key, CitMatchResult(key, None, "not_found")) for key in keys}


def _result(key: str, answer: str) -> CitMatchResult:
    if answer.isdigit():
        return CitMatchResult(key, answer, "found")
    if answer.upper().startswith("AMBIGUOUS"):
        return CitMatchResult(key, None, "ambiguous")
    return CitMatchResult(key, None, "not_found")
