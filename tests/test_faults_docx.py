"""Fault cases of .docx reading: zips that lie about sizes, bombs, damaged entries, budgets."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from vbpl.errors import InputError
from vbpl.parser import docx as docx_reader
from vbpl.parser.docx import extract_docx, read_parts

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
    'application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def body(paragraphs: list[str]) -> str:
    ps = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{ps}</w:body></w:document>'
    )


def make_docx(extra: dict[str, bytes] | None = None, paragraphs=("Điều 1. Phạm vi",)) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", body(list(paragraphs)))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def lie(data: bytes, part: str, *, size: int | None = None, crc: int | None = None) -> bytes:
    """``data`` with the sizes (and CRC) of ``part`` rewritten in both headers."""
    out = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    fields = [(14, crc), (22, size)]
    for off, value in fields:
        if value is not None:
            struct.pack_into("<L", out, info.header_offset + off, value)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        n = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46 : at + 46 + n] == part.encode():
            for off, value in ((16, crc), (24, size)):
                if value is not None:
                    struct.pack_into("<L", out, at + off, value)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def test_honest_docx_reads():
    assert extract_docx(make_docx(), "a.docx").text == "Điều 1. Phạm vi"


def test_part_declaring_less_than_it_holds_is_bounded(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED_BYTES", 1 << 20)
    data = lie(
        make_docx({"word/media/image1.png": bytes(8 << 20)}), "word/media/image1.png", size=1024
    )
    with pytest.raises(InputError, match="unpacks to more than 1 MB"):
        extract_docx(data, "liar.docx")


def test_part_declaring_less_within_budget_is_refused():
    data = lie(
        make_docx({"word/media/image1.png": bytes(50_000)}), "word/media/image1.png", size=10
    )
    with pytest.raises(InputError, match="unpacks to 50000 bytes but declares 10"):
        extract_docx(data, "liar.docx")


def test_part_declaring_more_than_it_holds_is_refused():
    data = lie(make_docx(), "word/document.xml", size=10_000_000)
    with pytest.raises(InputError, match="declares 10000000"):
        read_parts(data, "liar.docx")


def test_bad_crc_is_refused():
    data = lie(make_docx(), "word/document.xml", crc=12345)
    with pytest.raises(InputError, match="bad CRC"):
        read_parts(data, "crc.docx")


def test_honest_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED_BYTES", 2 << 20)
    data = make_docx({f"word/media/b{i}.bin": bytes(1 << 20) for i in range(4)})
    with pytest.raises(InputError, match="unpacks to more than 2 MB"):
        extract_docx(data, "bomb.docx")


def test_xml_part_over_its_budget(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_XML_BYTES", 64 * 1024)
    data = make_docx(paragraphs=["Điều 1. Nội dung dài"] * 5000)
    with pytest.raises(InputError, match="is more than 64 KB of XML"):
        extract_docx(data, "big.docx")


def test_time_budget(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_SECONDS", -1.0)
    with pytest.raises(InputError, match="took more than"):
        extract_docx(make_docx(), "slow.docx")


def test_truncated_zip():
    data = make_docx()
    with pytest.raises(InputError):
        extract_docx(data[: len(data) // 2], "cut.docx")


def test_encrypted_entry_is_refused():
    data = bytearray(make_docx())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    at = bytes(data).find(b"PK\x01\x02")
    while at >= 0:  # set the encryption flag in the central directory
        n = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + n] == b"word/document.xml":
            struct.pack_into("<H", data, at + 8, info.flag_bits | 1)
        at = bytes(data).find(b"PK\x01\x02", at + 4)
    with pytest.raises(InputError, match="encrypted"):
        read_parts(bytes(data), "enc.docx")


def test_media_parts_are_checked_not_kept():
    parts = read_parts(make_docx({"word/media/image1.png": b"\x89PNG" + bytes(1000)}), "a.docx")
    assert parts["word/media/image1.png"] == b""
    assert parts["word/document.xml"].startswith(b"<?xml")


def test_deep_xml_is_one_error():
    deep = "<w:tbl><w:tr><w:tc>" * 400 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 400
    xml = f'<?xml version="1.0"?><w:document {W}><w:body>{deep}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", xml)
    with pytest.raises(InputError, match="not a readable Word"):
        extract_docx(buf.getvalue(), "deep.docx")
