"""HTML releases: prose paragraphs with lxml, each data table read by pandas (`read_html`).

Why lxml and pandas: releases are published as wire-service HTML, often malformed (unclosed cells,
layout tables around the whole text). lxml's HTML parser recovers from that as browsers do, and
lets us see what surrounds a table (its caption, the heading and note above it, which state scale
and currency); pandas expands `colspan`/`rowspan` into a plain grid, which is the fiddly part of
reading multi-level column headers. Each table is handed to pandas alone, so one table that cannot
be read is reported by name while the others are used.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

from auditor.errors import AuditorError
from auditor.reference.raw import RawRelease, RawTable

_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "table", "section", "article",
           "header", "footer", "blockquote", "pre", "dd", "dt", "ul", "ol", "title")
_FOOTNOTE_RE = re.compile(r"^\s*[(\[]?\s*(?:\d{1,2}|[a-z]|[*†‡§#]+)\s*[)\]]?\s*$", re.IGNORECASE)
_BREAK = "\u2029"
_SPACE_RE = re.compile(r"[ \t\r\n\u00a0\u2009\u202f]+")


def _clean(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def read_html(data: bytes, path: str) -> RawRelease:
    """The prose and tables of an HTML release; a file that is no HTML is a one-line error."""
    try:
        import lxml.etree
        import lxml.html
    except ImportError:  # pragma: no cover - a declared dependency
        raise AuditorError(f"{path}: reading HTML releases needs lxml (pip install lxml)") from None
    head = data[:2048].lstrip().lower()
    if b"<" not in head or data.startswith(b"%PDF"):
        raise AuditorError(f"{path}: not an HTML document")
    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise AuditorError(f"{path}: not a readable HTML document ({exc})") from None
    for bad in root.xpath("//script | //style | //noscript | //template | //comment()"):
        bad.drop_tree()
    for sup in root.xpath("//sup"):  # footnote markers: "Revenues(1)" is revenues
        if _FOOTNOTE_RE.match(sup.text_content() or ""):
            sup.drop_tree()
    release = RawRelease(path)
    leaves = [t for t in root.iter("table") if not t.xpath(".//table")]
    leaf_set = set(leaves)
    for index, table in enumerate(leaves, 1):
        release.tables.append(_table(table, index, leaf_set))
    for table in leaves:
        parent = table.getparent()
        if parent is not None:
            table.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str):  # source line breaks are spaces; only block elements break text
            el.text = el.text.replace("\n", " ") if el.text else el.text
            el.tail = el.tail.replace("\n", " ") if el.tail else el.tail
    for el in root.iter(*_BLOCKS):
        el.tail = _BREAK + (el.tail or "")
        if el.tag != "br":
            el.text = _BREAK + (el.text or "")
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    release.paragraphs = [p for p in (_clean(line) for line in text.split(_BREAK)) if p]
    title = root.find(".//title")
    if title is not None and _clean(title.text_content()) and _clean(title.text_content()) not in release.paragraphs:
        release.paragraphs.insert(0, _clean(title.text_content()))
    return release


def _context(table: Any, leaves: set[Any]) -> str:
    """The caption and the few text nodes before the table, outside other data tables."""
    caption = table.find("caption")
    parts = [caption.text_content()] if caption is not None else []
    before: list[str] = []
    for node in reversed(table.xpath("preceding::text()[normalize-space()][position() <= 8]")):
        owner = node.getparent()
        if owner is not None:
            inside = [] if node.is_tail else [owner]
            if any(a in leaves for a in [*inside, *owner.iterancestors()]):
                break
        text = _clean(str(node))
        if _is_prose(text):
            break  # the heading and notes above a table, not the paragraphs before them
        before.insert(0, text)
    return _clean(" ".join(parts + before))[-600:]


def _is_prose(text: str) -> bool:
    """A sentence of the release's text rather than a table title or a scale note."""
    return len(text) > 160 or (text.endswith(".") and len(text.split()) > 8)


def _heading(table: Any, leaves: set[Any]) -> str:
    """The short title lines just above a table ("CONDENSED CONSOLIDATED BALANCE SHEETS")."""
    lines: list[str] = []
    for node in reversed(table.xpath("preceding::text()[normalize-space()][position() <= 4]")):
        text = _clean(str(node))
        if len(text) > 90 or node.getparent() in leaves:
            break
        lines.insert(0, text)
    titled = [t for t in lines if not t.startswith("(")]
    return (titled[-1] if titled else "")


def _table(table: Any, index: int, leaves: set[Any]) -> RawTable:
    """One table as a grid: header rows (`thead`, `th`) become plain rows, spans are expanded."""
    import pandas as pd

    context = _context(table, leaves)
    caption = table.find("caption")
    title = _clean(caption.text_content()) if caption is not None else ""
    rows = table.xpath(".//tr")
    name = title or _heading(table, leaves) or _first_words(rows) or f"table {index}"
    name = f"table {index} ('{name[:60]}')"
    if not rows:
        return RawTable(name, [], context, "it has no rows")
    width = 0
    html = ["<table>"]
    for tr in rows:
        cells = tr.xpath("./td | ./th")
        span = 0
        html.append("<tr>")
        for cell in cells:
            try:
                colspan = max(1, min(int(cell.get("colspan", "1") or 1), 50))
            except ValueError:
                colspan = 1
            try:
                rowspan = max(1, min(int(cell.get("rowspan", "1") or 1), 200))
            except ValueError:
                rowspan = 1
            span += colspan
            text = _clean(cell.text_content()).replace("&", "&amp;").replace("<", "&lt;")
            html.append(f'<td colspan="{colspan}" rowspan="{rowspan}">{text}</td>')
        html.append("</tr>")
        width = max(width, span)
    html.append("</table>")
    if width == 0:
        return RawTable(name, [], context, "it has no cells")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frames = pd.read_html(io.StringIO("".join(html)), flavor="lxml", header=None, thousands="\u2063",
                                  keep_default_na=False, converters={i: str for i in range(width)})
    except (ValueError, IndexError, TypeError, AssertionError) as exc:
        return RawTable(name, [], context, f"pandas could not read it ({str(exc).splitlines()[0][:80]})")
    if not frames:
        return RawTable(name, [], context, "pandas found no table in it")
    frame = frames[0]
    grid = [[_cell(v) for v in row] for row in frame.astype(object).values.tolist()]
    return RawTable(name, grid, context)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return _clean(str(value))


def _first_words(rows: list[Any]) -> str:
    for tr in rows[:3]:
        text = _clean(tr.text_content())
        if text and not re.search(r"\d", text[:1]):
            return text
    return ""
