"""A cited preprint that has a published version gets an info finding naming it."""

from __future__ import annotations

from dataclasses import replace

from app.integrity.preprints import preprint_findings
from app.models import FindingKind, Match, Relation, RelationKind, Severity
from tests.integrity.works import ARTICLE, PREPRINT, PUBLISHED

LINKED = replace(PREPRINT, versions=(Relation(RelationKind.PUBLISHED_VERSION, doi=PUBLISHED.doi),))


def test_a_preprint_linked_to_its_article_names_the_published_doi() -> None:
    [found] = preprint_findings(LINKED)
    assert (found.kind, found.severity, found.doi) == (
        FindingKind.PREPRINT_PUBLISHED,
        Severity.INFO,
        PUBLISHED.doi,
    )
    assert found.message == f"a published version exists ({PUBLISHED.doi})"


def test_an_article_among_the_candidates_that_names_the_preprint_is_its_published_version() -> None:
    [found] = preprint_findings(PREPRINT, [Match(ARTICLE, 0.7), Match(PUBLISHED, 0.7)])
    assert (found.doi, found.pmid) == (PUBLISHED.doi, PUBLISHED.pmid)


def test_a_preprint_without_a_known_version_has_no_finding() -> None:
    assert preprint_findings(PREPRINT, [Match(ARTICLE, 0.7)]) == ()


def test_an_article_is_not_a_preprint() -> None:
    assert preprint_findings(PUBLISHED) == ()
