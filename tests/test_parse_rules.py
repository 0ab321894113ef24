"""Tests generated from the examples kept beside each rule in ``src/vbpl/data/outline.json``
and ``src/vbpl/data/header_lines.json``."""

from __future__ import annotations

import re

import pytest

from vbpl.data import load_table
from vbpl.lexicon.dates import first_date
from vbpl.parser.header import (
    _rx,
    header_number,
    issuer_name,
    read_header,
    sentence_case,
)
from vbpl.parser.lines import classify, page_prefix, quote_delta, split_lines
from vbpl.parser.tail import find_tail, tail_kind

OUTLINE = load_table("outline")
HEADER = load_table("header_lines")

TOKEN_EXAMPLES = [
    (t["kind"], line, label) for t in OUTLINE["tokens"] for line, label in t["examples"].items()
]
TOKEN_NON_EXAMPLES = [(t["kind"], line) for t in OUTLINE["tokens"] for line in t["non_examples"]]


@pytest.mark.parametrize(("kind", "line", "label"), TOKEN_EXAMPLES)
def test_token_examples(kind: str, line: str, label: str) -> None:
    got = classify(line)
    assert got is not None, line
    assert got[0] == kind
    want = {"–": "-", "•": "-"}.get(label, label)
    if kind == "part" and not label.isdigit() and label.lower().startswith("thứ"):
        want = label
    assert got[1] == want


@pytest.mark.parametrize(("kind", "line"), TOKEN_NON_EXAMPLES)
def test_token_non_examples(kind: str, line: str) -> None:
    got = classify(line)
    assert got is None or got[0] != kind, (line, got)


def test_every_token_has_examples() -> None:
    for t in OUTLINE["tokens"]:
        assert t["examples"], t["kind"]
        assert set(t["first"]) >= {line[0] for line in t["examples"]}, t["kind"]


@pytest.mark.parametrize(
    ("line", "delta", "opens"),
    [
        ("“Điều 6. Quy hoạch", 1, True),
        ('"Điều 82a. Quy hoạch chi tiết', 1, True),
        ("“10. Cảng đăng ký.”", 0, True),
        ('"a) Công nghệ thông tin;".', 0, True),
        ("Trường hợp khác do Thủ tướng quyết định.”;", -1, False),
        ("theo Chỉ thị “Về tiếp tục củng cố”.", 0, False),
        ('Luật này có hiệu lực."', -1, False),
    ],
)
def test_quote_delta(line: str, delta: int, opens: bool) -> None:
    assert quote_delta(line) == (delta, opens)


def test_quoted_lines_get_no_token() -> None:
    lines = split_lines(
        "Điều 1. Sửa đổi\n1. Điều 5 như sau:\n“Điều 5. Mới\n1. Khoản\na) Điểm”\n2. Tiếp"
    )
    assert [(ln.token, ln.quoted) for ln in lines] == [
        ("article", False),
        ("arabic", False),
        (None, True),
        (None, True),
        (None, True),
        ("arabic", False),
    ]


@pytest.mark.parametrize(
    ("first", "prefix"),
    [
        ("Nghi-dinh-65-2022-ND-CP. CHÍNH PHỦ -------", "Nghi-dinh-65-2022-ND-CP. "),
        ("Luật Doanh nghiệp 2020", "Luật Doanh nghiệp 2020. "),
        ("QUỐC HỘI", ""),
    ],
)
def test_page_prefix(first: str, prefix: str) -> None:
    assert page_prefix(first) == prefix


def test_page_prefix_does_not_hide_structure() -> None:
    text = "Luật Thử 2020\nQUỐC HỘI\nLuật Thử 2020. Chương I NHỮNG QUY ĐỊNH CHUNG\nLuật Thử 2020. Điều 1. Phạm vi"
    assert [ln.token for ln in split_lines(text)][2:] == ["chapter", "article"]


# -- header_lines.json --------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "field_value"), list(HEADER["site_fields"]["examples"].items()))
def test_site_field_examples(line: str, field_value: list[str]) -> None:
    m = _rx()["site_field"].match(line)
    assert m is not None
    assert HEADER["site_fields"]["names"][m.group(1)] == field_value[0]
    assert m.group(2).strip() == field_value[1]


