"""A parsed Document holds its text once: ``raw`` kept as the normaliser's edits and the
sections' own texts as ranges of ``Document.text`` — and behaves exactly as when each was
a string of its own.

``RawEdits`` (:mod:`vbpl.text.normalize`) must rebuild the text as read from the normalised
text for every kind of edit the normaliser makes (line ends, spaces, zero-width characters,
decomposed and moved tone marks, eth, NFC singletons), and map spans back as the normaliser's
own map does. ``Document.raw`` and ``Section.text`` are then read through their slots: the
dataclass's construction, ``replace``, equality, hashing, ``repr``, pickling (``jobs=``) and
the JSON form must not see the difference.
"""

from __future__ import annotations

import copy
import pickle
from dataclasses import fields, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl.model import (
    _RAW,
    _SECTION_TEXT,
    Document,
    Metadata,
    Section,
    Span,
    own_text_range,
    share_texts,
    shared_section,
)
from vbpl.pipeline import parse, parse_bytes, parse_file
from vbpl.search.units import units
from vbpl.text.normalize import OffsetMap, RawEdits, normalize

# pieces of text, each with an edit of the normaliser (or none): joined at random
EDITED = [
    "\r\n",  # line ends
    "\r",
    "  ",  # a run of spaces
    "\u00a0",  # other spaces
    "\t",
    "\u2003 ",
    " \n",  # a space at a line's end, at its start
    "\n ",
    "\u200b",  # zero-width characters and the soft hyphen
    "\ufeff",
    "\u00ad",
    "e\u0301",  # decomposed tone marks
    "a\u0300",
    "quye\u0302\u0301t",
    "e\u200b\u0300",  # a zero-width character inside a combining cluster
    "\u0301",  # a combining mark alone
    "ND\u00d0",  # eth for đ
    "\u00f0",
    "hoà",  # tone marks moved (old style: hòa, thủy, khỏe) ...
    "thuỷ",
    "khoẻ",
    "HOÀ",
    "Thuỷ",
    "ho\u0300a",  # ... after a mark is composed
    "ho\u200bà",  # ... across a dropped zero-width space
    "quý",  # not moved
    "hoàn",
    "\u212b",  # an NFC singleton (Angstrom sign)
]
PLAIN = ["Điều 1. ", "Luật số 80/2015/QH13", "hòa bình", "a", "\n", " ", "đ", "Nghị định"]
texts = st.lists(st.sampled_from(EDITED + PLAIN), max_size=40).map("".join)


def edits_of(raw: str) -> tuple[str, RawEdits]:
    n = normalize(raw)
    return n.text, RawEdits.of(n.text, raw, n.offsets)


@given(texts)
@settings(max_examples=400, deadline=None)
def test_raw_edits_rebuild_the_text_as_read(raw: str) -> None:
    text, edits = edits_of(raw)
    assert edits.text_as_read(text) == raw
    assert edits.rebuilds(raw, text)
    assert edits.map == normalize(raw).offsets  # the normaliser's own map
    for offset in range(len(text) + 1):
        assert edits.to_raw(offset) == normalize(raw).offsets.to_raw(offset)
        assert edits.to_raw_end(offset) == normalize(raw).offsets.to_raw_end(offset)


@given(texts)
@settings(max_examples=300, deadline=None)
def test_edits_from_recorded_moves_are_the_compared_ones(raw: str) -> None:
    """The edits made from where the normaliser says marks moved are those found by
    comparing the text with the text as read (what a map without ``moved`` gives)."""
    n = normalize(raw)
    recorded = RawEdits.of(n.text, raw, n.offsets)
    compared = RawEdits.of(n.text, raw, replace(n.offsets, moved=None))
    assert list(recorded._lows) == list(compared._lows)
    assert list(recorded._highs) == list(compared._highs)
    assert recorded._pieces == compared._pieces


@given(texts, st.sampled_from(EDITED + PLAIN + ["x"]))
@settings(max_examples=200, deadline=None)
def test_rebuilds_refuses_another_text(raw: str, more: str) -> None:
    text, edits = edits_of(raw)
    other = raw + more
    assert not edits.rebuilds(other, text)
    if raw:
        assert not edits.rebuilds(raw[:-1] + ("y" if raw[-1] != "y" else "z"), text)


def test_moved_offsets_recorded() -> None:
    n = normalize("Hoà bình, thuỷ lợi, quý")
    assert n.offsets.moved == (1, 12)
    assert n.text[1:3] == "òa" and n.text[12:14] == "ủy"
    assert normalize("\u212b hoà").offsets.moved is None  # after the NFC fallback: unknown


