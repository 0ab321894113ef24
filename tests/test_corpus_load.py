"""The streaming loader: folders, files, JSON lines, standard input, and errors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from vbpl.corpus.load import document_from_row, iter_documents, iter_files
from vbpl.errors import InputError, VbplError
from vbpl.model import Document, Metadata, Section, Span

DOC_TEXT = """BỘ Y TẾ
-------
Số: 12/HD-BYT

Hà Nội, ngày 5 tháng 3 năm 2024

HƯỚNG DẪN
Thực hiện Nghị quyết số 45-NQ/TW

I. NỘI DUNG
1. Tổ chức quán triệt Nghị quyết số 45-NQ/TW, ngày 24/11/2023.
"""


def parsed_row(number: str, year: int = 2023) -> dict:
    doc = Document(
        metadata=Metadata(number=number, issued=__import__("datetime").date(year, 1, 2)),
        sections=(Section("hd_I", "heading", "I", "A", "I. A", Span(0, 4)),),
        text="I. A",
    )
    return doc.to_dict()


def have_parser() -> bool:
    try:
        import vbpl.parser.document
        import vbpl.refs

        return hasattr(vbpl.refs, "annotate")
    except ImportError:
        return False


needs_parser = pytest.mark.skipif(not have_parser(), reason="structure parser not available")


def test_parsed_rows_load_without_reparsing(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text(
        "\n".join(json.dumps(parsed_row(n), ensure_ascii=False) for n in ("1-NQ/TW", "2-CT/TW"))
        + "\n\n",
        encoding="utf-8",
    )
    docs = list(iter_documents([p]))
    assert [d.key for d in docs] == ["1-NQ/TW@2023", "2-CT/TW@2023"]
    assert docs[0].sections[0].id == "hd_I"
    assert docs[0].source == f"{p}:1"


def test_iter_documents_is_lazy(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps(parsed_row("1-NQ/TW")) + "\nnot json\n", encoding="utf-8")
    gen = iter_documents([p])
    assert next(gen).key == "1-NQ/TW@2023"  # the bad line is not read yet
    with pytest.raises(InputError, match=r"c\.jsonl:2: not valid JSON"):
        next(gen)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", r"x\.jsonl:1: a row must be a JSON object"),
        ('{"source": "a"}', r"x\.jsonl:1: a row needs a non-empty 'text' or 'html'"),
        ('{"text": "  "}', r"x\.jsonl:1: a row needs a non-empty 'text' or 'html'"),
        ('{"text": "x", "metadata": []}', r"x\.jsonl:1: 'metadata' must be a JSON object"),
        ('{"text": "x", "metadata": {"issued": "24/11/2023"}}', r"x\.jsonl:1: bad row"),
        ('{"text": "x", "source": 5}', r"x\.jsonl:1: 'source' must be a string"),
        ('{"text": ', r"x\.jsonl:1: not valid JSON"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        list(iter_documents([p]))


def test_on_error_collects_and_goes_on(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    rows = [json.dumps(parsed_row("1-NQ/TW")), "{bad", "[]", json.dumps(parsed_row("3-NQ/TW"))]
    p.write_text("\n".join(rows), encoding="utf-8")
    errors: list[VbplError] = []
    docs = list(iter_documents([p, tmp_path / "missing.txt"], on_error=errors.append))
    assert [d.metadata.number for d in docs] == ["1-NQ/TW", "3-NQ/TW"]
    where = [str(e).split(": ")[0] for e in errors]
    assert [w.rsplit("/", 1)[-1] for w in where] == ["x.jsonl:2", "x.jsonl:3", "missing.txt"]


def test_json_file_with_a_list(tmp_path: Path) -> None:
    p = tmp_path / "x.json"
    p.write_text(json.dumps([parsed_row("1-NQ/TW"), parsed_row("2-NQ/TW")]), encoding="utf-8")
    assert [d.metadata.number for d in iter_documents([p])] == ["1-NQ/TW", "2-NQ/TW"]
    p.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.json:1: not valid JSON"):
        list(iter_documents([p]))


def test_iter_files_recurses_sorted_and_filters(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/2.txt", "a.html", "b/1.docx", "notes.md", ".hidden/x.txt", "c.JSONL"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert names == ["a.html", "b/1.docx", "b/2.txt", "c.JSONL"]
    with pytest.raises(InputError, match="no such file or folder"):
        list(iter_files([tmp_path / "nope"]))


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = ("\n" + json.dumps(parsed_row("7-KL/TW")) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [d.metadata.number for d in iter_documents(["-"])] == ["7-KL/TW"]


def test_document_from_row_keeps_given_source() -> None:
    row = parsed_row("1-NQ/TW") | {"source": "s.txt"}
    assert document_from_row(row).source == "s.txt"


@needs_parser
def test_text_and_html_rows_are_parsed_with_stated_metadata(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    rows = [
        {"text": DOC_TEXT, "source": "byt.txt", "metadata": {"signer": "Nguyễn Văn A"}},
        {"html": "<html><body><p>" + DOC_TEXT.replace("\n", "</p><p>") + "</p></body></html>"},
    ]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    docs = list(iter_documents([p]))
    assert docs[0].source == "byt.txt"
    assert docs[0].metadata.signer == "Nguyễn Văn A"
    assert docs[0].metadata.number == "12/HD-BYT"
    assert docs[1].metadata.number == "12/HD-BYT"
    assert docs[1].source == f"{p}:2"
    assert any(r.number == "45-NQ/TW" for r in docs[0].references)


@needs_parser
def test_text_files_and_stdin_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(DOC_TEXT, encoding="utf-8")
    assert [d.metadata.number for d in iter_documents([tmp_path])] == ["12/HD-BYT"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DOC_TEXT.encode())))
    [doc] = list(iter_documents(["-"]))
    assert doc.metadata.number == "12/HD-BYT"
    assert doc.source == "-"


def test_corpus_from_jsonl_rows_resolve_each_other(tmp_path: Path) -> None:
    from vbpl.corpus import Corpus
    from vbpl.corpus.store import demo_path

    demo = demo_path()
    rows = [
        {"text": (demo / "nq-45-NQ-TW-2023.txt").read_text(encoding="utf-8"), "source": "nq45"},
        {
            "text": (demo / "kh-20-KH-TW-2023.txt").read_text(encoding="utf-8"),
            "source": "kh20",
            "metadata": {"fields": ["Văn hóa - Xã hội"], "status": "Còn hiệu lực"},
        },
    ]
    p = tmp_path / "two.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    corpus = Corpus.from_jsonl(p)
    assert corpus.keys() == ["45-NQ/TW@2023", "20-KH/TW@2023"]
    assert corpus.cited_by("45-NQ/TW@2023", "implements") == ["20-KH/TW@2023"]
    plan = corpus.get("20-KH/TW")
    assert plan.source == "kh20"
    assert (plan.metadata.fields, plan.metadata.status) == (("Văn hóa - Xã hội",), "Còn hiệu lực")


def test_folder_files_are_chosen_by_content_not_name(tmp_path) -> None:
    """A document saved without an ending is read; an image or empty file is not."""
    from vbpl.corpus.load import iter_documents, iter_files

    (tmp_path / "vanban_45").write_text(
        "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định chi tiết.\n", encoding="utf-8"
    )
    (tmp_path / "trang.htm").write_text("<html><body><p>Điều 1. Phạm vi</p></body></html>")
    (tmp_path / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "rong").write_bytes(b"")
    names = sorted(p.name for p in iter_files([tmp_path]))
    assert names == ["trang.htm", "vanban_45"]
    docs = list(iter_documents([tmp_path / "vanban_45"]))
    assert [s.id for s in docs[0].sections] == ["art_1"]
