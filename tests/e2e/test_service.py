"""`refcheck serve` answering POST /v1/verify over real HTTP, against the fake upstream."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import CHAPTER

pytestmark = pytest.mark.e2e


def test_healthz_answers_ok(service: str) -> None:
    reply = httpx.get(f"{service}/healthz")
    assert reply.status_code == 200
    assert reply.json()["status"] == "ok"


def test_verify_text_reports_the_gupta_year(service: str) -> None:
    reply = httpx.post(f"{service}/v1/verify", json={"text": CHAPTER.read_text()}, timeout=120)
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/json"
    body = reply.json()
    assert body["summary"]["total"] == 68
    gupta = body["results"][11]
    year = next(m for m in gupta["mismatches"] if m["field"] == "year")
    assert (year["cited"], year["found"]) == ("2009", "2006")
    assert gupta["match"]["doi"] == "10.1016/j.cell.2006.11.001"


def test_verify_references_list_keeps_input_order(service: str) -> None:
    refs = [
        "Gupta GP, Massaguè J. Cancer metastasis: building a framework. Cell. 2009;127:679–95.",
        "Weinberg RA. The biology of cancer. New York: Garland Science; 2007.",
    ]
    body = httpx.post(f"{service}/v1/verify", json={"references": refs}, timeout=60).json()
    assert [r["input"] for r in body["results"]] == refs
    assert [r["status"] for r in body["results"]] == ["mismatch", "not_found"]


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param({}, id="neither-field"),
        pytest.param({"references": "not a list"}, id="wrong-type"),
        pytest.param({"references": [], "text": "x"}, id="both-fields"),
    ],
)
def test_invalid_bodies_get_422_with_a_message(service: str, payload: object) -> None:
    reply = httpx.post(f"{service}/v1/verify", json=payload)
    assert reply.status_code == 422
    assert reply.json()["detail"]


def test_invalid_json_gets_422(service: str) -> None:
    reply = httpx.post(
        f"{service}/v1/verify", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert reply.status_code == 422


def test_empty_list_gets_an_empty_result(service: str) -> None:
    body = httpx.post(f"{service}/v1/verify", json={"references": []}).json()
    assert body["results"] == []
    assert body["summary"]["total"] == 0
