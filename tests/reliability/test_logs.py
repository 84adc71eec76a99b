"""Log lines are JSON, carry the request id, and never show a secret."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from app.logs import (
    JsonFormatter,
    inbound_request_id,
    json_logging,
    redact,
    request_id,
    uvicorn_log_config,
)
from tests.reliability.support import (
    MAILTO,
    NCBI_API_KEY,
    in_process_app,
    in_process_settings,
)

KEY = "k-123secret"


REDACTIONS = {
    "known-value": (f"key {KEY} leaked", "key REDACTED leaked"),
    "percent-encoded-known-value": ("to me%40x.org", "to REDACTED"),
    "api-key-parameter": (
        "/esearch?term=a&api_key=zzz&x=1",
        "/esearch?term=a&api_key=REDACTED&x=1",
    ),
    "mailto-parameter": ("/works?mailto=a@b.org", "/works?mailto=REDACTED"),
    "email-parameter": ("/efetch?email=a%40b.org&tool=t", "/efetch?email=REDACTED&tool=t"),
    "user-agent": ("refcheck/0.1 (mailto:a@b.org)", "refcheck/0.1 (mailto:REDACTED)"),
    "clean": ("nothing to hide", "nothing to hide"),
}


@pytest.mark.parametrize(
    ("text", "shown"), [pytest.param(*pair, id=name) for name, pair in REDACTIONS.items()]
)
def test_redact_blanks_known_secrets_and_secret_parameters(text: str, shown: str) -> None:
    assert redact(text, [KEY, "me@x.org"]) == shown


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        pytest.param("trace-42", "trace-42", id="token"),
        pytest.param("a.b_c-9", "a.b_c-9", id="punctuation"),
        pytest.param("x" * 65, None, id="too-long"),
        pytest.param("a\nb", None, id="newline"),
        pytest.param('a" "b', None, id="quotes"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="absent"),
    ],
)
def test_only_a_plain_inbound_request_id_is_kept(header: str | None, accepted: str | None) -> None:
    assert inbound_request_id(header) == accepted


def render(record: logging.LogRecord, *, secrets: tuple[str, ...] = (KEY,)) -> dict[str, Any]:
    line = JsonFormatter(secrets=secrets).format(record)
    assert "\n" not in line
    return dict(json.loads(line))


def make_record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("refcheck.test", logging.WARNING, __file__, 1, message, args, None)
    record.__dict__.update(extra)
    return record


def test_a_record_renders_as_one_json_object_with_level_logger_and_message() -> None:
    line = render(make_record("retrying %s in %.1f s", "crossref", 0.5))

    assert (line["level"], line["logger"], line["message"]) == (
        "warning",
        "refcheck.test",
        "retrying crossref in 0.5 s",
    )
    assert line["ts"].endswith("+00:00")


def test_extra_fields_become_json_fields() -> None:
    line = render(make_record("done", status=200, duration_ms=12.5))

    assert (line["status"], line["duration_ms"]) == (200, 12.5)


def test_the_current_request_id_is_on_every_line_written_meanwhile() -> None:
    token = request_id.set("req-7")
    try:
        line = render(make_record("inside"))
    finally:
        request_id.reset(token)

    assert line["request_id"] == "req-7"
    assert "request_id" not in render(make_record("outside"))


def test_secrets_are_redacted_in_messages_arguments_extras_and_tracebacks() -> None:
    try:
        raise ValueError(f"upstream said api_key={KEY}")
    except ValueError:
        record = make_record("GET %s", f"/x?api_key={KEY}", url=f"/y?key={KEY}")
        record.exc_info = sys.exc_info()

    text = JsonFormatter(secrets=[KEY]).format(record)

    assert KEY not in text
    assert "Traceback" in json.loads(text)["exception"]


def test_a_lone_surrogate_in_a_message_cannot_break_the_line() -> None:
    line = render(make_record("odd \ud800 input"))

    assert line["message"] == "odd \ud800 input"


@pytest.fixture(name="stream")
def fixture_stream() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    with json_logging(secrets=[KEY], stream=stream):
        yield stream


def test_json_logging_sends_every_logger_through_one_json_handler(stream: io.StringIO) -> None:
    logging.getLogger("uvicorn.error").info("Application startup complete.")
    logging.getLogger("app.pipeline").warning("key %s", KEY)

    lines = [json.loads(line) for line in stream.getvalue().splitlines()]

    assert [line["logger"] for line in lines] == ["uvicorn.error", "app.pipeline"]
    assert lines[1]["message"] == "key REDACTED"


def test_json_logging_puts_the_previous_configuration_back() -> None:
    root = logging.getLogger()
    before = (list(root.handlers), root.level, logging.getLogger("httpx").level)

    with json_logging(stream=io.StringIO()):
        pass

    assert (list(root.handlers), root.level, logging.getLogger("httpx").level) == before


def test_the_uvicorn_log_config_renders_json_from_the_first_line() -> None:
    stream = io.StringIO()
    with json_logging(stream=io.StringIO()):  # restores whatever dictConfig changes
        config = uvicorn_log_config(secrets=[KEY])
        config["handlers"]["json"]["stream"] = stream
        logging.config.dictConfig(config)
        logging.getLogger("uvicorn.error").info("Started server process [%d] %s", 1, KEY)
        logging.getLogger("uvicorn.access").info("GET / 200")

    (line,) = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert line["message"] == "Started server process [1] REDACTED"


async def test_each_request_gets_an_id_in_its_response_and_its_log_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with in_process_app(in_process_settings(), upstream_budgets=False) as api:
        given = await api.client.get("/healthz", headers={"x-request-id": "trace-1"})
        fresh = await api.client.get("/healthz", headers={"x-request-id": "bad id!"})

    lines = [json.loads(x) for x in capsys.readouterr().err.splitlines() if x.startswith("{")]
    requests = [line for line in lines if line["logger"] == "refcheck.request"]
    assert given.headers["x-request-id"] == "trace-1"
    assert fresh.headers["x-request-id"] not in ("", "bad id!")
    assert [r["request_id"] for r in requests] == ["trace-1", fresh.headers["x-request-id"]]
    assert all(secret not in line for line in map(str, lines) for secret in (MAILTO, NCBI_API_KEY))


async def test_an_unhandled_error_is_a_json_500_with_the_request_id_and_the_trace_in_the_log(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async def boom() -> None:
        raise RuntimeError(f"internal detail api_key={NCBI_API_KEY}")

    async with in_process_app(in_process_settings(), upstream_budgets=False) as api:
        api.app.add_api_route("/boom", boom)
        reply = await api.client.get("/boom", headers={"x-request-id": "trace-500"})

    lines = [json.loads(x) for x in capsys.readouterr().err.splitlines() if x.startswith("{")]
    assert reply.status_code == 500
    assert reply.headers["content-type"] == "application/json"
    assert reply.json() == {"detail": "internal error (request id trace-500)"}
    (failure,) = [line for line in lines if "exception" in line]
    assert failure["request_id"] == "trace-500"
    assert "RuntimeError: internal detail api_key=REDACTED" in failure["exception"]
