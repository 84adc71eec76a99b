"""Security: no request reaches another host, no secret leaks, every request is bounded."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from tests.fake_upstream import FakeConfig, FakeServer
from tests.reliability.support import (
    FAKE_HOST,
    MAILTO,
    NCBI_API_KEY,
    SECRETS,
    in_process_app,
    in_process_settings,
    running_service,
)

HOSTILE_DOIS = [
    "10.1234/../../evil",
    "10.1234/a,b/../../../evil",  # a comma keeps it out of filter lists: fetched by path
    "10.1234/@attacker.example/x",
    "10.1234/x@attacker.example",
    "10.1234/%2F..%2F..%2Fevil",
    "10.1234/x?host=evil.example#frag",
    "10.1234//evil.example/x",
]
HOSTILE_URLS = ["http://evil.example/", "//evil.example/x", "https://attacker.example@evil/"]
TITLE = "Mueller A. Involvement of chemokine receptors. Nature. 2001;410:50-6."
HOSTILE_REFERENCES = [f"{TITLE} doi:{doi}" for doi in HOSTILE_DOIS] + [
    f"{TITLE} Available from: {url}" for url in HOSTILE_URLS
]


def assert_only_the_fake_was_contacted(requests: list[httpx.Request]) -> None:
    assert requests
    for request in requests:
        url = request.url
        assert (url.scheme, url.host, url.port, url.userinfo) == ("http", FAKE_HOST, None, b"")
        assert url.raw_path.startswith((b"/crossref/works", b"/eutils/")), url
        segments = url.raw_path.split(b"?")[0].split(b"/")
        assert b".." not in segments, url
        assert b"." not in segments, url


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"references": HOSTILE_REFERENCES}, id="reference-list"),
        pytest.param({"text": "References\n" + "\n".join(HOSTILE_REFERENCES)}, id="text"),
    ],
)
async def test_no_reference_can_make_the_service_contact_another_host(
    body: dict[str, object],
) -> None:
    async with in_process_app() as api:
        reply = await api.client.post("/v1/verify?crossref_url=http://evil.example/", json=body)

    assert reply.status_code == 200
    assert_only_the_fake_was_contacted(api.upstream.requests)


async def test_a_doi_is_fetched_inside_works_with_its_dot_segments_encoded() -> None:
    async with in_process_app() as api:
        await api.client.post("/v1/verify", json={"references": HOSTILE_REFERENCES[1:2]})

    paths = [r.url.raw_path.split(b"?")[0] for r in api.upstream.requests]
    assert b"/crossref/works/10.1234/a%2Cb/%2E%2E/%2E%2E/%2E%2E/evil" in paths


async def test_secrets_never_appear_in_reports_error_reasons_or_logs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """NCBI's 429 body echoes the API key; the reasons quoting it must not."""
    faults = FakeConfig.model_validate(
        {
            "rate_limit": False,
            "pubmed": {"fault_rate": 1.0, "fault_kinds": ["rate_limited"]},
            "crossref": {"fault_rate": 1.0, "fault_kinds": ["http_503"]},
        }
    )
    settings = in_process_settings(retry_attempts=1)
    async with in_process_app(settings, fake_config=faults) as api:
        reply = await api.client.post("/v1/verify", json={"references": [TITLE]})
        invalid = await api.client.post("/v1/verify", json={"references": MAILTO})

    logs = capsys.readouterr().err
    assert reply.json()["results"][0]["status"] == "unverified"
    assert "429" in reply.json()["results"][0]["reason"]
    assert any(NCBI_API_KEY in str(r.url) for r in api.upstream.requests), "the key was sent"
    for shown in (reply.text, invalid.text, logs):
        for secret in (*SECRETS, MAILTO.replace("@", "%40")):
            assert secret not in shown


