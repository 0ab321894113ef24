"""What ends the body: signature block, "Nơi nhận:" list, passing statement, truncation mark;
and the appendices after them.

Reads: the :class:`~vbpl.parser.lines.Line` list and the index where the body starts. Writes:
a :class:`TailInfo` — the index of the first tail line, the start of each appendix (an
attached document or PHỤ LỤC after the tail), and what the tail states (signer, term).
Line shapes live in ``src/vbpl/data/header_lines.json`` (``tail``).

>>> from vbpl.parser.lines import split_lines
>>> lines = split_lines("Điều 1. Hiệu lực\\nNơi nhận:\\n- Như Điều 1;\\nTM. CHÍNH PHỦ\\nTHỦ TƯỚNG\\nNguyễn Văn A")
>>> t = find_tail(lines, 0)
>>> t.start, t.fields["signer"]
(1, 'Nguyễn Văn A')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from vbpl.data import load_table
from vbpl.lexicon.dates import PASSED_RE, date_of
from vbpl.lexicon.doc_types import type_names
from vbpl.lexicon.party import term_of
from vbpl.text.fold import fold

_APPENDIX_TOKENS = frozenset(
    {
        "appendix",
        "part",
        "chapter",
        "section",
        "article",
        "roman",
        "upper_alpha",
        "arabic",
        "dotted",
    }
)
_ATTACHED_RE = re.compile(r"^\((?:Ban hành )?[Kk]èm theo|\(Ban hành kèm|\(Kèm theo")


@cache
def _attached_title_re() -> re.Pattern[str]:
    names = sorted((t.upper() for t in type_names()), key=len, reverse=True)
    alts = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
    return re.compile(rf"^(?:DỰ\s+THẢO\s+)?(?:{alts})(?:\s|$)")


def _attached_title(s: str) -> bool:
    """A line after the signature that opens another document sent with this one: its type
    in capitals, maybe marked as a draft ("DỰ THẢO BÁO CÁO Kết quả …", "QUY CHẾ").

    >>> _attached_title("DỰ THẢO BÁO CÁO Kết quả triển khai"), _attached_title("QUY CHẾ")
    (True, True)
    >>> _attached_title("Trần Văn Sơn"), _attached_title("Báo cáo kết quả")
    (False, False)
    """
    return _attached_title_re().match(s) is not None


@dataclass(slots=True)
class TailInfo:
    """``start``: index of the first tail line (``len(lines)`` when there is no tail);
    ``appendices``: indexes where appendices start (each runs to the next, the last to the
    end); ``fields``: ``signer``, ``term`` and ``passed`` (the date a law was passed) when the tail
    states them."""

    start: int
    appendices: list[int] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)


@cache
def _t() -> dict[str, Any]:
    return load_table("header_lines")["tail"]


@cache
def _passed_re() -> re.Pattern[str]:
    return re.compile(_t()["passed_pattern"])


def _upper_start(s: str) -> bool:
    words = s.split()[:2]
    return bool(words) and all(not any(c.islower() for c in w) for w in words)


def tail_kind(s: str, prev: str) -> str | None:
    """What a line is when it can end the body: ``recipients``, ``signature``, ``passed``,
    ``position`` (only after a line ending in "./." or a passing statement), ``truncation``.

    >>> tail_kind("Nơi nhận:", ""), tail_kind("KT. BỘ TRƯỞNG", ""), tail_kind("[...]", "")
    ('recipients', 'signature', 'truncation')
    >>> tail_kind("CHỦ TỊCH QUỐC HỘI", "Luật này có hiệu lực./."), tail_kind("CHỦ TỊCH NƯỚC", "Chương VI")
    ('position', None)
    """
    t = _t()
    if s.startswith(tuple(t["recipients"])):
        return "recipients"
    if s in t["truncation"]:
        return "truncation"
    for p in t["signature_prefixes"]:
        if s.startswith(p) and _upper_start(s[len(p) :].lstrip() or "X"):
            return "signature"
    if s[0] in "LBPNH" and _passed_re().match(s):
        return "passed"
    if prev.endswith(("./.", "/.")) and _upper_start(s):
        folded = fold(s).upper()
        if folded.startswith(tuple(t["positions_folded"])):
            return "position"
    return None


#: the end of a recipient item ("- Lưu VPTU.", "- Các huyện ủy,") a signature column follows
_RECIPIENT_END_RE = re.compile(r"[.,;:)](?=\s)")


def _name_in(s: str) -> str | None:
    """A person's name: the first run of 2–6 capitalised words after the capitals of a title.
    On a recipient item ("- …", "+ …") only the words after its closing mark count: the
    signature column flattened beside it ("- Lưu VPTU. Trần Văn Bình"), never the recipient.
    A capitalised word followed by a lower-case one starts a phrase ("Lưu Văn phòng").

    >>> _name_in("- Lưu VPTU. Trần Văn Bình"), _name_in("- Lưu Văn phòng. (Đã ký)")
    ('Trần Văn Bình', None)
    >>> _name_in("- Đồng chí Nguyễn Văn An,"), _name_in("Lê Minh Khái Phụ lục")
    (None, 'Lê Minh Khái')
    """
    if s.startswith(("- ", "+ ")):
        ends = list(_RECIPIENT_END_RE.finditer(s + " "))
        s = s[ends[-1].end() :] if ends else ""
    words = s.split()
    run: list[str] = []
    seen_upper = False
    for w in words:
        core = w.strip(".,;:()")
        if core and core.isalpha() and core[0].isupper() and (len(core) == 1 or core[1:].islower()):
            run.append(core)
            continue
        if core and core[0].islower() and len(run) >= 2:
            run.pop()  # "Lê Minh Khái Phụ lục …": the last capital starts the next words
        if (name := _run_name(run)) is not None:
            return name
        run = []
        seen_upper = seen_upper or (core.isupper() and len(core) > 1)
    return _run_name(run)


def _run_name(run: list[str]) -> str | None:
    """A run of capitalised words as a name: 2–6 words, or two names side by side (a joint
    document's signatures) of which the first is taken."""
    if 2 <= len(run) <= 6:
        return " ".join(run)
    if 6 < len(run) <= 10 and 2 <= len(first := first_signer(" ".join(run)).split()) <= 6:
        return " ".join(first)
    return None


@cache
def _surnames() -> frozenset[str]:
    return frozenset(_t()["surnames"])


def first_signer(name: str) -> str:
    """The first of two signatures flattened side by side into one run of names (a joint
    document), cut before a family name (``surnames``) from the run's third word on; a run
    of fewer than five words is one name.

    >>> first_signer("Trần Anh Tuấn Nguyễn Công Nghiệp"), first_signer("Nguyễn Thị Lê Hoa")
    ('Trần Anh Tuấn', 'Nguyễn Thị Lê Hoa')
    """
    words = name.split()
    if len(words) >= 5:
        for k in range(2, len(words) - 1):
            if words[k] in _surnames():
                return " ".join(words[:k])
    return name


def _signature_beside(s: str) -> str | None:
    """The signature column of a line that flattened Nơi nhận and the signature block side by
    side ("Nơi nhận: T/M BAN THƯỜNG VỤ"), or ``None``.

    >>> _signature_beside("Nơi nhận: T/M BAN THƯỜNG VỤ"), _signature_beside("Nơi nhận:")
    ('T/M BAN THƯỜNG VỤ', None)
    >>> _signature_beside("Nơi nhận: PHÓ BÍ THƯ")
    'PHÓ BÍ THƯ'
    """
    for p in _t()["signature_prefixes"]:
        i = s.find(" " + p)
        if i > 0 and _upper_start(s[i + 1 + len(p) :].lstrip() or "x"):
            return s[i + 1 :]
    _, sep, rest = s.partition(":")  # "Nơi nhận: PHÓ BÍ THƯ": the position line beside
    rest = rest.strip()
    upper = bool(rest) and not any(c.islower() for c in rest)
    if sep and upper and fold(rest).upper().startswith(tuple(_t()["positions_folded"])):
        return rest
    return None


def find_tail(lines: list, body_start: int) -> TailInfo:
    """Locate the tail and the appendices after it (see module doc)."""
    start = _tail_start(lines, body_start)
    info = TailInfo(start)
    if start == len(lines):
        return info
    signed_at = _read_signing(lines, start, info.fields)
    _find_appendices(lines, start, signed_at, info.appendices)
    return info


def _tail_start(lines: list, body_start: int) -> int:
    """Reads ``lines`` from ``body_start``; returns the first tail line (``len(lines)`` if none)."""
    n = len(lines)
    prev = ""
    for i in range(body_start, n):
        ln = lines[i]
        s = ln.text  # (sliced from the shared text on each access: once here)
        if ln.quoted:
            prev = s
            continue
        if ln.token is None or ln.token in ("dash", "plus"):
            k = tail_kind(s, prev)
            if k is not None or (ln.token is None and _lone_signature(lines, i)):
                return i
        prev = s
    return n


def _lone_signature(lines: list, i: int) -> bool:
    """Whether line ``i`` opens a signature block without a prefix (T/M, K/T) and without a
    closing mark before it: a position alone on its line (``TRƯỞNG BAN``, ``CHỦ TỊCH``), maybe
    a signature mark, then a name alone on its line, and nothing after but the tail or an
    appendix.

    >>> from vbpl.parser.lines import split_lines
    >>> _lone_signature(split_lines("2. Nâng cao chất lượng.\\nTRƯỞNG BAN\\nDanh Út"), 1)
    True
    >>> _lone_signature(split_lines("CHỦ TỊCH\\nPhan Văn Mãi\\nCác sở triển khai thực hiện."), 0)
    False
    """
    s = lines[i].text.strip()
    # capitals only, checked first in C: this runs on every unnumbered line of the body
    if not s.isupper() or len(s.split()) > 8:
        return False
    if not fold(s).upper().startswith(tuple(_t()["positions_folded"])):
        return False
    j = i + 1
    while j < len(lines) and lines[j].text.strip().startswith(tuple(_t()["signed_marks"])):
        j += 1
    if j >= len(lines) or not _name_line(lines[j].text.strip()):
        return False
    after = lines[j + 1].text.strip() if j + 1 < len(lines) else ""
    return (
        not after
        or tail_kind(after, "./.") is not None
        or _ATTACHED_RE.match(after) is not None
        or _attached_title(after)  # the Quy định it issues, attached right after the name
        or lines[j + 1].token == "appendix"
    )


@cache
def _honorifics() -> frozenset[str]:
    return frozenset(h.replace(".", "").replace(" ", "") for h in _t()["honorifics"])


def _name_line(s: str) -> bool:
    """Whether ``s`` (stripped) is a signer's name alone, maybe after a rank or an academic
    title (``honorifics``: "Đại tá Lê Văn An", "PGS.TS. Nguyễn Xuân Thắng").

    >>> _name_line("Danh Út"), _name_line("PGS.TS. Nguyễn Xuân Thắng"), _name_line("Đồng chí Lê An")
    (True, True, False)
    """
    name = _name_in(s)
    if name is None or not s.endswith(name):
        return False
    lead = s[: len(s) - len(name)]
    return not lead or lead.replace(".", "").replace(" ", "") in _honorifics()


@cache
def _positions_lower() -> tuple[str, ...]:
    return (*_t()["positions_folded"], *_t()["positions_lower_folded"])


def _position_line(s: str) -> bool:
    """A position line of a signature block in lower case ("Thường trực", "Phó Bí thư")."""
    return len(s.split()) <= 6 and fold(s).upper().startswith(_positions_lower())


#: the body a signature is given on behalf of, in capitals ("T/M BAN CHẤP HÀNH TRUNG ƯƠNG")
_ON_BEHALF_RE = re.compile(r"^(?:T/M|TM\.)\s+([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,\-]{3,80})$")


def _read_signing(lines: list, start: int, fields: dict[str, Any]) -> int:
    """Reads the tail from ``start``; writes signer, term, passed into ``fields``; returns the
    signer's line (-1 when not found or only after a signature mark)."""
    n = len(lines)
    signing = False
    signed_at = -1
    for i in range(start, n):
        s = lines[i].text
        if "passed" not in fields and _passed_re().match(s):
            term = term_of(s)
            if term:
                fields["term"] = term
            m = PASSED_RE.search(s)
            if m:
                fields["passed"] = date_of(m)
        k = tail_kind(s, "./.")
        if k == "recipients" and (beside := _signature_beside(s)) is not None:
            s, k = beside, "signature"  # "Nơi nhận: T/M BAN THƯỜNG VỤ": two columns, one line
        if k in ("signature", "position"):
            if k == "signature" and "signed_for" not in fields:
                m = _ON_BEHALF_RE.match(s)
                if m is not None:  # "T/M BAN CHẤP HÀNH TRUNG ƯƠNG": the body it signs for
                    fields["signed_for"] = m.group(1)
            signing = True
            name = _name_in(s)
            if name:
                fields["signer"] = first_signer(name)
                signed_at = i
                break
            continue
        if signing and s.startswith(tuple(_t()["signed_marks"])):
            # "(Đã ký)", "(Dấu của …)": the mark of a signature; the name follows, on the
            # next line or after the mark's closing bracket ("(Đã ký) Lê Văn An")
            name = _name_in(s[s.index(")") + 1 :]) if ")" in s else None
            if name:
                fields["signer"] = first_signer(name)
                break
            continue
        if signing:
            name = _name_in(s)
            if name and (
                len(s.split()) <= 7 or (s.startswith(("- ", "+ ")) and s.endswith(" " + name))
            ):  # a long recipient with the name flattened after it: "- Lưu Văn phòng …. Tô Lâm"
                fields["signer"] = first_signer(name)
                signed_at = i
                break
            if (
                not _upper_start(s)
                and not s.startswith(("- ", "+ "))
                and not _position_line(s)
                and k != "recipients"  # "Nơi nhận:" under the T/M line, the position beside
            ):
                signing = False  # a recipient ("- Lưu VP.") flattened beside it does not end it
        if i - start > 60:
            break
    return signed_at


def _title_run(lines: list, start: int, i: int) -> bool:
    """Whether the lines from an appendix's start to line ``i`` are its header and title (at
    most ten lines, none numbered): "QUY CHẾ" / "làm việc của …" / "(Ban hành kèm theo …)" is
    one attached document, its caption under its title."""
    return 0 < i - start <= 10 and all(lines[k].token is None for k in range(start + 1, i))


def _header_line(s: str) -> bool:
    """A line of an attached document's own header: its body's name in capitals, the star or
    rule under it, the motto (checked as capitals), its number line."""
    s = s.strip()
    return bool(s) and (
        not any(c.islower() for c in s.replace("Số", "").replace("số", ""))
        and tail_kind(s, "") is None
        and _name_in(s) is None
    )


def _find_appendices(lines: list, start: int, signed_at: int, appendices: list[int]) -> None:
    """Reads ``lines`` after the tail at ``start``; appends where attached documents and PHỤ LỤC
    start to ``appendices``."""
    n = len(lines)
    i = start + 1
    while i < n:
        ln = lines[i]
        s = ln.text
        if ln.token == "appendix":
            appendices.append(i)
        elif _ATTACHED_RE.match(s):
            if lines[i - 1].token == "appendix" or (
                appendices and _title_run(lines, appendices[-1], i)
            ):
                i += 1
                continue  # the caption of an appendix just opened ("Phụ lục 1: …" / "(Kèm theo …)")
            j = i
            while (
                j - 1 > start and _upper_start(lines[j - 1].text) and len(lines[j - 1].text) < 300
            ):
                prev = lines[j - 1]
                if prev.token == "appendix" or (appendices and j - 1 == appendices[-1]):
                    j = -1  # the title of an appendix already started
                    break
                if prev.token or tail_kind(prev.text, "./.") is not None or _name_in(prev.text):
                    break
                j -= 1
            if j > 0 and (not appendices or j > appendices[-1]):
                appendices.append(j)
        elif not appendices and 0 <= signed_at < i and _attached_title(s):
            j = i  # "DỰ THẢO BÁO CÁO …" after the signature: sent with it, under its own header
            while j - 1 > signed_at and _header_line(lines[j - 1].text):
                j -= 1
            appendices.append(j)
        elif not appendices and ln.token in _APPENDIX_TOKENS and not ln.quoted:
            appendices.append(i)
        i += 1


__all__ = ["TailInfo", "find_tail", "tail_kind"]
