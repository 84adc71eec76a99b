"""Typed settings, read once from the environment (prefix ``REFCHECK_``) and passed down.

Upstream base URLs come from here only, never from a request. Clients never import this module:
``app/wiring.py`` reads it and passes plain values to their constructors.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="REFCHECK_", env_file=".env", env_ignore_empty=True, extra="ignore"
    )

    crossref_url: str = "https://api.crossref.org"
    pubmed_url: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
    # Crossref's polite pool and NCBI's contact address; without it Crossref serves the
    # public pool (5 req/s, 1 concurrent) and refcheck slows down to match.
    mailto: str | None = None
    ncbi_api_key: SecretStr | None = None
    ncbi_tool: str = "refcheck"

    connect_timeout_s: float = Field(default=5.0, gt=0)
    read_timeout_s: float = Field(default=20.0, gt=0)
    # Retry budget per upstream request: attempts and total seconds, whichever ends first.
    retry_attempts: int = Field(default=4, ge=1, le=10)
    retry_max_elapsed_s: float = Field(default=30.0, gt=0)
    retry_max_wait_s: float = Field(default=10.0, gt=0)

    # Upstream-answer cache: an SQLite file by default, "" or "none" disables it.
    cache_path: str = str(Path.home() / ".cache" / "refcheck" / "upstream.sqlite3")
    cache_ttl_s: int = Field(default=7 * 24 * 3600, ge=0)

    # Several processes, one politeness budget: with a Redis URL (``redis://host:6379/0``) the
    # answer cache and the upstream rate/concurrency limits are shared through Redis. If Redis
    # is unreachable each process falls back to 1/assumed_workers of the published limits.
    redis_url: str | None = None
    assumed_workers: int = Field(default=4, ge=1)
    # Durable jobs (with a Redis URL): a job left unacknowledged this long by a stopped worker
    # is resumed by another; each ``refcheck worker`` runs up to worker_max_jobs jobs at once.
    job_claim_idle_s: float = Field(default=300.0, gt=0)
    worker_max_jobs: int = Field(default=2, ge=1)

    # Request limits for the HTTP API.
    max_body_bytes: int = Field(default=16 * 1024 * 1024, gt=0)
    max_references: int = Field(default=2000, ge=500)
    max_reference_chars: int = Field(default=10_000, ge=200)
    # A synchronous request still running after this long is stopped with 504. 500 references
    # that all need a Crossref search take about 170 s at Crossref's 3 searches/s; longer
    # lists belong to the job interface (POST /v1/jobs).
    request_timeout_s: float = Field(default=300.0, gt=0)
    # One lookup run (a CLI check, a /v1/verify request, a job's batch on the web page) stops
    # asking the upstreams after this long; the references still open become "unverified".
    # ``refcheck worker`` runs without one (its batches may queue for the shared budget).
    resolve_deadline_s: float | None = Field(default=240.0, gt=0)

    def secrets(self) -> list[str]:
        """The values that must never be logged: the NCBI API key and the contact address."""
        key = self.ncbi_api_key.get_secret_value() if self.ncbi_api_key else ""
        return [value for value in (key, self.mailto or "") if value]

    @property
    def cache_enabled(self) -> bool:
        return self.cache_path.strip().lower() not in {"", "none", "off"}


@lru_cache
def get_settings() -> Settings:
    """The process's settings, built on first use (tests override the FastAPI dependency)."""
    return Settings()
