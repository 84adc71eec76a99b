"""The records that came closest to a not-found reference, each with why it was rejected.

Every candidate is re-scored field by field (``app.matching.score``) so the reasons are
specific: ``10.1016/j.jss.2011.02.003: different first author (registered Tanaka); title words
absent (similarity 0.31); year far off (registered 2011, cited 2015)``.

A candidate is a *near miss* when it shares the first author and part of the title or the first
page, or the title without another first author or in the same journal: then the citation may
be a real work cited with several errors, and it is not called fabricated. A record that only
sits at the cited journal, volume and page, or only has the cited title under another first
author in another journal, does not count: invented references often borrow a real locator or
a real title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from app.matching import Agreement, Decision, Evidence, score
from app.models import Citation, Record, RejectedCandidate

# Title similarity from which two titles are one title with slips in it (see TITLE_CURVE).
SAME_TITLE: Final = 0.75
# Below this, the cited title's words are essentially absent from the record's title.
TITLE_ABSENT: Final = 0.5
_AUTHOR_KNOWN: Final = frozenset({Agreement.AGREE, Agreement.CLOSE})


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate record with the evidence of its comparison with the citation."""

    record: Record
    evidence: Evidence


def closest(citation: Citation, decision: Decision | None) -> list[Scored]:
    """The decision's closest records, re-scored, best first."""
    if decision is None:
        return []
    return [Scored(m.record, score(citation, m.record)) for m in decision.alternatives]


def is_near_miss(evidence: Evidence) -> bool:
    """True when the record could be the cited work with several errors in the citation."""
    title = evidence.title_similarity or 0.0
    author = evidence.first_author in _AUTHOR_KNOWN
    if author:
        return title >= TITLE_ABSENT or evidence.first_page is Agreement.AGREE
    other_author = evidence.first_author is Agreement.DISAGREE
    return title >= SAME_TITLE and (not other_author or evidence.journal is Agreement.AGREE)


def borrowed_title(evidence: Evidence) -> bool:
    """The record has the cited title, but another first author and another journal."""
    title = evidence.title_similarity or 0.0
    return title >= SAME_TITLE and not is_near_miss(evidence)


def rejected(citation: Citation, scored: Sequence[Scored]) -> tuple[RejectedCandidate, ...]:
    """Each candidate as the API shows it, with the reasons it is not the cited work."""
    return tuple(
        RejectedCandidate(
            doi=s.record.doi,
            pmid=s.record.pmid,
            title=s.record.title,
            confidence=round(s.evidence.confidence, 4),
            reasons=reasons(citation, s.record, s.evidence),
        )
        for s in scored
    )


def reasons(citation: Citation, record: Record, evidence: Evidence) -> tuple[str, ...]:
    """Why ``record`` is not the cited work, most telling first."""
    found: list[str] = [f"it is {evidence.rejection}"] if evidence.rejection else []
    if evidence.first_author is Agreement.DISAGREE:
        first = next((a.family for a in record.authors), None)
        found.append(f"different first author (registered {first})")
    if evidence.title_similarity is not None and evidence.title_similarity < SAME_TITLE:
        absent = "title words absent" if evidence.title_similarity < TITLE_ABSENT else "other title"
        found.append(f"{absent} (similarity {evidence.title_similarity:.2f})")
    if evidence.author_overlap is not None and evidence.author_overlap < TITLE_ABSENT:
        found.append("other cited authors absent")
    if evidence.journal is Agreement.DISAGREE:
        found.append(f"different journal (registered {record.journal})")
    if evidence.year is Agreement.DISAGREE:
        cited = f", cited {citation.year}" if citation.year else ""
        found.append(f"year far off (registered {record.year}{cited})")
    for name in ("volume", "first_page", "doi"):
        if getattr(evidence, name) is Agreement.DISAGREE:
            found.append(f"different {name.replace('_', ' ')}")
    return tuple(found) or (f"too little agrees (confidence {evidence.confidence:.2f})",)
