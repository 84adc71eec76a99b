"""The typed errors every client raises; callers never see httpx or lxml exceptions.

::

    ClientError                 base: .source ("crossref"|"pubmed"), .url (redacted), .reason
      + UpstreamUnavailable     transport failure, timeout or 5xx, still failing after the retries
      + RateLimited             429, still throttled after the retries; .retry_after_s if given
      + UpstreamRejected        any other 4xx: our request was wrong; .status_code
      + MalformedResponse       the body was not the expected shape (truncated JSON/XML, wrong type)

"Not found" is a result, not an error: ``CrossrefClient.work()`` returns ``None`` on a 404.
Exceptions are kept in their own module so the HTTP layer and the parsers can both raise them
without importing each other.
"""

from __future__ import annotations

from clients._secrets import redact_url


class ClientError(Exception):
    """An upstream call failed; ``str(error)`` is a short human reason.

    Example reason: ``"crossref: 503 Service Unavailable after 4 attempts"``.
    """

    def __init__(self, reason: str, *, source: str, url: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.source = source
        self.url = redact_url(url)


class UpstreamUnavailable(ClientError):
    """The upstream could not be reached or kept failing (timeouts, 5xx) within the retry budget."""

    def __init__(
        self, reason: str, *, source: str, url: str, retry_after_s: float | None = None
    ) -> None:
        super().__init__(reason, source=source, url=url)
        self.retry_after_s = retry_after_s


class RateLimited(ClientError):
    """The upstream kept answering 429 Too Many Requests within the retry budget."""

    def __init__(
        self, reason: str, *, source: str, url: str, retry_after_s: float | None = None
    ) -> None:
        super().__init__(reason, source=source, url=url)
        self.retry_after_s = retry_after_s


class UpstreamRejected(ClientError):
    """The upstream refused the request (4xx other than 404-as-answer and 429); never retried."""

    def __init__(self, reason: str, *, source: str, url: str, status_code: int) -> None:
        super().__init__(reason, source=source, url=url)
        self.status_code = status_code


class MalformedResponse(ClientError):
    """A successful status carried a body that could not be parsed into the expected shape."""
