"""Browser fixtures: Debian's Chromium driven by Playwright, against `refcheck serve` and the fake
upstream (the end-to-end fixtures ``fake`` and ``service``, reused).

The browser is never downloaded: Playwright launches ``/usr/bin/chromium`` (apt-get install
chromium). Without it, or without the playwright package, these tests skip and say why.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import fixture_fake, fixture_service

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "img"
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

MISSING_CHROMIUM = (
    f"{CHROMIUM} is absent: install Debian's browser with `apt-get install -y chromium` "
    "(never a downloaded one)"
)
MISSING_PLAYWRIGHT = "the playwright package is not installed (pip install playwright)"

__all__ = ["fixture_fake", "fixture_service"]


@pytest.fixture(name="browser", scope="module")
def fixture_browser() -> Iterator[Browser]:
    """Chromium for one test module: sync Playwright runs an event loop in this thread while
    it is open, so it must be closed before the next module's async tests start."""
    if not CHROMIUM.exists():
        pytest.skip(MISSING_CHROMIUM)
    sync_api = pytest.importorskip("playwright.sync_api", reason=MISSING_PLAYWRIGHT)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def open_page(browser: Browser, service: str, viewport: dict[str, int]) -> Page:
    context = browser.new_context(
        viewport=viewport,  # type: ignore[arg-type]
        base_url=service,
        permissions=["clipboard-read", "clipboard-write"],
        accept_downloads=True,
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/")
    return page


@pytest.fixture(name="page")
def fixture_page(browser: Browser, service: str) -> Iterator[Page]:
    """A fresh laptop-sized tab on the page, with clipboard access granted."""
    page = open_page(browser, service, LAPTOP)
    yield page
    page.context.close()


def screenshot(page: Page, name: str, *, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=full_page)