@pytest.mark.parametrize("line", HEADER["site_date"]["examples"])
def test_site_date_examples(line: str) -> None:
    assert _rx()["site_date"].match(line)


@pytest.mark.parametrize(("line", "number"), list(HEADER["number_line"]["examples"].items()))
def test_number_line_examples(line: str, number: str) -> None:
    m = _rx()["number"].search(line)
    assert m is not None and header_number(m.group("number")) == number


@pytest.mark.parametrize(("text", "outline"), list(HEADER["preamble"]["opening_examples"].items()))
def test_opening_sentence_before_enacting_word(text: str, outline: list[str]) -> None:
    import vbpl
    from vbpl.parser.ids import label_paths

    assert label_paths(vbpl.parse(text).sections) == outline


@pytest.mark.parametrize(
    ("lines", "issuer"), list(HEADER["number_line"]["issuer_before_place_examples"].items())
)
def test_issuer_before_place_examples(lines: str, issuer: str | None) -> None:
    from vbpl.parser.header import read_header
    from vbpl.parser.lines import split_lines

    head = read_header(split_lines(lines.replace(" | ", "\n") + "\nSố 12-CV/X\nV/v Y"))
    assert head.fields.get("issuer") == issuer


@pytest.mark.parametrize(
    ("line", "number"), list(HEADER["number_line"]["after_date_examples"].items())
)
def test_number_after_date_examples(line: str, number: str) -> None:
    from vbpl.parser.header import read_header
    from vbpl.parser.lines import split_lines

    head = read_header(split_lines(f"TỈNH ỦY NGHỆ AN\n*\n{line}\nCHỈ THỊ\nvề việc X"))
    assert head.fields["number"] == number


@pytest.mark.parametrize(("line", "number"), list(HEADER["number_line"]["bare_examples"].items()))
def test_bare_number_line_examples(line: str, number: str | None) -> None:
    m = _rx()["bare_number"].match(line)
    assert (header_number(m.group("number")) if m else None) == number


@pytest.mark.parametrize(("line", "want"), list(HEADER["place_date"]["examples"].items()))
def test_place_date_examples(line: str, want: list[str]) -> None:
    line = re.sub(r"\s+", " ", line)  # as normalised
    m = _rx()["place_date"].search(line)
    assert m is not None
    assert m.group("place") == want[0]
    assert f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}" == want[1]


@pytest.mark.parametrize("line", HEADER["preamble"]["examples"])
def test_preamble_examples(line: str) -> None:
    starts = tuple(HEADER["preamble"]["starts"])
    assert line.startswith(starts) or _rx()["enacting"].search(line)


@pytest.mark.parametrize(("line", "kind"), list(HEADER["tail"]["examples"].items()))
def test_tail_examples(line: str, kind: str) -> None:
    assert tail_kind(line, "Điều 5. Hiệu lực thi hành./.") == kind


@pytest.mark.parametrize(
    ("upper", "name"),
    list(HEADER["issuers"]["examples"].items()) + list(HEADER["issuers"]["names"].items()),
)
def test_issuer_examples(upper: str, name: str) -> None:
    assert issuer_name(upper) == name


