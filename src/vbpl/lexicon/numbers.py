"""The grammar of số ký hiệu (document numbers): recognise typed variants, give the canonical form.

Reads: a number as typed (``45/NQ-TW``, ``NQ 45/TW``, ``45-NQ/TƯ``, ``13/2023/NÐ-CP`` with
U+00D0, inner spaces). Writes: the canonical form of ``../shared/DESIGN.md`` (NFC, ``Đ`` never
``Ð``, no inner spaces, ``-`` and ``/`` where the issuer puts them), a lookup key, and the parts.

The shapes, from the tables of :mod:`vbpl.lexicon.doc_types` and :mod:`vbpl.lexicon.issuers`:

* Party (Đảng): ``seq-TYPE/ISSUER`` — ``45-NQ/TW``, ``128-HD/BTGTW``, ``12-CTr/TU``;
* state, normative: ``seq/year/TYPE-ISSUER`` — ``13/2023/NĐ-CP``; laws and resolutions of the
  National Assembly carry no type code: ``57/2020/QH14``;
* state, other: ``seq/TYPE-ISSUER`` — ``1234/QĐ-TTg``; official letters ``19046/BTC-TCHQ``;
* older forms keep their separators: ``18-L/CTN``, ``21-LCT/HĐNN8``.

A Party number typed in the state shape (``45/NQ-TW``) or with the type first (``NQ 45/TW``)
is mapped to the Party shape; ``TƯ`` (Trung ương) becomes ``TW``. Known codes get their
canonical letter case (``TTG`` -> ``TTg``).

>>> canonical_number("45/NQ-TW"), canonical_number("NQ 45/TW"), canonical_number("45-NQ/TƯ")
('45-NQ/TW', '45-NQ/TW', '45-NQ/TW')
>>> canonical_number("13 / 2023 / NÐ - CP"), canonical_number("13/2023/ND-CP")
('13/2023/NĐ-CP', '13/2023/NĐ-CP')
>>> number_key("45-NQ/TW")
'45nqtw'
>>> parse_number("13/2023/NĐ-CP")
NumberParts(seq='13', year=2023, type_code='NĐ', issuers=('CP',), party=False, shape='state')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from vbpl.lexicon.doc_types import doc_types
from vbpl.lexicon.issuers import code_variants, issuer_codes, party_codes
from vbpl.text.fold import fold

#: dashes typed for "-" inside numbers (hyphen, non-breaking hyphen, en dash, minus)
DASHES = "\\-\u2010\u2011\u2012\u2013\u2212"

#: one code segment inside a number: upper-case led, letters and digits, with the lower-case
#: letters of mixed codes (TTg, CTr, ThU); never a word such as "Luật" (its 2nd letter is not a
#: code letter)
CODE = r"[A-ZĐƯÐ][A-ZĐƯÐ0-9]*(?:[a-zđ][A-ZĐƯÐ0-9]*)?(?:\.[A-ZƯ])?"
_SEP = rf"\s?[/{DASHES}]\s?"
#: a number inside running text: digits, then separated parts of which at least one is a code
NUMBER_PATTERN = (
    rf"(?<![\w/{DASHES}.])\d{{1,6}}(?:{_SEP}(?:19|20)\d\d)?"
    rf"(?:{_SEP}{CODE}(?![\w]))+"
)
NUMBER_RE = re.compile(NUMBER_PATTERN)


@dataclass(frozen=True, slots=True)
class NumberParts:
    """The parts of a number: sequence, year (normative documents), type code, issuer codes.

    ``party`` is true when the issuer is a Party body (its numbers restart each term).
    ``shape`` is how the number is written: ``party`` (``seq-TYPE/ISSUER``, also old state
    numbers such as ``18-L/CTN``), ``state`` (``seq/TYPE-ISSUER``, ``seq/year/TYPE-ISSUER``)
    or ``dashed`` (old state numbers with dashes only, ``15-CP``).
    """

    seq: str
    year: int | None
    type_code: str | None
    issuers: tuple[str, ...]
    party: bool
    shape: str = "state"


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str], dict[str, str]]:
    """(type codes by upper form, issuer codes by upper form, party issuer codes, variants)."""
    types: dict[str, str] = {}
    for t in doc_types():
        for c in t.codes:
            types.setdefault(c.upper(), c)
    return types, issuer_codes(), party_codes(), code_variants()


@cache
def _folded_codes() -> dict[str, str]:
    """Known codes typed without Vietnamese letters (``ND`` for ``NĐ``, ``DU`` for ``ĐU``),
    upper case -> the canonical code; a folded form two codes share is left out."""
    types, issuers, _, _ = _tables()
    out: dict[str, str] = {}
    clash: set[str] = set()
    for code in (*types.values(), *issuers.values()):
        key = fold(code).upper()
        if key == code.upper() or key in types or key in issuers:
            continue
        if key in out and out[key] != code:
            clash.add(key)
        out[key] = code
    return {k: v for k, v in out.items() if k not in clash}


def _unfolded(part: str) -> str:
    """A code part as the issuer wrote it: ``ND`` typed for ``NĐ`` becomes ``NĐ``.

    >>> _unfolded("ND"), _unfolded("CP"), _unfolded("TTg"), _unfolded("DU")
    ('NĐ', 'CP', 'TTg', 'ĐU')
    """
    if part.isascii():
        return _folded_codes().get(part.upper(), part)
    return part


_DASH_RE = re.compile(rf"[{DASHES}]")
_SPACE_RE = re.compile(r"\s+")
_LEAD_TYPE_RE = re.compile(r"([A-ZĐa-zđ]{1,6})(\d{1,6})([/-].+)")
_SEQ_PARTS_RE = re.compile(r"(\d{1,6})((?:[/-][^/-]+)+)")
_PART_SEP_RE = re.compile(r"[/-]")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_CODE_PART_RE = re.compile(r"[^\W_][\w.]*")
_NOT_KEY_RE = re.compile(r"[^0-9a-z]")


def _clean(s: str) -> str:
    s = unicodedata.normalize("NFC", s).replace("\u00d0", "Đ").replace("\u00f0", "đ")
    s = _DASH_RE.sub("-", s)
    return _SPACE_RE.sub("", s)


_TERM_RE = re.compile(r"^(?P<base>[^\d]+?)(?P<term>\d+)$")


def _code_case(code: str, known: dict[str, str]) -> str:
    """Canonical letter case of a code (``TTG`` -> ``TTg``), term digits kept (``qh14``)."""
    up = code.upper()
    if up in known:
        return known[up]
    m = _TERM_RE.match(up)
    if m and m["base"] in known:
        return known[m["base"]] + m["term"]
    return code if not code.islower() else up


@lru_cache(maxsize=8192)
def parse_number(s: str) -> NumberParts | None:
    """Split a number into its parts; ``None`` when ``s`` is not a document number.

    >>> parse_number("45/NQ-TW")
    NumberParts(seq='45', year=None, type_code='NQ', issuers=('TW',), party=True, shape='party')
    >>> parse_number("57/2020/QH14").issuers
    ('QH14',)
    >>> parse_number("Điều 5") is None
    True
    """
    if not s:
        return None
    c = _clean(s)
    types, issuers, party_codes, variants = _tables()
    # "NQ 45/TW", "NQ45/TW": the type code first
    m = _LEAD_TYPE_RE.fullmatch(c)
    lead_type = None
    if m and m[1].upper() in types:
        lead_type, c = m[1], m[2] + m[3]
    m = _SEQ_PARTS_RE.fullmatch(c)
    if not m:
        return None
    seq = m[1]
    parts = [p for p in _PART_SEP_RE.split(m[2]) if p]
    year = None
    if parts and _YEAR_RE.fullmatch(parts[0]):
        year = int(parts.pop(0))
    elif parts and parts[0].isdigit():
        return None
    if not parts or any(not _CODE_PART_RE.fullmatch(p) or p.isdigit() for p in parts):
        return None
    codes = [variants.get(p.upper()) or _unfolded(p) for p in parts]
    for code in codes:
        # a mixed-case part must be a known code (TTg, CTr, ThU); "Vi" of "2- Vi phạm" is a word
        if code != code.upper() and code != code.lower():
            up = code.upper()
            base = _TERM_RE.match(up)
            if up not in types and up not in issuers and not (base and base["base"] in issuers):
                return None
    type_code = None
    if lead_type is not None:
        type_code = _code_case(lead_type, types)
    elif codes[0].upper() in types and (len(codes) > 1 or year is None):
        # a type code needs an issuer after it ("NĐ-CP"); "57/2020/QH14" has none
        type_code = _code_case(codes.pop(0), types)
    if not codes and type_code is None:
        return None
    iss = tuple(_code_case(x, issuers) for x in codes)
    first_sep_dash = m[2].startswith("-")
    party = bool(iss) and iss[-1] in party_codes and year is None
    if party or (first_sep_dash and year is None and "/" in m[2]):
        shape = "party"
    elif "/" not in m[2]:
        shape = "dashed"
    else:
        shape = "state"
    return NumberParts(seq, year, type_code, iss, party, shape)


def format_number(p: NumberParts) -> str:
    """The canonical string of number parts (the inverse of :func:`parse_number`).

    >>> format_number(NumberParts("45", None, "NQ", ("TW",), True, "party"))
    '45-NQ/TW'
    """
    if p.shape == "party":
        if p.type_code:
            return f"{p.seq}-{p.type_code}/{'-'.join(p.issuers)}"
        if len(p.issuers) > 1:
            return f"{p.seq}-{p.issuers[0]}/{'-'.join(p.issuers[1:])}"
        return f"{p.seq}/{p.issuers[0]}"
    rest = "-".join(([p.type_code] if p.type_code else []) + list(p.issuers))
    if p.shape == "dashed":
        return "-".join([p.seq, *([str(p.year)] if p.year else []), rest])
    if p.year is not None:
        return f"{p.seq}/{p.year}/{rest}"
    return f"{p.seq}/{rest}"


@lru_cache(maxsize=8192)
def canonical_number(s: str) -> str | None:
    """The canonical form of a number as typed, or ``None`` when it is not a number.

    >>> canonical_number("45-NQ/TƯ")
    '45-NQ/TW'
    >>> canonical_number("1234/QĐ-TTG")
    '1234/QĐ-TTg'
    >>> canonical_number("12/2020/L-CTN"), canonical_number("21-LCT/HĐNN8")
    ('12/2020/L-CTN', '21-LCT/HĐNN8')
    >>> canonical_number("Luật Đất đai") is None
    True
    """
    p = parse_number(s)
    return format_number(p) if p is not None else None


@lru_cache(maxsize=8192)
def number_key(s: str) -> str:
    """A lookup key: canonical number folded to lower-case ASCII letters and digits.

    Numbers that differ only in shape or typing (``45/NQ-TW``, ``45-NQ/TƯ``) share a key.

    >>> number_key("45/NQ-TW"), number_key("13/2023/NÐ-CP")
    ('45nqtw', '132023ndcp')
    """
    c = canonical_number(s) or _clean(s)
    return _NOT_KEY_RE.sub("", fold(c).lower())


def find_numbers(text: str) -> list[tuple[int, int, str]]:
    """Every number in ``text`` as ``(start, end, canonical)``.

    >>> find_numbers("các Nghị định số 15/2022/NĐ-CP và 16/2022/NĐ-CP")
    [(17, 30, '15/2022/NĐ-CP'), (34, 47, '16/2022/NĐ-CP')]
    """
    out = []
    for m in NUMBER_RE.finditer(text):
        c = canonical_number(m.group())
        if c is not None:
            out.append((m.start(), m.end(), c))
    return out


__all__ = [
    "NUMBER_PATTERN",
    "NUMBER_RE",
    "NumberParts",
    "canonical_number",
    "find_numbers",
    "format_number",
    "number_key",
    "parse_number",
]
