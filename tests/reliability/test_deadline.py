"""A lookup run has a time budget: a crawling upstream delays a list, never hangs it, and what
was still open when the budget ran out is ``unverified`` (never ``not_found``)."""

from __future__ import annotations

import time

from tests.fake_upstream import FakeConfig
from tests.reliability.support import in_process_app, in_process_settings

DEADLINE_S = 2.0
CROSSREF_LATENCY_S = 20.0  # every Crossref answer, far past the budget
FIDLER = (
    "Fidler IJ. The pathogenesis of cancer metastasis: the 'seed and soil' hypothesis revisited. "
    "Nat Rev Cancer. 2003;3:453–8."
)
NOWHERE = "Smith J. A study that no registry holds. Ann Surg. 2011;250:101-5."


async def test_references_still_open_when_the_budget_runs_out_are_unverified() -> None:
    settings = in_process_settings(resolve_deadline_s=DEADLINE_S, read_timeout_s=60.0)
    slow_crossref = FakeConfig(rate_limit=False).merged(
        {"crossref": {"latency_s": CROSSREF_LATENCY_S}}
    )
    async with in_process_app(settings, fake_config=slow_crossref) as api:
        began = time.monotonic()
        reply = await api.client.post("/v1/verify", json={"references": [FIDLER, NOWHERE]})
        took = time.monotonic() - began

    fidler, nowhere = reply.json()["results"]
    assert reply.status_code == 200
    assert took < DEADLINE_S + 3
    assert fidler["status"] == "verified"  # PubMed answered in time
    assert nowhere["status"] == "unverified"  # its Crossref search did not
    assert nowhere["reason"] == "upstream unavailable: time budget of 2 s ran out"
