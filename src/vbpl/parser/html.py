"""Read an HTML page into text, stated metadata and stated relations.

Reads: a page as ``str``. Writes: :class:`~vbpl.parser.extract.Extracted` — ``text`` one
paragraph a line (table rows as lines; scripts, styles, navigation dropped), ``format`` the
page family, ``metadata`` what the page states outside the text, ``relations`` the typed
relations a diagram or codification page lists (``subject="."`` is this document).

Families (the first that matches the markup):

==================  ===========================================  ==========================
format              page                                         module
==================  ===========================================  ==========================
``vbpl-toanvan``    national database, full text                 :mod:`.html_vbpl`
``vbpl-thuoctinh``  national database, properties                :mod:`.html_vbpl`
``vbpl-luocdo``     national database, relationship diagram      :mod:`.html_vbpl`
``vbpl-lienquan``   national database, related documents         :mod:`.html_vbpl`
``phapdien``        codification topic (Bộ pháp điển)            :mod:`.html_phapdien`
``tvpl``            thuvienphapluat.vn document page             :mod:`.html_commercial`
``html``            anything else: the main block, any
                    labelled properties table                    here
==================  ===========================================  ==========================

A page that is not a document (a list of search results, an empty page, a page without any
letters) is an :class:`~vbpl.errors.InputError`. Parsing is safe against hostile pages (see
:mod:`.html_text`).

>>> ex = extract_html("<html><body><nav>Trang chủ</nav><p>Điều 1. Phạm vi</p>"
...                   "<p>Nội dung.</p></body></html>")
>>> ex.format, ex.text
('html', 'Điều 1. Phạm vi\\nNội dung.')
"""

from __future__ import annotations

from lxml import etree

from vbpl.errors import InputError
from vbpl.parser.extract import Extracted
from vbpl.parser.html_commercial import extract_tvpl, is_tvpl, labelled_metadata
from vbpl.parser.html_phapdien import extract_phapdien, is_codification
from vbpl.parser.html_text import element_lines, page_marks, parse_html
from vbpl.parser.html_vbpl import extract_vbpl, page_kind

#: tags dropped from a generic page besides scripts, styles and navigation
GENERIC_SKIP = frozenset({"header", "footer", "aside"})


def extract_html(html: str) -> Extracted:
    """Read a legal web page (see the module docstring for the families)."""
    root = parse_html(html)
    marks = page_marks(root)
    _refuse_listing(marks)

    kind = page_kind(root, marks)
    if kind is not None:
        return _checked(extract_vbpl(root, kind))

    if is_codification(root, marks):
        return _checked(extract_phapdien(root))

    if is_tvpl(root, marks):
        return _checked(extract_tvpl(root))
    block = _main_block(root, marks)
    lines = element_lines(block, skip=GENERIC_SKIP)
    # labelled values outside the main block; with no main block, anywhere on the page
    meta = labelled_metadata(root, outside=block if block.tag not in ("body", "html") else None)
    return _checked(
        Extracted(
            text="\n".join(lines),
            format="html",
            metadata=meta if meta.key or meta.doc_type else None,
        )
    )


def _refuse_listing(marks: frozenset[str]) -> None:
    """Raise for pages that list documents instead of being one (search results)."""
    if "listLaw" in marks:
        raise InputError(
            "HTML page is a list of search results (ul.listLaw), not a document: "
            "open one of the documents it lists"
        )


def _main_block(root: etree._Element, marks: frozenset[str]) -> etree._Element:
    for tag in ("main", "article"):
        for el in root.iter(tag):
            return el
    paths = ["//*[@role='main']"] + (["//*[@id='content']"] if "#content" in marks else [])
    for path in paths:
        found = root.xpath(path)
        if found:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


def _checked(ex: Extracted) -> Extracted:
    if not any(c.isalpha() for c in ex.text):
        raise InputError(f"HTML page ({ex.format}) has no text: not a document")
    return ex


__all__ = ["GENERIC_SKIP", "extract_html"]
