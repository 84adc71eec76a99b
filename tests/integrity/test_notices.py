"""Findings about the matched work: notices about it, or the notice cited in its place."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.integrity.notices import notice_findings
from app.models import FindingKind, Relation, RelationKind, Severity, WorkType
from tests.integrity.works import ARTICLE, ERRATUM

NOTICE = Relation(RelationKind.RETRACTION, doi="10.1016/j.cell.2021.05.030", pmid="34100001")


@pytest.mark.parametrize(
    ("kind", "finding", "severity"),
    [
        pytest.param(
            RelationKind.RETRACTION, FindingKind.RETRACTED, Severity.ERROR, id="retracted"
        ),
        pytest.param(
            RelationKind.WITHDRAWAL, FindingKind.WITHDRAWN, Severity.ERROR, id="withdrawn"
        ),
        pytest.param(
            RelationKind.EXPRESSION_OF_CONCERN,
            FindingKind.EXPRESSION_OF_CONCERN,
            Severity.WARNING,
            id="concern",
        ),
        pytest.param(RelationKind.CORRECTION, FindingKind.CORRECTED, Severity.INFO, id="corrected"),
        pytest.param(RelationKind.UPDATE, FindingKind.CORRECTED, Severity.INFO, id="updated"),
    ],
)
def test_each_notice_kind_has_its_finding_and_severity(
    kind: RelationKind, finding: FindingKind, severity: Severity
) -> None:
    record = replace(ARTICLE, updated_by=(replace(NOTICE, kind=kind),))
    [found] = notice_findings(record)
    assert (found.kind, found.severity) == (finding, severity)


def test_a_finding_names_the_notice_by_doi_pmid_and_date() -> None:
    dated = replace(NOTICE, date="2021-06-10")
    [found] = notice_findings(replace(ARTICLE, updated_by=(dated,)))
    assert (found.doi, found.pmid, found.date) == (NOTICE.doi, NOTICE.pmid, "2021-06-10")
    assert found.message == (
        "the work was retracted; retraction notice (10.1016/j.cell.2021.05.030, PMID 34100001, "
        "2021-06-10)"
    )


def test_a_flag_without_a_notice_says_the_work_is_marked() -> None:
    [found] = notice_findings(replace(ARTICLE, updated_by=(Relation(RelationKind.RETRACTION),)))
    assert found.message == "the work is marked as retracted (no notice named)"


def test_every_notice_gets_its_own_finding() -> None:
    corrections = (
        Relation(RelationKind.CORRECTION, doi="10.1/a"),
        Relation(RelationKind.CORRECTION, doi="10.1/b"),
    )
    found = notice_findings(replace(ARTICLE, updated_by=corrections))
    assert [f.doi for f in found] == ["10.1/a", "10.1/b"]


def test_an_article_without_notices_has_no_findings() -> None:
    assert notice_findings(ARTICLE) == ()


def test_a_matched_erratum_is_a_cited_notice_naming_the_article() -> None:
    [found] = notice_findings(ERRATUM)
    assert (found.kind, found.severity) == (FindingKind.CITES_NOTICE, Severity.WARNING)
    assert (found.doi, found.pmid) == (ARTICLE.doi, ARTICLE.pmid)
    assert "a correction notice itself" in found.message


def test_a_notice_known_only_by_its_title_is_still_a_cited_notice() -> None:
    notice = replace(ARTICLE, title="Retraction note: Parenchymal-sparing hepatectomy")
    [found] = notice_findings(notice)
    assert found.kind is FindingKind.CITES_NOTICE
    assert found.doi is None


def test_a_retraction_notice_is_named_as_such() -> None:
    notice = replace(ERRATUM, work_type=WorkType.RETRACTION, update_to=(NOTICE,))
    [found] = notice_findings(notice)
    assert "a retraction notice itself" in found.message
