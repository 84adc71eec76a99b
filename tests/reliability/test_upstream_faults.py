"""Upstream faults never produce a wrong verdict: the fault suite.

The real service (`refcheck serve`) verifies the example chapter (68 references) against the
real fake upstream on 127.0.0.1, first healthy (the known truth), then under each fault
scenario. Under faults a reference may only end as it did when healthy (same status, same
fields in mismatch, same record) or ``unverified`` with a reason naming the upstream that
failed: never a false ``mismatch``, never a false ``not_found``, never dropped.

Timeouts are short (0.5 s) and stalls longer than them (1.5 s), so a stall is a timeout and
the suite stays fast. Run with ``-s`` to print the figures recorded in docs/reliability.md.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.extract import extract_references
from tests.e2e.conftest import CHAPTER, run_refcheck
from tests.fake_upstream import FakeServer
from tests.reliability.support import Service, running_service

pytestmark = pytest.mark.e2e

FAST_FAILURES = {
    "REFCHECK_CONNECT_TIMEOUT_S": "0.5",
    "REFCHECK_READ_TIMEOUT_S": "0.5",
    "REFCHECK_RETRY_ATTEMPTS": "3",
    "REFCHECK_RETRY_MAX_ELAPSED_S": "5",
    "REFCHECK_RETRY_MAX_WAIT_S": "2",
}
CLI_FAILURES = {**FAST_FAILURES, "REFCHECK_RETRY_ATTEMPTS": "2"}
STALL_S = 1.5  # longer than the read timeout: a stalled answer becomes a timeout
CLI_REFERENCES = 10
NAMES_AN_UPSTREAM = re.compile(r"\b(crossref|pubmed)\b")


def faults(*kinds: str, seed: int, rate: float = 0.2) -> dict[str, Any]:
    """``rate`` of the calls to each upstream fail (20 %), each in one of ``kinds``."""
    return {"fault_rate": rate, "fault_kinds": list(kinds), "stall_s": STALL_S, "seed": seed}


Result = dict[str, Any]


@dataclass(frozen=True)
class Run:
    """One verification of the chapter: results in input order, the fake's counters, time."""

    results: list[Result]
    stats: dict[str, Any]
    elapsed_s: float

    def faults_injected(self, config: dict[str, Any]) -> int:
        """Injected faults, plus every request a down upstream answered 503."""
        injected = sum(n for kinds in self.stats["faults"].values() for n in kinds.values())
        for upstream in ("crossref", "pubmed"):
            if config.get(upstream, {}).get("down"):
                injected += sum(self.stats["requests"][upstream].values())
        return injected

    def upstream_requests(self) -> int:
        return sum(n for kinds in self.stats["requests"].values() for n in kinds.values())


