"""The text report: a count line, a block per reference that needs attention."""

from __future__ import annotations

from app.models import (
    FieldName,
    Match,
    Mismatch,
    Record,
    Report,
    Result,
    Severity,
    Source,
    SourceLocation,
    Status,
)
from app.report import render_text

GUPTA = Record(sources=(Source.CROSSREF,), doi="10.1016/j.cell.2006.11.001", pmid="17110329")
GUPTA_INPUT = (
    "Gupta GP, Massaguè J. Cancer metastasis: building a framework. Cell. 2009;127:679–95."
)
SUGGESTION = (
    "Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. 2006;127(4):679-95. "
    "doi:10.1016/j.cell.2006.11.001"
)
MISMATCHED = Result(
    index=12,
    input=GUPTA_INPUT,
    status=Status.MISMATCH,
    match=Match(GUPTA, 0.97),
    mismatches=(
        Mismatch(
            FieldName.AUTHORS,
            "Massaguè J",
            "Massagué J",
            Severity.INFO,
            "author 2 spelled Massaguè J, registered Massagué J",
        ),
        Mismatch(
            FieldName.YEAR, "2009", "2006", Severity.ERROR, "year cited 2009, registered 2006"
        ),
    ),
    suggestion=SUGGESTION,
    label="12",
)
VERIFIED = Result(
    index=2,
    input="Fidler IJ. The pathogenesis of cancer metastasis. Nat Rev Cancer. 2003;3:453–8.",
    status=Status.VERIFIED,
    match=Match(Record(sources=(Source.PUBMED,), doi="10.1038/nrc1098"), 0.99),
    label="2",
)
NOT_FOUND = Result(
    index=1,
    input="Weinberg RA. The biology of cancer. New York: Garland Science; 2007.",
    status=Status.NOT_FOUND,
    reason="closest: 10.1016/j.cell.2011.09.024 - title similarity 0.28; confidence 0.00",
    label="1",
)
REPORT = Report.from_results([MISMATCHED, VERIFIED, NOT_FOUND])


def test_the_header_counts_each_status() -> None:
    header = render_text(REPORT).splitlines()[0]
    assert header == "3 references: 1 verified, 1 mismatch, 1 not found"


def test_a_mismatch_block_shows_match_input_fields_and_suggestion() -> None:
    block = render_text(REPORT).split("\n\n")[2]
    assert block.splitlines() == [
        "[12] MISMATCH  (matched 10.1016/j.cell.2006.11.001, PMID 17110329, confidence 0.97)",
        f"  {GUPTA_INPUT}",
        "  authors  info     author 2 spelled Massaguè J, registered Massagué J",
        "  year     error    cited 2009 -> registered 2006",
        f"  suggested: {SUGGESTION}",
    ]


def test_a_not_found_block_gives_the_reason() -> None:
    block = render_text(REPORT).split("\n\n")[1]
    assert block.splitlines()[0] == "[1] NOT_FOUND"
    assert block.splitlines()[-1] == f"  reason: {NOT_FOUND.reason}"


def test_verified_references_appear_only_when_verbose() -> None:
    assert "[2] VERIFIED" not in render_text(REPORT)
    assert "[2] VERIFIED  (matched 10.1038/nrc1098, confidence 0.99)" in render_text(
        REPORT, verbose=True
    )


def test_a_note_in_the_message_follows_the_values() -> None:
    pages = Mismatch(
        FieldName.PAGES,
        "3427-2436",
        "3427-3436",
        Severity.ERROR,
        "pages cited 3427-2436, registered 3427-3436 (impossible page range)",
    )
    result = Result(index=15, input="...", status=Status.MISMATCH, mismatches=(pages,))
    text = render_text(Report.from_results([result]))
    assert (
        "  pages    error    cited 3427-2436 -> registered 3427-3436 (impossible page range)"
        in text
    )


def test_an_ambiguous_reference_names_its_best_candidate_without_claiming_a_match() -> None:
    ambiguous = Result(
        index=9,
        input="...",
        status=Status.AMBIGUOUS,
        match=Match(GUPTA, 0.8),
        reason="2 records fit about equally well: 10.1016/j.cell.2006.11.001 (0.80), 10.1/x (0.79)",
    )
    heading = render_text(Report.from_results([ambiguous])).split("\n\n")[1].splitlines()[0]
    assert heading == (
        "[9] AMBIGUOUS  (best candidate 10.1016/j.cell.2006.11.001, PMID 17110329, confidence 0.80)"
    )


def test_a_location_is_shown_when_known() -> None:
    located = Result(
        index=7,
        input="...",
        status=Status.UNVERIFIED,
        reason="upstream unavailable: crossref 503",
        location=SourceLocation(line=42, path="refs.txt"),
    )
    assert "  at refs.txt:42" in render_text(Report.from_results([located]))


def test_plain_output_is_free_of_escape_codes_and_colour_adds_them() -> None:
    assert "\033[" not in render_text(REPORT)
    assert "\033[31merror" in render_text(REPORT, color=True)


def test_the_report_ends_with_a_newline() -> None:
    assert render_text(REPORT).endswith("\n")


def test_an_empty_report_says_so() -> None:
    assert render_text(Report.from_results([])) == "0 references: none\n"