def test_differences_in_long_stretches() -> None:
    """A map without ``moved`` over a long text: the characters that differ are found by
    halving (no loop over the characters), at both ends and in the middle."""
    raw = "hoà " + "x" * 10_000 + " thuỷ " + "y" * 5_000 + " khoẻ"
    n = normalize(raw)
    edits = RawEdits.of(n.text, raw, OffsetMap.identity(len(raw)))
    assert edits.text_as_read(n.text) == raw
    pairs = [raw.index(p) for p in ("oà", "uỷ", "oẻ")]
    assert list(zip(edits._lows, edits._highs, strict=True)) == [(p, p + 2) for p in pairs]


LAW = (
    "QUỐC HỘI\r\n"
    "Luật số: 80/2015/QH13\r\n"
    "LUẬT\r\nBAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT\r\n"
    "Chương I\r\nNHỮNG QUY ĐỊNH CHUNG\r\n"
    "Điều 1.  Phạm vi điều chỉnh\r\n"
    "Luật này quy định về hoà giải, thuỷ lợi\u00a0và khoẻ mạnh; nguyên tắc, thẩm quyền, "
    "hình thức, trình tự, thủ tục xây dựng, ban hành văn bản quy phạm pháp luật và trách "
    "nhiệm của cơ quan, tổ chức, cá nhân trong việc xây dựng, ban hành văn bản.\r\n"
    "1. Khoản một theo Nghị định số 13/2023/NÐ-CP.\r\n"
    "a) Điểm a\u200b của khoản 1: cơ quan nhà nước có thẩm quyền ở trung ương ban hành văn "
    "bản quy phạm pháp luật để quy định chi tiết điều, khoản, điểm được giao trong luật.\r\n"
    "Điều 2. Hiệu lực\r\n"
    "Luật này có hiệu lực từ ngày 01 tháng 7 năm 2016 [Điều này được sửa đổi bởi Luật 1/2020/QH14].\r\n"
) * 40


@pytest.fixture(scope="module")
def law() -> Document:
    return parse_bytes(LAW.encode("utf-8"), source="law.txt")


def test_parsed_document_keeps_edits_not_the_text(law: Document) -> None:
    assert isinstance(_RAW.__get__(law, Document), RawEdits)
    assert law.offsets is _RAW.__get__(law, Document)
    assert law.raw == LAW
    assert law.raw is not law.raw  # rebuilt on each access
    held = [_SECTION_TEXT.__get__(s, Section) for s in law.walk()]
    assert held and all(h.__class__ is not str for h in held)  # ranges of law.text


def test_source_spans_as_the_normaliser_maps_them(law: Document) -> None:
    m = normalize(LAW).offsets
    for r in law.references:
        span = law.source_span(r.span)
        assert span == Span(m.to_raw(r.span.start), m.to_raw_end(r.span.end))
        assert normalize(LAW[span.start : span.end]).text == r.text


def test_sections_texts_as_when_copied(law: Document) -> None:
    for s in law.walk():
        source, start, end = own_text_range(s)
        assert source is law.text
        assert s.text == law.text[s.span.start : end] and s.text == source[start:end]
        plain = Section(s.id, s.kind, s.label, s.heading, s.text, s.span, s.children, s.notes)
        assert plain == s and hash(plain) == hash(s) and repr(plain) == repr(s)
        assert plain.to_dict() == s.to_dict()
        assert own_text_range(plain) == (plain.text, 0, len(plain.text))


def test_replace_and_construction(law: Document) -> None:
    copied = replace(law, references=())
    assert copied.raw == LAW and copied.references == ()
    assert isinstance(_RAW.__get__(copied, Document), RawEdits)  # the edits kept again
    assert law.with_(source="x").raw == LAW
    assert isinstance(_RAW.__get__(law.with_(source="x"), Document), RawEdits)
    assert replace(law, raw="other").raw == "other"
    assert replace(law, raw=None).raw is None
    assert replace(law, text=law.text + "x").raw == LAW  # a string now: not what edits give
    assert _RAW.__get__(replace(law, text=law.text + "x"), Document).__class__ is str
    assert law.with_(raw="y").raw == "y"
    as_strings = Document(
        law.metadata,
        law.sections,
        law.references,
        law.relations,
        law.text,
        LAW,
        law.source,
        law.encoding,
        law.header,
        law.preamble,
        law.tail,
        law.notes,
        law.footnotes,
    )
    assert as_strings == law and as_strings.raw == LAW
    assert replace(law, raw=LAW + " ") != law


