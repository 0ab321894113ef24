"""Relation typing that respects the law on legal documents (issue 11, part 1).

Fixtures are written for these tests, modelled on the structure of real documents (facts such
as numbers, dates and names are real; the sentences are not copied).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl import parse
from vbpl.model import RELATION_KINDS
from vbpl.refs.relations import basis_clause, cue_before

DECREE_HEAD = (
    "CHÍNH PHỦ\nSố: 12/2024/NĐ-CP\nHà Nội, ngày 05 tháng 3 năm 2024\nNGHỊ ĐỊNH\n"
    "VỀ QUẢN LÝ THỬ NGHIỆM\n"
)
LAW_HEAD = "QUỐC HỘI\nLuật số: 30/2023/QH15\nHà Nội, ngày 20 tháng 6 năm 2023\nLUẬT\nTHỬ NGHIỆM\n"


def _rels(doc) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(x.subject, x.relation, x.object) for x in doc.relations}


def _ref(doc, needle: str):  # type: ignore[no-untyped-def]
    return next(r for r in doc.references if needle in r.text)


@pytest.mark.parametrize(
    "preamble",
    [
        # one basis per line
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
        "chính quyền địa phương ngày 22 tháng 11 năm 2019;\n",
        # a list of bases continued on the next line without "Căn cứ"
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
        "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính "
        "quyền địa phương ngày 22 tháng 11 năm 2019;\n",
        # the whole preamble flattened on one line
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
        "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng "
        "11 năm 2019; Theo đề nghị của Bộ trưởng Bộ Tư pháp;\n",
        # "căn cứ vào", a numbered amending law
        "Căn cứ vào Luật số 47/2019/QH14 sửa đổi, bổ sung một số điều của Luật Tổ chức Chính "
        "phủ và Luật Tổ chức chính quyền địa phương;\n",
    ],
)
def test_a_basis_is_based_on_whatever_the_title_says(preamble: str) -> None:
    doc = parse(
        DECREE_HEAD + preamble + "Chính phủ ban hành Nghị định.\nĐiều 1. Phạm vi\nNội dung."
    )
    governed = {"amends", "replaces", "repeals"}
    for r in doc.references:
        assert r.relation not in governed, (r.text, r.relation)
    own = [x for x in doc.relations if x.subject == doc.key]
    assert not [x for x in own if x.relation in governed]
    assert any(r.relation == "based_on" and "Tổ chức Chính phủ" in r.text for r in doc.references)


def test_the_enacting_words_keep_the_documents_own_amendment() -> None:
    doc = parse(
        DECREE_HEAD + "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
        "Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của Nghị định số "
        "15/2022/NĐ-CP.\nĐiều 1. Sửa đổi\nNội dung."
    )
    assert _ref(doc, "15/2022/NĐ-CP").relation == "amends"


@pytest.mark.parametrize(
    ("sentence", "subject", "objects"),
    [
        (
            "Bãi bỏ khoản 9 Điều 4 của Luật Công nghệ thông tin số 67/2006/QH11 đã được sửa "
            "đổi, bổ sung theo Luật số 21/2017/QH14, Luật số 20/2023/QH15 và Luật số 24/2023/QH15.",
            "67/2006/QH11",
            ["21/2017/QH14", "20/2023/QH15", "24/2023/QH15"],
        ),
        (
            "Sửa đổi khoản 1 Điều 5 của Luật Công nghệ cao số 21/2008/QH12 đã được sửa đổi, "
            "bổ sung một số điều theo Luật số 32/2013/QH13 và Luật số 67/2014/QH13 như sau:",
            "21/2008/QH12",
            ["32/2013/QH13", "67/2014/QH13"],
        ),
    ],
)
def test_a_passive_list_names_its_own_subject(
    sentence: str, subject: str, objects: list[str]
) -> None:
    doc = parse(LAW_HEAD + "Điều 1. Sửa đổi\n1. " + sentence)
    for o in objects:
        assert (subject, "amended_by", o) in _rels(doc), o
        assert _ref(doc, o).relation == "cites"


def test_an_acting_list_names_its_own_actor() -> None:
    doc = parse(
        LAW_HEAD + "Điều 1. Áp dụng\n1. Việc lựa chọn nhà đầu tư thực hiện theo Luật Đất đai "
        "số 31/2024/QH15, Luật số 43/2024/QH15 sửa đổi, bổ sung một số điều của Luật Đất đai số "
        "31/2024/QH15, Luật Nhà ở số 27/2023/QH15 và Luật Kinh doanh bất động sản số "
        "29/2023/QH15."
    )
    rels = _rels(doc)
    for o in ("31/2024/QH15", "27/2023/QH15", "29/2023/QH15"):
        assert ("43/2024/QH15", "amends", o) in rels
    assert not [x for x in doc.relations if x.subject == doc.key and x.relation == "amends"]


@pytest.mark.parametrize(
    ("note", "number", "relation"),
    [
        # the note's own subject ("Khoản này"): the law is amended by the decree
        (
            "[Khoản này được sửa đổi bởi Khoản 3 Điều 1 Nghị định 15/2022/NĐ-CP có hiệu lực từ "
            "ngày 01/03/2022]",
            "15/2022/NĐ-CP",
            "amended_by",
        ),
        # the guidance named before the verb was amended, not the annotated law
        (
            "[Khoản này được hướng dẫn bởi Điều 22 Nghị định 37/2019/NĐ-CP có hiệu lực từ ngày "
            "07/05/2019 Nội dung hướng dẫn Khoản này tại Nghị định 37/2019/NĐ-CP nay được sửa đổi "
            "bởi khoản 25 Điều 1 Nghị định 58/2023/NĐ-CP có hiệu lực từ ngày 12/08/2023]",
            "58/2023/NĐ-CP",
            "cites",
        ),
        # with an aside in parentheses between the guidance and the verb
        (
            "[Nội dung hướng dẫn Điểm này tại Nghị định 166/2017/NĐ-CP (đã được sửa đổi, bổ sung "
            "tại khoản 13 Điều 1 Nghị định số 171/2024/NĐ-CP) nay được sửa đổi bởi Khoản 5 Điều 4 "
            "Nghị định 286/2025/NĐ-CP có hiệu lực từ ngày 01/11/2025]",
            "286/2025/NĐ-CP",
            "cites",
        ),
        # "Nội dung hướng dẫn Khoản này": the guidance again
        (
            "[Nội dung hướng dẫn Khoản này được bổ sung bởi Khoản 2 Điều 1 Nghị định 91/2022/NĐ-CP "
            "có hiệu lực từ ngày 30/10/2022]",
            "91/2022/NĐ-CP",
            "cites",
        ),
        # a quoted phrase of the annotated text mentioning another decree: still "Điểm này"
        (
            '[Cụm từ "khoản 4 Điều 60 Nghị định số 102/2024/NĐ-CP" tại Điểm này bị thay thế bởi '
            "Điểm a Khoản 6 Điều 7 Nghị định 226/2025/NĐ-CP có hiệu lực từ ngày 15/08/2025]",
            "226/2025/NĐ-CP",
            "replaced_by",
        ),
        # an amending law cited by its title: its listed laws are part of the name
        (
            "[Điều này được sửa đổi bởi Khoản 1 Điều 7 Luật sửa đổi Luật Đầu tư công, Luật Đầu tư "
            "theo phương thức đối tác công tư, Luật Đầu tư 2025 có hiệu lực từ ngày 01/07/2025]",
            "Luật Đầu tư theo phương thức",
            "cites",
        ),
        # an active verb after "được" without its agent is passive: the law amends nothing
        (
            "[Nội dung hướng dẫn Điểm này tại Nghị định 46/2014/NĐ-CP được sửa đổi từ Khoản 1 "
            "đến Khoản 4 Điều 3 Nghị định 135/2016/NĐ-CP có hiệu lực thi hành kể từ ngày "
            "15/11/2016]",
            "135/2016/NĐ-CP",
            "cites",
        ),
    ],
)
def test_editorial_notes_get_the_right_subject(note: str, number: str, relation: str) -> None:
    doc = parse(LAW_HEAD + "Điều 3. Nội dung\n1. Quy định chung. " + note)
    assert _ref(doc, number).relation == relation


def test_a_parenthesised_passive_belongs_to_the_document_before_it() -> None:
    doc = parse(
        DECREE_HEAD + "Điều 2. Hồ sơ\nBiên bản lập theo quy định tại Điều 58 Luật Xử lý vi phạm "
        "hành chính (được sửa đổi, bổ sung theo quy định tại khoản 29 Điều 1 Luật số "
        "67/2020/QH14); hồ sơ gồm các giấy tờ sau."
    )
    assert _ref(doc, "67/2020/QH14").relation == "cites"


def test_a_consolidated_text_consolidates() -> None:
    doc = parse(
        "VĂN PHÒNG QUỐC HỘI\nSố: 02/VBHN-VPQH\nHà Nội, ngày 16 tháng 9 năm 2024\n"
        "LUẬT THI HÀNH ÁN DÂN SỰ\nLuật Thi hành án dân sự số 26/2008/QH12 ngày 14 tháng 11 năm "
        "2008 của Quốc hội, có hiệu lực kể từ ngày 01 tháng 7 năm 2009, được sửa đổi, bổ sung "
        "bởi:\n"
        "1. Luật số 64/2014/QH13 ngày 25 tháng 11 năm 2014 của Quốc hội, có hiệu lực kể từ "
        "ngày 01 tháng 7 năm 2015;\n"
        "2. Luật Cạnh tranh số 23/2018/QH14 ngày 12 tháng 6 năm 2018 của Quốc hội, có hiệu lực "
        "kể từ ngày 01 tháng 7 năm 2019.\n"
        "Căn cứ Hiến pháp năm 1992;\n"
        "Chương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n"
        "1. Luật này quy định thi hành án. [Khoản này được sửa đổi bởi Khoản 1 Điều 1 Luật số "
        "64/2014/QH13 có hiệu lực từ ngày 01/07/2015]\n"
        "Điều 2. Sửa đổi\nLuật số 64/2014/QH13 sửa đổi, bổ sung một số điều của Luật Thi hành án "
        "dân sự.\nĐiều 3. Bãi bỏ\nBãi bỏ Nghị định số 58/2009/NĐ-CP."
    )
    governed = {"amends", "replaces", "repeals", "amended_by", "replaced_by", "repealed_by"}
    for r in doc.references:
        assert r.relation not in governed, (r.text, r.relation)
    assert _ref(doc, "58/2009/NĐ-CP").relation == "consolidates"
    # the note states that 64/2014 amends the law the text consolidates
    assert ("26/2008/QH12", "amended_by", "64/2014/QH13") in _rels(doc)
    # and so does the list of amending laws under the header
    assert ("26/2008/QH12", "amended_by", "23/2018/QH14") in _rels(doc)
    assert _ref(doc, "23/2018/QH14").relation == "consolidates"
    assert _ref(doc, "26/2008/QH12").relation == "consolidates"


@pytest.mark.parametrize(
    ("text", "pos_of", "expected"),
    [
        ("Căn cứ Luật A; Luật sửa đổi Luật B;", "Luật B", True),
        ("Căn cứ Luật A;\n\nLuật sửa đổi Luật B;", "Luật B", True),
        ("Căn cứ Luật A; Theo đề nghị của Bộ trưởng Luật B", "Luật B", False),
        ("Bãi bỏ Luật C", "Luật C", False),
        ("Luật D", "Luật D", False),
    ],
)
def test_basis_clause(text: str, pos_of: str, expected: bool) -> None:
    assert basis_clause(text, text.index(pos_of)) is expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("abcđêôơư ,;.()[]\n0123456789/-"))
        | st.sampled_from(
            ["Căn cứ ", "Luật ", "Nghị định ", "sửa đổi ", "được ", "bởi ", "theo ", "này ", "đã "]
        ),
        max_size=40,
    ).map("".join)
)
def test_cue_before_always_gives_a_relation(window: str) -> None:
    assert cue_before(window) in RELATION_KINDS


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Căn cứ Luật số 47/2019/QH14 sửa đổi Luật A;",
                "Luật X số 67/2006/QH11 đã được sửa đổi theo Luật số 21/2017/QH14,",
                " Luật số 20/2023/QH15 và",
                "[Khoản này được sửa đổi bởi Nghị định 15/2022/NĐ-CP]",
                "Bãi bỏ Nghị định số 58/2009/NĐ-CP.",
                "Luật số 64/2014/QH13 sửa đổi, bổ sung một số điều của Luật Thi hành án dân sự.",
                "\n",
            ]
        ),
        max_size=8,
    )
)
def test_parsing_keeps_every_mention_and_types_it(parts: list[str]) -> None:
    """Relation typing never drops a reference and gives only known relations."""
    doc = parse(LAW_HEAD + "Điều 1. Nội dung\n" + " ".join(parts))
    for r in doc.references:
        assert r.relation in RELATION_KINDS
    for x in doc.relations:
        assert x.relation in RELATION_KINDS and x.subject and x.object
