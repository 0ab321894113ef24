"""Variants of the forms the fourth blind probe exposed (``tests/fixtures/probe4``), one or
more per rule written after it, each in a form the probe's own document does not have:
months in words, effect from the day of passing, mass organisations and their boards, the
Youth Union's motto, mammoth's underscore emphasis, HTML trails, no-break-space columns,
``<dl>`` properties and nested lists, a commemorated date range under a title."""

from __future__ import annotations

import pytest

import vbpl
from vbpl.parser.ids import label_paths

CASES: list[tuple[str, str, dict[str, str], list[str]]] = [
    (
        "month_in_words_december",
        "HUYỆN ỦY THANH CHƯƠNG\n*\nSố 88-CTr/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Thanh Chương, ngày 02 tháng Mười hai năm 2024\n\nCHƯƠNG TRÌNH\n"
        "công tác năm 2025\n\n1. Công tác xây dựng Đảng.\n2. Công tác dân vận.\n",
        {"issued": "2024-12-02", "doc_type": "Chương trình", "place": "Thanh Chương"},
        ["1", "2"],
    ),
    (
        "effect_from_passing_commune_council",
        "HỘI ĐỒNG NHÂN DÂN\nXÃ PHÚ LỘC\n\nSố: 09/NQ-HĐND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Phú Lộc, ngày 18 tháng 7 năm 2024\n\nNGHỊ QUYẾT\nVề kế hoạch đầu tư công năm 2025\n\n"
        "HỘI ĐỒNG NHÂN DÂN XÃ PHÚ LỘC\n\nQUYẾT NGHỊ:\n\n"
        "Điều 1. Thông qua kế hoạch đầu tư công năm 2025.\n"
        "Điều 2. Nghị quyết có hiệu lực từ ngày thông qua.\n",
        {"effective": "2024-07-18", "issuer": "Hội đồng nhân dân xã Phú Lộc"},
        ["1", "2"],
    ),
    (
        "womens_union_board_under_province",
        "HỘI LHPN VIỆT NAM          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HỘI LHPN TỈNH QUẢNG NGÃI        Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 112/HD-HPN          Quảng Ngãi, ngày 04 tháng 4 năm 2025\n\nHƯỚNG DẪN\n"
        "Tổ chức hội nghị sơ kết\n\nI. MỤC ĐÍCH\nNội dung.\nII. TỔ CHỨC THỰC HIỆN\nNội dung.\n",
        {"issuer": "Hội Liên hiệp Phụ nữ tỉnh Quảng Ngãi", "number": "112/HD-HPN"},
        ["I", "II"],
    ),
    (
        "front_standing_board_of_a_district",
        "ỦY BAN MTTQ VIỆT NAM          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HUYỆN ĐÔNG SƠN                   Độc lập - Tự do - Hạnh phúc\n"
        "BAN THƯỜNG TRỰC\n"
        "Số: 21/BC-MTTQ-BTT          Đông Sơn, ngày 30 tháng 6 năm 2025\n\nBÁO CÁO\n"
        "Kết quả công tác Mặt trận 6 tháng đầu năm 2025\n\n1. Kết quả.\n2. Nhiệm vụ.\n",
        {"issuer": "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam huyện Đông Sơn"},
        ["1", "2"],
    ),
    (
        "youth_union_central_committee_and_motto",
        "BAN CHẤP HÀNH TRUNG ƯƠNG          ĐOÀN TNCS HỒ CHÍ MINH\n***\n"
        "Số: 305-CT/TWĐTN-VP          Hà Nội, ngày 12 tháng 8 năm 2024\n\nCHỈ THỊ\n"
        "về tổ chức đại hội đoàn các cấp\n\n1. Công tác chuẩn bị.\n2. Tổ chức thực hiện.\n",
        {
            "issuer": "Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh",
            "number": "305-CT/TWĐTN-VP",
        },
        ["1", "2"],
    ),
    (
        "mammoth_underscores",
        "__ĐẢNG ỦY XÃ TÂN HIỆP__\n\n\\*\n\nSố 14\\-KH/ĐU\n\n__ĐẢNG CỘNG SẢN VIỆT NAM__\n\n"
        "_Tân Hiệp, ngày 9 tháng 9 năm 2024_\n\n__KẾ HOẠCH__\n\n__tổ chức lấy phiếu tín nhiệm__\n\n"
        "1\\. Mục đích.\n\n2\\. Thời gian.\n\n__T/M ĐẢNG ỦY__\n\n__BÍ THƯ__\n\n__Lê Văn Tư__\n",
        {
            "doc_type": "Kế hoạch",
            "title": "Tổ chức lấy phiếu tín nhiệm",
            "signer": "Lê Văn Tư",
            "number": "14-KH/ĐU",
        },
        ["1", "2"],
    ),
    (
        "html_breadcrumb_nbsp_columns",
        '<html><body><nav class="menu">Trang chủ</nav>'
        '<ul class="breadcrumbs"><li><a href="/">Trang chủ</a></li><li>Văn bản</li></ul>'
        '<div class="content">QUẬN ỦY CẦU GIẤY&nbsp;&nbsp;&nbsp;&nbsp;ĐẢNG CỘNG SẢN VIỆT NAM<br/>'
        "*<br/>Số 31-KH/QU&nbsp;&nbsp;&nbsp;&nbsp;Cầu Giấy, ngày 5 tháng 3 năm 2025<br/><br/>"
        "KẾ HOẠCH<br/>tổ chức hội nghị học tập<br/><br/>1. Mục đích.<br/>2. Thành phần.<br/>"
        "</div></body></html>",
        {"number": "31-KH/QU", "issuer": "Quận ủy Cầu Giấy", "place": "Cầu Giấy"},
        ["1", "2"],
    ),
    (
        "html_dl_properties_and_nested_ul",
        "<html><body><dl><dt>Số ký hiệu</dt><dd>07-HD/BTGTU</dd>"
        "<dt>Ngày ban hành</dt><dd>03/02/2025</dd></dl><div>"
        "<p>TỈNH ỦY ĐẮK NÔNG</p><p>BAN TUYÊN GIÁO</p><p>*</p><p>Số 07-HD/BTGTU</p>"
        "<p>ĐẢNG CỘNG SẢN VIỆT NAM</p><p>Đắk Nông, ngày 03 tháng 02 năm 2025</p>"
        "<p>HƯỚNG DẪN</p><p>tuyên truyền mừng Đảng, mừng Xuân</p>"
        "<ol><li>Nội dung<ul><li>Truyền thống của Đảng;</li><li>Thành tựu của tỉnh.</li></ul>"
        "</li><li>Hình thức.</li></ol></div></body></html>",
        {
            "number": "07-HD/BTGTU",
            "issued": "2025-02-03",
            "issuer": "Ban Tuyên giáo Tỉnh ủy Đắk Nông",
        },
        ["1", "1/-1", "1/-2", "2"],
    ),
    (
        "years_line_under_title",
        "THÀNH ỦY HẢI PHÒNG\n*\nSố 120-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Hải Phòng, ngày 10 tháng 01 năm 2025\n\nKẾ HOẠCH\n"
        "tổ chức kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam\n(1930 - 2025)\n\n"
        "I. MỤC ĐÍCH\nNội dung.\nII. NỘI DUNG\nNội dung.\n",
        {
            "title": "Tổ chức kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (1930 - 2025)",
        },
        ["I", "II"],
    ),
]


@pytest.mark.parametrize(("name", "text", "want", "outline"), CASES, ids=[c[0] for c in CASES])
def test_variant(name: str, text: str, want: dict[str, str], outline: list[str]) -> None:
    doc = vbpl.parse(text)
    got = doc.metadata.to_dict()
    assert {k: got[k] for k in want} == want
    assert label_paths(doc.sections) == outline


def test_grid_table_borders_are_markup() -> None:
    """pandoc's grid table: the ``+---+`` borders go (not a '+' item), the rows stay."""
    from vbpl.clean import clean

    raw = "+------+------+\n| **A** | B |\n+======+======+\n| c | d |\n+------+------+\n\n1. X\n"
    text = clean(raw).text
    assert "+-" not in text and "+=" not in text
    assert "A" in text and "d" in text and "1. X" in text


def test_date_broken_before_a_month_in_words() -> None:
    """ "Hà Nội, ngày 5" / "tháng Tám năm 2024": one date again."""
    from vbpl.clean.edits import apply_edits
    from vbpl.clean.layout import date_edits

    raw = "Hà Nội, ngày 5\n   tháng Tám năm 2024"
    assert apply_edits(raw, date_edits(raw))[0] == "Hà Nội, ngày 5    tháng Tám năm 2024"
