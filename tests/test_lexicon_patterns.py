"""Pattern pieces: the prefix tree of literal phrases matches as the plain alternation does."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl.lexicon.patterns import literal_alternation

_LETTERS = "abcăđ ."
_phrases = st.lists(st.text(_LETTERS, min_size=1, max_size=5), min_size=1, max_size=8)


def _plain(phrases: list[str]) -> str:
    return "(?:" + "|".join(map(re.escape, phrases)) + ")"


@settings(max_examples=400, deadline=None)
@given(_phrases, st.text(_LETTERS, max_size=40), st.booleans())
def test_same_matches_as_the_plain_alternation(
    phrases: list[str], text: str, by_length: bool
) -> None:
    if by_length:  # the order the cue tables use: longest first
        phrases = sorted(phrases, key=len, reverse=True)
    for wrap in ("{}", r"(?<!\w){}(?!\w)", r"\s*{}\s*$"):
        tree = re.compile(wrap.format(literal_alternation(phrases)))
        plain = re.compile(wrap.format(_plain(phrases)))
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]


TABLE = [
    (["căn cứ", "cấp", "theo"], "theo căn cứ", ["theo", "căn cứ"]),
    (["ab", "a", "abc"], "abc", ["ab"]),  # order kept: "ab" is tried before "abc"
    (["abc", "ab", "a"], "abc ab a", ["abc", "ab", "a"]),
    (["x"], "axb", ["x"]),
]


def test_table() -> None:
    for phrases, text, found in TABLE:
        assert re.findall(literal_alternation(phrases), text) == found
