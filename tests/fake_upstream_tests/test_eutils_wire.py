"""The fake E-utilities answer in the recorded wire formats."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.fake_upstream import Store
from tests.fake_upstream_tests.conftest import ClientFactory, work


async def test_efetch_pmid_is_a_direct_child_and_reference_ids_are_a_trap(
    fake: ClientFactory,
) -> None:
    """The article's own PMID/DOI sit at fixed paths; ``.//ArticleId`` also finds cited works."""
    async with fake() as client:
        reply = await client.post(
            "/eutils/efetch.fcgi", data={"db": "pubmed", "id": "17110329", "retmode": "xml"}
        )
    assert reply.headers["content-type"] == "text/xml; charset=UTF-8"
    root = etree.fromstring(reply.content)
    article = root.find("PubmedArticle")
    assert article is not None
    assert article.findtext("MedlineCitation/PMID") == "17110329"
    own = article.findall("PubmedData/ArticleIdList/ArticleId[@IdType='doi']")
    everywhere = article.findall(".//ArticleId[@IdType='doi']")
    assert [e.text for e in own] == ["10.1016/j.cell.2006.11.001"]
    assert len(everywhere) > len(own)
    assert len(article.findall(".//PMID")) > 1  # CommentsCorrections names the erratum


async def test_efetch_carries_pubmed_forms_of_pages_title_and_dates(fake: ClientFactory) -> None:
    """Abbreviated MedlinePgn beside full pages, a title with its period, a month name."""
    async with fake() as client:
        reply = await client.get("/eutils/efetch.fcgi", params={"id": "17110329"})
    article = etree.fromstring(reply.content).find("PubmedArticle/MedlineCitation/Article")
    assert article is not None
    assert [
        article.findtext(f"Pagination/{t}") for t in ("StartPage", "EndPage", "MedlinePgn")
    ] == [
        "679",
        "695",
        "679-95",
    ]
    assert article.findtext("ArticleTitle") == "Cancer metastasis: building a framework."
    assert article.findtext("Journal/JournalIssue/PubDate/Month") == "Nov"


async def test_efetch_shows_online_first_dates_as_article_date(
    fake: ClientFactory, store: Store
) -> None:
    async with fake() as client:
        reply = await client.get("/eutils/efetch.fcgi", params={"id": work(store, 57).pmid})
    article = etree.fromstring(reply.content).find("PubmedArticle/MedlineCitation/Article")
    assert article is not None
    assert article.get("PubModel") == "Print-Electronic"
    assert article.findtext("Journal/JournalIssue/PubDate/Year") == "2008"
    assert article.findtext("ArticleDate[@DateType='Electronic']/Year") == "2007"


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        pytest.param("cell|2009|127|679|gupta gp|ref12|", "17110329", id="wrong-year-still-found"),
        pytest.param("Ann Surg|2004|240|644|Adam R|ref38|", "{38}", id="distractor-on-other-pages"),
        pytest.param("ann surg|2004|240||adam r|k|", "AMBIGUOUS (2 citations)", id="no-page"),
        pytest.param("cell|2006|128|679|gupta gp|k|", "NOT_FOUND", id="wrong-volume"),
        pytest.param("Journal of Nothing|2006|1|1|x|k|", "NOT_FOUND;INVALID_JOURNAL",
                     id="unknown-journal"),
    ],
)  # fmt: skip
async def test_ecitmatch_echoes_each_line_and_appends_the_answer(
    fake: ClientFactory, store: Store, line: str, answer: str
) -> None:
    expected = answer.replace("{38}", work(store, 38).pmid)
    async with fake() as client:
        reply = await client.get("/eutils/ecitmatch.cgi", params={"db": "pubmed", "bdata": line})
    assert reply.text == f"{line}{expected}\n"


async def test_ecitmatch_accepts_cr_and_lf_between_citations(fake: ClientFactory) -> None:
    bdata = "cell|2006|127|679|gupta gp|a|\rcell|2006|127|679|gupta gp|b|\ncell|2006|1|1||c|"
    async with fake() as client:
        reply = await client.post("/eutils/ecitmatch.cgi", data={"bdata": bdata})
    assert [line.split("|")[5:] for line in reply.text.splitlines()] == [
        ["a", "17110329"],
        ["b", "17110329"],
        ["c", "NOT_FOUND"],
    ]


async def test_esearch_json_counts_are_strings(fake: ClientFactory) -> None:
    params = {"term": "gupta gp[au] AND cell[ta] AND 2006[dp]", "retmode": "json"}
    async with fake() as client:
        reply = await client.get("/eutils/esearch.fcgi", params=params)
    result = reply.json()["esearchresult"]
    assert (result["count"], result["retmax"], result["retstart"]) == ("2", "2", "0")
    assert sorted(result["idlist"]) == ["17110329", "98990017"]


async def test_esearch_without_hits_names_the_phrase_not_found(fake: ClientFactory) -> None:
    async with fake() as client:
        reply = await client.get("/eutils/esearch.fcgi", params={"term": "abcXYZ"})
    root = etree.fromstring(reply.content)
    assert root.findtext("Count") == "0"
    assert root.findtext("ErrorList/PhraseNotFound") == "abcXYZ"
    assert root.findtext("WarningList/OutputMessage") == "No items found."


async def test_esummary_reports_unknown_uids_inside_the_result(fake: ClientFactory) -> None:
    params = {"id": "17110329,1", "retmode": "json"}
    async with fake() as client:
        reply = await client.get("/eutils/esummary.fcgi", params=params)
    result = reply.json()["result"]
    assert result["uids"] == ["17110329", "1"]
    assert (result["17110329"]["source"], result["17110329"]["pages"]) == ("Cell", "679-95")
    assert result["1"] == {"uid": "1", "error": "cannot get document summary"}


@pytest.mark.parametrize(
    ("params", "limit"),
    [pytest.param({}, "3", id="anonymous"), pytest.param({"api_key": "k"}, "10", id="api-key")],
)
async def test_ncbi_rate_headers_depend_on_the_api_key(
    fake: ClientFactory, params: dict[str, str], limit: str
) -> None:
    async with fake() as client:
        reply = await client.get("/eutils/esearch.fcgi", params={"term": "cell[ta]", **params})
    assert reply.headers["X-RateLimit-Limit"] == limit
    assert reply.headers["X-RateLimit-Remaining"] == str(int(limit) - 1)
