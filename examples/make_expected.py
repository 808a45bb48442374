"""Regenerate the expected reports in examples/expected/ (run from anywhere).

Besides the markdown and JSON reports this writes the HTML review pages and a screenshot of one
(tianlan_q3_2025_bilingual.png: 1280 x 900, the transcript scrolled to the first finding, which is
selected in the panel beside its filters), taken with Debian's
headless `chromium` and `chromium-driver` through Selenium; install `fonts-noto-cjk` too, or the
Chinese column is drawn as boxes. Without a browser the screenshot is left as it is.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from auditor.reports import render

from auditor.api import audit
from auditor.atomic import write_atomic
from auditor.config import Config
from auditor.scan import is_companion

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = "tianlan_q3_2025_bilingual"
#: what the screenshot shows: the transcript from the turn of the first finding, that finding
#: selected by a click on its highlight (the sticky panel keeps its filters in view)
SCENE = """
const mark = document.querySelector(".transcripts mark[data-f~='1']");
const row = mark.closest(".row");
let head = row.previousElementSibling;
while (head && !head.classList.contains("head")) { head = head.previousElementSibling; }
window.scrollTo({top: (head || row).getBoundingClientRect().top + window.scrollY - 8, behavior: "instant"});
mark.click();
"""


def screenshot(page: Path, target: Path) -> bool:
    """A 1280 x 900 screenshot of `page` in headless Chromium; False when no browser is installed."""
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        return False
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--disable-background-networking",
                "--no-first-run"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        driver.get(page.resolve().as_uri())
        driver.execute_script(SCENE)
        time.sleep(0.5)
        png = driver.get_screenshot_as_png()
    finally:
        driver.quit()
    target.write_bytes(png)
    return True


def main() -> None:
    os.chdir(ROOT)
    for path in sorted(p for p in Path("examples").glob("*.txt") if not is_companion(p)):  # not the references
        report = audit([str(path)], config=Config())
        for fmt, suffix in (("markdown", "md"), ("json", "json"), ("html", "html")):
            write_atomic(Path("examples/expected") / f"{path.stem}.{suffix}", render(report, fmt))
            print(f"wrote examples/expected/{path.stem}.{suffix}")
    page = Path("examples/expected") / f"{SCREENSHOT}.html"
    target = page.with_suffix(".png")
    if screenshot(page, target):
        print(f"wrote {target}")
    else:
        print(f"kept {target}: install chromium and chromium-driver to regenerate it")


if __name__ == "__main__":
    main()
