"""One grammar for dates as Vietnamese documents write them.

A date is day, month, year in that order, the parts separated either by the words
``tháng`` (month) and ``năm`` (year) or by ``/``, ``-`` or ``.``; spaces may surround the
separators, and a form sometimes keeps a slash before the word ("ngày 19 / tháng 11 năm
2025"). A date never runs over a line break. :data:`DATE_PATTERN` is that grammar as a regular
expression fragment with the groups ``d``, ``m``, ``y``; the other patterns here put cue words
around it, and the data tables refer to it as ``$date`` (:func:`vbpl.lexicon.patterns.expand`).

>>> first_date("Hà Nội, ngày 4 tháng 11 năm 2013"), first_date("04-11-2013")
(datetime.date(2013, 11, 4), datetime.date(2013, 11, 4))
>>> first_date("ngày 19 / tháng 11 năm 2025"), first_date("ngày 31/02/2023")
(datetime.date(2025, 11, 19), None)
"""

from __future__ import annotations

import re
from datetime import date

#: horizontal white space (a date never crosses a line)
_SP = r"[^\S\n]*"

#: the pieces of a date, in order; the separators are words (tháng, năm) or punctuation
#: (/ - .), at least one between two numbers ("4 11 2013" is not a date)
_DAY = r"(?<!\d)(?P<d>\d{1,2})"  # 4, 04
_DAY_SEP = rf"{_SP}(?:[/.\-]{_SP}(?:tháng{_SP})?|tháng{_SP})"  # "/", "tháng", "/ tháng"
#: months in words, as some Party documents date them ("ngày 10 tháng Bảy năm 2024"): the
#: name after "tháng" -> its number; longer names first so that "Mười một" beats "Mười"
MONTH_WORDS: dict[str, int] = {
    "giêng": 1,
    "mười một": 11,
    "mười hai": 12,
    "mười": 10,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "chạp": 12,
}
_MONTH_WORD = "(?i:" + "|".join(w.replace(" ", _SP) for w in MONTH_WORDS) + r")(?!\w)"
_MONTH = rf"(?P<m>\d{{1,2}}|(?<=tháng ){_MONTH_WORD}|(?<=Tháng ){_MONTH_WORD})"
_MONTH_SEP = rf"{_SP}(?:[/.\-]{_SP}(?:năm{_SP})?|năm{_SP})"  # "/", "năm", "/ năm"
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"  # 1945 … 2099
#: a date as a regular expression fragment (not verbose: it goes inside other patterns)
DATE_PATTERN = _DAY + _DAY_SEP + _MONTH + _MONTH_SEP + _YEAR
#: the written form alone, as the place-and-date line of a header and the passing statement
#: of a law write it: "4 tháng 11 năm 2013" (a slash may precede the words: "19 / tháng 11")
WRITTEN_DATE_PATTERN = (
    _DAY + rf"{_SP}(?:/{_SP})?tháng{_SP}" + _MONTH + rf"{_SP}(?:/{_SP})?năm{_SP}" + _YEAR
)
#: any date in running text; "Tháng" and "Năm" may be capitalised
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)

#: "có hiệu lực (thi hành) (kể) từ ngày <date>": the date a document takes effect
EFFECTIVE_RE = re.compile(
    r"có hiệu lực(?: thi hành)?(?: (?:kể )?từ| kể từ)? ngày" + _SP + DATE_PATTERN
)
#: "có hiệu lực (thi hành) (kể) từ ngày ký / ban hành / thông qua": takes effect on the date
#: of issue (a council's resolution is dated the day its session passes it)
EFFECTIVE_SIGNED_RE = re.compile(
    r"có hiệu lực(?: thi hành)?(?: kể)? từ ngày (?:ký(?! kết)|ban hành|thông qua)(?!\w)"
)
#: examples: text -> whether it says the document takes effect on its own date
EFFECTIVE_SIGNED_EXAMPLES: dict[str, bool] = {
    "Quyết định này có hiệu lực kể từ ngày ký.": True,
    "Thông tư có hiệu lực thi hành từ ngày ban hành": True,
    "Nghị quyết này có hiệu lực kể từ ngày thông qua.": True,
    "có hiệu lực từ ngày thông qua ngày 19 tháng 12 năm 2024": True,
    "có hiệu lực từ ngày ký kết hợp đồng": False,
}
#: "thông qua ngày <date>": the date a law was passed (the tail of a law)
PASSED_RE = re.compile(r"thông qua ngày" + _SP + WRITTEN_DATE_PATTERN)

#: examples: text -> first date (ISO) or None; the tests check every one
EXAMPLES: dict[str, str | None] = {
    "ngày 04/11/2013": "2013-11-04",
    "ngày 4 tháng 11 năm 2013": "2013-11-04",
    "04-11-2013": "2013-11-04",
    "4.11.2013": "2013-11-04",
    "ngày 19 / tháng 11 năm 2025": "2025-11-19",
    "Hà Nội, ngày   05 tháng 4 năm 2016": "2016-04-05",
    "ngày 31/02/2023": None,
    "ngày 12 tháng 6\nnăm 2015": None,
    "Điều 4 11 2013": None,
    "số 123/2013": None,
    "Hà Tĩnh, ngày 10 tháng Bảy năm 2024": "2024-07-10",
    "ngày 5 tháng Mười một năm 2023": "2023-11-05",
    "ngày 5 tháng mười năm 2023": "2023-10-05",
    "ngày 20 tháng Năm năm 2024": "2024-05-20",
    "ngày 15 tháng Giêng năm 2025": "2025-01-15",
    "ngày 1/Bảy/2024": None,
}


def make_date(y: str, m: str, d: str) -> date | None:
    """A date from year, month, day strings, or ``None`` when they are not a real date.

    >>> make_date("2023", "12", "22"), make_date("2023", "2", "30")
    (datetime.date(2023, 12, 22), None)
    """
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def date_of(m: re.Match[str]) -> date | None:
    """The date a match of one of this module's patterns holds (groups ``d``, ``m``, ``y``).

    >>> date_of(DATE_RE.search("ngày 22/12/2023"))
    datetime.date(2023, 12, 22)
    """
    month = m["m"]
    if not month.isdigit():  # a month in words: "Bảy", "Mười một"
        month = str(MONTH_WORDS.get(" ".join(month.lower().split()), 0))
    return make_date(m["y"], month, m["d"])


def first_date(text: str) -> date | None:
    """The first date written in ``text``, else ``None`` (also when it is not a real date).

    >>> first_date("Thứ 6, Ngày 01/11/2024"), first_date("không rõ")
    (datetime.date(2024, 11, 1), None)
    """
    m = DATE_RE.search(text)
    return date_of(m) if m is not None else None


__all__ = [
    "DATE_PATTERN",
    "DATE_RE",
    "EFFECTIVE_RE",
    "EFFECTIVE_SIGNED_EXAMPLES",
    "EFFECTIVE_SIGNED_RE",
    "EXAMPLES",
    "MONTH_WORDS",
    "PASSED_RE",
    "WRITTEN_DATE_PATTERN",
    "date_of",
    "first_date",
    "make_date",
]
