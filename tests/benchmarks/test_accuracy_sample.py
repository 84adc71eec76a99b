"""Regression guard for issue 3 (accuracy): a fixed-seed sample of the accuracy benchmark.

130 records (seed 7), each cited twice (a base style and a journal house style), plus
fabricated and non-article references go through the real pipeline against the in-process
fake upstream, in about 6 s. Each threshold sits a little below the figure measured when it
was set (``docs/accuracy.md`` has the full-run table); raise them as the pipeline improves,
never lower them to make a change pass. The issue's targets themselves are checked by
``python -m benchmarks.accuracy``, not here.
"""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.accuracy.cases import ErrorKind
from benchmarks.accuracy.citations import STYLES
from benchmarks.accuracy.corpus import DEFAULT_CORPUS, CorpusRecord, load_records
from benchmarks.accuracy.evaluation import Evaluation, evaluate
from benchmarks.accuracy.generator import Benchmark, generate
from benchmarks.accuracy.metrics import ALL, Scores

SAMPLE_SIZE = 130
SEED = 7

pytestmark = pytest.mark.skipif(
    not DEFAULT_CORPUS.exists(), reason=f"the dev corpus is not at {DEFAULT_CORPUS}"
)


@pytest.fixture(name="records", scope="module")
def fixture_records() -> list[CorpusRecord]:
    return load_records()


@pytest.fixture(name="evaluation", scope="module")
def fixture_evaluation(records: list[CorpusRecord]) -> Evaluation:
    """One run of the sample, shared by every test in this module."""
    return asyncio.run(evaluate(records, n=SAMPLE_SIZE, seed=SEED))


@pytest.fixture(name="scores", scope="module")
def fixture_scores(evaluation: Evaluation) -> Scores:
    return evaluation.scores


def test_the_same_seed_generates_the_same_references(records: list[CorpusRecord]) -> None:
    """A fixed seed fixes every reference string, so figures compare across runs."""
    first = generate(records, n=20, seed=SEED)
    second = generate(records, n=20, seed=SEED)
    assert [c.text for c in first.cases] == [c.text for c in second.cases]


@pytest.fixture(name="full_benchmark", scope="module")
def fixture_full_benchmark(records: list[CorpusRecord]) -> Benchmark:
    """The full run's references (generation only, no pipeline run)."""
    return generate(records, n=None, seed=SEED)


def test_no_injected_year_is_the_online_first_year(full_benchmark: Benchmark) -> None:
    """A year equal to the online-first year is correct, so it is never labelled an error."""
    online = full_benchmark.corpus.online_years
    assert not [
        case.index
        for case in full_benchmark.cases
        for error in case.errors
        if error.kind is ErrorKind.YEAR and error.cited == str(online.get(case.pmid or ""))
    ]


@pytest.mark.parametrize(
    "kind",
    [
        ErrorKind.YEAR,
        ErrorKind.VOLUME,
        ErrorKind.ISSUE,
        ErrorKind.FIRST_PAGE,
        ErrorKind.AUTHOR_MISSPELLED,
        ErrorKind.JOURNAL,
        ErrorKind.DOI,
    ],
    ids=str,
)
def test_an_injected_value_is_written_in_the_reference(
    full_benchmark: Benchmark, kind: ErrorKind
) -> None:
    """The label's cited value is what the reference actually says."""
    labelled = [(c, e) for c in full_benchmark.cases for e in c.errors if e.kind is kind]
    assert labelled
    assert all(error.cited and error.cited in case.text for case, error in labelled)


@pytest.mark.parametrize(
    ("style", "floor"),
    [*(pytest.param(s, 0.95, id=s) for s in STYLES), pytest.param(ALL, 0.99, id="all")],
)
def test_identification_recall_stays_above_floor(scores: Scores, style: str, floor: float) -> None:
    """Real citations are identified with their own record (measured 100 % in every style)."""
    recall = scores.group(style).identification.recall
    assert (recall or 0.0) >= floor


def test_identification_precision_stays_above_floor(scores: Scores) -> None:
    """Identifications are right (measured 100 %)."""
    precision = scores.group(ALL).identification.precision
    assert (precision or 0.0) >= 0.99


def test_no_erratum_preprint_or_same_author_paper_is_taken_for_the_article(
    scores: Scores,
) -> None:
    """A distractor is never identified in place of the cited article."""
    assert dict(scores.distractor_identifications) == {}


def test_false_alarms_on_clean_citations_stay_below_ceiling(scores: Scores) -> None:
    """Clean citations flagged (measured 0 %; 0.4 % on the full run)."""
    rate = scores.group(ALL).false_alarms.value
    assert (rate or 0.0) <= 0.02


def test_citing_the_online_first_year_is_never_a_year_error(scores: Scores) -> None:
    """A year off by one between online and print publication is never an error."""
    assert scores.online_year_errors.hits == 0


def test_error_detection_stays_above_floor(scores: Scores) -> None:
    """Injected errors reported on their field (measured 100 %)."""
    detection = scores.group(ALL).detection.value
    assert (detection or 0.0) >= 0.97


def test_reported_values_stay_right(scores: Scores) -> None:
    """Detected errors quote the right cited and registered values (measured 100 %)."""
    right = scores.group(ALL).values_right.value
    assert (right or 0.0) >= 0.97


def test_fabricated_references_are_not_found(scores: Scores) -> None:
    """Fabricated references come back not_found (measured 100 %), and none verified."""
    not_found = scores.fabricated_not_found.value
    assert (not_found or 0.0) >= 0.95
    assert scores.fabricated_verified == 0


def test_non_article_references_get_no_mismatch(scores: Scores) -> None:
    """Books, abstracts, websites and datasets are not pinned on an article (measured 100 %)."""
    not_found = scores.non_article_not_found.value
    assert scores.non_article_mismatch == 0
    assert (not_found or 0.0) >= 0.95


def test_confident_identifications_are_right(scores: Scores) -> None:
    """Among identifications with confidence >= 0.9, at least 99 % are right (measured 100 %)."""
    precision = scores.calibration.value
    assert (precision or 0.0) >= 0.99


def test_upstream_requests_per_reference_stay_below_ceiling(scores: Scores) -> None:
    """The request plan stays batched (measured 0.21 upstream requests per reference)."""
    assert scores.requests_per_reference <= 0.30
