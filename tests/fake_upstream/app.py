"""Assemble the fake upstream: Crossref under ``/crossref``, E-utilities under ``/eutils``.

One server then serves both, so the two base URLs are ``http://127.0.0.1:PORT/crossref`` and
``http://127.0.0.1:PORT/eutils``. ``/_control`` is the test's back door:

- ``GET /_control/stats``: counters (see ``stats.py``)
- ``GET /_control/config``, ``POST /_control/config`` (partial JSON, see ``config.py``)
- ``POST /_control/reset``: start-up config, empty counters and windows, re-seeded faults
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from tests.fake_upstream.config import FakeConfig
from tests.fake_upstream.crossref_routes import CrossrefApi
from tests.fake_upstream.eutils_routes import EutilsApi
from tests.fake_upstream.gate import Gate
from tests.fake_upstream.store import Store


def _control_routes(gate: Gate) -> list[Route]:
    async def stats(_: Request) -> JSONResponse:
        return JSONResponse(gate.stats.snapshot())

    async def show_config(_: Request) -> JSONResponse:
        return JSONResponse(gate.config.model_dump(mode="json"))

    async def configure(request: Request) -> JSONResponse:
        patch: Any = await request.json()
        if not isinstance(patch, dict):
            return JSONResponse({"error": "expected a JSON object"}, status_code=422)
        try:
            return JSONResponse(gate.configure(patch).model_dump(mode="json"))
        except ValidationError as exc:
            return JSONResponse({"error": exc.errors(include_url=False)}, status_code=422)

    async def reset(_: Request) -> JSONResponse:
        gate.reset()
        return JSONResponse(gate.config.model_dump(mode="json"))

    return [
        Route("/stats", stats),
        Route("/config", show_config, methods=["GET"]),
        Route("/config", configure, methods=["POST"]),
        Route("/reset", reset, methods=["POST"]),
    ]


def create_app(store: Store, *, config: FakeConfig | None = None) -> Starlette:
    """The ASGI app; ``app.state.gate`` exposes the live config and counters in-process."""
    gate = Gate(config or FakeConfig())
    app = Starlette(
        routes=[
            Mount("/crossref", routes=CrossrefApi(store, gate).routes()),
            Mount("/eutils", routes=EutilsApi(store, gate).routes()),
            Mount("/_control", routes=_control_routes(gate)),
        ]
    )
    app.state.gate = gate
    return app
