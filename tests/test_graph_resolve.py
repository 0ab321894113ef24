"""Resolution that never invents an impossible edge, named references by year, note dates."""

from __future__ import annotations

from datetime import date

import pytest

from vbpl import Corpus, parse
from vbpl.lexicon.authority import Act
from vbpl.model import Document, Metadata, Reference, Relation, Span
from vbpl.refs import Registry, find_references, resolve_reference, resolve_references
from vbpl.refs.resolve import NUMBER_ONLY_CONFIDENCE

REG = Registry()


@pytest.mark.parametrize(
    ("mention", "citing", "key"),
    [
        ("Luật Đất đai 2024", None, "31/2024/QH15@2024"),
        ("Luật Đất đai năm 2013", None, "45/2013/QH13@2013"),
        ("Bộ luật Dân sự 2015", None, "91/2015/QH13@2015"),
        ("Bộ luật dân sự năm 2005", None, "33/2005/QH11@2005"),
        # no year: the version in force on the citing date
        ("Luật Đất đai", date(2020, 1, 1), "45/2013/QH13@2013"),
        ("Luật Đất đai", date(2025, 1, 1), "31/2024/QH15@2024"),
    ],
)
def test_named_references_resolve_by_title_and_time(
    mention: str, citing: date | None, key: str
) -> None:
    ref = find_references(mention)[0]
    out = resolve_reference(ref, REG, citing)
    assert out.target == key
    assert 0 < out.confidence <= 1


def test_spelling_variants_resolve_with_lower_confidence() -> None:
    exact = resolve_reference(find_references("Luật Bảo hiểm xã hội năm 2014")[0], REG)
    typo = resolve_reference(find_references("Luật Bảo hiểm xã hộii năm 2014")[0], REG)
    assert exact.target is not None
    assert typo.target == exact.target
    assert typo.confidence < exact.confidence


def test_an_impossible_target_stays_unresolved_with_a_reason() -> None:
    ref = find_references("sửa đổi, bổ sung một số điều của Bộ luật Dân sự năm 2015")[0]
    decree = Act("5/2021/NĐ-CP", "Nghị định", "Chính phủ", date(2021, 2, 1))
    out = resolve_reference(ref, REG, date(2021, 2, 1), acting=decree)
    assert (out.relation, out.target, out.confidence, out.reason) == (
        "amends",
        None,
        0.0,
        "lower_authority",
    )
    # the mention is kept, with the parts it states
    assert out.text == ref.text and out.title == ref.title
    # a citation of the same code resolves
    cited = resolve_reference(find_references("theo Bộ luật Dân sự năm 2015")[0], REG)
    assert cited.target == "91/2015/QH13@2015" and cited.reason is None


def test_the_reason_round_trips_through_json() -> None:
    r = Reference("Luật X", Span(0, 6), "named", reason="backwards")
    assert Reference.from_dict(r.to_dict()) == r
    assert r.to_dict()["reason"] == "backwards"


def test_a_note_may_cite_a_later_document() -> None:
    """Editorial notes are written after the document: "Luật Đất đai 2024" in a note of a 2017
    law resolves, and the law is amended by it (not by the Luật Đất đai of 2013)."""
    doc = parse(
        "QUỐC HỘI\nLuật số: 21/2017/QH14\nHà Nội, ngày 24 tháng 11 năm 2017\nLUẬT\nQUY HOẠCH\n"
        "Điều 1. Phạm vi\n1. Luật này áp dụng cùng Luật Đất đai. [Khoản này được sửa đổi bởi "
        "Khoản 1 Điều 243 Luật Đất đai 2024 có hiệu lực từ ngày 01/08/2024]"
    )
    c = Corpus([doc]).resolve()
    amended = [x for x in c.relations(resolved_only=True) if x.relation == "amends"]
    assert [(x.subject, x.object) for x in amended] == [("31/2024/QH15@2024", "21/2017/QH14@2017")]
    plain = next(r for r in c.get("21/2017/QH14").references if r.text == "Luật Đất đai")
    assert plain.target == "45/2013/QH13@2013"  # the one in force in 2017


def test_relation_ends_follow_the_mention_they_were_read_from() -> None:
    text = "Luật Đất đai và Luật Đất đai 2024"
    refs = tuple(find_references(text))
    md = Metadata(number="1/2025/QH15", doc_type="Luật", issued=date(2025, 1, 1))
    rel = Relation("1/2025/QH15", "cites", "Luật Đất đai", refs[1].span)
    doc = resolve_references(Document(md, references=refs, relations=(rel,), text=text), REG)
    assert [r.target for r in doc.references] == ["31/2024/QH15@2024", "31/2024/QH15@2024"]
    assert doc.relations[0].object == "31/2024/QH15@2024"


def test_a_normative_number_states_its_key() -> None:
    ref = find_references("Luật số 66/2006/QH11")[0]
    out = resolve_reference(ref, Registry(known=False))
    assert out.target == "66/2006/QH11@2006"
    assert out.confidence == NUMBER_ONLY_CONFIDENCE
    # but not a number issued after the citing document, nor one without a year
    assert resolve_reference(ref, Registry(known=False), date(2005, 1, 1)).target is None
    plain = find_references("Quyết định số 1234/QĐ-TTg")[0]
    assert resolve_reference(plain, Registry(known=False)).target is None


def test_the_graph_keeps_impossible_statements_unresolved() -> None:
    """A relation the text states between two documents is kept, unresolved, when the law
    rules it out (here a note that a 2014 law repealed a 2020 one)."""
    rel = Relation("61/2020/QH14", "repealed_by", "65/2014/QH13", Span(0, 10), source="note")
    doc = Document(
        Metadata(number="61/2020/QH14", doc_type="Luật", issued=date(2020, 6, 17)),
        relations=(rel,),
    )
    c = Corpus([doc, Document(Metadata(number="65/2014/QH13", issued=date(2014, 11, 25)))])
    links = c.relations(relation="repeals")
    assert len(links) == 1 and links[0].resolved is False
    assert c.cited_by("61/2020/QH14@2020", "repeals") == []
