"""``refcheck check --server URL``: verify manuscripts on a refcheck server, through its job API.

The manuscripts go as one job (``POST /v1/jobs`` with ``{"manuscripts": [...]}``, each file's
bytes base64-encoded so the server reads them exactly as a local run would); the job is then
polled (``GET /v1/jobs/{id}``) until it is done, reporting ``(done, total)`` on each poll, and
its results come back as the domain's :class:`~app.models.Report`, so every report format and
exit code of a local run work unchanged.

    job = RemoteJob.submit(client, [Manuscript("chapter.txt", data)])
    report = job.follow(on_progress=lambda done, total: ...)
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar

import httpx
from pydantic import ValidationError

from app.formats import InputFormat
from app.jobs import JobStatus
from app.models import Report
from app.resolve import ProgressCallback
from app.web.schemas import JobCreated, JobOut

POLL_INTERVAL_S: Final = 0.5

_Reply = TypeVar("_Reply", JobCreated, JobOut)


class ServerError(Exception):
    """The server could not be reached, or failed the job: the references are unchecked."""


class RejectedInput(Exception):
    """The server refused the manuscripts (4xx): the message is the server's reason."""


@dataclass(frozen=True, slots=True)
class Manuscript:
    """One input file as the CLI read it: its name (the path given), bytes and stated format."""

    name: str
    data: bytes
    input_format: InputFormat | None = None

    def to_json(self) -> dict[str, str]:
        body = {"name": self.name, "content_base64": base64.b64encode(self.data).decode("ascii")}
        if self.input_format is not None:
            body["format"] = self.input_format.value
        return body


@dataclass(frozen=True, slots=True)
class RemoteJob:
    """A job started on a refcheck server, followed until it ends."""

    client: httpx.Client
    id: str

    @classmethod
    def submit(cls, client: httpx.Client, manuscripts: Sequence[Manuscript]) -> RemoteJob:
        """Start one job for all ``manuscripts``; raises RejectedInput or ServerError."""
        body = {"manuscripts": [m.to_json() for m in manuscripts]}
        reply = _send(client, "POST", "/v1/jobs", json=body)
        return cls(client, _parse(JobCreated, reply).id)

    def poll(self) -> JobOut:
        return _parse(JobOut, _send(self.client, "GET", f"/v1/jobs/{self.id}"))

    def follow(
        self,
        *,
        on_progress: ProgressCallback | None = None,
        interval_s: float = POLL_INTERVAL_S,
        sleep: Callable[[float], None] = time.sleep,
    ) -> Report:
        """Poll until the job is done and return its report; a failed job is a ServerError."""
        while True:
            job = self.poll()
            if on_progress is not None:
                on_progress(job.done, job.total)
            if job.status is JobStatus.DONE:
                return Report.from_results([r.to_domain() for r in job.results])
            if job.status is JobStatus.FAILED:
                raise ServerError(f"the server failed job {self.id}: {job.error or 'no reason'}")
            sleep(interval_s)


def _send(client: httpx.Client, method: str, url: str, json: Any = None) -> httpx.Response:
    """The reply; a refusal (4xx) is RejectedInput, no answer or a 5xx a ServerError."""
    try:
        reply = client.request(method, url, json=json)
    except httpx.TransportError as exc:
        raise ServerError(f"cannot reach {client.base_url}: {exc}") from None
    if 400 <= reply.status_code < 500:
        raise RejectedInput(f"the server refused the request: {_detail(reply)}")
    if reply.status_code >= 500:
        raise ServerError(
            f"{client.base_url} answered {reply.status_code} to {method} {url}: {_detail(reply)}"
        )
    return reply


def _parse(model: type[_Reply], reply: httpx.Response) -> _Reply:
    try:
        return model.model_validate_json(reply.content)
    except ValidationError:
        raise ServerError(f"{reply.request.url} did not answer as a refcheck server does") from None


def _detail(reply: httpx.Response) -> str:
    """The ``detail`` of a FastAPI error body, else the start of the body."""
    try:
        detail = reply.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, str):
        return detail
    if detail is not None:
        return str(detail)
    return reply.text[:200] or reply.reason_phrase