@pytest.mark.parametrize("line", HEADER["motto"]["examples"])
def test_motto_examples_stay_in_the_header(line: str) -> None:
    info = read_header(split_lines(f"BỘ TƯ PHÁP\n{line}\nSố: 1/QĐ-BTP\nNội dung của văn bản."))
    assert info.header_end == 3


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        (
            "QUỐC HỘI   --------\nLuật số:   103/2016/QH13\nHà Nội, ngày   05 tháng 4 năm 2016\nLUẬT\nBÁO CHÍ",
            {"number": "103/2016/QH13", "title": "Báo chí", "doc_type": "Luật"},
        ),
        (
            "QUỐC HỘI ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- Luật số:\n16/2023/QH15\nHà Nội, ngày 19 tháng 6 năm 2023 LUẬT GIÁ",
            {"number": "16/2023/QH15", "title": "Giá", "doc_type": "Luật"},
        ),
        (
            "Số: 61-CP Hà Nội, ngày 05 tháng 7 năm 1994\nNGHỊ ĐỊNH",
            {"number": "61-CP", "place": "Hà Nội", "doc_type": "Nghị định"},
        ),
        ("Luật   số: 73/2006/QH 11", {"number": "73/2006/QH11"}),
        (
            "BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN TUYÊN GIÁO\n-------\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 128-HD/BTGTW",
            {"issuer": "Ban Tuyên giáo Trung ương", "number": "128-HD/BTGTW"},
        ),
        (
            "Số: 778/TCHQ-GSQL V/v xử lý vướng mắc\nHà Nội, ngày 13 tháng 02 năm 2017 Kính gửi: Cục Hải quan các tỉnh.",
            {"title": "Xử lý vướng mắc", "doc_type": "Công văn"},
        ),
    ],
)
def test_header_shapes(header: str, fields: dict[str, str]) -> None:
    info = read_header(split_lines(header + "\nĐiều 1. Phạm vi"))
    for key, value in fields.items():
        assert info.fields.get(key) == value, key


def test_no_number_stated() -> None:
    info = read_header(
        split_lines(
            "QUỐC HỘI\nSố: Không số\nHà Nội, ngày 28 tháng 11 năm 2013\nHIẾN PHÁP\nĐiều 1. A"
        )
    )
    assert "number" not in info.fields
    assert info.fields["doc_type"] == "Hiến pháp"


def test_crawl_date_is_not_the_issue_date() -> None:
    info = read_header(
        split_lines("Thứ 6, Ngày 01/11/2024\nSố: 1-HD/TW\nHà Nội, ngày 3 tháng 2 năm 2023\nI. A")
    )
    assert str(info.fields["issued"]) == "2023-02-03"


@pytest.mark.parametrize(
    ("upper", "text"),
    [
        ("CÔNG TÁC KHOA GIÁO NĂM 2024", "Công tác khoa giáo năm 2024"),
        (
            "QUY ĐỊNH CHI TIẾT LUẬT ĐẤT ĐAI CỦA QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Quy định chi tiết luật đất đai của Quốc hội nước cộng hòa xã hội chủ nghĩa Việt Nam",
        ),
    ],
)
def test_sentence_case(upper: str, text: str) -> None:
    assert sentence_case(upper) == text


@pytest.mark.parametrize(
    ("s", "iso"),
    [("22/12/2023", "2023-12-22"), ("1-2-2020", "2020-02-01"), ("32/1/2020", None), ("x", None)],
)
def test_parse_dmy(s: str, iso: str | None) -> None:
    d = first_date(s)
    assert (d.isoformat() if d else None) == iso


def test_tail_positions_need_a_closed_body() -> None:
    lines = split_lines(
        "Chương VI\nCHỦ TỊCH NƯỚC\nĐiều 86. Chủ tịch nước là người đứng đầu Nhà nước./.\nCHỦ TỊCH NƯỚC\nTrần Văn B"
    )
    t = find_tail(lines, 0)
    assert t.start == 3
    assert t.fields["signer"] == "Trần Văn B"


@pytest.mark.parametrize(("upper", "want"), list(HEADER["title_case"]["examples"].items()))
def test_title_case_examples(upper: str, want: str) -> None:
    from vbpl.parser.header import sentence_case

    assert sentence_case(upper) == want


@pytest.mark.parametrize(("title", "want"), list(HEADER["title_lead"]["examples"].items()))
def test_title_lead_examples(title: str, want: list) -> None:
    from vbpl.parser.header import split_title_lead

    assert list(split_title_lead(title)) == want


@pytest.mark.parametrize(
    ("line", "basis"),
    [(x, True) for x in load_table("header_lines")["preamble"]["dash_examples"]]
    + [(x, False) for x in load_table("header_lines")["preamble"]["dash_non_examples"]],
)
def test_dash_preamble_lines(line: str, basis: bool) -> None:
    from vbpl.parser.header import is_preamble_line

    assert is_preamble_line(line) is basis


