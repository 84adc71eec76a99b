"""The shared HTTP layer: retries, Retry-After, error mapping and secrets kept out of errors."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import formatdate

import httpx
import pytest

from clients import (
    ClientError,
    MalformedResponse,
    RateLimited,
    RetryPolicy,
    UpstreamRejected,
    UpstreamUnavailable,
)
from clients._http import error_for_status, upstream_detail
from clients._retry import StatusFailure, is_transient, parse_retry_after
from clients._secrets import redact_url, scrub

WORK = {"status": "ok", "message-type": "work", "message": {"DOI": "10.1/x"}}
SECRET_KEY = "s3cr3t-ncbi-key-0123456789"
NOW = datetime(2026, 6, 16, 13, 35, 12, tzinfo=UTC)


def ok() -> httpx.Response:
    return httpx.Response(200, json=WORK)


def status(code: int, **headers: str) -> httpx.Response:
    return httpx.Response(code, text=httpx.codes.get_reason_phrase(code), headers=headers)


# --- retries -------------------------------------------------------------------------------


async def test_503_then_200_is_retried_into_an_answer(serve, make_crossref):
    upstream = serve(status(503), ok())

    work = await make_crossref(upstream).work("10.1/x")

    assert work is not None
    assert len(upstream.requests) == 2


async def test_retry_after_seconds_is_the_wait_requested(serve, make_crossref, clock):
    """A 429 with ``Retry-After: 7`` makes the next attempt wait exactly 7 s (on the fake clock)."""
    upstream = serve(status(429, **{"Retry-After": "7"}), ok())

    await make_crossref(upstream).work("10.1/x")

    assert clock.sleeps == [7.0]


async def test_retry_after_http_date_is_honoured(serve, make_crossref, clock):
    """An HTTP-date Retry-After in the future is waited for (roughly its distance from now)."""
    when = datetime.now(UTC).replace(microsecond=0).timestamp() + 5
    header = httpx.Headers({"Retry-After": formatdate(when, usegmt=True)})
    upstream = serve(httpx.Response(503, headers=header), ok())

    await make_crossref(upstream).work("10.1/x")

    assert len(clock.sleeps) == 1
    assert 3.0 <= clock.sleeps[0] <= 5.0


async def test_retry_after_beyond_the_cap_stops_at_once(serve, make_crossref, clock):
    """Asked to wait longer than ``max_wait_s``, the client gives up now instead of hammering."""
    upstream = serve(status(429, **{"Retry-After": "120"}))
    retry = RetryPolicy(attempts=5, max_elapsed_s=600, max_wait_s=10, base_delay_s=0)

    with pytest.raises(RateLimited) as caught:
        await make_crossref(upstream, retry=retry).work("10.1/x")

    assert (len(upstream.requests), clock.sleeps, caught.value.retry_after_s) == (1, [], 120.0)


async def test_retries_stop_at_the_attempt_budget(serve, make_crossref):
    upstream = serve(status(503))

    with pytest.raises(UpstreamUnavailable) as caught:
        await make_crossref(upstream, retry=RetryPolicy(attempts=4, base_delay_s=0)).work("10.1/x")

    assert len(upstream.requests) == 4
    assert caught.value.reason == "crossref: 503 Service Unavailable after 4 attempts"


async def test_retries_stop_at_the_elapsed_budget(serve, make_crossref, clock):
    """With 2 s pauses and a 5 s budget, a third pause would overrun it: three attempts only."""
    upstream = serve(status(503, **{"Retry-After": "2"}))
    retry = RetryPolicy(attempts=10, max_elapsed_s=5, max_wait_s=10, base_delay_s=0)

    with pytest.raises(UpstreamUnavailable, match="after 3 attempts"):
        await make_crossref(upstream, retry=retry).work("10.1/x")

    assert (len(upstream.requests), clock.sleeps) == (3, [2.0, 2.0])


async def test_backoff_grows_exponentially_without_retry_after(serve, make_crossref, clock):
    upstream = serve(status(502))
    retry = RetryPolicy(attempts=4, max_elapsed_s=600, max_wait_s=60, base_delay_s=1.0)

    with pytest.raises(UpstreamUnavailable):
        await make_crossref(upstream, retry=retry).work("10.1/x")

    first, second, third = clock.sleeps
    assert 1.0 <= first <= 2.0
    assert 2.0 <= second <= 3.0
    assert 4.0 <= third <= 5.0


@pytest.mark.parametrize("code", [400, 401, 403, 405, 422])
async def test_other_4xx_is_rejected_without_retry(serve, make_crossref, code):
    upstream = serve(status(code))

    with pytest.raises(UpstreamRejected) as caught:
        await make_crossref(upstream).search("anything")

    assert (caught.value.status_code, len(upstream.requests)) == (code, 1)


@pytest.mark.parametrize(
    ("failure", "kind"),
    [
        pytest.param(httpx.ConnectError("refused"), "connection failed", id="connect"),
        pytest.param(httpx.ReadTimeout("slow"), "timed out", id="read-timeout"),
        pytest.param(httpx.RemoteProtocolError("eof"), "connection failed", id="protocol"),
    ],
)
async def test_transport_failures_are_retried_then_unavailable(serve, make_crossref, failure, kind):
    def fail(request: httpx.Request) -> httpx.Response:
        raise failure

    upstream = serve(fail)

    with pytest.raises(UpstreamUnavailable, match=f"crossref: {kind} .* after 3 attempts"):
        await make_crossref(upstream).work("10.1/x")

    assert len(upstream.requests) == 3


async def test_a_timeout_then_an_answer_succeeds(serve, make_crossref):
    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("slow")

    upstream = serve(fail, ok())

    assert await make_crossref(upstream).work("10.1/x") is not None


async def test_truncated_xml_is_asked_for_once_more_then_malformed(serve, make_pubmed, samples):
    whole = samples.bytes("pubmed-efetch-xml-pmids-11748933-11700088.xml")
    upstream = serve(httpx.Response(200, content=whole[: len(whole) // 2]))

    with pytest.raises(MalformedResponse, match="pubmed: unexpected response body: invalid XML"):
        await make_pubmed(upstream).efetch(["11748933"])

    assert len(upstream.requests) == 2


async def test_a_truncated_body_then_a_whole_one_is_an_answer(serve, make_pubmed, samples):
    """A body cut in transit is most often a glitch: the second asking is the answer."""
    whole = samples.bytes("pubmed-efetch-xml-pmids-11748933-11700088.xml")
    upstream = serve(
        httpx.Response(200, content=whole[: len(whole) // 2]), httpx.Response(200, content=whole)
    )

    articles = await make_pubmed(upstream).efetch(["11748933"])

    assert len(articles) == 2


async def test_a_redirect_is_not_followed(serve, make_crossref):
    """A 3xx could point anywhere; it is reported, never followed off the configured host."""
    upstream = serve(httpx.Response(302, headers={"Location": "https://evil.example/"}))

    with pytest.raises(MalformedResponse, match="302 Found"):
        await make_crossref(upstream).work("10.1/x")

    assert [r.url.host for r in upstream.requests] == ["api.crossref.test"]


# --- secrets -------------------------------------------------------------------------------


async def test_api_key_and_email_never_appear_in_errors_or_logs(serve, make_pubmed, caplog):
    """NCBI's 429 body echoes the key; neither message, URL nor log line may carry it."""
    body = {"error": "API rate limit exceeded", "api-key": SECRET_KEY, "count": "11", "limit": "10"}
    upstream = serve(httpx.Response(429, json=body))
    pubmed = make_pubmed(upstream, api_key=SECRET_KEY, email="person@example.org")

    with caplog.at_level(logging.DEBUG), pytest.raises(RateLimited) as caught:
        await pubmed.esearch("mann bj[au]")

    error = caught.value
    shown = " ".join([str(error), error.url, repr(error.args), caplog.text])
    assert "API rate limit exceeded" in str(error)
    assert SECRET_KEY not in shown
    assert "person@example.org" not in shown
    assert "api_key=REDACTED" in error.url
    assert "email=REDACTED" in error.url
    assert upstream.params[0]["api_key"] == SECRET_KEY  # ...while the request itself carries it


