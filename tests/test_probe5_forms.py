"""Rules found by the fifth blind probe (tests/fixtures/probe5), each on variants of its own.

Most rules carry their examples in the data files (cleanup.json ``ocr_slips``, header_lines.json
``number_line`` / ``inline_examples`` / ``vv_examples`` / ``signing_examples`` /
``opening_examples``); these are the ones whose input is a whole text.
"""

from __future__ import annotations

import pytest

import vbpl
from vbpl.clean import clean, looks_like_markdown

# the header's star with the motto beside it (two columns kept on one line), not a bullet
STAR_BESIDE = [
    "CHI BỘ KHU PHỐ 3\n      *          ĐẢNG CỘNG SẢN VIỆT NAM\nSố 11-BC/CB",
    "ĐẢNG ỦY XÃ AN PHÚ\n  *    ĐẢNG CỘNG SẢN VIỆT NAM\nS ố 4-NQ/ĐU",
    "UBND HUYỆN\n   *      CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 5/UBND",
]
BULLETS = ["*   Tổ chức học tập.\n*   Phát hành tài liệu.", "*  ĐẢNG VIÊN MỚI\n*  CHI BỘ"]


@pytest.mark.parametrize("text", STAR_BESIDE)
def test_star_beside_the_motto_is_no_bullet(text: str) -> None:
    assert not looks_like_markdown(text)
    assert clean(text).text == text


@pytest.mark.parametrize("text", BULLETS)
def test_star_bullets_stay_markdown(text: str) -> None:
    assert looks_like_markdown(text)


def _pages(first: int) -> str:
    """A short OCR text: ``first`` lines on page 1, a '- 2 -' page number, page 2."""
    body = [f"{k}/ Nội dung thứ {k}." for k in range(1, first - 1)]
    return "\n".join(["BÁO CÁO", "kết quả năm 2024", *body, "   - 2 -", "Hết trang hai."])


@pytest.mark.parametrize(("first", "dropped"), [(6, True), (8, True), (14, True), (4, False)])
def test_marked_page_number_after_a_short_page(first: int, dropped: bool) -> None:
    """'- 2 -' after six lines or more is a page number (an OCR page holds few, long lines);
    after fewer it stays text."""
    assert ("- 2 -" not in clean(_pages(first)).text) == dropped


@pytest.mark.parametrize(
    ("text", "outline"),
    [
        (
            "NGHỊ QUYẾT\nVỀ NHIỆM VỤ\nl. KẾT QUẢ\nNội dung.\nII. NHIỆM VỤ\n1. Việc một.",
            ["I", "II", "II/1"],
        ),
        # no II after it: "l." is left as written (no part I is read)
        ("NGHỊ QUYẾT\nVỀ NHIỆM VỤ\nl. KẾT QUẢ\nNội dung.", [""]),
    ],
)
def test_roman_l_read_for_one(text: str, outline: list[str]) -> None:
    doc = vbpl.parse(text)
    paths: list[str] = []

    def walk(ss, pre: str = "") -> None:
        for s in ss:
            paths.append(pre + s.label)
            walk(s.children, pre + s.label + "/")

    walk(doc.sections)
    assert paths == outline


def test_an_ocr_text_keeps_the_roman_part_the_ungated_rule_mended() -> None:
    """In a text the OCR gate opens, the gated mending starts from the ungated one: the
    Roman part "l." before "II." is I, not the label 1."""
    from vbpl.clean.ocr import ocr_mended

    raw = "BAN CHÁP HÀNH TRUNG Ư0NG\nngày 1O tháng 3 năm 2O25\nl. KẾT QUẢ\nII. NHIỆM VỤ"
    assert ocr_mended(raw) == (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nngày 10 tháng 3 năm 2025\nI. KẾT QUẢ\nII. NHIỆM VỤ"
    )
