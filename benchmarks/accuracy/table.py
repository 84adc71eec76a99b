"""The benchmark's printed report: one table per concern, then the targets and the failures.

Percentages have one decimal; a cell with nothing to count shows "-". Per-kind detection is
shown as "hits/total" per style so small samples are not mistaken for precise figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from benchmarks.accuracy.citations import STYLES
from benchmarks.accuracy.failures import FailureList
from benchmarks.accuracy.metrics import ALL, Ratio, Scores
from benchmarks.accuracy.targets import TargetCheck

_COLUMNS = (*STYLES, ALL)
# Column headings that would not fit the 10-character columns.
_HEADINGS = {"elsevier-harvard": "els-harv"}


def percent(value: float | None) -> str:
    """ "99.5%", or "-" when there was nothing to measure."""
    return "-" if value is None else f"{value:.1%}"


def ratio(value: Ratio) -> str:
    return f"{percent(value.value)} ({value.hits}/{value.total})"


def _headings(columns: Sequence[str]) -> list[str]:
    return [_HEADINGS.get(column, column) for column in columns]


def _row(label: str, cells: Sequence[str], width: int = 10) -> str:
    return f"{label:<26}" + "".join(f"{c:>{width}}" for c in cells)


def headline_table(scores: Scores) -> list[str]:
    groups = [scores.group(name) for name in _COLUMNS]
    return [
        _row("", _headings(_COLUMNS)),
        _row("real citations", [str(g.real) for g in groups]),
        _row("identification precision", [percent(g.identification.precision) for g in groups]),
        _row("identification recall", [percent(g.identification.recall) for g in groups]),
        _row("identification F1", [percent(g.identification.f1) for g in groups]),
        _row("false alarms (clean)", [percent(g.false_alarms.value) for g in groups]),
        _row("error detection", [percent(g.detection.value) for g in groups]),
        _row("cited/found values right", [percent(g.values_right.value) for g in groups]),
        _row("spurious errors", [percent(g.spurious.value) for g in groups]),
    ]


def detection_table(scores: Scores) -> list[str]:
    lines = [_row("detection per error kind", [*_headings(_COLUMNS), "values"], width=11)]
    for kind in scores.kinds:
        cells = [f"{kind.by_style[s].hits}/{kind.by_style[s].total}" for s in STYLES]
        cells += [percent(kind.detection.value), percent(kind.values_right.value)]
        lines.append(_row(f"  {kind.kind.value}", cells, width=11))
    return lines


def other_figures(scores: Scores) -> list[str]:
    subgroups = ", ".join(f"{k} {ratio(v)}" for k, v in scores.recall_by_subgroup.items())
    distractors = ", ".join(f"{k} {n}" for k, n in scores.distractor_identifications.items())
    bins = ", ".join(f"[{k}) {ratio(v)}" for k, v in scores.calibration_bins.items() if v.total)
    requests = ", ".join(f"{k} {n}" for k, n in scores.requests.items())
    statuses = "; ".join(
        f"{category}: " + ", ".join(f"{s} {n}" for s, n in sorted(counts.items()))
        for category, counts in scores.statuses.items()
    )
    return [
        f"identification recall by subgroup: {subgroups}",
        f"distractors identified instead of the article: {distractors or 'none'}",
        f"clean citations of the online-first year: year error {ratio(scores.online_year_errors)},"
        f" year warning {ratio(scores.online_year_warnings)}",
        f"fabricated: not_found {ratio(scores.fabricated_not_found)}, "
        f"verified {scores.fabricated_verified}, identified {scores.fabricated_identified}",
        f"non-article: not_found {ratio(scores.non_article_not_found)}, "
        f"false mismatch {scores.non_article_mismatch}, verified {scores.non_article_verified}",
        f"fabricated verdicts: fabricated reported likely_fabricated "
        f"{ratio(scores.fabricated_flagged)}; non-article (real, unindexed) wrongly called "
        f"likely_fabricated {ratio(scores.non_article_called_fabricated)} (target <= 2%); "
        f"real citations called likely_fabricated {scores.real_called_fabricated}",
        f"calibration: right among confidence >= 0.9 {ratio(scores.calibration)}; by bin {bins}",
        f"upstream requests: {scores.requests_per_reference:.2f} per reference ({requests})",
        f"statuses: {statuses}",
    ]


def targets_table(checks: Sequence[TargetCheck]) -> list[str]:
    met = sum(c.met for c in checks)
    lines = [f"targets: {met}/{len(checks)} met"]
    for check in checks:
        if not check.met:
            value = "-" if check.measured is None else f"{check.measured:.4g}"
            if check.target.startswith((">", "<")) and check.measured is not None:
                value = percent(check.measured)
            lines.append(f"  MISSED {check.name}: {value} (target {check.target})")
    return lines


def failures_section(failures: Sequence[FailureList]) -> list[str]:
    lines = []
    for failure_list in failures:
        if not failure_list.count:
            continue
        lines.append(f"== {failure_list.kind}: {failure_list.count}")
        for failure in failure_list.examples:
            lines += [
                f"  #{failure.index} [{failure.style}] {failure.text}",
                f"      expected: {failure.expected}",
                f"      reported: {failure.reported}",
            ]
    return lines


def render_report(
    title: str,
    scores: Scores,
    checks: Sequence[TargetCheck],
    failures: Sequence[FailureList] = (),
) -> str:
    """The whole printed report."""
    sections = [
        [title],
        headline_table(scores),
        detection_table(scores),
        other_figures(scores),
        targets_table(checks),
        failures_section(failures),
    ]
    return "\n\n".join("\n".join(s) for s in sections if s) + "\n"
