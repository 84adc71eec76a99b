"""The job API: start a verification in the background, then poll it.

- ``POST /v1/jobs`` with ``{"text": ...}``, ``{"references": [...]}`` or
  ``{"manuscripts": [{"name": "a.bib", "text": ...}, ...]}`` -> 202 ``{"id": ...}``
- ``POST /v1/jobs/file?name=chapter.txt`` with the file's bytes as the body -> 202 ``{"id": ...}``
- ``GET /v1/jobs/{id}`` -> status, done/total and the results so far (shaped as /v1/verify's)
- ``GET /v1/jobs/{id}/report.csv`` -> one row per reference
- ``GET /v1/jobs/{id}/corrected.txt`` -> the list with every suggested correction applied
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from app.api.limits import require_json
from app.api.requests import references_in, within_reference_limit
from app.api.routes import ResolverDep, SettingsDep
from app.api.schemas import JobRequest
from app.inputs import InputError
from app.jobs import Item, Job, JobBackend, JobsUnavailable, TooManyJobs, verifier
from app.resolve import Resolver
from app.settings import Settings
from app.web.exports import corrected_list, csv_report
from app.web.schemas import JobCreated, JobOut
from app.web.uploads import UnsupportedFile, references_in_file

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])


def get_jobs(request: Request) -> JobBackend:
    jobs: JobBackend = request.app.state.jobs
    return jobs


JobsDep = Annotated[JobBackend, Depends(get_jobs)]


async def _start(
    references: Sequence[Item],
    *,
    jobs: JobBackend,
    resolver: Resolver,
    settings: Settings,
    response: Response,
) -> JobCreated:
    within_reference_limit(references, settings)

    verify = verifier(resolver, max_reference_chars=settings.max_reference_chars)

    try:
        job_id = await jobs.start(references, verify)
    except TooManyJobs as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail=str(exc)) from None
    except JobsUnavailable as exc:
        raise _unavailable(exc) from None
    response.headers["Location"] = f"{router.prefix}/{job_id}"
    return JobCreated(id=job_id)


_LIMITS: dict[int | str, dict[str, Any]] = {
    413: {"description": "Body or reference count over the documented limit"},
    503: {"description": "Too many verifications queued or running, or the job store is down"},
}


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[Depends(require_json)],
    responses={**_LIMITS, 415: {"description": "The body is not declared as application/json"}},
)
async def start_job(
    body: JobRequest,
    response: Response,
    jobs: JobsDep,
    resolver: ResolverDep,
    settings: SettingsDep,
) -> JobCreated:
    """Start verifying a list, a text or several manuscripts in the background; poll the id."""
    return await _start(
        await references_in(body),
        jobs=jobs,
        resolver=resolver,
        settings=settings,
        response=response,
    )


@router.post(
    "/file",
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        **_LIMITS,
        415: {"description": "A file type refcheck does not read"},
        422: {"description": "A file that cannot be read as text, or is empty"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/octet-stream": {"schema": {"type": "string"}}},
        }
    },
)
async def start_file_job(
    request: Request,
    response: Response,
    name: Annotated[str, Query(min_length=1, max_length=255, description="The file's name.")],
    jobs: JobsDep,
    resolver: ResolverDep,
    settings: SettingsDep,
) -> JobCreated:
    """Start verifying the references in an uploaded file (its bytes are the request body)."""
    try:
        # Word and PDF parsing is CPU work: off the event loop, so polls keep being answered.
        references = await run_in_threadpool(references_in_file, await request.body(), name=name)
    except UnsupportedFile as exc:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, detail=str(exc)) from None
    except InputError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None
    return await _start(
        references, jobs=jobs, resolver=resolver, settings=settings, response=response
    )


def _unavailable(exc: JobsUnavailable) -> HTTPException:
    """503 with ``Retry-After``: the job store is down for a moment (Redis restarting)."""
    return HTTPException(
        status.HTTP_503_SERVICE_UNAVAILABLE, detail=str(exc), headers={"Retry-After": "5"}
    )


async def job_or_404(job_id: str, jobs: JobBackend) -> Job:
    try:
        job = await jobs.find(job_id)
    except JobsUnavailable as exc:
        raise _unavailable(exc) from None
    if job is None:
        minutes = round(jobs.keep_s / 60)
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            detail=f"no such job; finished jobs are kept for {minutes} minutes",
        )
    return job


_FINDING: dict[int | str, dict[str, Any]] = {
    404: {"description": "Unknown or expired job"},
    503: {"description": "The job store cannot be reached right now; try again shortly"},
}


@router.get("/{job_id}", responses=_FINDING)
async def get_job(job_id: str, jobs: JobsDep) -> JobOut:
    """Status, progress (done of total) and the results finished so far."""
    return JobOut.of(await job_or_404(job_id, jobs))


@router.get("/{job_id}/report.csv", response_class=PlainTextResponse, responses=_FINDING)
async def get_job_csv(job_id: str, jobs: JobsDep) -> PlainTextResponse:
    """The results so far as CSV, one row per reference."""
    report = (await job_or_404(job_id, jobs)).report()
    return PlainTextResponse(
        csv_report(report.results),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="refcheck-report.csv"'},
    )


@router.get("/{job_id}/corrected.txt", response_class=PlainTextResponse, responses=_FINDING)
async def get_job_corrected(job_id: str, jobs: JobsDep) -> PlainTextResponse:
    """The reference list with every suggested correction applied, one reference a line."""
    return PlainTextResponse(corrected_list((await job_or_404(job_id, jobs)).report().results))
