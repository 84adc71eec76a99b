"""Bounds on every request, enforced before (or around) the work it asks for.

- :class:`BodySizeLimit`: a body over ``max_body_bytes`` is refused with 413, unread.
- :class:`RequestTimeLimit`: a request still running after ``seconds`` is cancelled and
  answered 504, so a slow upstream cannot hold a connection (and its worker) for ever.
- :func:`require_json`: a route taking a JSON body refuses any other content type with 415.
"""

from __future__ import annotations

import asyncio
import contextlib
import re

from fastapi import HTTPException, Request, status
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import send_detail


class _TooLarge(Exception):
    pass


class BodySizeLimit:
    """Answer 413 when a request body exceeds ``max_bytes``, declared or streamed.

    A declared ``Content-Length`` over the limit is refused before reading anything; a
    chunked body is counted as it arrives and refused as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        received = 0
        exceeded = response_started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if exceeded:
                return  # the app's own answer to a body it could not read; ours is the 413
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        # FastAPI turns an error while reading the body into its own 400, so the refusal
        # cannot rely on _TooLarge reaching this frame.
        with contextlib.suppress(_TooLarge):
            await self.app(scope, counting_receive, guarded_send)
        if exceeded and not response_started:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        detail = f"request body too large: the limit is {self.max_bytes} bytes"
        await send_detail(send, status.HTTP_413_CONTENT_TOO_LARGE, detail)


class RequestTimeLimit:
    """Answer 504 when a request takes longer than ``seconds``; its work is cancelled.

    JSON answers are sent whole at the end, so a request over time has not sent anything yet
    and gets a clean 504; one cut off while sending (rare) just ends early.
    """

    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        deadline = asyncio.timeout(self.seconds)
        try:
            async with deadline:
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            if not deadline.expired():
                raise  # the app's own TimeoutError, not ours
            if not response_started:
                await send_detail(send, status.HTTP_504_GATEWAY_TIMEOUT, self._detail())

    def _detail(self) -> str:
        return (
            f"the request took longer than the limit of {self.seconds:g} s and was stopped; "
            "send fewer references per request, or use the job interface (POST /v1/jobs)"
        )


_JSON_MEDIA_TYPE = re.compile(r"application/(?:[\w.+-]+\+)?json")


def require_json(request: Request) -> None:
    """Refuse a body that is not declared JSON (``application/json`` or ``application/*+json``).

    ``Content-Type: text/plain`` gets ``415 unsupported content type 'text/plain': send
    application/json``; a charset parameter is fine.
    """
    declared = request.headers.get("content-type", "")
    media_type = declared.split(";", 1)[0].strip().lower()
    if _JSON_MEDIA_TYPE.fullmatch(media_type):
        return
    shown = f"'{media_type}'" if media_type else "(none)"
    raise HTTPException(
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
        detail=f"unsupported content type {shown}: send application/json",
    )
