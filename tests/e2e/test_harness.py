"""The e2e harness itself: a Content-Security-Policy violation is caught, so a clean run means something."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_csp_violations_are_recorded(page, live_server, browser_errors):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Masuk ke Kinerja")
    # Chromium's wording changes between versions ("Refused to execute…", "Executing inline script violates…").
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.__inlineRan = true";
                document.head.append(script);
            }"""
        )
    assert page.evaluate("window.__inlineRan") is None
    assert any("Content Security Policy directive 'script-src" in error for error in browser_errors), browser_errors
    browser_errors.clear()  # provoked on purpose; anything else still fails the test at teardown
