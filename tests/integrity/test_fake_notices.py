"""The fake upstream renders notices the way Crossref and PubMed do (fixture data of issue 8)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.fake_upstream.crossref_render import work_message
from tests.fake_upstream.efetch_render import pubmed_article_set
from tests.fake_upstream.store import FakeWork, Store

WORKS = Path(__file__).resolve().parents[1] / "data" / "integrity" / "works.jsonl"


@pytest.fixture(name="store", scope="module")
def fixture_store() -> Store:
    return Store.from_jsonl(WORKS)


def _work(store: Store, kind: str) -> FakeWork:
    return next(w for w in store.works if w.kind == kind)


def _links(work: FakeWork) -> list[tuple[str, str]]:
    root = etree.fromstring(pubmed_article_set([work]))
    return [
        (str(cc.get("RefType")), str(cc.findtext("PMID")))
        for cc in root.iterfind(".//CommentsCorrections")
    ]


def test_crossref_updated_by_has_the_sample_shape_with_the_notice_date(store: Store) -> None:
    message: dict[str, Any] = work_message(_work(store, "retracted-article"), score=1.0)
    [update] = message["updated-by"]
    assert update["DOI"] == "10.1016/j.cell.2021.05.030"
    assert (update["type"], update["label"], update["source"]) == (
        "retraction",
        "Retraction",
        "retraction-watch",
    )
    assert update["updated"]["date-parts"] == [[2021, 6, 10]]
    assert update["updated"]["date-time"] == "2021-06-10T00:00:00Z"


def test_crossref_relation_links_a_preprint_to_its_article(store: Store) -> None:
    message = work_message(_work(store, "preprint"), score=1.0)
    assert message["relation"] == {
        "is-preprint-of": [
            {"id-type": "doi", "id": "10.1038/s41591-021-01234-5", "asserted-by": "subject"}
        ]
    }
    assert json.dumps(message)  # renderable


@pytest.mark.parametrize(
    ("kind", "links"),
    [
        pytest.param("retracted-article", [("RetractionIn", "34100001")], id="retraction-in"),
        pytest.param("retraction-notice", [("RetractionOf", "31000001")], id="retraction-of"),
        pytest.param("concern-article", [("ExpressionOfConcernIn", "35000003")], id="concern-in"),
        pytest.param("corrected-article", [("ErratumIn", "30600005")], id="erratum-in"),
        pytest.param("erratum", [("ErratumFor", "29000004")], id="erratum-for"),
        pytest.param("withdrawn-article", [], id="doi-only-notice"),
    ],
)
def test_efetch_comments_corrections_use_pubmed_ref_types(
    store: Store, kind: str, links: list[tuple[str, str]]
) -> None:
    assert _links(_work(store, kind)) == links


def test_efetch_renders_the_retracted_publication_type(store: Store) -> None:
    root = etree.fromstring(pubmed_article_set([_work(store, "retracted-article")]))
    types = [(t.text, t.get("UI")) for t in root.iterfind(".//PublicationType")]
    assert ("Retracted Publication", "D016441") in types
