"""Properties over inputs that vary without limit: the normalisers, the sanitizer, the redactor
and the whole pipeline never raise, and what they return is stable and safe to send on.

Parser and comparator totality are already specified in tests/parsing/test_styles.py and
tests/test_compare.py; these add what a service needs on top.
"""

from __future__ import annotations

import asyncio
import json

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.schemas import VerifyResponse
from app.extract import sanitize
from app.logs import redact
from app.models import RawReference, Report
from app.normalize import clean_text, fold, normalize_doi
from app.pipeline import verify_references
from tests.fake_upstream import create_app as create_fake_upstream
from tests.reliability.support import FAST_FAKE, chapter_store, fast_resolver

# Any code point at all, lone surrogates included (JSON lets "\ud800" through).
ANY_CHARACTER = st.characters(exclude_categories=())
ANY_TEXT = st.text(ANY_CHARACTER, max_size=400)
REFERENCE_LIKE = st.builds(
    "{}. {}. {}. {};{}:{}-{}.".format,
    st.text(max_size=30),
    st.text(max_size=60),
    st.sampled_from(["Nature", "Cell", "Nat Rev Cancer", "Ann Surg", "In press", "Cancer"]),
    st.sampled_from(["2001", "2006a", "1990", "in press", "XII", ""]),
    st.integers(0, 999),
    st.sampled_from(["1", "e1", "S1", "iv", "453"]),
    st.sampled_from(["8", "e12", "S5", "xx", "95"]),
)
REFERENCES = st.lists(ANY_TEXT | REFERENCE_LIKE, max_size=4)


def is_sendable(text: str) -> bool:
    """Text that encodes as UTF-8 (no lone surrogates), as JSON and URLs need."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@given(ANY_TEXT)
def test_clean_text_is_idempotent(text: str) -> None:
    assert clean_text(clean_text(text)) == clean_text(text)


@given(ANY_TEXT)
def test_fold_always_gives_text(text: str) -> None:
    assert isinstance(fold(text), str)


@given(st.one_of(ANY_TEXT, st.from_regex(r"(doi:|https://doi\.org/)?10\.\d{4,9}/\S{1,40}")))
def test_a_normalized_doi_is_lower_case_and_starts_with_10(text: str) -> None:
    doi = normalize_doi(text)
    assert doi is None or (doi.startswith("10.") and doi == doi.lower())


@given(ANY_TEXT)
def test_sanitize_gives_sendable_text_without_controls_and_is_idempotent(text: str) -> None:
    clean = sanitize(text)
    assert is_sendable(clean)
    assert all(ch in "\n\t" or ord(ch) >= 32 for ch in clean if ord(ch) < 127)
    assert sanitize(clean) == clean


@given(before=ANY_TEXT, after=ANY_TEXT, secret=st.text("abcdef0123456789@.-", min_size=8))
def test_a_known_secret_never_survives_redaction(before: str, after: str, secret: str) -> None:
    assert secret not in redact(before + secret + after, [secret])


async def verify(texts: list[str]) -> Report:
    fake = create_fake_upstream(chapter_store(), config=FAST_FAKE)
    async with fast_resolver(httpx.ASGITransport(app=fake)) as resolver:
        references = [RawReference(index=i, text=t) for i, t in enumerate(texts, start=1)]
        return await verify_references(references, resolver)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REFERENCES)
def test_any_reference_list_gets_one_sendable_result_per_reference_in_order(
    texts: list[str],
) -> None:
    report = asyncio.run(verify(texts))

    assert [r.index for r in report.results] == list(range(1, len(texts) + 1))
    assert report.summary["total"] == len(texts)
    wire = VerifyResponse.of(report).model_dump_json()
    assert len(json.loads(wire)["results"]) == len(texts)
