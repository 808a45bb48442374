"""The HTML review page: self-contained, escaped, deterministic, and working in a real browser.

The browser tests drive Debian's headless `chromium` through `chromium-driver` with Selenium. They
skip when those are not installed on a developer's machine; under CI (CI=true, where `.ci/run`
installs them) a missing browser fails instead, so the page is never left untested there.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from auditor.reports import render
from auditor.reports.html_view import find_span, link_lines, quoted_phrases
from click.testing import CliRunner

from auditor.api import audit
from auditor.baseline import BASELINE_VERSION, apply_baseline, fingerprint, load_baseline
from auditor.cli import cli
from auditor.config import Config
from auditor.report import Report
from tests.conftest import EXAMPLES, ROOT, run_audit

BILINGUAL = "tianlan_q3_2025_bilingual.txt"
ENGLISH = "halvorsen_q3_2025.txt"

#: untrusted text in every place a transcript puts text: a paragraph, a header's role, a finding's
#: evidence (line 4: an impossible date), a JSON data block breakout (</script>)
PLANTED = """Operator
Good morning, and welcome to the Corvid Mining call. <script>window.__pwned = 1</script>
Ada Pell - Chief Executive Officer <img src=x onerror="window.__pwned = 2">
As of June 31, 2025, we held US$5.0 million in cash. </script><script>window.__pwned = 3</script><img src=x onerror="window.__pwned = 4">
Revenue was US$12.0 million, and Mr. Pel thanked the team.
"""


def example_report(name: str) -> Report:
    cwd = os.getcwd()
    os.chdir(ROOT)  # reports name files as given: examples/<name>
    try:
        return audit([f"examples/{name}"], config=Config())
    finally:
        os.chdir(cwd)


def _inline(html: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.DOTALL)


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# -- the page as text ----------------------------------------------------------------------------


def test_page_is_self_contained_with_a_strict_csp():
    html = render(example_report(BILINGUAL), "html")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp, "no CSP meta tag"
    policy = csp.group(1).replace("&#39;", "'")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    scripts, styles = _inline(html, "script"), _inline(html, "style")
    assert len(scripts) == 1 and len(styles) == 1
    assert f"script-src {_sha(scripts[0])};" in policy and f"style-src {_sha(styles[0])};" in policy
    assert not re.search(r"\b(?:src|srcset|action|poster|data)=|https?://|url\(|@import|\bon[a-z]+=", html.replace(
        'type="application/json"', "")), "the page refers to something outside itself"


def test_transcript_text_is_escaped():
    report = run_audit(PLANTED, name="planted.txt")
    assert {f.check for f in report.findings} >= {"dates.impossible"}
    html = render(report, "html")
    assert html.count("<script") == 2  # the JSON data block and the page's own script
    assert "<img" not in html and "__pwned" in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    data = re.search(r'<script type="application/json" id="auditor-data">(.*?)</script>', html, re.DOTALL)
    assert data and "</" not in data.group(1) and json.loads(data.group(1))["version"] == BASELINE_VERSION


def test_page_without_the_file_shows_the_lines_of_the_findings(tmp_path: Path):
    """A batch run keeps no models: the page reads the file again, and shows the excerpts if it is gone."""
    report = run_audit(PLANTED, name=str(tmp_path / "gone.txt"))
    report.transcripts.clear()
    html = render(report, "html")
    assert 'data-line="4"' in html and 'data-line="2"' not in html  # line 2 holds no finding
    (tmp_path / "gone.txt").write_text(PLANTED, encoding="utf-8")
    assert 'data-line="2"' in render(report, "html")


def test_page_is_deterministic_and_embeds_the_baseline_fingerprints():
    report = example_report(ENGLISH)
    html = render(report, "html")
    assert html == render(example_report(ENGLISH), "html")
    data = json.loads(re.search(r'id="auditor-data">(.*?)</script>', html, re.DOTALL).group(1))
    assert [data["findings"][str(rank)]["fingerprint"] for rank, _g, _f in report.ranked()] == \
        [fingerprint(f) for f in report.findings]


@pytest.mark.parametrize("name", [BILINGUAL, ENGLISH])
def test_expected_page_is_current(name: str):
    """Regenerate with: python examples/make_expected.py"""
    expected = (EXAMPLES / "expected" / f"{name.rsplit('.', 1)[0]}.html").read_text(encoding="utf-8")
    assert render(example_report(name), "html") == expected, "examples/expected is stale: run python examples/make_expected.py"


def test_screenshot_is_kept():
    png = EXAMPLES / "expected" / "tianlan_q3_2025_bilingual.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_html_per_file_with_output_dir_and_a_batch_page(tmp_path: Path):
    out = tmp_path / "pages"
    result = CliRunner().invoke(cli, ["audit", str(EXAMPLES / BILINGUAL), str(EXAMPLES / ENGLISH), "--format", "html",
                                      "--output-dir", str(out), "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["halvorsen_q3_2025.html", "tianlan_q3_2025_bilingual.html"]
    single = (out / "halvorsen_q3_2025.html").read_text(encoding="utf-8")
    assert 'class="file-list"' not in single and single.count('<section class="transcript') == 1
    assert 'class="file-list"' in result.output and result.output.count('<section class="transcript') == 2
    assert '<select name="file">' in result.output


def test_span_helpers():
    line = "Since our cash position was strong as of September 31, we increased capital expenditures."
    assert find_span(line, "…strong as of September 31, we…") == (line.index("strong"), line.index(", we") + 4)
    assert find_span(line, "no such words") is None
    assert quoted_phrases("'Mr. Kuo's answer' and 'not' but ‘年增’ and '(' alone") == ["Mr. Kuo's answer", "not", "年增"]
    assert link_lines("as on lines 16, 27 and line 9.") == [
        ("as on lines ", None), ("16", 16), (", ", None), ("27", 27), (" and line ", None), ("9", 9), (".", None)]


# -- in a real browser ---------------------------------------------------------------------------


def _need(condition: bool, why: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{why}: CI installs it (.ci/run), so the browser tests must run there")
        pytest.skip(why)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    _need(bool(chromium and driver_path), "Debian's chromium and chromium-driver are not installed")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _need(False, "selenium is not installed (pip install -e '.[test]')")
        raise
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-default-apps", "--disable-sync"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(str(driver_path)), options=options)
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: Any, html: str, path: Path) -> str:
    """Load a page in a fresh state: logs drained, no review left in storage by an earlier test."""
    path.write_text(html, encoding="utf-8")
    url = path.resolve().as_uri()
    browser.get(url)
    browser.execute_script("window.localStorage.clear()")
    browser.get(url)
    return url


def _requests(browser: Any) -> list[str]:
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _console_errors(browser: Any) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def _click(browser: Any, element: Any) -> None:
    """Click as a person would, after bringing the element into view (the panel scrolls by itself)."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def _shown(browser: Any) -> int:
    return int(browser.execute_script(
        "return document.querySelectorAll('#finding-list > li.finding:not([hidden])').length"))


