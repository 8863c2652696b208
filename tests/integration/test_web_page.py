"""The web page in a real browser: Debian's Chromium, headless, driven through chromium-driver
(Selenium), against the web server in front of the real stack. Screenshots of what it shows
are saved under the test's temporary directory (and by `make examples`)."""

from __future__ import annotations

import base64
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

pytestmark = pytest.mark.integration
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("Debian's chromium and chromium-driver are not installed (make setup as root)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1400"):
        options.add_argument(argument)
    options.add_argument("--lang=en-US")
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(DRIVER))
    yield driver
    driver.quit()


def _panels(driver) -> dict[str, str]:
    return {
        panel.get_attribute("id"): panel.get_attribute("class")
        for panel in driver.find_elements(By.CSS_SELECTOR, ".panel")
    }


def _analyse(driver, url: str, reference: str) -> None:
    driver.get(url)
    field = driver.find_element(By.ID, "reference")
    field.clear()
    field.send_keys(reference)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def test_a_sample_fills_all_three_panels(browser, web: httpx.Client, tmp_path: Path) -> None:
    _analyse(browser, str(web.base_url), "en-sourdough")
    WebDriverWait(browser, 90).until(
        lambda driver: all("done" in c or "failed" in c for c in _panels(driver).values())
    )
    assert all("done" in c for c in _panels(browser).values()), _panels(browser)
    summary = browser.find_element(By.CSS_SELECTOR, "#panel-summary .body").text
    assert len(summary) > 40 and browser.find_elements(By.CSS_SELECTOR, "#panel-summary .time")
    assert browser.find_elements(By.CSS_SELECTOR, "#panel-comments .bar .positive")
    assert "Score" in browser.find_element(By.CSS_SELECTOR, "#panel-thumbnail .body").text
    assert browser.find_element(By.ID, "video").text  # the video's title
    browser.save_screenshot(str(tmp_path / "analysis.png"))

    browser.find_element(By.ID, "language").click()  # to Korean, and the panels say so
    assert browser.find_element(By.CSS_SELECTOR, "#panel-summary h2").text == "요약"
    assert "완료" in browser.find_element(By.CSS_SELECTOR, "#panel-summary .status").text
    browser.find_element(By.ID, "language").click()


def test_the_korean_sample_is_a_bundle_though_it_looks_like_a_video_id(browser, web) -> None:
    _analyse(browser, str(web.base_url), "ko-homecafe")  # 11 characters, like a YouTube id
    WebDriverWait(browser, 90).until(
        lambda driver: all("done" in c or "failed" in c for c in _panels(driver).values())
    )
    assert all("done" in c for c in _panels(browser).values()), _panels(browser)


def test_an_error_shows_a_readable_message_in_every_panel(browser, web: httpx.Client) -> None:
    _analyse(browser, str(web.base_url), "no-such-bundle")
    WebDriverWait(browser, 30).until(
        lambda driver: all("failed" in c for c in _panels(driver).values())
    )
    status = browser.find_element(By.CSS_SELECTOR, "#panel-summary .status").text
    assert status.startswith("Failed: ") and "bundle" in status.lower()


def test_the_booth_makes_a_card_to_download(browser, web: httpx.Client, samples: Path) -> None:
    browser.get(f"{web.base_url}booth.html")
    browser.find_element(By.ID, "photo").send_keys(str(samples / "portrait" / "astronaut.png"))
    browser.find_element(By.ID, "prompt").send_keys("Dream big, then fly higher.")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 90).until(
        lambda driver: (
            driver.find_element(By.ID, "download").get_attribute("href")
            or "failed" in driver.find_element(By.ID, "booth-status").get_attribute("class")
        )
    )
    href = browser.find_element(By.ID, "download").get_attribute("href")
    assert href and href.startswith("data:image/png;base64,"), browser.find_element(
        By.ID, "booth-status"
    ).text
    card = Image.open(io.BytesIO(base64.b64decode(href.split(",", 1)[1])))
    assert card.size == (1080, 1350)  # the portrait layout
    assert browser.find_element(By.ID, "caption").text
    assert browser.find_element(By.ID, "download").get_attribute("download").endswith(".png")
