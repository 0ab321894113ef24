"""Letters and digits an image OCR misread in a document, mended in place.

Reads: the raw text. Writes: the text with the slips of ``ocr_slips`` (data/cleanup.json)
mended in a text whose first lines hold one of them (an OCR text): header words no
Vietnamese text contains (``ĐÁNG CỘNG SÁN``, ``CHÁP HÀNH``, ``TRUNG Ư0NG``, ``QUYÉT``), and
``l`` and ``O`` read for 1 and 0 inside numbers (``ngày l5``,
``1O tháng``, ``1l4-QĐ/HU``, a label ``l.``, ``Điều l.``). Two slips are mended in every
text, gate or not, as no Vietnamese text writes them otherwise: ``l`` / ``O`` inside the
numbers of a written date (``ngày 1O tháng 3 năm 2025``), and a Roman part ``l.`` read for
``I.`` where a later line starts the part ``II.`` (a heading in capitals after both). Every
replacement has the length of what it replaces, so every offset stays.

>>> ocr_mended("BAN CHÁP HÀNH TRUNG Ư0NG\\nngày l5 tháng 5\\nl. Nội dung")
'BAN CHẤP HÀNH TRUNG ƯƠNG\\nngày 15 tháng 5\\n1. Nội dung'
>>> ocr_mended("BAN CHẤP HÀNH TRUNG ƯƠNG\\nngày 15 tháng 5") is None
True
>>> ocr_mended("Tân Lập, ngày 1O tháng 3 năm 2025\\nl. KẾT QUẢ\\nII. NHIỆM VỤ")
'Tân Lập, ngày 10 tháng 3 năm 2025\\nI. KẾT QUẢ\\nII. NHIỆM VỤ'
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from vbpl.data import load_table

#: a number with 'l' or 'O' read for a digit ("l5", "1O", "1l4"): digits and l/O only
_DIGITS_RE = re.compile(r"(?<!\w)(?=[\dlO]*\d)(?=[\dlO]*[lO])[\dlO]+(?!\w)")
#: a label "l." or an article "Điều l." at a line start
_LABEL_RE = re.compile(r"^((?:Điều|ĐIỀU)\s+)?l(?=[.:)]\s)", re.MULTILINE)
#: a written date whose day, month or year holds 'l' or 'O' ("ngày 1O tháng 3 năm 2O25"):
#: one pattern for "ngày" found by its "ày" and one for "NGÀY", each led by a literal, which
#: re scans for fast (over the 142 shared laws 10 ms for both against 76 ms for a case-blind
#: "ngày"); the slips are after the match's start
_DATE_TAIL = r"\s+[\dlO]{1,2}\s+(?i:tháng)\s+[\dlO]{1,2}\s+(?i:năm)\s+[\dlO]{4}(?!\w)"
_DATE_RES = (re.compile(r"ày(?<=[Nn]gày)" + _DATE_TAIL), re.compile("NGÀY" + _DATE_TAIL))
#: a Roman part "l." (lower-case L read for I) heading a line in capitals: at the text's
#: start, and after a line break (a literal first, which re scans for fast: 6 against 43 ms
#: over the 142 shared laws for the same pattern led by "^")
_ROMAN_L_RE = re.compile(r"l[.:/-][ \t]*(\S[^\n]{3,})$", re.MULTILINE)
_ROMAN_L_NEXT_RE = re.compile(r"\nl[.:/-][ \t]*(\S[^\n]{3,})$", re.MULTILINE)
#: the part II after it
_ROMAN_II_RE = re.compile(r"^II[.:/-]\s", re.MULTILINE)


#: a number of a date's slot holding 'l' or 'O'
_SLOT_RE = re.compile(r"\d*[lO][\dlO]*|\d+[lO]")


def _digits(m: re.Match[str]) -> str:
    return m.group().replace("l", "1").replace("O", "0")


def _roman_l(text: str) -> tuple[int, int] | None:
    """Where the first Roman part "l." in capitals stands: (its "l", its line's end)."""
    m = _ROMAN_L_RE.match(text)
    if m is not None and m.group(1).isupper():
        return 0, m.end()
    for m in _ROMAN_L_NEXT_RE.finditer(text):
        if m.group(1).isupper():
            return m.start() + 1, m.end()
    return None


def _ungated(text: str) -> str:
    """``text`` with the slips no gate is needed for mended (a date, a Roman part ``l.``)."""
    for date_re in _DATE_RES:
        text = date_re.sub(lambda m: _SLOT_RE.sub(_digits, m.group()), text)
    roman = _roman_l(text)
    if roman is not None and _ROMAN_II_RE.search(text, roman[1]):
        text = text[: roman[0]] + "I" + text[roman[0] + 1 :]
    return text


@cache
def _rule() -> tuple[dict[str, Any], re.Pattern[str]]:
    rule = load_table("cleanup")["ocr_slips"]
    phrases = {k: v for k, v in rule["phrases"].items() if k != v}
    rx = re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))
    return {**rule, "phrases": phrases}, rx


def ocr_mended(raw: str) -> str | None:
    """``raw`` with the OCR slips mended (see the module docstring), or ``None`` when its
    first ``gate_chars`` characters hold none of the slip phrases (nearly every text)."""
    rule, rx = _rule()
    if rx.search(raw, 0, rule["gate_chars"]) is None:
        text = _ungated(raw)
        return text if text != raw and len(text) == len(raw) else None
    text = _ungated(raw)
    text = rx.sub(lambda m: rule["phrases"][m.group()], text)
    text = _DIGITS_RE.sub(_digits, text)
    text = _LABEL_RE.sub(lambda m: (m.group(1) or "") + "1", text)
    return text if len(text) == len(raw) else None


__all__ = ["ocr_mended"]
