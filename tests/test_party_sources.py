"""Party documents in the forms they reach a user outside the shared corpus: the text layer of a
PDF (the two header columns and the signature block's two columns come out in any order, a motto
broken over two lines, the number and the date on one line, running heads and page numbers in
the body, numbers broken at a line end), with or without the PDF's form feeds; and news copies
("toàn văn" after a lead paragraph, a byline, "Theo TTXVN", related-article lists, the document's
own number only in a trailing caption).

Every document here is written for this project, modelled on the structure of real ones; the
PDFs are built by :mod:`pdf_factory` and read by the real PDF reader. Negative cases (a body
citing other numbers, a related-article list or link) must leave the metadata empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import vbpl
from pdf_factory import make_pdf
from vbpl.data import load_table
from vbpl.model import Document, Section

# --- a provincial plan, as the pages of a PDF ----------------------------------------------

TITLE = ["KẾ HOẠCH", "thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị"]
PAGE1_BODY = [
    "-----",
    "Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát",
    "triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, Ban Thường vụ Tỉnh",
    "ủy ban hành Kế hoạch thực hiện như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Quán triệt sâu sắc nội dung của Nghị quyết trong các cấp ủy, tổ chức đảng và toàn thể",
    "cán bộ, đảng viên; phát huy tinh thần trách nhiệm của các tổ chức chính trị - xã hội và",
    "các tầng lớp nhân dân trong việc thực hiện Nghị quyết, tạo sự thống nhất cao về nhận thức",
    "và hành động trong toàn Đảng bộ tỉnh.",
]
RUNNING_HEAD = "Kế hoạch số 123-KH/TU của Tỉnh ủy Thái Bình"
PAGE2 = [
    "2. Xác định rõ nhiệm vụ, giải pháp phù hợp với điều kiện thực tế của địa phương, gắn với",
    "việc thực hiện Kết luận số 127-",
    "KL/TW của Bộ Chính trị, Ban Bí thư và các chương trình, đề án trọng điểm của tỉnh trong",
    "giai đoạn 2025 - 2030, nhất là các đề án về chuyển đổi số trong cơ quan đảng, chính quyền.",
    "II. NHIỆM VỤ, GIẢI PHÁP",
    "1. Nâng cao nhận thức, đổi mới tư duy, có quyết tâm chính trị mạnh mẽ, quyết liệt lãnh",
    "đạo, chỉ đạo, tạo xung lực mới cho phát triển khoa học, công nghệ, đổi mới sáng tạo và",
    "chuyển đổi số trên địa bàn tỉnh.",
    "a) Các cấp ủy, tổ chức đảng tổ chức quán triệt, tuyên truyền sâu rộng trong cán bộ, đảng",
    "viên và nhân dân; gắn việc quán triệt với xây dựng chương trình hành động của từng cơ",
    "quan, đơn vị, bảo đảm mỗi nhiệm vụ có địa chỉ, thời hạn và người chịu trách nhiệm, lấy",
    "kết quả thực hiện làm tiêu chí đánh giá tập thể, cá nhân hằng năm.",
]
PAGE3 = [
    "b) Đẩy mạnh ứng dụng công nghệ số trong hoạt động của cơ quan đảng, chính quyền, Mặt trận",
    "Tổ quốc và các tổ chức chính trị - xã hội ở các cấp.",
    "2. Hoàn thiện thể chế, cơ chế, chính sách; các cấp ủy, tổ chức đảng chỉ đạo triển khai",
    "thực hiện, rà soát các quy định không còn phù hợp, đề xuất sửa đổi, bổ sung kịp thời;",
    "bảo đảm nguồn lực cho các chương trình, đề án về chuyển đổi số và đổi mới sáng tạo;",
    "định kỳ sơ kết, đánh giá, báo cáo Ban Thường vụ Tỉnh ủy về kết quả thực hiện; các cơ",
    "quan tham mưu theo dõi, đôn đốc thực hiện nghiêm túc Kế hoạch này./.",
]
OUTLINE = ["I", "I/1", "I/2", "II", "II/1", "II/1/a", "II/1/b", "II/2"]

#: the header's two columns as a PDF's text layer gives them
HEADERS: dict[str, list[str]] = {
    "left_then_right": [
        "TỈNH ỦY THÁI BÌNH",
        "*",
        "Số 123-KH/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Thái Bình, ngày 15 tháng 4 năm 2025",
    ],
    "right_then_left": [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Thái Bình, ngày 15 tháng 4 năm 2025",
        "TỈNH ỦY THÁI BÌNH",
        "*",
        "Số 123-KH/TU",
    ],
    "interleaved": [
        "TỈNH ỦY THÁI BÌNH ĐẢNG CỘNG SẢN VIỆT NAM",
        "*",
        "Số 123-KH/TU Thái Bình, ngày 15 tháng 4 năm 2025",
    ],
    "motto_split_beside": [
        "TỈNH ỦY THÁI BÌNH ĐẢNG CỘNG SẢN",
        "VIỆT NAM",
        "*",
        "Số 123-KH/TU Thái Bình, ngày 15 tháng 4 năm 2025",
    ],
    "motto_split_alone": [
        "TỈNH ỦY THÁI BÌNH",
        "ĐẢNG CỘNG SẢN",
        "VIỆT NAM",
        "*",
        "Số 123-KH/TU",
        "Thái Bình, ngày 15 tháng 4 năm 2025",
    ],
    "motto_split_first": [
        "ĐẢNG CỘNG",
        "SẢN VIỆT NAM",
        "TỈNH ỦY THÁI BÌNH",
        "*",
        "Số: 123-KH/TU Thái Bình, ngày 15 tháng 4 năm 2025",
    ],
}

#: the signature block: Nơi nhận on the left, T/M … on the right, line by line
SIGNATURES: dict[str, list[str]] = {
    "beside_name_last": [
        "Nơi nhận: T/M BAN THƯỜNG VỤ",
        "- Ban Bí thư Trung ương Đảng, PHÓ BÍ THƯ THƯỜNG TRỰC",
        "- Các đồng chí Tỉnh ủy viên,",
        "- Lưu VPTU. Trần Văn Bình",
    ],
    "name_alone": [
        "Nơi nhận: T/M BAN THƯỜNG VỤ",
        "- Ban Bí thư Trung ương Đảng, BÍ THƯ",
        "- Lưu VPTU.",
        "Trần Văn Bình",
    ],
    "position_beside": [
        "T/M BAN THƯỜNG VỤ",
        "Nơi nhận: PHÓ BÍ THƯ",
        "- Như trên,",
        "- Lưu VPTU. (Đã ký)",
        "Trần Văn Bình",
    ],
    "kt_signed_mark": [
        "Nơi nhận: K/T BÍ THƯ",
        "- Các huyện ủy, thành ủy, PHÓ BÍ THƯ",
        "- Lưu Văn phòng. (Đã ký)",
        "- Lưu VT. Trần Văn Bình",
    ],
    "columns_in_order": [
        "Nơi nhận:",
        "- Các đảng ủy trực thuộc,",
        "- Lưu VPTU.",
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Trần Văn Bình",
    ],
}

EXPECTED: dict[str, Any] = {
    "number": "123-KH/TU",
    "doc_type": "Kế hoạch",
    "issuer": "Tỉnh ủy Thái Bình",
    "issued": "2025-04-15",
    "place": "Thái Bình",
    "signer": "Trần Văn Bình",
    "title": "Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị",
}


def pages(header: list[str], signature: list[str]) -> list[list[str]]:
    """Three pages: page numbers at their foot, the running head on top of pages 2 and 3."""
    return [
        [*header, *TITLE, *PAGE1_BODY, "1"],
        [RUNNING_HEAD, *PAGE2, "2"],
        [RUNNING_HEAD, *PAGE3, *signature, "3"],
    ]


def paths(sections: tuple[Section, ...], prefix: str = "") -> list[str]:
    out: list[str] = []
    for s in sections:
        here = f"{prefix}{s.label}"
        out.append(here)
        out.extend(paths(s.children, here + "/"))
    return out


def check(doc: Document) -> None:
    got = doc.metadata.to_dict()
    wrong = {k: (got[k], v) for k, v in EXPECTED.items() if got[k] != v}
    assert not wrong, wrong
    assert paths(doc.sections) == OUTLINE
    assert RUNNING_HEAD not in doc.text  # the running head is page debris, not body text
    numbers = {r.number for r in doc.references}
    assert numbers == {"57-NQ/TW", "127-KL/TW", None}  # the broken number read whole


@pytest.mark.parametrize("header", sorted(HEADERS))
def test_pdf_header_orders(header: str, tmp_path: Path) -> None:
    path = tmp_path / f"{header}.pdf"
    path.write_bytes(make_pdf(pages(HEADERS[header], SIGNATURES["beside_name_last"])))
    check(vbpl.parse_file(path))


@pytest.mark.parametrize("signature", sorted(SIGNATURES))
def test_pdf_signature_columns(signature: str, tmp_path: Path) -> None:
    path = tmp_path / f"{signature}.pdf"
    path.write_bytes(make_pdf(pages(HEADERS["interleaved"], SIGNATURES[signature])))
    check(vbpl.parse_file(path))


@pytest.mark.parametrize("header", sorted(HEADERS))
def test_pdf_text_without_form_feeds(header: str) -> None:
    """The text a PDF tool or a copy from a viewer gives: the pages run on, the page numbers
    and the running head between them."""
    text = "\n".join(
        line for page in pages(HEADERS[header], SIGNATURES["name_alone"]) for line in page
    )
    doc = vbpl.parse(text, source=f"{header}.txt")
    check(doc)
    assert not [ln for ln in doc.text.split("\n") if ln.strip() in ("1", "2", "3")]


def test_close_lone_numbers_are_kept() -> None:
    """Cells of a flattened table ("1", "2", "3" alone on close lines) are not page numbers:
    no character of the body is lost."""
    rows = ["STT", "Nội dung", "1", "Tuyên truyền", "2", "Kiểm tra", "3", "Sơ kết"]
    text = "\n".join(["KẾ HOẠCH", "Công tác năm 2025", "I. NHIỆM VỤ", *rows])
    doc = vbpl.parse(text)
    assert [ln for ln in doc.text.split("\n") if ln in ("1", "2", "3")] == ["1", "2", "3"]


def test_a_number_broken_at_a_line_end_in_a_wrapped_text() -> None:
    from vbpl.clean import clean

    text = "\n".join([*PAGE2, *PAGE3])
    assert "Kết luận số 127-KL/TW của" in clean(text, pdf=True).text


# --- news copies and portal pages ------------------------------------------------------------

DOC = """BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 130-KL/TW
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 5 tháng 3 năm 2025
KẾT LUẬN
CỦA BỘ CHÍNH TRỊ
về tăng cường công tác dân vận trong tình hình mới
Tại phiên họp ngày 1/3/2025, Bộ Chính trị kết luận như sau:
1. Tiếp tục thực hiện Nghị quyết số 25-NQ/TW, ngày 3/6/2013.
2. Giao Ban Tuyên giáo và Dân vận Trung ương theo dõi thực hiện Kết luận này./.
T/M BỘ CHÍNH TRỊ
Nguyễn Văn An
"""
BODY = (
    "Tại phiên họp ngày 1/3/2025, Bộ Chính trị kết luận như sau:\n\n"
    "1. Tiếp tục thực hiện Nghị quyết số 25-NQ/TW, ngày 3/6/2013.\n\n"
    "2. Giao Ban Dân vận Trung ương theo dõi thực hiện Kết luận này./.\n\n"
)
EMPTY = {"number": None, "doc_type": None, "issuer": None, "issued": None}

NEWS: dict[str, tuple[str, dict[str, Any]]] = {
    "lead_then_toan_van": (
        "(Đảng Cộng sản) - Ngày 5/3/2025, thay mặt Bộ Chính trị, đồng chí Nguyễn Văn An đã ký"
        " ban hành Kết luận số 130-KL/TW về tăng cường công tác dân vận. Báo điện tử Đảng Cộng"
        " sản Việt Nam trân trọng giới thiệu toàn văn Kết luận.\n\n"
        + DOC
        + "\nTheo TTXVN\nTin liên quan\n- Kết luận số 126-KL/TW về sắp xếp bộ máy\n"
        "- Nghị quyết số 18-NQ/TW tổng kết\n",
        {
            "number": "130-KL/TW",
            "doc_type": "Kết luận",
            "issuer": "Bộ Chính trị",
            "issued": "2025-03-05",
            "signer": "Nguyễn Văn An",
            "place": "Hà Nội",
        },
    ),
    "byline_caption_with_date": (
        "(Đảng Cộng sản) - " + BODY + "Ảnh: Toàn văn Kết luận số 130-KL/TW, ngày 05/3/2025 của"
        " Bộ Chính trị, Ban Bí thư\n\nTheo TTXVN\n",
        {
            "number": "130-KL/TW",
            "doc_type": "Kết luận",
            "issuer": "Bộ Chính trị, Ban Bí thư",
            "issued": "2025-03-05",
            "title": None,
        },
    ),
    "infographics_caption": (
        BODY + "## INFOGRAPHICS: Nội dung chính của Kết luận số 130-KL/TW của Bộ Chính trị\n\n"
        "Theo TTXVN\n\nTin liên quan\n\n* Kết luận số 126-KL/TW về sắp xếp\n"
        "* Nghị quyết số 18-NQ/TW về tổng kết\n",
        {"number": "130-KL/TW", "doc_type": "Kết luận", "issuer": "Bộ Chính trị", "issued": None},
    ),
    # negatives: the only numbers after the body are the page's, never the document's
    "related_see_also": (
        BODY + "Theo TTXVN\n\nXem thêm: Kết luận số 126-KL/TW của Bộ Chính trị về sắp xếp\n",
        EMPTY,
    ),
    "related_list": (
        BODY + "Tin liên quan\n\n* Kết luận số 126-KL/TW về sắp xếp\n"
        "* Kết luận số 127-KL/TW về sắp xếp\n",
        EMPTY,
    ),
    "related_link": (
        BODY + "- [Kết luận số 140-KL/TW của Bộ Chính trị](https://example.vn/kl-140)\n",
        EMPTY,
    ),
    "related_bullet_alone": (BODY + "- Kết luận số 140-KL/TW của Bộ Chính trị\n", EMPTY),
    "body_cites_others": (
        "Bộ Chính trị kết luận như sau:\n\n1. Thực hiện Kết luận số 121-KL/TW, ngày 24/01/2025"
        " của Ban Chấp hành Trung ương.\n\n2. Giao Ban Tổ chức Trung ương theo dõi thực hiện"
        " Kết luận này./.\n\nẢnh: Kết luận số 121-KL/TW của Ban Chấp hành Trung ương\n",
        EMPTY,
    ),
    "caption_of_another_type": (
        BODY + "Ảnh: Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương\n",
        EMPTY,
    ),
}


@pytest.mark.parametrize("name", sorted(NEWS))
def test_news_copies(name: str) -> None:
    text, expected = NEWS[name]
    got = vbpl.parse(text, source=name).metadata.to_dict()
    wrong = {k: (got[k], v) for k, v in expected.items() if got[k] != v}
    assert not wrong, wrong


def test_a_related_article_stays_a_reference() -> None:
    doc = vbpl.parse(NEWS["related_see_also"][0])
    assert "126-KL/TW" in {r.number for r in doc.references}


def test_the_own_caption_is_not_a_reference() -> None:
    doc = vbpl.parse(NEWS["infographics_caption"][0])
    numbers = [r.number for r in doc.references if r.number]
    assert "130-KL/TW" not in numbers and "126-KL/TW" in numbers


@pytest.mark.parametrize(
    ("line", "kind"), list(load_table("header_lines")["news_related"]["examples"].items())
)
def test_news_related_examples(line: str, kind: str) -> None:
    from vbpl.refs.annotate import related_line_kind

    assert related_line_kind(line) == kind
