"""Party documents in the wrappings they are published in: Word, web pages, flattened text.

Each fixture ``tests/fixtures/party/wrap_<name>.<kind>`` is written for this project (modelled
on real layouts, no real text) with ``wrap_<name>.expected.json`` beside it, holding the
metadata the document states (``null``: it does not state it). Kinds:

* ``.txt`` — plain text flattenings: columns interleaved line by line, the right column
  first, both columns on one line (spaces or a tab), number and date on one line, dates in
  digits or with doubled spaces, every kind of Party body, type word and signature block, news
  copies that name the document in their lead sentence, pages that start at the body;
* ``.html`` — the national database's page, the commercial site's page, a provincial Party
  committee's CMS article (header in a ``<table>``);
* ``.docx.json`` — a Word file described as data and built here with python-docx: the header as
  a two-column borderless table (one cell a column, or one row a line), or as paragraphs
  aligned with tab stops; the signature block in a table beside Nơi nhận.

The file is read with :func:`vbpl.parse_file`, as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm

import vbpl
from vbpl.data import load_table
from vbpl.parser.header import news_lead

FIXTURES = Path(__file__).parent / "fixtures" / "party"
KINDS = (".txt", ".html", ".docx.json")


def _cases() -> list[tuple[str, Path]]:
    out = []
    for expected in sorted(FIXTURES.glob("wrap_*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        sources = [FIXTURES / (stem + k) for k in KINDS if (FIXTURES / (stem + k)).exists()]
        assert len(sources) == 1, f"{stem}: one source file expected, found {sources}"
        out.append((stem, sources[0]))
    return out


CASES = _cases()


def _table(doc: docx.document.Document, rows: list[list[str]]) -> None:
    """A borderless table (python-docx's default style has no borders), one row per item."""
    table = doc.add_table(rows=len(rows), cols=2)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            lines = value if isinstance(value, list) else [value]
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)


def _block(doc: docx.document.Document, spec: dict) -> None:
    layout = spec["layout"]
    if layout == "table":  # one cell a column
        _table(doc, [[spec["left"], spec["right"]]])
    elif layout == "rows":  # one row a line
        _table(doc, spec["rows"])
    elif layout == "tabs":  # one paragraph a line, the right column after a tab stop
        for left, right in spec["rows"]:
            p = doc.add_paragraph()
            p.paragraph_format.tab_stops.add_tab_stop(Cm(11), WD_TAB_ALIGNMENT.CENTER)
            p.add_run(left)
            if right:
                p.add_run().add_tab()
                p.add_run(right)
    else:
        for line in spec["lines"]:
            doc.add_paragraph(line)


def build_docx(spec: dict, path: Path) -> Path:
    """The Word file a ``.docx.json`` fixture describes: header, body paragraphs, signature."""
    doc = docx.Document()
    _block(doc, spec["header"])
    for line in spec["body"]:
        doc.add_paragraph(line)
    _block(doc, spec["signature"])
    doc.save(str(path))
    return path


def test_every_wrapping_is_covered() -> None:
    kinds = {next(k for k in KINDS if src.name.endswith(k)) for _, src in CASES}
    assert kinds == set(KINDS)
    assert len(CASES) >= 30


@pytest.mark.parametrize(("stem", "source"), CASES, ids=[c[0] for c in CASES])
def test_wrapping_metadata(stem: str, source: Path, tmp_path: Path) -> None:
    expected = json.loads((FIXTURES / f"{stem}.expected.json").read_text(encoding="utf-8"))
    if source.name.endswith(".docx.json"):
        spec = json.loads(source.read_text(encoding="utf-8"))
        source = build_docx(spec, tmp_path / f"{stem}.docx")
    got = vbpl.parse_file(source).metadata.to_dict()
    wrong = {k: (got[k], v) for k, v in expected["metadata"].items() if got[k] != v}
    assert not wrong, wrong


def test_docx_header_table_reads_column_by_column(tmp_path: Path) -> None:
    """parser/docx.py gives a layout table's cells one after the other, left column first."""
    spec = json.loads((FIXTURES / "wrap_docx_header_table.docx.json").read_text("utf-8"))
    text = vbpl.parser.docx.extract_docx(
        build_docx(spec, tmp_path / "t.docx").read_bytes(), "t.docx"
    ).text
    lines = text.splitlines()
    assert lines[:6] == spec["header"]["left"] + spec["header"]["right"]


# --- the rules behind the fixtures, from the examples in header_lines.json -------------------

HEADER = load_table("header_lines")


@pytest.mark.parametrize(("line", "want"), list(HEADER["news_lead"]["examples"].items()))
def test_news_lead_examples(line: str, want: list[str]) -> None:
    lead = news_lead(line)
    assert lead is not None
    (doc_type, number), said = lead
    assert [doc_type, number, said.get("issuer")] == want


@pytest.mark.parametrize(
    "line",
    [
        "Thực hiện Kết luận số 123-KL/TW ngày 24/01/2025 của Bộ Chính trị, Ban Thường vụ",
        "Các cấp ủy quán triệt Kết luận số 123-KL/TW ngày 24/01/2025 của Bộ Chính trị.",
        "Ban Thường vụ Tỉnh ủy ban hành kế hoạch thực hiện như sau:",
    ],
)
def test_news_lead_needs_the_cue_and_a_number(line: str) -> None:
    assert news_lead(line) is None


@pytest.mark.parametrize("line", HEADER["site_meta"]["examples"])
def test_site_meta_examples(line: str) -> None:
    doc = vbpl.parse(f"{line}\nTỈNH ỦY BẮC NINH\n*\nSố 15-KH/TU\nBắc Ninh, ngày 2 tháng 4 năm 2024")
    assert doc.metadata.number == "15-KH/TU"
    assert doc.metadata.issued is not None and doc.metadata.issued.isoformat() == "2024-04-02"


def test_cited_number_in_the_lead_is_not_the_documents() -> None:
    """A page whose first line cites a document without the cue of issuing states no number."""
    doc = vbpl.parse(
        "Bộ Chính trị đã có Kết luận số 123-KL/TW ngày 24/01/2025 về đề án.\n1. Nội dung."
    )
    assert doc.metadata.number is None
