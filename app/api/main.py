"""Application factory: settings in, a FastAPI app out; the lifespan owns the upstream clients."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI

from app.api.limits import BodySizeLimit
from app.api.routes import router
from app.settings import Settings, get_settings
from app.wiring import open_resolver


def _version() -> str:
    try:
        return version("refcheck")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0+unknown"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; ``settings`` defaults to the environment (``REFCHECK_*``)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_resolver(settings) as resolver:
            app.state.resolver = resolver
            yield

    app = FastAPI(
        title="refcheck",
        version=_version(),
        summary="Verify reference lists against Crossref and PubMed.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.include_router(router)
    return app
