"""Bad requests to POST /v1/verify get a clear 4xx in JSON, never a 500 or an echo of the body."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pydantic
import pytest

from app.settings import Settings
from tests.reliability.support import InProcess, in_process_app, in_process_settings

MAX_BODY_BYTES = 64 * 1024
MAX_REFERENCES = 500
FIDLER = (
    "Fidler IJ. The pathogenesis of cancer metastasis: the 'seed and soil' hypothesis revisited. "
    "Nat Rev Cancer. 2003;3:453–8."
)


@pytest.fixture(name="api")
async def fixture_api() -> AsyncIterator[InProcess]:
    settings = in_process_settings(max_body_bytes=MAX_BODY_BYTES, max_references=MAX_REFERENCES)
    async with in_process_app(settings, upstream_budgets=False) as api:
        yield api


async def post(api: InProcess, body: bytes, content_type: str | None) -> httpx.Response:
    headers = {"content-type": content_type} if content_type else {}
    return await api.client.post("/v1/verify", content=body, headers=headers)


def test_the_default_body_limit_is_at_most_16_mb() -> None:
    assert Settings(_env_file=None).max_body_bytes <= 16 * 1024 * 1024  # type: ignore[call-arg]


async def test_a_body_over_the_limit_gets_413_naming_the_limit(api: InProcess) -> None:
    reply = await post(api, b'{"text": "' + b"x" * MAX_BODY_BYTES + b'"}', "application/json")

    assert reply.status_code == 413
    assert reply.headers["content-type"] == "application/json"
    assert f"the limit is {MAX_BODY_BYTES} bytes" in reply.json()["detail"]


async def test_a_streamed_body_over_the_limit_gets_413_too(api: InProcess) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(8):
            yield b"x" * (MAX_BODY_BYTES // 4)
        yield b'"}'

    reply = await api.client.post(
        "/v1/verify", content=chunks(), headers={"content-type": "application/json"}
    )

    assert reply.status_code == 413
    assert str(MAX_BODY_BYTES) in reply.json()["detail"]


@pytest.mark.parametrize(
    "content_type",
    [
        pytest.param("text/plain", id="text"),
        pytest.param("application/x-www-form-urlencoded", id="form"),
        pytest.param("multipart/form-data; boundary=x", id="multipart"),
        pytest.param("application/xml", id="xml"),
        pytest.param(None, id="none"),
    ],
)
async def test_a_body_not_declared_json_gets_415(api: InProcess, content_type: str | None) -> None:
    reply = await post(api, b'{"references": []}', content_type)

    assert reply.status_code == 415
    assert reply.headers["content-type"] == "application/json"
    assert "send application/json" in reply.json()["detail"]


@pytest.mark.parametrize(
    "content_type",
    [
        pytest.param("application/json; charset=utf-8", id="with-charset"),
        pytest.param("Application/JSON", id="any-case"),
    ],
)
async def test_json_with_a_charset_or_in_any_case_is_accepted(
    api: InProcess, content_type: str
) -> None:
    reply = await post(api, b'{"references": []}', content_type)

    assert reply.status_code == 200


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(b"{not json", "invalid JSON: Expecting property name", id="broken-json"),
        pytest.param(b'{"text": "x"', "invalid JSON", id="truncated-json"),
        pytest.param(b"[1, 2]", "the body must be a JSON object", id="array"),
        pytest.param(b'"text"', "the body must be a JSON object", id="string"),
        pytest.param(b'{"references": "x"}', "valid list", id="references-not-a-list"),
        pytest.param(b'{"references": [1, 2]}', "valid string", id="reference-not-a-string"),
        pytest.param(b'{"text": 42}', "valid string", id="text-not-a-string"),
        pytest.param(b"{}", "send exactly one of", id="neither-field"),
        pytest.param(b'{"references": [], "text": ""}', "send exactly one of", id="both"),
        pytest.param(b'{"text": "x", "crossref_url": "http://evil/"}', "Extra inputs", id="extra"),
    ],
)
async def test_a_body_of_the_wrong_shape_gets_422_saying_what_is_wrong(
    api: InProcess, body: bytes, message: str
) -> None:
    reply = await post(api, body, "application/json")

    assert reply.status_code == 422
    assert reply.headers["content-type"] == "application/json"
    errors = reply.json()["detail"]
    assert any(message in error["msg"] for error in errors), errors
    assert all(set(error) == {"loc", "msg", "type"} for error in errors), "no echo of the input"


async def test_a_422_never_echoes_the_body_back(api: InProcess) -> None:
    payload = "y" * 50_000
    reply = await post(api, b'{"references": "' + payload.encode() + b'"}', "application/json")

    assert reply.status_code == 422
    assert payload not in reply.text
    assert len(reply.content) < 1000


async def test_deeply_nested_json_gets_a_4xx_not_a_500(api: InProcess) -> None:
    reply = await post(api, b"[" * 100_000 + b"]" * 100_000, "application/json")

    assert 400 <= reply.status_code < 500
    assert reply.headers["content-type"] == "application/json"


async def test_an_empty_list_gets_200_and_an_empty_result(api: InProcess) -> None:
    reply = await post(api, b'{"references": []}', "application/json")

    assert reply.status_code == 200
    assert reply.json()["results"] == []


async def test_too_many_references_get_413_naming_the_limit(api: InProcess) -> None:
    reply = await api.client.post("/v1/verify", json={"references": ["x"] * (MAX_REFERENCES + 1)})

    assert reply.status_code == 413
    assert f"the limit for one request is {MAX_REFERENCES}" in reply.json()["detail"]


async def test_500_references_are_accepted_in_one_request(api: InProcess) -> None:
    """Review articles cite hundreds; the same work cited 500 times is looked up once."""
    reply = await api.client.post("/v1/verify", json={"references": [FIDLER] * MAX_REFERENCES})

    assert reply.status_code == 200
    summary = reply.json()["summary"]
    assert (summary["verified"], summary["total"]) == (MAX_REFERENCES, MAX_REFERENCES)


def test_the_reference_limit_cannot_be_set_below_500() -> None:
    with pytest.raises(pydantic.ValidationError):
        Settings(_env_file=None, max_references=499)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        pytest.param("GET", "/v1/verify", 405, id="wrong-method"),
        pytest.param("POST", "/v1/nowhere", 404, id="unknown-path"),
    ],
)
async def test_routing_errors_are_json(api: InProcess, method: str, path: str, status: int) -> None:
    reply = await api.client.request(method, path, json={})

    assert reply.status_code == status
    assert reply.headers["content-type"] == "application/json"
