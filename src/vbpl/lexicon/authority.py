"""Thẩm quyền (authority): who may amend, replace or repeal whose documents.

The Law on legal documents (Luật Ban hành văn bản quy phạm pháp luật) lets a document be
amended, replaced or repealed only by a later (or same-day) document of the same body or of a
higher authority; a consolidated text (Văn bản hợp nhất, ``…/VBHN-…``) consolidates and neither
amends nor is amended. The table of bodies, their ranks and codes is
``src/vbpl/data/authorities.json`` (with examples the tests check).

Reads: what is known of two documents (:class:`Act`: number, type, issuer, date or year).
Writes: the reason an ``amends``/``replaces``/``repeals`` edge between them is impossible
(``backwards``, ``lower_authority``, ``other_body``, ``consolidated``), or ``None``.

>>> authority_of("13/2023/NĐ-CP").body, authority_of("57/2020/QH14").rank
('Chính phủ', 1)
>>> nd, law = Act("01/2021/NĐ-CP", year=2021), Act("76/2015/QH13", year=2015)
>>> impossible("amends", nd, law), impossible("amends", law, nd), impossible("cites", nd, law)
('lower_authority', 'backwards', None)
>>> impossible("repeals", Act("59/2020/QH14", year=2020), Act("01/2016/NĐ-CP", year=2016))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from vbpl.data import load_table

#: relations the rule of authority and time governs (active direction: subject acts)
GOVERNED: frozenset[str] = frozenset({"amends", "replaces", "repeals"})
#: why an edge is impossible, in the order they are checked
REASONS: tuple[str, ...] = (
    "consolidated",
    "backwards",
    "other_system",
    "lower_authority",
    "other_body",
)

_TERM_SUFFIX_RE = re.compile(r"\d+$")


@dataclass(frozen=True, slots=True)
class Body:
    """An issuing body of the table: name, system (``state``/``party``), rank (1 highest)."""

    body: str
    system: str
    rank: int
    codes: tuple[str, ...]
    local: bool = False
    distinct_codes: bool = False
    successors: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Authority:
    """The authority a document was issued under: its body (or bodies, for a joint document
    ``TTLT-BTC-BYT``), their rank, and whether it is a consolidated text."""

    body: str
    system: str
    rank: int
    codes: frozenset[str]
    local: bool = False
    consolidated: bool = False


@dataclass(frozen=True, slots=True)
class Act:
    """What is known of one document: number, type, issuer, date of issue (or year)."""

    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issued: date | None = None
    year: int | None = None


@cache
def _table() -> tuple[tuple[Body, ...], frozenset[str], frozenset[str]]:
    t = load_table("authorities")
    bodies = tuple(
        Body(
            b["body"],
            b["system"],
            int(b["rank"]),
            tuple(b["codes"]),
            bool(b.get("local", False)),
            bool(b.get("distinct_codes", False)),
            tuple(b.get("successors", ())),
            tuple(b.get("doc_types", ())),
        )
        for b in t["bodies"]
    )
    return bodies, frozenset(t["consolidated_codes"]), frozenset(t["consolidated_types"])


def bodies() -> tuple[Body, ...]:
    """Every body of the table, in its order."""
    return _table()[0]


@cache
def _by_code() -> dict[str, Body]:
    out: dict[str, Body] = {}
    for b in bodies():
        for c in b.codes:
            out.setdefault(c.upper(), b)
    return out


@cache
def _by_type() -> dict[str, Body]:
    return {t: b for b in bodies() for t in b.doc_types}


def _code_body(code: str) -> Body | None:
    up = code.upper()
    found = _by_code().get(up)
    if found is None:
        found = _by_code().get(_TERM_SUFFIX_RE.sub("", up))  # QH14, UBTVQH15, HĐNN8
    return found


def _code_id(b: Body, code: str) -> str:
    """The identity of a body for the same-body test: its own code when the table lists
    bodies of one entry that are distinct (Ban Tuyên giáo vs Ban Tổ chức), else its name."""
    return _TERM_SUFFIX_RE.sub("", code.upper()) if b.distinct_codes else b.body


def authority_of(
    number: str | None, doc_type: str | None = None, issuer: str | None = None
) -> Authority | None:
    """The authority a document was issued under, from its number (issuer codes), else its
    type (Luật -> Quốc hội) or issuer name; ``None`` when nothing tells.

    >>> a = authority_of("01/2016/TTLT-BTC-BYT")
    >>> a.rank, sorted(a.codes)
    (7, ['Bộ Tài chính', 'Bộ Y tế'])
    >>> authority_of("02/VBHN-VPQH").consolidated, authority_of(None, "Luật").body
    (True, 'Quốc hội')
    """
    _, vbhn_codes, vbhn_types = _table()
    consolidated = doc_type in vbhn_types
    found: list[tuple[Body, str]] = []
    if number:
        from vbpl.lexicon.numbers import parse_number

        parts = parse_number(number)
        if parts is not None:
            if parts.type_code and parts.type_code.upper() in vbhn_codes:
                consolidated = True
            for code in parts.issuers:
                b = _code_body(code)
                if b is not None:
                    found.append((b, code))
    if not found and doc_type in _by_type():
        b = _by_type()[doc_type]
        found.append((b, b.codes[0]))
    if not found and issuer:
        folded = issuer.lower()
        named = [b for b in bodies() if b.body.lower() == folded]
        if named:
            found.append((named[0], named[0].codes[0]))
    if not found:
        if consolidated:  # a consolidated text whose issuer is unknown
            return Authority(body="", system="state", rank=0, codes=frozenset(), consolidated=True)
        return None
    top = min(found, key=lambda x: x[0].rank)[0]
    return Authority(
        body=" & ".join(dict.fromkeys(b.body for b, _ in found)),
        system=top.system,
        rank=top.rank,
        codes=frozenset(_code_id(b, c) for b, c in found),
        local=any(b.local for b, _ in found),
        consolidated=consolidated,
    )


@cache
def _successors() -> dict[str, frozenset[str]]:
    """Body identity -> the identities of bodies whose documents it took over."""
    out: dict[str, set[str]] = {}
    for b in bodies():
        for code in b.successors:
            old = _code_body(code)
            if old is not None:
                out.setdefault(b.body, set()).add(_code_id(old, code))
    return {k: frozenset(v) for k, v in out.items()}


def _same_body(actor: Authority, target: Authority) -> bool:
    if actor.codes & target.codes:
        return True
    took_over = set(actor.codes)
    for c in actor.codes:
        took_over |= _successors().get(c, frozenset())
    return bool(took_over & target.codes)


def _when(a: Act) -> tuple[date | None, int | None]:
    year = a.issued.year if a.issued else a.year
    if year is None and a.number:
        from vbpl.lexicon.numbers import parse_number

        parts = parse_number(a.number)
        year = parts.year if parts is not None else None
    return a.issued, year


def impossible(relation: str, actor: Act, target: Act) -> str | None:
    """Why ``actor <relation> target`` cannot hold, or ``None`` when it may (or when too
    little is known to tell). Only ``amends``, ``replaces`` and ``repeals`` are governed.

    >>> impossible("repeals", Act("65/2014/QH13", year=2014), Act("61/2020/QH14", year=2020))
    'backwards'
    >>> impossible("amends", Act("02/VBHN-VPQH", year=2024), Act("15/2012/QH13", year=2012))
    'consolidated'
    """
    if relation not in GOVERNED:
        return None
    a = authority_of(actor.number, actor.doc_type, actor.issuer)
    t = authority_of(target.number, target.doc_type, target.issuer)
    if (a is not None and a.consolidated) or (t is not None and t.consolidated):
        return "consolidated"
    (ad, ay), (td, ty) = _when(actor), _when(target)
    if ad is not None and td is not None:
        if ad < td:
            return "backwards"
    elif ay is not None and ty is not None and ay < ty:
        return "backwards"
    if a is None or t is None:
        return None
    if a.system != t.system:
        return "other_system"
    if a.rank > t.rank:
        return "lower_authority"
    if a.rank == t.rank and not (a.local or t.local) and not _same_body(a, t):
        return "other_body"
    return None


__all__ = [
    "GOVERNED",
    "REASONS",
    "Act",
    "Authority",
    "Body",
    "authority_of",
    "bodies",
    "impossible",
]
