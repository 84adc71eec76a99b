"""Findings about the matched work itself: retracted, withdrawn, under concern, corrected, or a
notice cited in place of the article.

They come from the relations ``app.records`` carries on the record: Crossref ``updated-by`` /
``update-to``, PubMed ``CommentsCorrections`` (``RetractionIn``, ``ErratumIn``,
``ExpressionOfConcernIn``, ``UpdateIn``), the PubMed type "Retracted Publication" and a
publisher's in-place mark ("RETRACTED: <title>"). For example a record with
``updated_by=(Relation(RETRACTION, doi="10.1038/nature13598"),)`` yields ``retracted (error):
the work was retracted; retraction notice (10.1038/nature13598)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType
from typing import Final

from app.integrity.findings import describe, finding, with_ids
from app.models import Finding, FindingKind, Record, Relation, RelationKind, WorkType
from app.records import is_notice_title

# What a notice about the cited work means for it, and how the finding says so.
_NOTICE_FINDINGS: Final = MappingProxyType(
    {
        RelationKind.RETRACTION: (
            FindingKind.RETRACTED,
            "the work was retracted; retraction notice",
        ),
        RelationKind.WITHDRAWAL: (FindingKind.WITHDRAWN, "the work was withdrawn; notice"),
        RelationKind.EXPRESSION_OF_CONCERN: (
            FindingKind.EXPRESSION_OF_CONCERN,
            "an expression of concern was published about the work",
        ),
        RelationKind.CORRECTION: (FindingKind.CORRECTED, "a correction was published"),
        RelationKind.UPDATE: (FindingKind.CORRECTED, "an updated version was published"),
    }
)
# Said instead when the registry flags the work without naming the notice.
_FLAGGED: Final = MappingProxyType(
    {
        RelationKind.RETRACTION: "the work is marked as retracted (no notice named)",
        RelationKind.WITHDRAWAL: "the work is marked as withdrawn (no notice named)",
    }
)
_NOTICE_NAMES: Final = MappingProxyType(
    {
        RelationKind.RETRACTION: "a retraction notice",
        RelationKind.WITHDRAWAL: "a withdrawal notice",
        RelationKind.EXPRESSION_OF_CONCERN: "an expression of concern",
        RelationKind.CORRECTION: "a correction notice",
    }
)


def notice_findings(record: Record) -> tuple[Finding, ...]:
    """Every notice about ``record``, or a ``cites_notice`` finding when it is a notice itself.

    One finding per notice: an article corrected twice gets two ``corrected`` findings.
    """
    if is_notice(record):
        return (_cites_notice(record),)
    return tuple(_about(relation) for relation in record.updated_by)


def is_notice(record: Record) -> bool:
    """A correction, retraction or concern notice rather than an article."""
    return (
        record.work_type in (WorkType.ERRATUM, WorkType.RETRACTION)
        or any(r.kind in _NOTICE_NAMES for r in record.update_to)
        or is_notice_title(record.title or "")
    )


def _about(relation: Relation) -> Finding:
    kind, text = _NOTICE_FINDINGS[relation.kind]
    if not (relation.doi or relation.pmid) and relation.kind in _FLAGGED:
        return finding(kind, _FLAGGED[relation.kind], about=relation)
    return finding(kind, with_ids(text, relation), about=relation)


def _cites_notice(record: Record) -> Finding:
    """The reference matched the notice; the finding names the article it is about."""
    target = next(_targets(record), None)
    kind_name = _NOTICE_NAMES.get(target.kind if target else _kind_of(record), "a notice")
    ids = describe(target) if target is not None else ""
    article = f"the article it concerns ({ids})" if ids else "the article it concerns"
    message = f"this reference is {kind_name} itself; cite {article}"
    return finding(FindingKind.CITES_NOTICE, message, about=target)


def _targets(record: Record) -> Iterator[Relation]:
    return (r for r in record.update_to if r.kind in _NOTICE_NAMES)


def _kind_of(record: Record) -> RelationKind:
    if record.work_type is WorkType.RETRACTION:
        return RelationKind.RETRACTION
    return RelationKind.CORRECTION
