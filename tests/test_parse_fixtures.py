"""The parser on one written fixture per family, each with its expected outline as data.

Fixtures (``tests/fixtures/parse/<name>.txt``) are invented documents modelled on the
structure of real ones (real-looking numbers and dates); ``<name>.expected.json`` beside each
holds the expected metadata, outline (label paths, as in the seed's gold file), section ids,
kinds, and spot checks of headings, notes and own text. ``guidance`` has the shape of
``../shared/seed/128-HD-BTGTW.txt`` (website metadata block, intro paragraph under a heading,
truncated tail) and always runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_parse_properties import assert_no_text_lost, assert_well_formed
from vbpl.model import Document
from vbpl.parser.document import parse_text
from vbpl.parser.ids import label_paths

FIXTURES = Path(__file__).parent / "fixtures" / "parse"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt"))
GOLD_FIELDS = (
    "number",
    "doc_type",
    "issuer",
    "issued",
    "effective",
    "signer",
    "fields",
    "title",
    "place",
)


def load(name: str) -> tuple[Document, dict]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return parse_text(text, source=name), expected


def test_one_fixture_per_family() -> None:
    assert {"guidance", "law", "amending_decree", "party_resolution", "plan", "cong_van"} <= set(
        NAMES
    )


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name: str) -> None:
    doc, expected = load(name)
    got = doc.metadata.to_dict()
    for key, value in expected["metadata"].items():
        assert got[key] == value, key


@pytest.mark.parametrize("name", NAMES)
def test_outline(name: str) -> None:
    doc, expected = load(name)
    assert label_paths(doc.sections) == expected["outline"]
    assert [s.id for s in doc.walk()] == expected["ids"]
    if "kinds" in expected:
        assert {s.id: s.kind for s in doc.walk()} == expected["kinds"]


@pytest.mark.parametrize("name", NAMES)
def test_spot_checks(name: str) -> None:
    doc, expected = load(name)
    for sid, heading in expected.get("headings", {}).items():
        assert doc.section(sid).heading == heading, sid
    for sid, notes in expected.get("notes", {}).items():
        sec = doc.section(sid)
        assert list(sec.notes) == notes, sid
        for note in notes:
            assert note in sec.text  # the note stays inside the section's text
    for sid, words in expected.get("own_text_contains", {}).items():
        assert words in doc.section(sid).text, sid
    if "tail" in expected:
        assert doc.tail.slice(doc.text) == expected["tail"]
    if "tail_contains" in expected:
        assert expected["tail_contains"] in doc.tail.slice(doc.text)
    if "preamble_starts" in expected:
        assert doc.preamble.slice(doc.text).startswith(expected["preamble_starts"])
    if "header_contains" in expected:
        assert expected["header_contains"] in doc.header.slice(doc.text)


@pytest.mark.parametrize("name", NAMES)
def test_no_text_lost(name: str) -> None:
    doc, _ = load(name)
    assert_no_text_lost(doc)
    assert_well_formed(doc)


def test_guidance_has_the_seed_shape() -> None:
    """The nine gold metadata fields and the label-path outline, as for the seed."""
    doc, expected = load("guidance")
    got = doc.metadata.to_dict()
    assert {k: got[k] for k in GOLD_FIELDS} == expected["metadata"]
    assert label_paths(doc.sections) == expected["outline"]
    intro = doc.section("hd_II__hd_1")
    assert intro.heading == "Tuyên truyền các chủ trương của Đảng về chuyển đổi số"
    assert "Ban tuyên giáo các cấp tập trung" in intro.text  # the intro paragraph is its own text


def test_quoted_articles_are_not_structure() -> None:
    doc, _ = load("amending_decree")
    arts = [s.label for s in doc.walk() if s.kind == "article"]
    assert arts == ["1", "2", "3"]
    assert not any(s.kind == "chapter" for s in doc.walk())


def test_json_round_trip() -> None:
    doc, _ = load("law")
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert [s.id for s in again.walk()] == [s.id for s in doc.walk()]
    assert again.metadata == doc.metadata


def test_heading_repeated_by_a_website_is_not_a_second_chapter() -> None:
    doc = parse_text("Chương I\nChương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nNội dung.")
    assert [s.id for s in doc.walk()] == ["chp_I", "chp_I__art_1"]
    assert_no_text_lost(doc)


def test_note_on_its_own_line_belongs_to_the_unit_above() -> None:
    text = "Điều 36. Cung cấp thông tin\n[Điều này được hướng dẫn bởi Điều 5 Thông tư 01/2021/TT-BKHĐT]\n1. Thông tin công khai."
    doc = parse_text(text)
    art = doc.section("art_36")
    assert art.notes == ("Điều này được hướng dẫn bởi Điều 5 Thông tư 01/2021/TT-BKHĐT",)
    assert art.heading == "Cung cấp thông tin"
    assert [s.id for s in doc.walk()] == ["art_36", "art_36__cl_1"]


def test_notes_in_the_header_go_to_the_document() -> None:
    text = (
        "CHÍNH PHỦ\nSố: 61-CP\nHà Nội, ngày 05 tháng 7 năm 1994\n"
        "NGHỊ ĐỊNH [Nghị định này bị thay thế bởi Nghị định 38/2000/NĐ-CP]\n"
        "VỀ MUA BÁN NHÀ Ở\nCăn cứ Luật Tổ chức Chính phủ;\nĐiều 1. Phạm vi"
    )
    doc = parse_text(text)
    assert doc.notes == ("Nghị định này bị thay thế bởi Nghị định 38/2000/NĐ-CP",)
    assert doc.metadata.doc_type == "Nghị định"
    assert doc.metadata.title == "Về mua bán nhà ở"
    assert_no_text_lost(doc)


def test_effective_date_is_not_read_from_a_note() -> None:
    text = (
        "Điều 1. Phạm vi [Điều này có hiệu lực từ ngày 01/02/2021 theo Nghị định khác]\n"
        "Điều 2. Hiệu lực\nNghị định này có hiệu lực thi hành từ ngày 15 tháng 3 năm 2020."
    )
    assert parse_text(text).metadata.effective.isoformat() == "2020-03-15"


@pytest.mark.parametrize(
    ("closing", "effective"),
    [
        # the closing formula of Party documents: what it replaces stands before "và có hiệu lực"
        (
            "Quy định này thay thế Quy định số 12-QĐ/TW, ngày 06/12/2014 của Ban Bí thư về "
            "công tác lưu trữ và có hiệu lực thi hành kể từ ngày ký.",
            "2024-03-05",
        ),
        (
            "Hướng dẫn này thay thế Hướng dẫn số 31-HD/BTGTW, ngày 30/12/2011 và có hiệu lực "
            "kể từ ngày ký./.",
            "2024-03-05",
        ),
        # another document's effect is not this one's
        ("Quyết định số 7-QĐ/TU có hiệu lực kể từ ngày ký.", None),
    ],
)
def test_effective_date_of_a_closing_formula(closing: str, effective: str | None) -> None:
    text = (
        "TỈNH ỦY BẮC NINH\n*\nSố 15-QĐ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Bắc Ninh, ngày 05 tháng 3 năm 2024\nQUY ĐỊNH\nvề công tác lưu trữ\n"
        f"Điều 1. Phạm vi\nQuy định này áp dụng với các cơ quan đảng.\nĐiều 2.\n{closing}\n"
    )
    got = parse_text(text).metadata.effective
    assert (got.isoformat() if got else None) == effective
