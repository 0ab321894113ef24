"""The clean-up stage (vbpl.clean): markdown, saved site pages, wraps, run-on lines, PDF pages.

Table-driven cases written for this project (modelled on the shapes converters and crawls
produce, no real text), plus properties: no character of the body is lost, offsets point into
the input, and maps compose with the normaliser's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl.clean import clean, looks_like_markdown, source_offsets
from vbpl.clean.edits import Edit, apply_edits, compose
from vbpl.data import load_table
from vbpl.text.fold import fold
from vbpl.text.normalize import normalize


def lines_of(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


MARKDOWN_CASES = [
    # bold label, italic date wrapped inside the emphasis, escaped star line
    (
        "**TỈNH ỦY NAM ĐỊNH**\n**BAN TỔ CHỨC**\n\\*\nSố 12-HD/BTCTU\n*Nam Định, ngày 3\ntháng 4 năm 2024*",
        [
            "TỈNH ỦY NAM ĐỊNH",
            "BAN TỔ CHỨC",
            "*",
            "Số 12-HD/BTCTU",
            "Nam Định, ngày 3 tháng 4 năm 2024",
        ],
    ),
    # bold cell wrapped by a crawler, lone pipe lines, star line with a pipe
    (
        "|\n**BAN CHẤP HÀNH\nTRUNG ƯƠNG**\n* |\n|\n**ĐẢNG CỘNG SẢN\nVIỆT NAM**\n|",
        ["BAN CHẤP HÀNH TRUNG ƯƠNG", "*", "ĐẢNG CỘNG SẢN VIỆT NAM"],
    ),
    # headings, escaped numbers and dashes
    (
        "## I- MỤC TIÊU\n**1\\. Tăng cường lãnh đạo**\n\\- Các tỉnh ủy quán triệt.",
        ["I- MỤC TIÊU", "1. Tăng cường lãnh đạo", "- Các tỉnh ủy quán triệt."],
    ),
    # converter bullets: a dash item, and a bullet holding a label (the label stays)
    (
        "*   **a) Tại Trung ương:**\n    *   Thành lập Ban Chỉ đạo.\n*   Các bộ triển khai.",
        ["a) Tại Trung ương:", "- Thành lập Ban Chỉ đạo.", "- Các bộ triển khai."],
    ),
    # a layout table: signature cell split where the emphasis starts and ends
    (
        "Kết luận này phổ biến đến chi bộ.\n\n|   | T/M BAN BÍ THƯ *(Đã ký)* Nguyễn Văn A |\n| :---- | :---- |",
        ["Kết luận này phổ biến đến chi bộ.", "T/M BAN BÍ THƯ", "(Đã ký)", "Nguyễn Văn A"],
    ),
    # the header's star beside the date typed with capitals ("Ngày … Tháng … Năm"): no bullet
    (
        "**Số 09-NQ/ĐU**\n        *              An Khánh, Ngày 15 Tháng 03 Năm 2005",
        ["Số 09-NQ/ĐU", "*              An Khánh, Ngày 15 Tháng 03 Năm 2005"],
    ),
    (
        "**Số 09-NQ/ĐU**\n   *    HẢI PHÒNG, NGÀY 2 THÁNG 9 NĂM 1998",
        ["Số 09-NQ/ĐU", "*    HẢI PHÒNG, NGÀY 2 THÁNG 9 NĂM 1998"],
    ),
    # a data table keeps its rows (three cells and more)
    (
        "| TT | Nội dung | Thời hạn |\n|---|---|---|\n| 1. | **Sơ kết** | Quý II |",
        ["| TT | Nội dung | Thời hạn |", "| 1. | Sơ kết | Quý II |"],
    ),
    # header columns in one markdown table row, br inside a cell
    (
        "| **ĐẢNG ỦY KHỐI DOANH NGHIỆP**<br>**ĐẢNG ỦY TẬP ĐOÀN X** | **ĐẢNG CỘNG SẢN VIỆT NAM** |\n|---|---|\n| Số 7-KH/ĐU | *Hà Nội, ngày 2 tháng 3 năm 2025* |",
        [
            "ĐẢNG ỦY KHỐI DOANH NGHIỆP",
            "ĐẢNG ỦY TẬP ĐOÀN X",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 7-KH/ĐU",
            "Hà Nội, ngày 2 tháng 3 năm 2025",
        ],
    ),
    # a star between words, a footnote star and a star line stay
    (
        "**QUY ĐỊNH**\n* * *\nĐiểm 5 * 3 theo mẫu (*) kèm theo.",
        ["QUY ĐỊNH", "* * *", "Điểm 5 * 3 theo mẫu (*) kèm theo."],
    ),
]


@pytest.mark.parametrize(("raw", "want"), MARKDOWN_CASES)
def test_markdown_cleaned(raw: str, want: list[str]) -> None:
    assert lines_of(clean(raw).text) == want


WRAP_CASES = [
    # a hard-wrapped body: a reference broken before its date, a compound hyphen at line start
    (
        "- Căn cứ Quy định số 24-QĐ/TW, ngày\n30/7/2021 của Ban Chấp hành Trung ương Đảng về thi hành;\n\n"
        "Phát huy vai trò của Mặt trận và các tổ chức chính trị\n- xã hội trong việc giám sát và phản biện xã\n"
        "hội đối với hoạt động của các cơ quan, đơn vị ở địa phương.\n\n"
        "Các ban đảng tham mưu cho cấp ủy trong việc xây dựng kế hoạch thực\nhiện nghị quyết;"
        " đồng thời theo dõi việc triển khai ở cơ sở, định kỳ\nbáo cáo kết quả với Ban Thường vụ.\n"
        "- Các đảng ủy trực thuộc xây dựng chương trình hành động.",
        [
            "- Căn cứ Quy định số 24-QĐ/TW, ngày 30/7/2021 của Ban Chấp hành Trung ương Đảng về thi hành;",
            "Phát huy vai trò của Mặt trận và các tổ chức chính trị - xã hội trong việc giám sát và phản biện xã hội đối với hoạt động của các cơ quan, đơn vị ở địa phương.",
            "Các ban đảng tham mưu cho cấp ủy trong việc xây dựng kế hoạch thực hiện nghị quyết; đồng thời theo dõi việc triển khai ở cơ sở, định kỳ báo cáo kết quả với Ban Thường vụ.",
            "- Các đảng ủy trực thuộc xây dựng chương trình hành động.",
        ],
    ),
    # lower-case point labels open their own line after a finished or an unfinished line;
    # "d) khoản 1 …" in lower case after "tại điểm" is the wrapped reference
    (
        "Các cấp ủy tổ chức quán triệt sâu rộng nội dung của nghị quyết đến toàn thể\n"
        "cán bộ, đảng viên và nhân dân trên địa bàn bằng nhiều hình thức phù hợp với\n"
        "điều kiện thực tế của từng cơ quan, đơn vị, gồm các nội dung chủ yếu sau\n"
        "a. Tổ chức học tập, quán triệt nghị quyết trong toàn Đảng bộ tỉnh;\n"
        "b) Xây dựng chương trình hành động theo quy định tại điểm\n"
        "d) khoản 1 Điều 10 của Quy định này và báo cáo kết quả thực hiện với cấp ủy\n"
        "(c) Sơ kết việc thực hiện nghị quyết hằng năm ở các cơ quan, đơn vị trong tỉnh\n"
        "ii. Định kỳ báo cáo Ban Thường vụ Tỉnh ủy kết quả và những kiến nghị mới.",
        [
            "Các cấp ủy tổ chức quán triệt sâu rộng nội dung của nghị quyết đến toàn thể cán bộ, "
            "đảng viên và nhân dân trên địa bàn bằng nhiều hình thức phù hợp với điều kiện thực tế "
            "của từng cơ quan, đơn vị, gồm các nội dung chủ yếu sau",
            "a. Tổ chức học tập, quán triệt nghị quyết trong toàn Đảng bộ tỉnh;",
            "b) Xây dựng chương trình hành động theo quy định tại điểm d) khoản 1 Điều 10 của "
            "Quy định này và báo cáo kết quả thực hiện với cấp ủy",
            "(c) Sơ kết việc thực hiện nghị quyết hằng năm ở các cơ quan, đơn vị trong tỉnh",
            "ii. Định kỳ báo cáo Ban Thường vụ Tỉnh ủy kết quả và những kiến nghị mới.",
        ],
    ),
]


@pytest.mark.parametrize(("raw", "want"), WRAP_CASES)
def test_hard_wraps_joined(raw: str, want: list[str]) -> None:
    assert lines_of(clean(raw).text) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        (
            "Số 14-KH/BNCTW Hà Nội, ngày 19\ntháng 11 năm 2025\nKẾ HOẠCH",
            ["Số 14-KH/BNCTW Hà Nội, ngày 19 tháng 11 năm 2025", "KẾ HOẠCH"],
        ),
        ("Thái Bình, ngày 19 tháng 11\nnăm 2025", ["Thái Bình, ngày 19 tháng 11 năm 2025"]),
        (
            "Hà Nội, ngày 19\nTháng này các chi bộ họp.",
            ["Hà Nội, ngày 19", "Tháng này các chi bộ họp."],
        ),
        # the place alone on its line, the date under it
        ("Đông Anh,\nngày 14 tháng 6 năm 2024", ["Đông Anh, ngày 14 tháng 6 năm 2024"]),
        (
            "TP. Hồ Chí Minh,\n  ngày 5/3/2024\nTHÔNG BÁO",
            ["TP. Hồ Chí Minh, ngày 5/3/2024", "THÔNG BÁO"],
        ),
        (
            "các đơn vị báo cáo kết quả,\nngày 5 tháng 3 năm 2024 tổng kết.",
            ["các đơn vị báo cáo kết quả,", "ngày 5 tháng 3 năm 2024 tổng kết."],
        ),
    ],
)
def test_date_broken_after_the_day(raw: str, want: list[str]) -> None:
    assert lines_of(clean(raw).text) == want


def test_unwrapped_text_is_left_alone() -> None:
    raw = "I. MỤC ĐÍCH\n1. Giúp cấp ủy xác định nhiệm vụ\nCác cấp ủy triển khai\nII. NỘI DUNG"
    c = clean(raw)
    assert c.text == raw and c.kind == "plain"


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        (
            "Quốc hội ban hành Luật này, Chương 1.\nNHỮNG QUY ĐỊNH CHUNG",
            ["Quốc hội ban hành Luật này,", "Chương 1.", "NHỮNG QUY ĐỊNH CHUNG"],
        ),
        (
            "3. Nội dung khoản ba. [Khoản này được hướng dẫn bởi Thông tư 1/2020/TT-BX] Chương IV. [Chương này được sửa đổi] QUY HOẠCH",
            [
                "3. Nội dung khoản ba. [Khoản này được hướng dẫn bởi Thông tư 1/2020/TT-BX]",
                "Chương IV. [Chương này được sửa đổi] QUY HOẠCH",
            ],
        ),
        # a chapter cited in running text is not a heading
        (
            "Áp dụng theo quy định tại Chương 4 của Luật này.",
            ["Áp dụng theo quy định tại Chương 4 của Luật này."],
        ),
    ],
)
def test_division_run_on(raw: str, want: list[str]) -> None:
    assert lines_of(clean(raw).text) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        (
            "BỘ X ----- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 7/CT-BX Hà Nội, ngày 2 tháng 3 năm 1999 "
            "CHỈ THỊ VỀ CÔNG TÁC KIỂM KÊ TÀI SẢN Trong những năm qua các đơn vị đã làm tốt.",
            [
                "BỘ X ----- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Số: 7/CT-BX Hà Nội, ngày 2 tháng 3 năm 1999 CHỈ THỊ VỀ CÔNG TÁC KIỂM KÊ TÀI SẢN",
                "Trong những năm qua các đơn vị đã làm tốt.",
            ],
        ),
        (
            "Số: 9/TTg Hà Nội, ngày 1 tháng 2 năm 1980 CHỈ THỊ VỀ CÔNG TÁC ĐO ĐẠC Ngày 24 tháng 6 năm 1977 Hội đồng đã ra quyết định.",
            [
                "Số: 9/TTg Hà Nội, ngày 1 tháng 2 năm 1980 CHỈ THỊ VỀ CÔNG TÁC ĐO ĐẠC",
                "Ngày 24 tháng 6 năm 1977 Hội đồng đã ra quyết định.",
            ],
        ),
        (
            "QUYẾT ĐỊNH VỀ CHÍNH SÁCH HỖ TRỢ Căn cứ Luật Tổ chức Chính phủ;",
            ["QUYẾT ĐỊNH VỀ CHÍNH SÁCH HỖ TRỢ", "Căn cứ Luật Tổ chức Chính phủ;"],
        ),
    ],
)
def test_title_stops_where_the_header_ends(raw: str, want: list[str]) -> None:
    assert lines_of(clean(raw).text) == want


SITE_PAGE = (
    "|\nBản quyền thuộc về **\nTHƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép là vi phạm.\nX\n|\n"
    "Đang tải văn bản...\n#\n**Số hiệu:**\n|\n15-CT/TW\n|\n|\n**Loại văn bản:**\n|\nVăn bản khác\n|\n"
    "**Nơi ban hành:**\n|\nBan Chấp hành Trung ương\n|\n**Người ký:**\n|\nNguyễn Văn A\n|\n"
    "**Ngày ban hành:**\n|\n05/06/2022\n|\n**\nNgày hiệu lực:**\n|\nĐã biết\n|\n**Tình trạng:**\n|\nĐã biết\n|\n"
    "**BAN CHẤP HÀNH\nTRUNG ƯƠNG**\n*\n|\nSố 15-CT/TW\n|\n**CHỈ THỊ**\nCỦA BAN BÍ THƯ\nVỀ CÔNG TÁC X\n"
    "**1.** Các cấp ủy quán triệt.\n|\n**T/M BAN BÍ\nTHƯ**\nNguyễn Văn A\n|\n"
    "Chỉ thị 15-CT/TW năm 2022 về công tác X do Ban Chấp hành Trung ương ban hành\n"
    "Văn bản này chưa cập nhật nội dung Tiếng Anh\n**Địa chỉ:**\nSố 1 phố Y\n"
    "Thực hiện Nghị định 13/2023/NĐ-CP, chúng tôi cập nhật Quy chế.\n"
)


def test_site_page_keeps_the_document_and_reads_its_properties() -> None:
    c = clean(SITE_PAGE)
    assert c.kind == "site-page"
    assert lines_of(c.text) == [
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "*",
        "Số 15-CT/TW",
        "CHỈ THỊ",
        "CỦA BAN BÍ THƯ",
        "VỀ CÔNG TÁC X",
        "1. Các cấp ủy quán triệt.",
        "T/M BAN BÍ THƯ",
        "Nguyễn Văn A",
    ]
    m = c.metadata
    assert (m.number, m.doc_type, m.issuer, m.signer, str(m.issued), m.effective, m.status) == (
        "15-CT/TW",
        None,  # "Văn bản khác" states no type
        "Ban Chấp hành Trung ương",
        "Nguyễn Văn A",
        "2022-06-05",
        None,  # "Đã biết" states no date
        None,
    )
    reasons = [r.reason for r in c.removed]
    assert reasons == ["site banner and properties table", "site notices after the document"]
    assert "13/2023/NĐ-CP" in SITE_PAGE[c.removed[1].span.start :]


def test_site_page_through_parse_has_no_boilerplate_reference() -> None:
    import vbpl

    doc = vbpl.parse(SITE_PAGE)
    assert doc.metadata.number == "15-CT/TW" and doc.metadata.signer == "Nguyễn Văn A"
    assert all(r.number != "13/2023/NĐ-CP" for r in doc.references)


def test_pdf_pages_lose_numbers_and_running_heads() -> None:
    pages = [
        ["Kế hoạch số 3-KH/TU", "Các chi bộ tổ chức quán triệt nghị quyết đến toàn thể", "1"],
        ["Kế hoạch số 3-KH/TU", "đảng viên trong quý I và báo cáo kết quả về Ban Thường vụ.", "2"],
        ["Kế hoạch số 3-KH/TU", "Văn phòng theo dõi, tổng hợp.", "- 3 -"],
    ]
    raw = "\n\f".join("\n".join(p) for p in pages)
    c = clean(raw, pdf=True)
    assert c.kind == "pdf"
    assert lines_of(c.text.replace("\f", "")) == [
        "Các chi bộ tổ chức quán triệt nghị quyết đến toàn thể",
        "đảng viên trong quý I và báo cáo kết quả về Ban Thường vụ.",
        "Văn phòng theo dõi, tổng hợp.",
    ]


_BODY = [f"{k}. Các chi bộ thực hiện nhiệm vụ thứ {k} trong năm." for k in range(1, 14)]


@pytest.mark.parametrize(
    ("raw", "dropped"),
    [
        # a two-page text: its one page number between dashes, indented as a PDF keeps it
        ("\n".join([*_BODY[:12], "                    - 2 -", *_BODY[12:]]), True),
        ("\n".join([*_BODY[:12], "– 2 –", *_BODY[12:], *_BODY, "- 3 -", "Hết."]), True),
        # too near the top, or not counting from 2: kept
        ("\n".join([*_BODY[:3], "- 2 -", *_BODY[3:]]), False),
        ("\n".join([*_BODY[:12], "- 4 -", *_BODY[12:]]), False),
    ],
)
def test_page_number_between_dashes(raw: str, dropped: bool) -> None:
    kept = [x for x in lines_of(clean(raw).text) if x.strip(" -–").isdigit()]
    assert (kept == []) == dropped


def test_pdf_word_split_at_line_end_is_joined() -> None:
    raw = "Tiếp tục đổi mới phương thức lãnh đạo của Đảng đối với công tác tuyên truy-\nền trong tình hình mới."
    assert clean(raw, pdf=True).text == (
        "Tiếp tục đổi mới phương thức lãnh đạo của Đảng đối với công tác tuyên truyền trong tình hình mới."
    )


def test_markdown_detection() -> None:
    assert looks_like_markdown("|\n**BAN**")
    assert not looks_like_markdown("Điều 1. Phạm vi\n- nội dung")
    assert looks_like_markdown("I. MỤC TIÊU\n*   Nâng cao nhận thức")


@pytest.mark.parametrize(
    "raw",
    [
        # a PDF or Word copy with the header's columns on one line: the star beside the
        # date, or beside the number, is the line under the issuing body, not a bullet
        "BAN CHẤP HÀNH\n      *              Hà Nội, ngày 12 tháng 3 năm 2025\nSố 05-NQ/ĐU",
        "HUYỆN ỦY MỘ ĐỨC\n   *     Mộ Đức, ngày 1O tháng 3 năm 2025\nSô 114-QĐ/HU",
        "TỈNH ỦY BẮC NINH    ĐẢNG CỘNG SẢN VIỆT NAM\n   *     Số: 88-KH/TU    Bắc Ninh, ngày 2/7/2025",
        "**TỈNH ỦY NAM ĐỊNH**\n*     Nam Định, ngày 3 tháng 4 năm 2024\n*   nội dung",
    ],
)
def test_header_star_beside_a_cell_is_no_bullet(raw: str) -> None:
    second = lines_of(clean(raw).text)[1]
    assert (second.startswith("*") and "ngày" in second) or second.startswith("* S")


@pytest.mark.parametrize(
    ("raw", "want"), list(load_table("cleanup")["header_case"]["examples"].items())
)
def test_header_case_examples(raw: str, want: str) -> None:
    assert clean(raw).text == want


@pytest.mark.parametrize("raw", load_table("cleanup")["header_case"]["non_examples"])
def test_header_case_non_examples(raw: str) -> None:
    assert clean(raw).text == raw


@pytest.mark.parametrize(
    ("raw", "want"), list(load_table("cleanup")["ocr_slips"]["examples"].items())
)
def test_ocr_slip_examples(raw: str, want: str) -> None:
    assert clean(raw).text == want


@pytest.mark.parametrize("raw", load_table("cleanup")["ocr_slips"]["non_examples"])
def test_ocr_slip_non_examples(raw: str) -> None:
    assert clean(raw).text == raw


def test_data_examples() -> None:
    """The examples of data/cleanup.json behave as the table says."""
    t = load_table("cleanup")
    for ex in t["division_words"]["examples"]:
        assert "\nChương" in clean(ex).text or clean(ex).text.endswith(ex.split(" ")[-1])
    from vbpl.clean.layout import _starts_unit

    assert all(_starts_unit(x) for x in t["wrap"]["unit_start_examples"])
    assert not any(_starts_unit(x) for x in t["wrap"]["continues_examples"][:1])


@pytest.mark.parametrize(
    ("line", "goes_on"), list(load_table("cleanup")["wrap"]["title_examples"].items())
)
def test_title_examples(line: str, goes_on: bool) -> None:
    from vbpl.clean.layout import title_goes_on

    assert title_goes_on(line) == goes_on


def test_wrapped_title_stops_before_the_body() -> None:
    """PDF text without layout: the title's last line, then the body's first sentence."""
    raw = (
        "CHỈ THỊ\nvề tăng cường công tác phát triển đảng viên trong các doanh nghiệp ngoài\n"
        "khu vực nhà nước, trước hết là doanh nghiệp có vốn đầu tư nước ngoài trên địa bàn\n"
        "Trong những năm qua, công tác kết nạp đảng viên trong khối doanh nghiệp đạt kết quả\n"
        "bước đầu; tuy nhiên, số tổ chức đảng trong doanh nghiệp tư nhân còn ít, hoạt động\n"
        "còn khó khăn. Ban Thường vụ yêu cầu các cấp ủy thực hiện tốt các nhiệm vụ sau.\n"
    )
    text = clean(raw, pdf=True).text
    assert "địa bàn\nTrong những năm qua" in text
    assert "ngoài khu vực" in text and "hoạt động còn" in text


# --- properties -------------------------------------------------------------------------

_WORD = st.text(
    alphabet="abcdeghiklmnopqrstuvxyàáảãạăâđêôơưĐÂỦỲ0123456789.,;:()/", min_size=1, max_size=8
)
_MARK = st.sampled_from(["", "**", "*", "\\"])


@st.composite
def marked_text(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        words = draw(st.lists(_WORD, min_size=1, max_size=8))
        out = []
        for w in words:
            m = draw(_MARK)
            if m == "\\":
                out.append("\\-" if draw(st.booleans()) else w)
            elif m:
                out.append(f"{m}{w}{m}")
            else:
                out.append(w)
        prefix = draw(st.sampled_from(["", "## ", "*   ", "| ", "- ", "\\- "]))
        suffix = " |" if prefix == "| " else ""
        lines.append(prefix + " ".join(out) + suffix)
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "|", "*", "* * *"])))
    return "\n".join(lines)


def _body_chars(s: str) -> list[str]:
    return [c for c in s if c.isalnum()]


@settings(max_examples=200, deadline=None)
@given(marked_text())
def test_no_body_character_is_lost(raw: str) -> None:
    c = clean(raw)
    assert _body_chars(c.text) == _body_chars(raw)


@settings(max_examples=200, deadline=None)
@given(marked_text())
def test_offsets_point_into_the_input(raw: str) -> None:
    c = clean(raw)
    for i, ch in enumerate(c.text):
        if ch.isalnum():
            assert raw[c.to_raw(i)] == ch


@settings(max_examples=200, deadline=None)
@given(marked_text(), st.booleans())
def test_offsets_compose_with_normalisation(raw: str, spaces: bool) -> None:
    if spaces:
        raw = raw.replace(" ", "  \u00a0")
    c = clean(raw)
    n = normalize(c.text)
    m = source_offsets(c, n.offsets)
    for i, ch in enumerate(n.text):
        if ch.isalnum():  # tone marks may move inside a syllable: compare the base letter
            assert fold(raw[m.to_raw(i)]) == fold(ch)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab*-", min_size=0, max_size=30), st.data())
def test_compose_equals_chaining(raw: str, data: st.DataObject) -> None:
    e1 = [Edit(i, i + 1) for i, c in enumerate(raw) if c == "*"]
    mid, m1 = apply_edits(raw, e1)
    e2 = [Edit(i, i + 1) for i, c in enumerate(mid) if c == "-" and data.draw(st.booleans())]
    out, m2 = apply_edits(mid, e2)
    m = compose(m1, m2)
    for i, ch in enumerate(out):
        assert raw[m.to_raw(i)] == ch
        assert m.to_raw(i) == m1.to_raw(m2.to_raw(i))


def test_document_spans_point_into_the_markdown_input() -> None:
    import vbpl

    raw = "**KẾ HOẠCH**\n\n**1\\.** Các chi bộ thực hiện Nghị quyết số  45-NQ/TW ngày 24/11/2023 của\nBộ Chính trị.\n"
    doc = vbpl.parse(raw)
    assert doc.raw == raw and "**" not in doc.text
    ref = next(r for r in doc.references if r.number == "45-NQ/TW")
    span = doc.source_span(ref.span)
    assert raw[span.start : span.end].startswith("Nghị quyết số  45-NQ/TW")


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        # a wildcard star is text, and an unpaired star never joins the next line to its own
        (
            "**Mẫu**\nLưu dưới dạng tệp tin *.dgn, kèm theo bộ ký hiệu\nĐiều 17. Nội dung",
            ["Mẫu", "Lưu dưới dạng tệp tin *.dgn, kèm theo bộ ký hiệu", "Điều 17. Nội dung"],
        ),
        # "**" alone on a line: its bold closes on the next line
        ("**Số hiệu:**\n**\nNgày hiệu lực:**\nĐã biết", ["Số hiệu:", "Ngày hiệu lực:", "Đã biết"]),
        # a bold run that closes after a space
        ("**2. **Ban Xây dựng Đảng lập danh sách.", ["2. Ban Xây dựng Đảng lập danh sách."]),
        # an italic line wrapped by the crawler
        (
            "*Hà Nội, ngày 19\ntháng 11 năm 2025 *\nQUY ĐỊNH",
            ["Hà Nội, ngày 19 tháng 11 năm 2025", "QUY ĐỊNH"],
        ),
    ],
)
def test_emphasis_pairs(raw: str, want: list[str]) -> None:
    assert lines_of(clean(raw).text) == want


def test_division_in_a_note_or_a_citation_stays() -> None:
    raw = (
        "1. Nội dung. [Khoản này được hướng dẫn bởi Điều 7; Chương II, Chương III Thông tư 29/2024/TT-BTC]\n"
        "2. Áp dụng các Chương II, III; Chương VII Nghị định này."
    )
    assert clean(raw).text == raw
