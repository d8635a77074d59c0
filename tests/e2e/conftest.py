"""End-to-end fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

- ``browser`` (session): one headless Chromium for the whole run. Skipped when /usr/bin/chromium is missing,
  except where KINERJA_REQUIRE_SERVICES=1 (set by .ci/run), where a missing browser is a failure: the main
  journeys must run there.
- ``open_page`` / ``page``: a fresh browser context (own cookies, Indonesian locale) per page. Every console
  error, uncaught exception and Content-Security-Policy violation is recorded in ``browser_errors`` and fails
  the test at teardown. A test that provokes one on purpose takes it out of ``browser_errors`` itself.
- ``live_server`` (pytest-django) serves static files through the staticfiles finders, so Bootstrap
  (STATICFILES_DIRS) and htmx (django_htmx's app static) load as in development; ``assert_assets_loaded`` checks
  it. A test that uses ``live_server`` runs with ``transactional_db``, so the shared ``world`` fixture (which asks
  for ``db``) is committed and visible to the server thread.
"""

import contextlib
import datetime
import os
from decimal import Decimal
from pathlib import Path

import pytest

from indikator.models import Indikator, Periode, TargetTriwulan

# Playwright's sync API keeps an asyncio loop in this thread; Django would otherwise refuse ORM calls made by
# the test itself (fixtures, assertions on the database) with SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "rahasia-uji-123"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}; the e2e tests need it (apt-get install chromium)."
        if os.environ.get("KINERJA_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


CALL_REPORT = pytest.StashKey()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[CALL_REPORT] = report
    return report


@pytest.fixture
def browser_errors():
    """Console errors, uncaught exceptions, CSP violations and failed loads seen by this test's pages, as text."""
    return []


def _watch(page, errors: list) -> None:
    def on_console(message):
        # A failed load is also logged as "Failed to load resource: …"; on_response judges those, so that the
        # answers the app gives on purpose to htmx (422 for a refused form, 409 for a stale edit) are not errors.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(f"console error on {page.url}: {message.text} ({message.location.get('url')})")

    def on_response(response):
        request = response.request
        if response.url.endswith("/favicon.ico"):
            return  # the browser asks for it by itself; the app declares no icon
        if response.status >= 500 or (response.status >= 400 and request.resource_type not in ("xhr", "fetch")):
            errors.append(f"HTTP {response.status} for {request.resource_type} {request.method} {response.url}")

    def on_request_failed(request):
        if request.failure != "net::ERR_ABORTED":  # a load cut short by the next navigation
            errors.append(f"request failed: {request.method} {request.url}: {request.failure}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"uncaught exception on {page.url}: {exc}"))
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)


@pytest.fixture
def open_page(request, browser, browser_errors):
    """Open a page in a new context: a separate session, so use one per user."""
    contexts = []

    def _open(**context_options):
        context_options.setdefault("locale", "id-ID")
        context_options.setdefault("timezone_id", "Asia/Makassar")
        context = browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        _watch(page, browser_errors)
        return page

    yield _open
    from playwright.sync_api import Error as PlaywrightError

    for context in contexts:
        # A request still in flight (say, a row saved as the focus left its cell) would be working in the database
        # while the test database is emptied for the next test: let every page's requests finish first.
        for page in context.pages:
            with contextlib.suppress(PlaywrightError):  # a page that never settles is closed all the same
                page.wait_for_load_state("networkidle", timeout=10_000)
        context.close()
    if browser_errors:
        message = "The browser reported errors:\n" + "\n".join(browser_errors)
        call = request.node.stash.get(CALL_REPORT, None)
        if call is not None and not call.passed:
            print(message)  # the test already failed (or is an expected failure): add to its report, no second one
        else:
            pytest.fail(message, pytrace=False)


@pytest.fixture
def page(open_page):
    return open_page()


def login(page, live_server, username, password=PASSWORD, *, pasang_totp=True):
    """Sign in through the real login form; the caller asserts where it lands. An account that must use a second
    factor is given an authenticator first (unless `pasang_totp` is off), and its code is entered on the second
    step's page, as its user would."""
    from django.contrib.auth import get_user_model

    from opd import dua_langkah
    from tests.factories import dengan_totp, kode_totp

    user = get_user_model().objects.filter(username=username).first()
    if pasang_totp and user is not None and dua_langkah.wajib(user):
        dengan_totp(user)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Masuk", exact=True).click()
    if "/akun/verifikasi/" in page.url:
        page.locator("#id_kode").fill(kode_totp(user))
        with page.expect_navigation():
            page.get_by_role("button", name="Verifikasi", exact=True).click()
    return page


def assert_assets_loaded(page):
    """Bootstrap's and Kinerja's stylesheets are applied, and htmx and Bootstrap's JavaScript are running."""
    state = page.evaluate(
        """() => ({
            htmx: typeof window.htmx === "object" && window.htmx.version,
            bootstrap: typeof window.bootstrap === "object",
            // Bootstrap's reboot sets the body margin to 0 and a system font stack.
            bodyMargin: getComputedStyle(document.body).marginTop,
            // .bg-kinerja comes from static/css/kinerja.css.
            navbar: getComputedStyle(document.querySelector("nav.navbar")).backgroundColor,
            sheets: [...document.styleSheets].map((s) => s.href).filter(Boolean),
        })"""
    )
    assert str(state["htmx"]).startswith("2."), state
    assert state["bootstrap"], state
    assert state["bodyMargin"] == "0px", state
    assert state["navbar"] == "rgb(11, 79, 108)", state
    assert any("bootstrap.min.css" in href for href in state["sheets"]), state


# -- data (copied from tests/evaluasi/conftest.py: test packages do not import each other) -----------------------
@pytest.fixture
def tahun():
    return datetime.date.today().year


@pytest.fixture
def buka_periode(world, tahun):
    """Open the entry window of a triwulan of `world.instansi` around today."""

    def _buka(triwulan: int = 1, instansi=None):
        today = datetime.date.today()
        periode, _ = Periode.objects.update_or_create(
            instansi=instansi or world.instansi,
            tahun=tahun,
            triwulan=triwulan,
            defaults={"dibuka": today - datetime.timedelta(days=5), "ditutup": today + datetime.timedelta(days=5)},
        )
        return periode

    return _buka


@pytest.fixture
def buat_indikator(tahun):
    def _buat(opd, kode="IKU-01", *, pol="maximize", agg="sum", target=Decimal(100), tw=Decimal(25), desimal=2):
        ind = Indikator.objects.create(
            opd=opd,
            jenis="iku",
            tahun=tahun,
            kode=kode,
            nama=f"Indikator {kode}",
            satuan="dokumen",
            polaritas=pol,
            agregasi=agg,
            target_bawah=target,
            desimal=desimal,
        )
        TargetTriwulan.objects.bulk_create(
            TargetTriwulan(indikator=ind, triwulan=q, target_bawah=tw) for q in range(1, 5)
        )
        return ind

    return _buat
