"""The ``refcheck`` command: ``check`` a manuscript's references, ``serve`` the HTTP API.

Exit codes let a CI log tell "your references are wrong" from "Crossref is down".
"""

from __future__ import annotations

import asyncio
import sys
from enum import IntEnum, StrEnum
from typing import Annotated

import typer

from app.api.schemas import VerifyResponse
from app.inputs import InputError, read_text
from app.models import Report, Status
from app.pipeline import verify_text
from app.report.text import render_text
from app.settings import Settings
from app.wiring import open_resolver


class ExitCode(IntEnum):
    OK = 0  # every reference verified
    MISMATCHES = 1  # at least one mismatch or unresolved reference
    USAGE = 2  # bad usage or unreadable input
    UPSTREAM_UNAVAILABLE = 3  # some references unchecked because an upstream failed; none wrong


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


cli = typer.Typer(
    name="refcheck",
    help="Verify a manuscript's references against Crossref and PubMed.",
    no_args_is_help=True,
    add_completion=False,
)


def exit_code_for(report: Report) -> ExitCode:
    """Mismatches and unresolved references outrank upstream trouble; all clear is 0."""
    counts = report.summary
    problems = sum(
        counts.get(s.value, 0)
        for s in (Status.MISMATCH, Status.NOT_FOUND, Status.AMBIGUOUS, Status.ERROR)
    )
    if problems:
        return ExitCode.MISMATCHES
    if counts.get(Status.UNVERIFIED.value, 0):
        return ExitCode.UPSTREAM_UNAVAILABLE
    return ExitCode.OK


@cli.command()
def check(
    path: Annotated[str, typer.Argument(help="Manuscript or reference list; '-' reads stdin.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.TEXT,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List verified ones too.")
    ] = False,
) -> None:
    """Verify every reference in PATH and print a report.

    Exit status: 0 all verified, 1 mismatches or unresolved references, 2 bad usage or
    unreadable input, 3 some references unchecked because an upstream was unavailable.
    """
    try:
        text = read_text(path, stdin=sys.stdin.buffer)
    except InputError as exc:
        typer.echo(f"refcheck: {exc}", err=True)
        raise typer.Exit(ExitCode.USAGE) from None
    settings = Settings()
    report = asyncio.run(_run(text, settings, path=None if path == "-" else path))
    if output_format is OutputFormat.JSON:
        typer.echo(VerifyResponse.of(report).model_dump_json(indent=2))
    else:
        typer.echo(render_text(report, verbose=verbose), nl=False)
    raise typer.Exit(exit_code_for(report))


async def _run(text: str, settings: Settings, *, path: str | None) -> Report:
    async with open_resolver(settings) as resolver:
        return await verify_text(text, resolver, path=path)


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Run the HTTP API (POST /v1/verify, GET /healthz, docs at /docs) with uvicorn."""
    import uvicorn

    uvicorn.run(
        "app.api.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
    )


def main() -> None:
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
