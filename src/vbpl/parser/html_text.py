"""Parse HTML safely and turn an element into lines of text.

Reads: an HTML page as ``str``. Writes: an lxml tree (:func:`parse_html`) and, for any element
of it, its text as lines (:func:`element_lines`): one paragraph (block element) a line, ``<br>``
a line break, a table row one line with its cells joined by ``" | "`` — or, for a layout row
whose cells hold several paragraphs, each cell's lines in turn. Scripts, styles, navigation,
forms' controls and elements hidden with ``display: none`` are dropped.

Safety: the parser is libxml2's HTML parser with network access off and its default limits
(``huge_tree=False``: at most 256 levels of nesting); entity declarations of an internal DTD
subset are removed before parsing and never expanded; pages larger than
:data:`MAX_HTML_CHARS` are refused; the tree is walked iteratively (no Python recursion).

>>> element_lines(parse_html("<p>Điều 1. <b>Phạm vi</b></p><table><tr><td>a</td><td>b</td></tr></table>"))
['Điều 1. Phạm vi', 'a | b']
"""

from __future__ import annotations

import re

from lxml import etree

from vbpl.errors import InputError
from vbpl.lexicon.labels import format_counter

#: pages longer than this (characters) are refused: a bound on time and memory
MAX_HTML_CHARS = 32 * 1024 * 1024

#: elements whose content is never document text
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "nav",
        "map",
        "area",
        "audio",
        "video",
    ]
)
#: elements that start and end a line
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "ul",
        "caption",
        "html",
        "table",
        "tbody",
        "thead",
        "tfoot",
    ]
)
CELL_TAGS = frozenset({"td", "th"})

_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^>\[]{0,1000}\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_SPACES = re.compile(r"\s+")
#: cells of a document's header table (số, place and date, motto): read cell by cell
_HEADER_CELL = re.compile(
    r"^(?:Số|Số hiệu)\s*:|^Số\s+\d+\s*-|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm|^Độc lập\b"
    r"|^CỘNG HÒA XÃ HỘI|^CỘNG HOÀ XÃ HỘI|^ĐẢNG CỘNG SẢN VIỆT NAM",
    re.IGNORECASE,
)
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
#: a page's trail of links (``<ol class="breadcrumb">``, ``role="navigation"``): not text
_TRAIL = re.compile(r"breadcrumb", re.IGNORECASE)
#: a column gap typed with no-break spaces (``TỈNH ỦY X&nbsp;&nbsp;&nbsp; ĐẢNG CỘNG SẢN …`` in
#: lines ended by ``<br>``): kept as a gap of spaces, as the columns of a plain text are
_NBSP_GAP = re.compile(r"\s*\xa0\s*\xa0\s*")


def parse_html(html: str) -> etree._Element:
    """The root element of ``html``, parsed without network, entity expansion or huge trees.

    Raises :class:`~vbpl.errors.InputError` for a page too large, too deeply nested or empty.

    >>> parse_html("<p>x</p>").tag
    'html'
    """
    if len(html) > MAX_HTML_CHARS:
        raise InputError(
            f"HTML page of {len(html) // (1024 * 1024)} MB is larger than the "
            f"{MAX_HTML_CHARS // (1024 * 1024)} MB vbpl reads"
        )
    html = _XML_DECL.sub("", html, count=1)
    if "<!" in html[:4096] and "[" in html[:65536]:
        # a DTD subset sits at the top: one attempt, at the first DOCTYPE, within 64 KB
        at = html[:4096].upper().find("<!DOCTYPE")
        m = _DOCTYPE_SUBSET.match(html, at, 65536) if at >= 0 else None
        if m is not None:
            html = html[: m.start()] + html[m.end() :]
    parser = etree.HTMLParser(
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=True,
        default_doctype=False,
    )
    try:
        root = etree.fromstring(html, parser)
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"cannot read the HTML page ({e})") from None
    for err in parser.error_log:
        if err.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT or "Excessive depth" in err.message:
            raise InputError(
                "HTML page nested deeper than 256 elements: not a document page vbpl reads"
            )
    if root is None:
        raise InputError("HTML page is empty")
    return root


