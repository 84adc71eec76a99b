"""The ``refcheck`` command: ``check`` a manuscript's references, ``fix`` them, ``serve`` the API.

Exit codes let a CI log tell "your references are wrong" from "Crossref is down". Machine
output (JSON, JUnit, SARIF, GitHub annotations) goes to stdout or ``--output``; the progress
bar goes to stderr, and only when stderr is a terminal and ``CI`` is unset.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from enum import IntEnum, StrEnum
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from app.api.schemas import VerifyResponse
from app.fix import NotFixable, fix_text, unified_diff
from app.formats import InputFormat, Reference, detect_format, load_references
from app.inputs import InputError, decode, read_source
from app.models import Report
from app.pipeline import verify_references
from app.report.findings import UNVERIFIED, FailOn, fails, findings
from app.report.github import render_github
from app.report.junit import render_junit
from app.report.sarif import render_sarif
from app.report.text import render_text
from app.resolve import ProgressCallback
from app.settings import Settings
from app.wiring import open_resolver

SERVER_TIMEOUT_S = 120.0  # per request to a --server: a big upload is parsed before the reply


class ExitCode(IntEnum):
    OK = 0  # nothing at or above the --fail-on level
    MISMATCHES = 1  # at least one mismatch or unresolved reference at or above --fail-on
    USAGE = 2  # bad usage or unreadable input
    UPSTREAM_UNAVAILABLE = 3  # some references unchecked because an upstream failed; none wrong


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    SARIF = "sarif"
    GITHUB = "github"


cli = typer.Typer(
    name="refcheck",
    help="Verify a manuscript's references against Crossref and PubMed.",
    no_args_is_help=True,
    add_completion=False,
)

InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option(
        "--input-format", "-i", help="The input's format; detected from content and name if unset."
    ),
]


def exit_code_for(report: Report, fail_on: FailOn = FailOn.WARNING) -> ExitCode:
    """Findings at or above ``fail_on`` outrank upstream trouble; all clear is 0.

    With the default (``warning``) any mismatch, reference not found, ambiguous or
    unprocessable one fails; ``error`` lets warnings and ambiguous references pass; ``never``
    always exits 0.
    """
    if fail_on is FailOn.NEVER:
        return ExitCode.OK
    found = list(findings(report))
    if any(fails(f, fail_on) for f in found):
        return ExitCode.MISMATCHES
    if any(f.rule is UNVERIFIED for f in found):
        return ExitCode.UPSTREAM_UNAVAILABLE
    return ExitCode.OK


@cli.command()
def check(
    paths: Annotated[
        list[str], typer.Argument(help="Manuscripts or reference lists; '-' reads stdin.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.TEXT,
    input_format: InputFormatOption = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest finding level that fails the check.")
    ] = FailOn.WARNING,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here, not stdout.")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List verified ones too.")
    ] = False,
    server: Annotated[
        str | None,
        typer.Option(
            "--server",
            help="Verify on this refcheck server (its job API), e.g. http://refcheck:8000, "
            "instead of calling Crossref and PubMed from here.",
        ),
    ] = None,
) -> None:
    """Verify every reference in PATHS and print one report for all of them.

    Reads BibTeX, RIS, CSL-JSON, JATS XML, LaTeX (\\bibitem lists, .bbl, \\bibliography{}),
    Markdown, plain text, Word (.docx) and PDF. Exit status: 0 nothing at or above --fail-on,
    1 mismatches or unresolved references, 2 bad usage or unreadable input, 3 some references
    unchecked because an upstream (or the --server) was unavailable.
    """
    if server is not None:
        report = _verify_on_server(server, paths, input_format)
    else:
        references: list[Reference] = []
        for path in paths:
            for reference in _load(path, input_format):
                references.append(replace(reference, index=len(references) + 1))
        report = _verify(references)
    named = ", ".join(p for p in paths if p != "-") or None
    rendered = _render(report, output_format, path=named, fail_on=fail_on, verbose=verbose)
    if output is not None:
        output.write_text(rendered, encoding="utf-8")
    else:
        typer.echo(rendered, nl=False)
    raise typer.Exit(exit_code_for(report, fail_on))


@cli.command()
def fix(
    path: Annotated[str, typer.Argument(help="The BibTeX, RIS, Markdown or text file to correct.")],
    input_format: InputFormatOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print a unified diff; change nothing.")
    ] = False,
) -> None:
    """Correct confidently verified references in PATH, in its own format.

    Only references matched with confidence >= 0.9 change, and only their wrong fields (a
    missing DOI is added); the rest are listed for review. Exit status: 0 done, 2 bad usage,
    unreadable input or a format fix cannot write.
    """
    data = _read(path)
    chosen = input_format or detect_format(data, path=path)
    try:
        text = decode(data, name=path)
        references = load_references(data, path=path, input_format=chosen)
        report = _verify(references)
        outcome = fix_text(text, chosen, report)
    except (InputError, NotFixable) as exc:
        typer.echo(f"refcheck: {exc}", err=True)
        raise typer.Exit(ExitCode.USAGE) from None
    if dry_run:
        typer.echo(unified_diff(text, outcome.text, path=path), nl=False)
    elif outcome.fixed:
        bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
        Path(path).write_bytes((bom + outcome.text).encode("utf-8"))
    for item in outcome.fixed:
        typer.echo(f"fixed {item.label} (line {item.line}): {', '.join(item.fields)}", err=True)
    verb = "would fix" if dry_run else "fixed"
    summary = f"refcheck fix: {verb} {len(outcome.fixed)} references"
    if outcome.left:
        summary += f"; left for review: {', '.join(outcome.left)}"
    typer.echo(summary, err=True)


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Run the HTTP API (POST /v1/verify, GET /healthz, docs at /docs) with uvicorn."""
    import uvicorn

    from app.logs import uvicorn_log_config

    uvicorn.run(
        "app.api.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        # JSON log lines (secrets redacted) from uvicorn's very first line on.
        log_config=uvicorn_log_config(secrets=Settings().secrets()),
    )


