"""Find references in text: numbered, relative, named and pinpoint mentions with their parts.

Reads: normalised text (:func:`vbpl.text.normalize.normalize`). Writes: :class:`~vbpl.model.Reference`
objects in text order — spans index that text — plus the relations a text states between two
other documents (:func:`scan`).

One pass with a cheap trigger pattern (a number with ``/`` or ``-`` and a code, a unit word
followed by a label, a type word followed by ``này``, a law's type word followed by a name);
the more expensive patterns (type word before a number, date, issuer, term, title, cue words)
only run in a small window around each trigger, so the cost is linear in the text length.

>>> [(r.kind, r.number, r.doc_type, str(r.date)) for r in find_references(
...     "thực hiện Nghị quyết số 45-NQ/TW, ngày 24/11/2023 của Bộ Chính trị")]
[('full', '45-NQ/TW', 'Nghị quyết', '2023-11-24')]
>>> [(r.kind, r.pinpoint) for r in find_references("theo quy định tại khoản 2 Điều này")]
[('relative', 'khoản 2 Điều này')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from vbpl.errors import InputError
from vbpl.lexicon.dates import DATE_PATTERN, date_of
from vbpl.lexicon.doc_types import doc_type_for_code, doc_types, named_type_names, type_names
from vbpl.lexicon.issuers import issuer_codes
from vbpl.lexicon.names import NAMED_YEAR_RE, named_name
from vbpl.lexicon.numbers import NUMBER_PATTERN, format_number, parse_number
from vbpl.lexicon.numbers import canonical_number as _canonical
from vbpl.lexicon.party import TERM_PATTERN
from vbpl.model import Reference, Relation
from vbpl.refs.mention import Mention, make_reference
from vbpl.refs.pinpoints import UNITS, match_pinpoint
from vbpl.refs.relations import LIST_GAP_RE as _LIST_GAP_RE
from vbpl.refs.relations import type_relations
from vbpl.refs.short_forms import find_short_forms
from vbpl.text.fold import fold
from vbpl.text.normalize import normalize
from vbpl.text.scan import block_matches

#: upper-case letters of Vietnamese (an issuer's name starts with one: Ủy ban, Bộ, Chính phủ)
UPPER = "A-ZĐÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ"
_DATE_PART_RE = re.compile(
    rf"[^\S\n]*,?[^\S\n]*(?:(?:được[^\S\n]+)?ban hành[^\S\n]+)?(?:vào[^\S\n]+)?ngày[^\S\n]+{DATE_PATTERN}"
)
_YEAR_PART_RE = re.compile(r"[^\S\n]+năm[^\S\n]+(?P<year>(?:19|20)\d\d)(?![\d/])")
_TERM_RE = re.compile(rf"[^\S\n]*,?[^\S\n]*\(?[^\S\n]*{TERM_PATTERN}(?:[^\S\n]*\))?")
_TITLE_RE = re.compile(
    r"[^\S\n]*,?[^\S\n]*(?:[Vv]ề[^\S\n]+(?:việc[^\S\n]+)?)?[“\"](?P<title>[^”\"\n]{2,600})[”\"]"
)
_ISSUER_STOP = (
    r"khóa|về|ngày|năm|số|quy định|hướng dẫn|ban hành|có|sửa đổi|bổ sung|thay thế|bãi bỏ|"
    r"đã|thì|được|bị|tại|trong|theo|để|nhằm|là|với|cho|như|đối với|nay|trước|sau|"
    r"thực hiện|triển khai|hết hiệu lực|đính chính"
)
_LATE_DATE_RE = re.compile(
    rf"(?:ban hành[^\S\n]+)?ngày[^\S\n]+{DATE_PATTERN}(?=[^\S\n]+của[^\S\n]+[{UPPER}])"
)
_LATE_CUT_RE = re.compile(rf"có hiệu lực|[(;\[\]]|từ ngày|{NUMBER_PATTERN}")
_PIN_GAP_RE = re.compile(r"\s*,?\s*(?:(?:của|thuộc|tại|trong)\s+)?")


@dataclass(slots=True)
class _Draft:
    """A mention while the finder reads it: span, kind, the parts read so far (fields of
    :class:`Mention`), and ``extra`` (a stated year)."""

    start: int
    end: int
    kind: str
    parts: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    def freeze(self) -> Mention:
        # most mentions state no year: they share one empty dict (64 bytes a mention)
        extra = self.extra or _NO_EXTRA
        return Mention(self.start, self.end, self.kind, extra=extra, **self.parts)


#: the ``extra`` of a frozen mention that has none (never written to: drafts own theirs)
_NO_EXTRA: dict[str, str] = {}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    types = "|".join(re.escape(n) for n in type_names())
    prefixed = [
        f"{re.escape(t.name)}(?=\\s+{re.escape(p)})" for t in doc_types() for p in t.named_prefixes
    ]
    named = "|".join(
        [*(re.escape(n) for n in sorted(named_type_names(), key=len, reverse=True)), *prefixed]
    )
    units = r"[Đđ]iều|ĐIều|[Kk]hoản|[Đđ]iểm|Chương|[Mm]ục|Phần|Phụ lục|Tiểu mục"
    rel_back = re.compile(
        rf"(?<!\w)(?P<w>{types}|{units}|[Vv]ăn bản|[Bb]ộ luật|[Ll]uật|[Cc]hương|[Pp]hần)[^\S\n]$"
    )
    named_re = re.compile(rf"(?:{named})(?!\w)")
    type_re = re.compile(rf"(?<!\w)(?P<type>{types}|[Vv]ăn bản)(?!\w)")
    issuer = re.compile(
        rf"[^\S\n]*,?[^\S\n]*của[^\S\n]+(?P<issuer>[{UPPER}][^,;.()“”\"\n:\[\]]{{0,120}}?)"
        rf"(?=[^\S\n]*(?:[,;.()“”\"\n:\[\]]|$)|[^\S\n]+(?:{_ISSUER_STOP})(?!\w)|[^\S\n]+và[^\S\n]+(?:{types}|[a-zđ]))"
    )
    return rel_back, type_re, issuer, named_re


@cache
def _gap_re() -> re.Pattern[str]:
    return re.compile(
        r"(?P<name>(?:\s+(?!s[ốô](?!\w))[^\s\d;:.,()\[\]“”\"]+){0,10}?)\s*(?:s[ốô](?:\s+hiệu)?\s*:?\s*)?"
    )


def _parts(t: str, pos: int, mention: _Draft, limit: int) -> int:
    """Read date, issuer, term, title and year after ``pos``; returns the new end."""
    issuer_re = _patterns()[2]
    for _ in range(6):
        if pos >= limit:
            break
        if mention.parts.get("date") is None and (m := _DATE_PART_RE.match(t, pos, limit)):
            d = date_of(m)
            if d is not None:
                mention.parts["date"] = d
                pos = m.end()
                continue
        if mention.parts.get("issuer") is None and (m := issuer_re.match(t, pos, limit)):
            mention.parts["issuer"] = m["issuer"].strip()
            pos = m.end()
            continue
        if mention.parts.get("term") is None and (m := _TERM_RE.match(t, pos, limit)):
            mention.parts["term"] = m["term"]
            pos = m.end()
            continue
        if mention.parts.get("title") is None and (m := _TITLE_RE.match(t, pos, limit)):
            mention.parts["title"] = m["title"].strip()
            pos = m.end()
            continue
        if (
            "year" not in mention.extra
            and mention.parts.get("date") is None
            and (m := _YEAR_PART_RE.match(t, pos, limit))
        ):
            mention.extra["year"] = m["year"]
            pos = m.end()
            continue
        break
    return pos


def _late_date(t: str, pos: int, limit: int, mention: _Draft) -> None:
    """Phrases like ``Thông tư số 27/2013/TT-BTTTT Quy định … ngày 31/12/2013 của Bộ …``: an
    unquoted title, then the date of issue and the issuer, on the same line, before the next
    number, a ``;``, a parenthesis or "có hiệu lực"."""
    if mention.parts.get("date") is not None or pos >= len(t) or t[pos : pos + 1] not in (" ", ","):
        return
    end = min(limit, pos + 400)
    nl = t.find("\n", pos, end)
    if nl != -1:
        end = nl
    cut = _LATE_CUT_RE.search(t, pos, end)
    if cut:
        end = cut.start()
    m = _LATE_DATE_RE.search(t, pos, end)
    if m:
        mention.parts["date"] = date_of(m)


#: the date of issue between the type word and "số" ("Quyết định ngày 30/9/2020 số …")
_PRE_DATE_RE = re.compile(rf"[^\S\n]+(?:ban hành[^\S\n]+)?ngày[^\S\n]+{DATE_PATTERN}[^\S\n]*,?")
#: bare sequence numbers listed before the number whose code they share ("số 187, 188-KL/TW")
_SEQ_LIST_RE = re.compile(r"(?<=[\s:])(?:\d{1,6}[^\S\n]*(?:,|và)[^\S\n]*)+$")
_SEQ_RE = re.compile(r"\d{1,6}")
_SO_END_RE = re.compile(r"số[^\S\n]*:?[^\S\n]*$")


@dataclass(frozen=True, slots=True)
class _TypeBefore:
    """What stands before a number: the type word (``None`` for the generic "văn bản"), a
    law's name, a date of issue, and the spans of bare sequence numbers listed before it."""

    start: int
    doc_type: str | None
    name: str
    date: Any = None
    seqs: tuple[tuple[int, int], ...] = ()


