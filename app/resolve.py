"""Resolve citations to registered records with as few upstream requests as the answers allow.

The request plan, cheapest question first; each step only asks about what is still open:

1. **Identifiers and ECitMatch**, concurrently: cited DOIs in Crossref ``filter=doi:`` batches,
   and one ECitMatch batch (journal|year|volume|page|author) for every citation with the fields.
2. **PubMed search** for the citations that neither a validated DOI record nor ECitMatch
   identified: one ESearch per chunk of citations, each contributing OR-ed groups that survive
   one wrong field (:func:`app.queries.pubmed_term`).
3. **One EFetch** for every PMID known by then (cited, matched, or found). PubMed is thus asked
   at most three requests in a row, which fit in NCBI's 3 requests/s without waiting.
4. **Crossref bibliographic search**, one request per citation still open (Crossref has no
   batch search; it is also the only way to find works PubMed does not index).
5. Alongside step 4, **Crossref's record of the works matched through PubMed alone**, in
   ``filter=doi:`` batches: publishers' retraction and correction notices and online dates.

After each step :func:`app.matching.choose` validates the candidates. An upstream failure is
recorded against the citations whose question failed: if such a citation ends without a
match, it is *unverified*, never *not found*. An upstream that keeps failing is not asked again
in the same run (a per-run circuit breaker), so an outage costs one retry budget, not one per
reference. A run has a time budget (``deadline_s``): when it runs out, the references still
open are decided on what was found so far, and those left without a match are *unverified*
("time budget of 240 s ran out"), so a crawling upstream delays a list, never hangs it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from app.matching import Decision, choose
from app.models import Citation, Record, Source
from app.normalize import normalize_doi
from app.queries import bibliographic_query, citmatch_query, pubmed_term, worth_a_search
from app.records import merge_all, record_from_crossref, record_from_pubmed
from clients import ClientError, CrossrefClient, PubMedClient, UpstreamRejected

T = TypeVar("T")
ProgressCallback = Callable[[int, int], None]

# ESearch terms are sent by POST, but one question per ~25 citations keeps each query's
# result list short enough to fetch and validate, and a failure's blast radius small.
PUBMED_SEARCH_CHUNK = 25
RESULTS_PER_CITATION = 8
# Searches (Crossref per citation, PubMed per chunk) are started by this many workers, each
# asking the breaker first, so a search queued behind the rate limit is not sent once its
# upstream has been found down. Three matches both upstreams' concurrency, so the workers
# never slow the limiter down.
SEARCH_WORKERS = 3
# After this many requests to one upstream failed in a row (each after its own retries), the
# rest of the run stops asking it: its citations become "unverified" at once instead of each
# spending a full retry budget. Crossref asks clients to stop when errors reach 10 %.
BREAKER_THRESHOLD = 2
# One resolve call's time budget by default (``Settings.resolve_deadline_s``): below the
# service's request limit (300 s), so a slow upstream gives "unverified" results, not a 504.
DEFAULT_DEADLINE_S = 240.0


@dataclass(frozen=True, slots=True)
class Resolution:
    """What resolving one citation produced: a decision, and the upstream failures met."""

    decision: Decision
    failures: tuple[str, ...] = ()


@dataclass(slots=True)
class _State:
    citation: Citation
    candidates: list[Record] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    decision: Decision | None = None

    @property
    def settled(self) -> bool:
        return self.decision is not None and self.decision.kind == "matched"

    def add(self, records: Sequence[Record]) -> None:
        self.candidates = merge_all([*self.candidates, *records])


class _Breaker:
    """Per-run health of one upstream: opens after ``BREAKER_THRESHOLD`` failures in a row."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.failures_in_a_row = 0
        self.last_reason = ""

    @property
    def open(self) -> bool:
        return self.failures_in_a_row >= BREAKER_THRESHOLD

    async def ask(self, call: Callable[[], Awaitable[T]], affected: Sequence[_State]) -> T | None:
        """Make the call unless the upstream is down; on failure note why on every citation."""
        if self.open:
            _note(affected, f"{self.name}: not asked, it kept failing ({self.last_reason})")
            return None
        try:
            result = await call()
        except ClientError as exc:
            if not isinstance(exc, UpstreamRejected):  # our own bad request says nothing of health
                self.failures_in_a_row += 1
                self.last_reason = str(exc)
            _note(affected, str(exc))
            return None
        self.failures_in_a_row = 0
        return result


