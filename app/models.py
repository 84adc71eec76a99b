"""The domain vocabulary: what a manuscript claims, what a registry says, and how they differ.

These are plain frozen dataclasses with no framework in them. Raw Crossref JSON and PubMed XML
never reach this module: ``clients/`` parses the wire formats and ``app/records.py`` maps the
clients' typed records onto :class:`Record`. The HTTP schemas (``app/api/schemas.py``) are built
from these objects at the edge.

The pipeline reads top to bottom::

    extract  (text  -> RawReference)      app/extract.py
    parse    (RawReference -> Citation)    app/parsing/
    resolve  (Citation -> candidates)      app/resolve.py
    match    (candidates -> Match)         app/matching.py
    compare  (Citation, Record -> Mismatch) app/compare.py
    report   (Result -> text / JSON)       app/report/
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class FieldName(StrEnum):
    """A citation field that can disagree with the registered record."""

    YEAR = "year"
    VOLUME = "volume"
    ISSUE = "issue"
    PAGES = "pages"
    AUTHORS = "authors"
    TITLE = "title"
    JOURNAL = "journal"
    DOI = "doi"


class Severity(StrEnum):
    """How much a mismatch matters: errors fail a CI check, warnings may, info never does."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Status(StrEnum):
    """The verdict for one reference."""

    VERIFIED = "verified"  # matched a record; no error- or warning-severity mismatch
    MISMATCH = "mismatch"  # matched a record; at least one error or warning
    NOT_FOUND = "not_found"  # the upstreams answered, and no candidate validated
    AMBIGUOUS = "ambiguous"  # two different records validate about equally well
    UNVERIFIED = "unverified"  # an upstream failed, so no verdict can be given (see reason)
    ERROR = "error"  # the reference itself could not be processed (see reason)


class Source(StrEnum):
    """Which registry a record came from."""

    CROSSREF = "crossref"
    PUBMED = "pubmed"


class Style(StrEnum):
    """The citation style a reference was written in, as the parser recognised it."""

    VANCOUVER = "vancouver"  # Gupta GP, Massagué J. Title. Cell. 2006;127(4):679-95.
    AMA = "ama"  # Gupta GP, Massagué J. Title. Cell. 2006;127(4):679-695. doi:...
    APA = "apa"  # Gupta, G. P., & Massagué, J. (2006). Title. Cell, 127(4), 679–695.
    HARVARD = "harvard"  # Gupta, G.P. and Massagué, J. (2006) 'Title', Cell, 127(4), pp. 679-695.
    CHICAGO = "chicago"  # Gupta, Gaurav P., and Joan Massagué. 2006. "Title." Cell 127 (4): 679–95.
    IEEE = "ieee"  # G. P. Gupta and J. Massagué, "Title," Cell, vol. 127, no. 4, pp. 679–695, 2006.
    NATURE = "nature"  # Gupta, G. P. & Massagué, J. Title. Cell 127, 679–695 (2006).
    SCIENCE = "science"  # G. P. Gupta, J. Massagué, Title. Cell 127, 679–695 (2006).
    SPRINGER = "springer"  # Gupta GP, Massagué J (2006) Title. Cell 127:679–695
    ELSEVIER = "elsevier"  # G.P. Gupta, J. Massagué, Title, Cell 127 (2006) 679–695.
    ELSEVIER_HARVARD = (
        "elsevier-harvard"  # Gupta, G.P., Massagué, J., 2006. Title. Cell 127, 679–695.
    )
    BMC = "bmc"  # Gupta GP, Massagué J: Title. Cell 2006, 127(4):679-695.
    ACS = "acs"  # Gupta, G. P.; Massagué, J. Title. Cell 2006, 127, 679–695.
    MLA = (
        "mla"  # Gupta, Gaurav P., and Joan Massagué. "Title." Cell, vol. 127, no. 4, 2006, pp. 1-9.
    )
    UNKNOWN = "unknown"