class _Lines:
    """Lines being collected for the document or for one table cell."""

    __slots__ = ("lines", "parts")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def newline(self) -> None:
        if self.parts:
            line = "".join(self.parts)
            if "\xa0\xa0" in line or "\xa0 \xa0" in line:
                parts = (" ".join(p.split()) for p in _NBSP_GAP.split(line.strip()))
                line = "   ".join(p for p in parts if p)
            else:
                line = " ".join(line.split())
            self.parts.clear()
            if line:
                self.lines.append(line)

    def extend(self, lines: list[str]) -> None:
        self.newline()
        self.lines.extend(lines)


def table_lines(cells: list[list[str]]) -> list[str]:
    """The lines of one table row: ``a | b`` when each cell is one line, else cell by cell.

    >>> table_lines([["Số ký hiệu"], ["101/2015/QH13"]])
    ['Số ký hiệu | 101/2015/QH13']
    >>> table_lines([["BỘ TÀI CHÍNH", "Số: 12/2024/TT-BTC"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]])
    ['BỘ TÀI CHÍNH', 'Số: 12/2024/TT-BTC', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']
    >>> table_lines([["Số: 12/2024/TT-BTC"], ["Hà Nội, ngày 2 tháng 5 năm 2024"]])
    ['Số: 12/2024/TT-BTC', 'Hà Nội, ngày 2 tháng 5 năm 2024']
    >>> table_lines([["TỈNH ỦY THÁI BÌNH"], ["ĐẢNG CỘNG SẢN VIỆT NAM"]])
    ['TỈNH ỦY THÁI BÌNH', 'ĐẢNG CỘNG SẢN VIỆT NAM']
    """
    filled = [c for c in cells if c]
    if not filled:
        return []
    if all(len(c) == 1 for c in filled) and not any(_HEADER_CELL.search(c[0]) for c in filled):
        return [" | ".join(c[0] for c in filled)]
    return [line for c in filled for line in c]


