"""A page of the commercial legal site saved as text: where its document is, what it states.

Reads: the logical lines of a text (:class:`~vbpl.clean.markup.Line`, markup removed).
Writes: :class:`SitePage` — the line range of the document itself and the
:class:`~vbpl.model.Metadata` its properties table states (``Số hiệu:`` / value, ``Loại văn
bản:``, ``Nơi ban hành:``, ``Người ký:``, ``Ngày ban hành:``, ``Ngày hiệu lực:``, ``Tình
trạng:`` …, one label or value a line, as a crawler flattens the HTML table), read with the
labels of the HTML reader (:mod:`vbpl.parser.html_fields`). Placeholders the site shows instead
of a fact (``Đã biết``, ``Đang cập nhật``, ``Văn bản khác``) state nothing. The banner before
the document (copyright notice, ``Đang tải văn bản...``, the table) and the site's notices
after it (the page title repeated, ``Văn bản liên quan``, contact details) are not part of the
document. Markers are in ``data/cleanup.json``.

>>> from vbpl.clean.markup import read_markup
>>> raw = "Đang tải văn bản...\\n**Số hiệu:**\\n|\\n45-NQ/TW\\n|\\n**Loại văn bản:**\\nVăn bản khác\\nBAN CHẤP HÀNH TRUNG ƯƠNG\\nVăn bản liên quan"
>>> page = read_site_page(read_markup(raw)[0])
>>> page.metadata.number, page.metadata.doc_type, page.start, page.end
('45-NQ/TW', None, 7, 8)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from vbpl.clean.markup import Line
from vbpl.data import load_table
from vbpl.lexicon.doc_types import doc_types
from vbpl.model import Metadata

_SCAN = 120  # lines: the banner and the properties table come first


@cache
def _rules() -> dict[str, Any]:
    return load_table("cleanup")["site_page"]


def is_site_page(lines: list[Line]) -> bool:
    """Whether the first lines carry the site's banner or loading notice."""
    markers = _rules()["markers"]
    return any(any(m in ln.text for m in markers) for ln in lines[:_SCAN])


@dataclass(frozen=True, slots=True)
class SitePage:
    """The document's lines ``[start, end)`` on the page and the metadata the page states."""

    start: int
    end: int
    metadata: Metadata | None


@cache
def _site_title_re() -> re.Pattern[str]:
    names = sorted((t.name for t in doc_types()), key=len, reverse=True)
    alt = "|".join(map(re.escape, names))
    return re.compile(rf"^(?:{alt})\s+\S*\d\S*\s+(?:năm\s+\d{{4}}|ngày\s+\d).*\bban hành\s*$")


def _label(text: str) -> str | None:
    """The label of a properties-table line (``Số hiệu:``), else ``None``."""
    t = text.strip(" *|#")
    if not t.endswith(":") or len(t) > 40 or any(c.isdigit() for c in t):
        return None
    return t


def _clean_meta(meta: Metadata) -> Metadata | None:
    placeholders = set(_rules()["placeholders"])
    changes: dict[str, Any] = {}
    for name in ("number", "doc_type", "issuer", "signer", "title", "place", "status", "term"):
        v = getattr(meta, name)
        if isinstance(v, str) and v.strip() in placeholders:
            changes[name] = None
    out = replace(meta, **changes)
    return None if out == Metadata() else out


def read_site_page(lines: list[Line]) -> SitePage:
    """Find the document on a saved page of the site and read its properties table."""
    from vbpl.parser.html_fields import metadata_from_pairs

    n = len(lines)
    start = 0
    pairs: list[tuple[str, str]] = []
    for i, ln in enumerate(lines[:_SCAN]):
        if any(ln.text.startswith(m) for m in _rules()["start_after"]):
            start = i + 1
    i = start
    while i < min(n, start + _SCAN):
        t = lines[i].text
        if not t or t == "#":
            i += 1
            continue
        if _label(t) is None:
            break
        j = i + 1
        while j < n and not lines[j].text:
            j += 1
        if j < n and _label(lines[j].text) is None:
            pairs.append((t.strip(" *|#"), lines[j].text.strip(" *")))
            i = j + 1
            start = i
        else:
            i = j
            start = i
    while start < n and not lines[start].text:
        start += 1
    end = n
    ends = _rules()["end_markers"]
    title_re = _site_title_re()
    for k in range(start + 1, n):
        t = lines[k].text.lstrip("# ")
        if any(t.startswith(m) for m in ends) or title_re.match(t):
            end = k
            break
    meta = _clean_meta(metadata_from_pairs(pairs)) if pairs else None
    return SitePage(start, end, meta)


__all__ = ["SitePage", "is_site_page", "read_site_page"]
