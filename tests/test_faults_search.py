"""Fault cases of the search index (fast ones; the long loops are scripts/fault_loops.py):
hostile limits and queries, read-only indexes, lock waits, disk full, damaged files,
concurrent creation, orphan files, ``vbpl index --check``."""

from __future__ import annotations

import errno
import gc
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus_factory import decree
from vbpl.cli import main
from vbpl.errors import SearchIndexError
from vbpl.model import Document
from vbpl.search import open_index
from vbpl.search.check import check_index
from vbpl.search.folder import create_atomically, os_failure
from vbpl.search.limits import MAX_HITS, MAX_QUERY_CHARS, check_query, clamp_limit
from vbpl.search.query import parse_query

ENGINES = ("whoosh", "tantivy")


def make_doc(i: int, word: str = "thủy lợi", title: str | None = None) -> Document:
    body = [("Phạm vi", f"Quy định về {word} số {i}.")]
    return decree(i, title or f"Nghị định {i} về {word}", body)


@pytest.fixture(params=ENGINES)
def built(request, tmp_path) -> tuple[str, Path]:
    path = tmp_path / "ix"
    with open_index(path, engine=request.param) as ix:
        ix.add(make_doc(i) for i in range(1, 6))
    return request.param, path


# -- limits and queries ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (2147483647, MAX_HITS),
        (2**63, MAX_HITS),
        (10, 10),
        (0, 0),
        (-5, 0),
        (MAX_HITS + 1, MAX_HITS),
    ],
)
def test_limit_is_clamped(limit, expected):
    assert clamp_limit(limit) == expected


@pytest.mark.parametrize("limit", ["5", 2.5, None, True, [1]])
def test_limit_must_be_an_integer(limit):
    with pytest.raises(SearchIndexError, match="limit must be an integer"):
        clamp_limit(limit)


@pytest.mark.parametrize("limit", [2147483647, 2**62])
def test_huge_limit_answers(built, limit):
    engine, path = built
    with open_index(path, engine=engine) as ix:
        flat = ix.search("thủy lợi", limit=limit, flat=True)
        grouped = ix.search("thủy lợi", limit=limit)
    assert len(flat) == 10  # 5 documents and 5 sections, no abort
    assert len(grouped) == 5  # one hit per document


def test_huge_limit_cli(built, capsys):
    _engine, path = built
    assert main(["search", "--index", str(path), "thủy lợi", "--limit", "2147483647"]) == 0
    assert "1/2024/NĐ-CP" in capsys.readouterr().out


def test_bad_limit_through_api(built):
    engine, path = built
    with open_index(path, engine=engine) as ix, pytest.raises(SearchIndexError):
        ix.search("thủy lợi", limit="10")  # type: ignore[arg-type]


