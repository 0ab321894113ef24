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
  diacritics and commas) becomes :class:`Pinpoint`;
* a **named law** (``Luật Đất đai 2024``, ``Bộ luật Dân sự``, ``luat dat dai nam 2013``): a
  named type (Hiến pháp, Bộ luật, Luật, Pháp lệnh: ``named`` in ``doc_types.json``) and the
  words after it become :class:`NamedDocument` (the index decides how many of those words
  are the name, against the names it holds), with its year when one follows.

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

from vbpl.data import doc_types, load_table
from vbpl.refs.numbers import canonical_number
from vbpl.search.analysis import find_numbers, number_key, number_parts
from vbpl.search.units import pinpoint_key, slug
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
    """A document number the query names: as typed, its key (None for ``nq 45``), its parts
    (folded, lowercase) and the document type the words around it name, if any."""

    text: str
    key: str | None
    parts: tuple[str, ...]
    doc_type: str | None = None

    @property
    def serial(self) -> str:
        """The first run of digits: the document's sequence number."""
        return next((p for p in self.parts if p.isdigit()), "")


@dataclass(frozen=True, slots=True)
class Pinpoint:
    """A provision the query names: article, clause, point labels as typed (lowercase)
    and where it stands in :attr:`ParsedQuery.text`."""

    article: str
    clause: str | None = None
    point: str | None = None
    span: tuple[int, int] = (0, 0)

    @property
    def key(self) -> str:
        """The pinpoint key sections are indexed under (:func:`vbpl.search.units.pinpoint_key`).

        >>> Pinpoint("5", "2", "đ").key
        'd5_k2_pdd'
        """
        levels = [("article", self.article)]
        if self.clause:
            levels.append(("clause", self.clause))
        if self.point:
            levels.append(("point", self.point))
        return pinpoint_key(levels)

    def __str__(self) -> str:
        parts = [f"điểm {self.point}"] if self.point else []
        if self.clause:
            parts.append(f"khoản {self.clause}")
        parts.append(f"Điều {self.article}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class NamedDocument:
    """A document named by type and name (``Luật Đất đai 2024``): the type, the words that
    follow it (the name, perhaps followed by other query words), the year if typed, and the
    span of the type word and year in :attr:`ParsedQuery.text`."""

    doc_type: str
    words: tuple[str, ...]
    year: int | None = None
    span: tuple[int, int] = (0, 0)


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
    #: the year typed after a number or a name (``Nghị định 13/2023``: 2023)
    doc_year: int | None = None

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
    q.text = " ".join(text.replace('"', " ").split())
    q.pinpoint = find_pinpoint(q.text)
    plain = q.text
    if q.pinpoint is not None:  # "Điều 83 Luật …": 83 is an article, not a number
        start, end = q.pinpoint.span
        plain = plain[:start] + " " * (end - start) + plain[end:]
    q.numbers = _numbers(" ".join([plain, *q.phrases]))
    q.named = find_named(plain)
    if q.named is not None and q.named.year is not None:
        # "Luật Phổ biến, giáo dục pháp luật 2012": 2012 is the law's year, not "Luật 2012"
        year = str(q.named.year)
        q.numbers = [n for n in q.numbers if n.key is not None or n.parts[:1] != (year,)]
    return q


# pinpoints on folded lowercase text (fold keeps lengths: labels are read from the original):
# "điểm a khoản 2 Điều 5" (the usual order) or "Điều 5 khoản 2 điểm a"
_PINPOINT_RE = re.compile(
    r"""(?<![\w])
    (?:
      (?:diem\s+(?P<point>[a-z]{1,2})[\s,]+)?       # điểm a / điểm đ (folded: d)
      (?:khoan\s+(?P<clause>\d{1,3}[a-z]?)[\s,]+)?  # khoản 2
      dieu\s+(?P<article>\d{1,4}[a-z]?)             # Điều 5, Điều 5a
      (?:[\s,]+khoan\s+(?P<clause2>\d{1,3}[a-z]?)   # Điều 5 khoản 2
         (?:[\s,]+diem\s+(?P<point2>[a-z]{1,2}))?)?  # Điều 5 khoản 2 điểm a
    )
    (?![\w/])""",
    re.VERBOSE,
)


def find_pinpoint(text: str) -> Pinpoint | None:
    """The first pinpoint in normalised query text (``None`` when there is none).

    >>> p = find_pinpoint("điểm đ khoản 1, Điều 3 Nghị định 13/2023")
    >>> (p.point, p.clause, p.article, p.key, p.span)
    ('đ', '1', '3', 'd3_k1_pdd', (0, 22))
    >>> find_pinpoint("dieu 12 luat canh tranh").key
    'd12'
    >>> find_pinpoint("Điều 5, khoản 2, điểm đ Luật Đất đai").key
    'd5_k2_pdd'
    >>> find_pinpoint("Điều 45/2013") is None
    True
    """
    low = text.lower()
    m = _PINPOINT_RE.search(fold(low))
    if m is None:
        return None

    def label(name: str) -> str | None:
        return low[m.start(name) : m.end(name)] if m.group(name) else None

    if m.group("clause2") and (m.group("clause") or m.group("point")):
        return Pinpoint(  # "khoản 1 Điều 5 khoản 2": the first reading wins
            article=label("article") or "",
            clause=label("clause"),
            point=label("point"),
            span=(m.start(), m.end("article")),
        )
    return Pinpoint(
        article=label("article") or "",
        clause=label("clause") or label("clause2"),
        point=label("point") or label("point2"),
        span=(m.start(), m.end()),
    )


@cache
def _named_types() -> tuple[tuple[str, str], ...]:
    """(folded lowercase type name, type name) of named types, longest first."""
    names = [(fold(t.name.lower()), t.name) for t in doc_types() if t.named]
    return tuple(sorted(names, key=lambda n: -len(n[0])))


def find_named(text: str) -> NamedDocument | None:
    """A named type and the words after it, in normalised query text.

    >>> n = find_named("Điều 5 Luật Đất đai 2024")
    >>> (n.doc_type, n.words, n.year, n.span)
    ('Luật', ('đất', 'đai'), 2024, (7, 24))
    >>> find_named("bo luat dan su nam 2015 quy dinh").words
    ('dan', 'su', 'nam')
    >>> n = find_named("Luật biển Việt Nam 2012")
    >>> n.words, n.year
    (('biển', 'việt', 'nam'), 2012)
    >>> find_named("Luật số 45/2013/QH13") is None
    True
    """
    low = text.lower()
    folded_low = fold(low)
    for name_folded, name in _named_types():
        for m in re.finditer(rf"(?<!\w){re.escape(name_folded)}(?!\w)", folded_low):
            rest = low[m.end() :]
            words: list[str] = []
            pos = m.end()
            year: int | None = None
            for w in _WORD_RE.finditer(rest):
                token = w.group()
                if fold(token) == "so" and not words:
                    break  # "Luật số 45/2013/QH13": a number, not a name
                if re.fullmatch(r"(?:19|20)\d\d", token) and words:
                    year = int(token)  # "năm" before it stays a word: "Việt Nam" is a name
                    pos = m.end() + w.end()
                    break
                if token.isdigit() or not token.isalpha():
                    break
                words.append(token)
                pos = m.end() + w.end()
            if words:
                # "bộ luật" contains "luật": keep the longest type that starts here
                return NamedDocument(name, tuple(words), year, (m.start(), pos))
    return None


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
    """
    found: list[NumberQuery] = []
    codes = _type_codes()
    for n in find_numbers(text):
        # the type code typed first: "NQ 45/TW"
        m = re.search(r"([^\W\d_]{1,5})\s+" + re.escape(n), text)
        if m and fold(m.group(1).lower()) in codes and canonical_number(f"{m.group(1)} {n}"):
            n = f"{m.group(1)} {n}"
        found.append(NumberQuery(n, number_key(n), tuple(number_parts(n))))
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
        if doc_type is None:
            continue
        code = _code_of(doc_type)
        year = ""
        if i + 1 < len(words):  # "Nghị định 13/2023": the year after a slash
            nxt, at = words[i + 1]
            if re.fullmatch(r"(?:19|20)\d\d", nxt) and text[at - 1 : at] == "/":
                year = nxt
                taken.add(nxt)
        parts = tuple(p for p in (w, year, code) if p)
        typed = f"{doc_type} {w}/{year}" if year else f"{doc_type} {w}"
        found.append(NumberQuery(typed, None, parts, doc_type))
    return found


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
]
