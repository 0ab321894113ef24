"""Parse a search query as a user types it: free text, "quoted phrases", filters, numbers.

Reads: the query string. Writes: :class:`ParsedQuery`. Never raises on any string: what is
not a known filter or a closed quote is plain text (an unclosed quote quotes to the end).

* ``"giáo dục"`` — a phrase: its syllables in this order, next to each other;
* ``loai:``, ``co-quan:``, ``nam:``, ``linh-vuc:``, ``hieu-luc:`` — filters, with Vietnamese
  and folded spellings and English aliases (table: ``src/vbpl/data/search_filters.json``);
  a value is one word, a ``"quoted value"`` or several joined by ``,`` (any of them);
  years take ranges ``2020..2023``;
* document numbers: anything shaped like a số ký hiệu (``45-NQ/TW``, ``13/2023/nđ-cp``,
  ``45/NQ-TW``) and a type code or type name next to a number (``nq 45``,
  ``nghị quyết 45``, ``Nghị định 13/2023``) become :class:`NumberQuery` candidates;
* a **pinpoint** (``Điều 5``, ``khoản 2 Điều 5``, ``điểm a khoản 1 Điều 3``, with or without
  diacritics and commas) and a **named law** (``Luật Đất đai 2024``, ``Bộ luật Dân sự``):
  the grammar of :mod:`vbpl.lexicon.designations` (the index decides how many of the words
  after a named type are the name, against the names it holds).

>>> q = parse_query('"trí thức" loai:nghi-quyet nam:2020..2023 45-NQ/TW')
>>> q.phrases, q.filters["doc_type"], q.year
(['trí thức'], ('nghi-quyet',), (2020, 2023))
>>> [(n.text, n.key) for n in q.numbers]
[('45-NQ/TW', '45nqtw')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from vbpl.data import load_table
from vbpl.lexicon.abbreviations import expand_law_abbreviations
from vbpl.lexicon.designations import NamedDocument, Pinpoint, find_named, find_pinpoint
from vbpl.lexicon.doc_types import doc_types
from vbpl.lexicon.numbers import canonical_number
from vbpl.search.analysis import number_parts, query_number_key, query_numbers
from vbpl.search.units import slug
from vbpl.text.fold import fold
from vbpl.text.normalize import normalize_text


@dataclass(frozen=True, slots=True)
class FilterSpec:
    """One filter of the query language (see ``search_filters.json``)."""

    name: str
    field: str
    gloss: str
    aliases: tuple[str, ...]
    prefix: bool
    values: dict[str, str]
    examples: tuple[dict[str, Any], ...]


@cache
def filter_specs() -> tuple[FilterSpec, ...]:
    """The filters, as the data table states them.

    >>> [f.name for f in filter_specs()]
    ['loai', 'co-quan', 'nam', 'linh-vuc', 'hieu-luc']
    """
    return tuple(
        FilterSpec(
            name=f["name"],
            field=f["field"],
            gloss=f["gloss"],
            aliases=tuple(f["aliases"]),
            prefix=bool(f["prefix"]),
            values=dict(f["values"]),
            examples=tuple(f["examples"]),
        )
        for f in load_table("search_filters")["filters"]
    )


@cache
def _filter_names() -> dict[str, FilterSpec]:
    out: dict[str, FilterSpec] = {}
    for spec in filter_specs():
        for name in (spec.name, *spec.aliases):
            out[slug(name)] = spec
    return out


@cache
def _type_codes() -> dict[str, str]:
    """folded lowercase code or type name -> type name (nq -> Nghị quyết)."""
    out: dict[str, str] = {}
    for t in doc_types():
        out[slug(t.name)] = t.name
        for code in t.codes:
            out.setdefault(fold(code.lower()), t.name)
    return out


@dataclass(frozen=True, slots=True)
class NumberQuery:
    """A document number the query names: the number (with the type name for ``nq 45``),
    its key (None for ``nq 45``), its parts (folded, lowercase), the document type the words
    around it name, if any, and ``typed``: the words of the query it spans, type words
    before it included (``NĐ 168/2024``, ``Nghị định số 13/2023/NĐ-CP``), which the query
    has used up when it designates a document."""

    text: str
    key: str | None
    parts: tuple[str, ...]
    doc_type: str | None = None
    typed: str = ""

    @property
    def serial(self) -> str:
        """The first run of digits: the document's sequence number."""
        return next((p for p in self.parts if p.isdigit()), "")


