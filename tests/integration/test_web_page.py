"""The web page in a real browser: Debian's Chromium, headless, driven through chromium-driver
(Selenium), against the web server in front of the real stack. Screenshots of what it shows
are saved under the test's temporary directory (and by `make examples`).

The last tests put a gateway with access control on in front of the same services, to see the
page ask for an API key when a call is answered with 401, and send it once given."""

from __future__ import annotations

import base64
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from gateway.access.callers import key_digest
from tubelens.cli.stack import Stack, free_base_port
from tubelens.servers import behind_gateway

from .conftest import start_stack
from .test_video_bundle import make_film_bundle

pytestmark = pytest.mark.integration
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
KEY = "tlk_page-key"


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
    driver.find_element(By.CSS_SELECTOR, "#analyse button[type=submit]").click()


def _finished(driver, seconds: float = 90) -> dict[str, str]:
    WebDriverWait(driver, seconds).until(
        lambda driver: all("done" in c or "failed" in c for c in _panels(driver).values())
    )
    return _panels(driver)


def _loaded(image) -> tuple[int, int]:
    """An <img>'s decoded size; (0, 0) until it has loaded."""
    return (
        int(image.get_property("naturalWidth") or 0),
        int(image.get_property("naturalHeight") or 0),
    )


def test_a_sample_fills_all_three_panels(browser, web: httpx.Client, tmp_path: Path) -> None:
    _analyse(browser, str(web.base_url), "en-sourdough")
    WebDriverWait(browser, 90).until(
        lambda driver: all("done" in c or "failed" in c for c in _panels(driver).values())
    )
    assert all("done" in c for c in _panels(browser).values()), _panels(browser)
    summary = browser.find_element(By.CSS_SELECTOR, "#panel-summary .body").text
    assert len(summary) > 40 and browser.find_elements(By.CSS_SELECTOR, "#panel-summary .time")
    assert browser.find_elements(By.CSS_SELECTOR, "#panel-comments .bar .positive")
    split = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#panel-comments .split li")]
    assert [text.split()[0] for text in split] == ["Positive", "Neutral", "Negative"], split
    assert 98 <= sum(int(text.split()[1].rstrip("%")) for text in split) <= 102, split
    assert "Score" in browser.find_element(By.CSS_SELECTOR, "#panel-thumbnail .body").text
    assert browser.find_element(By.ID, "video").text  # the video's title
    _check_annotated_thumbnail(browser)
    browser.save_screenshot(str(tmp_path / "analysis.png"))

    browser.find_element(By.ID, "language").click()  # to Korean, and the panels say so
    assert browser.find_element(By.CSS_SELECTOR, "#panel-summary h2").text == "요약"
    assert "완료" in browser.find_element(By.CSS_SELECTOR, "#panel-summary .status").text
    browser.find_element(By.ID, "language").click()


def _check_annotated_thumbnail(driver) -> None:
    """The thumbnail drawn with the review's boxes, its legend, and the two small previews."""
    panel = "#panel-thumbnail .annotated"
    shot = driver.find_element(By.CSS_SELECTOR, f"{panel} img.shot")
    WebDriverWait(driver, 10).until(lambda _: _loaded(shot) == (640, 360))
    boxes = driver.find_elements(By.CSS_SELECTOR, f"{panel} .box")
    kinds = {box.get_attribute("class").split()[1] for box in boxes}
    assert kinds & {"text-small", "text-medium", "text-unreadable"}, kinds  # the words read
    assert {"salient", "badge"} <= kinds
    width = shot.rect["width"]
    drawn = [box.rect for box in boxes]
    assert all(0 < r["width"] <= width + 1 and r["height"] > 0 for r in drawn), drawn
    badge = driver.find_element(By.CSS_SELECTOR, f"{panel} .box.badge").rect
    assert badge["x"] > shot.rect["x"] + width / 2  # the bottom-right corner
    assert len(driver.find_elements(By.CSS_SELECTOR, f"{panel} .legend li")) == 6
    previews = driver.find_elements(By.CSS_SELECTOR, "#panel-thumbnail .previews img")
    assert [(round(p.rect["width"]), round(p.rect["height"])) for p in previews] == [
        (168, 94),
        (320, 180),
    ]
    assert all(_loaded(p)[0] > 0 for p in previews)


def test_the_summary_shows_the_key_frames_of_a_video(browser, web, tmp_path: Path) -> None:
    film = make_film_bundle(tmp_path / "film")  # the gateway reads bundles under pytest's tmp
    _analyse(browser, str(web.base_url), str(film))
    assert "done" in _finished(browser)["panel-summary"]
    frames = browser.find_elements(By.CSS_SELECTOR, "#panel-summary .key-frames figure")
    assert len(frames) >= 4
    for frame in frames:
        image = frame.find_element(By.TAG_NAME, "img")
        WebDriverWait(browser, 10).until(lambda _, image=image: _loaded(image) == (320, 180))
        assert frame.find_element(By.CSS_SELECTOR, "figcaption .time").text.count(":") == 1
    times = [f.find_element(By.CSS_SELECTOR, ".time").text for f in frames]
    assert times == sorted(times, key=lambda t: [int(p) for p in t.split(":")])
    assert "Key frames" in browser.find_element(By.CSS_SELECTOR, "#panel-summary .body").text


