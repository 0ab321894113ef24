"""References in Party prose: the forms Party documents write numbers, dates and lists in."""

from __future__ import annotations

from datetime import date

import pytest

from vbpl.refs import find_references

# (text, [(kind, number, doc_type, date)])
CASES = [
    (
        "thực hiện Nghị quyết số 45-NQ/TW ngày 24/11/2023 của Bộ Chính trị",
        [("full", "45-NQ/TW", "Nghị quyết", date(2023, 11, 24))],
    ),
    (
        "theo Quyết định ngày 30/9/2020 số 238-QĐ/TW của Ban Bí thư",
        [("full", "238-QĐ/TW", "Quyết định", date(2020, 9, 30))],
    ),
    (
        "Chỉ thị ngày 05 tháng 02 năm 2024 số 30-CT/TW của Ban Bí thư",
        [("full", "30-CT/TW", "Chỉ thị", date(2024, 2, 5))],
    ),
    (
        "có văn bản số 15000-CV/VPTW ngày 23 tháng 5 năm 2025 gửi Đảng ủy",
        [("full", "15000-CV/VPTW", "Công văn", date(2025, 5, 23))],
    ),
    (
        "Báo cáo số 125-BC/TU, ngày 10/3/2025 của Tỉnh ủy",
        [("full", "125-BC/TU", "Báo cáo", date(2025, 3, 10))],
    ),
    (
        "(Tờ trình số 03-TTr/ĐU, ngày 17/10/2025)",
        [("full", "03-TTr/ĐU", "Tờ trình", date(2025, 10, 17))],
    ),
    (
        "Công văn số 8011-CV/BTCTW, ngày 27/02/2025 của Ban Tổ chức Trung ương",
        [("full", "8011-CV/BTCTW", "Công văn", date(2025, 2, 27))],
    ),
    (
        "theo Thông báo số 13-TB/TW, ngày 28/3/2011 của Bộ Chính trị",
        [("full", "13-TB/TW", "Thông báo", date(2011, 3, 28))],
    ),
    (
        "Quy định số 22-QĐi/TW ngày 28/5/2021 của Ban Chấp hành Trung ương",
        [("full", "22-QĐi/TW", "Quy định", date(2021, 5, 28))],
    ),
    (
        "theo các Kết luận số 187, 188-KL/TW ngày 04/9/2025 của Bộ Chính trị",
        [
            ("full", "187-KL/TW", "Kết luận", date(2025, 9, 4)),
            ("full", "188-KL/TW", "Kết luận", date(2025, 9, 4)),
        ],
    ),
    (
        "các Nghị quyết số 18-NQ/TW, 19-NQ/TW ngày 25/10/2017",
        [
            ("full", "18-NQ/TW", "Nghị quyết", date(2017, 10, 25)),
            ("full", "19-NQ/TW", "Nghị quyết", date(2017, 10, 25)),
        ],
    ),
    (
        "theo Nghị định 13/2023/ND-CP về bảo vệ dữ liệu cá nhân",
        [("full", "13/2023/NĐ-CP", "Nghị định", None)],
    ),
    (
        "Hướng dẫn sổ 06-HD/BTCTW-BTGTW, chia cho tổng số xã",
        [("full", "06-HD/BTCTW-BTGTW", "Hướng dẫn", None)],
    ),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_party_forms(text: str, want: list[tuple]) -> None:
    got = [(r.kind, r.number, r.doc_type, r.date) for r in find_references(text) if r.number]
    assert got == want


# Short forms: a full reference first, then the short form it stands for (same document).
SHORT_CASES = [
    (
        "Thực hiện Kết luận số 91-KL/TW, ngày 12/8/2024 của Bộ Chính trị (sau đây gọi tắt là "
        "Kết luận 91), Tỉnh ủy yêu cầu. Quán triệt Kết luận 91 đến chi bộ.",
        [("full", "91-KL/TW"), ("short", "91-KL/TW")],
    ),
    (
        "Nghị quyết số 45-NQ/TW, ngày 24/11/2023. Tổ chức thực hiện Nghị quyết 45 và "
        "Quy định số 377-QĐ/TW; rà soát theo Quy định 377.",
        [
            ("full", "45-NQ/TW"),
            ("short", "45-NQ/TW"),
            ("full", "377-QĐ/TW"),
            ("short", "377-QĐ/TW"),
        ],
    ),
    (
        "Chỉ thị số 45-CT/TW, ngày 20/4/2025. Kiện toàn theo Chỉ thị số 45.",
        [("full", "45-CT/TW"), ("short", "45-CT/TW")],
    ),
    (
        "Hướng dẫn số 31-HD/BTGTW, ngày 30/12/2011. Số lượng (theo HD 31).",
        [("full", "31-HD/BTGTW"), ("short", "31-HD/BTGTW")],
    ),
]


@pytest.mark.parametrize(("text", "want"), SHORT_CASES)
def test_short_forms_resolve_in_the_same_text(text: str, want: list[tuple]) -> None:
    got = [(r.kind, r.number) for r in find_references(text) if r.number]
    assert got == want


NOT_REFERENCES = [
    "Nghị quyết 45 năm",  # no full reference stated: a number alone is not a reference
    "Chỉ thị số 45",
    "năm 2025 có 45 nhiệm vụ",
]


@pytest.mark.parametrize("text", NOT_REFERENCES)
def test_unanchored_short_forms_are_not_references(text: str) -> None:
    assert [r.number for r in find_references(text) if r.number] == []


@pytest.mark.parametrize(
    "text", ["Điều 5 đến Điều 10", "Điều 5 đến Điều 10.", "quy định tại Điều 5 đến Điều 10."]
)
def test_range_of_articles_is_kept(text: str) -> None:
    """A range standing on its own keeps both ends (canonical: ``Điều 5 đến 10``)."""
    assert [r.pinpoint for r in find_references(text) if r.pinpoint] == ["Điều 5 đến 10"]