def test_query_too_long_is_one_error(built):
    engine, path = built
    with open_index(path, engine=engine) as ix, pytest.raises(SearchIndexError, match="too long"):
        ix.search("45/NQ-TW " * (MAX_QUERY_CHARS // 9 + 1))
    assert check_query("x" * MAX_QUERY_CHARS) == "x" * MAX_QUERY_CHARS


def test_many_numbers_in_one_query(built):
    engine, path = built
    query = " ".join(f"{i}/2024/NĐ-CP" for i in range(1, 700))[:MAX_QUERY_CHARS]
    with open_index(path, engine=engine) as ix:
        hits = ix.search(query, documents=True, sections=False)
    assert {h.number for h in hits} >= {"1/2024/NĐ-CP", "5/2024/NĐ-CP"}


@pytest.mark.parametrize(
    ("query", "first"),
    [("NQ 45/TW", "NQ 45/TW"), ("x 45/TW và NQ 46/TW", "45/TW"), ("nd 13/2023/nđ-cp", None)],
)
def test_type_code_before_a_number_is_still_read(query, first):
    numbers = parse_query(query).numbers
    if first is not None:
        assert numbers[0].text == first


@pytest.mark.parametrize("n", [1600])
def test_many_phrases_no_recursion(built, n):
    engine, path = built
    words = ["thủy", "lợi", "phạm", "vi", "quy", "định"]
    phrases = " ".join(f'"{words[i % 6]} {words[(i * 5 + 1) % 6]}"' for i in range(n))
    with open_index(path, engine=engine) as ix:
        ix.search(phrases[:MAX_QUERY_CHARS])  # no RecursionError, no hang
        hits = ix.search(" ".join(['"thủy lợi"'] * 900))
    assert len(hits) == 5  # one hit per document


# -- read-only ------------------------------------------------------------------------------


def test_read_only_index_searches_but_refuses_writes(built, monkeypatch):
    engine, path = built
    module = "vbpl.search.whoosh_engine" if engine == "whoosh" else "vbpl.search.tantivy_engine"
    monkeypatch.setattr(f"{module}.writable", lambda p: False)
    before = sorted(os.listdir(path))
    with open_index(path, engine=engine) as ix:
        assert ix.engine.read_only
        assert len(ix.search("thủy lợi")) == 5  # one hit per document
        with pytest.raises(SearchIndexError, match="read-only"):
            ix.add([make_doc(9)])
    assert sorted(os.listdir(path)) == before  # no lock file, no segment written


@pytest.fixture
def ro_mount(tmp_path):
    """A tmpfs that can be remounted read-only (root only; skips elsewhere)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a tmpfs")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)]).returncode:
        pytest.skip("cannot mount a tmpfs here")
    yield mnt
    subprocess.run(["umount", str(mnt)])


@pytest.mark.parametrize("engine", ENGINES)
def test_read_only_mount(ro_mount, engine, capsys):
    path = ro_mount / "ix"
    with open_index(path, engine=engine) as ix:
        ix.add([make_doc(1)])
    assert subprocess.run(["mount", "-o", "remount,ro", str(ro_mount)]).returncode == 0
    assert main(["search", "--index", str(path), "thủy lợi"]) == 0
    assert "1/2024/NĐ-CP" in capsys.readouterr().out
    doc = ro_mount.parent / "d.txt"
    doc.write_text("Luật số: 1/2015/QH13\nĐiều 1. x", encoding="utf-8")
    assert main(["index", "--index", str(path), str(doc), "--no-progress"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "read-only" in err[0]
    assert main(["index", "--check", "--index", str(path)]) == 0


# -- locks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_lock_is_asked_for_once(tmp_path, engine, monkeypatch):
    import time

    path = tmp_path / "ix"
    slept: list[float] = []
    real_sleep = time.sleep
    with open_index(path, engine=engine) as holder:
        holder.engine.replace("x", [])  # takes the writer lock
        with open_index(path, engine=engine, timeout=1.0) as other:
            monkeypatch.setattr(time, "sleep", lambda s: slept.append(s) or real_sleep(s))
            with pytest.raises(SearchIndexError, match=r"another process .* \(waited 1\.\d s\)"):
                other.add([make_doc(1)])  # replace fails, then add's cleanup must not wait
            monkeypatch.setattr(time, "sleep", real_sleep)
        holder.engine.rollback()
    assert 0.75 <= sum(slept) <= 1.3  # one wait of 1 s, not two


# -- disk full and writer failures -----------------------------------------------------------


class _FailingCommit:
    """Wraps a writer; its commit fails as a full disk makes it fail."""

    def __init__(self, inner, exc):
        self.inner, self.exc = inner, exc

    def commit(self, *a, **k):
        raise type(self.exc)(*self.exc.args)  # a fresh one: no traceback keeps us alive

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.mark.parametrize(
    ("engine", "exc"),
    [
        ("whoosh", OSError(errno.ENOSPC, "No space left on device")),
        ("tantivy", ValueError("An IO error occurred: 'No space left on device (os error 28)'")),
    ],
)
def test_disk_full_is_one_line_and_keeps_the_last_commit(tmp_path, engine, exc):
    path = tmp_path / "ix"
    with open_index(path, engine=engine) as ix:
        ix.add(make_doc(i) for i in range(1, 6))
    msg = ""
    with open_index(path, engine=engine) as ix:
        ix.engine._writer_obj = _FailingCommit(ix.engine._writer(), exc)
        try:
            ix.add([make_doc(7)])
        except SearchIndexError as e:
            msg = str(e)
    gc.collect()  # the failed writer (and tantivy's lock) go with the frames that held it
    assert "disk full" in msg and "\n" not in msg
    with open_index(path, engine=engine) as ix:
        assert ix.count() == 5  # the last commit intact
        ix.add([make_doc(8)])  # and the next writer works
        assert ix.count() == 6


def test_whoosh_orphans_are_cleaned_by_the_next_writer(tmp_path):
    path = tmp_path / "ix"
    with open_index(path, engine="whoosh") as ix:
        ix.add([make_doc(1)])
    orphan = path / "vbpl_zzzzorphan00000.seg"
    orphan.write_bytes(b"half a segment")
    with open_index(path, engine="whoosh") as ix:
        assert orphan.exists()  # reading does not touch files
        ix.add([make_doc(2)])
    assert not orphan.exists()
    assert check_index(path).ok


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "disk full"),
        (OSError(errno.EROFS, "Read-only file system"), "read-only"),
        (OSError(errno.EACCES, "Permission denied"), "permission denied"),
        (ValueError("Something else\nwith a second line"), "(Something else)"),
    ],
)
def test_os_failure_wording(exc, words):
    msg = str(os_failure("/ix", "commit failed", exc))
    assert words in msg and "\n" not in msg


# -- damaged indexes --------------------------------------------------------------------------


def _damage(engine: str, path: Path) -> None:
    if engine == "whoosh":
        seg = next(path.glob("*.seg"))
        os.truncate(seg, seg.stat().st_size // 2)
    else:
        term = next(path.glob("*.term"))
        data = bytearray(term.read_bytes())
        for at in range(len(data) // 4, len(data) - 64, 97):
            data[at] ^= 0x5A
        term.write_bytes(bytes(data))


def test_damaged_index_is_one_line(built, capsys):
    engine, path = built
    _damage(engine, path)
    assert main(["search", "--index", str(path), "thủy lợi"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "damaged" in err[0]
    report = check_index(path)
    assert not report.ok
    assert main(["index", "--check", "--index", str(path)]) == 1


def test_check_sound_index(built, capsys):
    _engine, path = built
    assert main(["index", "--check", "--index", str(path)]) == 0
    assert "5 documents, 10 units" in capsys.readouterr().out
    assert check_index(path).to_dict()["ok"] is True


def test_check_without_index(tmp_path, capsys):
    assert main(["index", "--check", "--index", str(tmp_path)]) == 1
    assert "no vbpl index" in capsys.readouterr().err


@pytest.mark.parametrize("engine", ENGINES)
def test_tantivy_meta_garbage(tmp_path, engine):
    path = tmp_path / "ix"
    with open_index(path, engine=engine) as ix:
        ix.add([make_doc(1)])
    target = path / "meta.json" if engine == "tantivy" else next(path.glob("*.toc"))
    target.write_bytes(b"\x00garbage")
    with pytest.raises(SearchIndexError), open_index(path, engine=engine) as ix:
        ix.search("thủy lợi")


# -- creation ---------------------------------------------------------------------------------


def test_create_atomically_lets_the_loser_open_the_winner(tmp_path):
    target = tmp_path / "ix"

    def build_while_another_wins(folder: Path) -> None:
        (folder / "mine").write_text("x")
        target.mkdir()
        (target / "theirs").write_text("y")  # another process renamed its index first

    assert not create_atomically(
        target, build_while_another_wins, lambda p: (p / "theirs").exists()
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ix"]
    assert sorted(p.name for p in target.iterdir()) == ["theirs"]


@pytest.mark.parametrize("engine", ENGINES)
def test_four_processes_create_one_index(tmp_path, engine):
    path = tmp_path / "ix"
    code = textwrap.dedent(
        """
        import sys
        from datetime import date
        from vbpl.model import Document, Metadata
        from vbpl.search import open_index
        i = int(sys.argv[3])
        doc = Document(Metadata(number=f"{i}/2024/NĐ-CP", issued=date(2024, 1, 1)), text="x")
        with open_index(sys.argv[1], engine=sys.argv[2]) as ix:
            ix.add([doc])
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(path), engine, str(i)],
                         stderr=subprocess.PIPE, text=True)
        for i in range(4)
    ]  # fmt: skip
    errors = [p.communicate()[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    with open_index(path, engine=engine) as ix:
        assert ix.count() == 4
    assert [p.name for p in tmp_path.iterdir()] == ["ix"]  # no building folder left


@pytest.mark.parametrize("engine", ENGINES)
def test_unencodable_text_is_repaired_before_the_index(tmp_path, engine):
    path = tmp_path / "ix"
    with open_index(path, engine=engine) as ix:
        ix.add([make_doc(1, title="thủy lợi \ud800 hỏng")])
        hits = ix.search("thủy lợi")
    assert hits and all("\ud800" not in (h.title or "") for h in hits)
    assert check_index(path).ok
