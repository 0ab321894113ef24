"""Pages of the national legal database (CSDL quốc gia về văn bản pháp luật, vbpl.vn).

Reads: a parsed page (see :mod:`vbpl.parser.html_text`). Writes: an
:class:`~vbpl.parser.extract.Extracted` with the page's text, what it states about the document
(:class:`~vbpl.model.Metadata`) and, for the diagram and related-documents pages, typed
relations. The page kinds, told apart by their markup:

* ``vbpl-toanvan`` — full text (``div#toanvancontent``): the header tables (issuer, số, place and
  date), the text, the signature table; the breadcrumb states type and number, the info box
  the status (hiệu lực) and the effective date.
* ``vbpl-thuoctinh`` — properties (``div.vbProperties``): số ký hiệu, dates, type, issuer,
  signer, fields, status; the consolidated-document variant (văn bản hợp nhất) too.
* ``vbpl-luocdo`` — relationship diagram (``div.vbLuocDo``): one box per relation kind; the
  left column lists documents this one acts on, the right column documents acting on it (see
  ``html_labels.json``). Each listed document becomes ``Relation(".", kind, number,
  source="diagram")``; a document without a number (``Không số``) is named by its title.
* ``vbpl-lienquan`` — related documents (``div.vbLienQuan`` with lists): the same boxes as
  rows of a table, read the same way.

>>> from vbpl.parser.html_text import parse_html
>>> page = parse_html('<div class="vbLuocDo"><div class="luocdo"><div class="title">'
...     '<a href="#">Văn bản căn cứ</a> (1)</div><div class="content"><ul><li>'
...     '<a class="jTips">Luật 80/2015/QH13 Ban hành văn bản</a></li></ul></div></div></div>')
>>> ex = extract_vbpl(page, "vbpl-luocdo")
>>> [(r.relation, r.object) for r in ex.relations]
[('based_on', '80/2015/QH13')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from vbpl.errors import InputError
from vbpl.lexicon.dates import first_date
from vbpl.model import Metadata, Relation
from vbpl.parser.extract import Extracted
from vbpl.parser.html_fields import (
    clean_label,
    metadata_field,
    metadata_from_pairs,
    relation_for_label,
    split_title,
)
from vbpl.parser.html_text import element_lines, find_class, has_class, page_marks, text_of

_COUNT = re.compile(r"\(\s*\d+\s*\)\s*$")

#: boxes around the full text that are not part of it
_NOT_TEXT = ("vbInfo", "vbFile", "vbLienQuan", "box-map", "header", "bottom")


def page_kind(root: etree._Element, marks: frozenset[str] | None = None) -> str | None:
    """Which national-database page this is, or ``None`` when it is none of them.

    ``marks`` are the page's class names and ``#ids`` (:func:`~.html_text.page_marks`).
    """
    marks = page_marks(root) if marks is None else marks
    if "#toanvancontent" in marks or "toanvancontent" in marks:
        return "vbpl-toanvan"
    if "vbLuocDo" in marks or "vbLuocdo" in marks:
        return "vbpl-luocdo"
    if "vbProperties" in marks:
        return "vbpl-thuoctinh"
    if "vbLienQuan" in marks and "listVB" in marks:
        for box in find_class(root, "vbLienQuan"):
            if find_class(box, "listVB"):
                return "vbpl-lienquan"
    return None


def extract_vbpl(root: etree._Element, kind: str) -> Extracted:
    """Read a national-database page of the given ``kind`` (see :func:`page_kind`)."""
    if kind == "vbpl-toanvan":
        return _full_text(root)
    if kind == "vbpl-thuoctinh":
        return _properties(root)
    if kind == "vbpl-luocdo":
        return _diagram(root)
    if kind == "vbpl-lienquan":
        return _related(root)
    raise ValueError(f"not a national-database page kind: {kind}")


# ---------------------------------------------------------------------------------------------


def _breadcrumb(root: etree._Element) -> list[str]:
    for box in find_class(root, "box-map"):
        return [text_of(li) for li in box.iter("li") if text_of(li)]
    return []


def _info_pairs(root: etree._Element) -> list[tuple[str, str]]:
    """``(label, value)`` of the info box: ``Hiệu lực: Còn hiệu lực``."""
    pairs = []
    for box in find_class(root, "vbInfo"):
        for li in box.iter("li"):
            label, sep, value = text_of(li).partition(":")
            if sep:
                pairs.append((label, value))
    return pairs


def _stated_type_number(root: etree._Element) -> Metadata:
    crumbs = _breadcrumb(root)
    if not crumbs:
        return Metadata()
    kind, number, _ = split_title(crumbs[-1].rstrip("»").strip())
    return Metadata(number=number, doc_type=kind)


def _full_text(root: etree._Element) -> Extracted:
    content = root.xpath("//*[@id='toanvancontent']") or find_class(root, "toanvancontent", "div")
    body = content[0]
    # the header tables and the signature are siblings of the text inside one wrapper div;
    # the info box, attachments and related-document boxes are not part of the text
    wrapper = body.getparent() if body.getparent() is not None else body
    lines: list[str] = []
    for child in wrapper:
        if not isinstance(child.tag, str) or any(has_class(child, c) for c in _NOT_TEXT):
            continue
        lines.extend(element_lines(child))
    if not lines:
        raise InputError("national database full-text page without text (toanvancontent is empty)")
    stated = _stated_type_number(root)
    info = metadata_from_pairs(_info_pairs(root))
    issued = place = None
    for line in lines[:12]:
        if "tháng" in line and "năm" in line and (d := first_date(line)) is not None:
            issued = d
            head = line.split(",")[0].strip()
            place = head if head and not head[0].isdigit() and "ngày" not in head.lower() else None
            break
    meta = replace(stated, status=info.status, effective=info.effective, issued=issued, place=place)
    return Extracted(text="\n".join(lines), format="vbpl-toanvan", metadata=meta)


def _label_value_rows(table: etree._Element) -> tuple[list[tuple[str, str]], str | None]:
    """``(pairs, title)`` of a properties table; a label naming several fields
    (``Cơ quan ban hành/ Chức danh / Người ký``) is spread over the cells that follow it."""
    pairs: list[tuple[str, str]] = []
    title = None
    for tr in table.iter("tr"):
        cells = [td for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
        texts = [text_of(td) for td in cells]
        if len(cells) == 1 and has_class(cells[0], "title"):
            label, sep, value = texts[0].partition(":")
            if sep and metadata_field(label):
                pairs.append((label, value))
            elif title is None and texts[0]:
                title = texts[0]
            continue
        i = 0
        while i < len(cells):
            if has_class(cells[i], "label") and texts[i]:
                parts = [p for p in texts[i].split("/") if p.strip()]
                values = texts[i + 1 : i + 1 + len(parts)]
                if len(parts) > 1 and len(values) == len(parts):
                    pairs.extend(zip(parts, values, strict=True))
                    i += 1 + len(parts)
                    continue
                if i + 1 < len(cells):
                    pairs.append((texts[i], texts[i + 1]))
                i += 2
                continue
            i += 1
    return pairs, title


def _properties(root: etree._Element) -> Extracted:
    box = find_class(root, "vbProperties")[0]
    pairs: list[tuple[str, str]] = []
    title = None
    for table in box.iter("table"):
        found, t = _label_value_rows(table)
        pairs.extend(found)
        title = title or t
        break
    meta = metadata_from_pairs(pairs + _info_pairs(root))
    consolidated = any("hợp nhất" in clean_label(label) for label, _ in pairs) or any(
        clean_label(c) == "văn bản hợp nhất" for c in _breadcrumb(root)
    )
    if consolidated:
        meta = replace(meta, doc_type="Văn bản hợp nhất")
    elif meta.doc_type is None:
        meta = replace(meta, doc_type=_stated_type_number(root).doc_type)
    if title:
        kind, number, rest = split_title(title)
        if kind and number and rest and number == meta.number:
            # "Thông tư 03/2025/TT-BNV hướng dẫn …": the page's caption, type and number first
            title = rest[:1].upper() + rest[1:]
        meta = replace(meta, title=title)
    lines = element_lines(box)
    if not lines:
        raise InputError("national database properties page without a properties table")
    return Extracted(text="\n".join(lines), format="vbpl-thuoctinh", metadata=meta)


def _relation(label: str, item_title: str, source: str) -> Relation | None:
    known, kind = relation_for_label(label)
    if not known or kind is None:
        return None
    _, number, rest = split_title(item_title)
    target = number or rest
    if not target:
        return None
    return Relation(subject=".", relation=kind, object=target, source=source)  # type: ignore[arg-type]


def _shown_label(label: str) -> str:
    return _COUNT.sub("", " ".join(label.split())).strip().rstrip(":")


def _diagram(root: etree._Element) -> Extracted:
    meta = Metadata()
    relations: list[Relation] = []
    lines: list[str] = []
    for box in find_class(root, "luocdo"):
        head = find_class(box, "titleht") or find_class(box, "title")
        label = text_of(head[0]) if head else ""
        items = []
        for content in find_class(box, "content"):
            for a in content.iter("a"):
                if has_class(a, "jTips"):
                    items.append(" ".join((a.get("title") or text_of(a)).split()) or text_of(a))
        if find_class(box, "titleht"):
            if items:
                kind, number, title = split_title(items[0])
                meta = Metadata(number=number, doc_type=kind, title=title or None)
                lines.append(items[0])
            continue
        if not items:
            continue
        _list_box(label, items, lines, relations)
    if not lines:
        raise InputError("national database diagram page without any document")
    return Extracted(
        text="\n".join(lines), format="vbpl-luocdo", metadata=meta, relations=tuple(relations)
    )


def _list_box(label: str, items: list[str], lines: list[str], relations: list[Relation]) -> None:
    """One box of a diagram or related-documents page: a label line, a dash line per document,
    and the typed relation each document stands in (appended to ``lines`` / ``relations``)."""
    lines.append(_shown_label(label) + ":")
    for item in items:
        lines.append(f"- {item}")
        r = _relation(label, item, "diagram")
        if r is not None:
            relations.append(r)


def _related(root: etree._Element) -> Extracted:
    relations: list[Relation] = []
    lines: list[str] = []
    meta = Metadata()
    for info in find_class(root, "vbInfo"):
        for li in info.iter("li"):
            t = text_of(li)
            if t and ":" not in t:
                kind, number, title = split_title(t)
                meta = Metadata(number=number, doc_type=kind, title=title or None)
                lines.append(t)
                break
        break
    for box in find_class(root, "vbLienQuan"):
        for tr in box.iter("tr"):
            cells = [td for td in tr if isinstance(td.tag, str) and td.tag == "td"]
            if len(cells) < 2:
                continue
            label = text_of(cells[0])
            items = [text_of(p) for p in find_class(cells[1], "title", "p")]
            if not items:
                continue
            _list_box(label, items, lines, relations)
    status = metadata_from_pairs(_info_pairs(root))
    meta = replace(meta, status=status.status, effective=status.effective)
    if not lines:
        raise InputError("national database related-documents page without any document")
    return Extracted(
        text="\n".join(lines), format="vbpl-lienquan", metadata=meta, relations=tuple(relations)
    )


__all__ = ["extract_vbpl", "page_kind"]