class WorkType(StrEnum):
    """What kind of registered work a record is; matching never accepts a notice for an article."""

    ARTICLE = "article"
    PREPRINT = "preprint"
    ERRATUM = "erratum"  # corrections, errata, "Correction to: ..."
    RETRACTION = "retraction"  # retraction notices, expressions of concern
    BOOK = "book"
    CHAPTER = "chapter"
    PROCEEDINGS = "proceedings"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Author:
    """One person (or group) in an author list.

    ``family`` keeps the spelling as written (diacritics included); ``initials`` are upper-case
    letters without dots ("GP"). A group author ("Dutch Liver Surgery Working Group") has only
    ``family`` and ``is_group=True``.
    """

    family: str
    initials: str = ""
    given: str | None = None
    is_group: bool = False


@dataclass(frozen=True, slots=True)
class PageRange:
    """Pages as cited or registered, already expanded.

    ``first``/``last`` are strings because e-locators ("e3722"), letter prefixes ("S224") and
    leading zeros ("031208") are real. "679–95" is stored as first="679", last="695"; the text
    as written is kept in ``raw``.
    """

    first: str
    last: str | None = None
    raw: str = ""


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where a reference sits in its input, for annotations (1-based line numbers)."""

    line: int
    end_line: int | None = None
    path: str | None = None
    key: str | None = None  # an entry key (BibTeX) when there is one


@dataclass(frozen=True, slots=True)
class RawReference:
    """One reference as extracted from a manuscript, before parsing."""

    index: int  # 1-based position in the list
    text: str  # cleaned text: numbering and link noise removed, whitespace folded
    label: str | None = None  # the number as printed ("12"), if any
    location: SourceLocation | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """What a manuscript claims about a work: the parsed fields of one reference.

    Every field is optional: a reference that cannot be parsed still has ``raw`` and is
    searched as a whole string.
    """

    index: int
    raw: str
    authors: tuple[Author, ...] = ()
    et_al: bool = False  # the author list was cut with "et al."
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    year_suffix: str = ""  # "2006a"
    volume: str | None = None
    issue: str | None = None
    pages: PageRange | None = None
    doi: str | None = None
    pmid: str | None = None
    style: Style = Style.UNKNOWN
    location: SourceLocation | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """What a registry says about a work, source-neutral.

    A record may merge what Crossref and PubMed say about the same work (``sources`` lists
    both); then ``years`` holds every plausible publication year (print, online, issue) so the
    comparator can accept any of them, and ``journal_names`` every known form of the journal
    (full title, ISO and MEDLINE abbreviations, Crossref short titles).
    """

    sources: tuple[Source, ...]
    doi: str | None = None
    pmid: str | None = None
    title: str | None = None
    journal: str | None = None  # the display form: an abbreviation when the source has one
    journal_names: tuple[str, ...] = ()
    year: int | None = None  # the canonical year: print year when known, else the earliest
    years: tuple[int, ...] = ()  # every year the work can honestly be cited with
    volume: str | None = None
    issue: str | None = None
    pages: PageRange | None = None
    authors: tuple[Author, ...] = ()
    work_type: WorkType = WorkType.ARTICLE
    updated_by: tuple[Relation, ...] = ()  # notices about this work: retraction, correction ...
    update_to: tuple[Relation, ...] = ()  # for a notice: the work(s) it is about
    versions: tuple[Relation, ...] = ()  # the published version of a preprint, or its preprint


@dataclass(frozen=True, slots=True)
class Match:
    """The record a citation was identified with, and how sure we are (0..1)."""

    record: Record
    confidence: float


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One field where the citation and the registered record disagree."""

    field: FieldName
    cited: str | None
    found: str | None
    severity: Severity
    message: str


@dataclass(frozen=True, slots=True)
class Result:
    """The verdict for one reference, in input order."""

    index: int
    input: str
    status: Status
    match: Match | None = None
    mismatches: tuple[Mismatch, ...] = ()
    suggestion: str | None = None  # the corrected citation, in the style it was written in
    reason: str | None = None  # why a reference is not_found / ambiguous / unverified / error
    location: SourceLocation | None = None
    label: str | None = None
    findings: tuple[Finding, ...] = ()  # research-integrity findings (app/integrity/)
    not_found_kind: NotFoundKind | None = None  # set on not_found results only
    not_found_evidence: NotFoundEvidence | None = None  # why that kind, and the closest records