@dataclass(slots=True)
class ParsedQuery:
    """What a query asks for; :attr:`text` is the free text left after filters and phrases."""

    raw: str
    text: str = ""
    phrases: list[str] = field(default_factory=list)
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    year: tuple[int | None, int | None] | None = None
    numbers: list[NumberQuery] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    pinpoint: Pinpoint | None = None
    named: NamedDocument | None = None
    relation: str | None = None
    relation_words: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the query asks for nothing but filters (or nothing at all)."""
        return not (self.text.strip() or self.phrases)


# a filter: name:"quoted value" or name:value (value up to the next space)
_FILTER_RE = re.compile(r'(?<!\S)([^\W\d][\w-]*):(?:"([^"]*)"?|(\S*))')
_PHRASE_RE = re.compile(r'"([^"]*)(?:"|$)')
_YEAR_RE = re.compile(r"^(\d{4})?\s*(?:\.\.|-|–)?\s*(\d{4})?$")


def parse_query(raw: str) -> ParsedQuery:
    """Split ``raw`` into free text, phrases, filters and number candidates (never raises).

    >>> q = parse_query('co-quan:"Bộ Tư pháp" hiệu-lực:còn Điều 5: hiệu lực')
    >>> q.filters, q.text.split()
    ({'issuer': ('bo-tu-phap',), 'status': ('con-hieu-luc',)}, ['Điều', '5:', 'hiệu', 'lực'])
    """
    q = ParsedQuery(raw=raw)
    text = normalize_text(raw) if raw else ""
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    names = _filter_names()

    def take_filter(m: re.Match[str]) -> str:
        spec = names.get(slug(m.group(1)))
        if spec is None:
            return m.group()
        value = m.group(2) if m.group(2) is not None else (m.group(3) or "")
        if not _apply_filter(q, spec, value):
            q.ignored.append(m.group())
        return " "

    text = _FILTER_RE.sub(take_filter, text)

    def take_phrase(m: re.Match[str]) -> str:
        phrase = " ".join(m.group(1).split())
        if phrase:
            q.phrases.append(phrase)
        return " "

    text = _PHRASE_RE.sub(take_phrase, text)
    # "Điều 5 BLDS", "Luật DN 2020": the short form of a law, written out (lexicon)
    q.text = expand_law_abbreviations(unglue(" ".join(text.replace('"', " ").split())))
    q.pinpoint = find_pinpoint(q.text)
    plain = q.text
    if q.pinpoint is not None:  # "Điều 83 Luật …": 83 is an article, not a number
        start, end = q.pinpoint.span
        plain = plain[:start] + " " * (end - start) + plain[end:]
    q.numbers = _numbers(" ".join([plain, *q.phrases]))
    q.named = find_named(plain)
    while q.named is not None and _word_before(plain, q.named.span[0]) in _not_a_law_name_after():
        # "kỷ luật lao động" is discipline, not a Luật named "lao động": look further on
        after = q.named.span[0] + len(q.named.doc_type)
        q.named = find_named(" " * after + plain[after:])
    if q.named is not None and q.named.year is not None:
        # "Luật Phổ biến, giáo dục pháp luật 2012": 2012 is the law's year, not "Luật 2012"
        year = str(q.named.year)
        q.numbers = [n for n in q.numbers if n.key is not None or n.parts[:1] != (year,)]
    if q.pinpoint is None and not q.phrases and (q.numbers or q.named is not None):
        q.relation, q.relation_words = _relation_asked(q)
    return q


@cache
def _relation_cues() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(folded syllables of a cue phrase, relation), longest first, for the relations a
    question may ask about (``relation_questions`` of ``data/query_text.json``)."""
    asked = set(load_table("query_text")["relation_questions"]["relations"])
    cues = {
        (tuple(_WORD_RE.findall(fold(phrase.lower()))), entry["relation"])
        for entry in load_table("relation_cues")["cues"]
        if entry["relation"] in asked and entry["position"] == "before"
        for phrase in entry["phrases"]
    }
    return tuple(sorted(cues, key=lambda c: (-len(c[0]), c)))


