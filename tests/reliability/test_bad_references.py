"""Every reference gets a result, however odd; one bad reference never sinks the list."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from app.models import Status
from tests.reliability.support import (
    InProcess,
    RecordingTransport,
    in_process_app,
    in_process_settings,
)

MAX_REFERENCE_CHARS = 2_000
FIDLER = (
    "Fidler IJ. The pathogenesis of cancer metastasis: the 'seed and soil' hypothesis revisited. "
    "Nat Rev Cancer. 2003;3:453–8."
)
TAIL = " Title of a study. Nature. 2001;410:50-6."

# Inputs no reference list should contain, and that every reference list eventually does.
ODD_REFERENCES = [
    pytest.param(bytes(range(256)).decode("latin-1"), id="binary-garbage"),
    pytest.param("Mueller A\x00\x01\x07\x1b[31m." + TAIL, id="control-characters"),
    pytest.param("Mueller A. " + "word " * 1_000 + TAIL, id="5-kB-line"),
    pytest.param("כהן א, מולר א. מחקר על גרורות. Nature. 2001;410:50-6.", id="right-to-left"),
    pytest.param("Mu\u0308ller A\u0301\u0327." + TAIL, id="combining-marks"),
    pytest.param("Mueller A 🧬🔬. A 🐭 study of 👩‍🔬. Nature. 2001;410:50-6.", id="emoji"),
    pytest.param("<script>alert(1)</script> Mueller A. <b>Title</b>." + TAIL, id="html-tags"),
    pytest.param("Robert'); DROP TABLE refs;-- ." + TAIL, id="sql"),
    pytest.param("Mueller A." + TAIL + ' doi:10.1038/nature%00<>"{}|\\^`', id="odd-doi"),
    pytest.param("Mueller A." + TAIL + " doi:10.1234/a,b/../../x", id="doi-with-comma"),
    pytest.param("Smith J. Title. PLoS One. 2012;7:e1–e12.", id="e-locator-pages"),
    pytest.param("Smith J. Title. Blood. 2012;120:S1-S5.", id="supplement-pages"),
    pytest.param("Smith J. Title. Ann Surg. 1990;XII:iv-xx.", id="roman-numerals"),
    pytest.param("Smith J. Title. Nature. 2006a;410:50-6.", id="year-with-letter"),
    pytest.param("Smith J. Title. Nature. In press.", id="in-press"),
    pytest.param("   ", id="blank"),
    pytest.param("", id="empty"),
]


@pytest.fixture(name="api")
async def fixture_api() -> AsyncIterator[InProcess]:
    settings = in_process_settings(max_reference_chars=MAX_REFERENCE_CHARS)
    async with in_process_app(settings, upstream_budgets=False) as api:
        yield api


async def verify(api: InProcess, references: list[str]) -> list[dict[str, object]]:
    reply = await api.client.post("/v1/verify", json={"references": references})
    assert reply.status_code == 200, reply.text
    results: list[dict[str, object]] = reply.json()["results"]
    return results


@pytest.mark.parametrize("odd", ODD_REFERENCES)
async def test_an_odd_reference_gets_a_result_and_the_next_one_is_still_verified(
    api: InProcess, odd: str
) -> None:
    odd_result, fidler = await verify(api, [odd, FIDLER])

    assert odd_result["status"] in set(Status)
    assert odd_result["status"] == "verified" or odd_result["reason"]
    assert fidler["status"] == "verified"


async def test_all_odd_references_in_one_list_each_get_a_result_in_order(api: InProcess) -> None:
    odd = [str(p.values[0]) for p in ODD_REFERENCES]

    results = await verify(api, [*odd, FIDLER])

    assert [r["index"] for r in results] == list(range(1, len(odd) + 2))
    assert results[-1]["status"] == "verified"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Mueller A. " + "word " * 20_000 + TAIL, id="100-kB-line"),
        pytest.param("x" * (MAX_REFERENCE_CHARS + 1), id="one-over-the-limit"),
    ],
)
async def test_a_reference_over_the_length_limit_is_an_error_and_never_searched(
    api: InProcess, text: str
) -> None:
    too_long, fidler = await verify(api, [text, FIDLER])

    assert too_long["status"] == "error"
    assert f"the limit is {MAX_REFERENCE_CHARS}" in str(too_long["reason"])
    assert fidler["status"] == "verified"
    assert all(len(str(r.url)) < MAX_REFERENCE_CHARS for r in api.upstream.requests)


@pytest.mark.parametrize(
    "text",
    [pytest.param("", id="empty"), pytest.param(" \t\n ", id="whitespace")],
)
async def test_an_empty_reference_is_an_error_saying_so(api: InProcess, text: str) -> None:
    (result,) = await verify(api, [text])

    assert (result["status"], result["reason"]) == ("error", "empty reference: nothing to check")


async def test_a_lone_surrogate_is_replaced_not_a_500(api: InProcess) -> None:
    body = b'{"references": ["Mueller A\\ud800. Title. Nature. 2001;410:50-6."]}'

    reply = await api.client.post(
        "/v1/verify", content=body, headers={"content-type": "application/json"}
    )

    assert reply.status_code == 200
    assert reply.json()["results"][0]["input"].startswith("Mueller A\ufffd.")


async def test_control_characters_are_not_echoed_back(api: InProcess) -> None:
    (result,) = await verify(api, ["Mueller A\x00\x1b[31m." + TAIL])

    assert "\x00" not in str(result["input"])
    assert "\x1b" not in str(result["input"])


class PoisonedTransport(RecordingTransport):
    """An upstream path that breaks in a way no client expects, for one marked reference."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if b"Poison" in request.url.raw_path or b"Poison" in request.content:
            raise RuntimeError("unexpected failure inside the upstream client")
        return await super().handle_async_request(request)


async def test_an_unexpected_error_while_looking_one_reference_up_fails_only_that_one() -> None:
    poisoned = "Poison P. A study that breaks the client. Nature. 2001;410:50-6."
    async with in_process_app(upstream_budgets=False, recorder=PoisonedTransport) as api:
        results = await verify(api, [FIDLER, poisoned, FIDLER.replace("2003", "2004")])

    assert [r["status"] for r in results] == ["verified", "error", "mismatch"]
    assert "could not look this reference up" in str(results[1]["reason"])


async def test_list_items_sent_with_their_numbers_are_read_without_them(api: InProcess) -> None:
    """A JSON list copied with its numbering: the number is the label, not a first author."""
    (result,) = await verify(api, ["12. " + FIDLER])
    assert (result["label"], result["status"]) == ("12", "verified")
