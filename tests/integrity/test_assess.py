"""The one entry point the pipeline calls: findings added, statuses untouched."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app import integrity
from app.integrity import assess
from app.matching import Decision
from app.models import (
    Citation,
    FindingKind,
    NotFoundKind,
    Relation,
    RelationKind,
    Result,
    Status,
)
from tests.integrity.works import (
    ARTICLE,
    ARTICLE_TEXT,
    INVENTED_TEXT,
    OTHER,
    cite,
    matched_decision,
    none_decision,
    result,
)

RETRACTED = replace(ARTICLE, updated_by=(Relation(RelationKind.RETRACTION, pmid="1"),))


def _list() -> tuple[list[Result], list[Citation], dict[int, Decision]]:
    results = [
        result(1, Status.VERIFIED, RETRACTED),
        result(2, Status.NOT_FOUND, text=INVENTED_TEXT),
        result(3, Status.MISMATCH, RETRACTED, text=ARTICLE_TEXT.replace("2018", "2017")),
    ]
    citations = [cite(r.input, r.index) for r in results]
    decisions = {
        1: matched_decision(RETRACTED),
        2: none_decision(OTHER),
        3: matched_decision(RETRACTED),
    }
    return results, citations, decisions


def test_statuses_and_order_are_unchanged() -> None:
    results, citations, decisions = _list()
    assessed = assess(results, citations, decisions)
    assert [(r.index, r.status) for r in assessed] == [(r.index, r.status) for r in results]


def test_matched_references_get_notice_and_duplicate_findings() -> None:
    assessed = assess(*_list())
    assert [f.kind for f in assessed[0].findings] == [FindingKind.RETRACTED]
    assert [f.kind for f in assessed[2].findings] == [FindingKind.RETRACTED, FindingKind.DUPLICATE]


def test_only_not_found_references_get_a_not_found_kind() -> None:
    assessed = assess(*_list())
    assert [r.not_found_kind for r in assessed] == [None, NotFoundKind.LIKELY_FABRICATED, None]
    assert assessed[1].not_found_evidence is not None


def test_a_reference_without_citation_or_decision_is_left_as_it_is() -> None:
    """A reference the parser failed on has no citation; it keeps its error status."""
    failed = result(1, Status.ERROR, text="\x00")
    assert assess([failed], [], {}) == [failed]


def test_a_bug_on_one_reference_leaves_it_unassessed_and_the_others_assessed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(integrity, "classify_not_found", broken)
    results, citations, decisions = _list()
    assessed = assess(results, citations, decisions)
    assert assessed[1] == results[1]
    assert assessed[0].findings
