"""A cited DOI registered to a different work than the citation describes."""

from __future__ import annotations

from app.integrity.cited_doi import doi_findings
from app.models import FindingKind, Severity
from tests.integrity.works import (
    ARTICLE,
    ARTICLE_TEXT,
    ERRATUM,
    INVENTED_TEXT,
    OTHER,
    cite,
    matched_decision,
    none_decision,
)


def test_a_doi_whose_record_is_another_paper_is_an_error() -> None:
    citation = cite(f"{INVENTED_TEXT} doi:{OTHER.doi}")
    [found] = doi_findings(citation, none_decision(ARTICLE, OTHER))
    assert (found.kind, found.severity, found.doi, found.pmid) == (
        FindingKind.DOI_OTHER_WORK,
        Severity.ERROR,
        OTHER.doi,
        OTHER.pmid,
    )
    assert found.message.startswith(
        f'the cited DOI {OTHER.doi} is registered to another work: "Liver transplantation for'
    )
    assert found.message.endswith('…" (Solheim, Ann Surg Oncol 2016)')  # a long title is cut


def test_a_doi_of_the_erratum_for_the_article_is_another_work() -> None:
    citation = cite(f"{ARTICLE_TEXT} doi:{ERRATUM.doi}")
    [found] = doi_findings(citation, matched_decision(ARTICLE, ERRATUM))
    assert found.doi == ERRATUM.doi


def test_a_doi_whose_record_has_the_cited_title_is_not_flagged() -> None:
    """The right work, rejected for other errors: the DOI is not what is wrong."""
    citation = cite(f"{ARTICLE_TEXT.replace('2018;268', '2011;200')} doi:{ARTICLE.doi}")
    assert doi_findings(citation, none_decision(ARTICLE)) == ()


def test_a_doi_of_the_matched_record_is_not_flagged() -> None:
    citation = cite(f"{ARTICLE_TEXT} doi:{ARTICLE.doi}")
    assert doi_findings(citation, matched_decision(ARTICLE)) == ()


def test_a_doi_no_candidate_carries_is_no_finding_here() -> None:
    """Unregistered DOIs are evidence for the not-found verdict, not a finding."""
    citation = cite(f"{INVENTED_TEXT} doi:10.1097/sla.0000000000009999")
    assert doi_findings(citation, none_decision(OTHER)) == ()


def test_a_citation_without_doi_has_no_doi_finding() -> None:
    assert doi_findings(cite(INVENTED_TEXT), none_decision(OTHER)) == ()
