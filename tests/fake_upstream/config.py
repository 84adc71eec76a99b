"""The fake upstream's knobs: rate-limit enforcement, per-upstream faults, latency.

Changeable at run time (``POST /_control/config`` with a partial JSON object). A fault knob
given at the top level applies to both upstreams::

    {"fault_rate": 0.2}                        # both Crossref and PubMed
    {"crossref": {"down": true}}               # Crossref only
    {"pubmed": {"fault_kinds": ["http_503"]}}  # PubMed faults are always 503s
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class FaultKind(StrEnum):
    """One way an upstream call can fail."""

    HTTP_500 = "http_500"
    HTTP_502 = "http_502"
    HTTP_503 = "http_503"
    RATE_LIMITED = "rate_limited"  # 429 with no Retry-After
    RATE_LIMITED_RETRY_AFTER = "rate_limited_retry_after"  # 429 with Retry-After
    CONNECTION_RESET = "connection_reset"  # headers sent, then the connection drops
    STALL = "stall"  # no answer for ``stall_s`` seconds, then a normal answer
    TRUNCATED = "truncated"  # 200 whose JSON/XML body is cut in half
    BAD_SHAPE = "bad_shape"  # Crossref 200 {"status":"ok","message":null}; PubMed skips it


class UpstreamFaults(BaseModel):
    """Fault injection for one upstream; ``fault_rate`` is the chance a call fails (0..1)."""

    model_config = ConfigDict(extra="forbid")

    down: bool = False  # every call answers 503
    fault_rate: float = Field(default=0.0, ge=0.0, le=1.0)
    fault_kinds: list[FaultKind] = Field(default_factory=lambda: list(FaultKind))
    latency_s: float = Field(default=0.0, ge=0.0)  # added to every admitted call
    stall_s: float = Field(default=30.0, ge=0.0)


class Limits(BaseModel):
    """Budgets per pool, from the 2026 response headers and Crossref's announcement.

    Crossref's headers say 10/s (polite) and 5/s (public) on every route, but list queries
    (``/works?...``) get a tighter budget: 3/s polite, 1/s public.
    """

    model_config = ConfigDict(extra="forbid")

    window_s: float = Field(default=1.0, gt=0)
    crossref_polite_work_per_s: int = Field(default=10, ge=1)
    crossref_polite_list_per_s: int = Field(default=3, ge=1)
    crossref_polite_concurrency: int = Field(default=3, ge=1)
    crossref_public_work_per_s: int = Field(default=5, ge=1)
    crossref_public_list_per_s: int = Field(default=1, ge=1)
    crossref_public_concurrency: int = Field(default=1, ge=1)
    ncbi_per_s: int = Field(default=3, ge=1)
    ncbi_with_key_per_s: int = Field(default=10, ge=1)


class FakeConfig(BaseModel):
    """Everything the fake can be told; the defaults behave like the real APIs on a good day."""

    model_config = ConfigDict(extra="forbid")

    rate_limit: bool = True
    retry_after_s: int | None = None  # Retry-After on enforced 429s (None = no header)
    seed: int = 0  # seeds the fault RNG; changing it restarts the sequence
    limits: Limits = Field(default_factory=Limits)
    crossref: UpstreamFaults = Field(default_factory=UpstreamFaults)
    pubmed: UpstreamFaults = Field(default_factory=UpstreamFaults)

    def merged(self, patch: Mapping[str, Any]) -> FakeConfig:
        """A copy with ``patch`` deep-merged in; top-level fault knobs go to both upstreams."""
        patch = dict(patch)
        shared = {k: patch.pop(k) for k in list(patch) if k in UpstreamFaults.model_fields}
        for upstream in ("crossref", "pubmed"):
            if shared:
                patch[upstream] = {**shared, **dict(patch.get(upstream) or {})}
        return FakeConfig.model_validate(_deep_merge(self.model_dump(), patch))


def _deep_merge(base: dict[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in patch.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged
