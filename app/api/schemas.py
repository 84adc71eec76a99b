"""Wire models of the HTTP API, kept apart from the domain models they are built from."""

from __future__ import annotations

import base64
import binascii
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.formats import InputFormat
from app.models import (
    Author,
    FieldName,
    Finding,
    FindingKind,
    Match,
    Mismatch,
    NotFoundEvidence,
    NotFoundKind,
    PageRange,
    Record,
    RejectedCandidate,
    Report,
    Result,
    Severity,
    Source,
    SourceLocation,
    Status,
)
from app.parsing.names import NameOrder, parse_authors


# Properties received on POST /v1/verify
class VerifyRequest(BaseModel):
    """Either a list of references (one string each) or a text to find the references in."""

    model_config = ConfigDict(extra="forbid")

    references: list[str] | None = Field(
        default=None,
        description="One reference per item, in list order.",
        examples=[
            [
                "Gupta GP, Massagué J. Cancer metastasis: building a framework. "
                "Cell. 2009;127:679–95."
            ]
        ],
    )
    text: str | None = Field(
        default=None,
        description="A whole reference section or manuscript; the references are found in it.",
    )
    format: InputFormat | None = Field(
        default=None,
        description="The format of 'text' (bibtex, ris, csl-json, jats, latex, markdown, text); "
        "free text when unset. Word and PDF files go to POST /v1/verify/file.",
        examples=["bibtex"],
    )

    @model_validator(mode="after")
    def _exactly_one_input(self) -> Self:
        if (self.references is None) == (self.text is None):
            raise ValueError("send exactly one of 'references' (a list) or 'text' (a string)")
        if self.format is not None and self.text is None:
            raise ValueError("'format' describes 'text'; send it with 'text'")
        return self


