"""find_references: numbered, list, pinpoint, relative and named mentions with their parts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl.errors import VbplError
from vbpl.refs import find_references, scan
from vbpl.text.normalize import normalize

# (text, [(kind, number, doc_type, date, pinpoint)])
CASES = [
    # the issuer of a cited plan stops before the verb of its description: the resolution the
    # plan implemented is a reference of its own
    (
        "thay thế Kế hoạch số 145-KH/TU ngày 12/10/2017 của Ban Thường vụ Tỉnh ủy thực hiện "
        "Nghị quyết số 10-NQ/TW ngày 03/6/2017 của Hội nghị Trung ương 5",
        [
            ("full", "145-KH/TU", "Kế hoạch", date(2017, 10, 12), None),
            ("full", "10-NQ/TW", "Nghị quyết", date(2017, 6, 3), None),
        ],
    ),
    (
        "theo Kế hoạch số 20-KH/HU của Huyện ủy triển khai Chỉ thị số 35-CT/TW",
        [
            ("full", "20-KH/HU", "Kế hoạch", None, None),
            ("full", "35-CT/TW", "Chỉ thị", None, None),
        ],
    ),
    (
        "thực hiện Nghị quyết số 45-NQ/TW, ngày 24/11/2023 của Bộ Chính trị",
        [("full", "45-NQ/TW", "Nghị quyết", date(2023, 11, 24), None)],
    ),
    (
        "theo Nghị định số 13/2023/NĐ-CP ngày 17 tháng 4 năm 2023 của Chính phủ",
        [("full", "13/2023/NĐ-CP", "Nghị định", date(2023, 4, 17), None)],
    ),
    ("số hiệu 13/2023/NĐ-CP", [("short", "13/2023/NĐ-CP", "Nghị định", None, None)]),
    (
        "các Nghị định số 15/2022/NĐ-CP và 16/2022/NĐ-CP",
        [
            ("full", "15/2022/NĐ-CP", "Nghị định", None, None),
            ("full", "16/2022/NĐ-CP", "Nghị định", None, None),
        ],
    ),
    (
        "điểm a khoản 2 Điều 5 Nghị định số 13/2023/NĐ-CP",
        [("full", "13/2023/NĐ-CP", "Nghị định", None, "điểm a khoản 2 Điều 5")],
    ),
    (
        "theo khoản 1, 2 và 3 Điều 10 như sau",
        [("relative", None, None, None, "khoản 1, 2 và 3 Điều 10")],
    ),
    (
        "tại các Điều 12, 13 và 14 của Luật này",
        [("relative", None, "Luật", None, "Điều 12, 13 và 14")],
    ),
    (
        "từ Điều 5 đến Điều 10 Nghị định này",
        [("relative", None, "Nghị định", None, "Điều 5 đến 10")],
    ),
    ("quy định tại Chương II", [("relative", None, None, None, "Chương II")]),
    ("quy định tại Điều này", [("relative", None, None, None, "Điều này")]),
    ("theo khoản 2 Điều này", [("relative", None, None, None, "khoản 2 Điều này")]),
    ("Thông tư này hướng dẫn", [("relative", None, "Thông tư", None, None)]),
    ("khoản 2 Điều 5 Luật này", [("relative", None, "Luật", None, "khoản 2 Điều 5")]),
    ("phù hợp với Luật Đất đai và", [("named", None, "Luật", None, None)]),
    ("theo Bộ luật Dân sự năm 2015", [("named", None, "Bộ luật", None, None)]),
    ("Luật Ban hành văn bản quy phạm pháp luật quy định", [("named", None, "Luật", None, None)]),
    (
        "góp phần thực hiện Nghị quyết Đại hội XIII của Đảng.",
        [("named", None, "Nghị quyết", None, None)],
    ),
    ("Quy định số 105-QĐ/TW", [("full", "105-QĐ/TW", "Quy định", None, None)]),
    ("Quyết định số 238-QĐ/TW", [("full", "238-QĐ/TW", "Quyết định", None, None)]),
    ("Nghị định số 13/2023/N\u00d0-CP", [("full", "13/2023/NĐ-CP", "Nghị định", None, None)]),
    # not references
    ("Điều 5. Phạm vi điều chỉnh", []),
    ("Luật sư và luật gia", []),
    ("ngày 24/11/2023 và 5/2020", []),
    ("Chương trình giáo dục phổ thông 2018", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_references(text: str, expected: list[tuple]) -> None:
    got = [(r.kind, r.number, r.doc_type, r.date, r.pinpoint) for r in find_references(text)]
    assert got == expected


def test_parts_issuer_term_title() -> None:
    text = (
        "Chỉ thị số 25-CT/TW, ngày 25/10/2023 của Ban Bí thư (khóa XIII) “Về tiếp tục củng cố y tế "
        "cơ sở”. Nghị quyết số 29-NQ/TW, ngày 04/11/2013 của Ban Chấp hành Trung ương Đảng khóa XI."
    )
    a, b = find_references(text)
    assert (a.issuer, a.term, a.title) == ("Ban Bí thư", "XIII", "Về tiếp tục củng cố y tế cơ sở")
    assert (b.issuer, b.term, b.date) == ("Ban Chấp hành Trung ương Đảng", "XI", date(2013, 11, 4))
    assert text[a.span.start : a.span.end] == a.text


def test_named_title_and_year() -> None:
    (r,) = find_references("Bộ luật Dân sự năm 2015")
    assert (r.title, r.doc_type, r.text) == ("Dân sự", "Bộ luật", "Bộ luật Dân sự năm 2015")


def test_effective_date_is_not_the_date_of_issue() -> None:
    (r,) = [
        x
        for x in find_references(
            "[Khoản này được sửa đổi bởi Khoản 3 Điều 1 Nghị định 15/2022/NĐ-CP có hiệu lực từ ngày 01/03/2022]"
        )
        if x.number
    ]
    assert r.date is None and r.relation == "amended_by" and r.pinpoint == "khoản 3 Điều 1"


def test_issue_date_after_an_unquoted_title() -> None:
    (r,) = find_references(
        "(Điều 42 Thông tư số 27/2013/TT-BTTTT Quy định về hệ thống hóa văn bản ngày 31/12/2013 của "
        "Bộ Thông tin và Truyền thông, có hiệu lực thi hành kể từ ngày 15/02/2014)"
    )
    assert (r.date, r.pinpoint) == (date(2013, 12, 31), "Điều 42")


def test_grouped_pinpoints_step_up() -> None:
    (r,) = [
        x
        for x in find_references(
            "được sửa đổi bởi Khoản 9,10 và điểm d khoản 13 Điều 1 Nghị định 70/2023/NĐ-CP"
        )
        if x.number
    ]
    assert r.pinpoint == "khoản 9, 10 và điểm d khoản 13 Điều 1"


RELATIONS = [
    ("Căn cứ Luật số 80/2015/QH13;", "based_on"),
    ("Nghị định này thay thế Nghị định số 78/2015/NĐ-CP.", "replaces"),
    ("Bãi bỏ Quyết định số 1234/QĐ-TTg.", "repeals"),
    ("Nghị định số 78/2015/NĐ-CP hết hiệu lực kể từ ngày Nghị định này có hiệu lực.", "repeals"),
    ("sửa đổi, bổ sung một số điều của Nghị định số 15/2022/NĐ-CP", "amends"),
    ("hướng dẫn thi hành Nghị định số 15/2022/NĐ-CP", "guides"),
    ("triển khai thực hiện Chỉ thị số 25-CT/TW", "implements"),
    ("thực hiện theo quy định của Nghị định số 15/2022/NĐ-CP", "cites"),
    ("[Điều này được hướng dẫn bởi Chương II Nghị định 145/2020/NĐ-CP]", "guided_by"),
    ("[Cụm từ này bị thay thế bởi Khoản 7 Điều 147 Nghị định 96/2023/NĐ-CP]", "replaced_by"),
    ("[Điểm này bị bãi bỏ bởi Khoản 1 Điều 3 Thông tư 03/2018/TT-BTNMT]", "repealed_by"),
    (
        "[Điểm này được đính chính bởi Khoản 1 Điều 1 Quyết định 2418/QĐ-BNNMT năm 2025]",
        "corrected_by",
    ),
]


@pytest.mark.parametrize(("text", "relation"), RELATIONS)
def test_relations(text: str, relation: str) -> None:
    (r,) = [x for x in find_references(text) if x.number]
    assert r.relation == relation


def test_relation_between_two_other_documents() -> None:
    refs, rels = scan(
        "Kế hoạch số 20-KH/TW, ngày 28/11/2023 của Bộ Chính trị về thực hiện Nghị quyết số 45-NQ/TW"
    )
    assert [(x.subject, x.relation, x.object) for x in rels] == [
        ("20-KH/TW", "implements", "45-NQ/TW")
    ]
    assert [r.number for r in refs] == ["20-KH/TW", "45-NQ/TW"]


def test_spans_index_normalised_text() -> None:
    raw = "Căn  cứ\u00a0Nghị  định số 13/2023/N\u00d0-CP"
    (r,) = find_references(raw)
    norm = normalize(raw).text
    assert norm[r.span.start : r.span.end] == r.text == "Nghị định số 13/2023/NĐ-CP"


def test_bad_input_is_an_error() -> None:
    with pytest.raises(VbplError):
        find_references(b"bytes")  # type: ignore[arg-type]


_alphabet = st.sampled_from(
    [
        *list("0123456789/-–.,;:()[]“” \n"),
        "số ",
        "Điều ",
        "khoản ",
        "điểm ",
        "Luật ",
        "Nghị định ",
        "này",
        "NĐ",
        "CP",
        "TW",
        "NQ",
        "ngày ",
        "tháng ",
        "năm ",
        "của ",
        "bởi ",
        "Chương ",
        "a",
        "Đ",
        "khóa ",
        "XIII",
        "các ",
        "từ ",
        "đến ",
        "và ",
        "được sửa đổi ",
        "Bộ luật ",
        "Đất đai ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=80).map("".join))
def test_never_raises_on_reference_like_text(text: str) -> None:
    refs = find_references(text)
    norm = normalize(text).text
    for r in refs:
        assert 0 <= r.span.start < r.span.end <= len(norm)
        assert norm[r.span.start : r.span.end] == r.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    find_references(text)


def test_list_products_are_bounded() -> None:
    from vbpl.refs.pinpoints import MAX_PATHS, match_pinpoint

    p = match_pinpoint("điểm a đến y khoản 1 đến 199 Điều 1 đến 199 Luật này", 0)
    assert p is not None and len(p.paths) == MAX_PATHS
    assert p.text == "điểm a đến y khoản 1 đến 199 Điều 1 đến 199"