def hidden(el: etree._Element) -> bool:
    """Whether an element is dropped: a skipped tag, or hidden with ``display: none``."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag.lower() in SKIP_TAGS:
        return True
    style = el.get("style")
    if el.get("role") == "navigation" or _TRAIL.search(el.get("class") or ""):
        return True
    return bool(style and _HIDDEN.search(style)) or el.get("hidden") is not None


def element_lines(root: etree._Element, *, skip: frozenset[str] = frozenset()) -> list[str]:
    """The text of ``root`` as lines (see the module docstring); ``skip`` adds tags to drop.

    >>> element_lines(parse_html("<div>a<br>b<script>x()</script></div><ul><li>c</li></ul>"))
    ['a', 'b', 'c']
    """
    doc = _Lines()
    # stack entries: a _Lines (document or cell) or a list of cells (a table row)
    stack: list[_Lines | list[list[str]]] = [doc]

    def top_lines() -> _Lines:
        for item in reversed(stack):
            if isinstance(item, _Lines):
                return item
        return doc

    counters: dict[etree._Element, int] = {}
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if not tag or hidden(el) or tag in skip:
                walker.skip_subtree()
                # the tail of a skipped element still belongs to its parent
                if el is not root:
                    top_lines().add(el.tail)
                continue
            if tag == "tr":
                top_lines().newline()
                stack.append([])
            elif tag in CELL_TAGS:
                stack.append(_Lines())
            elif tag == "dd" and _after_term(el):
                top_lines().add(" ")  # <dt>Số hiệu:</dt><dd>…</dd>: a label and its value
            elif tag in BLOCK_TAGS or tag == "br":
                top_lines().newline()
            if tag == "li":
                parent = el.getparent()
                if parent is not None and parent.tag == "ol":
                    top_lines().add(_list_label(el, parent, counters) + " ")
                elif parent is not None and parent.tag == "ul" and _nested_list(parent):
                    top_lines().add("- ")  # a bullet list inside a numbered point: dash items
            top_lines().add(el.text)
        else:
            if tag in CELL_TAGS and isinstance(stack[-1], _Lines) and len(stack) > 1:
                cell = stack.pop()
                assert isinstance(cell, _Lines)
                cell.newline()
                if isinstance(stack[-1], list):
                    stack[-1].append(cell.lines)
                else:
                    top_lines().extend(cell.lines)
            elif tag == "tr" and isinstance(stack[-1], list):
                row = stack.pop()
                assert isinstance(row, list)
                top_lines().extend(table_lines(row))
            elif tag in BLOCK_TAGS and not (tag == "dt" and _before_value(el)):
                top_lines().newline()
            if el is not root:
                top_lines().add(el.tail)
    while len(stack) > 1:  # unclosed structures (cannot happen with lxml, kept for safety)
        item = stack.pop()
        if isinstance(item, _Lines):
            item.newline()
            top_lines().extend(item.lines)
        else:
            top_lines().extend(table_lines(item))
    doc.newline()
    return doc.lines


def _after_term(dd: etree._Element) -> bool:
    """Whether a ``<dd>`` follows its ``<dt>`` (a label and its value, one line)."""
    prev = dd.getprevious()
    return prev is not None and prev.tag == "dt"


def _before_value(dt: etree._Element) -> bool:
    """Whether a ``<dt>`` is followed by its ``<dd>``."""
    nxt = dt.getnext()
    return nxt is not None and nxt.tag == "dd"


def _nested_list(ul: etree._Element) -> bool:
    """Whether a ``<ul>`` stands inside an item of another list (a document's bullets under
    a numbered point), not a page's list of links.

    >>> root = parse_html("<ol><li>Phần lễ<ul><li>Ôn lại</li></ul></li></ol><ul><li>x</li></ul>")
    >>> element_lines(root)
    ['1. Phần lễ', '- Ôn lại', 'x']
    """
    parent = ul.getparent()
    return parent is not None and parent.tag == "li"


#: ``<ol type=…>`` -> Word-style number format (see :func:`vbpl.lexicon.labels.format_counter`)
_OL_TYPES = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
}


def _list_label(li: etree._Element, ol: etree._Element, counters: dict[etree._Element, int]) -> str:
    """The number a browser shows before an ``<li>`` of an ``<ol>`` (``start``, ``value``,
    ``type``); letters follow the điểm sequence (a b c d đ e …) and end with ``)``, numbers
    and roman numerals with ``.``, as Vietnamese documents print them."""
    if ol not in counters:
        start = ol.get("start", "1")
        counters[ol] = (int(start) if start.lstrip("-").isdigit() else 1) - 1
    value = li.get("value")
    counters[ol] = int(value) if value and value.isdigit() else counters[ol] + 1
    fmt = _OL_TYPES.get(ol.get("type", "1"), "decimal")
    label = format_counter(counters[ol], fmt)
    return f"{label})" if fmt.endswith("Letter") else f"{label}."


def text_of(el: etree._Element | None) -> str:
    """All text of an element on one line, spaces collapsed ('' for ``None``).

    >>> text_of(parse_html("<p> Số:\\n  <b>12</b> </p>").find(".//p"))
    'Số: 12'
    """
    if el is None:
        return ""
    return _SPACES.sub(" ", "".join(el.itertext())).strip()


def page_marks(root: etree._Element) -> frozenset[str]:
    """Every CSS class name and ``#id`` of the page, in one pass (to tell page families apart).

    >>> sorted(page_marks(parse_html('<div id="x" class="a b"><p class="b">y</p></div>')))
    ['#x', 'a', 'b']
    """
    marks: set[str] = set()
    for el in root.iter():
        cls = el.get("class") if isinstance(el.tag, str) else None
        if cls:
            marks.update(cls.split())
        ident = el.get("id") if isinstance(el.tag, str) else None
        if ident:
            marks.add("#" + ident)
    return frozenset(marks)


def has_class(el: etree._Element, name: str) -> bool:
    """Whether ``el`` has the CSS class ``name`` (case-insensitive)."""
    return name.lower() in (el.get("class") or "").lower().split()


def find_class(root: etree._Element, name: str, tag: str = "*") -> list[etree._Element]:
    """Descendants (and ``root``) of ``tag`` with the CSS class ``name`` (XPath, in C).

    >>> [e.tag for e in find_class(parse_html('<div class="a b"><p class="b">x</p></div>'), "b")]
    ['div', 'p']
    """
    found = root.xpath(f"descendant-or-self::{tag}[contains(@class, $c)]", c=name)
    return [el for el in found if name in el.get("class", "").split()]


__all__ = [
    "MAX_HTML_CHARS",
    "element_lines",
    "find_class",
    "has_class",
    "hidden",
    "page_marks",
    "parse_html",
    "table_lines",
    "text_of",
]
