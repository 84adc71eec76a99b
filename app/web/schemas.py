"""Wire models of the job API; results have the same shape as ``POST /v1/verify``'s."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.api.schemas import ResultOut
from app.jobs import Job, JobStatus


class JobCreated(BaseModel):
    id: str = Field(description="Poll GET /v1/jobs/{id} with it.")


class JobOut(BaseModel):
    id: str
    status: JobStatus
    done: int = Field(description="References checked so far.")
    total: int = Field(description="References in the job.")
    results: list[ResultOut] = Field(
        description="Results finished so far, in input order; they arrive batch by batch."
    )
    summary: dict[str, int] = Field(description="Counts per status of the results so far.")
    error: str | None = Field(default=None, description="Why a failed job failed.")

    @classmethod
    def of(cls, job: Job) -> JobOut:
        report = job.report()
        return cls(
            id=job.id,
            status=job.status,
            done=job.done,
            total=job.total,
            results=[ResultOut.of(r) for r in report.results],
            summary=report.summary,
            error=job.error,
        )
