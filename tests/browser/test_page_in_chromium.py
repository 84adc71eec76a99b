"""The editors' page in a real browser: paste the example chapter, read the verdicts, filter,
copy, download, upload; oversized and unsupported files; user input shown as text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import (
    CHROMIUM,
    LAPTOP,
    MISSING_CHROMIUM,
    MISSING_PLAYWRIGHT,
    PHONE,
    open_page,
    screenshot,
)
from tests.e2e.conftest import CHAPTER

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=MISSING_CHROMIUM),
]
expect = pytest.importorskip("playwright.sync_api", reason=MISSING_PLAYWRIGHT).expect

CHAPTER_TOTAL = 68
FORMATS = CHAPTER.parents[1] / "formats"
SCRIPT_REFERENCE = (
    "<script>window.pwned = 1</script> Evil E. <b>Bold</b> claims. J Test. 2001;1:1-2."
)
GUPTA_CORRECTED = "Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. 2006;127(4)"


def check_text(page: Page, text: str) -> None:
    page.get_by_label("Reference list or whole manuscript").fill(text)
    page.get_by_role("button", name="Check references").click()


def wait_until_done(page: Page, total: int) -> None:
    noun = "reference" if total == 1 else "references"
    expect(page.locator("#progress-text")).to_have_text(
        f"Done: {total} {noun} checked.", timeout=100_000
    )


def screenshot_while_running(page: Page) -> None:
    """Best effort: a picture of the first batch's rows shown while the rest still runs.

    Polled from here: the page's Content-Security-Policy forbids the eval that
    ``wait_for_function`` needs.
    """
    for _ in range(1200):
        rows = page.locator("#rows > tr").count()
        running = not page.locator("#progress-text").inner_text().startswith("Done")
        if rows and running:
            screenshot(page, "web-progress.png")
            return
        if not running:  # the job finished between two polls: nothing to show
            return
        page.wait_for_timeout(50)


def scroll_to_top_of(page: Page, selector: str) -> None:
    page.locator(selector).evaluate("element => element.scrollIntoView({block: 'start'})")


@pytest.fixture(name="chapter_page", scope="module")
def fixture_chapter_page(browser: Browser, service: str) -> Iterator[Page]:
    """One tab with the example chapter verified; the tests below read it."""
    page = open_page(browser, service, LAPTOP)
    screenshot(page, "web-empty.png")
    check_text(page, CHAPTER.read_text(encoding="utf-8"))
    screenshot_while_running(page)
    wait_until_done(page, CHAPTER_TOTAL)
    yield page
    page.context.close()


def test_the_chapter_runs_to_completion_with_a_row_per_reference(chapter_page: Page) -> None:
    expect(chapter_page.locator("#rows > tr")).to_have_count(CHAPTER_TOTAL)
    expect(chapter_page.locator("[data-count=mismatch]")).not_to_have_text("0")
    assert chapter_page.locator("#progress").get_attribute("value") == str(CHAPTER_TOTAL)


def test_the_gupta_row_shows_2009_cited_against_2006_registered(chapter_page: Page) -> None:
    gupta = chapter_page.locator("#rows > tr#ref-12")
    expect(gupta.locator(".badge")).to_have_text("✗ Mismatch")
    year = gupta.locator("tr[data-field=year]")
    expect(year.locator(".cited-value")).to_have_text("2009")
    expect(year.locator(".found-value")).to_have_text("2006")
    expect(year.locator("mark.del")).to_have_text("9")
    expect(year.locator("mark.ins")).to_have_text("6")
    expect(gupta.get_by_role("link", name="DOI 10.1016/j.cell.2006.11.001")).to_have_attribute(
        "href", "https://doi.org/10.1016/j.cell.2006.11.001"
    )
    expect(gupta.locator(".confidence")).to_contain_text("Confidence")
    scroll_to_top_of(chapter_page, "#ref-11")
    screenshot(chapter_page, "web-results.png")


def test_the_errors_filter_shows_only_error_rows(chapter_page: Page) -> None:
    chapter_page.get_by_label("Errors only").check()
    visible = chapter_page.locator("#rows > tr:visible")
    levels = {row.get_attribute("data-level") for row in visible.all()}
    assert levels == {"error"}
    assert 0 < visible.count() < CHAPTER_TOTAL
    expect(chapter_page.locator("#shown-count")).to_have_text(
        f"Showing {visible.count()} of {CHAPTER_TOTAL} references."
    )
    scroll_to_top_of(chapter_page, "#results-heading")
    screenshot(chapter_page, "web-errors-only.png")
    chapter_page.get_by_label("All references").check()
    expect(chapter_page.locator("#rows > tr:visible")).to_have_count(CHAPTER_TOTAL)


def test_copy_puts_the_corrected_list_on_the_clipboard(chapter_page: Page) -> None:
    chapter_page.get_by_role("button", name="Copy corrected list").click()
    expect(chapter_page.locator("#copy-status")).to_have_text(
        f"Copied the corrected list ({CHAPTER_TOTAL} references)."
    )
    copied = chapter_page.evaluate("navigator.clipboard.readText()")
    lines = copied.splitlines()
    assert len(lines) == CHAPTER_TOTAL
    assert lines[11].startswith(f"12. {GUPTA_CORRECTED}")


def test_the_json_download_is_the_job_with_every_result(chapter_page: Page) -> None:
    with chapter_page.expect_download() as info:
        chapter_page.get_by_role("link", name="Download report (JSON)").click()
    download = info.value
    assert download.suggested_filename == "refcheck-report.json"
    body = json.loads(download.path().read_text(encoding="utf-8"))
    assert body["status"] == "done"
    assert body["summary"]["total"] == CHAPTER_TOTAL


def test_the_csv_download_has_a_row_per_reference(chapter_page: Page) -> None:
    with chapter_page.expect_download() as info:
        chapter_page.get_by_role("link", name="Download report (CSV)").click()
    download = info.value
    assert download.suggested_filename == "refcheck-report.csv"
    lines = download.path().read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("index,label,status,reference")
    assert len(lines) >= CHAPTER_TOTAL + 1  # a reference may span lines inside quotes


def test_an_uploaded_text_file_is_checked(page: Page) -> None:
    refs = (
        "1. Gupta GP, Massaguè J. Cancer metastasis: building a framework. Cell. 2009;127:679–95.\n"
        "2. Weinberg RA. The biology of cancer. New York: Garland Science; 2007.\n"
    )
    page.get_by_label("…or choose a file").set_input_files(
        files=[{"name": "two-refs.txt", "mimeType": "text/plain", "buffer": refs.encode()}]
    )
    expect(page.locator("#file-name")).to_contain_text("two-refs.txt")
    page.get_by_role("button", name="Check references").click()
    wait_until_done(page, 2)
    expect(page.locator("#rows > tr")).to_have_count(2)
    expect(page.locator("#rows > tr#ref-2 .badge")).to_have_text("? Not found")


def test_an_uploaded_bibtex_file_is_checked_entry_by_entry(page: Page) -> None:
    page.get_by_label("…or choose a file").set_input_files(FORMATS / "chapter.bib")
    page.get_by_role("button", name="Check references").click()
    wait_until_done(page, 40)
    gupta = page.locator("#rows > tr", has_text="Entry key gupta2009cancer")
    expect(gupta.locator("tr[data-field=year] .cited-value")).to_have_text("2009")
    expect(gupta.locator("tr[data-field=year] .found-value")).to_have_text("2006")


def test_a_dropped_file_is_taken_as_the_file_to_check(page: Page) -> None:
    page.locator("#check-form").evaluate(
        """form => {
            const dropped = new DataTransfer();
            dropped.items.add(new File(["Weinberg RA. Cancer. 2007."], "dropped.txt"));
            form.dispatchEvent(new DragEvent("drop", {dataTransfer: dropped, bubbles: true}));
        }"""
    )
    expect(page.locator("#file-name")).to_have_text("dropped.txt (26 bytes) will be checked.")
    assert page.get_by_label("…or choose a file").evaluate("input => input.files[0].name") == (
        "dropped.txt"
    )


def test_an_oversized_file_is_refused_with_its_size_and_the_limit(page: Page) -> None:
    limit = int(page.locator("#app").get_attribute("data-max-bytes") or 0)
    page.get_by_label("…or choose a file").set_input_files(
        files=[{"name": "huge.txt", "mimeType": "text/plain", "buffer": b"x" * (limit + 1)}]
    )
    expect(page.get_by_role("alert")).to_contain_text(
        f"huge.txt is too large ({limit + 1:,} bytes); the limit is {limit:,} bytes."
    )
    expect(page.locator("#file-note")).to_be_hidden()
    screenshot(page, "web-oversized-file.png")


def test_an_unsupported_file_type_is_refused_by_name(page: Page) -> None:
    page.get_by_label("…or choose a file").set_input_files(
        files=[{"name": "chapter.odt", "mimeType": "application/zip", "buffer": b"PK\x03\x04"}]
    )
    expect(page.get_by_role("alert")).to_contain_text(
        "chapter.odt: .odt files are not supported; upload .txt, .md, .bib, .ris, .json, .xml, "
        ".nxml, .tex, .bbl, .docx or .pdf."
    )


def test_a_script_in_the_input_is_shown_as_text_and_never_runs(page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    check_text(page, SCRIPT_REFERENCE)
    wait_until_done(page, 1)
    expect(page.locator("#rows > tr .cited")).to_have_text(SCRIPT_REFERENCE)
    assert page.locator("#rows script, #rows b").count() == 0
    assert page.evaluate("window.pwned") is None
    assert dialogs == []


def test_an_empty_submission_asks_for_input(page: Page) -> None:
    page.get_by_role("button", name="Check references").click()
    expect(page.get_by_role("alert")).to_have_text("Paste a reference list or choose a file first.")
    expect(page.get_by_label("Reference list or whole manuscript")).to_be_focused()


def test_the_form_works_from_the_keyboard(page: Page) -> None:
    page.get_by_label("Reference list or whole manuscript").focus()
    page.keyboard.type("Weinberg RA. The biology of cancer. New York: Garland Science; 2007.")
    page.keyboard.press("Tab")  # the file chooser
    page.keyboard.press("Tab")  # the submit button
    expect(page.get_by_role("button", name="Check references")).to_be_focused()
    page.keyboard.press("Enter")
    wait_until_done(page, 1)
    expect(page.locator("#results-heading")).to_be_focused()


def test_on_a_phone_the_results_fit_the_screen(browser: Browser, service: str) -> None:
    page = open_page(browser, service, PHONE)
    try:
        check_text(
            page,
            "1. Gupta GP, Massaguè J. Cancer metastasis: building a framework. "
            "Cell. 2009;127:679–95.\n"
            "2. Weinberg RA. The biology of cancer. New York: Garland Science; 2007.\n",
        )
        wait_until_done(page, 2)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        scroll_to_top_of(page, "#shown-count")
        screenshot(page, "web-phone.png")
    finally:
        page.context.close()
