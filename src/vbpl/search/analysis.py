"""Vietnamese analysis for the search index: text -> syllable tokens, folded tokens, bigrams.

Reads: any ``str`` (document text, a query). Writes: lists of tokens. Both engines index the
space-joined output of these functions with a plain whitespace tokenizer, so that whoosh and
tantivy see exactly the same tokens and a query is analysed by the same code as the text.

What it does, in order:

* normalise (:func:`vbpl.text.normalize.normalize_text`: NFC **first** — decomposed input
  would split "quyết" in two — ``Ð`` -> ``Đ``, one tone-mark placement ``hoà`` -> ``hòa``);
* lowercase, split into syllables (``[^\\W_]+``; one-letter syllables such as "y" in "y tế"
  and "ở" are kept; no stop words, no stemming);
* unify the *i/y* spelling of open syllables after ``h k l m t qu`` (``lí`` -> ``lý``,
  ``kĩ`` -> ``kỹ``, ``quí`` -> ``quý``), which Vietnamese writes both ways;
* :func:`folded` gives the ASCII form of each token (``nghị`` -> ``nghi``, ``đ`` -> ``d``)
  for the folded field; :func:`bigrams` joins neighbouring syllables (``nghị_quyết``), the
  word-level ranking signal measured in ``docs/search.md``;
* :func:`query_numbers` finds things typed like document numbers (số ký hiệu) in a query,
  :func:`cited_numbers` the numbers a text cites, and :func:`query_number_key` reduces one to a
  lookup key (``45/NQ-TW`` -> ``45nqtw``), so that typed variants meet.

>>> syllables("Nghị quyết số 45-NQ/TW về xây dựng đội ngũ trí thức")
['nghị', 'quyết', 'số', '45', 'nq', 'tw', 'về', 'xây', 'dựng', 'đội', 'ngũ', 'trí', 'thức']
>>> folded(["nghị", "quyết", "đội"])
['nghi', 'quyet', 'doi']
>>> bigrams(["giáo", "dục", "đào", "tạo"])
['giáo_dục', 'dục_đào', 'đào_tạo']
>>> query_numbers("theo Nghị định số 13/2023/NĐ-CP và Nghị quyết 45-NQ/TW.")
['13/2023/NĐ-CP', '45-NQ/TW']
>>> number_key("45/NQ-TW") == number_key("45-NQ/TW")
True
"""

from __future__ import annotations

import itertools
import re

from vbpl.lexicon.numbers import canonical_number, find_numbers, number_key
from vbpl.text.fold import fold
from vbpl.text.normalize import normalize_text

_SYLLABLE_RE = re.compile(r"[^\W_]+")

# i/y spelling variants of an open syllable after h, k, l, m, t or qu: lí/lý, kĩ/kỹ, quí/quý
_I_TO_Y: dict[str, str] = {
    onset + i: onset + y
    for onset in ("h", "k", "l", "m", "t", "qu")
    for i, y in zip("iìíỉĩị", "yỳýỷỹỵ", strict=True)
}

#: a document number (số ký hiệu): digits, optionally /year, then code parts with a letter
#: (45-NQ/TW, 13/2023/NĐ-CP, 128-HD/BTGTW, 80/2015/QH13, 1234/QĐ-TTg, 21-LCT/HĐNN8)
_NUMBER_RE = re.compile(
    r"(?<![\w/-])\d{1,5}[a-zA-Z]?(?:/\d{4})?(?:[-/][^\W_]+)*[-/][^\W\d_][^\W_]*(?:[-/.][^\W_]+)*"
)


def prepare(text: str) -> str:
    """Normalised, lowercased text (same length as the normalised text).

    >>> prepare("HOÀ BÌNH  và Thuỷ lợi")
    'hòa bình và thủy lợi'
    """
    return normalize_text(text).lower()


def unify_spelling(token: str) -> str:
    """One spelling for syllables written with *i* or *y* (``lí`` -> ``lý``).

    >>> [unify_spelling(t) for t in ("lí", "kĩ", "quí", "hi", "tin", "mỹ")]
    ['lý', 'kỹ', 'quý', 'hy', 'tin', 'mỹ']
    """
    return _I_TO_Y.get(token, token)


