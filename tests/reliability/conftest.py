"""Reliability fixtures: one real fake upstream on 127.0.0.1 for the suites that need sockets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import CHAPTER_RECORDS
from tests.fake_upstream import FakeServer, running_fake_upstream


@pytest.fixture(name="fake", scope="session")
def fixture_fake() -> Iterator[FakeServer]:
    """The fake upstream with the chapter's records; tests reset it before configuring it."""
    with running_fake_upstream([CHAPTER_RECORDS]) as fake:
        yield fake


@pytest.fixture(name="healthy_fake")
def fixture_healthy_fake(fake: FakeServer) -> Iterator[FakeServer]:
    """The session's fake, healthy, with empty counters, and reset again afterwards."""
    fake.reset()
    yield fake
    fake.reset()
