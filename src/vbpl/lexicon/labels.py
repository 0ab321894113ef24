"""Labels of numbered units: point letters (điểm a, b, c, d, đ, e …) and roman numerals.

Points (điểm) are lettered in the order of the Vietnamese alphabet without the letters it
lacks (f, j, w, z): a b c d đ e g h i k l m n o p q r s t u v x y. Parts, chapters and
sections are often numbered in roman numerals. Word list numbering and HTML ``<ol>`` counters
are rendered with the same sequences (:func:`format_counter`), so a rebuilt label matches the
text the author meant.

>>> point_letter(5), point_letter(6), point_letter(24)
('đ', 'e', 'aa')
>>> roman(19), roman_value("XIX"), roman_value("Điều")
('xix', 19, None)
"""

from __future__ import annotations

#: the letters of điểm (points), in order: no f, j, w, z
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
#: the roman digits read in labels (D and M are upper-case letter labels: Mục A, B, C, D)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def point_letter(n: int) -> str:
    """The ``n``-th point letter (1 = a), doubled after y as Word does (aa, bb, …)."""
    if n < 1:
        return str(n)
    k = len(POINT_LETTERS)
    return POINT_LETTERS[(n - 1) % k] * ((n - 1) // k + 1)


def roman(n: int) -> str:
    """Lower-case roman numeral of ``n`` (``n`` itself when < 1).

    >>> roman(4), roman(400)
    ('iv', 'cd')
    """
    if n < 1:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def roman_value(s: str) -> int | None:
    """The value of an upper-case roman numeral made of I V X L C, else ``None``.

    >>> roman_value("XIV"), roman_value("D")
    (14, None)
    """
    if not s or any(c not in _ROMAN_VALUES for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN_VALUES[c]
        total += -v if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v else v
    return total


def format_counter(n: int, fmt: str) -> str:
    """Counter ``n`` in a list-numbering format (Word's ``numFmt`` names).

    >>> [format_counter(5, f) for f in ("decimal", "lowerLetter", "upperRoman", "decimalZero")]
    ['5', 'đ', 'V', '05']
    """
    if fmt == "lowerLetter":
        return point_letter(n)
    if fmt == "upperLetter":
        return point_letter(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


__all__ = ["POINT_LETTERS", "format_counter", "point_letter", "roman", "roman_value"]