@cache
def _generic_words() -> frozenset[str]:
    table = load_table("query_text")["relation_questions"]
    words = {w for phrase in table["generic_words"] for w in _WORD_RE.findall(fold(phrase))}
    for name in _type_codes():  # type names and codes: "nghị định sửa đổi …"
        words.update(name.split("-"))
    return frozenset(words)


def _relation_asked(q: ParsedQuery) -> tuple[str | None, tuple[str, ...]]:
    """The relation a query asks about when it is only a cue, a designation and generic
    words ("văn bản nào sửa đổi Nghị định 08/2015/NĐ-CP" -> amends), and the cue's words."""
    words = [fold(w.lower()) for w in _WORD_RE.findall(q.text)]
    for cue, relation in _relation_cues():
        n = len(cue)
        at = next((i for i in range(len(words) - n + 1) if tuple(words[i : i + n]) == cue), -1)
        if at < 0:
            continue
        designation: set[str] = set()
        for num in q.numbers:
            designation.update(fold(w.lower()) for w in _WORD_RE.findall(num.typed or num.text))
        if q.named is not None:
            designation.update(_WORD_RE.findall(fold(q.named.doc_type.lower())))
            designation.update(fold(w.lower()) for w in q.named.words)
            if q.named.year:
                designation.add(str(q.named.year))
        rest = words[:at] + words[at + n :]
        if all(w in designation or w in _generic_words() for w in rest):
            return relation, cue
        return None, ()
    return None, ()


@cache
def _glued_re() -> re.Pattern[str]:
    words = load_table("query_text")["glued_unit_words"]["words"]
    alternatives = sorted({v for w in words for v in (w, fold(w))}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)({'|'.join(alternatives)})(?=\d)", re.IGNORECASE)


def unglue(text: str) -> str:
    """``text`` with a space between a pinpoint word and the number typed glued to it
    (``data/query_text.json``).

    >>> unglue("điều113 bộ luật lao động")
    'điều 113 bộ luật lao động'
    """
    return _glued_re().sub(r"\1 ", text)


@cache
def _not_a_law_name_after() -> frozenset[str]:
    return frozenset(fold(w) for w in load_table("query_text")["not_a_law_name_after"]["words"])


def _word_before(text: str, at: int) -> str:
    """The folded lowercase word just before offset ``at`` of ``text`` ('' if none)."""
    m = re.search(r"([^\W\d_]+)\W*\Z", text[:at])
    return fold(m.group(1).lower()) if m else ""


def _apply_filter(q: ParsedQuery, spec: FilterSpec, value: str) -> bool:
    value = value.strip()
    if not value:
        return False
    if spec.field == "year":
        m = _YEAR_RE.match(value)
        if m is None or not (m.group(1) or m.group(2)):
            return False
        lo = int(m.group(1)) if m.group(1) else None
        hi = int(m.group(2)) if m.group(2) else None
        if lo is not None and hi is None and not re.search(r"\.\.|-|–", value):
            hi = lo
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        q.year = (lo, hi)
        return True
    out: list[str] = []
    for part in value.split(","):
        s = spec.values.get(part.strip()) or spec.values.get(slug(part)) or slug(part)
        if spec.field == "doc_type":
            s = slug(_type_codes().get(s, s))
        if s:
            out.append(s)
    if not out:
        return False
    q.filters[spec.field] = tuple(dict.fromkeys([*q.filters.get(spec.field, ()), *out]))
    return True


_WORD_RE = re.compile(r"[^\W_]+")


