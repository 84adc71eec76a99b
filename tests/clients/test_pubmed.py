"""PubMedClient: what it asks E-utilities (EFetch, ESearch), within which budget."""

from __future__ import annotations

import httpx
import pytest

from clients import MalformedResponse, PubMedClient
from clients.pubmed import parse_esearch_body

from .fakes import request_params

ESEARCH_EMPTY = b'{"esearchresult":{"count":"0","idlist":[]}}'


def efetch_reply(request: httpx.Request) -> httpx.Response:
    """An EFetch that knows every PMID it is asked for (minimal records)."""
    params = request_params(request)
    articles = "".join(
        f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article>"
        f"<ArticleTitle>Title {pmid}</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
        for pmid in params["id"].split(",")
    )
    return httpx.Response(200, content=f"<PubmedArticleSet>{articles}</PubmedArticleSet>".encode())


# --- EFetch requests -----------------------------------------------------------------------


async def test_efetch_sends_identity_and_parses_the_recorded_reply(serve, make_pubmed, samples):
    """tool, email and api_key ride on every request; the recorded headers lower nothing here."""
    upstream = serve(samples.replay("pubmed-efetch-pmid-1234567-ncbi-headers.cassette.yaml"))
    pubmed = make_pubmed(upstream, email="team@example.org", api_key="key-123")

    articles = await pubmed.efetch(["1234567"])

    assert articles["1234567"].doi == "10.1159/000398269"
    assert upstream.params[0] == {
        "db": "pubmed",
        "id": "1234567",
        "retmode": "xml",
        "rettype": "abstract",
        "tool": "refcheck",
        "email": "team@example.org",
        "api_key": "key-123",
    }


async def test_efetch_batches_200_ids_and_posts_long_lists(serve, make_pubmed):
    """450 PMIDs take three requests of at most 200; lists that long go as a POST form."""
    upstream = serve(efetch_reply)
    pmids = [str(10_000_000 + i) for i in range(450)]

    articles = await make_pubmed(upstream).efetch(pmids)

    assert [len(p["id"].split(",")) for p in upstream.params] == [200, 200, 50]
    assert [r.method for r in upstream.requests] == ["POST", "POST", "GET"]
    assert set(articles) == set(pmids)
    assert all(p["tool"] == "refcheck" for p in upstream.params)


async def test_efetch_rejects_non_numeric_ids(serve, make_pubmed):
    upstream = serve(efetch_reply)

    with pytest.raises(ValueError, match="digits"):
        await make_pubmed(upstream).efetch(["123", "PMC456"])

    assert upstream.requests == []


# --- budget --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("api_key", "cassette", "rate"),
    [
        pytest.param(
            None, "pubmed-esearch-hart-rk-author-ncbi-headers.cassette.yaml", 3, id="no-key"
        ),
        pytest.param("k", "pubmed-esearch-hart-rk-author-ncbi-headers.cassette.yaml", 10, id="key"),
        pytest.param(
            "k", "pubmed-efetch-pmid-1234567-ncbi-headers.cassette.yaml", 3, id="key-told-3"
        ),
    ],
)
async def test_rate_follows_x_ratelimit_limit_but_never_above_published(
    serve, make_pubmed, samples, api_key, cassette, rate
):
    """3/s without a key, 10/s with one; ``X-RateLimit-Limit`` may lower it, never raise it."""
    recorded = samples.replay(cassette)
    reply = httpx.Response(200, headers=recorded.headers, content=ESEARCH_EMPTY)
    pubmed: PubMedClient = make_pubmed(serve(reply), api_key=api_key)

    await pubmed.esearch("hart rk[author]")

    assert round(pubmed.limiter.rate_per_s, 6) == rate


# --- ESearch -------------------------------------------------------------------------------


async def test_esearch_reads_string_numbers_and_sends_relevance_json(serve, make_pubmed, samples):
    upstream = serve(samples.response("pubmed-esearch-json-darwin-au.json"))

    pmids = await make_pubmed(upstream).esearch("Darwin[au]", retmax=20)

    assert pmids[:2] == ["36374290", "36370080"]
    assert len(pmids) == 20
    sent = upstream.params[0]
    assert (sent["retmode"], sent["sort"], sent["retmax"], sent["term"]) == (
        "json",
        "relevance",
        "20",
        "Darwin[au]",
    )


@pytest.mark.parametrize(
    ("body", "pmids"),
    [
        pytest.param(ESEARCH_EMPTY, [], id="no-hits"),
        pytest.param(b'{"esearchresult":{"ERROR":"Invalid query"}}', [], id="error-no-ids"),
        pytest.param(
            b'{"esearchresult":{"count":"1","idlist":[123],'
            b'"errorlist":{"phrasesnotfound":["zz"]}}}',
            ["123"],
            id="number-id-with-error-list",
        ),
    ],
)
def test_esearch_body_variants(body, pmids):
    assert parse_esearch_body(body) == pmids


@pytest.mark.parametrize(
    "sample",
    [
        pytest.param("pubmed-esearch-xml-no-results-phrase-not-found.xml", id="xml-reply"),
        pytest.param("pubmed-esummary-json-pmid-28806736.json", id="esummary-reply"),
    ],
)
async def test_esearch_reply_of_another_shape_is_malformed(serve, make_pubmed, samples, sample):
    """A real E-utilities body that is not ESearch JSON (XML, ESummary) is not taken as no hits."""
    upstream = serve(samples.response(sample))

    with pytest.raises(MalformedResponse):
        await make_pubmed(upstream).esearch("abcXYZ")
