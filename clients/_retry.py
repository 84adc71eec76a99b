"""When to try a request again, and how long to wait first (tenacity, configured once).

Transient failures are retried: transport errors, timeouts and the statuses 408, 429 and 5xx
(Crossref asks clients to back off on exactly these; NCBI sometimes sends 429 even when its rate
is honoured). Any other 4xx means the request itself is wrong and is never repeated.

The pause before the next attempt is what a ``Retry-After`` header asks (seconds or an HTTP
date), else exponential backoff with jitter. Retries stop at ``RetryPolicy.attempts`` or when the
next pause would overrun ``max_elapsed_s``, whichever comes first, and at once when the server
asks for more than ``max_wait_s``: waiting less than asked would only be refused again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Final

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, wait_exponential_jitter

from clients._ratelimit import Clock, Sleep

log = logging.getLogger("clients")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard to try one request: stop at ``attempts`` or ``max_elapsed_s``, whichever is first.

    Backoff starts near ``base_delay_s`` and doubles, with jitter, up to ``max_wait_s``.
    Tests pass ``RetryPolicy(attempts=3, base_delay_s=0)`` and never sleep.
    """

    attempts: int = 4
    max_elapsed_s: float = 30.0
    max_wait_s: float = 10.0
    base_delay_s: float = 0.5

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.max_elapsed_s <= 0:
            raise ValueError(f"invalid retry policy: {self}")
        if self.max_wait_s < 0 or self.base_delay_s < 0:
            raise ValueError(f"invalid retry policy: {self}")


DEFAULT_RETRY: Final = RetryPolicy()


class StatusFailure(Exception):
    """One attempt got a status that is not an answer; the HTTP layer maps the last one."""

    def __init__(self, status: int, *, retry_after_s: float | None, detail: str) -> None:
        super().__init__(status)
        self.status = status
        self.retry_after_s = retry_after_s
        self.detail = detail


def is_transient_status(status: int) -> bool:
    """408, 429 and every 5xx may succeed if asked again later; other statuses will not."""
    return status in (408, 429) or status >= 500


def is_transient(exc: BaseException) -> bool:
    """Whether a failed attempt is worth repeating: transport errors, timeouts, 408/429/5xx."""
    if isinstance(exc, StatusFailure):
        return is_transient_status(exc.status)
    return isinstance(exc, httpx.TransportError)  # includes every httpx timeout


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Seconds a ``Retry-After`` header asks for: ``"7"`` -> 7.0; an HTTP date -> seconds until it.

    A date in the past means 0; an unreadable value means ``None`` (use the backoff instead).
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def retrying(policy: RetryPolicy, *, clock: Clock, sleep: Sleep, label: str) -> AsyncRetrying:
    """A fresh tenacity loop for one request; ``label`` names it in log lines (no secrets)."""
    started = clock()
    backoff = wait_exponential_jitter(
        multiplier=policy.base_delay_s, max=policy.max_wait_s, jitter=policy.base_delay_s
    )

    def wait(state: RetryCallState) -> float:
        failure = state.outcome.exception() if state.outcome else None
        if isinstance(failure, StatusFailure) and failure.retry_after_s is not None:
            return failure.retry_after_s
        return backoff(state)

    def stop(state: RetryCallState) -> bool:
        if state.attempt_number >= policy.attempts:
            return True
        if state.upcoming_sleep > policy.max_wait_s:
            return True  # the server asked for a longer pause than we are willing to wait
        return clock() - started + state.upcoming_sleep > policy.max_elapsed_s

    def log_retry(state: RetryCallState) -> None:
        failure = state.outcome.exception() if state.outcome else None
        what = (
            f"status {failure.status}"
            if isinstance(failure, StatusFailure)
            else type(failure).__name__
        )
        log.warning(
            "%s: %s; retrying in %.2f s (attempt %d of %d)",
            label, what, state.upcoming_sleep, state.attempt_number, policy.attempts,
        )  # fmt: skip

    return AsyncRetrying(
        sleep=sleep,
        stop=stop,
        wait=wait,
        retry=retry_if_exception(is_transient),
        before_sleep=log_retry,
        reraise=True,
    )


def attempts_made(loop: AsyncRetrying) -> int:
    """How many attempts a finished loop made."""
    return int(loop.statistics.get("attempt_number", 1))
