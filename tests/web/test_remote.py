"""``refcheck check --server``'s client of the job API (app/remote.py), over MockTransport."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import httpx
import pytest

from app.api.schemas import ResultOut, VerifyResponse
from app.models import (
    Finding,
    FindingKind,
    NotFoundEvidence,
    NotFoundKind,
    RejectedCandidate,
    Report,
    Result,
    Severity,
    SourceLocation,
    Status,
)
from app.remote import Manuscript, RejectedInput, RemoteJob, ServerError
from tests.web.conftest import gupta_result

Handler = Callable[[httpx.Request], httpx.Response]


def client_for(handler: Handler) -> httpx.Client:
    return httpx.Client(base_url="http://refcheck.test", transport=httpx.MockTransport(handler))


def job_body(status: str, done: int, total: int, results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": "j1",
        "status": status,
        "done": done,
        "total": total,
        "results": results,
        "summary": {},
        "error": "verification failed (RuntimeError)" if status == "failed" else None,
    }


def gupta_result_json() -> dict[str, Any]:
    return ResultOut.of(gupta_result()).model_dump(mode="json")


def a_varied_report() -> Report:
    """A mismatch with a location and a finding, and a not-found with its evidence."""
    corrected = replace(
        gupta_result(1),
        location=SourceLocation(3, 4, "chapter.bib", "gupta2009"),
        findings=(Finding(FindingKind.CORRECTED, Severity.WARNING, "corrected", doi="10.1/x"),),
    )
    missing = Result(
        index=2,
        input="Weinberg RA. The biology of cancer. New York: Garland Science; 2007.",
        status=Status.NOT_FOUND,
        reason="no registered work matches",
        not_found_kind=NotFoundKind.NOT_INDEXED,
        not_found_evidence=NotFoundEvidence(
            ("publisher and place",),
            (RejectedCandidate("10.1/y", None, "Biology", 0.41, ("different first author",)),),
        ),
    )
    return Report.from_results([corrected, missing])


def test_the_manuscripts_are_sent_as_one_job_byte_for_byte() -> None:
    sent: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(202, json={"id": "j1"})

    files = [Manuscript("a.bib", b"\xef\xbb\xbf@article{x}"), Manuscript("-", b"1. Ref.")]
    with client_for(handler) as client:
        job = RemoteJob.submit(client, files)
    manuscripts = sent[0]["manuscripts"]
    assert job.id == "j1"
    assert [m["name"] for m in manuscripts] == ["a.bib", "-"]
    assert base64.b64decode(manuscripts[0]["content_base64"]) == b"\xef\xbb\xbf@article{x}"


def test_following_a_job_reports_progress_on_every_poll_until_done() -> None:
    polls = iter(
        [
            job_body("queued", 0, 1, []),
            job_body("running", 0, 1, []),
            job_body("done", 1, 1, [gupta_result_json()]),
        ]
    )
    progress: list[tuple[int, int]] = []
    with client_for(lambda _: httpx.Response(200, json=next(polls))) as client:
        report = RemoteJob(client, "j1").follow(
            on_progress=lambda done, total: progress.append((done, total)), sleep=lambda _: None
        )
    assert progress == [(0, 1), (0, 1), (1, 1)]
    assert report.summary["mismatch"] == 1


def test_a_report_read_back_from_the_wire_renders_as_the_original() -> None:
    original = a_varied_report()
    wire = VerifyResponse.of(original).model_dump(mode="json")
    read_back = Report.from_results(
        [ResultOut.model_validate(r).to_domain() for r in wire["results"]]
    )
    assert VerifyResponse.of(read_back).model_dump(mode="json") == wire


def test_a_failed_job_is_a_server_error_with_its_reason() -> None:
    body = job_body("failed", 0, 1, [])
    with (
        client_for(lambda _: httpx.Response(200, json=body)) as client,
        pytest.raises(ServerError, match="verification failed"),
    ):
        RemoteJob(client, "j1").follow(sleep=lambda _: None)


@pytest.mark.parametrize(
    ("reply", "error", "message"),
    [
        pytest.param(
            httpx.Response(422, json={"detail": "refs.ris: no RIS records found"}),
            RejectedInput,
            "refs.ris: no RIS records found",
            id="refused-input",
        ),
        pytest.param(
            httpx.Response(503, json={"detail": "too many jobs"}),
            ServerError,
            "answered 503",
            id="server-busy",
        ),
        pytest.param(
            httpx.Response(200, text="<html>a proxy page</html>"),
            ServerError,
            "did not answer as a refcheck server does",
            id="not-refcheck",
        ),
    ],
)
def test_what_the_server_answers_wrongly_becomes_a_typed_error(
    reply: httpx.Response, error: type[Exception], message: str
) -> None:
    with client_for(lambda _: reply) as client, pytest.raises(error, match=message):
        RemoteJob.submit(client, [Manuscript("refs.ris", b"x")])


def test_an_unreachable_server_is_a_server_error_naming_it() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with client_for(refuse) as client, pytest.raises(ServerError, match="cannot reach"):
        RemoteJob.submit(client, [Manuscript("a.txt", b"x")])