def _type_before(t: str, s: int) -> _TypeBefore | None:
    """The type word right before a number at ``s``, with what stands between: a name
    (``Luật Đất đai số …``), a date (``Quyết định ngày 30/9/2020 số …``), listed sequence
    numbers (``các Kết luận số 187, 188-KL/TW``)."""
    type_re = _patterns()[1]
    lo = max(0, s - 140)
    window = t[lo:s]
    found = list(type_re.finditer(window))
    if not found:
        return None
    gap_re = _gap_re()
    stop = len(window)
    seqs: tuple[tuple[int, int], ...] = ()
    lm = _SEQ_LIST_RE.search(window)
    if lm is not None and _SO_END_RE.search(window, 0, lm.start()):
        stop = lm.start()
        seqs = tuple((lo + x.start(), lo + x.end()) for x in _SEQ_RE.finditer(window, stop))
    for m in reversed(found):
        pos, when = m.end(), None
        dm = _PRE_DATE_RE.match(window, pos, stop)
        if dm is not None and (when := date_of(dm)) is not None:
            pos = dm.end()
        g = gap_re.fullmatch(window, pos, stop)
        if g:
            word = m["type"]
            if word == "văn bản" and (named := _named_over(window, found, m, stop)) is not None:
                return _TypeBefore(lo + named[0], named[1], named[2], None, seqs)
            doc_type = None if word.lower() == "văn bản" else word
            return _TypeBefore(lo + m.start(), doc_type, g["name"].strip(), when, seqs)
    return None


