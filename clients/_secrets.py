"""Keep credentials and contact addresses out of error messages, logs and cache keys.

The NCBI ``api_key`` is a secret; the ``email``/``mailto`` contact addresses are personal data.
Both travel as query parameters, so any URL that leaves this package goes through
:func:`redact_url` first, and any upstream text quoted in a message goes through :func:`scrub`.
httpx itself logs every request URL at INFO level ("HTTP Request: GET https://…&api_key=…"),
so :func:`redact_httpx_logs` puts a :class:`RedactingFilter` on its logger.

>>> redact_url("https://eutils.example/esearch.fcgi?term=x&api_key=abc123&email=me%40x.org")
'https://eutils.example/esearch.fcgi?term=x&api_key=REDACTED&email=REDACTED'
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Final
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SECRET_PARAMS: Final = frozenset({"api_key", "email", "mailto"})
REDACTED: Final = "REDACTED"


def redact_url(url: str) -> str:
    """Replace the values of ``api_key``, ``email`` and ``mailto`` in a URL's query string."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(name.lower() in SECRET_PARAMS for name, _ in pairs):
        return url
    redacted = [(n, REDACTED if n.lower() in SECRET_PARAMS else v) for n, v in pairs]
    return urlunsplit(parts._replace(query=urlencode(redacted, safe="|,:[]")))


def scrub(text: str, secrets: Iterable[str]) -> str:
    """Blank out every occurrence of a known secret value in ``text``.

    NCBI's 429 body echoes the caller's key (``"api-key":"<key>"``), so upstream text is
    scrubbed before it is quoted: ``scrub('{"api-key":"k1"}', ["k1"]) == '{"api-key":"REDACTED"}'``.
    """
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


class RedactingFilter(logging.Filter):
    """Redact secret query parameters from any URL among a log record's arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted_arg(arg) for arg in record.args)
        return True


def redact_httpx_logs() -> None:
    """Install :class:`RedactingFilter` on the ``httpx`` logger, once per process."""
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())


def _redacted_arg(arg: object) -> object:
    text = str(arg) if type(arg).__name__ == "URL" else arg  # httpx.URL, without importing httpx
    if isinstance(text, str) and "://" in text and "?" in text:
        return redact_url(text)
    return arg
