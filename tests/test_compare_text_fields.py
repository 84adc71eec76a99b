"""Title, journal and DOI comparators: tolerance tables."""

from __future__ import annotations

from typing import Any

import pytest

from app.compare import compare
from app.compare.identifiers import compare_doi
from app.compare.titles import compare_title, main_title, title_similarity
from app.compare.venue import compare_journal, realign_title_journal
from app.models import Citation, FieldName, Record, Severity, Source

GUPTA_TITLE = "Cancer metastasis: building a framework"
ERPENBECK_TITLE = (
    "Deadly allies: the fatal interplay between platelets and metastasizing cancer cells"
)


def cite(**fields: Any) -> Citation:
    return Citation(index=1, raw="(test reference)", **fields)


def registered(**fields: Any) -> Record:
    return Record(sources=(Source.CROSSREF,), **fields)


@pytest.mark.parametrize(
    ("cited", "found", "expected"),
    [
        pytest.param(GUPTA_TITLE, GUPTA_TITLE, None, id="equal"),
        pytest.param(
            GUPTA_TITLE, "Cancer Metastasis: Building a Framework.", None, id="case-period"
        ),
        pytest.param(
            GUPTA_TITLE, "Cancer metastasis. Building a framework", None, id="colon-period"
        ),
        pytest.param(
            GUPTA_TITLE, "<i>Cancer</i> metastasis: building a framework", None, id="markup"
        ),
        pytest.param("TGF-β signalling", "TGF-beta signalling", None, id="greek-letter"),
        pytest.param("Follow-up of cancer", "Followup of cancer", None, id="hyphenation"),
        pytest.param("Surgery & oncology", "Surgery and oncology", None, id="ampersand"),
        pytest.param(None, GUPTA_TITLE, None, id="not-cited"),
        pytest.param(GUPTA_TITLE, None, None, id="not-registered"),
        pytest.param(
            "Cancer metastasis: building framework",
            GUPTA_TITLE,
            Severity.INFO,
            id="article-left-out",
        ),
        pytest.param(
            "Cancer metastsis: building a framework",
            GUPTA_TITLE,
            Severity.WARNING,
            id="misspelled-word",
        ),
        pytest.param("Deadly allies", ERPENBECK_TITLE, Severity.WARNING, id="subtitle-omitted"),
        pytest.param(
            "Cancer metastasis: a framework",
            GUPTA_TITLE,
            Severity.ERROR,
            id="word-missing-short-title",
        ),
        pytest.param(
            "Cancer metastasis: constructing a framework",
            GUPTA_TITLE,
            Severity.ERROR,
            id="word-changed",
        ),
        pytest.param(
            ERPENBECK_TITLE.replace("fatal", "deadly"),
            ERPENBECK_TITLE,
            Severity.WARNING,
            id="word-changed-long-title",
        ),
        pytest.param(
            "Tumor metastasis: molecular insights", GUPTA_TITLE, Severity.ERROR, id="other-title"
        ),
    ],
)
def test_title_tolerance(cited: str | None, found: str | None, expected: Severity | None) -> None:
    mismatches = compare_title(cite(title=cited), registered(title=found))
    assert [m.severity for m in mismatches] == ([expected] if expected else [])


def test_a_changed_title_word_is_spelled_out() -> None:
    (mismatch,) = compare_title(
        cite(title="Cancer metastasis: constructing a framework"), registered(title=GUPTA_TITLE)
    )
    assert mismatch.field is FieldName.TITLE
    assert "'constructing' instead of 'building'" in mismatch.message
    assert (mismatch.cited, mismatch.found) == (
        "Cancer metastasis: constructing a framework",
        GUPTA_TITLE,
    )


@pytest.mark.parametrize(
    ("title", "main"),
    [
        pytest.param(ERPENBECK_TITLE, "Deadly allies", id="colon"),
        pytest.param("Opinion. Migrating cancer stem cells.", "Opinion", id="period"),
        pytest.param("Is it justified? A review", "Is it justified", id="question"),
        pytest.param("No subtitle here.", "No subtitle here", id="none"),
    ],
)
def test_main_title(title: str, main: str) -> None:
    assert main_title(title) == main


def test_title_similarity_forgives_an_omitted_subtitle() -> None:
    assert title_similarity("Deadly allies", ERPENBECK_TITLE) == 1.0


