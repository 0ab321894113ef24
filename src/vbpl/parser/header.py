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
from datetime import date
from functools import cache
from typing import Any

from vbpl.data import load_table
from vbpl.lexicon.dates import DATE_PATTERN, date_of, first_date
from vbpl.lexicon.doc_types import doc_types, folded_type_names
from vbpl.lexicon.notes import NOTE_OR_OPENING_RE
from vbpl.lexicon.numbers import canonical_number
from vbpl.lexicon.patterns import expand
from vbpl.parser.html_fields import issuer_or_none
from vbpl.parser.lines import SLUG_RE, Line
from vbpl.parser.tail import tail_kind
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
    r"(?<!TỔNG)(?<!CHI)(?<!VĂN)(?<!ỦY)(?<!UỶ)(?<!THƯỜNG)\s(?=(?:TỔNG CỤC|CỤC|VỤ|SỞ|BAN|VĂN PHÒNG|VIỆN|PHÒNG|CHI CỤC)\s+\w)"
)
_SEPARATOR_RUN_RE = re.compile(r"\s*[-*_=]{3,}.*$")
_COMMITTEES = (
    "tỉnh ủy ",
    "thành ủy ",
    "huyện ủy ",
    "quận ủy ",
    "thị ủy ",
    "đảng ủy ",
    "đảng đoàn ",
    "ban cán sự đảng ",
    "đảng bộ ",
)
#: a village, hamlet or quarter a Party cell is named after (Chi bộ thôn Bãi Sậy, ấp Tân An)
_HAMLET_WORDS = ("tổ dân phố", "khu phố", "thôn", "ấp", "xóm", "buôn", "bản", "làng")
_ROMAN_RE = re.compile(r"^[IVXLC]+$")
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
        "news_lead": re.compile(t["news_lead"]["pattern"]),
        "site_meta": re.compile(t["site_meta"]["pattern"]),
        "number": re.compile(t["number_line"]["pattern"]),
        "bare_number": re.compile(t["number_line"]["bare_pattern"]),
        "inline_number": re.compile(t["number_line"]["inline_pattern"]),
        "blank_number": re.compile(t["number_line"]["blank_pattern"]),
        "blank_date": re.compile(t["place_date"]["blank_pattern"]),
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
        text = _party_common_re().sub(lambda m: m.group().lower(), text)
    return text[:1].upper() + text[1:] if text else text


@cache
def _party_common_re() -> re.Pattern[str]:
    """ "Đảng" as a common noun (đảng viên, tổ chức đảng), lower case again in a title."""
    t = _table()["title_case"]["party_common"]
    before = "|".join(map(re.escape, t["before"]))
    after = "|".join(f"(?<={re.escape(w)} )" for w in t["after"])
    return re.compile(rf"\bĐảng(?= (?:{before})\b)|(?:{after})Đảng\b")


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


def _committee_rest(upper: str) -> str:
    """What follows a Party committee word: a body (Đảng ủy *Bộ Tư pháp*, Đảng đoàn *Quốc
    hội*), a bloc (Đảng ủy *Khối các cơ quan tỉnh*) or a place (Tỉnh ủy *Bắc Ninh*)."""
    rest = upper.strip()
    words = rest.lower().split()
    if not words:
        return ""
    if rest in _table()["issuers"]["names"] or words[0] in _table()["issuer_heads"]["words"]:
        return issuer_name(rest)
    if words[0] == "khối":
        return " ".join(["Khối", *words[1:]])
    if rest.endswith("TRUNG ƯƠNG"):  # a central body (Quân sự Trung ương), not a place
        return " ".join([words[0].capitalize(), *words[1:]])
    for pw in (*_PLACE_WORDS, *_HAMLET_WORDS):  # Thành ủy Thành phố Hồ Chí Minh: the place
        if " ".join(words).startswith(pw + " "):  # word, then the name
            name = words[len(pw.split()) :]
            head = pw.capitalize() if pw == "thành phố" else pw  # Đảng ủy xã Thanh Đồng
            return " ".join([head, *(_name_word(w.upper()) for w in name)])
    return " ".join(_name_word(w) for w in rest.split())


_VOWELS = frozenset("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def _name_word(upper: str) -> str:
    """A word of a name printed in capitals, cased: an initialism (no vowel, which no
    Vietnamese syllable lacks: THPT, THCS, TNHH) stays in capitals.

    >>> _name_word("THANH"), _name_word("THPT"), _name_word("TNHH")
    ('Thanh', 'THPT', 'TNHH')
    """
    low = upper.lower()
    if len(upper) > 1 and upper.isupper() and not _VOWELS.intersection(low):
        return upper
    return low[:1].upper() + low[1:]


@cache
def _abbreviations_re() -> re.Pattern[str]:
    keys = [k for k in _table()["issuers"]["abbreviations"] if not k.startswith("_")]
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, keys)) + r")(?!\w)")


@cache
def _written_words_re() -> re.Pattern[str]:
    keys = sorted(
        (k for k in _table()["issuers"]["written_words"] if not k.startswith("_")), key=len
    )
    alternatives = "|".join(map(re.escape, reversed(keys)))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)


def issuer_name(upper: str) -> str:
    """An issuing body printed in capitals, as written in running text.

    Short head words are expanded first (``abbreviations`` in ``header_lines.json``: UBKT,
    BTV …), and words of ``written_words`` keep their capitals (Trung ương) however the rest
    is cased; the rest is :func:`_cased_issuer`.

    >>> issuer_name("UBKT TRUNG ƯƠNG"), issuer_name("ĐẢNG ỦY QUÂN SỰ TRUNG ƯƠNG")
    ('Ủy ban Kiểm tra Trung ương', 'Đảng ủy Quân sự Trung ương')
    """
    table = _table()["issuers"]
    s = " ".join(upper.split()).strip(" -–,.")
    s = _abbreviations_re().sub(lambda m: table["abbreviations"][m.group()], s)
    written = table["written_words"]
    return _written_words_re().sub(lambda m: written[m.group().lower()], _cased_issuer(s))


