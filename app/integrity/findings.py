"""How much each kind of integrity finding matters, and the one way findings are made.

The severities follow the editorial weight of each finding. A CI check (``refcheck check``)
fails on findings at or above its ``--fail-on`` level: by default (``warning``) on every error
and warning below; with ``--fail-on error`` on the errors only; info never fails.

========================  =========  ==========================================================
kind                      severity   why
========================  =========  ==========================================================
retracted                 error      the cited work is no longer part of the literature
withdrawn                 error      the publisher removed it; cite the replacement, if any
doi_other_work            error      the DOI leads readers to a different paper
expression_of_concern     warning    the work stands, but its reliability is in question
cites_notice              warning    the reference names the notice, not the article meant
duplicate                 warning    one work under two numbers: renumber the list
corrected                 info       a correction exists; the article may still be cited
preprint_published        info       cite the published version where possible
========================  =========  ==========================================================
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from app.models import Finding, FindingKind, Relation, Severity

SEVERITIES: Final = MappingProxyType(
    {
        FindingKind.RETRACTED: Severity.ERROR,
        FindingKind.WITHDRAWN: Severity.ERROR,
        FindingKind.DOI_OTHER_WORK: Severity.ERROR,
        FindingKind.EXPRESSION_OF_CONCERN: Severity.WARNING,
        FindingKind.CITES_NOTICE: Severity.WARNING,
        FindingKind.DUPLICATE: Severity.WARNING,
        FindingKind.CORRECTED: Severity.INFO,
        FindingKind.PREPRINT_PUBLISHED: Severity.INFO,
    }
)


def finding(
    kind: FindingKind,
    message: str,
    *,
    about: Relation | None = None,
    doi: str | None = None,
    pmid: str | None = None,
    related_index: int | None = None,
) -> Finding:
    """A finding of ``kind`` at its documented severity; ``about`` supplies DOI, PMID and date.

    >>> finding(FindingKind.CORRECTED, "a correction was published").severity
    <Severity.INFO: 'info'>
    """
    return Finding(
        kind=kind,
        severity=SEVERITIES[kind],
        message=message,
        doi=doi or (about.doi if about else None),
        pmid=pmid or (about.pmid if about else None),
        date=about.date if about else None,
        related_index=related_index,
    )


def describe(relation: Relation) -> str:
    """A related work's identifiers and date: "10.1000/x, PMID 123, 2012-05-08"; "" if unknown."""
    parts = [relation.doi, f"PMID {relation.pmid}" if relation.pmid else None, relation.date]
    return ", ".join(p for p in parts if p)


def with_ids(text: str, relation: Relation | None) -> str:
    """``text`` followed by the related work's identifiers in brackets, when there are any."""
    ids = describe(relation) if relation is not None else ""
    return f"{text} ({ids})" if ids else text