@pytest.mark.parametrize(
    ("cited", "names", "error"),
    [
        pytest.param("Cell", ("Cell",), False, id="equal"),
        pytest.param(
            "NEJM", ("The New England journal of medicine", "N Engl J Med"), False, id="alias"
        ),
        pytest.param(
            "Semin Ultrasound CT MRI",
            ("Seminars in ultrasound, CT, and MR",),
            False,
            id="semin-ultrasound",
        ),
        pytest.param("Updat Surg", ("Updates in Surgery", "Updates Surg"), False, id="updat-surg"),
        pytest.param("Cancer", ("Cancer cell", "Cancer Cell"), True, id="other-journal"),
        pytest.param(None, ("Cell",), False, id="not-cited"),
        pytest.param("Cell", (), False, id="not-registered"),
    ],
)
def test_journal_tolerance(cited: str | None, names: tuple[str, ...], error: bool) -> None:
    record = registered(journal=names[0] if names else None, journal_names=names)
    mismatches = compare_journal(cite(journal=cited), record)
    assert [m.severity for m in mismatches] == ([Severity.ERROR] if error else [])


def test_a_wrong_journal_shows_the_display_form() -> None:
    record = registered(journal="Cancer Cell", journal_names=("Cancer cell",))
    (mismatch,) = compare_journal(cite(journal="Cancer"), record)
    assert (mismatch.cited, mismatch.found) == ("Cancer", "Cancer Cell")


NATURE_REVIEWS_ENDOCRINOLOGY = ("Nat Rev Endocrinol", "Nature reviews. Endocrinology")
BBA_DISEASE = (
    "Biochim Biophys Acta Mol Basis Dis",
    "Biochimica et biophysica acta. Molecular basis of disease",
)


@pytest.mark.parametrize(
    ("title", "journal", "names", "expected"),
    [
        pytest.param(
            "Thyroid hormone action. Nature reviews",
            "Endocrinology",
            NATURE_REVIEWS_ENDOCRINOLOGY,
            ("Thyroid hormone action", "Nature reviews. Endocrinology"),
            id="one-period-in-the-journal",
        ),
        pytest.param(
            "Lipid rafts. Second look. Biochimica et biophysica acta",
            "Molecular basis of disease",
            BBA_DISEASE,
            (
                "Lipid rafts. Second look",
                "Biochimica et biophysica acta. Molecular basis of disease",
            ),
            id="a-two-sentence-title-keeps-both",
        ),
        pytest.param(
            "Thyroid hormone action. A review",
            "Nat Rev Endocrinol",
            NATURE_REVIEWS_ENDOCRINOLOGY,
            ("Thyroid hormone action. A review", "Nat Rev Endocrinol"),
            id="journal-already-right",
        ),
        pytest.param(
            "Thyroid hormone action. A review",
            "Cell",
            NATURE_REVIEWS_ENDOCRINOLOGY,
            ("Thyroid hormone action. A review", "Cell"),
            id="a-wrong-journal-stays-wrong",
        ),
    ],
)
def test_a_split_inside_the_registered_journal_name_is_moved(
    title: str, journal: str, names: tuple[str, ...], expected: tuple[str, str]
) -> None:
    record = registered(journal=names[0], journal_names=names)
    realigned = realign_title_journal(cite(title=title, journal=journal), record)
    assert (realigned.title, realigned.journal) == expected


def test_a_journal_name_with_a_period_raises_no_title_or_journal_error() -> None:
    record = registered(
        title="Thyroid hormone action",
        journal=NATURE_REVIEWS_ENDOCRINOLOGY[0],
        journal_names=NATURE_REVIEWS_ENDOCRINOLOGY,
    )
    citation = cite(title="Thyroid hormone action. Nature reviews", journal="Endocrinology")
    assert compare(citation, record) == ()


@pytest.mark.parametrize(
    ("cited", "found", "error"),
    [
        pytest.param("10.1016/j.cell.2006.11.001", "10.1016/j.cell.2006.11.001", False, id="equal"),
        pytest.param(
            "https://doi.org/10.1016/J.CELL.2006.11.001",
            "10.1016/j.cell.2006.11.001",
            False,
            id="resolver-and-case",
        ),
        pytest.param(
            "10.1016/j.cell.2006.11.019", "10.1016/j.cell.2006.11.001", True, id="different"
        ),
        pytest.param(None, "10.1016/j.cell.2006.11.001", False, id="not-cited"),
        pytest.param("10.1016/j.cell.2006.11.001", None, False, id="not-registered"),
    ],
)
def test_doi_tolerance(cited: str | None, found: str | None, error: bool) -> None:
    mismatches = compare_doi(cite(doi=cited), registered(doi=found))
    assert [m.severity for m in mismatches] == ([Severity.ERROR] if error else [])
