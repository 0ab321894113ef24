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
from datetime import date
from functools import cache

from vbpl.data import doc_type_for_code, doc_types, load_table
from vbpl.model import Reference, Relation, Span
from vbpl.refs.numbers import NUMBER_PATTERN, parse_number
from vbpl.refs.numbers import canonical_number as _canonical
from vbpl.refs.pinpoints import match_pinpoint
from vbpl.refs.relations import cue_after, cue_before, cue_between, cue_between_passive
from vbpl.text.fold import fold
from vbpl.text.normalize import normalize

#: upper-case letters of Vietnamese (an issuer's name starts with one: Ủy ban, Bộ, Chính phủ)
UPPER = "A-ZĐÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ"
_DATE = (
    r"(?P<d>\d{1,2})[^\S\n]*(?:/|-|\.|[^\S\n]+tháng[^\S\n]+)[^\S\n]*(?P<m>\d{1,2})[^\S\n]*(?:/|-|\.|[^\S\n]+năm[^\S\n]+)[^\S\n]*"
    r"(?P<y>(?:19|20)\d\d)(?!\d)"
)
_DATE_PART_RE = re.compile(
    rf"[^\S\n]*,?[^\S\n]*(?:(?:được[^\S\n]+)?ban hành[^\S\n]+)?(?:vào[^\S\n]+)?ngày[^\S\n]+{_DATE}"
)
_YEAR_PART_RE = re.compile(r"[^\S\n]+năm[^\S\n]+(?P<year>(?:19|20)\d\d)(?![\d/])")
_TERM_RE = re.compile(
    r"[^\S\n]*,?[^\S\n]*\(?[^\S\n]*[Kk]hóa[^\S\n]+(?P<term>[IVXLC]{1,6})(?!\w)(?:[^\S\n]*\))?"
)
_TITLE_RE = re.compile(
    r"[^\S\n]*,?[^\S\n]*(?:[Vv]ề[^\S\n]+(?:việc[^\S\n]+)?)?[“\"](?P<title>[^”\"\n]{2,600})[”\"]"
)
_ISSUER_STOP = (
    r"khóa|về|ngày|năm|số|quy định|hướng dẫn|ban hành|có|sửa đổi|bổ sung|thay thế|bãi bỏ|"
    r"đã|thì|được|bị|tại|trong|theo|để|nhằm|là|với|cho|như|đối với|nay|trước|sau"
)
_LATE_DATE_RE = re.compile(
    rf"(?:ban hành[^\S\n]+)?ngày[^\S\n]+{_DATE}(?=[^\S\n]+của[^\S\n]+[{UPPER}])"
)
_LATE_CUT_RE = re.compile(rf"có hiệu lực|[(;\[\]]|từ ngày|{NUMBER_PATTERN}")
_LIST_GAP_RE = re.compile(r"\s*(?:,|;|và|hoặc|,\s*và|,\s*hoặc)\s*(?:các\s+)?(?:số\s+)?")
_PIN_GAP_RE = re.compile(r"\s*,?\s*(?:(?:của|thuộc|tại|trong)\s+)?")
_NAME_WORD_RE = re.compile(r"[^\S\n]+([^\W\d_]+)")
#: more stop words, kept apart for readability: conjunctions and verbs that follow a name
_NAME_STOP_MORE = frozenset(
    [
        "nếu",
        "thuộc",
        "trừ",
        "hay",
        "tức",
        "đang",
        "cũng",
        "chỉ",
        "không",
        "cần",
        "áp",
        "liên",
        "quy_định",
        "ngoài",
        "tương",
    ]
)
_NAMED_YEAR_RE = re.compile(r"\s+(?:năm\s+)?(?P<year>(?:19|20)\d\d)(?![\d/])")
_NOTE_RE = re.compile(r"\[[^\[\]\n]{5,4000}\]")

