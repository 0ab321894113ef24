"""Index life: update and delete by key, empty index, crash safety, locks, readers, errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from corpus_factory import decree
from vbpl.errors import SearchIndexError, VbplError
from vbpl.model import Document
from vbpl.search import open_index
from vbpl.search.index import detect_engine

ENGINES = ("whoosh", "tantivy")


def make_doc(i: int, word: str = "thủy lợi") -> Document:
    return decree(i, f"Nghị định {i} về {word}", [("Phạm vi", f"Quy định về {word} số {i}.")])


@pytest.mark.parametrize("engine", ENGINES)
def test_empty_index(tmp_path, engine):
    with open_index(tmp_path / "ix", engine=engine) as ix:
        assert ix.count() == 0
        res = ix.search("nghị quyết", limit=5)
        assert res == [] and res.total == 0
        assert ix.search("45-NQ/TW") == []
        assert ix.search("loai:luat") == []
    assert detect_engine(tmp_path / "ix") == engine


@pytest.mark.parametrize("engine", ENGINES)
def test_update_replaces_by_key_and_delete(tmp_path, engine):
    with open_index(tmp_path / "ix", engine=engine) as ix:
        assert ix.add([make_doc(1), make_doc(2)]) == 2
        assert ix.count() == 2 and ix.count(None) == 4
        ix.add([make_doc(1, "đê điều")])  # same key: replaced, not duplicated
        assert ix.count() == 2 and ix.count(None) == 4
        assert {h.key for h in ix.search("đê điều", limit=10)} == {"1/2024/NĐ-CP@2024"}
        # the same key twice in one call: the last one wins
        ix.add([make_doc(3, "a"), make_doc(3, "rừng phòng hộ")])
        assert ix.count() == 3
        assert [h.key for h in ix.search('"rừng phòng hộ"', documents=False)] == [
            "3/2024/NĐ-CP@2024"
        ]
        ix.delete("1/2024/NĐ-CP@2024")
        assert ix.count() == 2 and ix.count(None) == 4
        assert ix.search('"đê điều"') == []
        ix.delete("no-such-key")  # not an error
    with open_index(tmp_path / "ix", engine=engine) as ix:  # survives reopening
        assert ix.count() == 2


@pytest.mark.parametrize("engine", ENGINES)
def test_error_in_stream_keeps_what_came_before(tmp_path, engine):
    def docs():
        yield make_doc(1)
        yield make_doc(2)
        raise VbplError("bad.txt: cannot read")

    with open_index(tmp_path / "ix", engine=engine) as ix:
        with pytest.raises(VbplError):
            ix.add(docs(), batch_docs=100)
        assert ix.count() == 2


@pytest.mark.parametrize("engine", ENGINES)
def test_reader_sees_only_commits_while_writer_writes(tmp_path, engine):
    path = tmp_path / "ix"
    with open_index(path, engine=engine) as writer, open_index(path, engine=engine) as reader:
        writer.add([make_doc(1)])
        assert reader.count() == 1
        writer.engine.replace("2/2024/NĐ-CP@2024", [])  # an open, uncommitted batch
        from vbpl.search.units import units

        writer.engine.replace("9/2024/NĐ-CP@2024", list(units(make_doc(9, "đê điều"))))
        assert reader.count() == 1
        assert reader.search('"đê điều"') == []
        writer.engine.commit()
        assert reader.count() == 2
        assert reader.search('"đê điều"')[0].key == "9/2024/NĐ-CP@2024"


@pytest.mark.parametrize("engine", ENGINES)
def test_second_writer_waits_then_fails_cleanly(tmp_path, engine):
    path = tmp_path / "ix"
    with open_index(path, engine=engine) as first:
        first.add([make_doc(1)])
        first.engine.replace("2/2024/NĐ-CP@2024", [])  # holds the writer lock
        with open_index(path, engine=engine, timeout=0.5) as second:
            t = time.monotonic()
            with pytest.raises(SearchIndexError, match="another process is writing"):
                second.add([make_doc(3)])
            assert time.monotonic() - t < 10
            assert second.count() == 1  # reading still works


CHILD = textwrap.dedent(
    """
    import sys, os
    from datetime import date
    from vbpl.model import Document, Metadata
    from vbpl.search import open_index

    path, engine, marks = sys.argv[1], sys.argv[2], sys.argv[3]

    def docs():
        i = 0
        while True:
            i += 1
            yield Document(Metadata(number=f"{i}/2024/QĐ-TTg", issued=date(2024, 1, 1),
                                    title=f"Quyết định số {i} về đê điều"),
                           text="Quy định về đê điều và thủy lợi. " * 20)

    def mark(n):
        with open(marks, "a") as f:
            f.write(f"{n}\\n")
            f.flush()
            os.fsync(f.fileno())

    ix = open_index(path, engine=engine)
    ix.add(docs(), batch_docs=7, on_commit=mark)
    """
)


@pytest.mark.parametrize("engine", ENGINES)
def test_sigkill_mid_indexing_keeps_committed_documents(tmp_path, engine):
    path, marks = tmp_path / "ix", tmp_path / "marks.txt"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), engine, str(marks)], stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if marks.exists() and len(marks.read_text().split()) >= 3:
                break
            if child.poll() is not None:
                pytest.fail(f"child ended early: {child.stderr.read().decode()[-500:]}")
            time.sleep(0.02)
        else:
            pytest.fail("child made no commits in 60 s")
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    committed = max(int(x) for x in marks.read_text().split())
    # the killed writer's lock must not block: a new writer gets in, within its timeout
    with open_index(path, engine=engine, timeout=10) as ix:
        n = ix.count()
        assert n >= committed
        for i in (1, committed):
            assert ix.search(f"{i}/2024/QĐ-TTg", limit=1)[0].key == f"{i}/2024/QĐ-TTg@2024"
        ix.add([make_doc(1)])
        assert ix.count() == n + 1


def test_bad_engine_and_mismatched_folders(tmp_path):
    with pytest.raises(SearchIndexError, match="unknown search engine"):
        open_index(tmp_path / "a", engine="lucene")
    with open_index(tmp_path / "t", engine="tantivy") as ix:
        ix.add([make_doc(1)])
    with pytest.raises(SearchIndexError, match="holds a tantivy index"):
        open_index(tmp_path / "t", engine="whoosh")
    with open_index(tmp_path / "t", engine="auto") as ix:
        assert ix.engine_name == "tantivy" and ix.count() == 1
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "notes.txt").write_text("x")
    with pytest.raises(SearchIndexError, match="no vbpl index"):
        open_index(tmp_path / "junk")
    (tmp_path / "file").write_text("x")
    with pytest.raises(SearchIndexError):
        open_index(tmp_path / "file")


def test_default_location_from_environment(tmp_path, monkeypatch):
    from vbpl.search import default_index_path

    monkeypatch.setenv("VBPL_INDEX", str(tmp_path / "env-ix"))
    assert default_index_path() == tmp_path / "env-ix"
    with open_index() as ix:
        assert ix.path == tmp_path / "env-ix"
    monkeypatch.delenv("VBPL_INDEX")
    assert default_index_path("tantivy").name == "index-tantivy"
    assert "vbpl" in str(default_index_path())


def test_top_level_names():
    import vbpl

    assert vbpl.open_index is open_index
    assert vbpl.SearchIndex.__name__ == "SearchIndex"
