"""Records, citations and results the integrity tests are built from."""

from __future__ import annotations

from dataclasses import replace

from app.matching import Decision
from app.models import (
    Author,
    Citation,
    Match,
    PageRange,
    RawReference,
    Record,
    Relation,
    RelationKind,
    Result,
    Source,
    Status,
    WorkType,
)
from app.parsing import parse_reference

ARTICLE = Record(
    sources=(Source.CROSSREF, Source.PUBMED),
    doi="10.1097/sla.0000000000002741",
    pmid="29000004",
    title="Parenchymal-sparing hepatectomy for colorectal liver metastases: "
    "a propensity score analysis",
    journal="Ann Surg",
    journal_names=("Annals of surgery", "Ann Surg"),
    year=2018,
    years=(2018,),
    volume="268",
    issue="5",
    pages=PageRange("801", "809"),
    authors=(Author("Moreno", "L"), Author("Tanaka", "H"), Author("Dubois", "C")),
)
ERRATUM = replace(
    ARTICLE,
    doi="10.1097/sla.0000000000003123",
    pmid="30600005",
    title="Correction to: " + (ARTICLE.title or ""),
    year=2019,
    years=(2019,),
    volume="269",
    pages=PageRange("e12"),
    work_type=WorkType.ERRATUM,
    update_to=(Relation(RelationKind.CORRECTION, doi=ARTICLE.doi, pmid=ARTICLE.pmid),),
)
OTHER = Record(
    sources=(Source.CROSSREF,),
    doi="10.1245/s10434-016-5123-4",
    pmid="27000008",
    title="Liver transplantation for unresectable colorectal liver metastases: long-term outcomes",
    journal="Ann Surg Oncol",
    journal_names=("Annals of surgical oncology", "Ann Surg Oncol"),
    year=2016,
    years=(2016,),
    volume="23",
    pages=PageRange("2870", "2878"),
    authors=(Author("Solheim", "J"), Author("Dueland", "S")),
)
PREPRINT = Record(
    sources=(Source.CROSSREF,),
    doi="10.1101/2020.06.01.20119123",
    title="Circulating tumour DNA predicts recurrence after liver resection",
    journal="medRxiv",
    journal_names=("medRxiv",),
    year=2020,
    years=(2020,),
    authors=(Author("Okonkwo", "A"),),
    work_type=WorkType.PREPRINT,
)
PUBLISHED = replace(
    PREPRINT,
    doi="10.1038/s41591-021-01234-5",
    pmid="33900007",
    journal="Nat Med",
    journal_names=("Nature medicine", "Nat Med"),
    work_type=WorkType.ARTICLE,
    versions=(Relation(RelationKind.PREPRINT, doi=PREPRINT.doi),),
)

ARTICLE_TEXT = (
    "Moreno L, Tanaka H, Dubois C. Parenchymal-sparing hepatectomy for colorectal liver "
    "metastases: a propensity score analysis. Ann Surg. 2018;268(5):801-9."
)
INVENTED_TEXT = (
    "Okafor T, Lindqvist M, Brandt S. Stromal interleukin-33 signalling predicts early "
    "recurrence after hepatectomy. Ann Surg. 2019;270(4):611-9."
)


def cite(text: str, index: int = 1) -> Citation:
    """The parsed citation of ``text``, as the pipeline makes it."""
    return parse_reference(RawReference(index=index, text=text))


def none_decision(*closest: Record) -> Decision:
    """Matching found nothing; ``closest`` came nearest."""
    return Decision("none", None, tuple(Match(r, 0.01) for r in closest), "closest: ...")


def matched_decision(record: Record, *others: Record) -> Decision:
    return Decision("matched", Match(record, 0.99), tuple(Match(r, 0.7) for r in others), "...")


def result(
    index: int,
    status: Status,
    record: Record | None = None,
    text: str = ARTICLE_TEXT,
    label: str | None = None,
) -> Result:
    return Result(
        index=index,
        input=text,
        status=status,
        match=Match(record, 0.99) if record is not None else None,
        label=label,
    )