#: lower-case words that end a law's name ("Luật Đất đai *và* …"); "quy" only before "định"
_NAME_STOP = frozenset(
    [
        "này",
        "số",
        "của",
        "và",
        "thì",
        "được",
        "đã",
        "có",
        "về",
        "tại",
        "theo",
        "để",
        "với",
        "trong",
        "khi",
        "hoặc",
        "nhưng",
        "do",
        "cho",
        "mà",
        "là",
        "ngày",
        "năm",
        "bị",
        "thay",
        "hết",
        "hiện",
        "trước",
        "sau",
        "các",
        "những",
        "như",
        "đến",
        "từ",
        "nêu",
        "mới",
        "nói",
        "trên",
        "đó",
        "ban",
        "sẽ",
        "phải",
        "gồm",
        "kể",
        "tương",
        "cùng",
        "vẫn",
    ]
)
#: first words after "Luật" that are not a name (Luật sư = lawyer, Luật định = by law)
_NAME_NOT_FIRST = frozenset(
    ["sư", "gia", "định", "pháp", "lệ", "học", "này", "số", "sửa", "khác", "chung", "riêng"]
)


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    kind: str
    number: str | None = None
    doc_type: str | None = None
    date: date | None = None
    issuer: str | None = None
    term: str | None = None
    title: str | None = None
    pinpoint: str | None = None
    relation: str = "cites"
    unit_relative: bool = False
    extra: dict[str, str] = field(default_factory=dict)


