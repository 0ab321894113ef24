"""Task items, their direct and inherited sources, actors and deadlines (hand-built documents)."""

from __future__ import annotations

from datetime import date

from corpus_factory import build_doc, seedlike
from vbpl.corpus.tasks import find_tasks, task_units


def links(doc):
    return {t.section: [(s.number, s.key, s.via) for s in t.sources] for t in find_tasks(doc)}


def test_direct_and_inherited_sources() -> None:
    got = links(seedlike())
    assert got == {
        "hd_II__hd_1__item_1": [
            ("45-NQ/TW", "45-NQ/TW@2023", "direct"),
            ("20-KH/TW", "20-KH/TW@2023", "direct"),
        ],
        "hd_II__hd_1__item_2": [("29-NQ/TW", "29-NQ/TW@2013", "direct")],
        "hd_II__hd_1__item_3": [],
        # the heading and its intro paragraph cite 238-QĐ/TW: every item below inherits it
        "hd_II__hd_2__item_1": [("238-QĐ/TW", "238-QĐ/TW@2020", "inherited")],
        # cited directly as well: direct wins; the amended 99-QĐ/TU is not a source
        "hd_II__hd_2__item_2": [("238-QĐ/TW", "238-QĐ/TW@2020", "direct")],
        # a heading without items is a task itself
        "hd_II__hd_3": [],
    }


def test_part_one_is_not_a_task_part_and_empty_heading_is_no_task() -> None:
    ids = [s.id for s, _ in task_units(seedlike())]
    assert "hd_I__hd_1" not in ids
    assert "hd_III" not in ids


def test_unresolved_references_give_sources_without_keys() -> None:
    got = links(seedlike(targets=False))
    assert got["hd_II__hd_1__item_1"] == [
        ("45-NQ/TW", None, "direct"),
        ("20-KH/TW", None, "direct"),
    ]


def test_actor_deadline_and_text() -> None:
    tasks = {t.section: t for t in find_tasks(seedlike())}
    t = tasks["hd_II__hd_1__item_2"]
    assert t.text.startswith("Tiếp tục tham mưu")  # bullet stripped
    assert t.deadline == "trước ngày 30/6/2024"
    assert t.actor == "Ban tuyên giáo các cấp"  # from the heading's intro paragraph
    assert tasks["hd_II__hd_2__item_1"].actor == "Ban Tuyên giáo Tỉnh ủy"  # own text wins
    assert tasks["hd_II__hd_3"].actor == "Văn phòng Tỉnh ủy"
    assert tasks["hd_II__hd_3"].deadline == "trong quý IV/2024"
    assert all(t.document == "7-HD/BTGTU@2024" for t in tasks.values())


def test_directive_without_task_part_uses_action_verbs() -> None:
    outline = [
        ("cl_1", "heading", "1", "1. Tăng cường sự lãnh đạo theo Nghị quyết số 20-NQ/TW.", []),
        ("cl_2", "heading", "2", "2. Kết quả đạt được còn hạn chế.", []),
        ("cl_3", "heading", "3", "3. Đẩy mạnh tuyên truyền.", []),
        (
            "cl_4",
            "heading",
            "4",
            "4. Ban Tuyên giáo Trung ương chủ trì hướng dẫn tuyên truyền.",
            [],
        ),
    ]
    refs = [("cl_1", "Nghị quyết số 20-NQ/TW", "20-NQ/TW", "implements", "20-NQ/TW@2017")]
    doc = build_doc("25-CT/TW", date(2023, 10, 25), outline, refs, doc_type="Chỉ thị")
    expected = {"cl_1": [("20-NQ/TW", "20-NQ/TW@2017", "direct")], "cl_3": [], "cl_4": []}
    assert links(doc) == expected
    # a directive's points stay tasks beside a "Tổ chức thực hiện" part, in document order
    with_part = build_doc(
        "25-CT/TW",
        date(2023, 10, 25),
        [
            *outline,
            ("cl_5", "heading", "5", "5. Tổ chức thực hiện\nCác tỉnh ủy xây dựng kế hoạch.", []),
        ],
        refs,
        doc_type="Chỉ thị",
    )
    assert list(links(with_part)) == ["cl_1", "cl_3", "cl_4", "cl_5"]
    # a plan with a task part: its other action-like leaves are not tasks
    plan = build_doc(
        "1-KH/TU",
        date(2024, 1, 1),
        [
            *outline,
            ("cl_5", "heading", "5", "5. Tổ chức thực hiện\nCác tỉnh ủy xây dựng kế hoạch.", []),
        ],
        refs,
        doc_type="Kế hoạch",
    )
    assert list(links(plan)) == ["cl_5"]
    law = build_doc("1/2024/QH15", date(2024, 1, 1), outline, refs, doc_type="Luật")
    assert find_tasks(law) == []


def test_article_tổ_chức_thực_hiện_with_clauses() -> None:
    outline = [
        ("art_1", "article", "1", "Điều 1. Phê duyệt Đề án.", []),
        (
            "art_2",
            "article",
            "2",
            "Điều 2. Tổ chức thực hiện",
            [
                (
                    "art_2__cl_1",
                    "clause",
                    "1",
                    "1. Bộ Y tế chủ trì hướng dẫn thực hiện Quyết định này.",
                    [],
                ),
                ("art_2__cl_2", "clause", "2", "2. Các bộ, ngành phối hợp thực hiện.", []),
            ],
        ),
    ]
    doc = build_doc("1/QĐ-TTg", date(2024, 1, 2), outline, doc_type="Quyết định")
    tasks = find_tasks(doc)
    assert [(t.section, t.actor) for t in tasks] == [
        ("art_2__cl_1", "Bộ Y tế"),
        ("art_2__cl_2", "Các bộ, ngành"),
    ]


