"""Fold Vietnamese text to ASCII for matching: diacritics dropped, ``đ`` -> ``d``.

Used for the folded search field (``nghi quyet`` finds ``nghị quyết``) and for matching
names and numbers typed without diacritics. Folding keeps the length of NFC text, so offsets
into the folded text are offsets into the original.

>>> fold("Nghị quyết số 13/2023/NĐ-CP về Đất đai")
'Nghi quyet so 13/2023/ND-CP ve Dat dai'
>>> len(fold("Đường")) == len("Đường")
True
"""

from __future__ import annotations

import unicodedata


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {0x0110: "D", 0x0111: "d", 0x00D0: "D", 0x00F0: "d"}
    for cp in range(0x00C0, 0x1F00):
        ch = chr(cp)
        if cp in table:
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch and len(base) == 1 and base.isascii():
            table[cp] = base
    return table


_TABLE = _build_table()


def fold(text: str) -> str:
    """``text`` with Vietnamese diacritics removed and ``đ``/``Đ`` mapped to ``d``/``D``."""
    return text.translate(_TABLE)


__all__ = ["fold"]
