"""Aggregate per-reference outcomes into the benchmark's figures, per style and overall.

- **identification**: precision = right identifications / all identifications (identifying a
  fabricated or non-article reference with anything is a wrong one); recall = right
  identifications / real citations; F1.
- **detection**: per injected error kind, the share detected (see ``outcomes.py``), and among
  those the share whose cited/found values are right.
- **false alarms**: the share of clean citations flagged; **spurious**: erroneous citations
  that also get an error on a field nothing was injected into.
- **fabricated**: share ``not_found``, and how many were verified; **non-article**: share
  ``not_found``, and how many got a (false) mismatch or were verified.
- **fabricated verdicts** (issue 8): recall of fabricated references = the share reported
  ``likely_fabricated``; the share of non-article references (real but unindexed: books,
  abstracts, websites, datasets) wrongly reported ``likely_fabricated`` (target <= 2 %); and how
  many real citations were.
- **online year**: clean citations of the online-first year given a year error (or warning).
- **calibration**: among identifications with confidence >= 0.9, the share that is right.
- **requests**: upstream requests (counted by the fake) per reference.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from app.models import FieldName, NotFoundKind, Severity, Status
from benchmarks.accuracy.cases import Category, ErrorKind
from benchmarks.accuracy.citations import STYLES
from benchmarks.accuracy.fake_store import FakeCorpus
from benchmarks.accuracy.outcomes import Outcome

ALL: Final = "all"
CONFIDENT: Final = 0.9
CONFIDENCE_BINS: Final = ((0.0, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01))


@dataclass(frozen=True, slots=True)
class Ratio:
    """``hits`` out of ``total``; ``value`` is None when there is nothing to count."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Identification:
    """Right and wrong identifications against the number of real citations."""

    right: int
    wrong: int
    real: int

    @property
    def precision(self) -> float | None:
        made = self.right + self.wrong
        return self.right / made if made else None

    @property
    def recall(self) -> float | None:
        return self.right / self.real if self.real else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p is not None and r is not None and p + r else None


@dataclass(frozen=True, slots=True)
class GroupScores:
    """The headline figures for one style (or ``all``)."""

    name: str
    real: int
    identification: Identification
    false_alarms: Ratio
    detection: Ratio
    values_right: Ratio
    spurious: Ratio


@dataclass(frozen=True, slots=True)
class KindScores:
    """Detection of one kind of injected error, overall and per style."""

    kind: ErrorKind
    detection: Ratio
    values_right: Ratio
    by_style: Mapping[str, Ratio]


@dataclass(frozen=True, slots=True)
class Scores:
    """Every figure the table and the JSON report show."""

    groups: tuple[GroupScores, ...]
    kinds: tuple[KindScores, ...]
    recall_by_subgroup: Mapping[str, Ratio]
    distractor_identifications: Mapping[str, int]
    fabricated_not_found: Ratio
    fabricated_verified: int
    fabricated_identified: int
    non_article_not_found: Ratio
    non_article_mismatch: int
    non_article_verified: int
    online_year_errors: Ratio
    online_year_warnings: Ratio
    calibration: Ratio
    calibration_bins: Mapping[str, Ratio]
    statuses: Mapping[str, Mapping[str, int]]
    requests: Mapping[str, int]
    references: int
    fabricated_flagged: Ratio
    non_article_called_fabricated: Ratio
    real_called_fabricated: int

    @property
    def requests_per_reference(self) -> float:
        return sum(self.requests.values()) / self.references if self.references else 0.0

    def group(self, name: str) -> GroupScores:
        return next(g for g in self.groups if g.name == name)


def _ratio(items: Iterable[Outcome], hit: Callable[[Outcome], bool]) -> Ratio:
    listed = list(items)
    return Ratio(sum(1 for o in listed if hit(o)), len(listed))


def _detections(outcomes: Iterable[Outcome], kind: ErrorKind | None = None) -> tuple[Ratio, Ratio]:
    detected = total = right = 0
    for outcome in outcomes:
        for error in outcome.case.errors:
            if kind is not None and error.kind is not kind:
                continue
            total += 1
            if outcome.detected(error):
                detected += 1
                right += outcome.reported_rightly(error)
    return Ratio(detected, total), Ratio(right, detected)


def _group(name: str, outcomes: Sequence[Outcome]) -> GroupScores:
    real = [o for o in outcomes if o.case.category is Category.REAL]
    erroneous = [o for o in real if o.case.errors]
    detection, values_right = _detections(real)
    return GroupScores(
        name=name,
        real=len(real),
        identification=Identification(
            right=sum(o.identified for o in real),
            # A fabricated or non-article reference identified with anything is wrong.
            wrong=sum(o.wrongly_identified for o in outcomes),
            real=len(real),
        ),
        false_alarms=_ratio((o for o in real if o.case.is_clean), lambda o: o.false_alarm),
        detection=detection,
        values_right=values_right,
        spurious=_ratio(erroneous, lambda o: bool(o.spurious_errors())),
    )


