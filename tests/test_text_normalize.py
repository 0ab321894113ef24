"""Text normalisation: NFC, Ð -> Đ, spaces, tone-mark placement, and the offset map."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl.text.fold import fold
from vbpl.text.normalize import normalize, normalize_text, place_tone_marks


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # NFC: decomposed tone marks are composed
        ("quye\u0302\u0301t", "quyết"),
        ("Nghi\u0323 quye\u0302\u0301t", "Nghị quyết"),
        # Ð (U+00D0) and ð -> Đ đ, in words and numbers
        ("13/2023/NÐ-CP", "13/2023/NĐ-CP"),
        ("Ðiều 5, ðất", "Điều 5, đất"),
        # spaces: non-breaking, tabs, runs, line edges
        ("Luật   số:\u00a0 80/2015/QH13", "Luật số: 80/2015/QH13"),
        ("a\tb", "a b"),
        ("  Điều 1.  \n   1. Khoản  ", "Điều 1.\n1. Khoản"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("a\u200bb\u00adc", "abc"),
        ("\ufeffĐiều 1", "Điều 1"),
        # one tone-mark placement: oa, oe, uy open syllables carry the mark on the first vowel
        ("hoà bình", "hòa bình"),
        ("Hoà", "Hòa"),
        ("HOÀ", "HÒA"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("hoá học", "hóa học"),
        ("luỹ kế", "lũy kế"),
        # closed syllables and qu- are left alone; quí is a spelling, kept
        ("hoàn thành", "hoàn thành"),
        ("quý", "quý"),
        ("quí", "quí"),
        ("thuyết", "thuyết"),
        ("", ""),
    ],
)
def test_normalize_table(raw: str, text: str) -> None:
    assert normalize_text(raw) == text


@pytest.mark.parametrize(
    ("raw", "word"),
    [
        ("Nghị  quyết số 13/2023/NÐ-CP", "quyết"),
        ("  \u00a0hoà bình   Điều 5", "Điều"),
        ("Ngh\u1ecb quye\u0302\u0301t s\u1ed1 5", "số"),
        ("a\r\n\r\nĐiều 7", "Điều"),
    ],
)
def test_offsets_map_back_to_the_raw_word(raw: str, word: str) -> None:
    n = normalize(raw)
    i = n.text.index(word)
    r = n.to_raw(i)
    assert unicodedata.normalize("NFC", raw[r : r + len(word) + 2]).startswith(word[:2])


def test_clean_text_gets_an_identity_map() -> None:
    n = normalize("Điều 1. Phạm vi\n1. Khoản")
    assert n.offsets.norm == (0,) and n.to_raw(7) == 7


_ALPHABET = st.sampled_from(
    list(" \t\u00a0\u2003\n\r\u200b\ufeffoòóuúyýỳaàáeèéqQÐðĐđ\u0301\u0300\u0323x.,:-/0123456789")
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_normalized_text_properties(raw: str) -> None:
    n = normalize(raw)
    t = n.text
    assert unicodedata.is_normalized("NFC", t)
    assert "\r" not in t and "\u00d0" not in t and "\u00a0" not in t and "\t" not in t
    assert "  " not in t.replace("\u200b", "")  # runs of spaces become one
    for line in t.split("\n"):
        assert line == line.strip(" ")
    assert normalize_text(t) == t  # idempotent


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_offset_map_is_monotone_and_lands_on_the_same_letter(raw: str) -> None:
    n = normalize(raw)
    prev = 0
    for i, c in enumerate(n.text):
        r = n.to_raw(i)
        assert 0 <= r <= len(raw)
        assert r >= prev
        prev = r
        if c in "x.,:-/0123456789":
            assert raw[r] == c


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_normalizes(raw: str) -> None:
    n = normalize(raw)
    assert normalize_text(n.text) == n.text

    # NFC is guaranteed for Latin script and its combining marks (Vietnamese); compositions
    # that change length elsewhere (Hebrew U+FB2A, Hangul jamo) are left as they are
    def latin(c: str) -> bool:
        o = ord(c)
        return o < 0x250 or 0x300 <= o < 0x370 or 0x1E00 <= o < 0x1F00 or c in "\u200b\ufeff\u00a0"

    if all(latin(c) for c in raw):
        assert unicodedata.is_normalized("NFC", n.text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.one_of(_ALPHABET, st.sampled_from(list("oOuàÀẻỷ\n\n"))), max_size=120),
    st.integers(min_value=1, max_value=12),
)
def test_text_built_in_blocks_is_the_text_built_at_once(raw: str, block: int) -> None:
    # normalize builds its output in blocks ending at a line break (bounded memory); tiny
    # blocks must give exactly the text and offsets of one block for the whole text
    import importlib

    # the module itself: vbpl.text exports the function under the same name
    nz = importlib.import_module("vbpl.text.normalize")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(nz, "_BLOCK", 1 << 40)
        whole = normalize(raw)
        mp.setattr(nz, "_BLOCK", block)
        blocks = normalize(raw)
    assert blocks == whole


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        ("hoà thuận, thuỷ lợi, khoẻ, quý", "hòa thuận, thủy lợi, khỏe, quý"),
        ("QUỲ", "QUỲ"),
        ("xoà", "xòa"),
    ],
)
def test_place_tone_marks_is_length_preserving(text: str, placed: str) -> None:
    assert place_tone_marks(text) == placed
    assert len(place_tone_marks(text)) == len(text)


def test_long_lines_and_many_changes_are_linear_enough() -> None:
    raw = ("Điều  1.   hoà\u00a0bình  \n" * 20000) + "x"
    n = normalize(raw)
    assert n.text.count("\n") == 20000 and "hòa bình" in n.text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nghị quyết số 13/2023/NĐ-CP về Đất đai", "Nghi quyet so 13/2023/ND-CP ve Dat dai"),
        ("Ðiều", "Dieu"),
        ("thủy lợi", "thuy loi"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert len(fold(text)) == len(text)