def _numbers(text: str) -> list[NumberQuery]:
    """Number candidates in normalised query text.

    >>> [(n.text, n.parts) for n in _numbers("Điều 5 Nghị định 13/2023")]
    [('Nghị định 13/2023', ('13', '2023', 'nd'))]
    >>> [(n.text, n.parts) for n in _numbers("bộ luật 45/2019 ban hành ngày 20/11/2019")]
    [('Bộ luật 45/2019', ('45', '2019'))]
    >>> [(n.text, n.doc_type) for n in _numbers("45/2019")]
    [('45/2019', None)]
    """
    found: list[NumberQuery] = []
    codes = _type_codes()
    cursor = 0
    for n in query_numbers(text):
        # the type typed first: "NQ 45/TW", "Nghị định số 13/2023/NĐ-CP" (looked for just
        # before this number only, so that parsing stays linear in the query's length)
        at = text.find(n, cursor)
        at = at if at >= 0 else cursor
        cursor = at + len(n)
        lead = _type_words_before(text[max(0, at - 64) : at])
        typed = f"{lead} {n}" if lead else n
        own_type = any(p in codes for p in number_parts(n) if not p.isdigit())
        m = re.search(r"([^\W\d_]{1,5})\s+" + re.escape(n) + r"\Z", text[max(0, at - 64) : cursor])
        if (
            m
            and not own_type  # "QĐ 12/2024/QĐ-TTg": the number names its type itself
            and fold(m.group(1).lower()) in codes
            and canonical_number(f"{m.group(1)} {n}")
        ):
            n = f"{m.group(1)} {n}"
        found.append(NumberQuery(n, query_number_key(n), tuple(number_parts(n)), typed=typed))
    # a type code or name beside a bare number: "nq 45", "45 nq", "nghị quyết số 45"
    words = [(fold(m.group().lower()), m.start()) for m in _WORD_RE.finditer(text)]
    taken = {p for n in found for p in n.parts}
    for i, (w, _) in enumerate(words):
        if not w.isdigit() or w in taken or len(w) > 6:
            continue
        doc_type = None
        for size in (4, 3, 2, 1):  # the longest type name or code before the number
            j = i - size
            if j < 0:
                continue
            name = "-".join(x for x, _ in words[j:i])
            name = name.removesuffix("-so")
            if name in codes:
                doc_type = codes[name]
                break
        if doc_type is None and i + 1 < len(words) and words[i + 1][0] in codes:
            doc_type = codes[words[i + 1][0]]
        year = ""
        if i + 1 < len(words):  # "Nghị định 13/2023": the year after a slash
            nxt, at = words[i + 1]
            if re.fullmatch(r"(?:19|20)\d\d", nxt) and text[at - 1 : at] == "/":
                year = nxt
        start = words[i][1]
        if doc_type is None and (not year or text[start - 1 : start] in ("/", "-", ".")):
            continue  # a bare serial/year stands alone, not inside a date (ngày 15/7/2019)
        if year:
            taken.add(year)
        code = _code_of(doc_type) if doc_type else ""
        parts = tuple(p for p in (w, year, code) if p)
        bare = f"{w}/{year}" if year else w
        lead = _type_words_before(text[max(0, start - 64) : start]) if doc_type else ""
        after = words[i + 1][0] if i + 1 < len(words) and not year and doc_type else ""
        typed = " ".join(x for x in (lead, bare, after if after in codes else "") if x)
        found.append(
            NumberQuery(
                f"{doc_type} {bare}" if doc_type else bare, None, parts, doc_type, typed=typed
            )
        )
    return found


_LEAD_RE = re.compile(r"((?:[^\W\d_]+\s+){0,4}[^\W\d_]+)\s*\Z")


def _type_words_before(before: str) -> str:
    """The document type typed just before a number, as typed (with a trailing ``số``): the
    longest run of up to five words ending ``before`` that names a type or is its code.

    >>> _type_words_before("theo Nghị định số "), _type_words_before("sửa đổi NĐ ")
    ('Nghị định số', 'NĐ')
    >>> _type_words_before("trí thức ")
    ''
    """
    m = _LEAD_RE.search(before)
    if m is None:
        return ""
    words = m.group(1).split()
    codes = _type_codes()
    for size in range(len(words), 0, -1):
        run = words[-size:]
        name = [fold(w.lower()) for w in run]
        if name[-1] == "so" and len(name) > 1:
            name = name[:-1]
        if "-".join(name) in codes:
            return " ".join(run)
    return ""


@cache
def _code_of(type_name: str) -> str:
    for t in doc_types():
        if t.name == type_name and t.codes:
            return fold(t.codes[0].lower())
    return ""


__all__ = [
    "FilterSpec",
    "NamedDocument",
    "NumberQuery",
    "ParsedQuery",
    "Pinpoint",
    "filter_specs",
    "find_named",
    "find_pinpoint",
    "parse_query",
    "unglue",
]