def test_the_korean_sample_is_a_bundle_though_it_looks_like_a_video_id(browser, web) -> None:
    _analyse(browser, str(web.base_url), "ko-homecafe")  # 11 characters, like a YouTube id
    WebDriverWait(browser, 90).until(
        lambda driver: all("done" in c or "failed" in c for c in _panels(driver).values())
    )
    assert all("done" in c for c in _panels(browser).values()), _panels(browser)


def test_the_samples_the_server_offers_are_buttons_that_analyse(browser, web) -> None:
    browser.get(str(web.base_url))
    offered = {bundle["name"]: bundle for bundle in web.get("/v1/bundles").json()["bundles"]}
    WebDriverWait(browser, 10).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, "#sample-buttons button")
    )
    buttons = browser.find_elements(By.CSS_SELECTOR, "#sample-buttons button")
    shown = {button.get_attribute("data-bundle"): button.text for button in buttons}
    assert shown == {name: bundle["title"] for name, bundle in offered.items()}
    assert browser.find_element(By.ID, "samples-hint").is_displayed()
    next(b for b in buttons if b.get_attribute("data-bundle") == "ko-homecafe").click()
    assert all("done" in c for c in _finished(browser).values()), _panels(browser)
    assert browser.find_element(By.ID, "video").text == offered["ko-homecafe"]["title"]


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


@pytest.fixture(scope="module")
def guarded(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A gateway with access control on, in front of the shared stack's services, and the web
    server in front of it; its URL."""
    access = f'[callers.page]\napi_key_sha256 = ["{key_digest(KEY)}"]\n'
    targets = {server.target_env: stack.address(server.name) for server in behind_gateway()}
    running = start_stack(
        tmp_path_factory.mktemp("guarded-logs"),
        {"TUBELENS_ACCESS_CONFIG": access, **targets},
        only=("gateway",),
        web_port=free_base_port(1),
    )
    yield running.web_url
    running.stop()


def _key_asked(driver) -> str:
    """The key field is in sight and has the focus; what the page says about it."""
    field = driver.find_element(By.ID, "api-key")
    WebDriverWait(driver, 30).until(lambda d: d.switch_to.active_element == field)
    assert field.is_displayed()
    return driver.find_element(By.ID, "key-note").text


def _enter_key(driver, key: str) -> None:
    field = driver.find_element(By.ID, "api-key")
    field.clear()
    field.send_keys(key, Keys.ENTER)  # the refused call runs again with it


def test_a_401_asks_for_the_key_and_the_analysis_runs_with_it(browser, guarded: str) -> None:
    browser.get(guarded)
    browser.execute_script("sessionStorage.clear()")
    assert not browser.find_element(By.ID, "api-key").is_displayed()
    _analyse(browser, guarded, "en-sourdough")
    assert all("failed" in c for c in _finished(browser, 30).values())
    note = _key_asked(browser)
    assert "needs an API key" in note
    assert note in browser.find_element(By.CSS_SELECTOR, "#panel-summary .status").text

    _enter_key(browser, "tlk_wrong-key")
    WebDriverWait(browser, 30).until(
        lambda d: "did not accept" in d.find_element(By.ID, "key-note").text
    )
    _enter_key(browser, KEY)
    assert all("done" in c for c in _finished(browser).values()), _panels(browser)
    assert browser.execute_script("return sessionStorage.getItem('tubelens.apiKey')") == KEY
    assert KEY not in browser.current_url


def test_the_booth_asks_for_the_key_too(browser, guarded: str, samples: Path) -> None:
    browser.get(f"{guarded}booth.html")
    browser.execute_script("sessionStorage.clear()")
    browser.get(f"{guarded}booth.html")
    browser.find_element(By.ID, "photo").send_keys(str(samples / "portrait" / "astronaut.png"))
    browser.find_element(By.CSS_SELECTOR, "#booth button[type=submit]").click()
    assert "needs an API key" in _key_asked(browser)
    assert "needs an API key" in browser.find_element(By.ID, "booth-status").text

    browser.find_element(By.ID, "language").click()  # the words in Korean too
    assert "API 키" in browser.find_element(By.ID, "key-note").text
    browser.find_element(By.ID, "language").click()

    _enter_key(browser, KEY)
    WebDriverWait(browser, 90).until(
        lambda d: d.find_element(By.ID, "download").get_attribute("href")
    )
