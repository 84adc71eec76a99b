"""Async HTTP clients for Crossref and PubMed that return typed records.

This package speaks HTTP and the upstream wire formats; it knows nothing of manuscripts or
citations (``app`` imports it, never the other way round). See :mod:`clients.errors` for the
error tree every call may raise.
"""

from clients._retry import RetryPolicy
from clients.cache import (
    CachedResponse,
    CacheStats,
    MemoryResponseCache,
    ResponseCache,
    SQLiteResponseCache,
)
from clients.crossref import CrossrefBudget, CrossrefClient
from clients.crossref_work import CrossrefAuthor, CrossrefUpdate, CrossrefWork
from clients.errors import (
    ClientError,
    MalformedResponse,
    RateLimited,
    UpstreamRejected,
    UpstreamUnavailable,
)
from clients.pubmed import PubMedClient
from clients.pubmed_article import PubMedArticle, PubMedAuthor
from clients.pubmed_citmatch import CitMatchQuery, CitMatchResult, CitMatchStatus

__all__ = [
    "CacheStats",
    "CachedResponse",
    "CitMatchQuery",
    "CitMatchResult",
    "CitMatchStatus",
    "ClientError",
    "CrossrefAuthor",
    "CrossrefBudget",
    "CrossrefClient",
    "CrossrefUpdate",
    "CrossrefWork",
    "MalformedResponse",
    "MemoryResponseCache",
    "PubMedArticle",
    "PubMedAuthor",
    "PubMedClient",
    "RateLimited",
    "ResponseCache",
    "RetryPolicy",
    "SQLiteResponseCache",
    "UpstreamRejected",
    "UpstreamUnavailable",
]
