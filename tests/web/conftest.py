"""Web fixtures: the service's app, its resolver talking to the fake upstream in-process.

No sockets: the fake Crossref/E-utilities app is reached through ``httpx.ASGITransport``, and
the app under test through another one, with its lifespan entered by hand.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.api.main import create_app
from app.jobs import Job, JobRegistry, JobStatus
from app.models import (
    Author,
    FieldName,
    Match,
    Mismatch,
    PageRange,
    RawReference,
    Record,
    Result,
    Severity,
    Source,
    Status,
)
from app.settings import Settings
from tests.e2e.conftest import CHAPTER_RECORDS
from tests.fake_upstream.app import create_app as create_fake_upstream
from tests.fake_upstream.config import FakeConfig
from tests.fake_upstream.store import Store

MAX_BODY_BYTES = 64 * 1024
GUPTA = "Gupta GP, Massaguè J. Cancer metastasis: building a framework. Cell. 2009;127:679–95."
GUPTA_FIXED = (
    "Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. 2006;127(4):679-95. "
    "doi:10.1016/j.cell.2006.11.001"
)
SCRIPT = "<script>alert('x')</script> Evil E. A title. J Test. 2001;1:1-2."


def web_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "crossref_url": "http://fake-upstream/crossref",
        "pubmed_url": "http://fake-upstream/eutils",
        "mailto": "web-tests@example.org",
        "cache_path": "none",
        "retry_attempts": 1,
        "max_body_bytes": MAX_BODY_BYTES,
        "max_references": 500,
        **overrides,
    }
    return Settings(_env_file=None, **values)


def build_app(settings: Settings) -> FastAPI:
    """The service's app, its resolver wired to the fake upstream in-process (no sockets)."""
    fake = create_fake_upstream(
        Store.from_jsonl(CHAPTER_RECORDS), config=FakeConfig().merged({"rate_limit": False})
    )
    transport = httpx.ASGITransport(app=fake)
    return create_app(settings, crossref_transport=transport, pubmed_transport=transport)


@pytest.fixture(name="app")
async def fixture_app() -> AsyncIterator[FastAPI]:
    app = build_app(web_settings())
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture(name="client")
async def fixture_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://refcheck.test") as client:
        yield client


@pytest.fixture(name="jobs")
def fixture_jobs(app: FastAPI) -> JobRegistry:
    registry: JobRegistry = app.state.jobs
    return registry


def gupta_result(index: int = 12, *, text: str = GUPTA) -> Result:
    """Reference 12 of the example chapter: cited 2009, registered 2006."""
    record = Record(
        sources=(Source.CROSSREF, Source.PUBMED),
        doi="10.1016/j.cell.2006.11.001",
        pmid="17110329",
        title="Cancer Metastasis: Building a Framework",
        journal="Cell",
        year=2006,
        volume="127",
        issue="4",
        pages=PageRange("679", "695"),
        authors=(Author("Gupta", "GP"), Author("Massagué", "J")),
    )
    return Result(
        index=index,
        input=text,
        status=Status.MISMATCH,
        match=Match(record, 0.97),
        mismatches=(
            Mismatch(FieldName.YEAR, "2009", "2006", Severity.ERROR, "cited 2009, registered 2006"),
            Mismatch(
                FieldName.AUTHORS,
                "Massaguè J",
                "Massagué J",
                Severity.INFO,
                "author 2 spelled Massaguè J, registered Massagué J",
            ),
        ),
        suggestion=GUPTA_FIXED,
        label=str(index),
    )


def finished_job(*results: Result, job_id: str = "finished-job") -> Job:
    references = tuple(RawReference(index=r.index, text=r.input) for r in results)
    job = Job(id=job_id, references=references, status=JobStatus.DONE, done=len(results))
    job.results.extend(results)
    return job