def test_browser_filters_highlights_and_isolation(browser: Any, tmp_path: Path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    report = example_report(BILINGUAL)
    browser.get_log("performance"), browser.get_log("browser")
    url = _open(browser, render(report, "html"), tmp_path / "page.html")
    total = len(report.findings)
    assert _shown(browser) == total
    assert browser.find_element(By.ID, "shown").text == f"{total} of {total} shown"

    # a filter changes what is shown, and the other facets' counts follow it
    _click(browser, browser.find_element(By.CSS_SELECTOR, "input[name=severity][value=info]"))
    not_info = sum(f.severity.value != "info" for f in report.findings)
    assert not_info < total and _shown(browser) == not_info
    assert browser.find_element(By.ID, "shown").text == f"{not_info} of {total} shown"
    markup = browser.find_element(By.CSS_SELECTOR, ".count[data-facet=family][data-value=markup]").text
    assert markup == str(sum(f.check.startswith("markup.") and f.severity.value != "info" for f in report.findings))
    speaker = next(f.speaker for f in report.findings if f.speaker)
    browser.execute_script("const s = document.querySelector('select[name=speaker]'); s.value = arguments[0];"
                           "s.dispatchEvent(new Event('change', {bubbles: true}))", speaker)
    assert _shown(browser) == sum(f.speaker == speaker and f.severity.value != "info" for f in report.findings)
    browser.get(url)  # filters back to their defaults

    # the evidence of the impossible date is highlighted on its own line, the date itself in focus
    rank, finding = next((r, f) for r, _g, f in report.ranked() if f.check == "dates.impossible")
    marks = browser.find_elements(By.CSS_SELECTOR, f"mark[data-f~='{rank}']")
    assert marks, "no highlight for the finding"
    lines = {m.find_element(By.XPATH, "ancestor::div[contains(@class,'cell')]").get_attribute("data-line") for m in marks}
    assert lines == {str(finding.line)}
    focus = [m.text for m in marks if "focus" in (m.get_attribute("class") or "")]
    assert any("September 31" in text for text in focus)
    # its related line links back to it
    related = finding.related[0].line
    back = browser.find_elements(By.XPATH, f"//div[contains(@class,'cell') and @data-line='{related}']/ancestor::div[contains(@class,'row')]"
                                           f"/following-sibling::ul[1]//li[@data-rank='{rank}']//a[@href='#finding-{rank}']")
    assert back, f"line {related} does not link back to finding #{rank}"

    # keyboard: j moves to the first finding, j again to the second, Enter shows it in the transcript
    browser.find_element(By.TAG_NAME, "h1").click()
    ActionChains(browser).send_keys("jjk").perform()
    assert browser.execute_script("return document.querySelector('li.finding.current').id") == "finding-1"
    ActionChains(browser).send_keys("\ue007").perform()
    flashed = browser.execute_script("return [...document.querySelectorAll('.cell.flash')].map(c => c.dataset.line)")
    assert str(report.findings[0].line) in flashed

    assert all(u == url for u in _requests(browser)), "a request left the page"
    assert _console_errors(browser) == []


def test_browser_planted_script_does_not_run(browser: Any, tmp_path: Path):
    from selenium.webdriver.common.by import By

    browser.get_log("performance"), browser.get_log("browser")
    url = _open(browser, render(run_audit(PLANTED, name="planted.txt"), "html"), tmp_path / "planted.html")
    assert browser.execute_script("return window.__pwned === undefined")
    cell = browser.find_element(By.CSS_SELECTOR, ".cell[data-line='4'] .text").text
    assert "</script><script>window.__pwned = 3</script><img" in cell
    assert "<script>window.__pwned = 1</script>" in browser.find_element(By.CSS_SELECTOR, ".cell[data-line='2']").text
    assert browser.find_elements(By.CSS_SELECTOR, ".transcripts img, .transcripts script") == []
    assert all(u == url for u in _requests(browser))
    assert _console_errors(browser) == []


def test_browser_review_exports_a_baseline_the_gate_reads(browser: Any, tmp_path: Path):
    from selenium.webdriver.common.by import By

    report = example_report(ENGLISH)
    url = _open(browser, render(report, "html"), tmp_path / "review.html")
    editor = browser.find_element(By.ID, "editor")
    _click(browser, editor)
    editor.send_keys("M. Editor\t")
    first = browser.find_element(By.ID, "finding-2")
    _click(browser, first.find_element(By.CSS_SELECTOR, ".act-accept"))
    first.find_element(By.CSS_SELECTOR, "input.reason").send_keys("the call said so; quoted as spoken")
    _click(browser, first.find_element(By.CSS_SELECTOR, ".act-save"))
    _click(browser, browser.find_element(By.CSS_SELECTOR, "#finding-3 .act-fixed"))
    assert browser.find_element(By.ID, "review-counts").text == f"{len(report.findings) - 2} open, 1 accepted, 1 fixed."

    browser.get(url)  # the review is kept in the browser
    assert browser.find_element(By.ID, "finding-2").get_attribute("data-state") == "accepted"
    assert browser.find_element(By.ID, "finding-3").get_attribute("data-state") == "fixed"
    _click(browser, browser.find_element(By.CSS_SELECTOR, "input[name=state][value=open]"))
    assert _shown(browser) == 2

    _click(browser, browser.find_element(By.ID, "export"))
    text = browser.find_element(By.ID, "baseline-json").get_attribute("value")
    path = tmp_path / "accepted.json"
    path.write_text(text, encoding="utf-8")
    entries = load_baseline(path)
    accepted = report.findings[1]
    assert [(e.fingerprint, e.reason, e.accepted_by) for e in entries] == [
        (fingerprint(accepted), "the call said so; quoted as spoken", "M. Editor")]
    remaining, suppressed, stale = apply_baseline(report.findings, entries)
    assert suppressed == 1 and accepted not in remaining and stale == []
    downloaded = browser.downloads / "accepted.json"
    for _ in range(50):
        if downloaded.exists():
            break
        time.sleep(0.1)
    assert downloaded.read_text(encoding="utf-8") == text, "the download is not what the page shows"

    # a fresh browser loads the baseline back: the finding is accepted again, with its reason
    _open(browser, render(report, "html"), tmp_path / "review.html")
    assert browser.find_element(By.ID, "finding-2").get_attribute("data-state") == "open"
    browser.find_element(By.ID, "load").send_keys(str(path))
    for _ in range(50):
        if browser.find_element(By.ID, "baseline-status").text:
            break
        time.sleep(0.1)
    assert "1 match" in browser.find_element(By.ID, "baseline-status").text
    assert browser.find_element(By.ID, "finding-2").get_attribute("data-state") == "accepted"
    assert "quoted as spoken" in browser.find_element(By.CSS_SELECTOR, "#finding-2 .state-label").text
    assert _console_errors(browser) == []


CONTRAST = """
function lum(c) {
  const [r, g, b] = c.match(/[0-9.]+/g).slice(0, 3).map(Number).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function background(el) {
  for (; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(bg) && bg !== 'transparent') return bg;
  }
  return 'rgb(255, 255, 255)';
}
const out = [];
for (const el of document.querySelectorAll(arguments[0])) {
  const a = lum(getComputedStyle(el).color), b = lum(background(el));
  out.push([el.className || el.tagName, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
}
return out;
"""


def test_browser_contrast_widths_and_print(browser: Any, tmp_path: Path):
    from selenium.webdriver.common.by import By

    _open(browser, render(example_report(BILINGUAL), "html"), tmp_path / "wide.html")
    selectors = ("body, .badge, mark, .ln, .meta, .count, .speaker, .sub, .keys, li.note, a, button, legend, "
                 "summary, code, kbd, .row.pre .text, .row.head .text, .shown, .sugg .lbl, .cols span")
    ratios = browser.execute_script(CONTRAST, selectors)
    assert len(ratios) > 50
    low = [(name, round(r, 2)) for name, r in ratios if r < 4.5]
    assert not low, f"below WCAG AA 4.5:1: {low[:10]}"

    def layout() -> dict[str, Any]:
        return browser.execute_script("""
            const pair = document.querySelector('.row.pair');
            const [en, zh] = pair.querySelectorAll('.cell');
            return {overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                    width: document.documentElement.clientWidth,
                    side_by_side: en.getBoundingClientRect().top === zh.getBoundingClientRect().top,
                    panel: getComputedStyle(document.getElementById('findings')).position,
                    filters: getComputedStyle(document.getElementById('filters')).display};""")

    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    wide = layout()
    assert 1250 <= wide["width"] <= 1280 and wide["overflow"] <= 0 and wide["side_by_side"] and wide["panel"] == "sticky"
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    try:
        phone = layout()
        assert phone["width"] == 390 and phone["overflow"] <= 0, "the page is wider than a phone"
        assert not phone["side_by_side"] and phone["panel"] == "static"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        printed = layout()
        assert printed["filters"] == "none" and printed["panel"] == "static"
        assert not browser.find_element(By.CSS_SELECTOR, "li.finding .review").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})
    assert base64.b64decode(pdf["data"])[:5] == b"%PDF-"
