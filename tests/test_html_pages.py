"""HTML pages: every family on fixtures written for the project, hostile pages, and the saved
pages of ``../shared`` (skipped without it)."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest

from vbpl.errors import InputError
from vbpl.parser.html import extract_html
from vbpl.parser.html_text import MAX_HTML_CHARS, element_lines, parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def articles(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"(?m)^Điều (\d+[a-zđ]?)\b", text)]


# --------------------------------------------------------------------------------- fixtures


def test_full_text_page() -> None:
    ex = extract_html(page("pair_nghidinh.html"))
    assert ex.format == "vbpl-toanvan"
    m = ex.metadata
    assert m is not None
    assert (m.number, m.doc_type, m.status) == ("118/2024/NĐ-CP", "Nghị định", "Còn hiệu lực")
    assert (m.issued, m.effective, m.place) == (date(2024, 3, 12), date(2024, 5, 1), "Hà Nội")
    assert articles(ex.text) == ["1", "2", "3", "4", "5"]
    lines = ex.text.splitlines()
    # header tables first, the signature last; page furniture and attachments dropped
    assert lines[:2] == ["CHÍNH PHỦ", "Số: 118/2024/NĐ-CP"]
    assert lines[-1] == "Trần Văn Minh"
    for junk in ("Toàn văn", "Tải file", "ShowDialogDownload", "CSDL", "margin", "118.2024"):
        assert junk not in ex.text


def test_full_text_page_equals_its_text_file() -> None:
    ex = extract_html(page("pair_nghidinh.html"))
    assert ex.text == page("pair_nghidinh.txt").strip()


def test_properties_page() -> None:
    ex = extract_html(page("vbpl_thuoctinh.html"))
    assert ex.format == "vbpl-thuoctinh"
    m = ex.metadata
    assert m is not None
    assert m.number == "07/2023/TT-BXD"
    assert m.doc_type == "Thông tư"
    assert m.issued == date(2023, 7, 28)
    assert m.effective == date(2023, 9, 15)
    assert m.issuer == "Bộ Xây dựng"
    assert m.signer == "Lê Thị Hoa"
    assert m.status == "Hết hiệu lực một phần"
    assert m.fields == ("Xây dựng - Đô thị", "Tài nguyên - Môi trường")
    assert m.title == "Hướng dẫn quản lý hồ sơ vườn ươm cây giống"
    assert "07.2023.TT-BXD.doc" not in ex.text  # the hidden download dialog


@pytest.mark.parametrize(
    ("caption", "title"),
    [
        # the caption led by the type and the number (the page's heading copied into the cell)
        ("Thông tư 07/2023/TT-BXD hướng dẫn quản lý", "Hướng dẫn quản lý"),
        ("Thông tư số 07/2023/TT-BXD Hướng dẫn quản lý", "Hướng dẫn quản lý"),
        # another document's number leads it: kept as written
        ("Thông tư 08/2023/TT-BXD hướng dẫn quản lý", "Thông tư 08/2023/TT-BXD hướng dẫn quản lý"),
    ],
)
def test_properties_caption_led_by_type_and_number(caption: str, title: str) -> None:
    html = page("vbpl_thuoctinh.html").replace(
        "Hướng dẫn quản lý hồ sơ vườn ươm cây giống", caption, 1
    )
    m = extract_html(html).metadata
    assert m is not None and m.title == title


def test_diagram_page() -> None:
    ex = extract_html(page("vbpl_luocdo.html"))
    assert ex.format == "vbpl-luocdo"
    assert ex.metadata is not None
    assert (ex.metadata.number, ex.metadata.doc_type) == ("118/2024/NĐ-CP", "Nghị định")
    got = [(r.subject, r.relation, r.object, r.source) for r in ex.relations]
    assert got == [
        (".", "guided_by", "07/2023/TT-BXD", "diagram"),
        (".", "repeals", "64/2010/QĐ-TTg", "diagram"),
        (".", "based_on", "76/2015/QH13", "diagram"),
        (".", "based_on", "30/2009/QH12", "diagram"),
        (".", "cites", "Hiến pháp năm 2013", "diagram"),
        (".", "amended_by", "21/2025/NĐ-CP", "diagram"),
    ]
    # "liên quan khác" is listed in the text but no relation kind fits it
    assert "05/2022/CT-TTg" in ex.text


def test_related_documents_page() -> None:
    ex = extract_html(page("vbpl_lienquan.html"))
    assert ex.format == "vbpl-lienquan"
    assert [(r.relation, r.object) for r in ex.relations] == [
        ("based_on", "76/2015/QH13"),
        ("guided_by", "07/2023/TT-BXD"),
    ]
    assert ex.metadata is not None and ex.metadata.status == "Còn hiệu lực"


def test_codification_page() -> None:
    ex = extract_html(page("phapdien.html"))
    assert ex.format == "phapdien"
    assert ex.metadata is not None and ex.metadata.title == "Vườn ươm cây giống đô thị"
    got = [(r.subject, r.relation, r.object, r.pinpoint, r.source) for r in ex.relations]
    assert got == [
        (".", "cites", "118/2024/NĐ-CP", "Điều 1", "codification"),
        (".", "cites", "118/2024/NĐ-CP", "Điều 2", "codification"),
        ("118/2024/NĐ-CP", "amended_by", "21/2025/NĐ-CP", "Điều 1", "codification"),
        (".", "cites", "07/2023/TT-BXD", "Điều 3", "codification"),
        ("07/2023/TT-BXD", "repealed_by", "02/2025/TT-BXD", "Điều 2", "codification"),
        (".", "cites", "Pháp lệnh Về giống cây trồng đô thị", "Điều 7", "codification"),
    ]
    lines = ex.text.splitlines()
    # each codified article is followed by its source note, kept in the text
    i = lines.index("Điều 9.4.NĐ.1.1. Phạm vi điều chỉnh")
    assert lines[i + 1].startswith("(Điều 1 Nghị định số 118/2024/NĐ-CP")
    assert "Xem Danh mục" not in ex.text  # hidden paragraph
    assert "1 | Cây sữa" in lines


def test_commercial_page() -> None:
    ex = extract_html(page("tvpl.html"))
    assert ex.format == "tvpl"
    m = ex.metadata
    assert m is not None
    assert (m.number, m.doc_type, m.issuer, m.signer) == (
        "07/2023/TT-BXD",
        "Thông tư",
        "Bộ Xây dựng",
        "Lê Thị Hoa",
    )
    assert (m.issued, m.effective, m.status) == (
        date(2023, 7, 28),
        date(2023, 9, 15),
        "Còn hiệu lực",
    )
    lines = ex.text.splitlines()
    assert lines[0] == "BỘ XÂY DỰNG"
    # the header row is read cell by cell, so số and date stay on lines of their own
    assert "Số: 07/2023/TT-BXD" in lines and "Hà Nội, ngày 28 tháng 7 năm 2023" in lines
    assert articles(ex.text) == ["1", "2"]
    for junk in ("Trang chủ", "dataLayer", "Số hiệu:", "© thuvienphapluat"):
        assert junk not in ex.text


def test_generic_page() -> None:
    ex = extract_html(page("generic.html"))
    assert ex.format == "html"
    assert ex.text.splitlines() == [
        "KẾ HOẠCH",
        "Trồng cây xanh đô thị năm 2025",
        "Thực hiện Nghị định số 118/2024/NĐ-CP ngày 12/3/2024 của Chính phủ,",
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "- Trồng mới cây xanh tại các tuyến phố.",
        "- Bảo đảm nguồn giống.",
        "STT | Tuyến phố | Số cây",
        "1 | Lê Lợi | 120",
    ]


@pytest.mark.parametrize(
    ("html", "message"),
    [
        (page("vbpl_timkiem.html"), "search results"),
        ("<html><body><script>var a = 1;</script></body></html>", "no text"),
        ("<html><body><p>   </p><p>12 34</p></body></html>", "no text"),
        ("", "empty"),
    ],
)
def test_not_a_document(html: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        extract_html(html)


def test_inline_markup_stays_on_the_line() -> None:
    lines = element_lines(
        parse_html("<p>diện tích 30 m<sup>2</sup> tại <a href='#'>Điều</a> 5</p>")
    )
    assert lines == ["diện tích 30 m2 tại Điều 5"]


# --------------------------------------------------------------------------------- hostile

_LOL = "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(2, 10))
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY lol1 "lol">' + _LOL + "]>\n"
    "<html><body><p>Điều 1. &lol9;</p></body></html>"
)


def test_billion_laughs_is_not_expanded() -> None:
    start = time.perf_counter()
    ex = extract_html(BILLION_LAUGHS)
    assert time.perf_counter() - start < 5
    assert len(ex.text) < 200
    assert ex.text.startswith("Điều 1.")


def test_external_entities_are_not_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT", encoding="utf-8")
    html = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<html><body><p>Điều 1. &x;</p></body></html>"
    )
    assert "BÍ MẬT" not in extract_html(html).text


def test_deep_nesting_is_refused() -> None:
    html = "<html><body>" + "<div>" * 100_000 + "Điều 1." + "</div>" * 100_000 + "</body></html>"
    with pytest.raises(InputError, match="nested deeper"):
        extract_html(html)


def test_moderate_nesting_is_read() -> None:
    html = (
        "<html><body>"
        + "<div>" * 200
        + "<p>Điều 1. Phạm vi</p>"
        + "</div>" * 200
        + "</body></html>"
    )
    assert extract_html(html).text == "Điều 1. Phạm vi"


def test_huge_page_is_refused_quickly() -> None:
    html = (
        "<html><body>"
        + "<p>Điều 1. Nội dung thử.</p>" * (50 * 1024 * 1024 // 26)
        + "</body></html>"
    )
    assert len(html) > MAX_HTML_CHARS
    start = time.perf_counter()
    with pytest.raises(InputError, match="larger than"):
        extract_html(html)
    assert time.perf_counter() - start < 1


def test_generic_page_with_an_info_list() -> None:
    html = (
        "<html><body><ul class='info'><li><b>Số hiệu:</b> 12/2024/TT-BTC</li>"
        "<li>Ngày ban hành: 05/02/2024</li><li>Trang chủ</li></ul>"
        "<article><p>Điều 1. Phạm vi điều chỉnh</p><ul><li>Ngày ban hành: không phải nhãn</li></ul>"
        "</article></body></html>"
    )
    ex = extract_html(html)
    assert ex.format == "html"
    assert ex.metadata is not None and ex.metadata.key == "12/2024/TT-BTC@2024"
    assert ex.text.splitlines() == ["Điều 1. Phạm vi điều chỉnh", "Ngày ban hành: không phải nhãn"]


def test_generic_page_without_main_block_reads_its_table() -> None:
    html = (
        "<html><body><table><tr><td>Số hiệu:</td><td>12/2024/TT-BTC</td></tr>"
        "<tr><td>Ngày ban hành:</td><td>05/02/2024</td></tr></table>"
        "<p>Điều 1. Phạm vi điều chỉnh</p></body></html>"
    )
    ex = extract_html(html)
    assert ex.metadata is not None and ex.metadata.key == "12/2024/TT-BTC@2024"


def test_ordered_lists_show_their_numbers() -> None:
    html = (
        "<ol><li>Phạm vi</li><li>Đối tượng<ol type='a'><li>cơ quan;</li><li>tổ chức;</li>"
        "<li>cá nhân;</li><li>hộ gia đình;</li><li>khác.</li></ol></li></ol>"
        "<ol start='4' type='I'><li>NỘI DUNG</li></ol><ul><li>- gạch đầu dòng</li></ul>"
    )
    assert element_lines(parse_html(html)) == [
        "1. Phạm vi",
        "2. Đối tượng",
        "a) cơ quan;",
        "b) tổ chức;",
        "c) cá nhân;",
        "d) hộ gia đình;",
        "đ) khác.",
        "IV. NỘI DUNG",
        "- gạch đầu dòng",
    ]


def test_many_unclosed_doctype_subsets_stay_fast() -> None:
    html = "<!DOCTYPE html [" + "<!DOCTYPE x [ <p>Điều 1.</p>" * 50_000
    start = time.perf_counter()
    ex = extract_html(html)
    assert time.perf_counter() - start < 10
    assert ex.text.startswith("Điều 1.")
