"""The editors' web page and the job API behind it, served by the same FastAPI app.

Wiring (``app/api/main.py``)::

    app.include_router(web.router)
    app.mount(web.STATIC_PATH, web.static_files(), name="static")

The router's lifespan owns the :class:`~app.jobs.JobRegistry` (``app.state.jobs``) and cancels
the jobs still running at shutdown; with ``REFCHECK_REDIS_URL`` set, jobs go to Redis and are
run by ``refcheck worker`` processes instead (:mod:`app.job_queue`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from app.jobs import JobRegistry
from app.settings import Settings
from app.web import job_routes, page

STATIC_PATH = "/static"
STATIC_DIR = Path(__file__).parent / "static"


@asynccontextmanager
async def _job_registry(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings | None = getattr(app.state, "settings", None)
    if settings is not None and settings.redis_url:
        from app.job_queue import open_redis_jobs  # redis and taskiq: the optional extra

        async with open_redis_jobs(settings) as app.state.jobs:
            yield
        return
    app.state.jobs = JobRegistry()
    try:
        yield
    finally:
        await app.state.jobs.aclose()


router = APIRouter(lifespan=_job_registry)
router.include_router(job_routes.router)
router.include_router(page.router)


def static_files() -> StaticFiles:
    """The page's script and style sheet, shipped in the package (no CDN, no build step)."""
    return StaticFiles(directory=STATIC_DIR)


__all__ = ["STATIC_DIR", "STATIC_PATH", "router", "static_files"]
