"""Party headers and signatures in the variants they are published in.

Each fixture ``tests/fixtures/party/header_<name>.txt`` is a short document written for this
project, modelled on the layouts of real Party documents (central and provincial bodies with
their parents, star lines, numbers with and without colon or broken, the two columns in any
order or in a table, wrapped dates, type words of one to three words, plenum lines, organs
named in the title, every kind of signature block, no header at all). Beside it,
``header_<name>.expected.json`` holds the metadata the text states (``null``: it does not).
The whole pipeline runs (clean-up stage, then parser), as :func:`vbpl.parse` does."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vbpl
from vbpl.data import load_table

FIXTURES = Path(__file__).parent / "fixtures" / "party"
NAMES = sorted(p.name[len("header_") : -len(".txt")] for p in FIXTURES.glob("header_*.txt"))


def test_many_variants() -> None:
    assert len(NAMES) >= 15


@pytest.mark.parametrize("name", NAMES)
def test_header_metadata(name: str) -> None:
    text = (FIXTURES / f"header_{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"header_{name}.expected.json").read_text(encoding="utf-8"))
    got = vbpl.parse(text, source=name).metadata.to_dict()
    wrong = {k: (got[k], v) for k, v in expected["metadata"].items() if got[k] != v}
    assert not wrong, wrong


# --- the rules behind the fixtures, as tables and a grammar ------------------------------

HEADER = load_table("header_lines")


@pytest.mark.parametrize(("line", "kind"), list(HEADER["issuer_heads"]["examples"].items()))
def test_issuer_heads_examples(line: str, kind: str) -> None:
    from vbpl.parser.header import _starts_body

    assert _starts_body(line) == (kind == "starts")


@pytest.mark.parametrize(
    ("upper", "want"), list(HEADER["title_case"]["party_common"]["examples"].items())
)
def test_party_common_examples(upper: str, want: str) -> None:
    from vbpl.parser.header import sentence_case

    assert sentence_case(upper) == want


@pytest.mark.parametrize(
    ("upper", "want"),
    [
        ("ĐẢNG ỦY BỘ TƯ PHÁP", "Đảng ủy Bộ Tư pháp"),
        ("ĐẢNG ĐOÀN QUỐC HỘI", "Đảng đoàn Quốc hội"),
        ("ĐẢNG ỦY CHÍNH PHỦ", "Đảng ủy Chính phủ"),
        ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "Đảng ủy Khối các cơ quan tỉnh"),
        ("BAN TUYÊN GIÁO VÀ DÂN VẬN", "Ban Tuyên giáo và Dân vận"),
        ("ĐẠI HỘI ĐẠI BIỂU TOÀN QUỐC LẦN THỨ XIII", "Đại hội đại biểu toàn quốc lần thứ XIII"),
        ("HUYỆN ỦY NAM ĐÀN", "Huyện ủy Nam Đàn"),
        ("BAN CÁN SỰ ĐẢNG BỘ NGOẠI GIAO", "Ban cán sự đảng Bộ Ngoại giao"),
        ("ĐẢNG ỦY KHỐI", "Đảng ủy Khối"),
    ],
)
def test_party_issuer_names(upper: str, want: str) -> None:
    from vbpl.parser.header import issuer_name

    assert issuer_name(upper) == want


@pytest.mark.parametrize(
    "block",
    [
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n(Đã ký)\nLê Văn An",
        "K/T CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n(đã ký)\n(Dấu của Văn phòng)\nLê Văn An",
        "T/L BAN BÍ THƯ\nCHÁNH VĂN PHÒNG\nLê Văn An",
    ],
)
def test_signature_marks_between_position_and_name(block: str) -> None:
    doc = vbpl.parse(f"Số 3-TB/TU\nTHÔNG BÁO\n1. Nội dung.\nNơi nhận:\n- Lưu VP.\n{block}")
    assert doc.metadata.signer == "Lê Văn An"


@pytest.mark.parametrize(
    "tail",
    [
        # a PDF or Word copy: the name in the right column beside the last recipient
        "Nơi nhận: T/M BỘ CHÍNH TRỊ\n- Các tỉnh ủy, thành ủy, TỔNG BÍ THƯ\n"
        "- Lưu Văn phòng Trung ương Đảng. Lê Văn An",
        "Nơi nhận: T/M BAN BÍ THƯ\n- Các ban đảng Trung ương,\n- Lưu Văn phòng Trung ương Đảng.\tLê Văn An",
        "Nơi nhận: T/M BAN THƯỜNG VỤ\n- Các huyện ủy, thành ủy, đảng ủy trực thuộc, BÍ THƯ\n"
        "+ Lưu Văn phòng Tỉnh ủy và các ban. Lê Văn An",
    ],
)
def test_name_beside_a_long_recipient(tail: str) -> None:
    doc = vbpl.parse(f"Số 3-TB/TU\nTHÔNG BÁO\n1. Nội dung.\n{tail}")
    assert doc.metadata.signer == "Lê Văn An"


@pytest.mark.parametrize(("run", "want"), list(HEADER["tail"]["joint_signer_examples"].items()))
def test_joint_signer_examples(run: str, want: str) -> None:
    from vbpl.parser.tail import first_signer

    assert first_signer(run) == want


@pytest.mark.parametrize(
    "tail",
    [
        "KT. BỘ TRƯỞNG BỘ NỘI VỤ        KT. BỘ TRƯỞNG BỘ TÀI CHÍNH\nTHỨ TRƯỞNG       THỨ TRƯỞNG\n\n"
        "Trần Anh Tuấn          Nguyễn Công Nghiệp",
        "KT. BỘ TRƯỞNG BỘ Y TẾ\tKT. BỘ TRƯỞNG BỘ TÀI CHÍNH\nTHỨ TRƯỞNG\tTHỨ TRƯỞNG\n"
        "Trần Anh Tuấn\tĐỗ Hoàng Anh Tuấn",
    ],
)
def test_joint_circular_first_signer(tail: str) -> None:
    text = f"Số: 7/2025/TTLT-BYT-BTC\nTHÔNG TƯ LIÊN TỊCH\nĐiều 1. Phạm vi.\n{tail}"
    assert vbpl.parse(text).metadata.signer == "Trần Anh Tuấn"


# A generated Party header: any parent/unit pair, star line, number form, column order, date
# form, type word and signature; the parser must read the same facts from every variant.
BODIES = [  # (parent line, unit line, issuer as written, code suffix)
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN TỔ CHỨC", "Ban Tổ chức Trung ương", "BTCTW"),
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN KINH TẾ", "Ban Kinh tế Trung ương", "BKTTW"),
    ("TỈNH ỦY HÀ NAM", "BAN DÂN VẬN", "Ban Dân vận Tỉnh ủy Hà Nam", "BDVTU"),
    ("THÀNH ỦY HẢI PHÒNG", "VĂN PHÒNG", "Văn phòng Thành ủy Hải Phòng", "VPTU"),
    ("ĐẢNG BỘ TỈNH ĐỒNG NAI", "HUYỆN ỦY LONG THÀNH", "Huyện ủy Long Thành", "HU"),
    (None, "TỈNH ỦY QUẢNG TRỊ", "Tỉnh ủy Quảng Trị", "TU"),
    (None, "ĐẢNG ĐOÀN QUỐC HỘI", "Đảng đoàn Quốc hội", "ĐĐQH15"),
    (None, "UBKT TRUNG ƯƠNG", "Ủy ban Kiểm tra Trung ương", "UBKTTW"),
    (None, "QUÂN ỦY TRUNG ƯƠNG", "Quân ủy Trung ương", "QUTW"),
    (None, "ĐẢNG ỦY QUÂN SỰ TRUNG ƯƠNG", "Đảng ủy Quân sự Trung ương", "ĐUQSTW"),
    (None, "VĂN PHÒNG TRUNG ƯƠNG ĐẢNG", "Văn phòng Trung ương Đảng", "VPTW"),
    (
        "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH",
        "BAN TỔ CHỨC",
        "Ban Tổ chức Thành ủy Thành phố Hồ Chí Minh",
        "BTCTU",
    ),
    ("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TRUNG ƯƠNG", "ĐẢNG ỦY BỘ NGOẠI GIAO", "Đảng ủy Bộ Ngoại giao", "ĐU"),
]
TYPES = [  # (type line, doc_type, code)
    ("HƯỚNG DẪN", "Hướng dẫn", "HD"),
    ("KẾ HOẠCH", "Kế hoạch", "KH"),
    ("NGHỊ QUYẾT", "Nghị quyết", "NQ"),
    ("CHỈ THỊ", "Chỉ thị", "CT"),
    ("QUY ĐỊNH", "Quy định", "QĐ"),
    ("QUYẾT ĐỊNH", "Quyết định", "QĐ"),
    ("THÔNG BÁO", "Thông báo", "TB"),
    ("BÁO CÁO", "Báo cáo", "BC"),
    ("CHƯƠNG TRÌNH", "Chương trình", "CTr"),
    ("TỜ TRÌNH", "Tờ trình", "TTr"),
    ("THÔNG BÁO KẾT LUẬN", "Thông báo kết luận", "TB"),
    ("QUY CHẾ", "Quy chế", "QC"),
    ("ĐỀ ÁN", "Đề án", "ĐA"),
]
PLACES = ["Hà Nội", "Phủ Lý", "Hải Phòng", "Đông Hà", "Biên Hòa", "TP. Hồ Chí Minh", "Dầu Tiếng"]
SIGNATURES = [
    "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n{name}",
    "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n{name}",
    "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n(Đã ký)\n{name}",
    "T/M BAN BÍ THƯ\n{name}",
    "T/M TỈNH ỦY\nPHÓ BÍ THƯ THƯỜNG TRỰC\n(Đã ký) {name}",
    "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC\n{name}",
]
SIGNERS = ["Nguyễn Thị Hà", "Trần Quốc Bảo", "Lê Minh"]


@st.composite
def party_header(draw: st.DrawFn) -> tuple[str, dict]:
    parent, unit, issuer, suffix = draw(st.sampled_from(BODIES))
    type_line, doc_type, code = draw(st.sampled_from(TYPES))
    n = draw(st.integers(1, 2999))
    number = f"{n}-{code}/{suffix}"
    number_line = draw(
        st.sampled_from(
            [f"Số {number}", f"Số: {number}", f"Số {n}- {code}/{suffix}", f"SỐ {number}"]
        )
    )
    d = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
    place = draw(st.sampled_from(PLACES))
    day = draw(st.sampled_from([str(d.day), f"{d.day:02d}"]))
    date_form = draw(st.sampled_from(["words", "wrapped", "spaced", "digits"]))
    date_line = f"{place}, ngày {day} tháng {d.month} năm {d.year}"
    if date_form == "wrapped":
        date_line = date_line.replace(f"ngày {day} ", f"ngày {day}\n", 1)
    elif date_form == "spaced":
        date_line = f"{place}, ngày  {day}  tháng  {d.month}  năm {d.year}"
    elif date_form == "digits":
        date_line = f"{place}, ngày {day}/{d.month}/{d.year}"
    star = draw(st.sampled_from(["*", "* * *", "-----", "\\*"]))
    left = ([parent] if parent else []) + [unit, star, number_line]
    motto = "ĐẢNG CỘNG SẢN VIỆT NAM"
    order = draw(
        st.sampled_from(
            ["left-right", "right-left", "interleaved", "right-first", "line-by-line", "same-line"]
        )
    )
    gap = draw(st.sampled_from(["          ", "\t"]))
    if order == "left-right":
        header = [*left, motto, date_line]
    elif order == "right-left":
        header = [motto, *left, date_line]
    elif order == "interleaved":
        header = [*left[:-2], motto, left[-2], left[-1], date_line]
    elif order == "right-first":  # the whole right column, then the left one
        header = [motto, date_line, *left]
    elif order == "line-by-line":  # right, left, right, left …
        header = [motto, left[0], date_line, *left[1:]]
    else:  # both columns on one line: body beside the motto, number beside the date
        header = [*left[:-2], f"{left[-2]}", f"{left[-1]}{gap}{date_line}"]
        header[0] = f"{header[0]}{gap}{motto}"
    words = draw(
        st.lists(
            st.sampled_from(["CÔNG TÁC", "TUYÊN TRUYỀN", "NĂM 2026", "CHUYỂN ĐỔI SỐ"]),
            min_size=1,
            max_size=4,
        )
    )
    name = draw(st.sampled_from(SIGNERS))
    sign = draw(st.sampled_from(SIGNATURES)).format(name=name)
    bold = draw(st.booleans())
    lines = [f"**{x}**" if bold and x.isupper() and "\n" not in x else x for x in header]
    text = "\n".join(
        [
            *lines,
            type_line,
            "VỀ " + " ".join(words),
            "I. MỤC ĐÍCH",
            "1. Các cấp ủy quán triệt.",
            "Nơi nhận:",
            "- Lưu VP.",
            sign,
        ]
    )
    want = {
        "number": number,
        "doc_type": doc_type,
        "issuer": issuer,
        "issued": d.isoformat(),
        "place": place,
        "signer": name,
    }
    return text, want


@settings(max_examples=150, deadline=None)
@given(party_header())
def test_generated_party_headers(case: tuple[str, dict]) -> None:
    text, want = case
    got = vbpl.parse(text).metadata.to_dict()
    assert {k: got[k] for k in want} == want, text


@pytest.mark.parametrize(("lines", "want"), list(HEADER["issuer_heads"]["parent_examples"].items()))
def test_issuer_under_parent_examples(lines: str, want: str) -> None:
    """A body named by its level alone takes the place of the Đảng bộ above it; a name that
    needs a complement (BAN CÁN SỰ ĐẢNG) takes the next line."""
    from vbpl.parser.header import _issuer

    assert _issuer(lines.split(" | ")) == want
