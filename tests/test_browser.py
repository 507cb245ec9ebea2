"""The pages in a real headless Chromium, against a real server on 127.0.0.1.

Driven by Selenium through Debian's ``chromedriver`` (no driver download).  The
screenshots are left in the temporary directory (``DIPKG_SCREENSHOTS`` moves
them) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sample_linked import build_sample_store

from endpoint.config import EndpointConfig

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1000",
)


def _find(*names: str) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    chromium = _find("chromium", "chromium-browser", "google-chrome")
    driver_path = _find("chromedriver")
    if chromium is None or driver_path is None:
        pytest.skip("no Chromium here: apt-get install -y chromium chromium-driver")
    profile = tempfile.mkdtemp(prefix="dipkg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, server_factory: Callable[..., object]):
    store = build_sample_store(tmp_path_factory.mktemp("browser") / "store")
    return server_factory(EndpointConfig(store_path=store, cache=False))


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("DIPKG_SCREENSHOTS")
    path = Path(env) if env else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _full_page(driver, path: Path) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(int(height) + 80, 800), 3000))
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 1000)


def test_run_an_example_and_follow_a_result(browser, server, shots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    d = browser
    wait = WebDriverWait(d, 20)
    d.get(server.url)
    assert "dipkg" in d.title
    editor = d.find_element(By.ID, "query")
    before = editor.get_property("value")
    # picking an example fills the editor (the page's script)
    picker = Select(d.find_element(By.ID, "example-picker"))
    picker.select_by_visible_text(
        next(o.text for o in picker.options if o.text.startswith("Envoys and their offices")))
    after = editor.get_property("value")
    assert after != before and "dip:heldOffice" in after
    d.find_element(By.ID, "run").click()
    rows = wait.until(ec.presence_of_all_elements_located(
        (By.CSS_SELECTOR, "#results-table tbody tr")))
    assert len(rows) >= 2
    assert "Foreign Minister of Israel" in d.find_element(By.ID, "results-table").text
    _full_page(d, shots / "dipkg-index.png")
    # a result's IRI opens its entity page
    link = d.find_element(By.CSS_SELECTOR, "#results-table a[href*='/id/person/']")
    name = link.text
    link.click()
    wait.until(ec.url_contains("/id/person/"))
    assert d.find_element(By.TAG_NAME, "h1").text == name
    assert d.find_elements(By.CSS_SELECTOR, "table.facts tr.asserted")


def test_document_page_highlights_and_links_to_acts(browser, server, shots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    d = browser
    d.get(server.url + "id/doc/news1")
    marks = d.find_elements(By.CSS_SELECTOR, ".doctext a.hl")
    assert len(marks) >= 3
    # the hostile text is shown as text, not run
    assert '<script>alert("x")</script>' in d.find_element(By.CLASS_NAME, "doctext").text
    _full_page(d, shots / "dipkg-document.png")
    marks[0].click()
    WebDriverWait(d, 20).until(ec.url_contains("/id/act/"))
    assert d.find_element(By.CSS_SELECTOR, "blockquote.quote mark").text
    d.get(server.url + "timeline")
    assert len(d.find_elements(By.CSS_SELECTOR, "li.event")) == 5
    _full_page(d, shots / "dipkg-timeline.png")
