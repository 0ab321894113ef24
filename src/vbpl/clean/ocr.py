"""Letters and digits an image OCR misread in a document, mended in place.

Reads: the raw text. Writes: the text with the slips of ``ocr_slips`` (data/cleanup.json)
mended in a text whose first lines hold one of them (an OCR text): header words no
Vietnamese text contains (``ĐÁNG CỘNG SÁN``, ``CHÁP HÀNH``, ``TRUNG Ư0NG``, ``QUYÉT``), and
``l`` and ``O`` read for 1 and 0 inside numbers (``ngày l5``,
``1O tháng``, ``1l4-QĐ/HU``, a label ``l.``, ``Điều l.``). Every replacement has the length
of what it replaces, so every offset stays.

>>> ocr_mended("BAN CHÁP HÀNH TRUNG Ư0NG\\nngày l5 tháng 5\\nl. Nội dung")
'BAN CHẤP HÀNH TRUNG ƯƠNG\\nngày 15 tháng 5\\n1. Nội dung'
>>> ocr_mended("BAN CHẤP HÀNH TRUNG ƯƠNG\\nngày 15 tháng 5") is None
True
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
        return None
    text = rx.sub(lambda m: rule["phrases"][m.group()], raw)
    text = _DIGITS_RE.sub(lambda m: m.group().replace("l", "1").replace("O", "0"), text)
    text = _LABEL_RE.sub(lambda m: (m.group(1) or "") + "1", text)
    return text if len(text) == len(raw) else None


__all__ = ["ocr_mended"]
