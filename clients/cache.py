"""A cache of upstream answers, so a repeated lookup costs no request and no rate budget.

Only answers are cached: a 200 whose body parsed, and Crossref's 404 for an unknown DOI
(a negative entry, kept for a shorter time). Failures (5xx, 429, timeouts) never are.
The HTTP layer consults the cache *before* the rate limiter, so a hit is free.

The key is the SHA-256 of the normalised request: method, URL without query, and the sorted
query/form parameters without the identity parameters (``api_key``, ``email``, ``mailto``,
``tool``), so changing the API key or contact address keeps the cache::

    cache_key("GET", "https://api.crossref.org/works", [("rows", "5"), ("mailto", "a@b.org")])
    == cache_key("GET", "https://api.crossref.org/works", [("rows", "5")])
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

from clients._ratelimit import Clock
from clients._secrets import SECRET_PARAMS

log = logging.getLogger(__name__)

KEY_EXCLUDED_PARAMS: Final = SECRET_PARAMS | {"tool"}
DEFAULT_MEMORY_ENTRIES: Final = 10_000


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """The parts of an HTTP answer kept: ``CachedResponse(200, b"{…}", "application/json")``."""

    status: int
    body: bytes
    content_type: str = ""


@dataclass(slots=True)
class CacheStats:
    """Lookups served from the cache (hits) and passed on to the upstream (misses)."""

    hits: int = 0
    misses: int = 0

    def record(self, *, hit: bool) -> None:
        if hit:
            self.hits += 1
        else:
            self.misses += 1


class ResponseCache(Protocol):
    """Where upstream answers are kept between identical requests."""

    @property
    def stats(self) -> CacheStats: ...

    async def get(self, key: str) -> CachedResponse | None:
        """The unexpired answer stored under ``key``, or ``None``."""
        ...

    async def set(self, key: str, response: CachedResponse, ttl_s: float) -> None:
        """Keep ``response`` under ``key`` for ``ttl_s`` seconds."""
        ...


def cache_key(method: str, url: str, params: Iterable[tuple[str, str]]) -> str:
    """The cache key of one request (see the module docstring); ``url`` has no query string."""
    kept = sorted((name, value) for name, value in params if name not in KEY_EXCLUDED_PARAMS)
    canonical = json.dumps([method.upper(), url, kept], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class MemoryResponseCache:
    """An in-process cache holding at most ``max_entries`` answers (oldest evicted first)."""

    def __init__(
        self, *, max_entries: int = DEFAULT_MEMORY_ENTRIES, clock: Clock = time.time
    ) -> None:
        self.stats = CacheStats()
        self._entries: OrderedDict[str, tuple[float, CachedResponse]] = OrderedDict()
        self._max_entries = max_entries
        self._clock = clock

    async def get(self, key: str) -> CachedResponse | None:
        entry = self._entries.get(key)
        if entry is not None and entry[0] <= self._clock():
            del self._entries[key]
            entry = None
        self.stats.record(hit=entry is not None)
        return entry[1] if entry is not None else None

    async def set(self, key: str, response: CachedResponse, ttl_s: float) -> None:
        self._entries[key] = (self._clock() + ttl_s, response)
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)


_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS responses (
    key          TEXT PRIMARY KEY,
    status       INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    body         BLOB NOT NULL,
    expires_at   REAL NOT NULL  -- seconds since the epoch
)
"""


class SQLiteResponseCache:
    """A cache in one SQLite file (WAL mode), shared by every process that opens the same path.

    Each operation opens its own connection in a worker thread (``asyncio.to_thread``), so the
    event loop never blocks on disk and no connection crosses threads. Expired rows are
    ignored on read and purged when the cache is opened. A cache that cannot be read or
    written (locked, disk full) is logged and skipped: it never fails a lookup.
    """

    def __init__(self, path: str | Path, *, clock: Clock = time.time) -> None:
        self.path = Path(path)
        self.stats = CacheStats()
        self._clock = clock
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as conn, conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)
            conn.execute("DELETE FROM responses WHERE expires_at <= ?", (self._clock(),))

    async def get(self, key: str) -> CachedResponse | None:
        try:
            found = await asyncio.to_thread(self._read, key, self._clock())
        except sqlite3.Error as exc:
            log.warning("response cache %s unreadable: %s", self.path, exc)
            found = None
        self.stats.record(hit=found is not None)
        return found

    async def set(self, key: str, response: CachedResponse, ttl_s: float) -> None:
        try:
            await asyncio.to_thread(self._write, key, response, self._clock() + ttl_s)
        except sqlite3.Error as exc:
            log.warning("response cache %s unwritable: %s", self.path, exc)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10.0)

    def _read(self, key: str, now: float) -> CachedResponse | None:
        with closing(self._connect()) as conn:
            row = conn.execute(
                "SELECT status, body, content_type FROM responses WHERE key = ? AND expires_at > ?",
                (key, now),
            ).fetchone()
        if row is None:
            return None
        status, body, content_type = row
        return CachedResponse(status=int(status), body=bytes(body), content_type=str(content_type))

    def _write(self, key: str, response: CachedResponse, expires_at: float) -> None:
        with closing(self._connect()) as conn, conn:
            conn.execute(
                "INSERT OR REPLACE INTO responses (key, status, content_type, body, expires_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (key, response.status, response.content_type, response.body, expires_at),
            )