class ManuscriptIn(BaseModel):
    """One manuscript of a job: its file name and its contents, as text or as base64 bytes.

    ``{"name": "chapter.bib", "text": "@article{...}"}``; Word and PDF files (or any file to be
    read byte for byte, BOM and encoding included) go as ``content_base64``. The name's
    extension and the contents tell the format unless ``format`` names it; results of the
    manuscript's references carry the name as ``location.path``.
    """

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=255, examples=["chapter.bib"])
    text: str | None = None
    content_base64: bytes | None = Field(
        default=None,
        description="the file's bytes, base64-encoded",
        json_schema_extra={"format": "byte", "contentEncoding": "base64"},
    )
    format: InputFormat | None = None

    @field_validator("content_base64", mode="before")
    @classmethod
    def _decode(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        try:
            return base64.b64decode(value, validate=True)
        except binascii.Error:
            raise ValueError("'content_base64' is not valid base64") from None

    @model_validator(mode="after")
    def _exactly_one_content(self) -> Self:
        if (self.text is None) == (self.content_base64 is None):
            raise ValueError("send exactly one of 'text' or 'content_base64' per manuscript")
        return self

    @property
    def data(self) -> str | bytes:
        return self.text if self.text is not None else self.content_base64 or b""


# Properties received on POST /v1/jobs
class JobRequest(VerifyRequest):
    """What ``/v1/verify`` takes, or several manuscripts verified as one numbered list."""

    manuscripts: list[ManuscriptIn] | None = Field(
        default=None,
        min_length=1,
        description="Several manuscripts in one job; their references are numbered on across "
        "manuscripts, and each result's location.path names its manuscript.",
    )

    @model_validator(mode="after")
    def _exactly_one_input(self) -> Self:
        given = [self.references is not None, self.text is not None, self.manuscripts is not None]
        if sum(given) != 1:
            raise ValueError(
                "send exactly one of 'references' (a list), 'text' (a string) or 'manuscripts'"
            )
        if self.format is not None and self.text is None:
            raise ValueError("'format' describes 'text'; send it with 'text'")
        return self


# Properties returned to clients
class MismatchOut(BaseModel):
    field: FieldName
    cited: str | None
    found: str | None
    severity: Severity
    message: str

    @classmethod
    def of(cls, m: Mismatch) -> MismatchOut:
        return cls(
            field=m.field, cited=m.cited, found=m.found, severity=m.severity, message=m.message
        )

    def to_domain(self) -> Mismatch:
        return Mismatch(self.field, self.cited, self.found, self.severity, self.message)


class MatchOut(BaseModel):
    doi: str | None
    pmid: str | None
    source: str = Field(description="crossref, pubmed, or both joined by '+'")
    confidence: float = Field(ge=0, le=1)
    title: str | None
    journal: str | None
    year: int | None
    volume: str | None
    issue: str | None
    pages: str | None
    authors: list[str]

    @classmethod
    def of(cls, m: Match) -> MatchOut:
        r = m.record
        pages = None
        if r.pages is not None:
            pages = f"{r.pages.first}-{r.pages.last}" if r.pages.last else r.pages.first
        return cls(
            doi=r.doi,
            pmid=r.pmid,
            source="+".join(s.value for s in r.sources),
            confidence=round(m.confidence, 3),
            title=r.title,
            journal=r.journal,
            year=r.year,
            volume=r.volume,
            issue=r.issue,
            pages=pages,
            authors=[f"{a.family} {a.initials}".strip() for a in r.authors],
        )

    def to_domain(self) -> Match:
        """The match as far as the wire tells it (what reports show: ids, title, fields)."""
        record = Record(
            sources=tuple(Source(s) for s in self.source.split("+") if s),
            doi=self.doi,
            pmid=self.pmid,
            title=self.title,
            journal=self.journal,
            year=self.year,
            years=(self.year,) if self.year is not None else (),
            volume=self.volume,
            issue=self.issue,
            pages=_page_range(self.pages),
            authors=tuple(_author(name) for name in self.authors),
        )
        return Match(record, self.confidence)


def _page_range(pages: str | None) -> PageRange | None:
    """``"679-695"`` -> PageRange("679", "695"), the inverse of how MatchOut writes pages."""
    if not pages:
        return None
    first, _, last = pages.partition("-")
    return PageRange(first, last or None, raw=pages)


def _author(name: str) -> Author:
    """``"Gupta GP"`` -> Author("Gupta", "GP"), read as the parser reads a Vancouver name (so
    "van der Berg JA" and "Dutch Liver Surgery Group" come back whole); else all family."""
    read = parse_authors(name, NameOrder.FAMILY_INITIALS)
    return read.authors[0] if read is not None and len(read.authors) == 1 else Author(name)


class LocationOut(BaseModel):
    line: int
    end_line: int | None = None
    path: str | None = None
    key: str | None = None

    def to_domain(self) -> SourceLocation:
        return SourceLocation(self.line, self.end_line, self.path, self.key)


class FindingOut(BaseModel):
    """A research-integrity finding: retracted, corrected, duplicate, ... (see README)."""

    kind: FindingKind
    severity: Severity
    message: str
    doi: str | None = Field(default=None, description="the related work: notice, version ...")
    pmid: str | None = None
    date: str | None = None
    related_index: int | None = Field(default=None, description="e.g. the earlier duplicate")

    @classmethod
    def of(cls, f: Finding) -> FindingOut:
        return cls(
            kind=f.kind,
            severity=f.severity,
            message=f.message,
            doi=f.doi,
            pmid=f.pmid,
            date=f.date,
            related_index=f.related_index,
        )

    def to_domain(self) -> Finding:
        return Finding(
            self.kind,
            self.severity,
            self.message,
            self.doi,
            self.pmid,
            self.date,
            self.related_index,
        )


class RejectedCandidateOut(BaseModel):
    doi: str | None
    pmid: str | None
    title: str | None
    confidence: float = Field(ge=0, le=1)
    reasons: list[str]

    def to_domain(self) -> RejectedCandidate:
        return RejectedCandidate(
            self.doi, self.pmid, self.title, self.confidence, tuple(self.reasons)
        )


class NotFoundEvidenceOut(BaseModel):
    basis: list[str] = Field(description="why the reference got its not_found_kind")
    candidates: list[RejectedCandidateOut] = Field(description="the closest records, rejected")

    @classmethod
    def of(cls, e: NotFoundEvidence) -> NotFoundEvidenceOut:
        return cls(
            basis=list(e.basis),
            candidates=[
                RejectedCandidateOut(
                    doi=c.doi,
                    pmid=c.pmid,
                    title=c.title,
                    confidence=c.confidence,
                    reasons=list(c.reasons),
                )
                for c in e.candidates
            ],
        )

    def to_domain(self) -> NotFoundEvidence:
        return NotFoundEvidence(tuple(self.basis), tuple(c.to_domain() for c in self.candidates))


class ResultOut(BaseModel):
    index: int
    input: str
    status: Status
    match: MatchOut | None
    mismatches: list[MismatchOut]
    suggestion: str | None
    reason: str | None = None
    label: str | None = None
    location: LocationOut | None = None
    findings: list[FindingOut] = []
    not_found_kind: NotFoundKind | None = Field(
        default=None, description="likely_fabricated | not_indexed | not_found (not_found only)"
    )
    not_found_evidence: NotFoundEvidenceOut | None = None

    @classmethod
    def of(cls, r: Result) -> ResultOut:
        loc = r.location
        return cls(
            index=r.index,
            input=r.input,
            status=r.status,
            match=MatchOut.of(r.match) if r.match else None,
            mismatches=[MismatchOut.of(m) for m in r.mismatches],
            suggestion=r.suggestion,
            reason=r.reason,
            label=r.label,
            location=LocationOut(line=loc.line, end_line=loc.end_line, path=loc.path, key=loc.key)
            if loc
            else None,
            findings=[FindingOut.of(f) for f in r.findings],
            not_found_kind=r.not_found_kind,
            not_found_evidence=NotFoundEvidenceOut.of(r.not_found_evidence)
            if r.not_found_evidence
            else None,
        )

    def to_domain(self) -> Result:
        """The result a remote server sent, as the domain's (``refcheck check --server``)."""
        evidence = self.not_found_evidence
        return Result(
            index=self.index,
            input=self.input,
            status=self.status,
            match=self.match.to_domain() if self.match else None,
            mismatches=tuple(m.to_domain() for m in self.mismatches),
            suggestion=self.suggestion,
            reason=self.reason,
            location=self.location.to_domain() if self.location else None,
            label=self.label,
            findings=tuple(f.to_domain() for f in self.findings),
            not_found_kind=self.not_found_kind,
            not_found_evidence=evidence.to_domain() if evidence else None,
        )


class VerifyResponse(BaseModel):
    results: list[ResultOut]
    summary: dict[str, int] = Field(
        description="Counts per status, plus 'total'.",
        examples=[
            {
                "verified": 50,
                "mismatch": 10,
                "not_found": 6,
                "ambiguous": 0,
                "unverified": 0,
                "error": 0,
                "total": 66,
            }
        ],
    )

    @classmethod
    def of(cls, report: Report) -> VerifyResponse:
        return cls(results=[ResultOut.of(r) for r in report.results], summary=report.summary)


class Health(BaseModel):
    status: str
    version: str
    # "ok" | "unavailable" | "not-configured" (no REFCHECK_REDIS_URL)
    redis: str = "not-configured"
    # "shared" (through Redis) | "local-fallback" (Redis down) | "local" (no Redis configured)
    limiter: str = "local"
