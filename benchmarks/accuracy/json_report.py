"""The machine-readable result of a run (``--json PATH``): metadata, every figure, the targets
and the failure examples. Ratios are ``{"hits", "total", "value"}`` so small denominators show.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.accuracy.failures import FailureList
from benchmarks.accuracy.metrics import GroupScores, Identification, Ratio, Scores
from benchmarks.accuracy.targets import TargetCheck

JsonObject = dict[str, Any]


def _ratio(value: Ratio) -> JsonObject:
    return {"hits": value.hits, "total": value.total, "value": value.value}


def _identification(value: Identification) -> JsonObject:
    return {
        "right": value.right,
        "wrong": value.wrong,
        "real": value.real,
        "precision": value.precision,
        "recall": value.recall,
        "f1": value.f1,
    }


def _group(group: GroupScores) -> JsonObject:
    return {
        "real": group.real,
        "identification": _identification(group.identification),
        "false_alarms": _ratio(group.false_alarms),
        "detection": _ratio(group.detection),
        "values_right": _ratio(group.values_right),
        "spurious": _ratio(group.spurious),
    }


def _ratios(values: Mapping[str, Ratio]) -> JsonObject:
    return {k: _ratio(v) for k, v in values.items()}


def scores_json(scores: Scores) -> JsonObject:
    """Every figure of :class:`Scores` as plain JSON values."""
    return {
        "styles": {g.name: _group(g) for g in scores.groups},
        "error_kinds": {
            k.kind.value: {
                "detection": _ratio(k.detection),
                "values_right": _ratio(k.values_right),
                "by_style": _ratios(k.by_style),
            }
            for k in scores.kinds
        },
        "identification_recall_by_subgroup": _ratios(scores.recall_by_subgroup),
        "distractor_identifications": dict(scores.distractor_identifications),
        "online_year_cited": {
            "year_errors": _ratio(scores.online_year_errors),
            "year_warnings": _ratio(scores.online_year_warnings),
        },
        "fabricated": {
            "not_found": _ratio(scores.fabricated_not_found),
            "verified": scores.fabricated_verified,
            "identified": scores.fabricated_identified,
        },
        "non_article": {
            "not_found": _ratio(scores.non_article_not_found),
            "mismatch": scores.non_article_mismatch,
            "verified": scores.non_article_verified,
        },
        "calibration": {
            "right_at_confidence_0.9": _ratio(scores.calibration),
            "bins": _ratios(scores.calibration_bins),
        },
        "requests": {
            "per_reference": scores.requests_per_reference,
            "by_kind": dict(scores.requests),
        },
        "statuses": {c: dict(s) for c, s in scores.statuses.items()},
    }


def write_json(
    path: Path,
    *,
    meta: Mapping[str, Any],
    scores: Scores,
    checks: Sequence[TargetCheck],
    failures: Sequence[FailureList],
) -> None:
    """Write the whole result as indented JSON (parents created)."""
    document = {
        "meta": dict(meta),
        "scores": scores_json(scores),
        "targets": [asdict(c) for c in checks],
        "failures": {
            f.kind: {"count": f.count, "examples": [asdict(e) for e in f.examples]}
            for f in failures
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
