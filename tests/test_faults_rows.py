"""Fault cases of JSON rows: each bad row is one error naming its line, the run goes on,
unencodable text is repaired before an index or a saved corpus, saving leaves no temp file."""

from __future__ import annotations

import io
import json
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vbpl.cli import main
from vbpl.corpus import Corpus
from vbpl.corpus.load import iter_documents
from vbpl.corpus.rows import check_row
from vbpl.corpus.store import iter_saved, save_documents
from vbpl.errors import InputError
from vbpl.model import Document, Metadata
from vbpl.search import open_index


def good(n: int) -> str:
    text = f"QUỐC HỘI\nLuật số: {n}/2015/QH13\nĐiều 1. Phạm vi\nLuật này quy định về đất đai."
    return json.dumps({"text": text, "source": f"r{n}"}, ensure_ascii=False)


BAD_ROWS = [
    ('{"text": "Điều 1. x", "metadata": "x"}', "'metadata' must be a JSON object, not string"),
    ('{"text": "Điều 1. x", "metadata": {"number": ["a"]}}', "'metadata.number' must be a string"),
    (
        '{"text": "Điều 1. x", "metadata": {"fields": "giáo dục"}}',
        "'metadata.fields' must be a list",
    ),
    ('{"text": "Điều 1. x", "metadata": {"issued": 2020}}', "'metadata.issued' must be a string"),
    ('{"text": "Điều 1. x", "metadata": {"issued": "24/11/2023"}}', "bad row"),
    ("[" * 200_000, "JSON nested too deeply"),
    ('{"text": 5}', "'text' must be a string"),
    ('{"sections": "x"}', "'sections' must be a list"),
    ('{"sections": [{"id": 1, "kind": "article", "label": "1"}]}', "'sections[0].id' must be"),
    ('{"sections": [{"kind": "article", "label": "1"}]}', "'sections[0].id' is missing"),
    ('{"sections": [], "references": [{"text": "x", "start": "a"}]}', "'references[0].start'"),
    ('{"sections": [], "header": [1]}', "'header' must be a [start, end] pair"),
    ('{"sections": [], "relations": [5]}', "'relations[0]' must be a JSON object"),
    ('"just a string"', "a row must be a JSON object, not string"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_bad_row_is_one_error_and_the_run_goes_on(tmp_path, row, reason):
    p = tmp_path / "rows.jsonl"
    p.write_text("\n".join([good(1), row, good(3)]) + "\n", encoding="utf-8")
    errors: list[InputError] = []
    docs = list(iter_documents([p], on_error=errors.append))
    assert [d.metadata.number for d in docs] == ["1/2015/QH13", "3/2015/QH13"]
    assert len(errors) == 1
    msg = str(errors[0])
    assert msg.startswith(f"{p}:2: ") and reason in msg and "\n" not in msg


def test_not_utf8_line_spoils_only_itself(tmp_path):
    p = tmp_path / "rows.jsonl"
    p.write_bytes(good(1).encode() + b"\n" + b'{"text": "\xff\xfe"}\n' + good(3).encode() + b"\n")
    errors: list[InputError] = []
    docs = list(iter_documents([p], on_error=errors.append))
    assert len(docs) == 2 and "rows.jsonl:2: not UTF-8" in str(errors[0])


def test_lone_surrogate_is_repaired(tmp_path):
    p = tmp_path / "rows.jsonl"
    p.write_text('{"text": "Luật số: 2/2015/QH13\\nĐiều 1. đất \\ud800 đai"}\n', encoding="utf-8")
    (doc,) = iter_documents([p])
    assert "\ud800" not in doc.text and "\ufffd" in doc.text


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_cli_index_reports_each_bad_row(tmp_path, engine, capsys):
    p = tmp_path / "rows.jsonl"
    rows = [
        good(1),
        *(r for r, _ in BAD_ROWS[:6]),
        '{"text": "Luật số: 2/2015/QH13\\nĐiều 1. \\udfff"}',
        good(3),
    ]
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ix_path = tmp_path / "ix"
    assert (
        main(["index", "--index", str(ix_path), "--engine", engine, "--no-progress", str(p)]) == 1
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert [line.split(": ")[1].rsplit(":", 1)[1] for line in err[:-1]] == [
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
    ]
    assert err[-1] == "vbpl: 6 inputs could not be read"
    with open_index(ix_path, engine=engine) as ix:
        assert ix.count() == 3
        assert len(ix.search("đất đai", documents=False)) == 2  # searching the repaired row works


def test_stdin_rows(monkeypatch, capsys, tmp_path):
    data = "\n".join([good(1), '{"metadata": "x", "text": "y"}', good(3)]).encode() + b"\n\xff\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    errors: list[InputError] = []
    docs = list(iter_documents(["-"], on_error=errors.append))
    assert len(docs) == 2
    assert [str(e).split(": ")[0] for e in errors] == ["<stdin>:2", "<stdin>:4"]


def test_saving_repairs_text(tmp_path):
    p = tmp_path / "c.jsonl.gz"
    save_documents([Document(Metadata(number="5-CT/TW", title="a\ud800b"))], p)
    assert [d.metadata.title for d in iter_saved(p)] == ["a\ufffdb"]
    assert sorted(x.name for x in tmp_path.iterdir()) == ["c.jsonl.gz"]


@pytest.mark.parametrize("exc", [ValueError("boom"), KeyboardInterrupt()])
def test_saving_never_leaves_a_temporary_file(tmp_path, exc):
    class Bad:  # fails however it is written
        def to_json(self, *args, **kwargs):
            raise exc

        def to_dict(self, *args, **kwargs):
            raise exc

    p = tmp_path / "c.jsonl.gz"
    with pytest.raises(type(exc)):
        save_documents([Document(Metadata(number="1-CT/TW")), Bad()], p)  # type: ignore[list-item]
    assert list(tmp_path.iterdir()) == []


def test_corpus_save_with_bad_text(tmp_path):
    corpus = Corpus()
    corpus.add(Document(Metadata(number="5-CT/TW", title="x\udc80"), text="x\udc80"))
    path = corpus.save(tmp_path / "c.jsonl")
    assert sorted(x.name for x in tmp_path.iterdir()) == ["c.jsonl"]
    assert "\ufffd" in path.read_text(encoding="utf-8")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = st.sampled_from(
    ["text", "html", "source", "metadata", "sections", "references", "relations", "header", "notes"]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(KEYS, JSON, max_size=5) | JSON)
def test_check_row_raises_only_input_errors(row):
    try:
        out = check_row(row)
    except InputError as e:
        assert "\n" not in str(e)
        return
    json.dumps(out, ensure_ascii=False).encode("utf-8")  # whatever passes is encodable


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(KEYS, JSON, max_size=5))
def test_any_row_is_a_document_or_one_input_error(row):
    from vbpl.corpus.load import document_from_row
    from vbpl.errors import VbplError

    try:
        doc = document_from_row(row, name="x.jsonl", line=1)
    except VbplError as e:
        assert str(e).startswith("x.jsonl:1") and "\n" not in str(e)
        return
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")
