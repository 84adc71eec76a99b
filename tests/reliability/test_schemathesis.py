"""Schemathesis against the service's own OpenAPI schema, in-process: no request gets a 5xx.

The app is the real one (``create_app``, lifespan and all); its upstream clients reach the fake
upstream through ``httpx.ASGITransport``, so nothing touches the network. Each operation gets a
bounded number of generated requests, valid and invalid.

(Schemathesis's own pytest integration, ``@schema.parametrize()``, does not run under pytest 9,
so each operation's strategy is drawn from with hypothesis directly.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans

from app.api.main import create_app
from tests.fake_upstream import create_app as create_fake_upstream
from tests.reliability.support import FAST_FAKE, chapter_store, in_process_settings

MAX_EXAMPLES = 25


def build_app() -> Any:
    fake = create_fake_upstream(chapter_store(), config=FAST_FAKE)
    upstream = httpx.ASGITransport(app=fake)
    settings = in_process_settings(request_timeout_s=20.0)
    return create_app(settings, crossref_transport=upstream, pubmed_transport=upstream)


OPERATIONS = [
    pytest.param(method.upper(), path, id=f"{method.upper()} {path}")
    for path, methods in build_app().openapi()["paths"].items()
    for method in methods
]


@pytest.fixture(name="api_schema", scope="module")
def fixture_api_schema() -> Iterator[schemathesis.BaseSchema]:
    yield schemathesis.openapi.from_asgi("/openapi.json", build_app())
    shutdown_lifespans()  # schemathesis keeps the app's lifespan open until told


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_generated_request_gets_a_server_error(
    api_schema: schemathesis.BaseSchema, method: str, path: str
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def no_server_error(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=[not_a_server_error])

    no_server_error()
