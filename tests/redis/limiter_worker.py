"""One process of the contention test: ``python -m tests.redis.limiter_worker URL PREFIX N START``.

Waits until the epoch time START, then sends N requests at once through the shared Crossref-style
budget (3/s, 2 in flight), each "in flight" for HOLD_S, and prints a JSON list of
``[entered, left]`` epoch times, measured inside the limiter.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

from clients.redis_limiter import RedisLimiters
from clients.redis_link import RedisLink, connect

RATE_PER_S = 3
CONCURRENCY = 2
HOLD_S = 0.15


async def main(url: str, prefix: str, count: int, start_at: float) -> None:
    link = RedisLink(connect(url))
    limiter = RedisLimiters(link, prefix=prefix)(
        "crossref:list", limit=RATE_PER_S, cap="crossref", concurrency=CONCURRENCY
    )
    spans: list[list[float]] = []

    async def send() -> None:
        async with limiter:
            entered = time.time()
            await asyncio.sleep(HOLD_S)
            spans.append([entered, time.time()])

    await asyncio.sleep(max(0.0, start_at - time.time()))
    await asyncio.gather(*(send() for _ in range(count)))
    await link.aclose()
    print(json.dumps({"spans": spans, "shared": link.available}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
