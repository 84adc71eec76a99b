"""What a request asks to verify: its references, in any input format, within the limits.

Shared by ``POST /v1/verify`` (and ``/v1/verify/file``) and the job API, so the same body
means the same references, and the same limit is enforced, on every route.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from fastapi import HTTPException, status
from fastapi.concurrency import run_in_threadpool

from app.api.schemas import JobRequest, ManuscriptIn, VerifyRequest
from app.extract import extract_references
from app.formats import InputFormat, Reference, load_references
from app.inputs import InputError
from app.models import RawReference
from app.settings import Settings


async def references_in(body: VerifyRequest) -> Sequence[Reference]:
    """The body's list as given; or the references found in its text, in its ``format``; or,
    for a job, those of every manuscript, numbered on from one manuscript to the next."""
    if isinstance(body, JobRequest) and body.manuscripts is not None:
        return await references_in_manuscripts(body.manuscripts)
    if body.references is not None:
        return [RawReference(index=i, text=text) for i, text in enumerate(body.references, start=1)]
    if body.format is not None:
        return await load(body.text or "", name=None, input_format=body.format)
    return extract_references(body.text or "")


async def references_in_manuscripts(manuscripts: Sequence[ManuscriptIn]) -> list[Reference]:
    """Every manuscript's references in order, indexed 1..n across them all.

    Two manuscripts of 3 and 2 references give indexes 1-3 and 4-5; each reference's location
    keeps its own line numbers and names its manuscript.
    """
    found: list[Reference] = []
    for manuscript in manuscripts:
        loaded = await load(manuscript.data, name=manuscript.name, input_format=manuscript.format)
        found.extend(replace(reference, index=len(found) + 1) for reference in loaded)
    return found


async def load(
    data: str | bytes, *, name: str | None, input_format: InputFormat | None
) -> list[Reference]:
    """The references of an input in any format; unreadable input is a 422 saying why."""
    try:
        return await run_in_threadpool(load_references, data, path=name, input_format=input_format)
    except InputError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(exc)) from None


def within_reference_limit(references: Sequence[Reference], settings: Settings) -> None:
    """413 with the limit when one request names more references than it may."""
    if len(references) > settings.max_references:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            detail=f"too many references: {len(references)}; the limit for one request is "
            f"{settings.max_references}",
        )