def test_self_and_relative_references_are_not_sources() -> None:
    outline = [
        (
            "hd_I",
            "heading",
            "I",
            "I. NHIỆM VỤ TRỌNG TÂM",
            [
                (
                    "hd_I__item_1",
                    "item",
                    "-",
                    "- Triển khai Hướng dẫn số 7-HD/BTGTU và Kết luận số 9-KL/TW.",
                    [],
                ),
            ],
        ),
    ]
    refs = [
        ("hd_I__item_1", "Hướng dẫn số 7-HD/BTGTU", "7-HD/BTGTU", "cites", "7-HD/BTGTU@2024"),
        ("hd_I__item_1", "Kết luận số 9-KL/TW", "9-KL/TW", "implements", None),
    ]
    doc = build_doc("7-HD/BTGTU", date(2024, 1, 10), outline, refs)
    assert links(doc) == {"hd_I__item_1": [("9-KL/TW", None, "direct")]}


def test_property_lines_belong_to_the_task_above() -> None:
    outline = [
        (
            "hd_II",
            "heading",
            "II",
            "II. NHIỆM VỤ CỤ THỂ",
            [
                (
                    "hd_II__pt_a",
                    "point",
                    "a",
                    "a) Rà soát văn bản về phổ cập giáo dục theo Nghị định số 84/2020/NĐ-CP",
                    [
                        (
                            "hd_II__pt_a__item_1",
                            "item",
                            "-",
                            "- Đơn vị chủ trì: Vụ Giáo dục Mầm non.",
                            [],
                        ),
                        ("hd_II__pt_a__item_2", "item", "-", "- Đơn vị phối hợp: Vụ Pháp chế.", []),
                        (
                            "hd_II__pt_a__item_3",
                            "item",
                            "-",
                            "- Thời gian thực hiện: quý III/2024.",
                            [],
                        ),
                    ],
                ),
                ("hd_II__pt_b", "point", "b", "b) Tổng kết công tác năm.", []),
            ],
        ),
    ]
    refs = [("hd_II__pt_a", "Nghị định số 84/2020/NĐ-CP", "84/2020/NĐ-CP", "cites", None)]
    doc = build_doc("5/KH-BGDĐT", date(2024, 2, 1), outline, refs, doc_type="Kế hoạch")
    tasks = find_tasks(doc)
    assert [(t.section, t.actor, t.deadline) for t in tasks] == [
        ("hd_II__pt_a", "Vụ Giáo dục Mầm non", "quý III/2024"),
        ("hd_II__pt_b", None, None),
    ]
    assert [s.number for s in tasks[0].sources] == ["84/2020/NĐ-CP"]


def test_law_article_about_a_topic_is_no_task_part() -> None:
    outline = [
        (
            "art_76",
            "article",
            "76",
            "Điều 76. Tổ chức thực hiện quy hoạch sử dụng đất",
            [
                ("art_76__cl_1", "clause", "1", "1. Chính phủ tổ chức thực hiện quy hoạch.", []),
            ],
        ),
        (
            "art_80",
            "article",
            "80",
            "Điều 80. Tổ chức thực hiện",
            [
                ("art_80__cl_1", "clause", "1", "1. Chính phủ quy định chi tiết Luật này.", []),
            ],
        ),
    ]
    doc = build_doc("31/2024/QH15", date(2024, 1, 18), outline, doc_type="Luật")
    assert [t.section for t in find_tasks(doc)] == ["art_80__cl_1"]


def test_examples_definitions_and_purposes_are_not_tasks() -> None:
    from vbpl import parse

    text = (
        "I. GIẢI THÍCH TỪ NGỮ\n"
        "- “Báo cáo viên” là người được cấp ủy công nhận.\n"
        "- “Tuyên truyền viên” là người làm công tác tuyên truyền ở cơ sở.\n"
        "II. NỘI DUNG THỰC HIỆN\n"
        "1. Kiện toàn đội ngũ báo cáo viên\n"
        "- Rà soát danh sách theo Hướng dẫn số 31-HD/BTGTW, ngày 30/12/2011.\n"
        "- Ví dụ: xã có 3 chi bộ cử 1 người theo Báo cáo số 125-BC/TU, ngày 10/3/2025.\n"
    )
    units = [s.id for s, _ in task_units(parse(text))]
    assert units == ["hd_II__hd_1__item_1"]


def test_a_conclusion_s_objectives_are_not_tasks() -> None:
    from vbpl import parse

    text = (
        "KẾT LUẬN\n"
        "I. MỤC TIÊU, YÊU CẦU\n"
        "1. Bảo đảm các nguyên tắc theo Kết luận số 121-KL/TW, ngày 24/01/2025.\n"
        "2. Tăng cường sự lãnh đạo của cấp ủy.\n"
        "II. GIAO NHIỆM VỤ\n"
        "1. Tăng cường kiểm tra việc thực hiện Kết luận số 126-KL/TW, ngày 14/02/2025.\n"
    )
    from dataclasses import replace

    doc = parse(text)
    doc = replace(doc, metadata=replace(doc.metadata, doc_type="Kết luận"))
    assert [s.id for s, _ in task_units(doc)] == ["hd_II__hd_1"]
