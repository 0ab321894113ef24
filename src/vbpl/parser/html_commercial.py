"""Pages of the commercial legal sites (thuvienphapluat.vn) and any other page with a
properties table.

Reads: a parsed page. Writes: :class:`~vbpl.parser.extract.Extracted` — the text of the content
block (``div.content1`` inside ``#divContentDoc`` on thuvienphapluat.vn), and the metadata that
a table of labelled values states anywhere on the page (``Số hiệu:`` | ``15/2024/TT-BTC``,
``Loại văn bản:`` | ``Thông tư``, ``Nơi ban hành:``, ``Người ký:``, ``Ngày ban hành:``,
``Ngày hiệu lực:``, ``Tình trạng:``, ``Lĩnh vực:``; the labels are in ``html_labels.json``).

>>> from vbpl.parser.html_text import parse_html
>>> page = parse_html("<table><tr><td>Số hiệu:</td><td>15/2024/TT-BTC</td><td>Loại văn bản:</td>"
...     "<td>Thông tư</td></tr></table>")
>>> labelled_metadata(page)
Metadata(number='15/2024/TT-BTC', doc_type='Thông tư', issuer=None, issued=None, effective=None, signer=None, fields=(), title=None, place=None, status=None, term=None)
"""

from __future__ import annotations

from lxml import etree

from vbpl.model import Metadata
from vbpl.parser.extract import Extracted
from vbpl.parser.html_fields import metadata_field, metadata_from_pairs
from vbpl.parser.html_text import element_lines, find_class, hidden, page_marks, text_of

#: content blocks of the commercial sites, most specific first
CONTENT_CLASSES = ("content1", "cldivContentDocVn")
CONTENT_IDS = ("divContentDoc",)


def is_tvpl(root: etree._Element, marks: frozenset[str] | None = None) -> bool:
    """Whether the page is a thuvienphapluat.vn document page."""
    marks = page_marks(root) if marks is None else marks
    return any(c in marks for c in CONTENT_CLASSES) or any(f"#{i}" in marks for i in CONTENT_IDS)


def content_block(root: etree._Element) -> etree._Element | None:
    """The element holding the document text on a commercial page, or ``None``."""
    for cls in CONTENT_CLASSES:
        found = find_class(root, cls)
        if found:
            return found[0]
    for i in CONTENT_IDS:
        found = root.xpath(f"//*[@id='{i}']")
        if found:
            return found[0]
    return None


def labelled_metadata(root: etree._Element, *, outside: etree._Element | None = None) -> Metadata:
    """Metadata from every table row of labelled values (label cell, then its value cell),
    leaving out rows inside ``outside`` (the document's own text)."""
    inside = set(outside.iter("tr")) if outside is not None else set()
    pairs: list[tuple[str, str]] = []
    for tr in root.iter("tr"):
        if tr in inside or hidden(tr):
            continue
        cells = [text_of(td) for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
        i = 0
        while i < len(cells) - 1:
            if cells[i] and len(cells[i]) < 40 and metadata_field(cells[i]):
                pairs.append((cells[i], cells[i + 1]))
                i += 2
            else:
                i += 1
    # list items "Label: value" (info boxes of some sites), outside the text
    inside_li = set(outside.iter("li")) if outside is not None else set()
    for li in root.iter("li"):
        if li in inside_li or hidden(li):
            continue
        label, sep, value = text_of(li).partition(":")
        if sep and len(label) < 40 and metadata_field(label):
            pairs.append((label, value))
    return metadata_from_pairs(pairs)


def extract_tvpl(root: etree._Element) -> Extracted:
    """Read a thuvienphapluat.vn document page: its content block and properties table."""
    block = content_block(root)
    lines = element_lines(block if block is not None else root)
    meta = labelled_metadata(root, outside=block)
    return Extracted(text="\n".join(lines), format="tvpl", metadata=meta)


__all__ = ["content_block", "extract_tvpl", "is_tvpl", "labelled_metadata"]
