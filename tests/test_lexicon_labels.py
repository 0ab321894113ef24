"""Labels of numbered units: point letters and roman numerals round trip."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vbpl.lexicon.labels import POINT_LETTERS, format_counter, point_letter, roman, roman_value


@given(st.integers(1, 399))
def test_roman_round_trips(n: int) -> None:
    assert roman_value(roman(n).upper()) == n
    assert format_counter(n, "upperRoman") == roman(n).upper()


def test_point_letters_skip_the_letters_vietnamese_lacks() -> None:
    assert [point_letter(i) for i in range(1, 24)] == list(POINT_LETTERS)
    assert not set("fjwz") & set(POINT_LETTERS)
    assert point_letter(24) == "aa" and point_letter(0) == "0"


def test_upper_alpha_labels_are_not_roman() -> None:
    assert roman_value("D") is None and roman_value("M") is None and roman_value("") is None
