"""A realistic fake of Crossref's REST API and NCBI's E-utilities, for tests and benchmarks.

In-process::

    app = create_app(Store.from_jsonl("tests/data/chapter/records.jsonl"))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://fake")
    # Crossref at http://fake/crossref, E-utilities at http://fake/eutils

As a real server: :func:`running_fake_upstream` (or ``python -m tests.fake_upstream``).
Wire formats follow ``/work/shared/upstream-samples/``; see each module for its rules.
"""

from tests.fake_upstream.app import create_app
from tests.fake_upstream.config import FakeConfig, FaultKind, Limits, UpstreamFaults
from tests.fake_upstream.faults import InjectedConnectionReset
from tests.fake_upstream.server import FakeServer, running_fake_upstream
from tests.fake_upstream.stats import max_calls_in_window
from tests.fake_upstream.store import FakeAuthor, FakeWork, FixtureError, Store

__all__ = [
    "FakeAuthor",
    "FakeConfig",
    "FakeServer",
    "FakeWork",
    "FaultKind",
    "FixtureError",
    "InjectedConnectionReset",
    "Limits",
    "Store",
    "UpstreamFaults",
    "create_app",
    "max_calls_in_window",
    "running_fake_upstream",
]