@pytest.fixture(name="fault_service", scope="module")
def fixture_fault_service(
    fake: FakeServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    log = tmp_path_factory.mktemp("fault-service") / "service.log"
    with running_service(fake, log, **FAST_FAILURES) as service:
        yield service


CHAPTER_TEXT = CHAPTER.read_text(encoding="utf-8")


def first_references(count: int) -> str:
    """A reference section of the chapter's first ``count`` references."""
    references = extract_references(CHAPTER_TEXT)[:count]
    return "References\n" + "".join(f"{r.index}. {r.text}\n" for r in references)


# The whole chapter, and its first 20 references for the scenario that is slow by design
# (after each 429 the client halves its rate for a minute).
MANUSCRIPTS = {"chapter": CHAPTER_TEXT, "first-20": first_references(20)}


def verify(service: Service, fake: FakeServer, config: dict[str, Any], manuscript: str) -> Run:
    fake.reset()
    fake.configure(**config)
    started = time.monotonic()
    reply = httpx.post(
        f"{service.base_url}/v1/verify", json={"text": MANUSCRIPTS[manuscript]}, timeout=120
    )
    elapsed = time.monotonic() - started
    assert reply.status_code == 200, reply.text
    return Run(reply.json()["results"], fake.stats(), elapsed)


class Truths:
    """The known truth per manuscript: its verdicts with both upstreams healthy (run once)."""

    def __init__(self, service: Service, fake: FakeServer) -> None:
        self._service, self._fake = service, fake
        self._results: dict[str, list[Result]] = {}

    def __getitem__(self, manuscript: str) -> list[Result]:
        if manuscript not in self._results:
            run = verify(self._service, self._fake, {}, manuscript)
            statuses = {r["status"] for r in run.results}
            assert "unverified" not in statuses, "a healthy run gives every reference a verdict"
            self._results[manuscript] = run.results
        return self._results[manuscript]


@pytest.fixture(name="truths", scope="module")
def fixture_truths(fault_service: Service, fake: FakeServer) -> Truths:
    return Truths(fault_service, fake)


BOTH_DOWN = {"crossref": {"down": True}, "pubmed": {"down": True}}
# A seed whose fifth and sixth calls are refused: a burst of 429s, with and without Retry-After.
BURSTS_OF_429 = faults("rate_limited", "rate_limited_retry_after", seed=26)
# Every fault kind, a group at a time (so each kind surely occurs), then the outages. A 429
# halves the client's rate for a minute, so the scenario made of 429s comes last.
SCENARIOS = [
    pytest.param((faults("http_500", "http_502", "http_503", seed=1), "chapter"), id="5xx"),
    pytest.param((faults("connection_reset", "stall", seed=2), "chapter"), id="resets-stalls"),
    pytest.param((faults("truncated", "bad_shape", seed=3), "chapter"), id="broken-bodies"),
    pytest.param(({"crossref": {"down": True}}, "chapter"), id="crossref-down"),
    pytest.param(({"pubmed": {"down": True}}, "chapter"), id="pubmed-down"),
    pytest.param((BOTH_DOWN, "chapter"), id="both-down"),
    pytest.param((BURSTS_OF_429, "first-20"), id="429-bursts"),
]


@dataclass(frozen=True)
class Scenario:
    config: dict[str, Any]
    run: Run
    truth: list[Result]


@pytest.fixture(name="scenario", scope="module", params=SCENARIOS)
def fixture_scenario(
    request: pytest.FixtureRequest, fault_service: Service, fake: FakeServer, truths: Truths
) -> Scenario:
    config, manuscript = request.param
    truth = truths[manuscript]
    run = verify(fault_service, fake, config, manuscript)
    unverified = sum(r["status"] == "unverified" for r in run.results)
    wrong = wrong_verdicts(truth, run.results)
    print(
        f"\n[fault suite] {SCENARIOS[request.param_index].id}: {len(run.results)} references, "
        f"{run.upstream_requests()} upstream requests, {run.faults_injected(config)} faults "
        f"injected, {unverified} unverified, {len(wrong)} wrong verdicts, {run.elapsed_s:.1f} s; "
        f"by kind: {run.stats['faults']}"
    )
    return Scenario(config, run, truth)


def _fields(result: Result) -> list[tuple[str, str | None]]:
    return sorted((m["field"], m["cited"]) for m in result["mismatches"])


def _same_record(healthy: Result, faulty: Result) -> bool:
    """The same work: DOI and PMID agree wherever both runs know them."""
    if healthy["match"] is None or faulty["match"] is None:
        return healthy["match"] is faulty["match"]
    return all(
        healthy["match"][key] is None
        or faulty["match"][key] is None
        or healthy["match"][key] == faulty["match"][key]
        for key in ("doi", "pmid")
    )


def wrong_verdicts(healthy: list[Result], faulty: list[Result]) -> list[str]:
    """Each reference that ended other than healthy, except as ``unverified``."""
    wrong = []
    for truth, seen in zip(healthy, faulty, strict=True):
        label = f"#{truth['index']} ({truth['status']} when healthy)"
        if seen["status"] == "unverified":
            continue
        if seen["status"] != truth["status"]:
            wrong.append(f"{label}: {seen['status']} under faults: {seen['reason']}")
        elif _fields(seen) != _fields(truth):
            wrong.append(f"{label}: fields {_fields(seen)} instead of {_fields(truth)}")
        elif not _same_record(truth, seen):
            wrong.append(f"{label}: matched {seen['match']} instead of {truth['match']}")
    return wrong


def test_faults_were_really_injected(scenario: Scenario) -> None:
    assert scenario.run.faults_injected(scenario.config) > 0


def test_no_reference_gets_a_wrong_verdict(scenario: Scenario) -> None:
    assert wrong_verdicts(scenario.truth, scenario.run.results) == []


def test_no_reference_is_dropped_or_reordered(scenario: Scenario) -> None:
    assert [(r["index"], r["input"]) for r in scenario.run.results] == [
        (r["index"], r["input"]) for r in scenario.truth
    ]


def down_upstreams(config: dict[str, Any]) -> list[str]:
    return [u for u in ("crossref", "pubmed") if config.get(u, {}).get("down")]


def test_every_unverified_reference_names_the_upstream_that_failed(scenario: Scenario) -> None:
    down = down_upstreams(scenario.config)
    for result in (r for r in scenario.run.results if r["status"] == "unverified"):
        reason = result["reason"] or ""
        assert NAMES_AN_UPSTREAM.search(reason), result
        assert not down or any(upstream in reason for upstream in down), result
        assert result["mismatches"] == []


def test_a_down_upstream_is_asked_far_fewer_times_than_there_are_references(
    scenario: Scenario,
) -> None:
    """An outage is detected once per run, not paid for again by every reference."""
    for upstream in down_upstreams(scenario.config):
        asked = sum(scenario.run.stats["requests"][upstream].values())
        assert asked < len(scenario.run.results) / 4, (upstream, asked)


@pytest.fixture(name="verified_references", scope="module")
def fixture_verified_references(truths: Truths, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A short reference list: the first chapter references that were verified when healthy."""
    chapter = truths["chapter"]
    verified = [r["input"] for r in chapter if r["status"] == "verified"][:CLI_REFERENCES]
    lines = [f"{i}. {text}" for i, text in enumerate(verified, start=1)]
    path = tmp_path_factory.mktemp("cli") / "verified.txt"
    path.write_text("References\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "config",
    [
        pytest.param({"crossref": {"down": True}}, id="crossref-down"),
        pytest.param(BOTH_DOWN, id="both-down"),
    ],
)
def test_cli_exits_3_when_only_upstream_availability_is_the_problem(
    fake: FakeServer, verified_references: Path, config: dict[str, Any]
) -> None:
    fake.reset()
    fake.configure(**config)
    run = run_refcheck(fake, "check", str(verified_references), "--format", "json", **CLI_FAILURES)
    statuses = {r["status"] for r in run.json()["results"]}
    assert run.code == 3, run.stderr
    assert statuses <= {"verified", "unverified"}
