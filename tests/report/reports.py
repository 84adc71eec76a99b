"""A small report with one reference of each kind, for the CI renderings' tests."""

from __future__ import annotations

from app.models import (
    FieldName,
    Match,
    Mismatch,
    PageRange,
    Record,
    Report,
    Result,
    Severity,
    Source,
    SourceLocation,
    Status,
)

GUPTA_RECORD = Record(
    sources=(Source.CROSSREF,),
    doi="10.1016/j.cell.2006.11.001",
    title="Cancer Metastasis: Building a Framework",
    journal="Cell",
    year=2006,
    years=(2006,),
    volume="127",
    issue="4",
    pages=PageRange("679", "695"),
)


def location(line: int, end: int, key: str | None = None) -> SourceLocation:
    return SourceLocation(line=line, end_line=end, path="refs.bib", key=key)


def sample_report() -> Report:
    """Verified (with a note), mismatch (error), not found, unverified, in that order."""
    year = Mismatch(
        FieldName.YEAR, "2009", "2006", Severity.ERROR, "year cited 2009, registered 2006"
    )
    variant = Mismatch(
        FieldName.AUTHORS, "Massaguè J", "Massagué J", Severity.INFO,
        "author 2 spelled Massaguè J, registered Massagué J",
    )  # fmt: skip
    results = [
        Result(1, "Fidler IJ. ... 2003;3:453-8.", Status.VERIFIED,
               match=Match(GUPTA_RECORD, 0.99), mismatches=(variant,),
               location=location(1, 7, "fidler2003"), label="fidler2003"),
        Result(2, "Gupta GP, Massaguè J. ... Cell. 2009;127:679-95.", Status.MISMATCH,
               match=Match(GUPTA_RECORD, 1.0), mismatches=(year,),
               suggestion="Gupta GP, Massagué J. ... Cell. 2006;127(4):679-95.",
               location=location(9, 16, "gupta2009"), label="gupta2009"),
        Result(3, "Weinberg RA. The biology of cancer. 2007.", Status.NOT_FOUND,
               reason="no candidate validated", location=location(18, 22, "weinberg2007"),
               label="weinberg2007"),
        Result(4, "Joyce JA. ... 2009;9:239-52.", Status.UNVERIFIED,
               reason="upstream unavailable: crossref: status 503",
               location=location(24, 30, "joyce2009"), label="joyce2009"),
    ]  # fmt: skip
    return Report.from_results(results)