@dataclass(frozen=True, slots=True)
class Report:
    """All results for one manuscript, plus counts per status."""

    results: tuple[Result, ...]
    summary: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_results(cls, results: list[Result] | tuple[Result, ...]) -> Report:
        ordered = tuple(sorted(results, key=lambda r: r.index))
        summary = {status.value: 0 for status in Status}
        for result in ordered:
            summary[result.status.value] += 1
        summary["total"] = len(ordered)
        return cls(results=ordered, summary=summary)


# -- research integrity (app/integrity/) ----------------------------------------------------------


class RelationKind(StrEnum):
    """How another registered work relates to a record (Crossref relations, PubMed links)."""

    RETRACTION = "retraction"  # Crossref update "retraction"; PubMed RetractionIn/RetractionOf
    EXPRESSION_OF_CONCERN = "expression_of_concern"  # PubMed ExpressionOfConcernIn/-For
    CORRECTION = "correction"  # correction, erratum, corrigendum, addendum; PubMed ErratumIn
    WITHDRAWAL = "withdrawal"  # Crossref "withdrawal"/"removal"; a "WITHDRAWN:" title
    UPDATE = "update"  # a new version of a non-preprint work (PubMed UpdateIn, "new_version")
    PUBLISHED_VERSION = "published_version"  # of a preprint: is-preprint-of, PubMed UpdateIn
    PREPRINT = "preprint"  # of an article: has-preprint


@dataclass(frozen=True, slots=True)
class Relation:
    """A link from a record to another work, e.g. the retraction notice of a retracted article.

    ``Relation(RelationKind.RETRACTION, doi="10.1016/j.cell.2014.01.001", pmid="24439384")``.
    A relation known only from a flag (PubMed's "Retracted Publication" type, a "RETRACTED:"
    title) has neither identifier. ``date`` is ISO ("2012-05-08", "2012") when the source gives it.
    """

    kind: RelationKind
    doi: str | None = None
    pmid: str | None = None
    date: str | None = None
    label: str | None = None  # the source's own word: "Correction", "Retraction", ...


class FindingKind(StrEnum):
    """A research-integrity finding about one reference; the ``status`` is never changed by it."""

    RETRACTED = "retracted"
    EXPRESSION_OF_CONCERN = "expression_of_concern"
    CORRECTED = "corrected"  # an erratum, correction or updated version exists
    WITHDRAWN = "withdrawn"
    CITES_NOTICE = "cites_notice"  # the reference matches the notice itself, not the article
    PREPRINT_PUBLISHED = "preprint_published"  # a cited preprint has a published version
    DUPLICATE = "duplicate"  # the same work is cited earlier in the list
    DOI_OTHER_WORK = "doi_other_work"  # the cited DOI is registered to a different work


@dataclass(frozen=True, slots=True)
class Finding:
    """One research-integrity finding, with the related work (notice, published version ...).

    ``Finding(FindingKind.RETRACTED, Severity.ERROR, "retracted: retraction notice
    10.1038/nature13598", doi="10.1038/nature13598")``. ``related_index`` names another
    reference of the same list (the earlier one, for a duplicate).
    """

    kind: FindingKind
    severity: Severity
    message: str
    doi: str | None = None
    pmid: str | None = None
    date: str | None = None
    related_index: int | None = None


class NotFoundKind(StrEnum):
    """What a ``not_found`` reference most likely is."""

    LIKELY_FABRICATED = "likely_fabricated"  # a journal article that nothing registered resembles
    NOT_INDEXED = "not_indexed"  # a book, report, abstract, website or dataset: out of scope
    NOT_FOUND = "not_found"  # neither can be told: too little parsed, or a near miss


@dataclass(frozen=True, slots=True)
class RejectedCandidate:
    """A record that came close to a not-found reference, and why it is not the cited work."""

    doi: str | None
    pmid: str | None
    title: str | None
    confidence: float
    reasons: tuple[str, ...]  # "different first author", "title words absent (0.31)", ...


@dataclass(frozen=True, slots=True)
class NotFoundEvidence:
    """Why a not-found reference got its ``NotFoundKind``: the clues and the closest records."""

    basis: tuple[str, ...]  # "publisher and place (New York: Garland Science)", ...
    candidates: tuple[RejectedCandidate, ...] = ()
