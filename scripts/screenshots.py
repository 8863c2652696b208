"""Screenshots of the web page for people to look at (`make examples`): the stack with the web
server on free ports, Debian's Chromium (headless, through chromium-driver) analysing both
samples (in English and in Korean: the annotated thumbnail and its small previews among the
results), an error, the photo-card booth with its card, and the page asking for an API key
(a second gateway with access control on, in front of the same services).

    python scripts/screenshots.py [OUT_DIR]   (default: out/examples)

Exits 0 with a message, writing nothing, where chromium or chromium-driver is missing.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from gateway.access.callers import key_digest
from tubelens.cli.stack import Stack, free_base_port
from tubelens.servers import behind_gateway

ROOT = Path(__file__).resolve().parents[1]
PORTRAIT = ROOT / "samples" / "portrait" / "astronaut.png"


def _browser(language: str) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for argument in ("--headless=new", "--no-sandbox", "--window-size=1280,1600"):
        options.add_argument(argument)
    options.add_argument(f"--lang={language}")
    service = webdriver.ChromeService(shutil.which("chromedriver") or "")
    return webdriver.Chrome(options=options, service=service)


def _analyse(driver: webdriver.Chrome, url: str, reference: str, language: str = "en") -> None:
    driver.get(url)
    driver.execute_script(f"localStorage.setItem('tubelens.language', '{language}')")
    driver.get(url)
    driver.find_element(By.ID, "reference").send_keys(reference)
    driver.find_element(By.CSS_SELECTOR, "#analyse button[type=submit]").click()
    WebDriverWait(driver, 120).until(
        lambda d: all(
            "done" in p.get_attribute("class") or "failed" in p.get_attribute("class")
            for p in d.find_elements(By.CSS_SELECTOR, ".panel")
        )
    )


def _booth(driver: webdriver.Chrome, url: str) -> None:
    driver.get(url + "booth.html")
    driver.find_element(By.ID, "photo").send_keys(str(PORTRAIT))
    driver.find_element(By.ID, "prompt").send_keys("Dream big, then fly higher.")
    driver.find_element(By.CSS_SELECTOR, "#booth button[type=submit]").click()
    WebDriverWait(driver, 120).until(
        lambda d: d.find_element(By.ID, "download").get_attribute("href")
    )


def _guarded(stack: Stack, logs: Path) -> Stack:
    """A gateway that wants an API key (one no one holds), in front of `stack`'s services."""
    access = f'[callers.nobody]\napi_key_sha256 = ["{key_digest("tlk_screenshots")}"]\n'
    targets = {server.target_env: stack.address(server.name) for server in behind_gateway()}
    return Stack(
        base_port=free_base_port(6),
        only=("gateway",),
        log_dir=logs,
        web_port=free_base_port(1),
        extra_env={"TUBELENS_ACCESS_CONFIG": access, **targets},
    )


def _whole_page(driver: webdriver.Chrome) -> None:
    """The window as tall as the page, so the screenshot shows every panel to its end."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, max(1600, min(int(height) + 140, 6000)))


def take(out: Path) -> list[Path]:
    """Each page as a person sees it: (file, browser language, what to do on the page, which
    web server)."""
    shots = [
        ("web-en-sourdough.png", "en-US", lambda d, url: _analyse(d, url, "en-sourdough"), 0),
        ("web-ko-homecafe.png", "ko-KR", lambda d, url: _analyse(d, url, "ko-homecafe", "ko"), 0),
        ("web-error.png", "en-US", lambda d, url: _analyse(d, url, "https://example.com/x"), 0),
        ("web-booth.png", "en-US", _booth, 0),
        ("web-api-key.png", "en-US", lambda d, url: _analyse(d, url, "en-sourdough"), 1),
    ]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as logs:
        stack = Stack(base_port=free_base_port(6), log_dir=Path(logs), web_port=free_base_port(1))
        stack.start(120)
        guarded = _guarded(stack, Path(logs) / "guarded")
        try:
            guarded.start(60)
            for name, language, act, server in shots:
                driver = _browser(language)
                try:
                    act(driver, (stack, guarded)[server].web_url)
                    _whole_page(driver)
                    driver.save_screenshot(str(out / name))
                    written.append(out / name)
                finally:
                    driver.quit()
        finally:
            guarded.stop()
            stack.stop()
    return written


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/examples")
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        print("No screenshots of the web page: chromium and chromium-driver are not installed.")
        return 0
    for path in take(out):
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