def _named_over(
    window: str, found: list[re.Match[str]], generic: re.Match[str], stop: int
) -> tuple[int, str, str] | None:
    """A named document whose name holds the generic "văn bản" right before a number: "Luật
    Ban hành văn bản quy phạm pháp luật số 64/2025/QH15" is a Luật, not a "văn bản";
    (start, type, name) of the type word before it, else ``None``."""
    k = found.index(generic)
    if k == 0:
        return None
    m = found[k - 1]
    word = m["type"]
    if word.lower() == "văn bản" or not window[m.end() : m.end() + 2].strip()[:1].isupper():
        return None  # "Luật Ban hành …": the type's name starts upper-case
    g = _gap_re().fullmatch(window, m.end(), stop)
    return (m.start(), word, g["name"].strip()) if g else None


#: literal trigger words of pinpoints; each trigger kind is found by a fast literal scan
#: (literal, letters allowed just before it, the unit it names): "iều " finds Điều and điều in
#: one literal scan; a trigger counts only where that unit's label follows ("Điều 5", not
#: "điều kiện"), since no pinpoint can start there otherwise
_PIN_WORDS = (
    ("iều ", "Đđ", "article"),
    ("hoản ", "Kk", "clause"),
    ("iểm ", "Đđ", "point"),
    ("Chương ", "", "chapter"),
    ("Mục ", "", "section"),
    ("mục ", "", "section"),
    ("Phần ", "", "part"),
    ("Phụ lục ", "", "appendix"),
    ("Tiểu mục ", "", "subsection"),
)
_NUMBER_RE = re.compile(NUMBER_PATTERN)
_LABEL_START = frozenset("0123456789abcdefghiklmnopqrstuvxyđIVXLCABDEGH")
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐƯabcdefghijklmnopqrstuvwxyzđ0123456789.")


@cache
def _named_literals() -> tuple[str, ...]:
    names = sorted(named_type_names(), key=len, reverse=True)
    names += [f"{t.name} {p}" for t in doc_types() for p in t.named_prefixes]
    return tuple(names)


def _literal_first(word: str, lead: str = "") -> str:
    """A pattern for ``word`` that keeps the literal first (``re`` then scans for it fast):
    after it, look-behinds check the letter before (one of ``lead``) and that no letter or
    digit stands before the whole word (``str.isalnum``: ``\\w`` without ``_``)."""
    w = re.escape(word)
    whole = f"[{lead}]{w}" if lead else w
    return w + (f"(?<={whole})" if lead else "") + rf"(?<![^\W_]{whole})"


#: " này" (this: "Luật này", "khoản 2 Điều này") is found by its "ày": ``re`` scans fast for
#: a literal that starts with a rare letter and slowly for one that starts with a space (over
#: 16 MB of laws: 9.9 ms against 29 ms), so a match starts this many characters after the
#: trigger
_REL_BACK = 2


