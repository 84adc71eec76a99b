"""Routes: thin translations between the wire models and the pipeline."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status

from app.api.schemas import Health, VerifyRequest, VerifyResponse
from app.extract import extract_references
from app.models import RawReference
from app.pipeline import verify_references
from app.resolve import Resolver
from app.settings import Settings

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
    """Liveness: the process is up and its clients are open."""
    return Health(status="ok", version=request.app.version)


@router.post(
    "/v1/verify",
    tags=["verify"],
    responses={413: {"description": "Body or reference count over the documented limit"}},
)
async def verify(
    body: VerifyRequest, resolver: ResolverDep, settings: SettingsDep
) -> VerifyResponse:
    """Verify a reference list; results come back in input order."""
    if body.references is not None:
        references = [
            RawReference(index=i, text=text) for i, text in enumerate(body.references, start=1)
        ]
    else:
        references = extract_references(body.text or "")
    if len(references) > settings.max_references:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            detail=f"too many references: {len(references)}; the limit for one request is "
            f"{settings.max_references}",
        )
    report = await verify_references(references, resolver)
    return VerifyResponse.of(report)
