"""E-utilities routes (mounted under ``/eutils``): esearch, efetch, esummary, ecitmatch.

Parameters come from the query string or, for POST, a form-encoded body (NCBI accepts both).
``api_key`` moves the caller to the 10/s budget. In-body errors keep HTTP 200, as NCBI does.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from tests.fake_upstream.efetch_render import pubmed_article_set
from tests.fake_upstream.esearch_query import QuerySyntaxError
from tests.fake_upstream.eutils_render import (
    esearch_error_json,
    esearch_error_xml,
    esearch_json,
    esearch_xml,
    esummary_json,
)
from tests.fake_upstream.gate import Call, Gate, Respond
from tests.fake_upstream.limits import pubmed_budget
from tests.fake_upstream.pubmed_search import CitationQuery, PubmedSearch
from tests.fake_upstream.store import Store

XML = "text/xml; charset=UTF-8"
JSON = "application/json; charset=UTF-8"
TEXT = "text/plain; charset=UTF-8"
_METHODS = ["GET", "POST"]


async def request_params(request: Request) -> dict[str, str]:
    """Query-string parameters merged with a form-encoded POST body (the body wins)."""
    params = dict(request.query_params)
    if request.method == "POST":
        body = (await request.body()).decode("utf-8", errors="replace")
        params.update(parse_qsl(body, keep_blank_values=True))
    return params


def _ids(params: dict[str, str]) -> list[str]:
    return [i for i in re.split(r"[,\s]+", params.get("id", "")) if i]


def _int(params: dict[str, str], name: str, default: int) -> int:
    raw = params.get(name, "")
    return int(raw) if raw.isdigit() else default


class EutilsApi:
    """The route handlers, bound to one store, its PubMed search and the gate."""

    def __init__(self, store: Store, gate: Gate) -> None:
        self.store = store
        self.search = PubmedSearch(store)
        self.gate = gate

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/esearch.fcgi", self.esearch, methods=_METHODS),
            Route("/efetch.fcgi", self.efetch, methods=_METHODS),
            Route("/esummary.fcgi", self.esummary, methods=_METHODS),
            Route("/ecitmatch.cgi", self.ecitmatch, methods=_METHODS),
        ]

    async def _through_gate(
        self, request: Request, kind: str, respond: Respond, api_key: str
    ) -> Response:
        limits = self.gate.config.limits
        budget = pubmed_budget(limits, api_key=bool(api_key))
        caller = api_key or (request.client.host if request.client else "127.0.0.1")
        return await self.gate.handle(Call("pubmed", kind, budget, budget.per_s, caller), respond)

    async def esearch(self, request: Request) -> Response:
        params = await request_params(request)
        as_json = params.get("retmode", "xml").lower() == "json"
        media = JSON if as_json else XML

        async def respond() -> Response:
            try:
                result = self.search.esearch(params.get("term", ""), sort=params.get("sort", ""))
            except QuerySyntaxError as exc:
                body = esearch_error_json(str(exc)) if as_json else esearch_error_xml(str(exc))
                return Response(body, media_type=media)
            render = esearch_json if as_json else esearch_xml
            body = render(
                result,
                retstart=_int(params, "retstart", 0),
                retmax=_int(params, "retmax", 20),
                history=params.get("usehistory", "").lower() == "y",
            )
            return Response(body, media_type=media)

        return await self._through_gate(request, "esearch", respond, params.get("api_key", ""))

    async def efetch(self, request: Request) -> Response:
        params = await request_params(request)

        async def respond() -> Response:
            works = [w for w in map(self.store.pubmed_work, _ids(params)) if w is not None]
            return Response(pubmed_article_set(works), media_type=XML)

        return await self._through_gate(request, "efetch", respond, params.get("api_key", ""))

    async def esummary(self, request: Request) -> Response:
        params = await request_params(request)

        async def respond() -> Response:
            if params.get("retmode", "xml").lower() != "json":
                return PlainTextResponse("fake upstream: esummary serves retmode=json only", 400)
            uids = _ids(params)
            found = {uid: w for uid in uids if (w := self.store.pubmed_work(uid)) is not None}
            return Response(esummary_json(uids, found), media_type=JSON)

        return await self._through_gate(request, "esummary", respond, params.get("api_key", ""))

    async def ecitmatch(self, request: Request) -> Response:
        params = await request_params(request)

        async def respond() -> Response:
            lines = [
                ln.strip() for ln in re.split(r"[\r\n]+", params.get("bdata", "")) if ln.strip()
            ]
            answers = []
            for line in lines:
                echoed = line if line.endswith("|") else f"{line}|"
                answers.append(echoed + self.search.citmatch(CitationQuery.from_line(line)))
            return Response("".join(f"{a}\n" for a in answers), media_type=TEXT)

        return await self._through_gate(request, "ecitmatch", respond, params.get("api_key", ""))
