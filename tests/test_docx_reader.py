"""Word files built in the test with python-docx: paragraphs, automatic numbering, tables."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.oxml import parse_xml

from vbpl.errors import InputError
from vbpl.lexicon.labels import format_counter, point_letter
from vbpl.parser.docx import extract_docx

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _abstract(abstract_id: int, levels: list[tuple[str, str, int]]) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    return f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'


def _num(num_id: int, abstract_id: int, restart: dict[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
        for lvl, v in (restart or {}).items()
    )
    return f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def _number(paragraph, num_id: int, ilvl: int = 0) -> None:  # type: ignore[no-untyped-def]
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def _document() -> tuple[docx.document.Document, object]:
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    # a law's outline: Điều %1. / %2. / %3) ; a roman heading list; a bullet list
    numbering.insert(
        0,
        parse_xml(
            _abstract(
                901, [("decimal", "Điều %1.", 1), ("decimal", "%2.", 1), ("lowerLetter", "%3)", 1)]
            )
        ),
    )
    numbering.insert(
        0, parse_xml(_abstract(902, [("upperRoman", "%1.", 1), ("decimal", "%1.%2.", 1)]))
    )
    numbering.insert(0, parse_xml(_abstract(903, [("bullet", "-", 1)])))
    numbering.append(parse_xml(_num(71, 901)))
    numbering.append(parse_xml(_num(72, 902)))
    numbering.append(parse_xml(_num(73, 903)))
    numbering.append(parse_xml(_num(74, 901)))  # shares 901: continues its numbering
    numbering.append(parse_xml(_num(75, 901, {0: 1})))  # restarts Điều at 1
    return doc, numbering


def _bytes(doc) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_paragraphs_numbering_and_tables() -> None:
    doc, _ = _document()
    header = doc.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "BỘ XÂY DỰNG"
    header.cell(0, 0).add_paragraph("Số: 07/2023/TT-BXD")
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    doc.add_paragraph("THÔNG TƯ")
    _number(doc.add_paragraph("Phạm vi điều chỉnh"), 71, 0)
    doc.add_paragraph("Thông tư này hướng dẫn hồ sơ vườn ươm.")
    _number(doc.add_paragraph("Đối tượng áp dụng"), 71, 0)
    _number(doc.add_paragraph("Cơ quan quản lý cây xanh."), 71, 1)
    _number(doc.add_paragraph("Chủ vườn ươm, gồm:"), 71, 1)
    for text in (
        "hộ gia đình;",
        "hợp tác xã;",
        "doanh nghiệp;",
        "đơn vị sự nghiệp;",
        "tổ chức khác;",
        "cá nhân.",
    ):
        _number(doc.add_paragraph(text), 71, 2)
    _number(doc.add_paragraph("Hiệu lực thi hành"), 74, 0)  # same abstract: Điều 3
    _number(doc.add_paragraph("Trách nhiệm"), 71, 1)  # Điều 3 khoản 1 (deeper levels restarted)
    _number(doc.add_paragraph("MỤC ĐÍCH"), 72, 0)
    _number(doc.add_paragraph("Mục tiêu chung"), 72, 1)
    _number(doc.add_paragraph("NỘI DUNG"), 72, 0)
    _number(doc.add_paragraph("trồng cây;"), 73, 0)
    table = doc.add_table(rows=2, cols=3)
    for i, row in enumerate([("STT", "Tên cây", "Số lượng"), ("1", "Sao đen", "120")]):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    _number(doc.add_paragraph("Phụ lục: điều khoản riêng"), 75, 0)  # restarted: Điều 1
    p = doc.add_paragraph("dòng một")
    p.add_run().add_break()
    p.add_run("dòng hai")
    ex = extract_docx(_bytes(doc), "t.docx")
    assert ex.format == "docx"
    assert ex.text.splitlines() == [
        "BỘ XÂY DỰNG",
        "Số: 07/2023/TT-BXD",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "THÔNG TƯ",
        "Điều 1. Phạm vi điều chỉnh",
        "Thông tư này hướng dẫn hồ sơ vườn ươm.",
        "Điều 2. Đối tượng áp dụng",
        "1. Cơ quan quản lý cây xanh.",
        "2. Chủ vườn ươm, gồm:",
        "a) hộ gia đình;",
        "b) hợp tác xã;",
        "c) doanh nghiệp;",
        "d) đơn vị sự nghiệp;",
        "đ) tổ chức khác;",
        "e) cá nhân.",
        "Điều 3. Hiệu lực thi hành",
        "1. Trách nhiệm",
        "I. MỤC ĐÍCH",
        "I.1. Mục tiêu chung",
        "II. NỘI DUNG",
        "- trồng cây;",
        "STT | Tên cây | Số lượng",
        "1 | Sao đen | 120",
        "Điều 1. Phụ lục: điều khoản riêng",
        "dòng một",
        "dòng hai",
    ]


def test_numbering_through_a_paragraph_style() -> None:
    doc, _ = _document()
    styles = doc.styles.element
    styles.append(
        parse_xml(
            f'<w:style {NS} w:type="paragraph" w:styleId="DieuLuat"><w:name w:val="Dieu Luat"/>'
            '<w:pPr><w:numPr><w:numId w:val="71"/></w:numPr></w:pPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {NS} w:type="paragraph" w:styleId="DieuCon"><w:name w:val="Dieu Con"/>'
            '<w:basedOn w:val="DieuLuat"/></w:style>'
        )
    )
    doc.add_paragraph("Phạm vi", style="Dieu Luat")
    doc.add_paragraph("Đối tượng", style="Dieu Con")
    assert extract_docx(_bytes(doc), "s.docx").text == "Điều 1. Phạm vi\nĐiều 2. Đối tượng"


def test_document_without_numbering_part() -> None:
    doc = docx.Document()
    doc.add_paragraph("Điều 1. Phạm vi")
    doc.add_paragraph("  Nội   dung.  ")
    data = _bytes(doc)
    # drop numbering.xml and its relationship: the reader must not need it
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            if item.filename == "word/numbering.xml":
                continue
            body = src.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                body = re.sub(rb"<Relationship [^>]*numbering\.xml\"/>", b"", body)
            z.writestr(item, body)
    assert extract_docx(out.getvalue(), "plain.docx").text == "Điều 1. Phạm vi\nNội dung."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04garbage", "not a readable Word"),
        (b"", "not a readable Word"),
    ],
)
def test_corrupt_files(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        extract_docx(data, "bad.docx")


def test_zip_that_is_not_a_docx() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "xin chào")
    with pytest.raises(InputError, match=r"without word/document\.xml"):
        extract_docx(out.getvalue(), "x.zip")


def test_damaged_document_xml() -> None:
    data = _bytes(docx.Document())
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 2]
            z.writestr(item, body)
    with pytest.raises(InputError, match="not a readable Word"):
        extract_docx(out.getvalue(), "cut.docx")


def test_empty_document() -> None:
    with pytest.raises(InputError, match="no text"):
        extract_docx(_bytes(docx.Document()), "empty.docx")


@pytest.mark.parametrize(
    ("n", "fmt", "label"),
    [
        (1, "lowerLetter", "a"),
        (4, "lowerLetter", "d"),
        (5, "lowerLetter", "đ"),
        (6, "lowerLetter", "e"),
        (7, "lowerLetter", "g"),
        (10, "lowerLetter", "k"),
        (23, "lowerLetter", "y"),
        (24, "lowerLetter", "aa"),
        (5, "upperLetter", "Đ"),
        (9, "upperRoman", "IX"),
        (14, "lowerRoman", "xiv"),
        (3, "decimalZero", "03"),
        (12, "decimal", "12"),
        (2, "none", ""),
    ],
)
def test_number_formats(n: int, fmt: str, label: str) -> None:
    assert format_counter(n, fmt) == label


def test_points_never_use_f_or_j() -> None:
    letters = [point_letter(i) for i in range(1, 24)]
    assert "f" not in letters and "j" not in letters and letters.index("đ") == 4


def test_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import vbpl.parser.docx as reader

    doc = docx.Document()
    doc.add_paragraph("Điều 1. " + "Nội dung. " * 2000)
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(InputError, match="unpacks to more than"):
        extract_docx(_bytes(doc), "bomb.docx")
