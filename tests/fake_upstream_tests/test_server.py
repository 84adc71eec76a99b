"""The fake runs as a real HTTP server for end-to-end tests."""

from __future__ import annotations

import httpx
import pytest

from tests.fake_upstream import running_fake_upstream
from tests.fake_upstream_tests.conftest import CHAPTER_RECORDS


@pytest.mark.e2e
def test_server_serves_both_upstreams_and_its_back_door() -> None:
    with running_fake_upstream([CHAPTER_RECORDS], rate_limit=False) as fake:
        work = httpx.get(f"{fake.crossref_url}/works/10.1002/cncr.28743")
        fetch = httpx.get(f"{fake.pubmed_url}/efetch.fcgi", params={"id": "17110329"})
        fake.configure(crossref={"fault_rate": 1.0, "fault_kinds": ["connection_reset"]})
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.get(f"{fake.crossref_url}/works/10.1002/cncr.28743")
        stats = fake.stats()
    assert (work.status_code, fetch.status_code) == (200, 200)
    assert stats["faults"]["crossref"] == {"connection_reset": 1}
