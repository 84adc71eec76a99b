"""Two real ``refcheck serve`` processes sharing Redis stay within the upstream's published
limits as one client would: the fake upstream (enforcing Crossref's 3 searches/s and 3
concurrent, NCBI's 3/s) never answers 429 and never sees more than 3 Crossref calls in flight."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import CHAPTER_RECORDS
from tests.fake_upstream.server import running_fake_upstream

from .server import RedisServer
from .several_processes import burst, chapter_chunks, running_services, upstream_pressure

CROSSREF_CONCURRENCY = 3
# Each Crossref answer takes this long, so 3 searches/s would want 4-5 in flight at once.
CROSSREF_LATENCY_S = 1.5


@pytest.mark.timeout(240)
async def test_two_processes_sharing_redis_get_no_429(own_redis: RedisServer, tmp_path) -> None:
    chunks = chapter_chunks()
    with (
        running_fake_upstream(
            [CHAPTER_RECORDS], crossref={"latency_s": CROSSREF_LATENCY_S}
        ) as fake,
        running_services(2, fake, redis_url=own_redis.url, cache_dir=tmp_path) as bases,
    ):
        result = await burst(bases, chunks)
        pressure = upstream_pressure(fake.stats())

    print(f"2 processes, cold: {result.results} references in {result.elapsed_s:.1f} s")
    assert result.statuses == [200] * len(chunks)
    assert result.results == sum(len(chunk) for chunk in chunks)
    assert pressure["sent_429"] == 0
    assert pressure["crossref_max_in_flight"] == CROSSREF_CONCURRENCY  # used, never exceeded