@pytest.mark.parametrize(("page", "start"), list(HEADER["page_lead"]["type_line_examples"].items()))
def test_page_type_line_examples(page: str, start: int | None) -> None:
    from vbpl.parser.header import header_start
    from vbpl.parser.lines import split_lines

    assert header_start(split_lines(page), 0) == start


@pytest.mark.parametrize(("text", "issuer"), list(HEADER["tail"]["signed_for_examples"].items()))
def test_signed_for_examples(text: str, issuer: str) -> None:
    import vbpl

    assert vbpl.parse(text).metadata.issuer == issuer


@pytest.mark.parametrize(("page", "start"), list(HEADER["page_lead"]["examples"].items()))
def test_page_lead_examples(page: str, start: int | None) -> None:
    from vbpl.parser.header import header_start
    from vbpl.parser.lines import split_lines

    assert header_start(split_lines(page), 0) == start


@pytest.mark.parametrize(
    ("text", "title"), list(HEADER["header_continuations"]["vv_examples"].items())
)
def test_vv_wrapped_examples(text: str, title: str) -> None:
    from vbpl.parser.header import read_header
    from vbpl.parser.lines import split_lines

    assert read_header(split_lines(text)).fields["title"] == title


@pytest.mark.parametrize(
    ("organ", "want"), list(HEADER["title_lead"]["boards"]["examples"].items())
)
def test_title_board_examples(organ: str, want: str) -> None:
    """An organ named in a title is completed with the place of the header's body."""
    from vbpl.parser.header import _complete_committee

    lead, header = organ.split(" | ")
    assert _complete_committee(lead, None if header == "null" else header) == want


@pytest.mark.parametrize(("text", "title"), list(HEADER["title_end"]["examples"].items()))
def test_title_end_examples(text: str, title: str) -> None:
    from vbpl.parser.header import read_header
    from vbpl.parser.lines import split_lines

    assert read_header(split_lines(text)).fields["title"] == title


@pytest.mark.parametrize(
    ("text", "signer"), list(HEADER["tail"]["lone_signature_examples"].items())
)
def test_lone_signature_examples(text: str, signer: str | None) -> None:
    from vbpl.parser.lines import split_lines
    from vbpl.parser.tail import find_tail

    assert find_tail(split_lines(text), 0).fields.get("signer") == signer


@pytest.mark.parametrize(
    ("body", "effective"),
    [
        ("Điều 1. Chỉ định đồng chí A.\nĐiều 2. Quyết định có hiệu lực từ ngày ký.", "2024-11-11"),
        ("Điều 1. Kỷ luật.\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.", "2024-11-11"),
        ("Điều 1. Quy định.\nĐiều 2. Quyết định này có hiệu lực từ ngày 01/12/2024.", "2024-12-01"),
        # another decision's effect, not the document's own
        ("Điều 1. Xử phạt.\nĐiều 2. Quyết định xử phạt có hiệu lực từ ngày ký.", None),
    ],
)
def test_effect_article_opening_with_the_own_type(body: str, effective: str | None) -> None:
    import vbpl

    head = "TỈNH ỦY VĨNH PHÚC\n*\nSố 1245-QĐ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
    head += "Vĩnh Phúc, ngày 11 tháng 11 năm 2024\nQUYẾT ĐỊNH\nvề việc chỉ định\n"
    got = vbpl.parse(head + body).metadata.effective
    assert (got.isoformat() if got else None) == effective


@pytest.mark.parametrize(("text", "want"), list(HEADER["type_line_words"]["examples"].items()))
def test_type_line_words_examples(text: str, want: list[str]) -> None:
    from vbpl.parser.header import read_header
    from vbpl.parser.lines import split_lines

    f = read_header(split_lines(text)).fields
    assert [f["doc_type"], f["title"]] == want


@pytest.mark.parametrize("line", HEADER["number_line"]["blank_examples"])
def test_blank_number_line_examples(line: str) -> None:
    assert _rx()["blank_number"].match(line)
    assert _rx()["number"].search(line) is None or not _rx()["number"].search(line).group("number")


