"""The data model: keys, JSON round-trips, tree walking."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vbpl.model import (
    PASSIVE,
    RELATION_KINDS,
    SECTION_KINDS,
    Document,
    Metadata,
    Reference,
    Relation,
    Section,
    Span,
    Task,
    TaskSource,
)


@pytest.mark.parametrize(
    ("number", "issued", "key"),
    [
        ("128-HD/BTGTW", date(2023, 12, 22), "128-HD/BTGTW@2023"),
        ("29-NQ/TW", date(2013, 11, 4), "29-NQ/TW@2013"),
        ("29-NQ/TW", date(2022, 11, 17), "29-NQ/TW@2022"),
        ("13/2023/NĐ-CP", date(2023, 4, 17), "13/2023/NĐ-CP@2023"),
        ("45-NQ/TW", None, "45-NQ/TW"),
        (None, date(2020, 1, 1), None),
    ],
)
def test_key_is_number_plus_year(number, issued, key):
    assert Metadata(number=number, issued=issued).key == key


def _tree() -> Document:
    pt = Section("chp_II__art_5__cl_2__pt_đ", "point", "đ", None, "đ) nội dung", Span(40, 52))
    cl = Section("chp_II__art_5__cl_2", "clause", "2", None, "2. Khoản", Span(30, 52), (pt,))
    art = Section(
        "chp_II__art_5",
        "article",
        "5",
        "Hiệu lực",
        "Điều 5. Hiệu lực",
        Span(10, 52),
        (cl,),
        notes=("[Khoản này được sửa đổi bởi Khoản 3 Điều 1 Nghị định 15/2022/NĐ-CP]",),
    )
    chp = Section("chp_II", "chapter", "II", "QUY ĐỊNH CHUNG", "Chương II", Span(0, 52), (art,))
    ref = Reference(
        text="Nghị quyết số 45-NQ/TW, ngày 24/11/2023",
        span=Span(3, 40),
        kind="full",
        number="45-NQ/TW",
        doc_type="Nghị quyết",
        date=date(2023, 11, 24),
        term="XIII",
        section="chp_II__art_5",
        relation="implements",
        target="45-NQ/TW@2023",
        confidence=1.0,
    )
    rel = Relation("20-KH/TW", "implements", "45-NQ/TW", Span(3, 40), "chp_II__art_5")
    md = Metadata(
        number="20-KH/TW",
        doc_type="Kế hoạch",
        issuer="Bộ Chính trị",
        issued=date(2023, 11, 28),
        effective=date(2023, 11, 28),
        signer="Trương Thị Mai",
        fields=("Văn hóa - Xã hội",),
        title="Thực hiện Nghị quyết số 45-NQ/TW",
        place="Hà Nội",
        status="Còn hiệu lực",
        term="XIII",
    )
    return Document(
        metadata=md,
        sections=(chp,),
        references=(ref,),
        relations=(rel,),
        text="x" * 52,
        source="a.txt",
        header=Span(0, 3),
        tail=Span(50, 52),
    )


def test_document_round_trips_through_json():
    doc = _tree()
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)))
    assert again == doc


def test_document_json_has_the_design_fields():
    d = _tree().to_dict()
    assert d["key"] == "20-KH/TW@2023"
    assert set(d["metadata"]) >= {
        "number",
        "doc_type",
        "issuer",
        "issued",
        "effective",
        "signer",
        "fields",
        "title",
        "place",
    }
    assert d["metadata"]["issued"] == "2023-11-28"
    s = d["sections"][0]
    assert set(s) >= {"id", "kind", "label", "heading", "text", "start", "end", "children"}
    r = d["references"][0]
    assert set(r) >= {
        "text",
        "start",
        "end",
        "section",
        "kind",
        "number",
        "doc_type",
        "date",
        "issuer",
        "term",
        "pinpoint",
        "relation",
        "target",
        "confidence",
    }
    assert r["date"] == "2023-11-24"


def test_walk_and_lookup_keep_đ_distinct_from_d():
    doc = _tree()
    ids = [s.id for s in doc.walk()]
    assert ids == ["chp_II", "chp_II__art_5", "chp_II__art_5__cl_2", "chp_II__art_5__cl_2__pt_đ"]
    assert doc.section("chp_II__art_5__cl_2__pt_đ").label == "đ"
    assert doc.section("chp_II__art_5__cl_2__pt_d") is None


def test_vocabularies_match_design():
    assert set(SECTION_KINDS) == {
        "part",
        "chapter",
        "section",
        "subsection",
        "article",
        "clause",
        "point",
        "item",
        "heading",
        "paragraph",
        "appendix",
    }
    for active, passive in PASSIVE.items():
        assert active in RELATION_KINDS and passive in RELATION_KINDS


def test_task_round_trip():
    t = Task(
        "hd_II__hd_4__item_1",
        "128-HD/BTGTW@2023",
        "Căn cứ vào …",
        "ban tuyên giáo các cấp",
        None,
        (TaskSource("238-QĐ/TW", "238-QĐ/TW@2020", "inherited"),),
    )
    assert Task.from_dict(json.loads(json.dumps(t.to_dict()))) == t


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.text(max_size=50))
def test_span_slices(a, b, text):
    start, end = sorted((a, b))
    span = Span(start, end)
    assert span.slice(text) == text[start:end]
    assert span.contains(Span(start, start))
