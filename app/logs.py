"""Structured logs: one JSON object per line, tagged with the request id, secrets redacted.

The service's lifespan runs inside :func:`json_logging` (``create_app``); from then on every
record, uvicorn's included, renders as one line, e.g. the line
:class:`app.api.errors.RequestBoundary` writes per request::

    {"ts": "2026-03-01T12:00:00.000+00:00", "level": "info", "logger": "refcheck.request",
     "message": "POST /v1/verify 200", "request_id": "5f0c…", "method": "POST",
     "path": "/v1/verify", "status": 200, "duration_ms": 812.4}

Redaction is the last step before a line is written, so no caller can forget it: every known
secret (the NCBI API key, the contact e-mail, raw or percent-encoded) becomes ``REDACTED``, and so
does the value of any ``api_key=``, ``email=`` or ``mailto=`` parameter and any ``mailto:``
address, known or not: ``"GET /esearch.fcgi?term=x&api_key=abc"`` is logged as
``"GET /esearch.fcgi?term=x&api_key=REDACTED"``.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, TextIO
from urllib.parse import quote

REDACTED: Final = "REDACTED"
REQUEST_LOGGER: Final = "refcheck.request"

# The id of the HTTP request being served, if any; every log line written meanwhile carries it.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

_SECRET_PARAM_RE = re.compile(r"(?i)\b(api_key=|email=|mailto[=:])([^&\s\"'),;\\]+)")
_INBOUND_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Attributes every LogRecord has (and uvicorn's ANSI-coloured copy of the message); anything
# else was passed as ``extra=`` and is logged as a field.
_NOT_FIELDS: Final = frozenset(
    set(vars(logging.LogRecord("", 0, "", 0, "", None, None)))
    | {"message", "asctime", "taskName", "color_message"}
)
# Quiet by default: httpx logs every upstream request at INFO, uvicorn every access; the
# request line of RequestBoundary replaces both.
_QUIETED: Final = {"httpx": logging.WARNING, "httpcore": logging.WARNING}


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Blank out known secret values and the values of secret-bearing parameters in ``text``.

    >>> redact("email=me%40x.org&tool=refcheck key k1", ["k1"])
    'email=REDACTED&tool=refcheck key REDACTED'
    """
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED).replace(quote(secret, safe=""), REDACTED)
    return _SECRET_PARAM_RE.sub(lambda m: f"{m.group(1)}{REDACTED}", text)


def inbound_request_id(value: str | None) -> str | None:
    """A caller's ``X-Request-ID`` if it is a plain token (at most 64 of ``[A-Za-z0-9._-]``).

    Anything else is ignored, so a header cannot inject text into the logs:
    ``inbound_request_id("abc-1")`` is ``"abc-1"``, ``inbound_request_id("a\\nb")`` is ``None``.
    """
    if value is not None and _INBOUND_ID_RE.fullmatch(value):
        return value
    return None


class JsonFormatter(logging.Formatter):
    """Render a record as one JSON line: time, level, logger, message, request id, extras."""

    def __init__(self, *, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = request_id.get()
        if current is not None:
            payload["request_id"] = current
        for key, value in vars(record).items():
            if key not in _NOT_FIELDS and not key.startswith("_"):
                payload[key] = value
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps({key: self._safe(value) for key, value in payload.items()})

    def _safe(self, value: object) -> object:
        """A JSON-ready value with every secret redacted (anything unusual becomes text)."""
        if value is None or isinstance(value, bool | int | float):
            return value
        return redact(value if isinstance(value, str) else str(value), self.secrets)


class _JsonHandler(logging.StreamHandler[TextIO]):
    """The handler :func:`configure_logging` installs (a type of its own, so it can be found)."""


def configure_logging(
    *, secrets: Iterable[str] = (), level: int = logging.INFO, stream: TextIO | None = None
) -> logging.Handler:
    """Send every log record (uvicorn's too) to ``stream`` as JSON lines; returns the handler.

    Calling it again replaces the handler it installed before. uvicorn's access log is turned
    off: :class:`app.api.errors.RequestBoundary` writes one richer line per request instead.
    """
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _JsonHandler)]:
        root.removeHandler(old)
    handler = _JsonHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(JsonFormatter(secrets=secrets))
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True
    for name, quiet_level in _QUIETED.items():
        logging.getLogger(name).setLevel(quiet_level)
    return handler


def uvicorn_log_config(*, secrets: Iterable[str] = ()) -> dict[str, Any]:
    """A ``log_config`` for ``uvicorn.run``: JSON lines from uvicorn's very first one.

    Without it uvicorn writes its first lines ("Started server process") in its own format,
    before the app's lifespan calls :func:`configure_logging`.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter, "secrets": list(secrets)}},
        "handlers": {
            "json": {"()": _JsonHandler, "formatter": "json", "stream": "ext://sys.stderr"}
        },
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            "uvicorn.access": {"handlers": [], "propagate": False, "level": "WARNING"},
        },
        "root": {"handlers": ["json"], "level": "INFO"},
    }


@contextmanager
def json_logging(
    *, secrets: Iterable[str] = (), level: int = logging.INFO, stream: TextIO | None = None
) -> Iterator[logging.Handler]:
    """:func:`configure_logging` for the duration of a block (a server's lifespan), then undo it.

    Undoing matters in tests, where many apps start and stop in one process.
    """
    saved = _LoggingState.capture()
    try:
        yield configure_logging(secrets=secrets, level=level, stream=stream)
    finally:
        saved.restore()


@dataclass(frozen=True, slots=True)
class _LoggerState:
    level: int
    handlers: tuple[logging.Handler, ...]
    propagate: bool
    disabled: bool


@dataclass(frozen=True, slots=True)
class _LoggingState:
    """What :func:`configure_logging` changes, captured so it can be put back."""

    loggers: dict[str, _LoggerState]

    @classmethod
    def capture(cls) -> _LoggingState:
        names = ["", "uvicorn", "uvicorn.error", "uvicorn.access", *_QUIETED]
        loggers = {name: logging.getLogger(name) for name in names}
        return cls(
            {
                name: _LoggerState(lg.level, tuple(lg.handlers), lg.propagate, lg.disabled)
                for name, lg in loggers.items()
            }
        )

    def restore(self) -> None:
        for name, state in self.loggers.items():
            lg = logging.getLogger(name)
            lg.setLevel(state.level)
            lg.handlers[:] = state.handlers
            lg.propagate = state.propagate
            lg.disabled = state.disabled