@cache
def _literal_res() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, trigger kind) rows, each found by a fast literal scan. A pinpoint's unit word
    ("[Đđ]iều ") stands after no letter and before its unit's label ("Điều 5", not "điều
    kiện"); the checks are inside the pattern, so that only real candidates reach Python.
    One literal per pattern: a class of first characters (``[“"]``) makes ``re`` test every
    position (29 ms over 16 MB of laws against 3.5 ms for each literal)."""
    label_start = "".join(sorted(_LABEL_START))
    out: list[tuple[re.Pattern[str], str]] = [
        (
            re.compile(_literal_first(w, lead) + f"(?=[{label_start}])(?={UNITS[unit][1]})"),
            "pin" + lead,
        )
        for w, lead, unit in _PIN_WORDS
    ]
    out.append((re.compile(r"ày(?<= này)(?!\w)"), "rel"))
    out.extend((re.compile(re.escape(q) + r"(?=[Vv]ề\s)"), "quote") for q in '“"')
    out.append((re.compile(r"/"), "slash"))
    out.extend((re.compile(d + "(?=[A-ZĐ])"), "dash") for d in "-\u2013")
    out.extend(
        (re.compile(_literal_first(w) + r"(?!\w)"), "named") for w in sorted(set(_named_literals()))
    )
    return tuple(out)


def _number_start(t: str, p: int, slash: bool) -> int | None:
    """From a ``/`` or ``-`` at ``p``, back to the first digit of the number around it."""
    j = p
    if j and t[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and t[k - 1].isdigit():
        k -= 1
    if k == j and slash:  # 45-NQ/TW: back over "NQ" and the dash
        c = j
        while c > 0 and j - c < 10 and t[c - 1] in _CODE_CHARS and not t[c - 1].isdigit():
            c -= 1
        if 0 < c < j and t[c - 1] == " " and c > 1 and t[c - 2] in "-\u2013":
            c -= 1  # "21- CT/TW", "45 – NQ/TW": a space typed after the dash
        if 0 < c < j and t[c - 1] in "-\u2013":
            j = c - 1
            if j and t[j - 1] == " ":
                j -= 1
            k = j
            while k > 0 and t[k - 1].isdigit():
                k -= 1
    return k if k < j else None


def _triggers(t: str) -> list[tuple[int, str]]:
    """Positions where a reference may start, in text order: the cheap pre-filter."""
    found: list[tuple[int, str]] = []
    n = len(t)
    rows = _literal_res()
    for i, m in block_matches([pat for pat, _ in rows], t):
        kind = rows[i][1]
        if kind.startswith("pin"):
            back = 1 if len(kind) > 3 else 0  # the lead letter before the literal
            p, q = m.start() - back, m.end()
            if not p or t[p - 1] == "\n":  # "Điều 5. Tên điều", "Chương II": a heading
                j = q
                while j < n and t[j].isalnum():
                    j += 1
                if j >= n or t[j] in ".:\n":
                    continue
            if t.endswith("các ", 0, p):
                p -= 4
            elif t.endswith("từ ", 0, p):
                p -= 3
            found.append((p, "pin"))
        elif kind == "rel":
            found.append((m.start() - _REL_BACK, "rel"))
        elif kind == "quote":
            found.append((m.start(), "quote"))
        elif kind == "named":
            nxt = t[m.end() : m.end() + 5]
            if nxt.startswith((" này", " số")) and not nxt[4:5].isalpha():
                continue  # "Luật này" is relative, "Luật số 12/…" numbered: read there
            found.append((m.start(), "named"))
        else:  # a "/" or a dash inside a number
            k = _number_start(t, m.start(), kind == "slash")
            if k is not None:
                found.append((k, "num"))
    found.sort()
    return found


_KEM_THEO_RE = re.compile(
    r"(?:được[^\S\n]+)?(?:ban[^\S\n]+h[àa]nh[^\S\n]+)?kèm[^\S\n]+theo[^\S\n]+$"
)
_ANNEX_GAP_RE = re.compile(r"[^\S\n]+(?:của[^\S\n]+)?[^\[\]\n;.\d]{0,100}?[^\S\n]+")


def _attach_annex(
    t: str, mention: _Draft, pins: dict[int, tuple[int, str]], used: set[int]
) -> None:
    """A pinpoint into an annex issued with a document: ``Mục 3 Phụ lục ban hành kèm theo
    Khoản 7 Điều 1 Quyết định …``, ``Điều 9 của Quy chế … kèm theo Thông tư …``."""
    ms = mention.start
    kt = _KEM_THEO_RE.search(t, max(0, ms - 40), ms)
    if kt is None:
        return
    for k in range(kt.start(), max(kt.start() - 110, -1), -1):
        if k in pins and k not in used:
            if _ANNEX_GAP_RE.fullmatch(t, k, kt.start()) or k == kt.start():
                pstart, ptext = pins[k]
                used.add(k)
                annex = " ".join(t[k : kt.end()].split())
                inner = f" {mention.parts['pinpoint']}" if mention.parts.get("pinpoint") else ""
                mention.parts["pinpoint"] = f"{ptext} {annex}{inner}"
                mention.start = pstart
            return


def scan(text: str) -> tuple[list[Reference], list[Relation]]:
    """References in ``text`` (already normalised) and relations stated between two of them.

    >>> refs, rels = scan("Kế hoạch số 20-KH/TW, ngày 28/11/2023 của Bộ Chính trị về thực hiện "
    ...                   "Nghị quyết số 45-NQ/TW")
    >>> [(r.subject, r.relation, r.object) for r in rels]
    [('20-KH/TW', 'implements', '45-NQ/TW')]
    """
    mentions, relations = scan_mentions(text)
    return [make_reference(text, x) for x in mentions], relations


def _letter_number(np: Any) -> bool:
    """True for the number of a state letter (Công văn): no type code and no year, the
    issuer's code then its unit's ("412/UBND-NC", "1542/BNV-CQĐP"; Nghị định 30/2020/NĐ-CP,
    Phụ lục III), whereas every other state type carries its code ("215/TTr-SXD").

    >>> from vbpl.lexicon.numbers import parse_number
    >>> _letter_number(parse_number("412/UBND-NC")), _letter_number(parse_number("45/TB-VPCP"))
    (True, False)
    """
    return np.shape == "state" and np.type_code is None and np.year is None and len(np.issuers) >= 2


#: a number typed in lower case or with a thousands dot ("57-nq/tw", "15/2022/nđ-cp",
#: "1.234/QĐ-UBND"), read only after "số" or a type word, its codes all known
_LOOSE_NUMBER_RE = re.compile(
    r"(?P<seq>\d{1,3}\.\d{3}|\d{1,6})(?P<rest>(?:[^\S\n]?[/\-\u2013][^\S\n]?(?:19|20)\d\d)?"
    r"(?:[^\S\n]?[/\-\u2013][^\S\n]?[A-Za-zĐđƯưÐ][A-Za-z0-9ĐđƯưÐ]*(?![\w]))+)"
)
_LOOSE_LEAD_RE = re.compile(r"(?<!\w)(?:[Ss][ốô]|[Ss]ố hiệu)[^\S\n]*:?[^\S\n]*$")
_THOUSANDS_RE = re.compile(r"(?<![\w.,])\d{1,3}\.$")


def _loose_number(t: str, s: int) -> tuple[int, int, str] | None:
    """(start, end, canonical number) of a number at ``s`` that the strict pattern refuses:
    typed in lower case (``nghị quyết số 57-nq/tw``, ``Nghị định sô 15/2022/nđ-cp``) or with a
    thousands dot (``Quyết định số 1.234/QĐ-UBND``). Read only right after "số" (or "sô"), with
    a known type code and known issuer codes, so that ``2/km-h`` stays text.

    >>> _loose_number("Quyết định số 1.234/QĐ-UBND", 16)
    (14, 27, '1234/QĐ-UBND')
    >>> _loose_number("nghị quyết số 57-nq/tw của", 14)
    (14, 22, '57-NQ/TW')
    >>> _loose_number("tốc độ số 2/km-h", 10) is None
    True
    """
    th = _THOUSANDS_RE.search(t, max(0, s - 4), s) if s and t[s - 1] == "." else None
    start = th.start() if th else s
    # most numbers the strict pattern refuses are dates ("24/11/2023"): "số" comes first
    if "s" not in t[max(0, start - 10) : start] or not _LOOSE_LEAD_RE.search(
        t, max(0, start - 12), start
    ):
        return None
    m = _LOOSE_NUMBER_RE.match(t, start)
    if m is None:
        return None
    number = _canonical(m["seq"].replace(".", "") + m["rest"])
    p = parse_number(number) if number else None
    if number is None or p is None or p.type_code is None:
        return None
    known = issuer_codes()
    if any(code not in known and code.rstrip("0123456789") not in known for code in p.issuers):
        return None
    return start, m.end(), number


#: a form's number ("theo mẫu số 01/TNDN", "Biểu mẫu số 02/BC-UBND"), not a document's
_FORM_BEFORE_RE = re.compile(r"(?<!\w)(?:[Mm]ẫu|[Bb]iểu)[^\S\n]+(?:số[^\S\n]*)?$")
#: a sentence that opens with the date of issue: "Ngày 21/6/2024, Bộ Chính trị (đã) ban hành "
_OPENING_DATE_RE = re.compile(
    rf"(?:^|(?<=[.;:\n]))[^\S\n]*[Nn]gày[^\S\n]+{DATE_PATTERN}[^\S\n]*,[^\S\n]*"
    rf"[{UPPER}][^,;.\n]{{0,80}}?[^\S\n]+(?:đã[^\S\n]+)?(?:ký[^\S\n]+)?ban hành[^\S\n]+$"
)


@cache
def _slipped_types() -> tuple[re.Pattern[str], dict[str, str]]:
    """Type words folded to ASCII (``quy dinh``), for words typed with a slipped tone mark."""
    names = {fold(n).lower(): n for n in type_names()}
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?P<w>{alt})[ ]+s[o][ ]*:?[ ]*$"), names


def _slipped_type_before(t: str, s: int) -> _TypeBefore | None:
    """A type word typed with a slipped or missing tone mark right before "số" and the number:
    ``Quy đinh số 69-QĐ/TW``, ``Qui định số …``, ``Nghi quyết số …`` (folded, the letters
    must match a type word).

    >>> _slipped_type_before("theo Quy đinh số 69-QĐ/TW", 17).doc_type
    'Quy định'
    """
    lo = max(0, s - 28)
    window = fold(t[lo:s]).lower().replace("qui ", "quy ")
    if len(window) != s - lo:
        return None
    pat, names = _slipped_types()
    m = pat.search(window)
    if m is None:
        return None
    return _TypeBefore(lo + m.start(), names[m["w"]], "")


def _number_mentions(t: str, s: int, mentions: list[_Draft]) -> list[_Draft]:
    """The mention of a number at ``s`` with the type before it and the parts after it —
    preceded by one mention per bare sequence number listed before it with the same code
    (``các Kết luận số 187, 188-KL/TW``: 187-KL/TW, then 188-KL/TW)."""
    m = _NUMBER_RE.match(t, s)
    if m is not None:
        number, num_end = _canonical(m.group()), m.end()
    elif (loose := _loose_number(t, s)) is not None:
        s, num_end, number = loose
    else:
        return []
    if number is None:
        return []
    mention = _Draft(s, num_end, "short", {"number": number})
    listed: list[_Draft] = []
    tb = _type_before(t, s) or _slipped_type_before(t, s)
    if tb is None and _FORM_BEFORE_RE.search(t, max(0, s - 16), s):
        return []  # "tờ khai theo mẫu số 01/TNDN": a form, not a document
    if tb is not None:
        doc_type, name = tb.doc_type, tb.name
        mention.start = tb.start
        if doc_type is None:  # "văn bản số 15000-CV/VPTW": the type its code names
            np0 = parse_number(number)
            doc_type = doc_type_for_code(np0.type_code) if np0 and np0.type_code else None
            if np0 and _letter_number(np0):
                doc_type = "Công văn"  # "văn bản số 412/UBND-NC": a state letter's number
        mention.parts["doc_type"] = doc_type
        if tb.date is not None:
            mention.parts["date"] = tb.date
        mention.kind = "full"
        if name and doc_type in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"):
            mention.parts["title"] = name
        np1 = parse_number(number) if tb.seqs else None
        if np1 is not None:
            for k, (a, b) in enumerate(tb.seqs):
                other = format_number(replace(np1, seq=t[a:b]))
                listed.append(
                    _Draft(
                        tb.start if k == 0 else a,
                        b,
                        "full",
                        {"number": other, "doc_type": doc_type},
                    )
                )
            mention.start = s
    else:
        prev = mentions[-1] if mentions else None
        if prev is not None and prev.parts.get("number") and _LIST_GAP_RE.fullmatch(t, prev.end, s):
            pp, np_ = parse_number(prev.parts["number"]), parse_number(number)
            if pp and np_ and pp.type_code == np_.type_code and prev.parts.get("doc_type"):
                mention.parts["doc_type"] = prev.parts.get("doc_type")
                mention.kind = "full"
        if mention.parts.get("doc_type") is None:
            parts = parse_number(number)
            if parts is not None and parts.type_code:
                mention.parts["doc_type"] = doc_type_for_code(parts.type_code)
    if (
        tb is not None
        and tb.date is None
        and (od := _OPENING_DATE_RE.search(t, max(0, tb.start - 160), tb.start))
    ):
        mention.parts["date"] = date_of(od)  # "Ngày 21/6/2024, Bộ Chính trị ban hành Kết luận số …"
    n = len(t)
    end = _parts(t, num_end, mention, min(n, num_end + 700))
    _late_date(t, end, min(n, end + 400), mention)
    mention.end = end
    when = mention.parts.get("date")
    for x in listed:
        if when is not None and x.parts.get("date") is None:
            x.parts["date"] = when
    if not listed and when is not None and mention.kind == "full":
        _share_date(t, mentions, mention)
    return [*listed, mention]


def _share_date(t: str, mentions: list[_Draft], last: _Draft) -> None:
    """The date after the last number of a bare list of Party numbers (``Nghị quyết số
    18-NQ/TW, 19-NQ/TW ngày 25/10/2017``) dates each number of the list that states none."""
    p = parse_number(last.parts.get("number") or "")
    if p is None or not p.party:
        return
    nxt = last
    for prev in reversed(mentions):
        number = prev.parts.get("number")
        if not number or prev.end > nxt.start or not _LIST_GAP_RE.fullmatch(t, prev.end, nxt.start):
            break
        pp = parse_number(number)
        if pp is None or not pp.party or pp.type_code != p.type_code or prev.parts.get("date"):
            break
        prev.parts["date"] = last.parts.get("date")
        nxt = prev


def _relative_mention(t: str, s: int, last_end: int, rel_back: re.Pattern[str]) -> _Draft | None:
    """``Luật này``, ``Điều này``: a mention of the citing document or of one of its units."""
    rb = rel_back.search(t, max(0, s - 24), s + 1)
    if rb is None or rb.start() < last_end:
        return None
    word = rb["w"]
    mention = _Draft(rb.start(), s + 4, "relative")
    w0 = word[0].upper() + word[1:]
    if w0 in type_names() or w0 == "Bộ luật":
        mention.parts["doc_type"] = w0
    elif w0.lower() != "văn bản":
        mention.parts["unit_relative"] = True
        mention.parts["pinpoint"] = t[rb.start() : s + 4]
    return mention


#: a number right after a name ("Luật Doanh nghiệp số 59/2020/QH14": read at the number)
_NUMBER_NEXT_RE = re.compile(r"\s*(?:số\s*:?\s*)?\d{1,6}\s?[/-]")
#: a year a reference states ("năm 2015", "Bộ luật Dân sự 2015")
_STATED_YEAR_RE = re.compile(r"(?:năm\s+|\s)((?:19|20)\d\d)(?![\d/])")


#: the mark of a law being drafted after its name: "Luật Tổ chức chính quyền địa phương (sửa đổi)"
_DRAFT_MARK_RE = re.compile(r"[^\S\n]*\((sửa đổi(?:, bổ sung)?|dự thảo)\)")
#: the number of a Central Committee plenum after "Trung ương" ("Nghị quyết Trung ương 4")
_PLENUM_NO_RE = re.compile(r"[^\S\n]+(\d{1,2})(?![\w/.,-])")


def _named_mention(t: str, s: int, folded: list[str], named_re: re.Pattern[str]) -> _Draft | None:
    """``Luật Đất đai (năm 2013)``: a document named by its type and name."""
    m = named_re.match(t, s)
    if m is None:
        return None
    dt = m.group().split(" Đại hội")[0]
    nm = named_name(t, s + len(dt), dt)
    if nm is None and dt != "Hiến pháp":
        return None
    name, end = nm if nm is not None else ("", m.end())
    if name.endswith("Trung ương") and (pm := _PLENUM_NO_RE.match(t, end)):
        name, end = f"{name} {pm[1]}", pm.end()  # "Nghị quyết Trung ương 4 khóa XII"
    elif name and (dm := _DRAFT_MARK_RE.match(t, end)):
        name, end = f"{name} ({dm[1]})", dm.end()  # a draft's title: "Luật X (sửa đổi)"
    mention = _Draft(s, end, "named", {"doc_type": dt, "title": name or None})
    y = NAMED_YEAR_RE.match(t, end)
    if y:
        mention.extra["year"] = y["year"]
        end = y.end()
    # "Luật Doanh nghiệp số 59/2020/QH14" is read at the number
    if _NUMBER_NEXT_RE.match(t[end : end + 20]):
        return None
    mention.end = _parts(t, end, mention, min(len(t), end + 500))
    return mention


_QUOTED_TAIL_RE = re.compile(
    rf"(?:[^\S\n]+của[^\S\n]+(?P<issuer>[{UPPER}][^,;.()“”\"\n:]{{1,100}}?))?"
    r"[^\S\n]*,?[^\S\n]*(?:về[^\S\n]+)?$"
)


def _quoted_mention(t: str, q: int, last_end: int) -> _Draft | None:
    """A document named by its type, maybe its issuer, and its quoted title, with no number:
    ``Nghị quyết của Bộ Chính trị “Về tăng cường …”``, ``Chỉ thị của Ban Bí thư "Về …"``
    (the type word nearest the quote)."""
    lo = max(last_end, q - 140, 0)
    title = _TITLE_RE.match(t, q)
    if title is None:
        return None
    for m in reversed(list(_patterns()[1].finditer(t, lo, q))):
        tail = _QUOTED_TAIL_RE.match(t, m.end(), q)
        if tail is None or m["type"].lower() == "văn bản":
            continue
        parts: dict[str, Any] = {"doc_type": m["type"], "title": title["title"].strip()}
        if tail["issuer"]:
            parts["issuer"] = tail["issuer"].strip()
        mention = _Draft(m.start(), title.end(), "named", parts)
        mention.end = _parts(t, title.end(), mention, min(len(t), title.end() + 300))
        return mention
    return None


def find_mentions(t: str) -> tuple[list[_Draft], dict[int, tuple[int, str]]]:
    """Document mentions in reading order, and the pinpoints met (end -> (start, words))."""
    mentions: list[_Draft] = []
    pins: dict[int, tuple[int, str]] = {}
    pin_end = last_end = -1
    folded: list[str] = []
    rel_back, _, _, named_re = _patterns()
    for s, kind in _triggers(t):
        if s < last_end or (kind == "pin" and s < pin_end):
            continue
        if kind == "pin":
            p = match_pinpoint(t, s)
            if p is not None:
                pins[p.end] = (p.start, p.text)
                pin_end = p.end
            continue
        if kind == "num":
            found = _number_mentions(t, s, mentions)
            mentions.extend(found)
            if found:
                last_end = found[-1].end
            continue
        if kind == "rel":
            mention = _relative_mention(t, s, last_end, rel_back)
        elif kind == "quote":
            mention = _quoted_mention(t, s, last_end)
        else:
            mention = _named_mention(t, s, folded, named_re)
        if mention is not None:
            mentions.append(mention)
            last_end = mention.end
    return mentions, pins


_PAREN_OPEN_RE = re.compile(r"[^\S\n]*\([^\S\n]*")
_PAREN_CLOSE_RE = re.compile(r"[^\S\n]*\)")


def _attach_after(
    t: str,
    mention: _Draft,
    pins: dict[int, tuple[int, str]],
    by_start: dict[int, int],
    used: set[int],
) -> None:
    """A pinpoint in parentheses right after the document it names: ``Thông tư số
    36/2019/TT-BGTVT (khoản 2 Điều 5)``."""
    m = _PAREN_OPEN_RE.match(t, mention.end)
    k = by_start.get(m.end()) if m else None
    if k is None or k in used:
        return
    close = _PAREN_CLOSE_RE.match(t, k)
    if close is None:
        return
    used.add(k)
    mention.parts["pinpoint"] = pins[k][1]
    mention.end = close.end()


def attach_pinpoints(
    t: str, mentions: list[_Draft], pins: dict[int, tuple[int, str]]
) -> list[_Draft]:
    """Pinpoints joined to the document mention right after them (``khoản 2 Điều 5 Luật X``)
    or to an annex of it; the others become mentions into the citing document. In order."""
    used: set[int] = set()
    by_start = {pstart: k for k, (pstart, _) in pins.items()} if pins else {}
    for mention in mentions:
        unit_relative = mention.parts.get("unit_relative")
        if by_start and not unit_relative and mention.kind != "relative":
            _attach_after(t, mention, pins, by_start, used)
        for k in range(mention.start, max(mention.start - 12, -1), -1):
            if k in pins and k not in used and _PIN_GAP_RE.fullmatch(t, k, mention.start):
                pstart, ptext = pins[k]
                used.add(k)
                own = mention.parts.get("pinpoint")
                mention.parts["pinpoint"] = f"{ptext} {own}" if unit_relative else ptext
                mention.start = pstart
                break
        if not unit_relative:
            _attach_annex(t, mention, pins, used)
    out = list(mentions)
    for k, (pstart, ptext) in pins.items():
        if k not in used:
            out.append(_Draft(pstart, k, "relative", {"pinpoint": ptext, "unit_relative": True}))
    out.sort(key=lambda x: x.start)
    return out


def add_short_forms(t: str, mentions: list[_Draft]) -> list[_Draft]:
    """``mentions`` with the short forms of their numbers (:mod:`vbpl.refs.short_forms`):
    ``Nghị quyết 45``, ``HD 31``, a name defined by "(sau đây gọi tắt là …)". In order."""
    full = [
        (x.start, x.end, str(x.parts["number"]), x.parts.get("doc_type"))
        for x in mentions
        if x.parts.get("number")
    ]
    shorts = find_short_forms(t, full)
    if not shorts:
        return mentions
    out = mentions + [
        _Draft(f.start, f.end, "short", {"number": f.number, "doc_type": f.doc_type})
        for f in shorts
    ]
    out.sort(key=lambda x: x.start)
    return out


def drop_overlaps(mentions: list[_Draft]) -> list[Mention]:
    """The mentions that do not start inside an earlier one (a pinpoint inside a title, …)."""
    kept: list[Mention] = []
    for x in mentions:
        if kept and x.start < kept[-1].end:
            continue
        kept.append(x.freeze())
    return kept


def scan_mentions(text: str) -> tuple[list[Mention], list[Relation]]:
    """The mentions of :func:`scan` before they become References (for :mod:`annotate`):
    found, pinpoints attached, short forms added, overlaps dropped, relations typed."""
    mentions, pins = find_mentions(text)
    kept = drop_overlaps(add_short_forms(text, attach_pinpoints(text, mentions, pins)))
    return type_relations(text, kept)


def find_references(text: str) -> list[Reference]:
    """Every reference in ``text``; spans index ``normalize(text).text``.

    Never raises on any string input.

    >>> r = find_references("các Nghị định số 15/2022/NĐ-CP và 16/2022/NĐ-CP")
    >>> [(x.number, x.doc_type, x.kind) for x in r]
    [('15/2022/NĐ-CP', 'Nghị định', 'full'), ('16/2022/NĐ-CP', 'Nghị định', 'full')]
    """
    if not isinstance(text, str):
        raise InputError(f"find_references expects text, got {type(text).__name__}")
    return scan(normalize(text).text)[0]


def stated_year(ref: Reference) -> int | None:
    """The year a reference states: its date, the year in its number, or "năm 2015".

    >>> stated_year(find_references("Bộ luật Dân sự năm 2015")[0])
    2015
    """
    if ref.date is not None:
        return ref.date.year
    if ref.number:
        p = parse_number(ref.number)
        if p is not None and p.year:
            return p.year
    m = _STATED_YEAR_RE.search(ref.text[-12:] if ref.kind == "named" else ref.text)
    if m and (ref.kind == "named" or "năm" in ref.text):
        return int(m.group(1))
    return None


def with_relation(ref: Reference, relation: str) -> Reference:
    """A copy of ``ref`` with another relation."""
    return replace(ref, relation=relation)  # type: ignore[arg-type]


__all__ = ["find_references", "scan", "stated_year"]
