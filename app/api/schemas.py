"""Wire models of the HTTP API, kept apart from the domain models they are built from."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.formats import InputFormat
from app.models import (
    FieldName,
    Finding,
    FindingKind,
    Match,
    Mismatch,
    NotFoundEvidence,
    NotFoundKind,
    Report,
    Result,
    Severity,
    Status,
)


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


class LocationOut(BaseModel):
    line: int
    end_line: int | None = None
    path: str | None = None
    key: str | None = None


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


class RejectedCandidateOut(BaseModel):
    doi: str | None
    pmid: str | None
    title: str | None
    confidence: float = Field(ge=0, le=1)
    reasons: list[str]


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
