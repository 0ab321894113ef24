"""Spans of the public API index the caller's own string, whatever the normaliser changed.

``vbpl.find_references(text)`` normalises ``text`` (NFC, spaces, zero-width characters,
tone-mark placement) before finding references; the offset map of :mod:`vbpl.text.normalize`
takes every span back to ``text``, so that ``text[r.span.start:r.span.end]`` is the mention.
``vbpl.parse`` keeps the map on the Document (:meth:`Document.source_span`); its JSON offsets
keep indexing the normalised ``Document.text``.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vbpl
from vbpl.errors import ParseError
from vbpl.model import Metadata
from vbpl.pipeline import read_source
from vbpl.text.normalize import normalize_text

MENTIONS = [
    "Nghị định số 13/2023/NĐ-CP",
    "Luật Doanh nghiệp số 59/2020/QH14 ngày 17 tháng 6 năm 2020",
    "điểm a khoản 2 Điều 5 Nghị định số 15/2022/NĐ-CP",
    "Nghị quyết số 45-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương",
    "Thông tư 05/2024/TT-BGDĐT",
    "Bộ luật Dân sự năm 2015",
    "Quyết định số 1234/QĐ-TTg",
    "Chỉ thị số 20-CT/TW",
]
FILLERS = ["theo", "căn cứ", "thực hiện", "và", "hòa bình, thủy lợi;", "quy định tại", "."]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060"]
SPACES = ["  ", " \u00a0", "\t", "\u2003 ", "   "]

_SPACE_OR_ZW = set(" \t\u00a0\u2003" + "".join(ZERO_WIDTH))


@st.composite
def noisy_texts(draw: st.DrawFn) -> tuple[str, str]:
    """A clean sentence of fillers and real mentions, and the same sentence with double spaces,
    zero-width characters and decomposed (NFD) letters inserted at random places."""
    words = draw(
        st.lists(st.one_of(st.sampled_from(MENTIONS), st.sampled_from(FILLERS)), min_size=1)
    )
    clean = " ".join(words)
    n = len(clean)
    nfd = draw(st.sets(st.integers(0, n - 1)))
    zw = draw(st.dictionaries(st.integers(0, n), st.sampled_from(ZERO_WIDTH)))
    wide = draw(st.dictionaries(st.integers(0, n - 1), st.sampled_from(SPACES)))
    parts = []
    for i, c in enumerate(clean):
        parts.append(zw.get(i, ""))
        if c == " " and i in wide:
            c = wide[i]
        elif i in nfd:
            c = unicodedata.normalize("NFD", c)
        parts.append(c)
    parts.append(zw.get(n, ""))
    return clean, "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noisy_texts())
def test_find_references_spans_slice_the_callers_text(pair: tuple[str, str]) -> None:
    clean, noisy = pair
    assert normalize_text(noisy) == normalize_text(clean)
    expected = vbpl.find_references(clean)
    found = vbpl.find_references(noisy)
    assert [r.number for r in found] == [r.number for r in expected]
    for r in found:
        piece = noisy[r.span.start : r.span.end]
        assert normalize_text(piece) == r.text, (piece, r.text)
        # the span is tight: no dropped character or space at either end, no mark cut off
        assert piece[0] not in _SPACE_OR_ZW and piece[-1] not in _SPACE_OR_ZW, repr(piece)
        after = noisy[r.span.end : r.span.end + 1]
        assert not (after and unicodedata.combining(after)), repr(piece + after)


def test_find_references_on_clean_text_keeps_offsets() -> None:
    text = "căn cứ Nghị định số 13/2023/NĐ-CP"
    [r] = vbpl.find_references(text)
    assert text[r.span.start : r.span.end] == "Nghị định số 13/2023/NĐ-CP"


@pytest.mark.parametrize(
    "text",
    [
        "Điều 1.  Căn cứ  Nghị định  số 13/2023/NĐ-CP",
        "Điều 1. Căn cứ Nghi\u0323 đi\u0323nh số 13/2023/NĐ-CP",
        "Điều 1. Căn cứ\u200b Nghị định số\u00ad 13/2023/NĐ-CP\u200b",
    ],
)
def test_document_maps_reference_spans_back_to_the_parsed_text(text: str) -> None:
    doc = vbpl.parse(text)
    [r] = [r for r in doc.references if r.number]
    assert doc.text[r.span.start : r.span.end] == r.text  # JSON offsets: the normalised text
    back = doc.source_span(r.span)
    assert normalize_text(text[back.start : back.end]) == r.text
    assert text[back.start] == "N"


def test_parse_metadata_wins_over_the_parsed_fields() -> None:
    text = "BỘ Y TẾ\nSố: 1/2020/TT-BYT\nTHÔNG TƯ\nĐiều 1. Phạm vi"
    doc = vbpl.parse(text, metadata=Metadata(number="2/2021/TT-BYT", signer="Nguyễn Văn A"))
    assert doc.metadata.number == "2/2021/TT-BYT" and doc.metadata.signer == "Nguyễn Văn A"
    assert doc.metadata.doc_type == vbpl.parse(text).metadata.doc_type  # the rest is parsed


@pytest.mark.parametrize(
    ("data", "encoding", "fmt"),
    [
        ("Điều 1. Phạm vi".encode(), "utf-8", "text"),
        ("Điều 1. Phạm vi".encode("utf-8-sig"), "utf-8-sig", "text"),
        ("Điều 1. Phạm vi".encode("utf-16"), "utf-16", "text"),
        ("<html><body><p>Điều 1. Phạm vi</p></body></html>".encode(), "utf-8", "html"),
    ],
)
def test_read_source_decodes_and_chooses_the_reader_by_content(
    data: bytes, encoding: str, fmt: str
) -> None:
    src = read_source(data, name="x")
    assert (src.encoding, src.extracted.format) == (encoding, fmt)
    assert "Điều 1. Phạm vi" in src.extracted.text


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\u200b\ufeff"])
def test_text_with_nothing_to_parse_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError, match="no text to parse"):
        vbpl.parse(text)
    with pytest.raises(ParseError):
        vbpl.parse_bytes(text.encode("utf-8"), source="empty.txt")