async def test_a_request_over_the_time_limit_gets_504_naming_the_limit() -> None:
    slow = FakeConfig().merged({"rate_limit": False, "latency_s": 2.0})
    settings = in_process_settings(request_timeout_s=0.3)
    async with in_process_app(settings, fake_config=slow) as api:
        reply = await api.client.post("/v1/verify", json={"references": [TITLE]})

    assert reply.status_code == 504
    assert reply.headers["content-type"] == "application/json"
    assert "limit of 0.3 s" in reply.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        pytest.param("GET", "/healthz", None, id="healthz"),
        pytest.param("GET", "/openapi.json", None, id="openapi"),
        pytest.param("POST", "/v1/verify", {"references": [TITLE]}, id="verify"),
        pytest.param("POST", "/v1/verify", {"references": 1}, id="verify-422"),
    ],
)
async def test_json_responses_say_they_are_json(
    method: str, path: str, body: object | None
) -> None:
    async with in_process_app(upstream_budgets=False) as api:
        reply = await api.client.request(method, path, json=body)

    assert reply.headers["content-type"] == "application/json"
    json.loads(reply.content)


# -- against the real service ----------------------------------------------------------------

SERVICE_ENV = {
    "REFCHECK_NCBI_API_KEY": NCBI_API_KEY,
    "REFCHECK_MAILTO": MAILTO,
    "REFCHECK_RETRY_ATTEMPTS": "2",
    "REFCHECK_RETRY_MAX_ELAPSED_S": "2",
    "REFCHECK_READ_TIMEOUT_S": "1",
}
WEINBERG = "Weinberg RA. The biology of cancer. New York: Garland Science; 2007."  # Crossref only
CHAPTER_REFERENCES = [
    "Fidler IJ. The pathogenesis of cancer metastasis: the 'seed and soil' hypothesis revisited. "
    "Nat Rev Cancer. 2003;3:453–8.",
    "Joyce JA, Pollard JW. Microenvironmental regulation of metastasis. Nat Rev Cancer. "
    "2009;9:239–52.",
    "Gupta GP, Massaguè J. Cancer metastasis: building a framework. Cell. 2009;127:679–95.",
]


@pytest.mark.e2e
def test_the_service_logs_one_json_line_per_request_with_its_id_and_no_secret(
    healthy_fake: FakeServer, tmp_path: Path
) -> None:
    healthy_fake.configure(fault_rate=0.5, fault_kinds=["rate_limited", "http_503"], seed=7)
    with running_service(healthy_fake, tmp_path / "service.log", **SERVICE_ENV) as service:
        reply = httpx.post(
            f"{service.base_url}/v1/verify",
            json={"references": CHAPTER_REFERENCES},
            headers={"x-request-id": "trace-42"},
            timeout=60,
        )
        (line,) = service.request_log("trace-42")

    assert reply.headers["x-request-id"] == "trace-42"
    assert (line["method"], line["path"], line["status"]) == ("POST", "/v1/verify", 200)
    assert {"ts", "level", "message", "duration_ms"} <= set(line)
    log_text = (tmp_path / "service.log").read_text()
    assert all(secret not in log_text for secret in SECRETS)
    assert all(secret not in reply.text for secret in SECRETS)


@pytest.mark.e2e
def test_a_burst_of_client_requests_never_exceeds_the_upstream_concurrency(
    healthy_fake: FakeServer, tmp_path: Path
) -> None:
    """20 concurrent requests share one budget: at most 3 calls in flight per upstream, no 429.

    Each request needs PubMed (ECitMatch, EFetch) and a Crossref search (the book).
    """
    with running_service(healthy_fake, tmp_path / "service.log", **SERVICE_ENV) as service:

        async def burst() -> list[httpx.Response]:
            async with httpx.AsyncClient(base_url=service.base_url, timeout=120) as client:
                body = {"references": [CHAPTER_REFERENCES[0], WEINBERG]}
                return await asyncio.gather(
                    *(client.post("/v1/verify", json=body) for _ in range(20))
                )

        replies = asyncio.run(burst())

    stats = healthy_fake.stats()
    assert [r.status_code for r in replies] == [200] * 20
    assert stats["max_in_flight"]["crossref"] <= 3
    assert stats["max_in_flight"]["pubmed"] <= 3
    assert stats["rate_limited"] == {"crossref": 0, "pubmed": 0}