@pytest.mark.parametrize(("text", "number"), list(HEADER["number_line"]["broken_examples"].items()))
def test_broken_number_line_examples(text: str, number: str) -> None:
    from vbpl.parser.header import read_header
    from vbpl.parser.lines import split_lines

    assert read_header(split_lines("TỈNH ỦY SƠN LA\n*\n" + text)).fields["number"] == number


@pytest.mark.parametrize(("line", "place"), list(HEADER["place_date"]["blank_examples"].items()))
def test_blank_date_examples(line: str, place: str | None) -> None:
    line = re.sub(r"\s+", " ", line)  # as normalised
    m = _rx()["blank_date"].match(line)
    assert m is not None and m.group("place") == place


@pytest.mark.parametrize(("line", "want"), list(HEADER["number_line"]["inline_examples"].items()))
def test_inline_number_examples(line: str, want: list[str | None]) -> None:
    from vbpl.parser.header import read_header
    from vbpl.parser.lines import split_lines

    f = read_header(split_lines(line)).fields
    assert [f.get("number"), f.get("issuer")] == want


@pytest.mark.parametrize(("text", "starts"), list(HEADER["tail"]["attached_examples"].items()))
def test_attached_examples(text: str, starts: list[str]) -> None:
    from vbpl.parser.lines import split_lines
    from vbpl.parser.tail import find_tail

    lines = split_lines(text)
    assert [lines[k].text for k in find_tail(lines, 0).appendices] == starts


@pytest.mark.parametrize(("text", "signer"), list(HEADER["tail"]["signing_examples"].items()))
def test_signing_examples(text: str, signer: str | None) -> None:
    import vbpl

    assert vbpl.parse(text).metadata.signer == signer


@pytest.mark.parametrize(
    ("closing", "effective"),
    [
        (
            "Nghị quyết này đã được Hội đồng nhân dân xã Tân Phú khóa XII, kỳ họp thứ mười "
            "thông qua ngày 20 tháng 12 năm 2024 và có hiệu lực từ ngày 01 tháng 01 năm 2025./.",
            "2025-01-01",
        ),
        (
            "Nghị quyết này được Hội đồng nhân dân tỉnh Bình Định khóa XIII, Kỳ họp thứ 22 thông "
            "qua ngày 12 tháng 12 năm 2024 và có hiệu lực kể từ ngày 22 tháng 12 năm 2024.",
            "2024-12-22",
        ),
        # passed, its effect not stated there
        (
            "Nghị quyết này đã được Hội đồng nhân dân tỉnh khóa XIII thông qua ngày 12 tháng 12 "
            "năm 2024./.",
            None,
        ),
    ],
)
def test_effect_in_a_councils_passing_statement(closing: str, effective: str | None) -> None:
    import vbpl

    head = "HỘI ĐỒNG NHÂN DÂN\nXÃ TÂN PHÚ\nSố: 12/NQ-HĐND\nTân Phú, ngày 20 tháng 12 năm 2024\n"
    head += "NGHỊ QUYẾT\nVề dự toán ngân sách năm 2025\nQUYẾT NGHỊ:\n"
    body = "Điều 1. Dự toán thu ngân sách.\nĐiều 2. Giao Ủy ban nhân dân xã thực hiện.\n"
    got = vbpl.parse(head + body + closing + "\nCHỦ TỊCH\nLê Văn Hòa").metadata.effective
    assert (got.isoformat() if got else None) == effective


@pytest.mark.parametrize(("text", "paths"), list(HEADER["preamble"]["addressing_examples"].items()))
def test_dispatch_addressees_are_preamble(text: str, paths: list[str]) -> None:
    import vbpl
    from vbpl.parser.ids import label_paths

    assert label_paths(vbpl.parse(text).sections) == paths


@pytest.mark.parametrize(("text", "issuer"), list(HEADER["issuers"]["board_examples"].items()))
def test_standing_board_under_party_organisation(text: str, issuer: str) -> None:
    from vbpl.parser.header import read_header
    from vbpl.parser.lines import split_lines

    assert read_header(split_lines(text)).fields["issuer"] == issuer
