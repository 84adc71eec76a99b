"""ECitMatch: the bdata lines sent, and the reply lines matched back by key."""

from __future__ import annotations

import httpx
import pytest

from clients import CitMatchQuery, CitMatchResult
from clients._shape import ShapeError
from clients.pubmed_citmatch import citmatch_line, parse_citmatch_body

from .fakes import request_params


def test_citmatch_line_keeps_six_pipes_and_strips_separators():
    query = CitMatchQuery("ref|1", "proc natl acad sci u s a", "1991", None, "32\r\n48", "mann bj")

    assert citmatch_line(query) == "proc natl acad sci u s a|1991||32 48|mann bj|ref 1|"


async def test_ecitmatch_reads_the_recorded_reply(serve, make_pubmed, samples):
    upstream = serve(samples.response("pubmed-ecitmatch-pnas-1991-mann.txt"))
    query = CitMatchQuery("citation_1", "proc natl acad sci u s a", "1991", "88", "3248", "mann bj")

    results = await make_pubmed(upstream).ecitmatch([query])

    assert results == {"citation_1": CitMatchResult("citation_1", "2014248", "found")}
    assert (
        upstream.params[0]["bdata"] == "proc natl acad sci u s a|1991|88|3248|mann bj|citation_1|"
    )
    assert upstream.requests[0].url.path.endswith("/ecitmatch.cgi")


def test_citmatch_results_are_matched_by_key_not_position():
    body = (
        b"PNAS|2008|||An|b|AMBIGUOUS (5 citations)\n"
        b"j|2001|1|1|x y|c|NOT_FOUND;INVALID_JOURNAL\n"
        b"proc natl acad sci u s a|1991|88|3248|mann bj|a|2014248\n"
    )

    results = parse_citmatch_body(body, ["a", "b", "c", "d"])

    assert results == {
        "a": CitMatchResult("a", "2014248", "found"),
        "b": CitMatchResult("b", None, "ambiguous"),
        "c": CitMatchResult("c", None, "not_found"),
        "d": CitMatchResult("d", None, "not_found"),  # no line came back for it
    }


def test_citmatch_reply_echoing_no_key_is_a_shape_error():
    with pytest.raises(ShapeError):
        parse_citmatch_body(b"<html>Service unavailable</html>", ["a"])


async def test_ecitmatch_sends_at_most_100_lines_joined_by_cr(serve, make_pubmed):
    def echo(request: httpx.Request) -> httpx.Response:
        lines = request_params(request)["bdata"].split("\r")
        return httpx.Response(200, text="\n".join(f"{line}NOT_FOUND" for line in lines))

    upstream = serve(echo)
    queries = [CitMatchQuery(str(i), "j", "2001", "1", str(i), "x y") for i in range(230)]

    results = await make_pubmed(upstream).ecitmatch(queries)

    assert [len(p["bdata"].split("\r")) for p in upstream.params] == [100, 100, 30]
    assert len(results) == 230
    assert {r.status for r in results.values()} == {"not_found"}


async def test_ecitmatch_refuses_duplicate_keys(serve, make_pubmed):
    upstream = serve(httpx.Response(200, text=""))

    with pytest.raises(ValueError, match="distinct"):
        await make_pubmed(upstream).ecitmatch([CitMatchQuery("k"), CitMatchQuery("k")])


async def test_results_come_back_under_the_callers_own_key(serve, make_pubmed):
    """A key is cleaned for the line format ("ref|1" -> "ref 1") but reported as given."""
    upstream = serve(httpx.Response(200, text="j|2001|1|1|x y|ref 1|12345\n"))

    results = await make_pubmed(upstream).ecitmatch([CitMatchQuery("ref|1", "j", "2001")])

    assert results == {"ref|1": CitMatchResult("ref|1", "12345", "found")}