def _note(states: Sequence[_State], reason: str) -> None:
    for state in states:
        if reason not in state.failures:
            state.failures.append(reason)


class Resolver:
    """Resolves citations against Crossref and PubMed; one instance can serve many requests.

    ``deadline_s`` bounds one :meth:`resolve` call (None: no bound).
    """

    def __init__(
        self,
        *,
        crossref: CrossrefClient,
        pubmed: PubMedClient,
        deadline_s: float | None = DEFAULT_DEADLINE_S,
    ) -> None:
        self._crossref = crossref
        self._pubmed = pubmed
        self._deadline_s = deadline_s

    async def resolve(
        self, citations: Sequence[Citation], *, on_progress: ProgressCallback | None = None
    ) -> list[Resolution]:
        states = [_State(c) for c in citations]
        timer = asyncio.timeout(self._deadline_s)
        try:
            async with timer:
                await self._plan(states, on_progress)
        except TimeoutError:
            if not timer.expired():
                raise
            self._out_of_time(states)
        if on_progress is not None:
            on_progress(len(states), len(states))
        return [
            Resolution(decision=s.decision or choose(s.citation, []), failures=tuple(s.failures))
            for s in states
        ]

    def _out_of_time(self, states: Sequence[_State]) -> None:
        """Decide every open citation on the candidates found so far; note why it stopped."""
        open_states = [s for s in states if not s.settled]
        _note(open_states, f"time budget of {self._deadline_s:g} s ran out")
        self._decide(open_states)

    async def _plan(self, states: Sequence[_State], on_progress: ProgressCallback | None) -> None:
        """The request plan of the module docstring, deciding ``states`` as answers come."""
        total = len(states)
        crossref, pubmed = _Breaker("crossref"), _Breaker("pubmed")

        def report_progress() -> None:
            if on_progress is not None:
                on_progress(sum(s.settled for s in states), total)

        pmids = await self._identifiers_and_citmatch(states, crossref, pubmed)
        open_states = self._decide(states)
        pending_pmid = {id(st) for sts in pmids.values() for st in sts}
        unidentified = [st for st in open_states if id(st) not in pending_pmid]
        for pmid, found_by in (await self._pubmed_search(unidentified, pubmed)).items():
            pmids.setdefault(pmid, []).extend(found_by)
        await self._fetch_pubmed(pmids, pubmed)
        pending = self._decide(open_states)
        report_progress()
        matched_in_pubmed_only = [st for st in states if _needs_crossref_record(st)]
        await asyncio.gather(
            self._crossref_searches(
                [st for st in pending if worth_a_search(st.citation)], crossref
            ),
            self._crossref_records(matched_in_pubmed_only, crossref),
        )
        self._decide([*pending, *matched_in_pubmed_only])

    # -- stages ---------------------------------------------------------------------------------

    async def _identifiers_and_citmatch(
        self, states: Sequence[_State], crossref: _Breaker, pubmed: _Breaker
    ) -> dict[str, list[_State]]:
        """Step 1; returns the PMIDs to fetch (cited or from ECitMatch) and who wants each."""
        by_doi: dict[str, list[_State]] = {}
        for state in states:
            doi = normalize_doi(state.citation.doi)
            if doi:
                by_doi.setdefault(doi, []).append(state)
        queries = {}
        for i, state in enumerate(states):
            if state.citation.pmid is None:
                query = citmatch_query(state.citation, key=str(i))
                if query is not None:
                    queries[str(i)] = query

        works, citmatch = await asyncio.gather(
            crossref.ask(
                lambda: self._crossref.works_by_doi(list(by_doi)),
                [s for group in by_doi.values() for s in group],
            ),
            pubmed.ask(
                lambda: self._pubmed.ecitmatch(list(queries.values())),
                [states[int(k)] for k in queries],
            ),
        )
        for doi, work in (works or {}).items():
            for state in by_doi.get(doi, []):
                state.add([record_from_crossref(work)])

        pmids_for: dict[str, list[_State]] = {}
        for state in states:
            if state.citation.pmid:
                pmids_for.setdefault(state.citation.pmid, []).append(state)
        for key, result in (citmatch or {}).items():
            if result.pmid:
                pmids_for.setdefault(result.pmid, []).append(states[int(key)])
        return pmids_for

    async def _pubmed_search(
        self, pending: Sequence[_State], pubmed: _Breaker
    ) -> dict[str, list[_State]]:
        """Step 2; returns the PMIDs found and the citations whose question found each."""
        searchable = [(s, term) for s in pending if (term := pubmed_term(s.citation))]
        chunks = [
            searchable[i : i + PUBMED_SEARCH_CHUNK]
            for i in range(0, len(searchable), PUBMED_SEARCH_CHUNK)
        ]

        found: dict[str, list[_State]] = {}

        async def search(chunk: list[tuple[_State, str]]) -> None:
            term = " OR ".join(f"({t})" for _, t in chunk)
            members = [s for s, _ in chunk]
            retmax = RESULTS_PER_CITATION * len(chunk)
            pmids = await pubmed.ask(partial(self._pubmed.esearch, term, retmax=retmax), members)
            for pmid in pmids or []:
                found.setdefault(pmid, []).extend(members)

        await _in_workers(chunks, search, workers=SEARCH_WORKERS)
        return found

    async def _crossref_searches(self, states: Sequence[_State], crossref: _Breaker) -> None:
        """Step 4: one search per citation, started by a few workers that ask the breaker first."""

        async def search(state: _State) -> None:
            query = bibliographic_query(state.citation)
            works = await crossref.ask(partial(self._crossref.search, query), [state])
            state.add([record_from_crossref(w) for w in works or []])

        await _in_workers(states, search, workers=SEARCH_WORKERS)

    async def _crossref_records(self, states: Sequence[_State], crossref: _Breaker) -> None:
        """Step 5: Crossref's own record of works matched through PubMed alone, in DOI batches.

        Crossref holds what PubMed may lack: publishers' ``updated-by`` retraction and
        correction notices, and the online-first date. The batches share the list budget with
        the searches and usually fit in the searches' last rate window.
        """
        by_doi: dict[str, list[_State]] = {}
        for state in states:
            match = state.decision.match if state.decision else None
            if match is not None and match.record.doi:
                by_doi.setdefault(match.record.doi, []).append(state)
        if not by_doi:
            return
        works = await crossref.ask(partial(self._crossref.works_by_doi, list(by_doi)), [])
        for doi, work in (works or {}).items():
            for state in by_doi.get(doi, []):
                state.add([record_from_crossref(work)])

    async def _fetch_pubmed(self, wanted: dict[str, list[_State]], pubmed: _Breaker) -> None:
        """One batched EFetch for every PMID, each record handed to the citations that asked."""
        if not wanted:
            return
        asked = list({id(s): s for states in wanted.values() for s in states}.values())
        articles = await pubmed.ask(lambda: self._pubmed.efetch(list(wanted)), asked)
        for pmid, article in (articles or {}).items():
            record = record_from_pubmed(article)
            for state in wanted.get(pmid, []):
                state.add([record])

    @staticmethod
    def _decide(states: Sequence[_State]) -> list[_State]:
        for state in states:
            state.decision = choose(state.citation, state.candidates)
        return [s for s in states if not s.settled]


async def _in_workers(
    items: Sequence[T], work: Callable[[T], Awaitable[None]], *, workers: int
) -> None:
    """Run ``work`` over ``items`` in order, at most ``workers`` at a time."""
    queue = list(reversed(items))

    async def worker() -> None:
        while queue:
            await work(queue.pop())

    await asyncio.gather(*(worker() for _ in range(min(workers, len(queue)))))


def _needs_crossref_record(state: _State) -> bool:
    """Matched to a PubMed record with a DOI that Crossref was never asked about."""
    match = state.decision.match if state.settled and state.decision else None
    return bool(match and match.record.doi and Source.CROSSREF not in match.record.sources)
