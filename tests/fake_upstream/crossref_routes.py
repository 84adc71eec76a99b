"""Crossref REST routes: ``GET /works/{doi}`` and ``GET /works?...`` (mounted under ``/crossref``).

- ``/works/{doi}``: the work (``score`` 1), or 404 ``Resource not found.`` as text/plain;
  a field query (``query.author=``) on this route is a 400 ``parameter-not-allowed``.
- ``/works?filter=doi:A,doi:B``: those works (OR), ``score`` 0.0; ``type:`` filters by type.
- ``/works?query.bibliographic=...`` (also ``query=``, ``query.author=`` ...): BM25-ranked;
  all field queries are pooled into one bag of words. ``rows`` (default 20, max 1000),
  ``offset`` and ``select=`` work as on the real API.
- The pool is ``polite`` when ``mailto=`` is sent or the User-Agent has ``mailto:``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from tests.fake_upstream.crossref_render import (
    CrossrefJSONResponse,
    list_envelope,
    select_fields,
    validation_failure,
    work_envelope,
    work_message,
)
from tests.fake_upstream.gate import Call, Gate
from tests.fake_upstream.limits import crossref_budget
from tests.fake_upstream.store import FakeWork, Store

MAX_ROWS = 1000
_FILTERS = ("doi", "type")


def is_polite(request: Request) -> bool:
    """Crossref's polite pool: a ``mailto`` parameter or ``mailto:`` in the User-Agent."""
    return "mailto" in request.query_params or "mailto:" in request.headers.get("user-agent", "")


def _call(request: Request, gate: Gate, kind: str) -> Call:
    polite = is_polite(request)
    limits = gate.config.limits
    budget = crossref_budget(limits, polite=polite, single_work=kind == "crossref_work")
    advertised = limits.crossref_polite_work_per_s if polite else limits.crossref_public_work_per_s
    return Call("crossref", kind, budget, advertised)


class InvalidParameter(ValueError):
    """A request parameter Crossref would reject with a 400 validation failure."""

    def __init__(self, kind: str, value: str, text: str) -> None:
        super().__init__(text)
        self.kind, self.value, self.text = kind, value, text

    def response(self) -> Response:
        body = validation_failure(self.kind, self.value, self.text)
        return CrossrefJSONResponse(body, status_code=400)


def _parse_filter(text: str) -> dict[str, list[str]]:
    """``doi:A,doi:B,type:journal-article`` -> {"doi": [A, B], "type": [...]}."""
    filters: dict[str, list[str]] = {}
    for item in filter(None, text.split(",")):
        name, _, value = item.partition(":")
        if name not in _FILTERS:
            text = f"Filter {name} specified but there is no such filter for this route."
            raise InvalidParameter("filter-not-available", name, text)
        filters.setdefault(name, []).append(value.strip().lower())
    return filters


def _int_param(request: Request, name: str, default: int, maximum: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) > maximum:
        text = f"Integer specified as {raw} but must be a positive integer <= {maximum}."
        raise InvalidParameter("integer-not-valid", raw, text)
    return int(raw)


class CrossrefApi:
    """The route handlers, bound to one store and gate."""

    def __init__(self, store: Store, gate: Gate) -> None:
        self.store = store
        self.gate = gate

    def routes(self) -> list[BaseRoute]:
        return [Route("/works", self.works), Route("/works/{doi:path}", self.work)]

    async def work(self, request: Request) -> Response:
        doi = request.path_params["doi"]

        async def respond() -> Response:
            if any(k.startswith("query") for k in request.query_params):
                text = "This route does not support field query parameters"
                return InvalidParameter("parameter-not-allowed", "query.*", text).response()
            work = self.store.crossref_work(doi)
            if work is None:
                return PlainTextResponse("Resource not found.", status_code=404)
            return CrossrefJSONResponse(work_envelope(work_message(work, score=1)))

        return await self.gate.handle(_call(request, self.gate, "crossref_work"), respond)

    async def works(self, request: Request) -> Response:
        params = request.query_params
        queries = [v for k, v in params.multi_items() if k == "query" or k.startswith("query.")]
        kind = "crossref_search" if queries or "filter" not in params else "crossref_filter"

        async def respond() -> Response:
            try:
                rows = _int_param(request, "rows", 20, MAX_ROWS)
                offset = _int_param(request, "offset", 0, 10_000)
                filters = _parse_filter(params.get("filter", ""))
            except InvalidParameter as exc:
                return exc.response()
            hits = self._hits(" ".join(queries), filters)
            page = [work_message(w, score=s) for w, s in hits[offset : offset + rows]]
            if "select" in params:
                page = [select_fields(m, params["select"].split(",")) for m in page]
            terms = params.get("query")
            body = list_envelope(
                page, total=len(hits), rows=rows, offset=offset, search_terms=terms
            )
            return CrossrefJSONResponse(body)

        return await self.gate.handle(_call(request, self.gate, kind), respond)

    def _hits(self, query: str, filters: dict[str, list[str]]) -> list[tuple[FakeWork, float]]:
        if query.strip():
            _, ranked = self.store.search_crossref(query, len(self.store.crossref_works))
            return [(w, s) for w, s in ranked if _passes(w, filters)]
        return [(w, 0.0) for w in self._filtered(filters)]

    def _filtered(self, filters: dict[str, list[str]]) -> Sequence[FakeWork]:
        if "doi" in filters:
            found = (self.store.crossref_work(d) for d in dict.fromkeys(filters["doi"]))
            return [w for w in found if w is not None and _passes(w, filters)]
        return [w for w in self.store.crossref_works if _passes(w, filters)]


def _passes(work: FakeWork, filters: dict[str, Any]) -> bool:
    """Different filters AND together; repeated values of one filter OR together."""
    if "doi" in filters and (work.doi or "").lower() not in filters["doi"]:
        return False
    return not ("type" in filters and work.crossref_type not in filters["type"])
