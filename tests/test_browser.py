"""The built book as a reader meets it: every page in headless Chromium, served over HTTP on loopback.

Chromium is Debian's package (`make browser` installs it), driven by Playwright; axe-core, the
accessibility checker, comes from the npm registry (`make web`). Screenshots of three pages go to
_build/screenshots/ for a person to look at.
"""

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest

from booktools import ROOT, book_title, chapters, source_title, toc_files

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "_build" / "screenshots"
# As root on a machine with no network beyond the package registries, Chromium needs these.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                  "--disable-background-networking", "--disable-component-update"]
VIEWPORT = {"width": 1280, "height": 900}
PAGES = toc_files()
LINKS_FOUND = set()  # URLs already fetched with status 200: most pages share the same sidebar


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    """The site served on a free loopback port; yields its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="install the test extra (make install)")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make browser does)")
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run npm ci (make web does)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Visit:
    """One page open in a fresh browser context, with every console error and failed request it caused."""

    def __init__(self, browser, url, settle=True):
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.problems = []
        self.page.on("console", lambda message: message.type == "error" and self.problems.append(f"console: {message.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))
        self.page.on("requestfailed", lambda request: self.problems.append(f"request failed: {request.url}"))
        self.page.on("response", lambda response: response.status >= 400 and self.problems.append(
            f"HTTP {response.status}: {response.url}"))
        self.page.goto(url, wait_until="load")
        if settle:  # let scripts that run after load (MathJax, search) finish
            self.page.wait_for_load_state("networkidle")

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened = []

    def open_page(path, settle=True):
        opened.append(Visit(browser, server + path, settle))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


def serious_accessibility_violations(page):
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(' '.join(n['target']) for n in v['nodes'][:3])}"
            for v in violations if v["impact"] in ("serious", "critical")]


def expected_heading(name):
    """The page's h1 as the reader sees it: chapters carry their number."""
    numbered = [path.relative_to(ROOT).with_suffix("").as_posix() for path in chapters()]
    title = source_title(name)
    return f"{numbered.index(name) + 1}. {title}" if name in numbered else title


@pytest.mark.parametrize("name", PAGES)
def test_page_reads_cleanly_in_a_browser(visit, server, name):
    view = visit(f"{name}.html")
    page = view.page
    heading = expected_heading(name)
    assert page.title() == f"{heading} — {book_title()}"
    assert page.locator("article h1").first.inner_text().strip().rstrip("#").strip() == heading

    broken_images = page.evaluate("""() => [...document.images]
        .filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src)""")
    assert broken_images == []

    error_boxes = ".cell_output .output.traceback, .cell_output .output.error, .cell_output .output.stderr, " \
                  ".system-message, .admonition.error"
    assert page.locator(error_boxes).count() == 0
    assert "Traceback (most recent call last)" not in page.locator("main").inner_text()

    if page.locator(".math").count():
        page.wait_for_selector("mjx-container", state="attached", timeout=15_000)  # MathJax, served locally, ran

    assert view.problems == []
    assert serious_accessibility_violations(page) == []


@pytest.mark.parametrize("name", PAGES)
def test_navigation_links_lead_to_pages_that_exist(visit, server, name):
    page = visit(f"{name}.html", settle=False).page
    index = PAGES.index(name)
    previous = page.locator("a.left-prev")
    following = page.locator("a.right-next")
    if index > 0:
        assert previous.evaluate("a => a.href") == server + f"{PAGES[index - 1]}.html"
    if index + 1 < len(PAGES):
        assert following.evaluate("a => a.href") == server + f"{PAGES[index + 1]}.html"
    links = page.evaluate("() => [...document.querySelectorAll('nav.bd-links a, .prev-next-area a')].map(a => a.href)")
    assert len(links) >= len(PAGES) - 1
    for link in {link.split("#")[0] for link in links} - LINKS_FOUND:
        assert page.request.get(link).status == 200, link
        LINKS_FOUND.add(link)


@pytest.mark.parametrize("name", [name for name in PAGES if (ROOT / f"{name}.ipynb").exists()])
def test_download_button_gives_the_notebook(visit, name):
    page = visit(f"{name}.html", settle=False).page
    page.locator(".dropdown-download-buttons button").first.click()
    link = page.locator("a.btn-download-source-button")
    link.wait_for(state="visible")
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.status == 200 and link.inner_text().strip() == ".ipynb"
    assert json.loads(response.body())["cells"] == json.loads((ROOT / f"{name}.ipynb").read_text())["cells"]


def test_search_finds_lstm(visit):
    view = visit("search.html?q=LSTM")
    page = view.page
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    results = page.evaluate("() => [...document.querySelectorAll('#search-results ul.search li a')].map(a => a.href)")
    assert any(result.split("?")[0].endswith("book/04_lstm.html") for result in results), results
    assert view.problems == []
    assert serious_accessibility_violations(page) == []


def test_search_box_leads_from_a_chapter_to_the_results(visit, server):
    page = visit("book/02_simple_rnn.html", settle=False).page
    page.locator(".search-button__button:visible").first.click()
    box = page.locator("#pst-search-dialog input[name=q]")
    box.wait_for(state="visible")
    box.fill("LSTM")
    box.press("Enter")
    page.wait_for_url(server + "search.html?q=LSTM")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)


def test_front_page_redirects_to_the_introduction(visit, server):
    page = visit("index.html").page
    page.wait_for_url(server + f"{PAGES[0]}.html")
    assert page.locator("article h1").first.inner_text().strip().rstrip("#").strip() == expected_heading(PAGES[0])


@pytest.fixture(scope="module")
def screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


@pytest.mark.parametrize("shot, name, target", [
    ("front-page", "index", "article h1"),
    ("chapter-figure", "book/03_vanishing_gradients", "figure img"),
    ("exercise", "exercises/ex1_next_character/ex1_next_character", "article h1"),
])
def test_screenshot(visit, screenshots, shot, name, target):
    page = visit(f"{name}.html").page
    element = page.locator(target).first
    element.wait_for(state="visible")
    element.scroll_into_view_if_needed()
    if target == "figure img":  # the figure, with its caption, in the middle of the shot
        page.evaluate("img => img.closest('figure').scrollIntoView({block: 'center'})", element.element_handle())
        assert element.evaluate("img => img.naturalWidth") > 0
    path = screenshots / f"{shot}.png"
    page.screenshot(path=str(path))
    assert png_size(path) == (VIEWPORT["width"], VIEWPORT["height"]) and path.stat().st_size > 20_000
