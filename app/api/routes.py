"""Routes: thin translations between the wire models and the pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from app.api.limits import require_json
from app.api.requests import load, references_in, within_reference_limit
from app.api.schemas import Health, VerifyRequest, VerifyResponse
from app.formats import InputFormat, Reference
from app.pipeline import verify_references
from app.resolve import Resolver
from app.settings import Settings
from app.wiring import Backends

router = APIRouter()


def get_resolver(request: Request) -> Resolver:
    resolver: Resolver = request.app.state.resolver
    return resolver


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


ResolverDep = Annotated[Resolver, Depends(get_resolver)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


@router.get("/healthz", tags=["ops"])
async def healthz(request: Request) -> Health:
    """Liveness: the process is up and its clients are open; and whether Redis is shared."""
    backends: Backends = request.app.state.backends
    shared = await backends.health()
    return Health(
        status="ok", version=request.app.version, redis=shared["redis"], limiter=shared["limiter"]
    )


@router.post(
    "/v1/verify",
    tags=["verify"],
    dependencies=[Depends(require_json)],
    responses={
        413: {"description": "Body or reference count over the documented limit"},
        415: {"description": "The body is not declared as application/json"},
        504: {"description": "Not finished within the request time limit"},
    },
)
async def verify(
    body: VerifyRequest, resolver: ResolverDep, settings: SettingsDep
) -> VerifyResponse:
    """Verify a reference list; results come back in input order."""
    return await _verify(await references_in(body), resolver, settings)


@router.post(
    "/v1/verify/file",
    tags=["verify"],
    responses={
        413: {"description": "Body or reference count over the documented limit"},
        422: {"description": "The file cannot be read in its (detected or given) format"},
        504: {"description": "Not finished within the request time limit"},
    },
)
async def verify_file(
    resolver: ResolverDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="A manuscript or reference list, any format.")],
    input_format: Annotated[
        InputFormat | None,
        Form(alias="format", description="The file's format; detected when unset."),
    ] = None,
) -> VerifyResponse:
    """Verify the references in an uploaded file (multipart/form-data, field ``file``).

    BibTeX, RIS, CSL-JSON, JATS, LaTeX, Markdown, plain text, Word (.docx) and PDF; results
    carry their location (file name, line, entry key).
    """
    name = PurePath(file.filename).name if file.filename else None
    references = await load(await file.read(), name=name, input_format=input_format)
    return await _verify(references, resolver, settings)


async def _verify(
    references: Sequence[Reference], resolver: Resolver, settings: Settings
) -> VerifyResponse:
    within_reference_limit(references, settings)
    report = await verify_references(
        references, resolver, max_reference_chars=settings.max_reference_chars
    )
    return VerifyResponse.of(report)
