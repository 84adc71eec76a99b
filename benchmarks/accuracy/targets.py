"""The targets of issue 3, checked against a run's scores.

Identification >= 99.5 % of real citations in every style and never a distractor in place of
the article; detection >= 98 % per injected error kind with the right cited/found values;
false alarms <= 1 % of clean citations, no year error for citing the online-first year; fabricated
references >= 95 % ``not_found`` and none ``verified``; non-article references never given a
mismatch; among identifications with confidence >= 0.9, >= 99 % right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from benchmarks.accuracy.metrics import Scores

IDENTIFICATION: Final = 0.995
DETECTION: Final = 0.98
VALUES_RIGHT: Final = 0.98
FALSE_ALARMS: Final = 0.01
FABRICATED_NOT_FOUND: Final = 0.95
CALIBRATION: Final = 0.99


@dataclass(frozen=True, slots=True)
class TargetCheck:
    """One target, its measured value (None when nothing was measured) and whether it is met."""

    name: str
    target: str
    measured: float | None
    met: bool


def _at_least(name: str, value: float | None, goal: float) -> TargetCheck:
    return TargetCheck(name, f">= {goal:.1%}", value, value is None or value >= goal)


def _at_most(name: str, value: float | None, goal: float) -> TargetCheck:
    return TargetCheck(name, f"<= {goal:.1%}", value, value is None or value <= goal)


def _none(name: str, count: int) -> TargetCheck:
    return TargetCheck(name, "= 0", float(count), count == 0)


def check_targets(scores: Scores) -> list[TargetCheck]:
    """Every target, per style and per error kind where the issue asks for it."""
    checks = [
        _at_least(f"identification recall, {g.name}", g.identification.recall, IDENTIFICATION)
        for g in scores.groups
    ]
    checks.append(
        _none("distractor identified instead", sum(scores.distractor_identifications.values()))
    )
    for kind in scores.kinds:
        checks.append(_at_least(f"detection, {kind.kind.value}", kind.detection.value, DETECTION))
        checks.append(
            _at_least(f"values right, {kind.kind.value}", kind.values_right.value, VALUES_RIGHT)
        )
    checks += [
        _at_most(f"false alarms, {g.name}", g.false_alarms.value, FALSE_ALARMS)
        for g in scores.groups
    ]
    checks += [
        _none("year errors on citations of the online year", scores.online_year_errors.hits),
        _at_least("fabricated not_found", scores.fabricated_not_found.value, FABRICATED_NOT_FOUND),
        _none("fabricated verified", scores.fabricated_verified),
        _none("non-article with a mismatch", scores.non_article_mismatch),
        _at_least("precision at confidence >= 0.9", scores.calibration.value, CALIBRATION),
    ]
    return checks
