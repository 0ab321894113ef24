"""The JSON of a Document written in pieces (``Document.iter_json``, ``vbpl parse --json``)
is byte for byte what ``Document.to_json`` gives, and the outline's first words of a long
section are what collapsing its whole text gives."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vbpl.model as model
from vbpl.cli import main
from vbpl.cli.output import JsonListWriter
from vbpl.display import _collapsed_head, _line_of, section_line
from vbpl.model import Document, Metadata, Reference, Relation, Section, Span
from vbpl.pipeline import parse

# strings that need escaping in JSON, Vietnamese, astral characters, and plain ASCII
_chars = st.sampled_from([*'ab "\\\n\t\r\x00\x1f/\u2028Điềuạ🙂  ', "Nghị định"])
_text = st.lists(_chars, max_size=40).map("".join)
_maybe = st.none() | _text
_span = st.builds(lambda a, n: Span(a, a + n), st.integers(0, 10**6), st.integers(0, 10**4))


def _sections(depth: int) -> st.SearchStrategy[tuple[Section, ...]]:
    children = _sections(depth - 1) if depth else st.just(())
    one = st.builds(
        Section,
        id=_text,
        kind=st.sampled_from(model.SECTION_KINDS),
        label=_text,
        heading=_maybe,
        text=_text,
        span=_span,
        children=children,
        notes=st.lists(_text, max_size=2).map(tuple),
    )
    return st.lists(one, max_size=3).map(tuple)


_references = st.lists(
    st.builds(
        Reference,
        text=_text,
        span=_span,
        kind=st.sampled_from(model.REFERENCE_KINDS),
        number=_maybe,
        date=st.none() | st.dates(date(1945, 1, 1), date(2100, 1, 1)),
        pinpoint=_maybe,
        section=_maybe,
        relation=st.sampled_from(model.RELATION_KINDS),
        confidence=st.floats(0, 1),
    ),
    max_size=4,
).map(tuple)
_relations = st.lists(
    st.builds(
        Relation,
        subject=_text,
        relation=st.sampled_from(model.RELATION_KINDS),
        object=_text,
        span=st.none() | _span,
    ),
    max_size=3,
).map(tuple)
_documents = st.builds(
    Document,
    metadata=st.builds(Metadata, number=_maybe, title=_maybe, fields=st.lists(_text).map(tuple)),
    sections=_sections(3),
    references=_references,
    relations=_relations,
    text=_text,
    source=_maybe,
    encoding=st.none() | st.just("utf-8"),
    header=st.none() | _span,
    tail=st.none() | _span,
    notes=st.lists(_text, max_size=2).map(tuple),
)


def _joined(doc: Document, **kw: bool) -> bytes:
    return b"".join(doc.iter_json(**kw))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_documents, indent=st.booleans(), include_text=st.booleans())
def test_pieces_join_to_to_json(doc, indent, include_text):
    with pytest.MonkeyPatch.context() as mp:  # long strings cut, many pieces made
        mp.setattr(model, "_JSON_SLICE", 7)
        mp.setattr(model, "_JSON_PIECE", 50)
        joined = _joined(doc, indent=indent, include_text=include_text)
    assert joined == doc.to_json(indent=indent, include_text=include_text)


def _law(articles: int) -> str:
    lines = ["QUỐC HỘI", "Luật số: 80/2015/QH13", "LUẬT", "BAN HÀNH VĂN BẢN", "Chương I"]
    for n in range(1, articles + 1):
        lines.append(f"Điều {n}. Nội dung  {n}")
        lines.append(f'1. Theo khoản 2 Điều {n + 1} Luật này và Nghị định số 34/2016/NĐ-CP "x".')
        lines.append("a) Điểm\ta; b) \\ điểm b.")
    return "\n".join(lines)


@pytest.mark.parametrize("articles", [0, 1, 40, 600])
@pytest.mark.parametrize("indent", [True, False])
def test_parsed_documents_stream_the_same_bytes(articles, indent):
    doc = parse(_law(articles) if articles else "Điều 1. Phạm vi")
    pieces = list(doc.iter_json(indent=indent))
    assert b"".join(pieces) == doc.to_json(indent=indent)
    assert all(len(p) < 2 * model._JSON_PIECE for p in pieces)


def test_iter_json_leaves_no_utf8_copy_in_the_documents_strings():
    import sys

    doc = parse(_law(50))
    before = [sys.getsizeof(s.text) for s in doc.walk()] + [sys.getsizeof(doc.text)]
    for _ in doc.iter_json(indent=True):
        pass
    after = [sys.getsizeof(s.text) for s in doc.walk()] + [sys.getsizeof(doc.text)]
    assert after == before


def test_writer_nests_streamed_items_in_a_list():
    docs = [parse(_law(3)), parse("Điều 1. Phạm vi")]
    buf = io.StringIO()
    with JsonListWriter(buf) as w:
        for d in docs:
            w.write_chunks(d.iter_json(indent=True))
    expected = io.StringIO()
    with JsonListWriter(expected) as w:
        for d in docs:
            w.write(d.to_json(indent=True))
    assert buf.getvalue() == expected.getvalue()
    assert json.loads(buf.getvalue())[1]["sections"][0]["id"] == "art_1"


@pytest.mark.parametrize("files", [1, 2])
@pytest.mark.parametrize("extra", [[], ["--no-text"]])
@pytest.mark.parametrize("pieces", [True, False])  # every text long enough to stream, or none
def test_cli_json_on_one_process_is_to_json(
    tmp_path, capsysbinary, monkeypatch, files, extra, pieces
):
    from vbpl.cli import parse_cmd

    monkeypatch.setattr(parse_cmd, "STREAM_MIN_CHARS", 0 if pieces else 10**12)
    paths = []
    for k in range(files):
        p = tmp_path / f"law{k}.txt"
        p.write_text(_law(5 + k), encoding="utf-8")
        paths.append(str(p))
    assert main(["parse", *paths, "--json", "-j", "1", *extra]) == 0
    out = capsysbinary.readouterr().out
    from vbpl.pipeline import parse_file

    items = [parse_file(p).to_json(indent=True, include_text=not extra) for p in paths]
    if files == 1:
        assert out == items[0] + b"\n"
    else:
        assert out == b"[\n  " + b",\n  ".join(i.replace(b"\n", b"\n  ") for i in items) + b"\n]\n"


def _old_line(section: Section, width: int = 90) -> str:
    """section_line as it was: the line made from the whole text collapsed."""
    return _line_of(section, " ".join(section.text.split()), width)


_words = st.lists(st.sampled_from(["Điều", "5.", "a)", "-", "Tiểu", "mục", "x" * 30, " ", "\n"]))


@settings(max_examples=300, deadline=None)
@given(
    words=_words,
    spaces=st.sampled_from([" ", "  ", "\n", " \t "]),
    kind=st.sampled_from(model.SECTION_KINDS),
    label=st.sampled_from(["5", "a", "-", "II", "1.1"]),
    heading=st.none() | st.just("Phạm vi"),
    repeat=st.sampled_from([1, 40, 400]),
    width=st.sampled_from([10, 90]),
)
def test_outline_line_of_a_long_section_is_unchanged(
    words, spaces, kind, label, heading, repeat, width
):
    text = spaces.join(words * repeat)
    s = Section("x", kind, label, heading, text, Span(0, len(text)))
    assert section_line(s, width) == _old_line(s, width)


def test_collapsed_head_is_a_prefix_of_the_whole_collapse():
    text = "một  hai\n ba " * 50_000
    whole = " ".join(text.split())
    head = _collapsed_head(text, 100)
    assert len(head) > 100 and whole.startswith(head) and len(head) < len(whole) // 100
