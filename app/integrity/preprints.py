"""A cited preprint that has since been published: an info finding naming the published version.

The link comes from the preprint's own record (Crossref ``relation.is-preprint-of``, PubMed
``UpdateIn`` on a record of type "Preprint") or, failing that, from another candidate found for
the same citation whose record says ``has-preprint`` the matched preprint. Example: a reference
to medRxiv 10.1101/2020.04.01.20050153 matched a preprint whose record says
``is-preprint-of 10.1056/nejmoa2012410`` -> ``preprint_published (info): a published version
exists (10.1056/nejmoa2012410)``.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.integrity.findings import finding, with_ids
from app.models import Finding, FindingKind, Match, Record, Relation, RelationKind, WorkType


def preprint_findings(record: Record, others: Iterable[Match] = ()) -> tuple[Finding, ...]:
    """The published versions of ``record`` when it is a preprint; ``others`` are the citation's
    other candidates, searched for an article that names ``record`` as its preprint."""
    published = [r for r in record.versions if r.kind is RelationKind.PUBLISHED_VERSION]
    if not published and record.work_type is WorkType.PREPRINT:
        published = [_as_version(m.record) for m in others if _has_preprint(m.record, record)]
    return tuple(
        finding(FindingKind.PREPRINT_PUBLISHED, with_ids("a published version exists", r), about=r)
        for r in published
    )


def _has_preprint(article: Record, preprint: Record) -> bool:
    return any(
        r.kind is RelationKind.PREPRINT and r.doi is not None and r.doi == preprint.doi
        for r in article.versions
    )


def _as_version(article: Record) -> Relation:
    return Relation(RelationKind.PUBLISHED_VERSION, doi=article.doi, pmid=article.pmid)
