"""Fixtures for the fake upstream's own tests: the chapter store and in-process clients."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fake_upstream import FakeConfig, Store, create_app

CHAPTER_RECORDS = Path(__file__).resolve().parents[1] / "data" / "chapter" / "records.jsonl"
SAMPLES = Path("/work/shared/upstream-samples")

ClientFactory = Callable[..., httpx.AsyncClient]


@pytest.fixture(name="store", scope="session")
def _store() -> Store:
    return Store.from_jsonl(CHAPTER_RECORDS)


@pytest.fixture(name="fake")
def _fake(store: Store) -> ClientFactory:
    """``fake(**config_patch)`` -> an httpx client wired to a fresh in-process fake."""

    def make(**patch: Any) -> httpx.AsyncClient:
        app = create_app(store, config=FakeConfig().merged(patch))
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://fake")

    return make


def work(store: Store, ref: int) -> Any:
    """The chapter record registered for reference ``ref``."""
    return next(w for w in store.works if w.ref == ref)