def _cased_issuer(upper: str) -> str:
    """An issuing body printed in capitals, cased by the rules of :func:`issuer_name`.

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
    for lead in ("ban thường vụ ", "thường vụ "):  # the standing board of a committee
        if low.startswith(lead) and (low[len(lead) :] + " ").startswith(_COMMITTEES):
            return lead.title().replace("Vụ", "vụ") + _cased_issuer(s[len(lead) :])
    if low.startswith("chi bộ ") and (low[7:] + " ").startswith(
        tuple(w + " " for w in _HAMLET_WORDS)
    ):
        return "Chi bộ " + _committee_rest(s[7:])  # Chi bộ thôn Bãi Sậy: a hamlet's cell
    for c in _COMMITTEES:  # Tỉnh ủy Bắc Ninh: a Party committee, then its place or its body
        if (low + " ").startswith(c):
            return (c.capitalize() + _committee_rest(s[len(c) :])).strip()
    for pw in _PLACE_WORDS:  # a place name after tỉnh / huyện …: every word capitalised
        i = low.find(pw + " ")
        if pw == "xã" and low[i : i + 6] == "xã hội":  # Thương binh và Xã hội: society
            i = low.find(pw + " ", low.find("xã hội") + 6)
        if i < 0 and low.endswith(" " + pw):  # "ỦY BAN NHÂN DÂN TỈNH": the level, no name
            return f"{issuer_name(s[: -len(pw)])} {pw}"
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
        if original[i] in _ABBREVIATIONS or (
            _ROMAN_RE.match(original[i]) and i and words[i - 1] in ("thứ", "khóa", "khoá")
        ):
            out.append(original[i])
            cap_next = False
        elif i == 1 and words[0] == "hội" and w == "đồng":
            out.append(w)  # Hội đồng Lý luận: "hội đồng" is the head word, its name follows
            cap_next = words[2:4] != ["nhân", "dân"]
            continue
        elif cap_next:
            out.append(w[:1].upper() + w[1:])
            cap_next = False
        else:
            out.append(w)
        if w in ("và", "-", ",") and words[0] in ("bộ", "ban", "sở"):  # Sở … và Môi trường
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
    elif key == "issuer":
        if (issuer := issuer_or_none(value)) is not None:
            fields[key] = issuer  # "Nơi ban hành: Tỉnh Bình Định" names a place, not a body
    else:
        fields[key] = value


@cache
def _statement_re() -> re.Pattern[str]:
    return re.compile(
        rf"^\s*,?\s*(?:ngày\s*(?:{DATE_PATTERN}))?,?\s*(?:của\s+(?P<issuer>.+?))?"
        r"\s*(?P<title>\b(?:về|v/v)\s.+)?$",
        re.IGNORECASE,
    )


def statement(s: str) -> dict[str, Any]:
    """What a sentence naming the document states (a news copy's title line): date, issuer,
    title after its number.

    >>> statement(" ngày 11/01/2024 của Bộ Chính trị về tiếp tục thực hiện Nghị quyết")
    {'issued': datetime.date(2024, 1, 11), 'issuer': 'Bộ Chính trị', 'title': 'Về tiếp tục thực hiện Nghị quyết'}
    """
    m = _statement_re().match(s)
    out: dict[str, Any] = {}
    if m is None:
        return out
    if m.group("y"):
        out["issued"] = date_of(m)
    if m.group("issuer") and len(m.group("issuer")) < 80:
        out["issuer"] = m.group("issuer").strip(" ,")
    if m.group("title"):
        t = m.group("title").strip()
        out["title"] = t[:1].upper() + t[1:]
    return out


def _site_title(s: str) -> tuple[str, str | None] | None:
    """(type, number) of a website title line such as 'Nghị định 01/2015/NĐ-CP'."""
    low = s.lower()
    for _, name in folded_type_names():
        if (
            low.startswith(name.lower() + " ")
            and len(s) > len(name) + 1
            and not _is_upper_line(s[: len(name)])  # "Công Văn Số …", not the type line
        ):
            m = _NUMBER_TOKEN_RE.search(s, len(name))
            num = header_number(m.group(1)) if m and m.start() <= len(name) + 12 else None
            return name, num
    return None


@cache
def _type_line_names() -> tuple[tuple[str, str], ...]:
    """(folded words, type) of every type line: the types, and the longer words printed as the
    type of one of them (``type_line_words``: CHƯƠNG TRÌNH HÀNH ĐỘNG is a Chương trình), longest
    first."""
    extra = [(fold(k).upper(), v) for k, v in _table()["type_line_words"].items() if k[:1] != "_"]
    return tuple(sorted([*extra, *folded_type_names()], key=lambda x: len(x[0]), reverse=True))


def _type_at(s: str) -> tuple[str, int] | None:
    """(document type, end offset) when an upper-case line starts with a type name."""
    folded = fold(s).upper()
    for fname, name in _type_line_names():
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


@cache
def _motto_splits() -> tuple[tuple[str, str], ...]:
    """Every way a motto breaks over two lines (a PDF's narrow column): (head, rest), folded,
    the head at least two words ("DANG CONG SAN" / "VIET NAM")."""
    out: list[tuple[str, str]] = []
    for m in _table()["motto"]["folded"]:
        words = m.split()
        out.extend((" ".join(words[:k]), " ".join(words[k:])) for k in range(2, len(words)))
    return tuple(sorted(out, key=lambda hr: len(hr[0]), reverse=True))


def _split_motto(lines: list[Line], i: int) -> int:
    """Offset where a motto broken over lines ``i`` and ``i + 1`` starts on line ``i``
    ("TỈNH ỦY THÁI BÌNH ĐẢNG CỘNG SẢN" / "VIỆT NAM"), 0 when line ``i`` is the rest of one
    begun on the line above, else -1.

    >>> from vbpl.parser.lines import split_lines
    >>> ls = split_lines("TỈNH ỦY THÁI BÌNH ĐẢNG CỘNG SẢN\\nVIỆT NAM\\n*")
    >>> _split_motto(ls, 0), _split_motto(ls, 1), _split_motto(ls, 2)
    (18, 0, -1)
    """
    here = fold(lines[i].text).upper().rstrip()
    nxt = fold(lines[i + 1].text).upper().strip() if i + 1 < len(lines) else ""
    prev = fold(lines[i - 1].text).upper().rstrip() if i > 0 else ""
    for head, rest in _motto_splits():
        begins = here.endswith(head) and _word_start(here, len(here) - len(head))
        if begins and (nxt == rest or nxt.startswith(rest + " ")):
            return len(here) - len(head)
        if (here.strip() == rest or here.lstrip().startswith(rest + " ")) and (
            prev.endswith(head) and _word_start(prev, len(prev) - len(head))
        ):
            return len(lines[i].text) - len(lines[i].text.lstrip())
    return -1


def _word_start(s: str, k: int) -> bool:
    return k == 0 or (k > 0 and not s[k - 1].isalnum())


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
        after = title[i + len(pos) + 2 :].strip()
        if i > 0 and len(title) - i < 80 and _starts_body(after):  # not CHỦ TỊCH HỒ CHÍ MINH
            return title[:i].rstrip()
    for tail in (" CHÍNH PHỦ", " QUỐC HỘI", " ỦY BAN THƯỜNG VỤ QUỐC HỘI"):
        if title.endswith(tail) and len(title) > len(tail) + 10:
            return title[: -len(tail)].rstrip()
    return title


def is_preamble_line(s: str) -> bool:
    """A line that opens a preamble entry: "Căn cứ …", "Xét đề nghị …", also written as a
    dash item ("- Căn cứ Quy định số 294-QĐ/TW …;", the Party layout).

    >>> is_preamble_line("- Căn cứ Điều lệ Đảng;"), is_preamble_line("- Thực hiện tốt công tác")
    (True, False)
    """
    if s[:1] in "-–+" and len(s) > 2:
        return s[1:].lstrip().startswith(tuple(_table()["preamble"]["dash_starts"]))
    return s.startswith(tuple(_table()["preamble"]["starts"]))


def _header_continuation(s: str) -> bool:
    return s.startswith(tuple(_table()["header_continuations"]["prefixes"]))


@dataclass(frozen=True, slots=True)
class HeaderLine:
    """One header line, classified: its index, its classes, and what it states.

    ``kinds`` holds the line's classes, several when a flattened header put them on one line
    ("BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI …" is ``issuer`` and ``motto``): ``site_date``,
    ``site_field``, ``site_title`` (a website's block), ``separator``, ``motto`` (quốc hiệu,
    tiêu ngữ, the Party's motto), ``number`` (Số: …), ``place_date``, ``type`` (the type
    word, LUẬT, NGHỊ QUYẾT), ``title`` (a line of the trích yếu), ``issuer`` (a line of the
    issuing body), ``continuation`` (V/v …, Kính gửi …) and ``recipient`` (a "- " line under
    Kính gửi). ``end`` marks the line after the header when it still says something (a
    website's page title). ``said`` holds what a sentence naming the document states (a
    news copy's first line: date, issuer, title after the number). A new class is one more check in :func:`classify_header_line` and, when it
    states something, one more field here read by :func:`_apply`.
    """

    index: int
    kinds: frozenset[str]
    site_field: tuple[str, str] | None = None
    site_title: tuple[str, str | None] | None = None
    issuer: str | None = None
    number: str | None = None
    vv_title: str | None = None
    vv_more: str | None = None  # a line of the V/v subject wrapped under it
    issued: date | None = None
    place: str | None = None
    doc_type: str | None = None
    title: str | None = None
    kinh_gui: bool = False
    starts_title: bool = False
    ends_title: bool = False
    said: dict[str, Any] | None = None  # what a sentence naming the document states of it
    motto_body: str | None = None  # the organisation a motto names (ĐOÀN TNCS HỒ CHÍ MINH)


@dataclass(slots=True)
class _HeaderState:
    """What the lines above have stated, as the classification of the next line needs it."""

    fields: dict[str, Any] = field(default_factory=dict)
    site: dict[str, Any] = field(default_factory=dict)
    issuer_lines: list[str] = field(default_factory=list)
    title_parts: list[str] = field(default_factory=list)
    seen_motto: bool = False
    seen_number: bool = False
    seen_date: bool = False
    type_idx: int = -1
    collecting_title: bool = False
    kinh_gui: bool = False
    vv_title: str | None = None
    vv_first: int = -1  # index of the V/v line
    vv_last: int = -1  # index of the last line of the V/v subject
    site_title_line: tuple[str, str | None] | None = None
    last_title: int = -1  # index of the last type or title line
    last_issuer: int = -1  # index of the last issuer line
    statement: dict[str, Any] = field(default_factory=dict)
    motto_body: str | None = None  # the organisation the motto names, when it names one


def _site_line(s: str, i: int, st: _HeaderState) -> tuple[HeaderLine | None, Any]:
    """A line of a website's block (crawl date, labelled field, page title), as a classified
    line when it is one; else ``(None, site title seen on the line or None)``."""
    rx = _rx()
    if rx["site_date"].match(s) or (not st.seen_number and rx["site_meta"].match(s)):
        return HeaderLine(i, frozenset({"site_date"})), None
    if (
        i < _table()["news_lead"]["max_line"]
        and not (st.seen_number or st.seen_motto)
        and (lead := news_lead(s)) is not None
    ):
        return HeaderLine(i, frozenset({"news_lead"}), site_title=lead[0], said=lead[1]), None
    if (m := rx["site_field"].match(s)) is not None:
        return HeaderLine(i, frozenset({"site_field"}), site_field=(m.group(1), m.group(2))), None
    if (
        i + 1 <= _table()["site_title"]["max_line"]
        and not _is_upper_line(s)
        and rx["number"].search(s) is None
        and (title := _site_title(s)) is not None
    ):
        if title[1] or not st.seen_motto:
            said = None
            if title[1]:  # "Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về …"
                m = _NUMBER_TOKEN_RE.search(s, len(title[0]))
                said = statement(s[m.end() :]) if m else None
            return HeaderLine(i, frozenset({"site_title"}), site_title=title, said=said), None
        return None, title
    return None, None


def news_lead(s: str) -> tuple[tuple[str, str], dict[str, Any]] | None:
    """((type, number), what else it states) of a news copy's lead sentence naming the
    document it carries (``news_lead`` in ``header_lines.json``), or ``None``.

    >>> news_lead("Thay mặt Bộ Chính trị, đồng chí A đã ký ban hành Kết luận số 12-KL/TW ngày 2/1/2025 về X.")
    (('Kết luận', '12-KL/TW'), {'issued': datetime.date(2025, 1, 2), 'title': 'Về X', 'issuer': 'Bộ Chính trị'})
    """
    m = _rx()["news_lead"].search(s)
    if m is None:
        return None
    rest = s[m.end() :]
    title = _site_title(rest.replace(" số ", " ", 1))
    if title is None or title[1] is None:
        return None
    number = _NUMBER_TOKEN_RE.search(rest)
    said = statement(rest[number.end() :].rstrip(" .")) if number else {}
    if m.group("issuer"):
        said.setdefault("issuer", m.group("issuer").strip())
    return (title[0], title[1]), said


#: the rest of a number broken after its hyphen, alone on the next line ("CV/VPTU")
_CODE_REST_RE = re.compile(r"^[A-ZĐ][A-ZĐa-z0-9&]*(?:[-/][A-ZĐ0-9][A-ZĐa-z0-9&]*)+$")


def _number_of(lines: list[Line], i: int, m: re.Match[str]) -> str | None:
    """The number of a "Số:" line (or of the next line when the number wrapped)."""
    s = lines[i].text
    num = m.group("number")
    after = s[m.end() :]
    d = _rx()["place_date"].search(s) if num else None
    if d is not None and d.group("place") and m.start("number") < d.start("place") < m.end():
        cut = d.start("place")  # "1250- Sơn La, ngày …": the place is no part of the number
        for w in d.group("place").split():  # "28-CT/TU Hải Phòng": TU ends the number
            at = s.index(w, cut)
            if not (_number_tail(w) or s[at - 1] in "-/"):
                break
            cut = at + len(w)
        num, after = s[m.start("number") : cut].strip(), ""
    if num and s[m.end("number") :].strip() in ("-", "/"):
        num += s[m.end("number") :].strip()  # "Số: 45/" at the end of its line
    nxt = lines[i + 1].text.strip() if i + 1 < min(len(lines), _HEADER_SCAN) else ""
    if not num and nxt[:1].isdigit():
        num = nxt.split()[0]
        after = nxt[len(num) :]
    elif num and num[-1] in "-/" and _CODE_REST_RE.match(nxt):
        num += nxt  # "Số 1250-" / "CV/VPTU": the number broken after its hyphen
    if num and num[-1].isalpha():
        more = re.match(r"\s(\d{1,2})(?!\S)", after)
        if more:  # "73/2006/QH 11": a space typed inside the number
            num += more.group(1)
    return header_number(num) if num else None


def _number_tail(word: str) -> bool:
    """Whether a word before a place is the end of a number ("ĐĐQH15", "VPTW", "61-CP"), not
    a word of the place ("TP.", "Hà")."""
    if word in _ABBREVIATIONS:
        return False
    return (word.isupper() and "." not in word) or bool(re.fullmatch(r"[\w/\-]*\d[\w/\-]*", word))


def _place_date(s: str, m: re.Match[str], out: dict[str, Any]) -> None:
    """Date, place and what follows them ("… năm 2023 NGHỊ QUYẾT …") on a place-date line."""
    out["issued"] = date_of(m)
    if m.group("place"):
        words = m.group("place").split()
        if len(words) > 1 and s[m.start("place") - 1 : m.start("place")] in ("-", "/"):
            words.pop(0)  # "19/CT-UBND Thành phố Hồ Chí Minh": the number's last code
        while len(words) > 1 and _number_tail(words[0]):
            words.pop(0)  # the end of a number flattened onto the line ("61-CP Hà Nội")
        if "ngày" not in words:
            out["place"] = " ".join(words)
    rest = s[m.end() :].strip()
    if rest and (t := _type_at(rest)) is not None and _is_upper_line(rest[: t[1] + 1]):
        out.update(doc_type=t[0], title=rest[t[1] :].strip(" :"), starts_title=True)
        out["kinds"].update({"type", "title"})
    elif rest.startswith("Kính gửi"):
        out["kinh_gui"] = True


def _issuer_before_place(s: str, out: dict[str, Any], st: _HeaderState, i: int) -> None:
    """The left column's body printed on the place-date line ("BAN NỘI CHÍNH Hà Nội, ngày
    …", "TỈNH QUẢNG TRỊ Quảng Trị, ngày …" under ỦY BAN NHÂN DÂN, maybe with the number
    between them): an issuer line too."""
    before = s[: s.find(out["place"])].strip(" *-–")
    num = _rx()["number"].search(before) or _rx()["inline_number"].search(before)
    if num is not None and num.start() > 0:
        # "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH BÌNH ĐỊNH   Số: 215/TB-STNMT   Bình Định, ngày …":
        # the body, the number and the place-date of a merged row
        before = before[: num.start()].strip(" *-–")
    if before and _is_upper_line(before) and (_starts_body(before) or 0 <= st.last_issuer == i - 1):
        out["kinds"].add("issuer")
        out["issuer"] = before


def _stated(lines: list[Line], i: int, s: str, st: _HeaderState, out: dict[str, Any]) -> None:
    """Motto, number and place-date found on line ``i`` (several may share it)."""
    rx = _rx()
    kinds = out["kinds"]
    mpos = -1 if st.collecting_title and st.type_idx >= 0 else _motto(s)
    if mpos < 0 and not (st.collecting_title and st.type_idx >= 0) and lines[i].text == s:
        mpos = _split_motto(lines, i)
    if mpos >= 0:
        kinds.add("motto")
        motto = fold(s[mpos:]).upper()
        for key, body in _table()["motto"]["bodies"].items():
            if motto.startswith(key):
                out["motto_body"] = body
        before = s[:mpos].strip(" -–*")
        if (cut := rx["inline_number"].search(before)) is not None:
            before = before[: cut.start()]  # "TỈNH ỦY NINH THUẬN * Số 88-KH/TU": the body only
        before = re.split(r"\s\*(?:\s|$)", before)[0].strip(" -–*")
        if before and _is_upper_line(before) and not st.seen_number:
            kinds.add("issuer")
            out["issuer"] = re.split(r"\s-{3,}|\s\*{3,}", before)[0]
    mnum = rx["number"].search(s)
    if mnum is None and not st.seen_number and (st.issuer_lines or st.seen_motto):
        mnum = rx["bare_number"].match(s)  # "112-TB/HU" alone under the star: no "Số"
    if mnum is None and not st.seen_number:
        inline = rx["inline_number"].search(s)  # "TỈNH ỦY NINH THUẬN * Số 88-KH/TU ĐẢNG …"
        if inline is not None and _is_upper_line(s[: inline.start()]):
            mnum = inline
    if mnum is None and not st.seen_number and " Số " in s:
        # "Hà Nội, ngày 4 tháng 2 năm 2025 Số 03-CT/ĐUCA": the number after the date (a
        # hard wrap joined them, or the columns were read in the other order)
        d = rx["place_date"].search(s)
        if d is not None and "tháng" in d.group().lower():
            mnum = rx["inline_number"].match(s, d.end())
    if mnum is None and rx["blank_number"].match(s):  # a draft's "Số      -NQ/TU"
        kinds.add("number")
    if mnum is not None:
        kinds.add("number")
        out["number"] = _number_of(lines, i, mnum)
        low = s.find("V/v")
        if low > 0:
            out["vv_title"] = s[low + 3 :].strip(" :")
    mdate = rx["place_date"].search(s)
    if mdate is not None and "tháng" not in mdate.group().lower() and s[mdate.end() :].strip(" ."):
        mdate = None  # "ngày 24/01/2025 về …": a date in digits states the issue only alone
    if mdate is not None and not st.seen_date:
        kinds.add("place_date")
        _place_date(s, mdate, out)
        vv = s[: mdate.start()].strip()
        if vv.startswith(("V/v ", "Về việc ")) and "vv_title" not in out and st.vv_title is None:
            # "V/v chủ động ứng phó với bão số 3     Lạng Sơn, ngày 05 tháng 9 năm 2024": the
            # subject and the place-date side by side, two columns on one line
            out["vv_title"] = vv.split(" ", 2 if vv.startswith("Về việc") else 1)[-1].strip(" :")
        if out.get("place") and "motto" not in kinds and not st.seen_number:
            _issuer_before_place(s, out, st, i)
    elif mdate is None and not st.seen_date and (blank := rx["blank_date"].match(s)):
        kinds.add("place_date")  # a draft's "Bắc Kạn, ngày   tháng   năm 2025": the place only
        if blank.group("place"):
            out["place"] = blank.group("place")


def _unstated(
    lines: list[Line], i: int, bare: str, upper: bool, st: _HeaderState
) -> dict[str, Any]:
    """The class of a line that states no motto, number or date: title, type, issuer,
    continuation, recipient; ``{}`` when it is none (the header has ended)."""
    ln = lines[i]
    s = _line_text(lines, i)
    if (
        not upper
        and st.collecting_title
        and st.last_title == i - 1
        and len(s) < 300
        and (
            st.type_idx == i - 1
            or s[:1].islower()
            or _quote_open(st.title_parts)
            or _rule_follows(lines, i)
            or (_YEARS_LINE.match(s) is not None and not _header_continuation(s))
        )
        and not s.endswith(":")
        and not s.startswith("Kính gửi")
    ):
        # a title in running case under the type line (KẾ HOẠCH / Phổ biến …)
        return {"kinds": {"title"}, "title": s, "starts_title": True}
    if not upper and _vv_wrapped(s, i, st):
        return {"kinds": {"continuation"}, "vv_more": s}
    if upper and is_addressing_line(bare):
        return {}  # "BỘ TRƯỞNG BỘ Y TẾ ĐIỆN:" under a dispatch's title: the preamble's
    if upper and st.collecting_title and _enacting_authority(bare, st):
        return {"kinds": {"enacting"}}  # ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM under the title
    if upper:
        seen = st.seen_number or st.seen_date or st.seen_motto
        first = not (seen or st.issuer_lines or st.title_parts)  # no header: the type word first
        t = _type_at(bare) if (seen or first) and bare else None
        if t is not None and st.type_idx < 0:
            rest = bare[t[1] :].strip(" :")
            return {
                "kinds": {"type"},
                "doc_type": t[0],
                "title": rest or None,
                "starts_title": True,
            }
        if st.collecting_title:
            return {"kinds": {"title"}, "title": bare}
        if not st.seen_number and bare and (not st.seen_motto or _after_motto_issuer(bare, st, i)):
            return {"kinds": {"issuer"}, "issuer": bare}
        return {"kinds": {"upper"}}
    if (st.seen_number or st.seen_date or st.seen_motto) and _header_continuation(s):
        out: dict[str, Any] = {"kinds": {"continuation"}}
        if s.startswith(("V/v", "(V/v", "Về việc", "(Về việc")) and st.vv_title is None:
            out["vv_title"] = s.split(" ", 1)[1].strip(" :()") if " " in s else None
        out["kinh_gui"] = s.startswith("Kính gửi")
        return out
    if st.kinh_gui and ln.token in ("dash", "plus"):
        return {"kinds": {"recipient"}}
    return {}


#: a line in brackets with years under a title: the dates it commemorates ("(07/5/1954 -
#: 07/5/2024)", "(1930 - 2025)"), part of the title
_YEARS_LINE = re.compile(r"^\((?=[^()]*\d{4})[\d/.\s\-–]+\)$")


def _quote_open(parts: list[str]) -> bool:
    """Whether the title lines so far opened a double quote they have not closed.

    >>> _quote_open(['"Về việc tổ chức kỷ niệm']), _quote_open(['về Đề án "Nông thôn mới"'])
    (True, False)
    """
    n = 0
    for p in parts:
        if '"' in p or "“" in p or "”" in p:
            n += p.count('"') + p.count("“") - p.count("”")
    return n % 2 == 1 or n < 0


def _unquoted(title: str) -> str:
    """A title without the quotes round the whole of it ("“Về việc …”" -> "Về việc …").

    >>> _unquoted('"Về việc tổ chức kỷ niệm"'), _unquoted('Về Đề án "Nông thôn mới"')
    ('Về việc tổ chức kỷ niệm', 'Về Đề án "Nông thôn mới"')
    """
    if len(title) > 2 and title[0] in '"“' and title[-1] in '"”':
        inner = title[1:-1]
        if '"' not in inner and "“" not in inner and "”" not in inner:
            inner = inner.strip()
            return inner[:1].upper() + inner[1:]
    return title


def _rule_follows(lines: list[Line], i: int) -> bool:
    """Whether the rule under a title ("-----"), or the preamble, follows line ``i``: the line
    is the title's last ("… Nghị quyết Hội nghị lần thứ chín" / "Ban Chấp hành Trung ương Đảng khóa XIII" /
    "-----"), not the body's first ("… KHÓA XIII" / "Tại …": no rule between)."""
    if i + 1 >= len(lines):
        return False
    nxt = lines[i + 1].text
    if _SEPARATOR_RE.match(nxt) is not None:
        return True
    # a decision's title over two lines, its preamble right under it ("… việc thực hiện" /
    # "Quy chế dân chủ ở cơ sở năm 2025" / "- Căn cứ Điều lệ Đảng;")
    s = lines[i].text
    return len(s) < 150 and s[-1:] not in ".;:" and is_preamble_line(nxt)


def _enacting_authority(bare: str, st: _HeaderState) -> bool:
    """Whether a line in capitals under the title is the issuing authority that enacts the
    text (ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM, BỘ TRƯỞNG BỘ Y TẾ, HỘI ĐỒNG NHÂN DÂN TỈNH NGHỆ AN):
    the header's issuer, maybe after a position (``tail.positions_folded``); it ends the
    title and is no part of it."""
    if not st.issuer_lines or st.type_idx < 0:
        return False
    issuer = "".join(fold(" ".join(st.issuer_lines)).upper().split())
    line = "".join(fold(bare).upper().split())
    positions = sorted(_table()["tail"]["positions_folded"], key=len, reverse=True)
    if issuer and line.endswith(issuer):
        head = line[: -len(issuer)]
        return not head or head in {p.replace(" ", "") for p in positions}
    # TRƯỞNG BAN TỔ CHỨC THÀNH ỦY: a position, then the issuer's name without its place (the
    # position's last word may be the name's first: TRƯỞNG BAN + BAN TỔ CHỨC)
    named = "".join(fold(_issuer(st.issuer_lines) or "").upper().split())
    if len(bare.split()) < 4:
        return False
    for p in positions:
        rest = line[len(p.replace(" ", "")) :]
        if (
            line.startswith(p.replace(" ", ""))
            and len(rest) >= 8
            and (named.startswith(rest) or named.startswith(p.split()[-1] + rest))
        ):
            return True
    return False


def _vv_wrapped(s: str, i: int, st: _HeaderState) -> bool:
    """Whether a line in running case continues the V/v subject on the line above it ("V/v
    triển khai các giải pháp cấp bách" / "phòng, chống hạn hán"): a short phrase (at most
    ``header_continuations.vv_wrap_words`` words) that ends no sentence, opens no preamble or
    address, within ``vv_wrap_lines`` lines of the V/v line."""
    rule = _table()["header_continuations"]
    return (
        st.vv_title is not None
        and st.vv_last == i - 1
        and i - st.vv_first <= rule["vv_wrap_lines"]
        and len(s.split()) <= rule["vv_wrap_words"]
        and not s.rstrip().endswith((".", ":", ";"))
        and not _header_continuation(s)
        and not is_preamble_line(s)
    )


def _after_motto_issuer(bare: str, st: _HeaderState, i: int) -> bool:
    """A body's name after the Party's motto (the right column flattened first, or the
    sub-unit under it: ĐẢNG CỘNG SẢN VIỆT NAM / TỈNH ỦY BẮC NINH), or the rest of a name the
    line above began (BAN CHẤP HÀNH / TRUNG ƯƠNG), before the number and the type: the place
    and date may come first (the right column flattened first, or interleaved with the left)."""
    if st.type_idx >= 0 or st.seen_number:
        return False
    return _starts_body(bare) or st.last_issuer == i - 1


def _line_text(lines: list[Line], i: int) -> str:
    """Line ``i`` as the header reads it (the first line without a website's slug)."""
    s = lines[i].text
    if i == 0 and (slug := SLUG_RE.match(s)) is not None:
        s = s[slug.end() :]
    return s


def classify_header_line(lines: list[Line], i: int, st: _HeaderState) -> HeaderLine | None:
    """Line ``i`` classified, given what the lines above stated; ``None`` when the header has
    ended before it (a body token, a preamble line, or a line of no header class)."""
    ln = lines[i]
    s = _line_text(lines, i)
    if is_preamble_line(s):
        return None
    if ln.token in _BODY_TOKENS or (ln.token in ("dash", "plus") and not st.kinh_gui):
        return None
    site, site_title = _site_line(s, i, st)
    if site is not None:
        return site
    if _SEPARATOR_RE.match(s):
        return HeaderLine(i, frozenset({"separator"}), site_title=site_title)
    bare = NOTE_OR_OPENING_RE.sub(" ", s).strip() if "[" in s else s  # "NGHỊ ĐỊNH [note …]"
    upper = _is_upper_line(bare) or (not bare and (st.seen_number or st.seen_date))
    out: dict[str, Any] = {"kinds": set()}
    _stated(lines, i, s, st, out)
    if not out["kinds"]:
        out = _unstated(lines, i, bare, upper, st)
        if not out:  # the header ended; a website title on the line still counts
            return HeaderLine(i, frozenset({"end"}), site_title=site_title) if site_title else None
    kinds = frozenset(out.pop("kinds"))
    if out.get("title") is not None and "type" not in kinds:
        kinds |= {"title"}
    ends = (not upper and not out.get("starts_title", False)) or "enacting" in kinds
    return HeaderLine(i, kinds, site_title=site_title, ends_title=ends, **out)


def _apply(st: _HeaderState, hl: HeaderLine) -> None:
    """Add what a classified line states to the state of the header."""
    f = st.fields
    if hl.site_field is not None:
        _site_field(*hl.site_field, st.site)
    if hl.site_title is not None:
        st.site_title_line = hl.site_title
    if hl.said and not st.statement:
        st.statement = dict(hl.said)
    if "motto" in hl.kinds:
        st.seen_motto = True
        st.motto_body = st.motto_body or hl.motto_body
    if hl.issuer:
        st.issuer_lines.append(hl.issuer)
        st.last_issuer = hl.index
    if "number" in hl.kinds:
        st.seen_number = True
        if hl.number and "number" not in f:
            f["number"] = hl.number
    if hl.vv_title is not None:
        st.vv_title = hl.vv_title
        st.vv_first = st.vv_last = hl.index
    if hl.vv_more is not None and st.vv_title is not None:
        st.vv_title = f"{st.vv_title} {hl.vv_more.strip()}"
        st.vv_last = hl.index
    if "place_date" in hl.kinds:
        st.seen_date = True
        if hl.issued:
            f["issued"] = hl.issued
        if hl.place:
            f["place"] = hl.place
    if hl.doc_type is not None:
        st.type_idx = hl.index
        f["doc_type"] = hl.doc_type
    if hl.title:
        st.title_parts.append(hl.title)
    if hl.doc_type is not None or hl.title:
        st.last_title = hl.index
    if hl.kinh_gui:
        st.kinh_gui = True
    if hl.starts_title:
        st.collecting_title = True
    elif hl.ends_title:
        st.collecting_title = False


@cache
def _addressing_ends() -> tuple[str, ...]:
    return tuple(_table()["preamble"]["addressing_ends"])


def is_addressing_line(s: str) -> bool:
    """Whether ``s`` is a dispatch's addressing formula, the addressees listed under it.

    >>> is_addressing_line("THỦ TƯỚNG CHÍNH PHỦ điện:"), is_addressing_line("Yêu cầu:")
    (True, False)
    """
    return s.endswith(":") and s.lower().endswith(_addressing_ends())


def _preamble(lines: list[Line], j: int) -> tuple[tuple[int, int] | None, int]:
    """(preamble range or None, body start) for a header that ends before line ``j``."""
    rx = _rx()
    if j >= len(lines):
        return None, j
    if not (is_preamble_line(lines[j].text) or rx["enacting"].search(lines[j].text)):
        nxt = lines[j + 1].text if j + 1 < len(lines) else ""
        if not (
            lines[j].token is None
            and len(lines[j].text) < 400
            and _is_upper_line(nxt)
            and rx["enacting"].search(nxt)
        ):
            return None, j
        # one opening sentence, then the enacting word alone ("Đại hội … họp từ ngày … đến
        # ngày …" / "QUYẾT NGHỊ:"): a preamble too
    k = j
    while k < len(lines):
        ln = lines[k]
        s = ln.text
        if (ln.token is not None and not ln.quoted and not is_preamble_line(s)) or (
            k > j and tail_kind(s, "") is not None
        ):
            break  # the body, or a short letter's signature right after its opening
        prev = lines[k - 1].text if k > j else ""
        if k == j or is_preamble_line(s) or rx["enacting"].search(s) or _is_upper_line(s):
            k += 1
            continue
        if prev and prev[-1] not in ".;:" and len(s) < 400 and not rx["enacting"].search(prev):
            k += 1  # a wrapped line of the previous preamble line
            continue
        nxt = lines[k + 1].text if k + 1 < len(lines) else ""
        if ln.token is None and len(s) < 400 and _is_upper_line(nxt) and rx["enacting"].search(nxt):
            k += 1  # the last sentence before the enacting word ("Hội nghị … ngày …," / QUYẾT NGHỊ)
            continue
        break
    return (j, k), k


def _starts_body(upper: str) -> bool:
    """Whether a line in capitals starts the name of a body (``issuer_heads`` in the data),
    or is a committee word alone (``TỈNH ỦY`` under ``ĐẢNG BỘ TỈNH HÀ GIANG``)."""
    return (upper + " ").startswith(tuple(_table()["issuer_heads"]["prefixes"]))


def _incomplete(upper: str) -> bool:
    """Whether a header line names a body that takes the next line as its complement
    (``BAN CÁN SỰ ĐẢNG`` / ``ỦY BAN NHÂN DÂN TỈNH``; ``incomplete`` in ``issuer_heads``)."""
    return " ".join(upper.split()) in _table()["issuer_heads"]["incomplete"]


_PARENT_RE = re.compile(
    r"^đảng bộ (?P<level>tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn) (?P<place>\S.*)$"
)


def with_parent_place(name: str, parent: str) -> str:
    """A body's name that stops at its level (``Tỉnh ủy``, ``Ban Thường vụ Tỉnh ủy``,
    ``Ủy ban nhân dân tỉnh``), completed with the place of the Party organisation printed
    above it (``ĐẢNG BỘ TỈNH NGHỆ AN``); other names are returned as they are.

    >>> with_parent_place("Ban Thường vụ Tỉnh ủy", "ĐẢNG BỘ TỈNH NGHỆ AN")
    'Ban Thường vụ Tỉnh ủy Nghệ An'
    >>> with_parent_place("Huyện ủy Nam Đàn", "ĐẢNG BỘ TỈNH NGHỆ AN")
    'Huyện ủy Nam Đàn'
    >>> with_parent_place("Đại hội đại biểu lần thứ I", "ĐẢNG BỘ TỈNH HƯNG YÊN")
    'Đại hội đại biểu Đảng bộ tỉnh Hưng Yên lần thứ I'
    """
    m = _PARENT_RE.match(" ".join(parent.split()).lower())
    if m is None:
        return name
    level = m.group("level")
    committee = _table()["issuers"]["level_committees"].get(level)
    low = name.lower()
    ends = [level] + ([committee] if committee else [])
    place = " ".join(w[:1].upper() + w[1:] for w in m.group("place").split())
    if any(low == e or low.endswith(" " + e) for e in ends):
        return f"{name} {place}"
    if low.startswith("đại hội đại biểu ") and "đảng bộ" not in low:
        # the congress of the Đảng bộ above it: Đại hội đại biểu Đảng bộ tỉnh Hưng Yên lần thứ I
        return f"{name[:16]} Đảng bộ {level} {place}{name[16:]}"
    if low.startswith("đảng ủy khối "):  # a bloc of the province: Đảng ủy Khối … tỉnh Bắc Giang
        return f"{name} {level} {place}"
    if committee and low.startswith(("ban ", "văn phòng", "ủy ban kiểm tra")):
        return f"{name} {committee.capitalize()} {place}"  # a board of the level's committee
    return name


def _expanded(upper: str) -> str:
    """A header line with its short head words written out (LHPN, MTTQ, BCH …)."""
    table = _table()["issuers"]["abbreviations"]
    return _abbreviations_re().sub(lambda m: table[m.group()], upper)


def _organisation_board(parent: str, last: str) -> str | None:
    """A mass organisation's board on its own line above or below it (``organisation_boards``
    in the data): the board's name followed by the organisation's, else ``None``.

    >>> _organisation_board("BAN CHẤP HÀNH TRUNG ƯƠNG", "HỘI NÔNG DÂN VIỆT NAM")
    'Ban Chấp hành Trung ương Hội Nông dân Việt Nam'
    >>> _organisation_board("ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG TRỊ", "BAN THƯỜNG TRỰC")
    'Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Trị'
    >>> _organisation_board("BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TỔ CHỨC") is None
    True
    """
    rule = _table()["issuers"]["organisation_boards"]
    organisations = tuple(rule["organisations"])
    if parent in rule["boards"] and (_expanded(last) + " ").startswith(organisations):
        return f"{issuer_name(parent)} {issuer_name(last)}"
    if last in rule["boards"] and (_expanded(parent) + " ").startswith(organisations):
        return f"{issuer_name(last)} {issuer_name(parent)}"
    return None


def _issuer(issuer_lines: list[str]) -> str | None:
    """The issuing body from the issuer lines of the header (the last body, under its parent)."""
    names = _table()["issuers"]
    issuer_lines = [
        x for x in (_SEPARATOR_RUN_RE.sub("", " ".join(li.split())) for li in issuer_lines) if x
    ]
    if not issuer_lines:
        return None
    merged: list[str] = []
    for li in issuer_lines:  # BAN CHẤP HÀNH / TRUNG ƯƠNG: one name broken over two lines
        if merged and (not _starts_body(li) or _incomplete(merged[-1])):
            merged[-1] = f"{merged[-1]} {li}"
        else:
            merged.append(li)
    issuer_lines = merged
    parts = _SUB_ISSUER_RE.split(issuer_lines[-1])
    if len(parts) > 1 and parts[-1] not in names["names"] and " ".join(parts) not in names["names"]:
        issuer_lines[-1:] = [" ".join(parts[:-1]), parts[-1]]
    last = " ".join(issuer_lines[-1].split())
    name = issuer_name(last)
    if len(issuer_lines) > 1:
        parent = " ".join(issuer_lines[-2].split())
        exact = names["party_parent_exact"].get(parent, {}).get(last)
        if exact:
            return exact
        if (board := _organisation_board(parent, last)) is not None:
            return board
        if _PARENT_RE.match(parent.lower()):  # ĐẢNG BỘ TỈNH NGHỆ AN / BAN THƯỜNG VỤ TỈNH ỦY
            return with_parent_place(name, parent)
        suffix = names["party_parent"].get(parent)
        if suffix is None and (parent.lower() + " ").startswith(_COMMITTEES):
            parent_name = issuer_name(parent)  # a Party committee: Tỉnh ủy Thái Bình
            if len(issuer_lines) > 2:  # ĐẢNG BỘ TỈNH X / TỈNH ỦY / BAN TUYÊN GIÁO
                parent_name = with_parent_place(parent_name, issuer_lines[-3])
            suffix = " " + parent_name
        if suffix and last.startswith(("BAN ", "VĂN PHÒNG", "ỦY BAN ", "UỶ BAN ")):
            if last.endswith((" ĐẢNG ỦY", " ĐẢNG UỶ")) and suffix.startswith(" Đảng bộ "):
                suffix = suffix[
                    len(" Đảng bộ") :
                ]  # ĐẢNG BỘ CÔNG AN TRUNG ƯƠNG / BAN THƯỜNG VỤ ĐẢNG ỦY
            elif last == "BAN THƯỜNG VỤ" and suffix.startswith(" Đảng bộ "):
                # ĐẢNG BỘ KHỐI … / BAN THƯỜNG VỤ: the standing board of the Đảng ủy
                suffix = " Đảng ủy" + suffix[len(" Đảng bộ") :]
            name += suffix
    return name


def _assemble(st: _HeaderState) -> None:
    """Metadata fields from the classified lines: the website's block wins over the header."""
    f = st.fields
    if st.issuer_lines and (name := _issuer(st.issuer_lines)) is not None:
        if st.motto_body and name in _table()["motto"]["central_boards"]:
            name = f"{name} {st.motto_body}"  # BAN CHẤP HÀNH TRUNG ƯƠNG beside ĐOÀN TNCS …
        f["issuer"] = name
    title = _cased_title(st.title_parts)
    if title and f.get("doc_type"):
        f["doc_type"], title = type_continued(f["doc_type"], title)
    if title:
        lead_issuer, term, title = split_title_lead(title)
        f["title"] = _unquoted(title)
        if lead_issuer:  # "CHỈ THỊ CỦA BAN BÍ THƯ": the body that issued it, under its parent
            f["issuer"] = _complete_committee(lead_issuer, f.get("issuer"))
        if term:
            f["term"] = term
    elif st.vv_title:
        f["title"] = st.vv_title[:1].upper() + st.vv_title[1:]
    if "doc_type" not in f and st.vv_title:
        f["doc_type"] = "Công văn"
    if st.site_title_line is not None:
        st_type, st_num = st.site_title_line
        f.setdefault("doc_type", st_type)
        if st_num:
            f.setdefault("number", st_num)
            for key, value in st.statement.items():
                f.setdefault(key, value)
    f.update({k: v for k, v in st.site.items() if v})


def _cased_title(parts: list[str]) -> str:
    """The trích yếu from its lines: runs of capitals in sentence case, running text kept."""
    groups: list[tuple[bool, list[str]]] = []
    for p in parts:
        p = " ".join(NOTE_OR_OPENING_RE.sub(" ", p).split())
        if not p:
            continue
        up = _is_upper_line(p)
        if groups and groups[-1][0] == up:
            groups[-1][1].append(p)
        else:
            groups.append((up, [p]))
    out: list[str] = []
    for k, (up, ps) in enumerate(groups):
        text = " ".join(ps)
        if up:
            text = sentence_case(_strip_position(text) if len(groups) == 1 else text)
            if k:
                text = text[:1].lower() + text[1:] if not text[:2].isupper() else text
        out.append(text)
    title = " ".join(out)
    return title[:1].upper() + title[1:]


def type_continued(doc_type: str, title: str) -> tuple[str, str]:
    """The type and title when the type word went on at the start of the title's first line
    (``THÔNG BÁO`` / ``KẾT LUẬN CỦA BỘ CHÍNH TRỊ`` / ``VỀ …`` is a Thông báo kết luận, as on
    one line): only before ``của`` and the organ, so that the organ is read as the issuer.

    >>> type_continued("Thông báo", "Kết luận của Bộ Chính trị về kinh tế")
    ('Thông báo kết luận', 'Của Bộ Chính trị về kinh tế')
    >>> type_continued("Thông báo", "Kết luận hội nghị lần thứ 20")
    ('Thông báo', 'Kết luận hội nghị lần thứ 20')
    """
    t = _type_at(f"{doc_type} {title}".upper())
    if t is None or t[0] == doc_type or len(t[0]) <= len(doc_type):
        return doc_type, title
    rest = title[len(t[0]) - len(doc_type) :].strip()
    rest = rest[:1].upper() + rest[1:]
    if not rest.lower().startswith("của ") or split_title_lead(rest)[0] is None:
        return doc_type, title
    return t[0], rest


def _complete_committee(lead: str, header_issuer: str | None) -> str:
    """ "Ban Thường vụ Huyện ủy" (or "Thường vụ Đảng ủy …", "Thường trực Tỉnh ủy", "Ban Chấp
    hành Đảng bộ thị xã") in a title, completed with the place of the header's body (Huyện ủy
    Gia Lâm -> Ban Thường vụ Huyện ủy Gia Lâm), and cased as a name (``title_lead.boards``).

    >>> _complete_committee("thường trực tỉnh ủy", "Tỉnh ủy An Giang")
    'Thường trực Tỉnh ủy An Giang'
    """
    boards = {k: v for k, v in _table()["title_lead"]["boards"].items() if k.endswith(" ")}
    low = " ".join(lead.split()).lower()
    board = next((b for b in sorted(boards, key=len, reverse=True) if low.startswith(b)), None)
    if board is None:
        return lead
    written = boards[board]
    committee = low[len(board) :]
    if board.startswith("ban chấp hành"):  # the Đảng bộ of a level, led by its committee
        if header_issuer and committee in _table()["issuers"]["level_committees"]:
            head = _table()["issuers"]["level_committees"][committee] + " "
            if header_issuer.lower().startswith(head):
                return f"{written}{committee} {header_issuer[len(head) :]}"
        return written + committee
    if header_issuer and (
        header_issuer.lower() == committee or header_issuer.lower().startswith(committee + " ")
    ):
        return written + header_issuer
    return written + issuer_name(committee.upper())


_CAPTION_RE = re.compile(
    r"^\(?(?:Ban hành )?[Kk]èm theo (?P<type>[^\d]{2,40}?) số (?P<number>\d\S*?)[,;]?"
    r"(?P<rest>\s.*?)\)?\s*$"
)


def own_caption(lines: list[Line], doc_type: str | None) -> dict[str, Any]:
    """What the caption of the document's own appendix states of it, when the header states
    no number: ``(Kèm theo Hướng dẫn số 40-HD/BTGDVTW, ngày 27/11/2025 của Ban …)``. Only a
    caption naming the document's own type counts (an appendix may carry another document's
    caption); the first one wins."""
    if doc_type is None:
        return {}
    for ln in lines:
        s = ln.text
        if "èm theo" not in s[:30]:
            continue
        m = _CAPTION_RE.match(s)
        if m is None or m.group("type").strip().lower() != doc_type.lower():
            continue
        number = header_number(m.group("number"))
        if not number:
            continue
        out: dict[str, Any] = {"number": number}
        out.update({k: v for k, v in statement(m.group("rest")).items() if k != "title"})
        return out
    return {}


def _classify_from(lines: list[Line], start: int) -> tuple[_HeaderState, int]:
    """The header state after classifying lines from ``start``, and the first line after
    the header (``start`` when none is a header line)."""
    st = _HeaderState()
    header_end = start
    for i in range(start, min(len(lines), start + _HEADER_SCAN)):
        hl = classify_header_line(lines, i, st)
        if hl is None:
            break
        _apply(st, hl)
        if "end" in hl.kinds:
            break
        header_end = i + 1
    return st, header_end


def header_start(lines: list[Line], lo: int) -> int | None:
    """Where a document's header starts below the lines a web page put above it (menus, the
    page title, a byline, a lead paragraph): at the motto (quốc hiệu or the Party's motto)
    within ``page_lead.max_line`` lines, or at the issuer, star and number lines right above
    it (at most ``page_lead.max_above``). ``None`` when no motto is that near the top.

    >>> from vbpl.parser.lines import split_lines
    >>> ls = split_lines("Trang chủ | Văn bản\\nĐăng lúc 10:15\\nTỈNH ỦY THÁI BÌNH\\n*\\nSố 40-CT/TU\\nĐẢNG CỘNG SẢN VIỆT NAM")
    >>> header_start(ls, 0)
    2
    """
    rule = _table()["page_lead"]
    for m in range(lo, min(len(lines), rule["max_line"])):
        if lines[m].token in _BODY_TOKENS and not lines[m].quoted:
            # the body has begun: a motto below is a form's (Mẫu số 01), not a header
            return _type_line_start(lines, lo, m)
        if _motto(lines[m].text) < 0:
            continue
        k = m
        while k > lo and m - k < rule["max_above"] and _header_like(lines[k - 1].text):
            k -= 1
        return k
    return _type_line_start(lines, lo, rule["max_line"])


def _type_line_start(lines: list[Line], lo: int, hi: int) -> int | None:
    """A page that carries a document without its header block (a Party archive's full text):
    the type word alone in capitals (``QUY ĐỊNH``) and its title in running case under it,
    within the page's first lines, start the document.

    >>> from vbpl.parser.lines import split_lines
    >>> _type_line_start(split_lines("TRANG CHỦ\\nTÌM KIẾM\\nVăn bản » Trung ương\\nQUY ĐỊNH\\nvề công tác kiểm tra"), 0, 60)
    3
    """
    for k in range(lo, min(len(lines) - 1, hi)):
        s = lines[k].text
        if lines[k].token in _BODY_TOKENS:
            return None
        t = _type_at(s) if _is_upper_line(s) else None
        nxt = lines[k + 1].text
        if t is not None and t[1] == len(s.rstrip(" :")) and nxt[:1].islower():
            return k
    return None


def _header_like(s: str) -> bool:
    """A line of the left column above a motto: a body's name in capitals, the star or rule
    under it, the number line."""
    return bool(s.strip()) and (
        _is_upper_line(s)
        or _SEPARATOR_RE.match(s) is not None
        or _rx()["number"].search(s) is not None
    )


def read_header(lines: list[Line]) -> HeaderInfo:
    """Find where the header and preamble end and read what they state (see module doc):
    classify each line (:func:`classify_header_line`), then assemble the fields."""
    st, header_end = _classify_from(lines, 0)
    if not (st.seen_motto or st.seen_number or st.seen_date):
        start = header_start(lines, header_end)
        if start is not None:  # a web page's own lines above the document's header
            st, header_end = _classify_from(lines, start)
    preamble, body_start = _preamble(lines, header_end)
    _assemble(st)
    if "number" not in st.fields and header_end:  # no header: the own appendix's caption
        for key, value in own_caption(lines, st.fields.get("doc_type")).items():
            st.fields.setdefault(key, value)
    return HeaderInfo(header_end, preamble, body_start, st.fields)


__all__ = [
    "HeaderInfo",
    "HeaderLine",
    "classify_header_line",
    "header_number",
    "is_addressing_line",
    "is_preamble_line",
    "issuer_name",
    "read_header",
    "sentence_case",
    "split_title_lead",
]
