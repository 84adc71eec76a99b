"""CrossrefClient: what it asks Crossref, and how it treats each kind of answer."""

from __future__ import annotations

import contextlib
from urllib.parse import unquote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clients import CrossrefClient, MalformedResponse, UpstreamRejected
from clients.crossref import doi_path

from .fakes import CROSSREF_BASE

ONE_WORK = {"status": "ok", "message-type": "work", "message": {"DOI": "10.1/x"}}


def work_list(*dois: str) -> dict[str, object]:
    items = [{"DOI": doi, "title": [f"Title of {doi}"]} for doi in dois]
    return {"status": "ok", "message-type": "work-list", "message": {"items": items}}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"status":"ok","message":{"DOI":"10.1/x"', id="truncated-json"),
        pytest.param(b'{"status":"ok","message-type":"work"}', id="no-message"),
        pytest.param(b'{"status":"ok","message":["10.1/x"]}', id="message-not-object"),
        pytest.param(b'{"status":"ok","message":{"title":["no DOI"]}}', id="no-doi"),
        pytest.param(b'{"status":"ok","message":{"DOI":"10.1/x","author":"Smith"}}', id="author"),
        pytest.param(b'{"status":"ok","message":{"DOI":"10.1/x","title":[{"a":1}]}}', id="title"),
        pytest.param(b'{"status":"ok","message-type":"work-list","message":{}}', id="list-type"),
        pytest.param(b"Resource not found.", id="plain-text"),
    ],
)
async def test_wrong_shaped_200_raises_malformed_response(serve, make_crossref, body):
    """A 200 whose body is not a work raises MalformedResponse, never KeyError or TypeError."""
    crossref = make_crossref(serve(httpx.Response(200, content=body)))

    with pytest.raises(MalformedResponse, match="crossref: unexpected response body"):
        await crossref.work("10.1/x")


# --- requests ------------------------------------------------------------------------------


async def test_unknown_doi_is_none(serve, make_crossref, samples):
    """A 404 on /works/{doi} (recorded: "Resource not found.") is an answer: no such work."""
    upstream = serve(samples.replay("crossref-404-unknown-doi.cassette.yaml"))

    assert await make_crossref(upstream).work("10.1371/notarealdoi") is None


async def test_rejected_request_carries_crossrefs_reason(serve, make_crossref, samples):
    """A 400 is not retried and says what Crossref objected to."""
    body = samples.response(
        "crossref-400-validation-failure-field-query-on-doi-route.json", status=400
    )
    upstream = serve(body)

    with pytest.raises(UpstreamRejected, match="field query parameters") as caught:
        await make_crossref(upstream).search("Smith 2020 Nature")
    assert (caught.value.status_code, len(upstream.requests)) == (400, 1)


async def test_polite_identification_in_user_agent_and_parameter(serve, make_crossref):
    """With a mailto, every request names it in the User-Agent and as ``mailto=``."""
    upstream = serve(httpx.Response(200, json=ONE_WORK))

    await make_crossref(upstream, mailto="team@example.org").work("10.1/x")

    request = upstream.requests[0]
    assert request.headers["user-agent"] == "refcheck/0.1 (mailto:team@example.org)"
    assert request.url.params["mailto"] == "team@example.org"


async def test_without_mailto_the_public_pool_budget_applies(serve, make_crossref):
    """No mailto: no identification is invented, and the public budget (5/s, 1/s, 1) is used."""
    upstream = serve(httpx.Response(200, json=ONE_WORK))
    crossref = make_crossref(upstream, mailto=None)

    await crossref.work("10.1/x")

    assert "mailto" not in upstream.requests[0].url.params
    assert upstream.requests[0].headers["user-agent"] == "refcheck/0.1"
    assert (crossref.budget.single_per_s, crossref.budget.list_per_s) == (5, 1)
    assert crossref.single_limiter.concurrency == 1


async def test_search_sends_bibliographic_query_and_rows(serve, make_crossref, samples):
    upstream = serve(samples.response("crossref-worklist-query-ecology-rows3-select.json"))

    works = await make_crossref(upstream).search("  Boettiger   ecology\n2012 ", rows=3)

    assert len(works) == 3
    assert upstream.params[0] == {
        "query.bibliographic": "Boettiger ecology 2012",
        "rows": "3",
        "mailto": "team@example.org",
    }
    assert upstream.requests[0].url.path == "/v1/works"