def tokens_of_prepared(prepared: str) -> list[str]:
    """Syllable tokens of text already passed through :func:`prepare`."""
    get = _I_TO_Y.get
    return [get(t, t) for t in _SYLLABLE_RE.findall(prepared)]


def syllables(text: str) -> list[str]:
    """Lowercased syllable tokens of ``text``, in order (positions = list indexes)."""
    return tokens_of_prepared(prepare(text))


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """``(token, start, end)`` for every syllable of already normalised ``text``.

    Offsets index ``text`` itself, so snippets can highlight the original characters.

    >>> token_spans("Điều 5. Hiệu lực")
    [('điều', 0, 4), ('5', 5, 6), ('hiệu', 8, 12), ('lực', 13, 16)]
    """
    return [
        (unify_spelling(m.group().lower()), m.start(), m.end()) for m in _SYLLABLE_RE.finditer(text)
    ]


def folded(tokens: list[str]) -> list[str]:
    """The ASCII-folded form of each token (diacritics dropped, ``đ`` -> ``d``)."""
    return fold(" ".join(tokens)).split(" ") if tokens else []


def bigrams(tokens: list[str]) -> list[str]:
    """Neighbouring syllables joined by ``_``: the word-level signal of the ranking field."""
    return [f"{a}_{b}" for a, b in itertools.pairwise(tokens)]


def is_folded(text: str) -> bool:
    """True when ``text`` carries no Vietnamese diacritics (a query typed without them).

    >>> is_folded("nghi quyet tri thuc"), is_folded("nghị quyết")
    (True, False)
    """
    return fold(text) == text


def query_numbers(text: str) -> list[str]:
    """Things that look like document numbers (số ký hiệu) in ``text``, as written, in order:
    a loose pattern for queries, where case and shape are typed any way."""
    return [m.group().rstrip(".") for m in _NUMBER_RE.finditer(text)]


def cited_numbers(text: str) -> list[str]:
    """Canonical numbers cited in normalised ``text`` (the precise grammar of
    :mod:`vbpl.lexicon.numbers`, for indexing).

    >>> cited_numbers("căn cứ Nghị quyết số 45/NQ-TW và Luật số 80/2015/QH13")
    ['45-NQ/TW', '80/2015/QH13']
    """
    return [c for _, _, c in find_numbers(text)]


def canonical(number: str) -> str:
    """The canonical form of a typed number, else the normalised input.

    >>> canonical("45/nq-tw"), canonical("nq 45")
    ('45-NQ/TW', 'nq 45')
    """
    text = normalize_text(number).strip()
    return canonical_number(text) or text


def query_number_key(number: str) -> str:
    """The lookup key of a number as typed in a query (:func:`vbpl.lexicon.numbers.number_key`
    after normalisation): typed variants of
    one number share it.

    >>> query_number_key("13/2023/nđ-cp"), query_number_key("45/NQ-TW"), query_number_key("45-NQ/TƯ")
    ('132023ndcp', '45nqtw', '45nqtw')
    """
    return number_key(normalize_text(number).strip())


def number_parts(number: str) -> list[str]:
    """Folded lowercase parts of a number, in order.

    >>> number_parts("13/2023/NĐ-CP")
    ['13', '2023', 'nd', 'cp']
    """
    return [_PART_ALIASES.get(p, p) for p in map(fold, _SYLLABLE_RE.findall(prepare(number)))]


#: parts typed two ways inside numbers: TƯ (Trung ương, folded "tu") is written TW
_PART_ALIASES = {"tu": "tw"}


__all__ = [
    "bigrams",
    "canonical",
    "cited_numbers",
    "folded",
    "is_folded",
    "number_parts",
    "prepare",
    "query_number_key",
    "query_numbers",
    "syllables",
    "token_spans",
    "tokens_of_prepared",
    "unify_spelling",
]