def _kind(kind: ErrorKind, real: Sequence[Outcome]) -> KindScores:
    detection, values_right = _detections(real, kind)
    by_style = {s: _detections([o for o in real if o.case.style == s], kind)[0] for s in STYLES}
    return KindScores(kind, detection, values_right, by_style)


def _subgroups(real: Sequence[Outcome]) -> dict[str, Ratio]:
    def recall(keep: Callable[[Outcome], bool]) -> Ratio:
        return _ratio((o for o in real if keep(o)), lambda o: o.identified)

    def shown_doi(o: Outcome) -> bool:
        return bool(o.case.options and o.case.options.with_doi)

    return {
        "DOI cited": recall(shown_doi),
        "no DOI cited": recall(lambda o: not shown_doi(o)),
        "record has no DOI": recall(lambda o: o.case.doi is None),
        "online year cited": recall(
            lambda o: bool(o.case.options and o.case.options.cites_online_year)
        ),
        "clean": recall(lambda o: o.case.is_clean),
        "one error": recall(lambda o: len(o.case.errors) == 1),
        "two errors": recall(lambda o: len(o.case.errors) == 2),
    }


def _year_flag(outcome: Outcome, severity: Severity) -> bool:
    return any(
        m.field is FieldName.YEAR and m.severity is severity for m in outcome.result.mismatches
    )


def _calibration_bins(identified: Sequence[Outcome]) -> dict[str, Ratio]:
    bins = {}
    for low, high in CONFIDENCE_BINS:
        inside = [o for o in identified if low <= (o.confidence or 0.0) < high]
        bins[f"{low:.2f}-{min(high, 1.0):.2f}"] = _ratio(inside, lambda o: o.identified)
    return bins


def score(
    outcomes: Sequence[Outcome], corpus: FakeCorpus, requests: Mapping[str, Mapping[str, int]]
) -> Scores:
    """All figures for one run."""
    real = [o for o in outcomes if o.case.category is Category.REAL]
    fabricated = [o for o in outcomes if o.case.category is Category.FABRICATED]
    non_article = [o for o in outcomes if o.case.category is Category.NON_ARTICLE]
    identified = [o for o in outcomes if o.record is not None]
    online_year = [o for o in real if o.case.options and o.case.options.cites_online_year]
    distractors: Counter[str] = Counter()
    for outcome in real:
        if outcome.record is not None:
            kind = corpus.distractor_kind(outcome.record.doi, outcome.record.pmid)
            if kind is not None:
                distractors[kind.value] += 1
    statuses: dict[str, Counter[str]] = {}
    for outcome in outcomes:
        category = outcome.case.category.value
        statuses.setdefault(category, Counter())[outcome.result.status.value] += 1
    return Scores(
        groups=(
            *(_group(s, [o for o in outcomes if o.case.style == s]) for s in STYLES),
            _group(ALL, outcomes),
        ),
        kinds=tuple(_kind(k, real) for k in ErrorKind),
        recall_by_subgroup=_subgroups(real),
        distractor_identifications=dict(distractors),
        fabricated_not_found=_ratio(fabricated, lambda o: o.result.status is Status.NOT_FOUND),
        fabricated_verified=sum(o.result.status is Status.VERIFIED for o in fabricated),
        fabricated_identified=sum(o.record is not None for o in fabricated),
        non_article_not_found=_ratio(non_article, lambda o: o.result.status is Status.NOT_FOUND),
        non_article_mismatch=sum(o.result.status is Status.MISMATCH for o in non_article),
        non_article_verified=sum(o.result.status is Status.VERIFIED for o in non_article),
        online_year_errors=_ratio(online_year, lambda o: _year_flag(o, Severity.ERROR)),
        online_year_warnings=_ratio(online_year, lambda o: _year_flag(o, Severity.WARNING)),
        calibration=_ratio(
            (o for o in identified if (o.confidence or 0.0) >= CONFIDENT), lambda o: o.identified
        ),
        calibration_bins=_calibration_bins(identified),
        statuses={c: dict(s) for c, s in statuses.items()},
        requests={
            f"{upstream}:{kind}": n
            for upstream, kinds in requests.items()
            for kind, n in sorted(kinds.items())
        },
        references=len(outcomes),
        fabricated_flagged=_ratio(fabricated, _called_fabricated),
        non_article_called_fabricated=_ratio(non_article, _called_fabricated),
        real_called_fabricated=sum(_called_fabricated(o) for o in real),
    )


def _called_fabricated(outcome: Outcome) -> bool:
    return outcome.result.not_found_kind is NotFoundKind.LIKELY_FABRICATED
