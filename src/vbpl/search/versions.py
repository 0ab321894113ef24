"""Which document a designation means: names of laws, their years, the version in force.

Reads: the stored payloads of document units (title, type, number, issued, effective).
Writes: the name a law is cited by, the years a designation can mean, and candidates
ordered version in force first (at a date), the other versions after it, marked.

A law is cited by its type and name (``Luật Đất đai``), often with a year (``Luật Đất đai
2024``). Several documents can answer: the law of 2013 and the one of 2024, and
consolidated texts (văn bản hợp nhất) of either. The one **in force** at a date is the one
that took effect last on or before it (its start is the later of its issue and effective
dates: a consolidated text exists from its issue); the others follow, ``older`` or ``newer``.

>>> law_name("Đất đai luật đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024", "Luật")
'dat dai'
>>> law_name("Luật Doanh nghiệp", "Luật"), law_name("Dân sự", "Bộ luật")
('doanh nghiep', 'dan su')
>>> law_name("Biển Việt Nam", "Luật"), law_name("Công nghiệp công nghệ số", "Luật")
('bien viet nam', 'cong nghiep cong nghe so')
>>> law_name("Phổ biến, giáo dục pháp luật", "Luật")
'pho bien giao duc phap luat'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from vbpl.search.analysis import cited_numbers, find_numbers
from vbpl.text.fold import fold
from vbpl.text.normalize import normalize_text

# what ends the name part of a title (lowercase, with diacritics: "năm 2024" ends a name,
# "Việt Nam" does not): "… luật đất đai số 31/2024", "… năm 2014", "… được sửa đổi"
# ("pháp luật" is a word of names: "Luật Phổ biến, giáo dục pháp luật")
_NAME_END_RE = re.compile(r"(?<!\w)(?:bộ luật|(?<!pháp )luật|(?:số|năm|ngày)\s*:?\s*\d|được)(?!\w)")
_WORD_RE = re.compile(r"[^\W_]+")


def law_name(title: str | None, doc_type: str | None) -> str:
    """The name a document is cited by after its type word: folded lowercase words of the
    title, without a leading type word, up to the first word that ends a name."""
    if not title:
        return ""
    t = normalize_text(title).lower()
    if doc_type:
        t = t.removeprefix(doc_type.lower()).lstrip()
    m = _NAME_END_RE.search(t)
    if m is not None:
        t = t[: m.start()]
    return " ".join(_WORD_RE.findall(fold(t)))


# how a law names itself in its preamble (lowercase): "Quốc hội ban hành Luật Đất đai.",
# "Luật này quy định về hải quan."
_SELF_NAME_RES = (
    re.compile(r"ban hành (bộ luật|luật) ([^.;:\n]{2,150})"),
    re.compile(r"(bộ luật|luật) này quy định (?:về )?([^.;:\n]{2,150})"),
)


def law_names(payload: dict[str, Any]) -> set[str]:
    """Every name a stored document is cited by: from its title, and from its preamble
    (``Quốc hội ban hành Luật …``, ``Luật này quy định về …``) — what rescues a document whose
    title line was not read well.

    >>> sorted(law_names({"title": "Của Quốc hội nước", "doc_type": "Luật",
    ...     "lead": "LUẬT CỦA QUỐC HỘI Căn cứ Hiến pháp; Luật này quy định về hải quan."}))
    ['cua quoc hoi nuoc', 'hai quan']
    """
    doc_type = payload.get("doc_type")
    out = {law_name(payload.get("title"), doc_type)}
    text = normalize_text(payload.get("lead") or payload.get("text") or "").lower()
    for pattern in _SELF_NAME_RES:
        m = pattern.search(text)
        if m is not None and (doc_type or "").lower() in ("", m.group(1)):
            out.add(law_name(m.group(2), None))
    return {n for n in out if n}


def _iso(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def start_of(payload: dict[str, Any]) -> date | None:
    """When a version starts to apply: the later of its issue and effective dates.

    >>> start_of({"issued": "2025-02-28", "effective": "2024-08-01"})
    datetime.date(2025, 2, 28)
    >>> start_of({"year": 2013}) is None
    True
    """
    dates = [d for d in (_iso(payload.get("issued")), _iso(payload.get("effective"))) if d]
    return max(dates) if dates else None


def years_of(payload: dict[str, Any]) -> set[int]:
    """The years a designation of this document may carry: its year of issue, and for a
    consolidated text the year of the law it consolidates (the first number its title cites).

    >>> sorted(years_of({"year": 2025, "title": "Đất đai luật đất đai số 31/2024/QH15"}))
    [2024, 2025]
    """
    out = {int(payload["year"])} if payload.get("year") else set()
    title = payload.get("title") or ""
    numbers = cited_numbers(normalize_text(title)) or find_numbers(title)
    if numbers:
        m = re.search(r"/((?:19|20)\d\d)/", numbers[0])
        if m:
            out.add(int(m.group(1)))
    return out


@dataclass(frozen=True, slots=True)
class Version:
    """A candidate document and its place among the versions: ``current`` (in force at the
    date asked), ``older`` or ``newer``."""

    key: str
    payload: dict[str, Any]
    version: str


def order_versions(payloads: Iterable[dict[str, Any]], as_of: date) -> list[Version]:
    """The candidates, the one in force at ``as_of`` first, then the others newest first.

    >>> v = order_versions([{"key": "a", "issued": "2013-11-29", "effective": "2014-07-01"},
    ...                     {"key": "b", "issued": "2024-01-18", "effective": "2024-08-01"},
    ...                     {"key": "c", "issued": "2030-01-01"}], date(2025, 1, 1))
    >>> [(x.key, x.version) for x in v]
    [('b', 'current'), ('c', 'newer'), ('a', 'older')]
    """
    items = list({p["key"]: p for p in payloads}.values())
    if not items:
        return []

    def start(p: dict[str, Any]) -> date:
        return start_of(p) or (date(int(p["year"]), 1, 1) if p.get("year") else date.min)

    in_force = [p for p in items if start(p) <= as_of]
    current = (
        max(in_force, key=lambda p: (start(p), p["key"]))
        if in_force
        else min(items, key=lambda p: (start(p), p["key"]))
    )
    cur_start = start(current)
    out = [Version(current["key"], current, "current")]
    rest = sorted(
        (p for p in items if p is not current), key=lambda p: (start(p), p["key"]), reverse=True
    )
    for p in rest:
        out.append(Version(p["key"], p, "newer" if start(p) > cur_start else "older"))
    return out


__all__ = ["Version", "law_name", "law_names", "order_versions", "start_of", "years_of"]
