"""Indexing on several processes: the workers compute every unit's field values, the index
is the same as the one-process path (``SearchIndex.add`` of the same documents)."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from vbpl.cli import main
from vbpl.corpus.load import document_tasks, iter_documents
from vbpl.corpus.parallel import Failed, ordered_map
from vbpl.corpus.store import demo_path, save_documents
from vbpl.search import open_index
from vbpl.search.index import encoded_units
from vbpl.search.tantivy_engine import unit_json as tantivy_fields
from vbpl.search.units import document_key, units
from vbpl.search.whoosh_engine import _fields as whoosh_fields

DEMO = demo_path()


def _inputs(tmp_path: Path) -> list[Path]:
    """The demo folder, a saved corpus of its documents and JSON rows with a bad line."""
    docs = list(iter_documents([DEMO]))
    saved = save_documents(docs[:3], tmp_path / "saved.jsonl")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        json.dumps({"text": "Điều 1. Phạm vi điều chỉnh\n1. Quy định về thuế.", "source": "a"})
        + "\nnot json\n\n"
        + json.dumps({"text": "Điều 2. Đối tượng\nCơ quan nhà nước.", "source": "b"})
        + "\n",
        encoding="utf-8",
    )
    return [DEMO, saved, rows]


@pytest.mark.parametrize("encode", [tantivy_fields, whoosh_fields])
def test_worker_fields_equal_one_process_fields(tmp_path: Path, encode: Any) -> None:
    paths = _inputs(tmp_path)
    work = partial(encoded_units, encode=encode)
    one = list(ordered_map(work, document_tasks(paths)[0], jobs=1))
    two = list(ordered_map(work, document_tasks(paths)[0], jobs=2, batch=3))
    lazy = ordered_map(partial(work, lazy=True), document_tasks(paths)[0], jobs=1)
    assert [str(r.error) if isinstance(r, Failed) else (r[0], list(r[1])) for r in lazy] == [
        str(r.error) if isinstance(r, Failed) else r for r in one
    ]
    assert [str(r.error) if isinstance(r, Failed) else r for r in one] == [
        str(r.error) if isinstance(r, Failed) else r for r in two
    ]
    errors: list[Exception] = []
    docs = list(iter_documents(paths, on_error=errors.append))
    expected = [(document_key(d), [encode(u) for u in units(d)]) for d in docs]
    assert [r for r in two if not isinstance(r, Failed)] == expected
    assert [str(r.error) for r in two if isinstance(r, Failed)] == [str(e) for e in errors]
    assert len(errors) == 1 and "rows.jsonl:2" in str(errors[0])


def _stored(ix: Any) -> list[tuple[str, str]]:
    res = ix.search("điều", limit=100, flat=True)
    return sorted((h.key, h.section or "") for h in res)


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
def test_add_paths_builds_the_index_add_builds(tmp_path: Path, engine: str) -> None:
    paths = _inputs(tmp_path)
    errors: list[Exception] = []
    with open_index(tmp_path / "one", engine=engine) as a:
        n1 = a.add(iter_documents(paths, on_error=lambda e: None))
        with open_index(tmp_path / "two", engine=engine) as b:
            n2 = b.add_paths(paths, jobs=2, on_error=errors.append)
            assert n1 == n2 and len(errors) == 1
            assert a.count(None) == b.count(None)
            assert _stored(a) == _stored(b)
            for q in ("thuế", "45-NQ/TW", "khoản 1 Điều 1"):
                assert [h.to_dict() for h in a.search(q)] == [h.to_dict() for h in b.search(q)]


def test_add_paths_raises_the_first_error_without_handler(tmp_path: Path) -> None:
    from vbpl.errors import InputError

    rows = _inputs(tmp_path)[2]
    with open_index(tmp_path / "ix", engine="tantivy") as ix:
        with pytest.raises(InputError, match=r"rows\.jsonl:2"):
            ix.add_paths([rows], jobs=2)
        assert ix.count() == 1  # the row before the bad one was committed


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_index_jobs(tmp_path: Path, jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ix"
    assert main(["index", str(DEMO), "--index", str(target), "--jobs", jobs, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["indexed"] == summary["documents"] == len(list(iter_documents([DEMO])))


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
def test_names_and_numbers_read_again_after_a_commit(tmp_path: Path, engine: str) -> None:
    from datetime import date

    from vbpl.model import Document, Metadata

    def law(number: str, title: str) -> Document:
        return Document(
            Metadata(number=number, doc_type="Luật", title=title, issued=date(2024, 1, 18))
        )

    with open_index(tmp_path / "ix", engine=engine) as ix:
        ix.add([law("31/2024/QH15", "Luật Đất đai")])
        first = ix.engine.generation()
        assert [h.key for h in ix.search("Luật Đất đai")] == ["31/2024/QH15@2024"]
        assert "31/2024/QH15" in (ix.search("31/2024/QH16").hint or "")
        ix.add([law("27/2024/QH15", "Luật Lưu trữ")])
        assert ix.engine.generation() != first
        assert [h.key for h in ix.search("Luật Lưu trữ")] == ["27/2024/QH15@2024"]
        assert "27/2024/QH15" in (ix.search("27/2024/QH16").hint or "")


@pytest.mark.parametrize(
    ("body", "stored"),
    [("thuế", "thuế"), ("thu\ud800ế", "thu\ufffdế"), ("\udfff", "\ufffd")],
)
def test_tantivy_unit_json_repairs_lone_surrogates(body: str, stored: str) -> None:
    import base64

    import orjson

    from vbpl.search.units import Unit
    from vbpl.text.repair import repair_fields

    unit = Unit(
        "k", "k", "document", body, "", "", "", "", "", "", "", "Luật", "", "", "", "", (), 2020
    )
    doc = json.loads(tantivy_fields(unit))
    assert doc["body"] == stored and doc["year"] == 2020
    payload = base64.b64decode(doc["payload"])
    assert payload == orjson.dumps(repair_fields(unit.payload), default=str)