@cli.command()
def worker() -> None:
    """Run verification jobs from Redis (needs REFCHECK_REDIS_URL); start as many as you like."""
    settings = Settings()
    if not settings.redis_url:
        typer.echo("refcheck: a worker needs REFCHECK_REDIS_URL (redis://host:6379/0)", err=True)
        raise typer.Exit(ExitCode.USAGE)
    from app.job_queue import serve_worker  # redis and taskiq: the optional extra

    asyncio.run(serve_worker(settings))


def _read(path: str) -> bytes:
    try:
        return read_source(path, stdin=sys.stdin.buffer)
    except InputError as exc:
        typer.echo(f"refcheck: {exc}", err=True)
        raise typer.Exit(ExitCode.USAGE) from None


def _load(path: str, input_format: InputFormat | None) -> list[Reference]:
    data = _read(path)
    try:
        return load_references(data, path=None if path == "-" else path, input_format=input_format)
    except InputError as exc:
        typer.echo(f"refcheck: {exc}", err=True)
        raise typer.Exit(ExitCode.USAGE) from None


def _verify(references: Sequence[Reference]) -> Report:
    settings = Settings()
    with progress_bar(len(references)) as on_progress:
        return asyncio.run(_run(references, settings, on_progress))


async def _run(
    references: Sequence[Reference], settings: Settings, on_progress: ProgressCallback | None
) -> Report:
    async with open_resolver(settings) as resolver:
        return await verify_references(references, resolver, on_progress=on_progress)


def _verify_on_server(
    server: str, paths: Sequence[str], input_format: InputFormat | None
) -> Report:
    """One job on ``server`` for every path; its progress on the bar, its results as a Report."""
    # The job API's wire models live beside FastAPI's routes: imported only when used, so a
    # local check does not pay FastAPI's start-up time.
    from app.remote import Manuscript, RejectedInput, RemoteJob, ServerError

    manuscripts = [Manuscript(path, _read(path), input_format) for path in paths]
    import httpx

    try:
        with httpx.Client(base_url=server, timeout=SERVER_TIMEOUT_S) as client:
            job = RemoteJob.submit(client, manuscripts)
            with progress_bar(None) as on_progress:
                report = job.follow(on_progress=on_progress)
    except RejectedInput as exc:
        typer.echo(f"refcheck: {exc}", err=True)
        raise typer.Exit(ExitCode.USAGE) from None
    except ServerError as exc:
        typer.echo(f"refcheck: {exc}", err=True)
        raise typer.Exit(ExitCode.UPSTREAM_UNAVAILABLE) from None
    return _without_stdin_path(report)


def _without_stdin_path(report: Report) -> Report:
    """Standard input is sent named "-"; locally its references have no path, so none here."""
    results = [
        replace(r, location=replace(r.location, path=None))
        if r.location is not None and r.location.path == "-"
        else r
        for r in report.results
    ]
    return Report.from_results(results)


def _render(
    report: Report, output_format: OutputFormat, *, path: str | None, fail_on: FailOn, verbose: bool
) -> str:
    if output_format is OutputFormat.JSON:
        return VerifyResponse.of(report).model_dump_json(indent=2) + "\n"
    if output_format is OutputFormat.JUNIT:
        return render_junit(report, path=path, fail_on=fail_on)
    if output_format is OutputFormat.SARIF:
        return render_sarif(list(findings(report)), version=_version())
    if output_format is OutputFormat.GITHUB:
        return render_github(findings(report))
    return render_text(report, verbose=verbose)


def shows_progress() -> bool:
    """A progress bar only for a person watching: stderr is a terminal and ``CI`` is unset."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress_bar(total: int | None) -> Iterator[ProgressCallback | None]:
    """A rich progress bar on stderr for ``total`` references (None: not known yet, the first
    progress report tells), or no callback at all."""
    if not shows_progress() or total == 0:
        yield None
        return
    columns = (
        TextColumn("checking references"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("verify", total=total)

        def on_progress(done: int, of: int) -> None:
            progress.update(task, completed=done, total=of)

        yield on_progress


def _version() -> str:
    try:
        return version("refcheck")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0+unknown"


def main() -> None:
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