@cache
def _type_names() -> tuple[str, ...]:
    return tuple(sorted((t.name for t in doc_types()), key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    types = "|".join(re.escape(n) for n in _type_names())
    named_types = [t.name for t in doc_types() if getattr(t, "named", False)]
    prefixed = [
        f"{re.escape(t.name)}(?=\\s+{re.escape(p)})"
        for t in doc_types()
        for p in getattr(t, "named_prefixes", ())
    ]
    named = "|".join(
        [*(re.escape(n) for n in sorted(named_types, key=len, reverse=True)), *prefixed]
    )
    units = r"[Đđ]iều|ĐIều|[Kk]hoản|[Đđ]iểm|Chương|[Mm]ục|Phần|Phụ lục|Tiểu mục"
    rel_back = re.compile(
        rf"(?<!\w)(?P<w>{types}|{units}|[Vv]ăn bản|[Bb]ộ luật|[Ll]uật|[Cc]hương|[Pp]hần)[^\S\n]$"
    )
    named_re = re.compile(rf"(?:{named})(?!\w)")
    type_re = re.compile(rf"(?<!\w)(?P<type>{types})(?!\w)")
    issuer = re.compile(
        rf"[^\S\n]*,?[^\S\n]*của[^\S\n]+(?P<issuer>[{UPPER}][^,;.()“”\"\n:\[\]]{{0,120}}?)"
        rf"(?=[^\S\n]*(?:[,;.()“”\"\n:\[\]]|$)|[^\S\n]+(?:{_ISSUER_STOP})(?!\w)|[^\S\n]+và[^\S\n]+(?:{types}|[a-zđ]))"
    )
    return rel_back, type_re, issuer, named_re


@cache
def _gap_re() -> re.Pattern[str]:
    return re.compile(
        r"(?P<name>(?:\s+(?!số(?!\w))[^\s\d;:.,()\[\]“”\"]+){0,10}?)\s*(?:số(?:\s+hiệu)?\s*:?\s*)?"
    )


@cache
def _known_names() -> dict[str, tuple[tuple[str, str], ...]]:
    """doc type -> (folded lower-case name, name) of well-known documents, longest first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for d in load_table("known_documents")["documents"]:
        name = d.get("name")
        if name:
            out.setdefault(d["doc_type"], []).append((fold(name).lower(), name))
    return {k: tuple(sorted(set(v), key=lambda x: -len(x[0]))) for k, v in out.items()}


def _mk_date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def _parts(t: str, pos: int, mention: _Mention, limit: int) -> int:
    """Read date, issuer, term, title and year after ``pos``; returns the new end."""
    issuer_re = _patterns()[2]
    for _ in range(6):
        if pos >= limit:
            break
        if mention.date is None and (m := _DATE_PART_RE.match(t, pos, limit)):
            d = _mk_date(m)
            if d is not None:
                mention.date = d
                pos = m.end()
                continue
        if mention.issuer is None and (m := issuer_re.match(t, pos, limit)):
            mention.issuer = m["issuer"].strip()
            pos = m.end()
            continue
        if mention.term is None and (m := _TERM_RE.match(t, pos, limit)):
            mention.term = m["term"]
            pos = m.end()
            continue
        if mention.title is None and (m := _TITLE_RE.match(t, pos, limit)):
            mention.title = m["title"].strip()
            pos = m.end()
            continue
        if (
            "year" not in mention.extra
            and mention.date is None
            and (m := _YEAR_PART_RE.match(t, pos, limit))
        ):
            mention.extra["year"] = m["year"]
            pos = m.end()
            continue
        break
    return pos


def _late_date(t: str, pos: int, limit: int, mention: _Mention) -> None:
    """Phrases like ``Thông tư số 27/2013/TT-BTTTT Quy định … ngày 31/12/2013 của Bộ …``: an
    unquoted title, then the date of issue and the issuer, on the same line, before the next
    number, a ``;``, a parenthesis or "có hiệu lực"."""
    if mention.date is not None or pos >= len(t) or t[pos : pos + 1] not in (" ", ","):
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
        mention.date = _mk_date(m)


def _named_name(t: str, pos: int, doc_type: str, folded: list[str]) -> tuple[str, int] | None:
    """The name after a law's type word at ``pos`` (``Đất đai``), from the table of
    well-known documents first, else word by word up to a stop word."""
    known = _known_names().get(doc_type, ())
    if known:
        p = pos + 1 if pos < len(t) and t[pos] == " " else pos
        ft = fold(t[p : p + len(known[0][0]) + 1]).lower()
        for fname, _name in known:
            e = p + len(fname)
            if ft.startswith(fname) and (e >= len(t) or not t[e].isalnum()):
                nxt = _NAME_WORD_RE.match(t, e)
                low = nxt.group(1).lower() if nxt else ""
                ends = (
                    low in _NAME_STOP
                    or low in _NAME_STOP_MORE
                    or (nxt is not None and low == "quy" and t.startswith(" định", nxt.end()))
                )
                if nxt and low[:1].islower() and not ends:
                    break  # a longer name (Luật Quy hoạch *đô thị và nông thôn*): word by word
                return t[p:e], e
    words: list[str] = []
    end = pos
    for m in _NAME_WORD_RE.finditer(t, pos, min(len(t), pos + 160)):
        if m.start() != end:
            break
        w = m.group(1)
        low = w.lower()
        if not words and (low in _NAME_NOT_FIRST or low in _NAME_STOP):
            return None
        if words and w[0].islower():
            if low == "số":  # "Luật X số 12/…" ends the name; "Pháp lệnh Dân số" does not
                if re.match(r"[^\S\n]*:?[^\S\n]*\d", t[m.end() : m.end() + 4]):
                    break
            elif (
                low in _NAME_STOP
                or low in _NAME_STOP_MORE
                or (low == "quy" and t.startswith(" định", m.end()))
            ):
                break
        if len(words) >= 14:
            break
        words.append(w)
        end = m.end()
    if not words or (
        doc_type == "Nghị quyết"
        and words[:2] == ["Đại", "hội"]
        and len(words) > 2
        and words[2] == "đồng"
    ):  # Đại hội đồng cổ đông
        return None
    return t[pos:end].strip(), end


def _type_before(t: str, s: int) -> tuple[int, str, str] | None:
    """The type word (and name between) right before a number at ``s``: (start, type, name)."""
    type_re = _patterns()[1]
    lo = max(0, s - 140)
    window = t[lo:s]
    found = list(type_re.finditer(window))
    gap_re = _gap_re()
    for m in reversed(found):
        g = gap_re.fullmatch(window, m.end())
        if g:
            return lo + m.start(), m["type"], g["name"].strip()
    return None


#: literal trigger words of pinpoints; each trigger kind is found by a fast literal scan
#: (literal, letters allowed just before it): "iều " finds Điều and điều in one literal scan
_PIN_WORDS = (
    ("iều ", "Đđ"),
    ("hoản ", "Kk"),
    ("iểm ", "Đđ"),
    ("Chương ", ""),
    ("Mục ", ""),
    ("mục ", ""),
    ("Phần ", ""),
    ("Phụ lục ", ""),
    ("Tiểu mục ", ""),
)
_NUMBER_RE = re.compile(NUMBER_PATTERN)
_LABEL_START = frozenset("0123456789abcdefghiklmnopqrstuvxyđIVXLCABDEGH")
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐƯabcdefghijklmnopqrstuvwxyzđ0123456789.")


@cache
def _named_literals() -> tuple[str, ...]:
    names = [t.name for t in doc_types() if t.named]
    names += [f"{t.name} {p}" for t in doc_types() for p in t.named_prefixes]
    return tuple(names)


@cache
def _literal_res() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(literal pattern, trigger kind) pairs; kinds starting with "pin" carry the letters
    that must precede the literal ("pinĐđ" for "iều ")."""
    out = [(re.compile(re.escape(w)), "pin" + lead) for w, lead in _PIN_WORDS]
    out.append((re.compile(r" này(?!\w)"), "rel"))
    out.append((re.compile(r"/"), "slash"))
    out.append((re.compile(r"-(?=[A-ZĐ])"), "dash"))
    out.append((re.compile("\u2013(?=[A-ZĐ])"), "dash"))
    out.extend(
        (re.compile(re.escape(w) + r"(?!\w)"), "named") for w in sorted(set(_named_literals()))
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
    for pat, kind in _literal_res():
        for m in pat.finditer(t):
            p = m.start()
            if kind[0] == "p":  # "pin" + the letters allowed before the literal
                q = m.end()
                if len(kind) > 3:
                    if not p or t[p - 1] not in kind[3:]:
                        continue
                    p -= 1
                if (p and t[p - 1].isalnum()) or q >= n or t[q] not in _LABEL_START:
                    continue
                if not p or t[p - 1] == "\n":  # "Điều 5. Tên điều", "Chương II": a heading
                    i = q
                    while i < n and t[i].isalnum():
                        i += 1
                    if i >= n or t[i] in ".:\n":
                        continue
                if t.endswith("các ", 0, p):
                    p -= 4
                elif t.endswith("từ ", 0, p):
                    p -= 3
                found.append((p, "pin"))
            elif kind in ("slash", "dash"):
                k = _number_start(t, p, kind == "slash")
                if k is not None:
                    found.append((k, "num"))
            elif kind == "rel":
                found.append((p, "rel"))
            elif not (p and t[p - 1].isalnum()):
                nxt = t[m.end() : m.end() + 5]
                if nxt.startswith((" này", " số")) and not nxt[4:5].isalpha():
                    continue  # "Luật này" is relative, "Luật số 12/…" numbered: read there
                found.append((p, "named"))
    found.sort()
    return found


_KEM_THEO_RE = re.compile(
    r"(?:được[^\S\n]+)?(?:ban[^\S\n]+h[àa]nh[^\S\n]+)?kèm[^\S\n]+theo[^\S\n]+$"
)
_ANNEX_GAP_RE = re.compile(r"[^\S\n]+(?:của[^\S\n]+)?[^\[\]\n;.\d]{0,100}?[^\S\n]+")


def _attach_annex(
    t: str, mention: _Mention, pins: dict[int, tuple[int, str]], used: set[int]
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
                inner = f" {mention.pinpoint}" if mention.pinpoint else ""
                mention.pinpoint = f"{ptext} {annex}{inner}"
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


def scan_mentions(text: str) -> tuple[list[_Mention], list[Relation]]:
    """The mentions of :func:`scan` before they become References (for :mod:`annotate`)."""
    t = text
    mentions: list[_Mention] = []
    pins: dict[int, tuple[int, str]] = {}  # end -> (start, canonical words)
    pin_end = -1
    folded: list[str] = []
    last_end = -1
    n = len(t)
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
            m = _NUMBER_RE.match(t, s)
            if m is None:
                continue
            number = _canonical(m.group())
            if number is None:
                continue
            mention = _Mention(s, m.end(), "short", number=number)
            tb = _type_before(t, s)
            if tb is not None:
                mention.start, mention.doc_type, name = tb
                mention.kind = "full"
                if name and mention.doc_type in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"):
                    mention.title = name
            else:
                prev = mentions[-1] if mentions else None
                if prev is not None and prev.number and _LIST_GAP_RE.fullmatch(t, prev.end, s):
                    pp, np_ = parse_number(prev.number), parse_number(number)
                    if pp and np_ and pp.type_code == np_.type_code and prev.doc_type:
                        mention.doc_type = prev.doc_type
                        mention.kind = "full"
                if mention.doc_type is None:
                    parts = parse_number(number)
                    if parts is not None and parts.type_code:
                        mention.doc_type = doc_type_for_code(parts.type_code)
            end = _parts(t, m.end(), mention, min(n, m.end() + 700))
            _late_date(t, end, min(n, end + 400), mention)
            mention.end = end
        elif kind == "rel":
            rb = rel_back.search(t, max(0, s - 24), s + 1)
            if rb is None or rb.start() < last_end:
                continue
            word = rb["w"]
            mention = _Mention(rb.start(), s + 4, "relative")
            w0 = word[0].upper() + word[1:]
            if w0 in _type_names() or w0 == "Bộ luật":
                mention.doc_type = w0
            elif w0.lower() == "văn bản":
                pass
            else:
                mention.unit_relative = True
                mention.pinpoint = t[rb.start() : s + 4]
        else:  # named
            m = named_re.match(t, s)
            if m is None:
                continue
            dt = m.group().split(" Đại hội")[0]
            nm = _named_name(t, s + len(dt), dt, folded)
            if nm is None and dt != "Hiến pháp":
                continue
            name, end = nm if nm is not None else ("", m.end())
            mention = _Mention(s, end, "named", doc_type=dt, title=name or None)
            y = _NAMED_YEAR_RE.match(t, end)
            if y:
                mention.extra["year"] = y["year"]
                end = y.end()
            # "Luật Doanh nghiệp số 59/2020/QH14" is read at the number
            nxt = re.match(r"\s*(?:số\s*:?\s*)?\d{1,6}\s?[/-]", t[end : end + 20])
            if nxt:
                continue
            end = _parts(t, end, mention, min(n, end + 500))
            mention.end = end
        mentions.append(mention)
        last_end = mention.end

    # attach pinpoints that stand right before a document mention
    used: set[int] = set()
    for mention in mentions:
        for k in range(mention.start, max(mention.start - 12, -1), -1):
            if k in pins and k not in used and _PIN_GAP_RE.fullmatch(t, k, mention.start):
                pstart, ptext = pins[k]
                used.add(k)
                if mention.unit_relative:
                    mention.pinpoint = f"{ptext} {mention.pinpoint}"
                else:
                    mention.pinpoint = ptext
                mention.start = pstart
                break
        if not mention.unit_relative:
            _attach_annex(t, mention, pins, used)
    for k, (pstart, ptext) in pins.items():
        if k not in used:
            mentions.append(_Mention(pstart, k, "relative", pinpoint=ptext, unit_relative=True))
    mentions.sort(key=lambda x: x.start)
    # drop mentions inside an earlier one (a pinpoint inside a title, …)
    kept: list[_Mention] = []
    for x in mentions:
        if kept and x.start < kept[-1].end:
            continue
        kept.append(x)

    relations: list[Relation] = []
    prev: _Mention | None = None
    for x in kept:
        rel = cue_before(t[max(0, x.start - 120) : x.start])
        between = passive = None
        subject, obj = mention_object(prev), mention_object(x)
        if prev is not None and subject and obj and prev.end <= x.start:
            gap = t[prev.end : x.start]
            if prev.number and x.number:
                between = cue_between(gap)
            if between is None:
                passive = cue_between_passive(gap)
        if between is not None and prev is not None:
            relations.append(
                Relation(prev.number or "", between, x.number or "", Span(prev.start, x.end))  # type: ignore[arg-type]
            )
            rel = prev.relation
        elif passive is not None and prev is not None:
            # "A đã được sửa đổi … theo B": B acts on A; the citing text only cites B
            relations.append(Relation(subject, passive, obj, Span(prev.start, x.end)))  # type: ignore[arg-type]
            rel = "based_on" if prev.relation == "based_on" else "cites"
        elif (
            rel == "cites"
            and prev is not None
            and prev.end <= x.start
            and "\n" not in t[prev.end : x.start]
            and _LIST_GAP_RE.fullmatch(t, prev.end, x.start)
        ):
            rel = prev.relation
        after = cue_after(t, x.end)
        if after is not None and rel == "cites":
            rel = after
        x.relation = rel
        prev = x
    return kept, relations


def mention_object(x: _Mention | Reference | None) -> str | None:
    """How a relation names a mentioned document: its number, else ``"<type> <title>"`` for a
    named mention (``Luật Đất đai``), else ``None``.

    >>> mention_object(_Mention(0, 5, "named", doc_type="Luật", title="Đất đai"))
    'Luật Đất đai'
    """
    if x is None:
        return None
    if x.number:
        return x.number
    if x.kind == "named" and x.title:
        return f"{x.doc_type} {x.title}" if x.doc_type else x.title
    return None


def make_reference(t: str, x: _Mention, **extra: object) -> Reference:
    """The Reference of a mention; ``extra`` sets more fields (section, target, …) at once."""
    fields: dict[str, object] = {
        "text": t[x.start : x.end],
        "span": Span(x.start, x.end),
        "kind": x.kind,
        "number": x.number,
        "doc_type": x.doc_type,
        "date": x.date,
        "issuer": x.issuer,
        "term": x.term,
        "title": x.title,
        "pinpoint": x.pinpoint,
        "relation": x.relation,
    }
    fields.update(extra)
    return Reference(**fields)  # type: ignore[arg-type]


def note_spans(text: str) -> list[Span]:
    """Spans of bracketed editorial notes (``[Khoản này được sửa đổi bởi …]``).

    >>> note_spans("a [Điều này được hướng dẫn bởi Nghị định 1/2020/NĐ-CP] b")
    [Span(start=2, end=54)]
    """
    return [
        Span(m.start(), m.end())
        for m in _NOTE_RE.finditer(text)
        if "bởi" in m.group() or "theo" in m.group()
    ]


def find_references(text: str) -> list[Reference]:
    """Every reference in ``text``; spans index ``normalize(text).text``.

    Never raises on any string input.

    >>> r = find_references("các Nghị định số 15/2022/NĐ-CP và 16/2022/NĐ-CP")
    >>> [(x.number, x.doc_type, x.kind) for x in r]
    [('15/2022/NĐ-CP', 'Nghị định', 'full'), ('16/2022/NĐ-CP', 'Nghị định', 'full')]
    """
    if not isinstance(text, str):
        from vbpl.errors import InputError

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
    m = re.search(
        r"(?:năm\s+|\s)((?:19|20)\d\d)(?![\d/])",
        ref.text[-12:] if ref.kind == "named" else ref.text,
    )
    if m and (ref.kind == "named" or "năm" in ref.text):
        return int(m.group(1))
    return None


def with_relation(ref: Reference, relation: str) -> Reference:
    """A copy of ``ref`` with another relation."""
    return replace(ref, relation=relation)  # type: ignore[arg-type]


__all__ = ["find_references", "note_spans", "scan", "stated_year"]