async def test_works_by_doi_batches_a_hundred_dois_per_filter(serve, make_crossref):
    """205 DOIs take three filter requests (100 + 100 + 5); results are keyed by lower-case DOI."""
    dois = [f"10.1000/ABC{i}" for i in range(205)]

    def answer(request: httpx.Request) -> httpx.Response:
        wanted = [f.removeprefix("doi:") for f in request.url.params["filter"].split(",")]
        return httpx.Response(200, json=work_list(*wanted))

    upstream = serve(answer)
    found = await make_crossref(upstream).works_by_doi(dois)

    batch_sizes = [len(p["filter"].split(",")) for p in upstream.params]
    assert batch_sizes == [100, 100, 5]
    assert [p["rows"] for p in upstream.params] == ["100", "100", "5"]
    assert set(found) == {d.lower() for d in dois}


async def test_works_by_doi_fetches_a_doi_with_a_comma_alone(serve, make_crossref):
    """A comma would split the filter list, so such a DOI goes through /works/{doi}."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/works":
            return httpx.Response(200, json=work_list("10.1/plain"))
        return httpx.Response(200, json={"status": "ok", "message": {"DOI": "10.1/a,b"}})

    upstream = serve(answer)
    found = await make_crossref(upstream).works_by_doi(["10.1/plain", "10.1/a,b"])

    assert sorted(found) == ["10.1/a,b", "10.1/plain"]
    assert upstream.requests[1].url.raw_path.startswith(b"/v1/works/10.1/a%2Cb")


# --- DOIs in the path ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doi", "path"),
    [
        pytest.param("10.1038/srep16696", "/v1/works/10.1038/srep16696", id="plain"),
        pytest.param("10.1/../../evil", "/v1/works/10.1/%2E%2E/%2E%2E/evil", id="dot-dot"),
        pytest.param("10.1/./x", "/v1/works/10.1/%2E/x", id="dot"),
        pytest.param("10.1/x@attacker.example", "/v1/works/10.1/x%40attacker.example", id="at"),
        pytest.param("10.1/a?mailto=x#frag", "/v1/works/10.1/a%3Fmailto%3Dx%23frag", id="query"),
        pytest.param("//evil.example/x", "/v1/works///evil.example/x", id="scheme-relative"),
        pytest.param("https://evil.example/", "/v1/works/https%3A//evil.example/", id="absolute"),
        pytest.param(
            "10.1002/(SICI)1:2<3::A>", "/v1/works/10.1002/%28SICI%291%3A2%3C3%3A%3AA%3E", id="sici"
        ),
    ],
)
async def test_doi_stays_inside_works_on_the_configured_host(serve, make_crossref, doi, path):
    """No DOI can change the host, add a query parameter or leave the /works/ prefix."""
    upstream = serve(httpx.Response(200, json=ONE_WORK))

    await make_crossref(upstream).work(doi)

    url = upstream.requests[0].url
    assert (url.host, url.raw_path.decode().split("?")[0]) == ("api.crossref.test", path)
    assert set(url.params) == {"mailto"}


URL_BUILDER = httpx.Client(base_url=CROSSREF_BASE, transport=httpx.MockTransport(lambda r: None))


@given(doi=st.text(min_size=1).filter(lambda s: s.strip()))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_any_doi_encodes_to_segments_below_works(doi):
    """For any text, httpx's join keeps the path below /works/ and it decodes back to the DOI."""
    encoded = doi_path(doi)

    url = URL_BUILDER.build_request("GET", f"works/{encoded}").url

    assert url.host == "api.crossref.test"
    assert url.raw_path.decode().startswith("/v1/works/")
    assert not url.query
    assert not url.fragment
    assert unquote(encoded) == doi


# --- budget --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cassette", "single", "list_", "concurrency"),
    [
        pytest.param("crossref-worklist-polite-pool-headers.cassette.yaml", 10, 3, 3, id="polite"),
        pytest.param("crossref-404-unknown-doi.cassette.yaml", 5, 1, 1, id="public-pool-404"),
        pytest.param(
            "crossref-2022-400-sample-too-large-polite-50rps.cassette.yml", 10, 3, 3,
            id="old-50-per-s-never-raises",
        ),
    ],
)  # fmt: skip
async def test_budget_follows_recorded_headers(
    serve, make_crossref, samples, cassette, single, list_, concurrency
):
    """A polite client adopts the announced limits, clamped to the published ceilings."""
    crossref: CrossrefClient = make_crossref(serve(samples.replay(cassette)))

    with contextlib.suppress(MalformedResponse):  # only the headers matter here
        await crossref.work("10.1371/notarealdoi")

    assert round(crossref.single_limiter.rate_per_s, 6) == single
    assert round(crossref.list_limiter.rate_per_s, 6) == list_
    assert crossref.single_limiter.concurrency == concurrency
