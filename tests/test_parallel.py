"""Parallel parsing: input order, errors in their place, skipped files, the CLI's --jobs."""

from __future__ import annotations

import json
import pickle
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from vbpl.cli import main
from vbpl.cli.output import JsonListWriter, dumps
from vbpl.corpus import Corpus, parallel
from vbpl.corpus.load import iter_documents
from vbpl.corpus.parallel import (
    RESULT_PIPE_BYTES,
    Failed,
    _pool,
    ordered_map,
    resolve_jobs,
    widen_pipe,
)
from vbpl.corpus.store import demo_path
from vbpl.errors import InputError, VbplError
from vbpl.model import Document, Metadata, Reference, Relation, Section, Span
from vbpl.text.normalize import LazyOffsets

DEMO = demo_path()


@pytest.fixture(params=["own", "executor"])
def pool_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of running workers: ours (Linux) and the standard library's (elsewhere)."""
    if request.param == "executor":
        monkeypatch.setattr(parallel, "supported", lambda: False)
    elif not parallel.supported():
        pytest.skip("workers of our own run on Linux only")
    return str(request.param)


def _check(value: int) -> int:
    if value < 0:
        raise InputError(f"negative {value}")
    return value * 10


def _crash(value: int) -> int:
    raise RuntimeError("a bug, not bad input")


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("batch", [1, 3])
def test_ordered_map_keeps_order_and_errors_in_place(jobs: int, batch: int, pool_kind: str) -> None:
    values = [5, -1, 3, 0, -7, 2, 9, 1, 4, 6, 8]
    out = list(ordered_map(_check, values, jobs=jobs, batch=batch))
    assert [o.error.args[0] if isinstance(o, Failed) else o for o in out] == [
        f"negative {v}" if v < 0 else v * 10 for v in values
    ]
    assert all(isinstance(o.error, VbplError) for o in out if isinstance(o, Failed))


@pytest.mark.parametrize("jobs", [1, 2])
def test_ordered_map_raises_bugs(jobs: int, pool_kind: str) -> None:
    with pytest.raises(RuntimeError):
        list(ordered_map(_crash, [1, 2, 3], jobs=jobs))


def test_ordered_map_stops_early_without_hanging(pool_kind: str) -> None:
    results = ordered_map(_check, range(1000), jobs=2)
    assert [next(results) for _ in range(3)] == [0, 10, 20]
    results.close()


def _blob(n: int) -> bytes:
    return bytes([n % 251]) * (n * 700_001 % 3_000_000)


def test_results_larger_and_smaller_than_the_pipe_come_back_whole_in_order(
    pool_kind: str,
) -> None:
    sizes = list(range(12))
    assert [len(b) for b in ordered_map(_blob, sizes, jobs=2)] == [len(_blob(n)) for n in sizes]
    assert max(len(_blob(n)) for n in sizes) > RESULT_PIPE_BYTES  # some do not fit at once


def test_the_pool_reads_results_through_a_wider_pipe() -> None:
    fcntl = pytest.importorskip("fcntl")
    import os

    r, w = os.pipe()
    try:
        if widen_pipe(r) is None:
            pytest.skip("this system does not resize pipes")
    finally:
        os.close(r)
        os.close(w)
    pool = _pool(2)
    try:
        fd = pool._result_queue._reader.fileno()
        assert fcntl.fcntl(fd, 1032) >= RESULT_PIPE_BYTES  # F_GETPIPE_SZ
    finally:
        pool.shutdown()


@pytest.mark.parametrize(("jobs", "expected"), [(1, 1), (3, 3)])
def test_resolve_jobs(jobs: int, expected: int) -> None:
    assert resolve_jobs(jobs) == expected
    assert resolve_jobs(None) >= 1
    with pytest.raises(ValueError):
        resolve_jobs(-1)


def test_two_jobs_give_the_same_documents_in_the_same_order() -> None:
    one = list(iter_documents([DEMO], jobs=1))
    two = list(iter_documents([DEMO], jobs=2))
    assert len(one) == len(two) > 20
    assert [d.source for d in one] == [d.source for d in two]
    assert one == two


