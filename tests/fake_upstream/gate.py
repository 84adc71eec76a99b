"""The path every upstream call takes: count it, refuse it if over budget, maybe break it.

Order per call: record the arrival -> ``down``? 503 -> over the rate or concurrency budget?
429 -> fixed latency -> roll for a fault -> answer (with the upstream's rate headers).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from starlette.responses import JSONResponse, Response

from tests.fake_upstream.config import FakeConfig, FaultKind, UpstreamFaults
from tests.fake_upstream.faults import (
    FaultPicker,
    ResetResponse,
    server_error,
    too_many_requests,
    truncated,
)
from tests.fake_upstream.limits import Budget, RateLimiter
from tests.fake_upstream.stats import Stats

Upstream = Literal["crossref", "pubmed"]
Respond = Callable[[], Awaitable[Response]]

_SERVER_ERRORS = {FaultKind.HTTP_500: 500, FaultKind.HTTP_502: 502, FaultKind.HTTP_503: 503}


@dataclass(frozen=True, slots=True)
class Call:
    """One upstream request as the gate sees it.

    ``caller`` is what NCBI's 429 body names (the API key, else the client address);
    ``advertised_per_s`` is the limit the rate headers announce.
    """

    upstream: Upstream
    kind: str
    budget: Budget
    advertised_per_s: int
    caller: str = ""


class Gate:
    """Holds the live config, the limiter, the fault RNG and the counters."""

    def __init__(self, config: FakeConfig) -> None:
        self._initial = config
        self._start(config)

    def _start(self, config: FakeConfig) -> None:
        self.config = config
        self.stats = Stats()
        self.limiter = RateLimiter(config.limits.window_s)
        self.picker = FaultPicker(config.seed)

    def reset(self) -> None:
        """Back to the start-up config, with empty counters, windows and a re-seeded RNG."""
        self._start(self._initial)

    def configure(self, patch: dict[str, object]) -> FakeConfig:
        """Merge ``patch`` into the live config (raises pydantic's ValidationError if invalid)."""
        new = self.config.merged(patch)
        if new.seed != self.config.seed:
            self.picker = FaultPicker(new.seed)
        self.limiter.window_s = new.limits.window_s
        self.config = new
        return new

    def _faults(self, upstream: Upstream) -> UpstreamFaults:
        return self.config.crossref if upstream == "crossref" else self.config.pubmed

    async def handle(self, call: Call, respond: Respond) -> Response:
        """Answer ``call``: a refusal, an injected fault, or ``respond()`` with rate headers."""
        faults = self._faults(call.upstream)
        now = time.monotonic()
        self.stats.arrived(call.upstream, call.kind, call.budget.name, call.budget.group, now)
        try:
            if faults.down:
                return server_error(503)
            enforced = self.config.rate_limit
            if enforced and not self.limiter.try_admit(call.budget, now):
                self.stats.refused(call.upstream)
                return self._refusal(call, self.config.retry_after_s)
            try:
                if faults.latency_s:
                    await asyncio.sleep(faults.latency_s)
                return await self._answer(call, faults, respond)
            finally:
                if enforced:
                    self.limiter.release(call.budget)
        finally:
            self.stats.departed(call.upstream, call.budget.group)

    async def _answer(self, call: Call, faults: UpstreamFaults, respond: Respond) -> Response:
        fault = self.picker.pick(faults, call.upstream)
        if fault is None:
            return self._with_rate_headers(await respond(), call)
        self.stats.faulted(call.upstream, fault.value)
        if fault in _SERVER_ERRORS:
            return server_error(_SERVER_ERRORS[fault])
        if fault is FaultKind.RATE_LIMITED:
            return self._refusal(call, None)
        if fault is FaultKind.RATE_LIMITED_RETRY_AFTER:
            return self._refusal(call, self.config.retry_after_s or 1)
        if fault is FaultKind.BAD_SHAPE:
            return self._with_rate_headers(JSONResponse({"status": "ok", "message": None}), call)
        if fault is FaultKind.STALL:
            await asyncio.sleep(faults.stall_s)
        response = self._with_rate_headers(await respond(), call)
        if fault is FaultKind.TRUNCATED:
            return truncated(response)
        if fault is FaultKind.CONNECTION_RESET:
            return ResetResponse(response)
        return response

    def _refusal(self, call: Call, retry_after_s: int | None) -> Response:
        used = self.limiter.used(call.budget, time.monotonic())
        return too_many_requests(
            call.upstream, retry_after_s=retry_after_s, limit=call.budget.per_s,
            count=used + 1, caller=call.caller,
        )  # fmt: skip

    def _with_rate_headers(self, response: Response, call: Call) -> Response:
        if call.upstream == "crossref":
            response.headers["x-rate-limit-limit"] = str(call.advertised_per_s)
            response.headers["x-rate-limit-interval"] = "1s"
            response.headers["x-concurrency-limit"] = str(call.budget.concurrency or 1)
            response.headers["x-api-pool"] = call.budget.group.split(":", 1)[1]
            response.headers["server"] = "Jetty(9.4.40.v20210413)"
            response.headers["access-control-allow-origin"] = "*"
        else:
            used = self.limiter.used(call.budget, time.monotonic()) if self.config.rate_limit else 0
            response.headers["X-RateLimit-Limit"] = str(call.advertised_per_s)
            response.headers["X-RateLimit-Remaining"] = str(max(call.budget.per_s - used, 0))
            response.headers["Access-Control-Expose-Headers"] = (
                "X-RateLimit-Limit,X-RateLimit-Remaining"
            )
            response.headers["Server"] = "Finatra"
        return response
