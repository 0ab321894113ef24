"""annotate(): sections, preamble, relative targets, relations, editorial notes; the fixtures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from vbpl.model import Document, Metadata, Section, Span
from vbpl.refs import annotate

FIXTURES = Path(__file__).parent / "fixtures" / "refs"


def _hand_built() -> Document:
    text = (
        "Căn cứ Luật số 80/2015/QH13;\n"
        "Điều 1. Phạm vi\n"
        "Nghị định này thay thế Nghị định số 78/2015/NĐ-CP.\n"
        "Điều 2. Hồ sơ\n"
        "1. Hồ sơ theo khoản 2 Điều này.\n"
        "2. Giấy tờ nêu tại điểm a khoản 1 Điều 3 và Điều 1.\n"
        "[Khoản này được sửa đổi bởi Khoản 3 Điều 1 Nghị định 15/2022/NĐ-CP]\n"
        "Điều 3. Thủ tục\n"
        "1. Gồm:\n"
        "a) Đơn theo khoản 1, khoản 2 Điều 2."
    )

    def span(a: str, b: str | None = None) -> Span:
        s = text.index(a)
        return Span(s, text.index(b) if b else len(text))

    pt = Section("art_3__cl_1__pt_a", "point", "a", None, "", span("a) Đơn"))
    cl31 = Section("art_3__cl_1", "clause", "1", None, "", span("1. Gồm"), (pt,))
    a3 = Section("art_3", "article", "3", "Thủ tục", "", span("Điều 3. Thủ tục"), (cl31,))
    cl1 = Section("art_2__cl_1", "clause", "1", None, "", span("1. Hồ sơ", "2. Giấy"))
    cl2 = Section("art_2__cl_2", "clause", "2", None, "", span("2. Giấy", "Điều 3. Thủ tục"))
    a2 = Section(
        "art_2", "article", "2", "Hồ sơ", "", span("Điều 2. Hồ sơ", "Điều 3. Thủ tục"), (cl1, cl2)
    )
    a1 = Section("art_1", "article", "1", "Phạm vi", "", span("Điều 1. Phạm vi", "Điều 2. Hồ sơ"))
    return Document(
        Metadata(number="99/2024/NĐ-CP", doc_type="Nghị định", issued=date(2024, 7, 10)),
        (a1, a2, a3),
        text=text,
        preamble=span("Căn cứ", "Điều 1."),
    )


def test_hand_built_document() -> None:
    doc = annotate(_hand_built())
    got = [
        (r.kind, r.number or r.pinpoint or r.doc_type, r.section, r.relation, r.target)
        for r in doc.references
    ]
    assert got == [
        ("full", "80/2015/QH13", None, "based_on", None),
        ("relative", "Nghị định", "art_1", "cites", "99/2024/NĐ-CP@2024"),
        ("full", "78/2015/NĐ-CP", "art_1", "replaces", None),
        ("relative", "khoản 2 Điều này", "art_2__cl_1", "cites", "art_2__cl_2"),
        ("relative", "điểm a khoản 1 Điều 3 và 1", "art_2__cl_2", "cites", None),
        ("relative", "Khoản này", "art_2__cl_2", "cites", "art_2__cl_2"),
        ("full", "15/2022/NĐ-CP", "art_2__cl_2", "amended_by", None),
        ("relative", "khoản 1, 2 Điều 2", "art_3__cl_1__pt_a", "cites", "art_2"),
    ]
    rels = [
        (x.subject, x.relation, x.object, x.section, x.pinpoint, x.source) for x in doc.relations
    ]
    assert rels == [
        ("99/2024/NĐ-CP@2024", "based_on", "80/2015/QH13", None, None, "text"),
        ("99/2024/NĐ-CP@2024", "replaces", "78/2015/NĐ-CP", "art_1", None, "text"),
        (
            "99/2024/NĐ-CP@2024",
            "amended_by",
            "15/2022/NĐ-CP",
            "art_2__cl_2",
            "khoản 3 Điều 1",
            "note",
        ),
    ]


def test_list_of_units_resolves_to_common_ancestor() -> None:
    doc = annotate(_hand_built())
    r = next(r for r in doc.references if r.pinpoint == "điểm a khoản 1 Điều 3 và 1")
    # read as điểm a khoản 1 of Điều 3 and of Điều 1; Điều 1 has no khoản 1: unresolved
    assert r.target is None and r.confidence == 0.0


def test_annotate_is_idempotent() -> None:
    once = annotate(_hand_built())
    assert annotate(once) == once


def _label_paths(doc: Document) -> dict[str, str]:
    """Section id -> label path in the gold's notation (II/1/-2 = second dash item)."""
    out: dict[str, str] = {}

    def visit(sections: tuple[Section, ...], prefix: str) -> None:
        dash = 0
        for s in sections:
            if s.kind == "item":
                dash += 1
                label = f"-{dash}"
            else:
                label = s.label
            path = f"{prefix}/{label}" if prefix else label
            out[s.id] = path
            visit(s.children, path)

    visit(doc.sections, "")
    return out