def _folder_with_bad_files(tmp_path: Path) -> list[Path]:
    good = sorted(p for p in DEMO.iterdir() if p.suffix == ".txt")[:3]
    for p in good:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "b-broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "rows.jsonl").write_text('{"text": "Điều 1. A"}\nnot json\n', encoding="utf-8")
    return good


@pytest.mark.parametrize("jobs", [1, 2])
def test_corpus_skips_unreadable_files_and_says_which(tmp_path: Path, jobs: int) -> None:
    good = _folder_with_bad_files(tmp_path)
    corpus = Corpus.from_paths([tmp_path, tmp_path / "missing.txt"], jobs=jobs, resolve=False)
    assert len(corpus) == len(good) + 1  # three files and one good JSON row
    reasons = [str(e) for e in corpus.skipped]
    assert len(reasons) == 3
    assert any("b-broken.docx" in r for r in reasons)
    assert any("rows.jsonl:2" in r for r in reasons)
    assert any("missing.txt" in r for r in reasons)


def test_corpus_on_error_raise_stops(tmp_path: Path) -> None:
    _folder_with_bad_files(tmp_path)
    with pytest.raises(VbplError, match=r"b-broken\.docx"):
        Corpus.from_paths([tmp_path], on_error="raise", resolve=False)
    with pytest.raises(ValueError):
        Corpus.from_paths([tmp_path], on_error="ignore")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_parse_prints_every_good_file_and_one_line_per_bad(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    good = sorted(p for p in DEMO.iterdir() if p.suffix == ".txt")[:3]
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\xff\xfe\x00" * 50)
    files = [str(good[0]), str(tmp_path / "missing.txt"), str(good[1]), str(bad), str(good[2])]
    code = main(["parse", "--json", "--jobs", jobs, *files])
    out, err = capsys.readouterr()
    assert code == 1
    docs = json.loads(out)
    assert [d["source"] for d in docs] == [str(p) for p in good]
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "missing.txt" in lines[0] and "bad.bin" in lines[1]


def test_cli_parse_json_matches_to_dict(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(p for p in DEMO.iterdir() if p.suffix == ".txt")[:2]
    assert main(["parse", "--json", "-j", "2", *map(str, files)]) == 0
    out = capsys.readouterr().out
    expected = [d.to_dict() for d in iter_documents(files)]
    assert json.loads(out) == json.loads(json.dumps(expected, default=str))
    assert main(["parse", "--json", str(files[0])]) == 0
    assert json.loads(capsys.readouterr().out)["source"] == str(files[0])


def test_cli_parse_json_bytes_alike_for_one_and_two_jobs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the workers indent each document as a list item; the text is what json.dumps writes
    files = sorted(p for p in DEMO.iterdir() if p.suffix == ".txt")[:3]
    outs = []
    for jobs in ("1", "2"):
        assert main(["parse", "--json", "--no-text", "-j", jobs, *map(str, files)]) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1]
    assert outs[0] == json.dumps(json.loads(outs[0]), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("command", ["graph", "tasks"])
def test_cli_corpus_commands_go_on_after_a_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    good = sorted(p for p in DEMO.iterdir() if p.suffix == ".txt")[:2]
    code = main([command, str(good[0]), str(tmp_path / "missing.txt"), str(good[1]), "-j", "2"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.strip().count("\n") == 0 and "missing.txt" in err
    assert out.strip()


@pytest.mark.parametrize("items", [[], [{"a": 1}], [{"a": [1, {"b": None}]}, {"c": "số"}]])
def test_json_list_writer_matches_json_dumps(items: list) -> None:
    import io

    buf = io.StringIO()
    with JsonListWriter(buf, single=False) as w:
        for item in items:
            w.write(dumps(item) if len(item) % 2 else item)
    assert buf.getvalue() == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("items", [[{"a": 1}], [{"a": [1, {"b": None}]}, {"c": "số\ndòng"}, {}]])
def test_json_list_writer_items_nested_by_the_worker(items: list) -> None:
    import io

    from vbpl.cli.output import nest_item

    buf = io.StringIO()
    with JsonListWriter(buf, single=False) as w:
        for item in items:
            w.write(nest_item(dumps(item)), nested=True)
    assert buf.getvalue() == json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _full_document() -> Document:
    section = Section(
        "art_1",
        "article",
        "1",
        "Phạm vi",
        "Điều 1. Phạm vi",
        Span(0, 15),
        (Section("art_1__cl_1", "clause", "1", None, "1. A", Span(16, 20), (), ("ghi chú",)),),
        ("note",),
    )
    ref = Reference(
        "Nghị quyết số 45-NQ/TW",
        Span(3, 9),
        "full",
        "45-NQ/TW",
        "Nghị quyết",
        date(2023, 11, 24),
        "Ban Chấp hành Trung ương",
        "XIII",
        "Về trí thức",
        "khoản 2 Điều 5",
        "art_1",
        "implements",
        "45-NQ/TW@2023",
        0.9,
        "backwards",
    )
    rel = Relation("a", "amends", "b", Span(1, 2), "art_1", "Điều 2", "note")
    meta = Metadata(
        "1/2024/QH15",
        "Luật",
        "Quốc hội",
        date(2024, 1, 1),
        date(2024, 7, 1),
        "A",
        ("Giáo dục",),
        "Luật thử",
        "Hà Nội",
        "Còn hiệu lực",
        "XV",
    )
    return Document(
        meta,
        (section,),
        (ref,),
        (rel,),
        "Điều 1. Phạm vi\n1. A",
        "raw",
        "x.txt",
        "tcvn3",
        Span(0, 1),
        Span(1, 2),
        Span(2, 3),
        ("n",),
        Span(3, 4),
        LazyOffsets("Điều  1. Phạm vi\n1. A"),
    )


@pytest.mark.parametrize("cls", [Span, Metadata, Section, Reference, Relation, Document])
def test_pickled_state_covers_every_field(cls: type) -> None:
    doc = _full_document()
    sample = {
        Span: doc.header,
        Metadata: doc.metadata,
        Section: doc.sections[0],
        Reference: doc.references[0],
        Relation: doc.relations[0],
        Document: doc,
    }[cls]
    assert all(getattr(sample, f.name) not in (None, (), "") for f in fields(cls))
    assert len(sample.__reduce__()[1]) == len(fields(cls))
    copy = pickle.loads(pickle.dumps(sample))
    assert copy == sample
    if isinstance(sample, Document):  # offsets do not take part in ==
        assert copy.source_span(Span(5, 6)) == sample.source_span(Span(5, 6)) == Span(6, 7)


def test_document_json_round_trip() -> None:
    doc = _full_document()
    assert Document.from_json(doc.to_json()).to_dict() == doc.to_dict()
    assert json.loads(doc.to_json(indent=True)) == json.loads(json.dumps(doc.to_dict()))


def test_cli_index_with_two_jobs_indexes_every_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            *("index", str(DEMO), "--index", str(tmp_path / "ix"), "--engine", "tantivy"),
            *("--jobs", "2", "--json", "--no-progress"),
        ]
    )
    summary = json.loads(capsys.readouterr().out)
    assert code == 0
    assert summary["indexed"] == summary["documents"] == len(list(iter_documents([DEMO])))


@pytest.mark.parametrize("caller_gc", [True, False])
def test_collector_state_is_restored(tmp_path: Path, caller_gc: bool) -> None:
    import gc

    from vbpl.corpus.store import iter_saved, save_documents
    from vbpl.errors import ParseError
    from vbpl.pipeline import parse

    path = save_documents([_full_document()], tmp_path / "c.jsonl.gz")
    was = gc.isenabled()
    try:
        (gc.enable if caller_gc else gc.disable)()
        assert [d.to_dict() for d in iter_saved(path)] == [_full_document().to_dict()]
        assert gc.isenabled() is caller_gc
        parse("Điều 1. Phạm vi")
        assert gc.isenabled() is caller_gc
        with pytest.raises(ParseError):
            parse("   ")
        assert gc.isenabled() is caller_gc
        assert len(Corpus.load(path)) == 1
        assert gc.isenabled() is caller_gc
        empty = tmp_path / "empty.txt"
        empty.write_text("  ", encoding="utf-8")
        assert len(Corpus.from_paths([path, DEMO], jobs=2, progress=False)) > 1
        assert gc.isenabled() is caller_gc
        with pytest.raises(ParseError):
            Corpus.from_paths([empty], on_error="raise")
        assert gc.isenabled() is caller_gc
    finally:
        (gc.enable if was else gc.disable)()
