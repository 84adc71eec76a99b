"""Application factory: settings in, a FastAPI app out; the lifespan owns the upstream clients."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

import httpx
from fastapi import FastAPI

from app.api.errors import RequestBoundary, install_error_handlers
from app.api.limits import BodySizeLimit, RequestTimeLimit
from app.api.routes import router
from app.logs import json_logging
from app.settings import Settings, get_settings
from app.web import STATIC_PATH, static_files
from app.web import router as web_router
from app.wiring import open_backends, open_resolver


def _version() -> str:
    try:
        return version("refcheck")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0+unknown"


def create_app(
    settings: Settings | None = None,
    *,
    crossref_transport: httpx.AsyncBaseTransport | None = None,
    pubmed_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """Build the app; ``settings`` defaults to the environment (``REFCHECK_*``).

    The transports are a seam for tests (an in-process fake upstream); by default the clients
    reach the upstream URLs of the settings.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with json_logging(secrets=settings.secrets()):
            async with (
                open_backends(settings) as backends,
                open_resolver(
                    settings,
                    backends=backends,
                    crossref_transport=crossref_transport,
                    pubmed_transport=pubmed_transport,
                ) as resolver,
            ):
                app.state.backends = backends
                app.state.resolver = resolver
                yield

    app = FastAPI(
        title="refcheck",
        version=_version(),
        summary="Verify reference lists against Crossref and PubMed.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_error_handlers(app)
    # Each add_middleware wraps the ones before it: a request meets RequestBoundary (its id and
    # log line) first, then its time limit, then its body size limit.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestTimeLimit, seconds=settings.request_timeout_s)
    app.add_middleware(RequestBoundary)
    app.include_router(router)
    app.include_router(web_router)
    app.mount(STATIC_PATH, static_files(), name="static")
    return app
