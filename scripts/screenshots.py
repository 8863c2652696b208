"""Screenshots of the web page for people to look at (`make examples`): the stack with the web
server on free ports, Debian's Chromium (headless, through chromium-driver) analysing both
samples (in English and in Korean), an error, and the photo-card booth with its card.

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

from tubelens.cli.stack import Stack, free_base_port

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
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
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
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 120).until(
        lambda d: d.find_element(By.ID, "download").get_attribute("href")
    )


def take(out: Path) -> list[Path]:
    """Each page as a person sees it: (file, browser language, what to do on the page)."""
    shots = [
        ("web-en-sourdough.png", "en-US", lambda d, url: _analyse(d, url, "en-sourdough")),
        ("web-ko-homecafe.png", "ko-KR", lambda d, url: _analyse(d, url, "ko-homecafe", "ko")),
        ("web-error.png", "en-US", lambda d, url: _analyse(d, url, "https://example.com/x")),
        ("web-booth.png", "en-US", _booth),
    ]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as logs:
        stack = Stack(base_port=free_base_port(6), log_dir=Path(logs), web_port=free_base_port(1))
        stack.start(120)
        try:
            for name, language, act in shots:
                driver = _browser(language)
                try:
                    act(driver, stack.web_url)
                    driver.save_screenshot(str(out / name))
                    written.append(out / name)
                finally:
                    driver.quit()
        finally:
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