def test_section_replace_and_positional() -> None:
    s = shared_section(
        "art_1", "article", "1", "Phạm vi", "Điều 1. Phạm vi\nNội dung", 15, Span(0, 24)
    )
    assert s.text == "Điều 1. Phạm vi"
    assert replace(s, text="khác").text == "khác"
    assert replace(s, label="2").text == "Điều 1. Phạm vi"
    assert Section("a", "article", "1", None, "t", Span(0, 1)).text == "t"
    assert Section(*(getattr(s, f.name) for f in fields(Section))) == s
    assert Section.from_dict(s.to_dict()) == s
    with pytest.raises(AttributeError):
        s.text = "x"  # type: ignore[misc]  # frozen


@pytest.mark.parametrize("protocol", [2, pickle.HIGHEST_PROTOCOL])
def test_pickling(law: Document, protocol: int) -> None:
    data = pickle.dumps(law, protocol=protocol)
    back = pickle.loads(data)
    assert back == law and back.raw == LAW
    assert isinstance(_RAW.__get__(back, Document), RawEdits)
    assert all(_SECTION_TEXT.__get__(s, Section).__class__ is not str for s in back.walk())
    assert back.source_span(law.references[0].span) == law.source_span(law.references[0].span)
    assert len(data) < len(pickle.dumps(replace(law, raw=LAW + "."), protocol=protocol))
    one = law.sections[0]
    alone = pickle.loads(pickle.dumps(one, protocol=protocol))  # a section alone: its text
    assert alone == one and _SECTION_TEXT.__get__(alone, Section).__class__ is str
    assert copy.copy(law) == law and copy.deepcopy(law) == law


def test_json_round_trip(law: Document) -> None:
    d = law.to_dict()
    assert "raw" not in d
    back = Document.from_dict(d)
    assert back.to_dict() == d and back.raw is None
    assert all(own_text_range(s)[0] is back.text for s in back.walk())  # shared on load
    assert b"".join(law.iter_json()) == law.to_json()


def test_share_texts_leaves_other_texts() -> None:
    a = Section("a", "article", "1", None, "Điều 1.", Span(0, 7))
    b = Section("b", "article", "2", None, "không khớp", Span(8, 15))
    share_texts("Điều 1. Điều 2.", (a, b))
    assert own_text_range(a)[0] == "Điều 1. Điều 2." and own_text_range(b) == ("không khớp", 0, 10)


def test_every_entry_point_keeps_the_text_as_read(tmp_path) -> None:
    path = tmp_path / "law.txt"
    path.write_bytes(LAW.encode("utf-8"))
    assert parse_file(path).raw == LAW
    assert parse_file(path, keep_raw=False).raw is None
    assert parse(LAW).raw == LAW
    clean = parse(LAW).text
    assert parse(clean).raw is None  # nothing changed: no raw
    assert parse_bytes(LAW.encode("utf-16"), source="x").raw == LAW


def test_heavily_edited_text_keeps_its_string() -> None:
    """Edits every few characters would take more memory than the text: kept as it is."""
    raw = "Điều 1. " + "a\u00a0b\u00a0" * 3000
    doc = parse(raw)
    assert doc.raw == raw and _RAW.__get__(doc, Document).__class__ is str
    assert doc.source_span(Span(8, 9)) == Span(8, 9)


def test_indexing_units_unchanged_by_sharing(law: Document) -> None:
    """The search units of a parsed document and of the same document with every string
    its own (no sharing, no edits) are the same."""
    plain_sections = _plain(law.sections)
    plain = replace(law, sections=plain_sections, raw=LAW, offsets=None)
    assert all(_SECTION_TEXT.__get__(s, Section).__class__ is str for s in plain.walk())
    assert list(units(law)) == list(units(plain))


def _plain(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    return tuple(
        Section(s.id, s.kind, s.label, s.heading, s.text, s.span, _plain(s.children), s.notes)
        for s in sections
    )


def test_metadata_unaffected() -> None:
    doc = Document(Metadata(number="1/2020/QH14"), text="a", raw="a ")
    assert doc.raw == "a " and doc == Document(Metadata(number="1/2020/QH14"), text="a", raw="a ")


def test_owned_units_free_the_text(law: Document) -> None:
    """``units(doc, owned=True)`` (``vbpl index``, the document let go) gives the same units
    and hands the sections their own texts once the document's unit is built."""
    doc = parse_bytes(LAW.encode("utf-8"), source="law.txt")
    sections = list(doc.walk())
    made = units(doc, owned=True)
    first = next(made)
    assert all(own_text_range(s)[0] is doc.text for s in sections)  # not yet
    rest = list(made)
    assert all(own_text_range(s)[0] is not doc.text for s in sections)
    assert [s.text for s in sections] == [s.text for s in law.walk()]
    assert [first, *rest] == list(units(law))
