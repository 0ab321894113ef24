"""``keep_raw=False`` (what ``vbpl parse`` asks for): the same Document but for ``raw`` and
``offsets``, whatever the text as read looked like."""

from __future__ import annotations

import pytest

from vbpl.cli import main
from vbpl.corpus.load import run_task
from vbpl.parser.document import parse_text, parse_text_owned
from vbpl.pipeline import parse_file

_LAW = "QUỐC HỘI\nLuật số: 80/2015/QH13\nLUẬT\nBAN HÀNH\nĐiều 1. Phạm vi\n1. Theo Nghị định số 34/2016/NĐ-CP."

CASES = {
    # already normalised: raw is None either way
    "clean.txt": _LAW.encode(),
    # line ends, double spaces, a decomposed tone mark, a zero-width space: raw differs
    "messy.txt": _LAW.replace("\n", "\r\n").replace("Phạm vi", "Pha\u0323m  vi\u200b").encode(),
    # a byte-order mark: read as utf-8-sig
    "bom.txt": b"\xef\xbb\xbf" + _LAW.encode(),
    # an HTML page: the extracted text differs from the page (offsets compose)
    "page.html": (
        "<html><body><p>QUỐC HỘI</p><p>Luật số: 80/2015/QH13</p>"
        "<p>Điều 1.  Phạm vi</p><p>1. Theo Nghị định số 34/2016/NĐ-CP.</p></body></html>"
    ).encode(),
    # converter markdown: the clean-up stage changes the text
    "conv.md": b"# LU\xe1\xba\xacT\n\n**\xc4\x90i\xe1\xbb\x81u 1.** Ph\xe1\xba\xa1m vi\n\n1. Theo Lu\xe1\xba\xadt s\xe1\xbb\x91 80/2015/QH13.\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_lean_document_is_the_full_one_without_raw(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(CASES[name])
    full = parse_file(p)
    lean = parse_file(p, keep_raw=False)
    assert lean.raw is None and lean.offsets is None
    assert lean.to_json(indent=True) == full.to_json(indent=True)
    assert lean == full.with_(raw=None)
    assert run_task(("file", str(p)), keep_raw=False) == lean


def test_messy_text_keeps_raw_by_default(tmp_path):
    p = tmp_path / "messy.txt"
    p.write_bytes(CASES["messy.txt"])
    doc = parse_file(p)
    assert doc.raw is not None and "\r\n" in doc.raw
    span = doc.sections[0].span
    assert doc.source_span(span).end > span.end  # mapped back through the line ends


def test_owned_text_is_taken_from_the_box():
    box = ["Điều 1.  Phạm vi"]
    doc = parse_text_owned(box, keep_raw=False)
    assert box == [] and doc.raw is None
    assert doc == parse_text("Điều 1.  Phạm vi").with_(raw=None)
    box = ["Điều 1.  Phạm vi"]
    assert parse_text_owned(box).raw == "Điều 1.  Phạm vi"


def test_owned_text_refuses_what_parse_text_refuses():
    from vbpl.errors import InputError

    with pytest.raises(InputError):
        parse_text_owned([b"x"])  # type: ignore[list-item]


@pytest.mark.parametrize("name", sorted(CASES))
def test_parse_command_output_is_unchanged(tmp_path, capsysbinary, name):
    p = tmp_path / name
    p.write_bytes(CASES[name])
    assert main(["parse", str(p), "--json"]) == 0
    assert capsysbinary.readouterr().out == parse_file(p).to_json(indent=True) + b"\n"


@pytest.mark.parametrize("files", [1, 2])
def test_outline_written_in_pieces_is_document_outline(tmp_path, capsys, files):
    from vbpl.display import document_outline

    paths = []
    for k, name in enumerate(sorted(CASES)[:files]):
        p = tmp_path / f"{k}{name}"
        p.write_bytes(CASES[name] * (1 + 200 * k))  # the second: hundreds of outline lines
        paths.append(p)
    assert main(["parse", *map(str, paths), "-j", "1"]) == 0
    expected = "\n".join(document_outline(parse_file(p)) for p in paths)
    assert capsys.readouterr().out == expected


@pytest.mark.parametrize("name", sorted(CASES))
def test_lean_bytes_are_the_full_ones_without_raw(name):
    from vbpl.pipeline import parse_bytes

    full = parse_bytes(CASES[name], source=name)
    lean = parse_bytes(CASES[name], source=name, keep_raw=False)
    assert lean.raw is None and lean.offsets is None and lean == full.with_(raw=None)
    assert run_task(("bytes", CASES[name], name), keep_raw=False) == lean