@pytest.mark.parametrize(
    ("url", "redacted"),
    [
        pytest.param(
            "https://e.test/esearch.fcgi?term=x&api_key=abc&email=a%40b.org&tool=refcheck",
            "https://e.test/esearch.fcgi?term=x&api_key=REDACTED&email=REDACTED&tool=refcheck",
            id="ncbi",
        ),
        pytest.param(
            "https://api.crossref.org/works?rows=5&mailto=me%40x.org",
            "https://api.crossref.org/works?rows=5&mailto=REDACTED",
            id="crossref",
        ),
        pytest.param(
            "https://api.crossref.org/works/10.1/x",
            "https://api.crossref.org/works/10.1/x",
            id="no-query",
        ),
    ],
)
def test_redact_url(url, redacted):
    assert redact_url(url) == redacted


def test_scrub_blanks_known_secret_values():
    assert scrub(f'{{"api-key":"{SECRET_KEY}"}}', [SECRET_KEY, ""]) == '{"api-key":"REDACTED"}'


# --- the mapping and classification tables ------------------------------------------------


@pytest.mark.parametrize(
    ("code", "error_type"),
    [
        pytest.param(429, RateLimited, id="429"),
        pytest.param(408, UpstreamUnavailable, id="408"),
        pytest.param(500, UpstreamUnavailable, id="500"),
        pytest.param(504, UpstreamUnavailable, id="504"),
        pytest.param(400, UpstreamRejected, id="400"),
        pytest.param(404, UpstreamRejected, id="404-where-not-an-answer"),
        pytest.param(302, MalformedResponse, id="302"),
    ],
)
def test_error_for_status_maps_each_status_to_one_error_type(code, error_type):
    error = error_for_status(code, source="crossref", url="https://api.crossref.test/works")

    assert type(error) is error_type
    assert isinstance(error, ClientError)
    assert (error.source, error.url) == ("crossref", "https://api.crossref.test/works")


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        pytest.param(StatusFailure(503, retry_after_s=None, detail=""), True, id="503"),
        pytest.param(StatusFailure(429, retry_after_s=None, detail=""), True, id="429"),
        pytest.param(StatusFailure(408, retry_after_s=None, detail=""), True, id="408"),
        pytest.param(StatusFailure(400, retry_after_s=None, detail=""), False, id="400"),
        pytest.param(StatusFailure(404, retry_after_s=None, detail=""), False, id="404"),
        pytest.param(httpx.ReadTimeout("slow"), True, id="timeout"),
        pytest.param(httpx.ConnectError("refused"), True, id="transport"),
        pytest.param(ValueError("bug"), False, id="programming-error"),
    ],
)
def test_is_transient(exc, transient):
    assert is_transient(exc) is transient


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        pytest.param("7", 7.0, id="seconds"),
        pytest.param(" 2.5 ", 2.5, id="fractional"),
        pytest.param("Tue, 16 Jun 2026 13:35:42 GMT", 30.0, id="http-date"),
        pytest.param("Tue, 16 Jun 2026 13:00:00 GMT", 0.0, id="date-in-the-past"),
        pytest.param("-3", 0.0, id="negative"),
        pytest.param("soon", None, id="garbage"),
        pytest.param(None, None, id="absent"),
    ],
)
def test_parse_retry_after(header, seconds):
    assert parse_retry_after(header, now=NOW) == seconds


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        pytest.param(
            b'{"status":"failed","message":[{"type":"x","message":"rows too large"}]}',
            "rows too large",
            id="crossref-validation",
        ),
        pytest.param(
            b'{"error":"API rate limit exceeded","count":"5"}', "API rate limit exceeded", id="ncbi"
        ),
        pytest.param(b"<html><h1>429 Too Many Requests</h1></html>", "", id="html"),
    ],
)
def test_upstream_detail(body, detail):
    assert upstream_detail(body) == detail
