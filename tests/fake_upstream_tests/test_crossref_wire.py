"""The fake Crossref speaks the recorded wire format and differs from PubMed as Crossref does."""

from __future__ import annotations

import json

import pytest

from tests.fake_upstream import Store
from tests.fake_upstream_tests.conftest import SAMPLES, ClientFactory, work

POLITE = {"mailto": "dev@example.org"}


async def test_work_fields_have_the_recorded_json_types(fake: ClientFactory) -> None:
    """Every field the fake shares with a recorded work has the same JSON type."""
    sample = json.loads((SAMPLES / "crossref-work-10.1136_jclinpath-2020-206745.json").read_text())
    async with fake() as client:
        reply = await client.get("/crossref/works/10.1016/j.cell.2006.11.001", params=POLITE)
    body = reply.json()
    assert {k: body[k] for k in ("status", "message-type", "message-version")} == {
        k: sample[k] for k in ("status", "message-type", "message-version")
    }
    shared = body["message"].keys() & sample["message"].keys()
    assert len(shared) > 30
    assert {k: type(body["message"][k]) for k in shared} == {
        k: type(sample["message"][k]) for k in shared
    }


async def test_unknown_doi_is_a_plain_text_404_with_rate_headers(fake: ClientFactory) -> None:
    async with fake() as client:
        reply = await client.get("/crossref/works/10.1371/notarealdoi")
    assert (reply.status_code, reply.text) == (404, "Resource not found.")
    assert reply.headers["content-type"].startswith("text/plain")
    assert reply.headers["x-api-pool"] == "public"


async def test_doi_lookup_ignores_case(fake: ClientFactory) -> None:
    async with fake() as client:
        reply = await client.get("/crossref/works/10.1016/J.CELL.2006.11.001")
    assert reply.json()["message"]["DOI"] == "10.1016/j.cell.2006.11.001"


async def test_doi_filter_returns_each_listed_work_with_score_zero(fake: ClientFactory) -> None:
    dois = "doi:10.1016/j.cell.2006.11.001,doi:10.1002/cncr.28743,doi:10.9999/unknown"
    async with fake() as client:
        reply = await client.get("/crossref/works", params={"filter": dois, "rows": 5})
    message = reply.json()["message"]
    assert message["total-results"] == 2
    assert sorted(i["DOI"] for i in message["items"]) == [
        "10.1002/cncr.28743",
        "10.1016/j.cell.2006.11.001",
    ]
    assert {i["score"] for i in message["items"]} == {0.0}
    assert message["query"] == {"start-index": 0, "search-terms": None}


@pytest.mark.parametrize(
    ("ref", "citation"),
    [
        pytest.param(12, "Gupta GP, Massaguè J. Cancer metastasis: building a framework. "
                     "Cell. 2009;127:679–95.", id="erratum-distractor"),
        pytest.param(46, "Huwitz H, Fehrenbacher L, Novotny W, et al. Bevacizumab in combination"
                     " with fluorouracil and leucovorin: an active regimen for first-line"
                     " metastatic colorectal cancer. J Clin Oncol. 2005;23:3502–8.",
                     id="same-author-distractor"),
        pytest.param(4, "Surgical management of noncolorectal cancer liver metastases",
                     id="title-only"),
    ],
)  # fmt: skip
async def test_bibliographic_search_ranks_the_cited_work_first(
    fake: ClientFactory, store: Store, ref: int, citation: str
) -> None:
    async with fake() as client:
        reply = await client.get(
            "/crossref/works", params={"query.bibliographic": citation, "rows": 3, **POLITE}
        )
    items = reply.json()["message"]["items"]
    assert items[0]["DOI"] == work(store, ref).doi.lower()
    assert items[0]["score"] > items[1]["score"] > 0


@pytest.mark.parametrize(
    ("params", "headers", "pool", "limit", "concurrency"),
    [
        pytest.param({"mailto": "a@b.org"}, {}, "polite", "10", "3", id="mailto-parameter"),
        pytest.param({}, {"user-agent": "refcheck/0.1 (mailto:a@b.org)"}, "polite", "10", "3",
                     id="mailto-in-user-agent"),
        pytest.param({}, {"user-agent": "refcheck/0.1"}, "public", "5", "1", id="anonymous"),
    ],
)  # fmt: skip
async def test_pool_headers_follow_the_callers_identification(
    fake: ClientFactory,
    params: dict[str, str],
    headers: dict[str, str],
    pool: str,
    limit: str,
    concurrency: str,
) -> None:
    async with fake() as client:
        reply = await client.get(
            "/crossref/works/10.1002/cncr.28743", params=params, headers=headers
        )
    assert reply.headers["x-api-pool"] == pool
    assert reply.headers["x-rate-limit-limit"] == limit
    assert reply.headers["x-rate-limit-interval"] == "1s"
    assert reply.headers["x-concurrency-limit"] == concurrency


async def test_crossref_view_differs_from_pubmed_like_the_real_sources(
    fake: ClientFactory,
) -> None:
    """No trailing period, full page range, issued = the earlier online date, title-case venue."""
    async with fake() as client:
        reply = await client.get("/crossref/works/10.1159/000111037")  # ref 57
    message = reply.json()["message"]
    assert message["title"] == [
        "Consensus guidelines for the management of patients with liver metastases from "
        "digestive neuroendocrine tumors: foregut, midgut, hindgut and unknown primary"
    ]
    assert message["page"] == "47-62"
    assert message["issued"] == {"date-parts": [[2007, 11]]}
    assert message["published-print"] == {"date-parts": [[2008, 1]]}
    assert (message["container-title"], message["short-container-title"]) == (
        ["Neuroendocrinology"],
        ["Neuroendocrinology"],
    )


async def test_raw_body_escapes_slashes_like_crossref(fake: ClientFactory) -> None:
    async with fake() as client:
        reply = await client.get("/crossref/works/10.1002/cncr.28743")
    assert '"DOI":"10.1002\\/cncr.28743"' in reply.text


@pytest.mark.parametrize(
    ("path", "params", "error_type"),
    [
        pytest.param("/crossref/works/10.1002/cncr.28743", {"query.author": "page"},
                     "parameter-not-allowed", id="field-query-on-doi-route"),
        pytest.param("/crossref/works", {"rows": "2000"}, "integer-not-valid", id="rows-too-large"),
        pytest.param("/crossref/works", {"filter": "colour:red"}, "filter-not-available",
                     id="unknown-filter"),
    ],
)  # fmt: skip
async def test_invalid_parameters_are_validation_failures(
    fake: ClientFactory, path: str, params: dict[str, str], error_type: str
) -> None:
    async with fake() as client:
        reply = await client.get(path, params=params)
    body = reply.json()
    assert (reply.status_code, body["status"], body["message-type"]) == (
        400,
        "failed",
        "validation-failure",
    )
    assert body["message"][0]["type"] == error_type


async def test_a_correction_and_its_work_point_at_each_other(fake: ClientFactory) -> None:
    """The erratum distractor is a journal-article whose update-to names the work it corrects."""
    async with fake() as client:
        original = (await client.get("/crossref/works/10.1016/j.cell.2006.11.001")).json()
        erratum = (await client.get("/crossref/works/10.1016/j.cell.2006.11.019")).json()
    assert original["message"]["updated-by"][0]["DOI"] == "10.1016/j.cell.2006.11.019"
    assert erratum["message"]["update-to"][0]["DOI"] == "10.1016/j.cell.2006.11.001"
    assert erratum["message"]["type"] == "journal-article"
    assert erratum["message"]["title"][0].startswith("Correction to:")
