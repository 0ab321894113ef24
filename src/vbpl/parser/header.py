"""The part above the body: a website's metadata block, the document's own header, the preamble.

Reads: the :class:`~vbpl.parser.lines.Line` list of a normalised text. Writes: a
:class:`HeaderInfo` — where the header and the preamble (Căn cứ …) end, and what they state:
number (số ký hiệu), type, issuer, place and date, title (trích yếu), and the website's fields
(Số hiệu, Ngày ban hành, Ngày có hiệu lực, Loại văn bản, Cơ quan ban hành, Người ký, Lĩnh vực).
Line shapes live in ``src/vbpl/data/header_lines.json``.

>>> from vbpl.parser.lines import split_lines
>>> text = "QUỐC HỘI\\nLuật số: 80/2015/QH13\\nHà Nội, ngày 22 tháng 6 năm 2015\\nLUẬT\\nBAN HÀNH VĂN BẢN\\nCăn cứ Hiến pháp;\\nĐiều 1. Phạm vi"
>>> h = read_header(split_lines(text))
>>> h.fields["number"], h.fields["issued"], h.fields["doc_type"], h.fields["title"], h.body_start
('80/2015/QH13', datetime.date(2015, 6, 22), 'Luật', 'Ban hành văn bản', 6)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from vbpl.data import load_table
from vbpl.lexicon.dates import date_of, first_date
from vbpl.lexicon.doc_types import doc_types, folded_type_names
from vbpl.lexicon.notes import NOTE_OR_OPENING_RE
from vbpl.lexicon.numbers import canonical_number
from vbpl.lexicon.patterns import expand
from vbpl.parser.lines import SLUG_RE, Line
from vbpl.text.fold import fold

#: tokens that always start the body when met in the header zone
_BODY_TOKENS = frozenset(
    {
        "part",
        "chapter",
        "section",
        "subsection",
        "article",
        "roman",
        "upper_alpha",
        "arabic",
        "dotted",
    }
)
_HEADER_SCAN = 150  # lines; headers are short, and the scan must stay bounded
_SEPARATOR_RE = re.compile(r"^[-_=*.…–—\s]+$")
#: where a second body starts inside a flattened issuer line ("BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN")
_SUB_ISSUER_RE = re.compile(
    r"(?<!TỔNG)(?<!CHI)(?<!VĂN)(?<!ỦY)(?<!UỶ)\s(?=(?:TỔNG CỤC|CỤC|VỤ|SỞ|BAN|VĂN PHÒNG|VIỆN|PHÒNG|CHI CỤC)\s+\w)"
)
_SEPARATOR_RUN_RE = re.compile(r"\s*[-*_=]{3,}.*$")
_COMMITTEES = ("tỉnh ủy ", "thành ủy ", "huyện ủy ", "quận ủy ", "thị ủy ", "đảng ủy ")
_PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
_ABBREVIATIONS = frozenset({"UBND", "HĐND", "MTTQ", "TW", "TP.", "TP"})
_NUMBER_TOKEN_RE = re.compile(
    r"(?<![\w/])(\d{1,5}[a-zA-Z]?(?:/\d{4})?(?:[-/][A-ZĐ][A-ZĐa-z0-9&]*)+(?:[-/][A-ZĐ0-9][A-ZĐa-z0-9&]*)*)"
)


@dataclass(slots=True)
class HeaderInfo:
    """What the header zone says, and where it ends.

    ``header_end`` is the index (into the line list) of the first line after the header (0
    when there is none); ``preamble`` the half-open range of preamble line indexes, or
    ``None``; ``body_start`` the first body line. ``fields`` holds Metadata field values
    (``issued``/``effective`` as dates, ``fields`` as a tuple).
    """

    header_end: int = 0
    preamble: tuple[int, int] | None = None
    body_start: int = 0
    fields: dict[str, Any] = field(default_factory=dict)


@cache
def _table() -> dict[str, Any]:
    return load_table("header_lines")


@cache
def _rx() -> dict[str, re.Pattern[str]]:
    t = _table()
    names = sorted(
        (k for k in t["site_fields"]["names"] if not k.startswith("_")), key=len, reverse=True
    )
    return {
        "site_field": re.compile(r"^(" + "|".join(map(re.escape, names)) + r")\s*[:\t ]\s*(\S.*)$"),
        "site_date": re.compile(expand(t["site_date"]["pattern"])),
        "number": re.compile(t["number_line"]["pattern"]),
        "place_date": re.compile(expand(t["place_date"]["pattern"])),
        "enacting": re.compile(t["preamble"]["enacting_pattern"]),
    }


def _is_upper_line(s: str) -> bool:
    """True when a line has letters and none of them lower case (a header or title line)."""
    has_alpha = False
    for c in s:
        if c.islower():
            return False
        has_alpha = has_alpha or c.isalpha()
    return has_alpha


def header_number(raw: str) -> str | None:
    """The number of a header line ("Số: 1500/QĐ- TCHQ."): canonical when the number grammar
    reads it (:func:`vbpl.lexicon.numbers.canonical_number`), else as written without inner
    spaces or trailing punctuation; ``None`` when it does not start with a digit.

    >>> header_number("1500/QĐ- TCHQ."), header_number("...../QĐ")
    ('1500/QĐ-TCHQ', None)
    """
    s = re.sub(r"\s*([-/])\s*", r"\1", raw.strip()).rstrip(".,;:)”\"'")
    s = s.replace("Ð", "Đ")
    if not s or not s[0].isdigit():
        return None
    return canonical_number(s) or s


def sentence_case(s: str) -> str:
    """An all-capitals title as running text: lower case, first letter capital, numbers kept.

    Proper names (issuing bodies, ``Đảng``, ``Nhà nước``, ``Hồ Chí Minh`` …) keep their
    capitals, and so does a roman numeral after a term word (``khóa XIII``, ``Đại hội XIII``);
    the lists are in ``header_lines.json`` (``title_case``).

    >>> sentence_case("CÔNG TÁC KHOA GIÁO NĂM 2024")
    'Công tác khoa giáo năm 2024'
    >>> sentence_case("SỬA ĐỔI NGHỊ ĐỊNH SỐ 171/2016/NĐ-CP CỦA CHÍNH PHỦ")
    'Sửa đổi Nghị định số 171/2016/NĐ-CP của Chính phủ'
    >>> sentence_case("BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII")
    'Ban Chấp hành Trung ương Đảng khóa XIII'
    """
    words = s.split()
    out = [w if any(c.isdigit() for c in w) else w.lower() for w in words]
    text = " ".join(out)
    if " " in text:
        text = _proper_names_re().sub(lambda m: _proper_names()[m.group()], text)
        written = _table()["title_case"]["roman_after"]
        text = _roman_after_re().sub(
            lambda m: f"{written.get(m.group(1).lower(), m.group(1))} {m.group(2).upper()}", text
        )
    return text[:1].upper() + text[1:] if text else text


@cache
def _proper_names() -> dict[str, str]:
    """Lower-cased names that keep their capitals inside a title: issuing bodies, the names of
    ``title_case.proper_names``, and document types when a number follows (nghị định số ->
    Nghị định số)."""
    out = {v.lower(): v for v in _table()["issuers"]["names"].values()}
    out.update({v.lower(): v for v in _table()["title_case"]["proper_names"]})
    out["việt nam"] = "Việt Nam"
    for t in doc_types():
        out[t.name.lower() + " số"] = t.name + " số"
    return out


@cache
def _proper_names_re() -> re.Pattern[str]:
    names = sorted(_proper_names(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


@cache
def _roman_after_re() -> re.Pattern[str]:
    words = sorted(_table()["title_case"]["roman_after"], key=len, reverse=True)
    alternatives = "|".join(map(re.escape, words))
    return re.compile(r"(?<!\w)(" + alternatives + r") ([ivxlc]+)(?!\w)", re.IGNORECASE)


@cache
def _title_lead_res() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(expand(p), re.IGNORECASE) for p in _table()["title_lead"]["patterns"])


def split_title_lead(title: str) -> tuple[str | None, str | None, str]:
    """Split the words that name the issuer or the plenum off the start of a title.

    Returns ``(issuer, term, trích yếu)``; the rules are ``title_lead`` in
    ``header_lines.json``.

    >>> split_title_lead("Của Ban Bí thư về tiếp tục củng cố y tế cơ sở")
    ('Ban Bí thư', None, 'Về tiếp tục củng cố y tế cơ sở')
    >>> split_title_lead("Công tác khoa giáo năm 2024")
    (None, None, 'Công tác khoa giáo năm 2024')
    """
    for rx in _title_lead_res():
        m = rx.match(title)
        if m is None:
            continue
        groups = m.groupdict()
        rest = title[m.end() :].strip()
        return groups.get("issuer"), groups.get("term"), rest[:1].upper() + rest[1:]
    return None, None, title


def issuer_name(upper: str) -> str:
    """An issuing body printed in capitals, as written in running text.

    Known bodies come from ``header_lines.json``; others keep a capital on the first syllable
    of the body's name, of the word after its head word (Bộ, Ban, Tổng cục, Cục, Sở, Vụ, …)
    and after ``và`` / ``-`` inside a ministry's name.

    >>> issuer_name("BỘ TÀI CHÍNH"), issuer_name("BAN TUYÊN GIÁO"), issuer_name("CHÍNH PHỦ")
    ('Bộ Tài chính', 'Ban Tuyên giáo', 'Chính phủ')
    >>> issuer_name("TỈNH ỦY BẮC NINH"), issuer_name("UBND TỈNH QUẢNG NAM")
    ('Tỉnh ủy Bắc Ninh', 'UBND tỉnh Quảng Nam')
    """
    s = " ".join(upper.split()).strip(" -–,.")
    names = _table()["issuers"]["names"]
    if s in names:
        return names[s]
    original = s.split()
    low = s.lower()
    for c in _COMMITTEES:  # Tỉnh ủy Bắc Ninh: a Party committee, then its place
        if low.startswith(c):
            return c.capitalize() + " ".join(w[:1].upper() + w[1:] for w in low[len(c) :].split())
    for pw in _PLACE_WORDS:  # a place name after tỉnh / huyện …: every word capitalised
        i = low.find(pw + " ")
        if i >= 0 and (i == 0 or low[i - 1] == " "):
            head = issuer_name(s[:i]) + " " if i else ""
            place = " ".join(w[:1].upper() + w[1:] for w in low[i + len(pw) + 1 :].split())
            return f"{head}{pw if head else pw.capitalize()} {place}".strip()
    words = low.split()
    if not words:
        return s
    heads = {"bộ", "ban", "cục", "sở", "vụ", "viện", "hội", "tòa", "đảng"}
    out = []
    cap_next = True
    for i, w in enumerate(words):
        if original[i] in _ABBREVIATIONS:
            out.append(original[i])
            cap_next = False
        elif cap_next:
            out.append(w[:1].upper() + w[1:])
            cap_next = False
        else:
            out.append(w)
        if w in ("và", "-", ",") and words[0] == "bộ":
            cap_next = True
        if w in heads and (i == 0 or words[i - 1] in ("-", ",", "và")):
            cap_next = True
        if i == 1 and words[0] in ("tổng", "văn", "ủy", "uỷ") and w in ("cục", "phòng", "ban"):
            cap_next = True
    return " ".join(out)


def _site_field(name: str, value: str, fields: dict[str, Any]) -> None:
    key = _table()["site_fields"]["names"][name]
    value = value.strip()
    if fields.get(key):
        return
    if key in ("issued", "effective"):
        d = first_date(value)
        if d:
            fields[key] = d
    elif key == "fields":
        fields[key] = tuple(x.strip() for x in value.split(",") if x.strip())
    elif key == "number":
        n = header_number(value)
        if n:
            fields[key] = n
    else:
        fields[key] = value


def _site_title(s: str) -> tuple[str, str | None] | None:
    """(type, number) of a website title line such as 'Nghị định 01/2015/NĐ-CP'."""
    for _, name in folded_type_names():
        if s.startswith(name + " ") and len(s) > len(name) + 1:
            m = _NUMBER_TOKEN_RE.search(s, len(name))
            num = header_number(m.group(1)) if m and m.start() <= len(name) + 12 else None
            return name, num
    return None


def _type_at(s: str) -> tuple[str, int] | None:
    """(document type, end offset) when an upper-case line starts with a type name."""
    folded = fold(s).upper()
    for fname, name in folded_type_names():
        if folded.startswith(fname) and (
            len(folded) == len(fname) or not folded[len(fname)].isalnum()
        ):
            return name, len(fname)
    return None


def _motto(s: str) -> int:
    """Offset where the motto part of a line starts, or -1."""
    folded = fold(s).upper()
    best = -1
    for m in _table()["motto"]["folded"]:
        i = folded.find(m)
        if i >= 0 and (best < 0 or i < best):
            best = i
    return best


def _strip_position(title: str) -> str:
    """Cut an enacting authority that a flattened header put after the title."""
    folded = fold(title).upper()
    for pos in (
        "BO TRUONG",
        "THU TUONG",
        "CHU TICH",
        "CHANH AN",
        "VIEN TRUONG",
        "TONG KIEM TOAN",
        "THONG DOC",
    ):
        i = folded.rfind(" " + pos + " ")
        if i > 0 and len(title) - i < 80:
            return title[:i].rstrip()
    for tail in (" CHÍNH PHỦ", " QUỐC HỘI", " ỦY BAN THƯỜNG VỤ QUỐC HỘI"):
        if title.endswith(tail) and len(title) > len(tail) + 10:
            return title[: -len(tail)].rstrip()
    return title


def _preamble_start(s: str) -> bool:
    return s.startswith(tuple(_table()["preamble"]["starts"]))


def _header_continuation(s: str) -> bool:
    return s.startswith(tuple(_table()["header_continuations"]["prefixes"]))


def read_header(lines: list[Line]) -> HeaderInfo:
    """Find where the header and preamble end and read what they state (see module doc)."""
    rx = _rx()
    info = HeaderInfo()
    f = info.fields
    site: dict[str, Any] = {}
    header_last = -1
    issuer_lines: list[str] = []
    seen_motto = seen_number = seen_date = False
    type_idx = -1
    title_parts: list[str] = []
    collecting_title = False
    kinh_gui = False
    vv_title: str | None = None
    site_title_line: tuple[str, str | None] | None = None
    n = min(len(lines), _HEADER_SCAN)
    nonblank = 0
    i = 0
    while i < n:
        ln = lines[i]
        s = ln.text
        nonblank += 1
        if i == 0 and (slug := SLUG_RE.match(s)) is not None:
            s = s[slug.end() :]
        if ln.token in _BODY_TOKENS:
            break
        if ln.token in ("dash", "plus") and not kinh_gui:
            break
        if _preamble_start(s):
            break
        matched = False
        if rx["site_date"].match(s):
            matched = True
        elif (m := rx["site_field"].match(s)) is not None:
            _site_field(m.group(1), m.group(2), site)
            matched = True
        elif (
            nonblank <= _table()["site_title"]["max_line"]
            and not _is_upper_line(s)
            and rx["number"].search(s) is None
            and (st := _site_title(s)) is not None
        ):
            site_title_line = st
            if st[1] or not seen_motto:
                matched = True
        started_title = False
        if not matched:
            if _SEPARATOR_RE.match(s):
                matched = True
            else:
                mpos = _motto(s)
                bare = (
                    NOTE_OR_OPENING_RE.sub(" ", s).strip() if "[" in s else s
                )  # "NGHỊ ĐỊNH [note …]"
                upper = _is_upper_line(bare) or (not bare and (seen_number or seen_date))
                if mpos >= 0:
                    seen_motto = True
                    matched = True
                    before = s[:mpos].strip(" -–*")
                    if before and _is_upper_line(before) and not seen_number:
                        issuer_lines.append(re.split(r"\s-{3,}|\s\*{3,}", before)[0])
                mnum = rx["number"].search(s)
                if mnum is not None:
                    matched = True
                    num = mnum.group("number")
                    after = s[mnum.end() :]
                    if not num and i + 1 < n and lines[i + 1].text[:1].isdigit():
                        num = lines[i + 1].text.split()[0]
                        after = lines[i + 1].text[len(num) :]
                    if num and num[-1].isalpha():
                        more = re.match(r"\s(\d{1,2})(?!\S)", after)
                        if more:  # "73/2006/QH 11": a space typed inside the number
                            num += more.group(1)
                    if num and "number" not in f:
                        c = header_number(num)
                        if c:
                            f["number"] = c
                    seen_number = True
                    low = s.find("V/v")
                    if low > 0:
                        vv_title = s[low + 3 :].strip(" :")
                mdate = rx["place_date"].search(s)
                if mdate is not None and not seen_date:
                    matched = True
                    seen_date = True
                    d = date_of(mdate)
                    if d:
                        f["issued"] = d
                    if mdate.group("place"):
                        words = mdate.group("place").split()
                        while len(words) > 1 and re.fullmatch(r"[A-Z0-9/\-]+", words[0]):
                            words.pop(
                                0
                            )  # the end of a number flattened onto the line ("61-CP Hà Nội")
                        if "ngày" not in words:
                            f["place"] = " ".join(words)
                    rest = s[mdate.end() :].strip()
                    if (
                        rest
                        and (t := _type_at(rest)) is not None
                        and _is_upper_line(rest[: t[1] + 1])
                    ):
                        type_idx = i
                        f["doc_type"] = t[0]
                        title_parts.append(rest[t[1] :].strip(" :"))
                        collecting_title = started_title = True
                    elif rest.startswith("Kính gửi"):
                        kinh_gui = True
                if (
                    not matched
                    and not upper
                    and collecting_title
                    and type_idx == i - 1
                    and len(s) < 300
                ):
                    matched = (
                        True  # a title in running case under the type line (KẾ HOẠCH / Phổ biến …)
                    )
                    title_parts.append(s)
                    started_title = True
                if not matched and upper:
                    matched = True
                    t = (
                        _type_at(bare)
                        if (seen_number or seen_date or seen_motto) and bare
                        else None
                    )
                    if t is not None and type_idx < 0:
                        type_idx = i
                        f["doc_type"] = t[0]
                        rest = bare[t[1] :].strip(" :")
                        if rest:
                            title_parts.append(rest)
                        collecting_title = True
                    elif collecting_title:
                        title_parts.append(bare)
                    elif not seen_motto and not seen_number and bare:
                        issuer_lines.append(bare)
                elif (
                    not matched
                    and (seen_number or seen_date or seen_motto)
                    and _header_continuation(s)
                ):
                    matched = True
                    if s.startswith(("V/v", "(V/v", "Về việc", "(Về việc")) and vv_title is None:
                        vv_title = s.split(" ", 1)[1].strip(" :()") if " " in s else None
                    if s.startswith("Kính gửi"):
                        kinh_gui = True
                elif not matched and kinh_gui and ln.token in ("dash", "plus"):
                    matched = True
                if not upper and not started_title:
                    collecting_title = False
        if not matched:
            break
        header_last = i
        i += 1
    info.header_end = header_last + 1
    # preamble: Căn cứ … lines and the enacting formula
    j = info.header_end
    if j < len(lines) and (_preamble_start(lines[j].text) or rx["enacting"].search(lines[j].text)):
        k = j
        while k < len(lines):
            ln = lines[k]
            s = ln.text
            if ln.token is not None and not ln.quoted:
                break
            prev = lines[k - 1].text if k > j else ""
            if k == j or _preamble_start(s) or rx["enacting"].search(s) or _is_upper_line(s):
                k += 1
                continue
            if prev and prev[-1] not in ".;:" and len(s) < 400 and not rx["enacting"].search(prev):
                k += 1  # a wrapped line of the previous preamble line
                continue
            break
        info.preamble = (j, k)
        info.body_start = k
    else:
        info.body_start = j
    # assemble the fields: the website's block wins over the header
    if issuer_lines:
        names = _table()["issuers"]
        issuer_lines = [
            x for x in (_SEPARATOR_RUN_RE.sub("", " ".join(li.split())) for li in issuer_lines) if x
        ]
    if issuer_lines:
        parts = _SUB_ISSUER_RE.split(issuer_lines[-1])
        if (
            len(parts) > 1
            and parts[-1] not in names["names"]
            and " ".join(parts) not in names["names"]
        ):
            issuer_lines[-1:] = [" ".join(parts[:-1]), parts[-1]]
        last = " ".join(issuer_lines[-1].split())
        name = issuer_name(last)
        if len(issuer_lines) > 1:
            parent = " ".join(issuer_lines[-2].split())
            suffix = names["party_parent"].get(parent)
            if suffix is None and parent.lower().startswith(_COMMITTEES):
                suffix = " " + issuer_name(parent)  # a Party committee: Tỉnh ủy Thái Bình
            if suffix and last.startswith(("BAN ", "VĂN PHÒNG ")):
                name += suffix
        f["issuer"] = name
    title = " ".join(NOTE_OR_OPENING_RE.sub(" ", p) for p in title_parts if p)
    title = " ".join(title.split())
    if title:
        lead_issuer, term, f["title"] = split_title_lead(sentence_case(_strip_position(title)))
        if lead_issuer:  # "CHỈ THỊ CỦA BAN BÍ THƯ": the body that issued it, under its parent
            f["issuer"] = lead_issuer
        if term:
            f["term"] = term
    elif vv_title:
        f["title"] = vv_title[:1].upper() + vv_title[1:]
    if "doc_type" not in f and vv_title:
        f["doc_type"] = "Công văn"
    if site_title_line is not None:
        st_type, st_num = site_title_line
        f.setdefault("doc_type", st_type)
        if st_num:
            f.setdefault("number", st_num)
    f.update({k: v for k, v in site.items() if v})
    return info


__all__ = [
    "HeaderInfo",
    "header_number",
    "issuer_name",
    "read_header",
    "sentence_case",
    "split_title_lead",
]
