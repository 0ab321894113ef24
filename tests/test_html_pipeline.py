"""HTML, docx and legacy encodings through the whole pipeline: accepted by content, not by
file name, and parsed into the same Document as the plain text."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

from vbpl.cli import main
from vbpl.model import Document
from vbpl.pipeline import parse, parse_file
from vbpl.text.legacy import encode_legacy

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def outline(doc: Document) -> list[tuple[str, str, str, str | None]]:
    return [(s.id, s.kind, s.label, s.heading) for s in doc.walk()]


def references(doc: Document) -> list[tuple[object, ...]]:
    return [(r.text, r.kind, r.number, r.relation, r.pinpoint, r.section) for r in doc.references]


def test_text_and_html_give_the_same_document() -> None:
    as_text = parse_file(FIXTURES / "pair_nghidinh.txt")
    as_html = parse_file(FIXTURES / "pair_nghidinh.html")
    assert outline(as_html) == outline(as_text)
    assert [s.id for s in as_html.walk() if s.kind == "article"] == [
        "chp_I__art_1",
        "chp_I__art_2",
        "chp_II__art_3",
        "chp_II__art_4",
        "chp_III__art_5",
    ]
    assert references(as_html) == references(as_text)
    assert any(r.number == "30/2009/QH12" for r in as_html.references)
    # what the page states outside the text is kept
    assert as_html.key == "118/2024/NĐ-CP@2024"
    assert as_html.metadata.status == "Còn hiệu lực"


def test_html_in_a_txt_file_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "trang.txt"
    shutil.copy(FIXTURES / "vbpl_luocdo.html", path)
    doc = parse_file(path)
    assert doc.metadata.number == "118/2024/NĐ-CP"
    diagram = [(r.subject, r.relation, r.object) for r in doc.relations if r.source == "diagram"]
    assert ("118/2024/NĐ-CP", "based_on", "76/2015/QH13") in diagram
    assert ("118/2024/NĐ-CP", "guided_by", "07/2023/TT-BXD") in diagram


def test_parse_accepts_an_html_string() -> None:
    doc = parse((FIXTURES / "tvpl.html").read_text(encoding="utf-8"))
    assert doc.metadata.number == "07/2023/TT-BXD"
    assert [s.label for s in doc.walk() if s.kind == "article"] == ["1", "2"]


def test_docx_without_extension(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Điều 1. Phạm vi điều chỉnh")
    d.add_paragraph("Thông tư này hướng dẫn khoản 1 Điều 4 Nghị định số 118/2024/NĐ-CP.")
    d.add_paragraph("Điều 2. Hiệu lực thi hành")
    buf = io.BytesIO()
    d.save(buf)
    path = tmp_path / "van-ban"
    path.write_bytes(buf.getvalue())
    doc = parse_file(path)
    assert doc.encoding == "docx"
    assert [s.label for s in doc.walk() if s.kind == "article"] == ["1", "2"]
    assert any(r.number == "118/2024/NĐ-CP" for r in doc.references)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viqr", "cp1258", "utf-8-mojibake"])
def test_legacy_file_parses_like_unicode(tmp_path: Path, encoding: str) -> None:
    text = (FIXTURES / "pair_nghidinh.txt").read_text(encoding="utf-8")
    if encoding == "tcvn3":  # no TCVN3 code for a capital with a tone before lower case
        text = text.replace("Ủy ban", "ủy ban")
    path = tmp_path / "cu.txt"
    path.write_bytes(encode_legacy(text, encoding))
    doc = parse_file(path)
    assert doc.encoding == encoding
    assert doc.text == parse(text).text
    assert outline(doc) == outline(parse(text))


def test_cli_normalize(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cu.txt"
    path.write_bytes(encode_legacy("Điều 1. Phạm vi  điều chỉnh\nNội dung hoà giải.\n", "vni"))
    assert main(["normalize", str(path)]) == 0
    out = capsys.readouterr()
    assert out.out == "Điều 1. Phạm vi điều chỉnh\nNội dung hòa giải.\n"
    assert "read as vni" in out.err
    assert main(["normalize", "--json", str(FIXTURES / "generic.html")]) == 0
    assert '"format": "html"' in capsys.readouterr().out


def test_cli_normalize_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"PK\x03\x04broken")
    assert main(["normalize", str(path)]) == 1
    assert "not a readable Word" in capsys.readouterr().err
