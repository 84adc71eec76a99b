"""How the HTTP API answers when a request goes wrong: JSON, a clear message, no stack trace.

- A schema error (invalid JSON, a wrong type, a missing field) is a 422 whose ``detail`` lists
  where and what, without echoing the input back: a 16 MB body of the wrong shape gets a short
  answer, e.g. ``{"detail": [{"loc": ["body", "references", 0], "msg": "Input should be a
  valid string", "type": "string_type"}]}``.
- Anything unexpected is a 500 ``{"detail": "internal error (request id 5f0c…)"}``; the
  traceback goes to the log, tagged with the same request id, and never to the client.

:class:`RequestBoundary` is the outermost layer of the app: it gives each request its id (the
caller's ``X-Request-ID`` if it is a plain token, else a fresh one, echoed in the response
header), writes the one log line per request, and turns an unhandled exception into that 500.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.logs import REQUEST_LOGGER, inbound_request_id, request_id

log = logging.getLogger(REQUEST_LOGGER)


def install_error_handlers(app: FastAPI) -> None:
    """Register the API's own answer to schema errors (see the module docstring)."""
    app.add_exception_handler(RequestValidationError, _validation_error)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": [_described(e) for e in exc.errors()]}, status_code=422)


def _described(error: Any) -> dict[str, Any]:
    """One pydantic error as location, message and type; the offending input is left out.

    Invalid JSON gets the decoder's reason and position: ``"invalid JSON: Expecting value
    (at character 12)"``; a body that is JSON but not an object, ``"the body must be a JSON
    object"``.
    """
    loc: Sequence[Any] = error.get("loc", ())
    message = str(error.get("msg", "invalid value"))
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "not JSON")
        message = f"invalid JSON: {reason} (at character {loc[-1] if loc else 0})"
    elif error.get("type") == "model_attributes_type" and tuple(loc) == ("body",):
        message = "the body must be a JSON object"
    return {"loc": list(loc), "msg": message, "type": str(error.get("type", "value_error"))}


class RequestBoundary:
    """Request id, one log line per request, and a JSON 500 instead of an unhandled exception."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        inbound = dict(scope.get("headers", [])).get(b"x-request-id", b"").decode("latin-1")
        rid = inbound_request_id(inbound) or uuid.uuid4().hex
        token = request_id.set(rid)
        status: int | None = None
        started = time.perf_counter()

        async def send_tagged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [*message.get("headers", []), (b"x-request-id", rid.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_tagged)
        except Exception:
            log.exception("unhandled error while serving the request")
            if status is None:
                await send_detail(send_tagged, 500, f"internal error (request id {rid})")
        finally:
            fields = {
                "method": scope.get("method", ""),
                "path": scope.get("path", ""),
                "status": status,  # None: the client went away before an answer
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            }
            level = logging.INFO if status is not None and status < 500 else logging.ERROR
            log.log(level, "%(method)s %(path)s %(status)s", fields, extra=fields)
            request_id.reset(token)


async def send_detail(send: Send, status: int, detail: str) -> None:
    """Answer with ``{"detail": detail}`` straight from a middleware."""
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
