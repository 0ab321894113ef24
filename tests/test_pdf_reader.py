"""PDF input: the text layer through pypdf, scans refused clearly, never a "legacy encoding".

The PDFs are built by hand in the test (tests/pdf_factory.py), not by the library that reads
them."""

from __future__ import annotations

from pathlib import Path

import pytest

import vbpl
from pdf_factory import make_pdf
from vbpl.errors import InputError
from vbpl.parser.pdf import extract_pdf, is_pdf
from vbpl.text.read import decode_bytes

PAGES = [
    [
        "TỈNH ỦY THÁI BÌNH",
        "BAN TỔ CHỨC",
        "*",
        "Số 45-HD/BTCTU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Thái Bình, ngày 19 tháng 11 năm 2025",
        "HƯỚNG DẪN",
        "VỀ CÔNG TÁC ĐÁNH GIÁ CÁN BỘ",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Đánh giá đúng thực chất chất lượng đội ngũ cán bộ, đảng viên trong toàn",
        "1",
    ],
    [
        "đảng bộ theo Quy định số 124-QĐ/TW, ngày 03/10/2023 của Bộ Chính trị.",
        "2. Bảo đảm công khai, dân chủ.",
        "2",
    ],
]


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return make_pdf(PAGES)


def test_text_layer_is_read_page_by_page(pdf_bytes: bytes) -> None:
    assert is_pdf(pdf_bytes)
    text = extract_pdf(pdf_bytes, "hd.pdf").text
    assert text.count("\f") == 1
    assert "Số 45-HD/BTCTU" in text and "124-QĐ/TW" in text


def test_parse_file_reads_a_pdf(pdf_bytes: bytes, tmp_path: Path) -> None:
    p = tmp_path / "hd.pdf"
    p.write_bytes(pdf_bytes)
    doc = vbpl.parse_file(p)
    assert doc.encoding == "pdf"
    assert doc.metadata.number == "45-HD/BTCTU"
    assert "\n1\n" not in doc.text and "\n2\n" not in doc.text  # page numbers gone
    # the sentence the page break cut is one again, and its reference is found
    assert "trong toàn" in doc.text
    assert any(r.number == "124-QĐ/TW" for r in doc.references)


def test_scan_without_text_layer_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "scan.pdf"
    p.write_bytes(make_pdf([[], []]))
    with pytest.raises(InputError, match="no text layer"):
        vbpl.parse_file(p)


def test_damaged_pdf_is_a_clear_error(tmp_path: Path, pdf_bytes: bytes) -> None:
    p = tmp_path / "broken.pdf"
    p.write_bytes(pdf_bytes[:200])
    with pytest.raises(InputError):
        vbpl.parse_file(p)


def test_pdf_is_not_taken_for_a_legacy_encoding(pdf_bytes: bytes) -> None:
    with pytest.raises(InputError, match="a PDF file"):
        decode_bytes(pdf_bytes, "x.pdf")


def test_cli_one_line_error_for_a_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vbpl.cli import main

    p = tmp_path / "scan.pdf"
    p.write_bytes(make_pdf([[]]))
    assert main(["parse", str(p)]) == 1
    err = capsys.readouterr().err.strip()
    assert "no text layer" in err and "\n" not in err


def test_markdown_file_is_read(tmp_path: Path) -> None:
    p = tmp_path / "kh.md"
    p.write_text(
        "**ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH**\n\\*\nSố 12-KH/ĐU\n\n**ĐẢNG CỘNG SẢN VIỆT NAM**\n"
        "*Hà Giang, ngày 5 tháng 6 năm 2024*\n\n**KẾ HOẠCH**\n\n**I. MỤC ĐÍCH**\n\n\\- Quán triệt.\n",
        encoding="utf-8",
    )
    doc = vbpl.parse_file(p)
    assert doc.metadata.number == "12-KH/ĐU"
    assert "**" not in doc.text and "\\-" not in doc.text


def test_a_folder_of_pdfs_loads(tmp_path: Path, pdf_bytes: bytes) -> None:
    (tmp_path / "hd.pdf").write_bytes(pdf_bytes)
    (tmp_path / "notes.md").write_text("# ghi chú\n", encoding="utf-8")  # notes stay out
    corpus = vbpl.Corpus.from_paths([tmp_path])
    assert [d.metadata.number for d in corpus.documents] == ["45-HD/BTCTU"]
