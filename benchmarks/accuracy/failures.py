"""The first few failures of each kind, with the reference and what was reported, to guide fixes.

Kinds: ``wrong_record`` (identified with another record), ``not_identified`` (no record, or
ambiguous), ``false_alarm`` (a clean citation flagged), ``missed_error`` (right record, injected
error not reported), ``wrong_values`` (reported with the wrong cited/found values),
``spurious_error`` (an error on a field nothing was injected into), ``fabricated_identified``,
``non_article_identified`` and ``overconfident`` (confidence >= 0.9 on the wrong record).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from app.models import Result
from benchmarks.accuracy.cases import Case, Category, InjectedError
from benchmarks.accuracy.fake_store import FakeCorpus
from benchmarks.accuracy.metrics import CONFIDENT
from benchmarks.accuracy.outcomes import Outcome

FAILURE_KINDS: Final = (
    "wrong_record",
    "not_identified",
    "false_alarm",
    "missed_error",
    "wrong_values",
    "spurious_error",
    "fabricated_identified",
    "non_article_identified",
    "overconfident",
)


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed reference: what it is, what was expected and what refcheck said."""

    kind: str
    index: int
    style: str
    text: str
    expected: str
    reported: str


@dataclass(frozen=True, slots=True)
class FailureList:
    """The first ``examples`` of one kind of failure and how many there were in all."""

    kind: str
    count: int
    examples: tuple[Failure, ...]


def describe_error(error: InjectedError) -> str:
    """ "year cited 2009, registered 2006" or "author_missing: registered Hederstedt"."""
    if error.detail:
        return f"{error.kind.value}: {error.detail}"
    cited = f"cited {error.cited}, " if error.cited is not None else ""
    return f"{error.kind.value}: {cited}registered {' | '.join(error.found)}"


def describe_expected(case: Case) -> str:
    if case.category is not Category.REAL:
        return f"{case.category.value}: not_found"
    errors = "; ".join(describe_error(e) for e in case.errors) or "clean"
    online = (
        " (cites the online-first year)" if case.options and case.options.cites_online_year else ""
    )
    return f"pmid {case.pmid} doi {case.doi or '-'}; {errors}{online}"


def describe_result(result: Result, corpus: FakeCorpus) -> str:
    parts = [result.status.value]
    if result.match is not None:
        record = result.match.record
        kind = corpus.distractor_kind(record.doi, record.pmid)
        parts.append(
            f"match pmid {record.pmid or '-'} doi {record.doi or '-'}"
            f"{f' [{kind.value}]' if kind else ''} conf {result.match.confidence:.2f}"
            f" '{(record.title or '')[:70]}'"
        )
    parts += [
        f"{m.field.value} {m.cited!r}->{m.found!r} [{m.severity.value}]" for m in result.mismatches
    ]
    if result.reason:
        parts.append(f"reason: {result.reason[:300]}")
    return "; ".join(parts)


def _failure_kinds(outcome: Outcome) -> Iterator[str]:
    case = outcome.case
    if case.category is Category.FABRICATED and outcome.record is not None:
        yield "fabricated_identified"
    if case.category is Category.NON_ARTICLE and outcome.record is not None:
        yield "non_article_identified"
    if case.category is Category.REAL:
        if outcome.wrongly_identified:
            yield "wrong_record"
        elif not outcome.identified:
            yield "not_identified"
        if outcome.false_alarm:
            yield "false_alarm"
        if outcome.identified and not all(outcome.detected(e) for e in case.errors):
            yield "missed_error"
        if any(outcome.detected(e) and not outcome.reported_rightly(e) for e in case.errors):
            yield "wrong_values"
        if case.errors and outcome.identified and outcome.spurious_errors():
            yield "spurious_error"
    if outcome.wrongly_identified and (outcome.confidence or 0.0) >= CONFIDENT:
        yield "overconfident"


def collect_failures(
    outcomes: Sequence[Outcome], corpus: FakeCorpus, *, examples: int = 10
) -> list[FailureList]:
    """Every failure kind in :data:`FAILURE_KINDS` order, with up to ``examples`` each."""
    found: dict[str, list[Failure]] = {kind: [] for kind in FAILURE_KINDS}
    for outcome in outcomes:
        for kind in _failure_kinds(outcome):
            found[kind].append(
                Failure(
                    kind=kind,
                    index=outcome.case.index,
                    style=outcome.case.style,
                    text=outcome.case.text,
                    expected=describe_expected(outcome.case),
                    reported=describe_result(outcome.result, corpus),
                )
            )
    return [FailureList(k, len(found[k]), tuple(found[k][:examples])) for k in FAILURE_KINDS]
