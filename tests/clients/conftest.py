"""Fixtures for the client tests: recorded samples, a fake clock, and clients on fake upstreams."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from clients import CrossrefClient, PubMedClient

from .fakes import CROSSREF_BASE, FAST_RETRY, PUBMED_BASE, FakeClock, FakeUpstream, Samples


@pytest.fixture(name="samples")
def samples_fixture() -> Samples:
    return Samples()


@pytest.fixture(name="serve")
def serve_fixture() -> Callable[..., FakeUpstream]:
    """``serve(reply, reply, ...)``: a fake upstream answering with these replies in turn."""
    return FakeUpstream


@pytest.fixture(name="clock")
def clock_fixture() -> FakeClock:
    return FakeClock()


@pytest.fixture(name="make_crossref")
async def make_crossref_fixture(clock: FakeClock) -> AsyncIterator[Callable[..., CrossrefClient]]:
    """Build Crossref clients on a fake upstream and the fake clock; all closed after the test."""
    made: list[CrossrefClient] = []

    def make(upstream: FakeUpstream, **options: Any) -> CrossrefClient:
        options.setdefault("mailto", "team@example.org")
        options.setdefault("retry", FAST_RETRY)
        options.setdefault("base_url", CROSSREF_BASE)
        client = CrossrefClient(
            transport=upstream.transport, clock=clock, sleep=clock.sleep, **options
        )
        made.append(client)
        return client

    yield make
    for client in made:
        await client.aclose()


@pytest.fixture(name="make_pubmed")
async def make_pubmed_fixture(clock: FakeClock) -> AsyncIterator[Callable[..., PubMedClient]]:
    """Build PubMed clients on a fake upstream and the fake clock; all closed after the test."""
    made: list[PubMedClient] = []

    def make(upstream: FakeUpstream, **options: Any) -> PubMedClient:
        options.setdefault("email", "team@example.org")
        options.setdefault("retry", FAST_RETRY)
        options.setdefault("base_url", PUBMED_BASE)
        client = PubMedClient(
            transport=upstream.transport, clock=clock, sleep=clock.sleep, **options
        )
        made.append(client)
        return client

    yield make
    for client in made:
        await client.aclose()
