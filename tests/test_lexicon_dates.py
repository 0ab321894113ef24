"""The date grammar: tests generated from the examples of :mod:`vbpl.lexicon.dates`, and
round trips of every written form (hypothesis)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vbpl.lexicon.dates import (
    EFFECTIVE_RE,
    EFFECTIVE_SIGNED_EXAMPLES,
    EFFECTIVE_SIGNED_RE,
    EXAMPLES,
    MONTH_WORDS,
    PASSED_RE,
    date_of,
    first_date,
)
from vbpl.lexicon.patterns import expand


@pytest.mark.parametrize(("text", "iso"), list(EXAMPLES.items()))
def test_examples(text: str, iso: str | None) -> None:
    d = first_date(text)
    assert (d.isoformat() if d else None) == iso


FORMS = [
    "ngày {d} tháng {m} năm {y}",
    "ngày {d:02d} tháng {m:02d} năm {y}",
    "{d:02d}/{m:02d}/{y}",
    "{d}-{m}-{y}",
    "{d}.{m}.{y}",
    "{d} / {m} / {y}",
    "ngày {d} / tháng {m} năm {y}",
    "Ngày {d} Tháng {m} Năm {y}",
]


@given(st.dates(date(1945, 1, 1), date(2099, 12, 31)), st.sampled_from(FORMS))
def test_every_form_round_trips(d: date, form: str) -> None:
    text = "Hà Nội, " + form.format(d=d.day, m=d.month, y=d.year) + " của Chính phủ"
    assert first_date(text) == d


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2024.", "2024-07-01"),
        ("Luật này có hiệu lực từ ngày 1/1/2025.", "2025-01-01"),
        ("Thông tư có hiệu lực kể từ ngày 15-02-2023", "2023-02-15"),
    ],
)
def test_effective(text: str, iso: str) -> None:
    m = EFFECTIVE_RE.search(text)
    assert m is not None and date_of(m) == date.fromisoformat(iso)


@given(
    st.dates(date(1945, 1, 1), date(2099, 12, 31)),
    st.sampled_from(sorted(MONTH_WORDS)),
    st.booleans(),
)
def test_month_in_words_round_trips(d: date, word: str, capital: bool) -> None:
    """ "ngày 10 tháng Bảy năm 2024": the month named after "tháng", any case."""
    name = word.capitalize() if capital else word
    text = f"Hà Tĩnh, ngày {d.day} tháng {name} năm {d.year}"
    want = d.replace(day=1).replace(month=MONTH_WORDS[word])
    try:
        want = want.replace(day=d.day)
    except ValueError:  # 31 in a shorter month: no date
        assert first_date(text) is None
        return
    assert first_date(text) == want


@pytest.mark.parametrize(("text", "signed"), list(EFFECTIVE_SIGNED_EXAMPLES.items()))
def test_effective_on_own_date(text: str, signed: bool) -> None:
    assert bool(EFFECTIVE_SIGNED_RE.search(text)) == signed


def test_passed() -> None:
    m = PASSED_RE.search("Luật này đã được Quốc hội thông qua ngày 20 tháng 11 năm 2014.")
    assert m is not None and date_of(m) == date(2014, 11, 20)


def test_expand_substitutes_the_grammar() -> None:
    assert "$" not in expand("[Nn]gày $date$")[:-1]
    with pytest.raises(KeyError):
        expand("$nothing")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Hà Nội, ngày 4 tháng 11 năm 2013", True),
        ("ngày 19 / tháng 11 năm 2025", True),
        ("Tại phiên họp ngày 28/2/2025", False),
    ],
)
def test_written_form(text: str, written: bool) -> None:
    import re

    assert bool(re.search(expand("ngày $written_date"), text)) is written