def _check_against_gold(doc: Document, gold: dict) -> None:
    paths = _label_paths(doc)
    numbered = [
        {
            "section": paths.get(r.section or "", r.section),
            "number": r.number,
            "doc_type": r.doc_type,
            "date": r.date.isoformat() if r.date else None,
        }
        for r in doc.references
        if r.number
    ]
    assert numbered == gold["references"]
    named = [
        {"section": paths.get(r.section or "", r.section), "doc_type": r.doc_type, "title": r.title}
        for r in doc.references
        if r.kind == "named"
    ]
    for want in gold.get("named", []):
        assert want in named
    for want in gold.get("relations", []):
        assert (want["subject"], want["relation"], want["object"]) in [
            (x.subject, x.relation, x.object) for x in doc.relations
        ]


def test_written_guidance_fixture() -> None:
    """A guidance of the seed's shape, written for vbpl: always runs (needs the parser)."""
    pytest.importorskip("vbpl.parser.document")
    from vbpl.pipeline import parse_file

    gold = json.loads((FIXTURES / "guidance.gold.json").read_text(encoding="utf-8"))
    doc = parse_file(FIXTURES / "guidance.txt")
    assert doc.metadata.number == gold["metadata"]["number"]
    _check_against_gold(doc, gold)


def test_written_decree_fixture() -> None:
    pytest.importorskip("vbpl.parser.document")
    from vbpl.pipeline import parse_file

    doc = parse_file(FIXTURES / "decree.txt")
    by_number = {r.number: r for r in doc.references if r.number}
    assert by_number["59/2020/QH14"].relation == "based_on"
    assert by_number["15/2022/NĐ-CP"].relation == "amended_by"
    assert by_number["16/2023/NĐ-CP"].pinpoint == "điểm a khoản 2 Điều 15"
    assert by_number["78/2015/NĐ-CP"].relation == "replaces"
    targets = {r.pinpoint: r.target for r in doc.references if r.kind == "relative" and r.pinpoint}
    assert targets["khoản 2 Điều này"].endswith("art_2__cl_2")  # type: ignore[union-attr]
    assert targets["điểm a khoản 1 Điều 3"].endswith("art_3__cl_1__pt_a")  # type: ignore[union-attr]
    notes = [(x.relation, x.object, x.pinpoint) for x in doc.relations if x.source == "note"]
    assert notes == [
        ("amended_by", "15/2022/NĐ-CP", "khoản 3 Điều 1"),
        ("repealed_by", "16/2023/NĐ-CP", "điểm a khoản 2 Điều 15"),
    ]


@pytest.mark.shared
def test_seed_references(shared_dir: Path) -> None:
    """Exactly the 8 numbered references of the seed's gold, with sections, types and dates."""
    pytest.importorskip("vbpl.parser.document")
    from vbpl.pipeline import parse_file

    gold = json.loads((shared_dir / "seed" / "128-HD-BTGTW.gold.json").read_text(encoding="utf-8"))
    doc = parse_file(shared_dir / "seed" / "128-HD-BTGTW.txt")
    _check_against_gold(doc, gold)
    named = [r for r in doc.references if r.kind == "named"]
    assert any(r.title == "Đại hội XIII" and r.number is None for r in named)


def test_enacting_line_is_not_a_reference_but_an_older_law_of_the_same_name_is() -> None:
    import vbpl

    text = (
        "QUỐC HỘI\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Luật số: 43/2019/QH14\nHà Nội, ngày 14 tháng 6 năm 2019\nLUẬT\nGIÁO DỤC\n"
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
        "Quốc hội ban hành Luật Giáo dục.\n"
        "Điều 1. Hiệu lực thi hành\n"
        "Luật này thay thế Luật Giáo dục năm 2005.\n"
    )
    doc = vbpl.parse(text)
    named = [(r.title, r.relation) for r in doc.references if r.kind == "named"]
    assert ("Giáo dục", "based_on") not in named
    assert any(rel == "replaces" for _, rel in named)
