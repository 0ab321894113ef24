"""Fault cases of reading files: FIFOs, devices and sockets refused at once; folders walked
without following links out of them; file names printed with control characters escaped."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

import pytest

from vbpl.cli import main
from vbpl.cli.output import error_line, safe
from vbpl.corpus.load import iter_documents, iter_files
from vbpl.corpus.paths import OUTSIDE, walk_folder
from vbpl.errors import InputError
from vbpl.search import open_index
from vbpl.text.read import read_bytes

LAW = "QUỐC HỘI\nLuật số: {n}/2015/QH13\nĐiều 1. Phạm vi\nLuật này quy định về {word}.\n"


@pytest.fixture
def no_hang():
    """Fail instead of hanging forever if a read blocks."""

    def boom(*_):
        raise TimeoutError("blocked")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_fifo_is_refused_at_once(tmp_path, no_hang, capsys):
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        read_bytes(fifo)
    assert main(["parse", str(fifo)]) == 1
    assert capsys.readouterr().err.strip().endswith("is a FIFO (named pipe), not a regular file")


def test_socket_is_refused(tmp_path, no_hang):
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        with pytest.raises(InputError, match="socket"):
            read_bytes(path)


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_device_is_refused(device, no_hang):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    with pytest.raises(InputError, match="device"):
        read_bytes(device)


def test_fifo_in_a_folder_is_skipped(tmp_path, no_hang):
    (tmp_path / "a.txt").write_text(LAW.format(n=1, word="x"), encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    skipped = []
    found = list(iter_files([tmp_path], on_skip=lambda p, why: skipped.append((p.name, why))))
    assert [p.name for p in found] == ["a.txt"]
    assert skipped == [("b.txt", "a FIFO (named pipe), skipped")]


@pytest.fixture
def tree(tmp_path) -> tuple[Path, Path]:
    """A folder with a document, a link to a secret outside it, a link inside it, a link to
    a folder outside, a link loop and a hidden folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "shadow"
    secret.write_text(LAW.format(n=9, word="mật khẩu bí mật"), encoding="utf-8")
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(LAW.format(n=1, word="đất đai"), encoding="utf-8")
    (root / "sub" / "b.txt").write_text(LAW.format(n=2, word="thuế"), encoding="utf-8")
    os.symlink(secret, root / "secret.txt")
    os.symlink(root / "a.txt", root / "alias.txt")  # inside: fine
    os.symlink(outside, root / "outdir")
    os.symlink(root, root / "sub" / "loop")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "c.txt").write_text("x", encoding="utf-8")
    return root, secret


def test_links_out_of_the_folder_are_skipped(tree):
    root, _ = tree
    skipped = []
    found = [
        p.relative_to(root).as_posix()
        for p in walk_folder(root, on_skip=lambda p, w: skipped.append((p.name, w)))
    ]
    assert found == ["a.txt", "alias.txt", "sub/b.txt"]
    assert sorted(skipped) == [("outdir", OUTSIDE), ("secret.txt", OUTSIDE)]


def test_follow_links_reads_them(tree):
    root, _ = tree
    found = [p.relative_to(root).as_posix() for p in walk_folder(root, follow_links=True)]
    assert found == ["a.txt", "alias.txt", "outdir/shadow", "secret.txt", "sub/b.txt"]


def test_skips_are_logged_without_a_handler(tree, caplog):
    root, _ = tree
    with caplog.at_level("WARNING", logger="vbpl"):
        list(walk_folder(root))
    assert "secret.txt" in caplog.text and "--follow-links" in caplog.text


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_index_never_reads_outside_the_folder(tree, tmp_path, engine, capsys):
    root, _ = tree
    ix_path = tmp_path / f"ix-{engine}"
    assert (
        main(["index", "--index", str(ix_path), "--engine", engine, "--no-progress", str(root)])
        == 0
    )
    err = capsys.readouterr().err
    assert "secret.txt" in err and "skipped" in err
    with open_index(ix_path, engine=engine) as ix:
        assert not ix.search("mật khẩu bí mật")
        assert ix.count() == 2
    assert (
        main(["index", "--index", str(ix_path), "--no-progress", "--follow-links", str(root)]) == 0
    )
    with open_index(ix_path, engine=engine) as ix:
        assert ix.search("mật khẩu")


def test_a_link_named_on_the_command_line_is_read(tree):
    root, _ = tree
    docs = list(iter_documents([root / "secret.txt"]))  # the user named it: read
    assert docs[0].metadata.number == "9/2015/QH13"


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("plain.txt", "plain.txt"),
        ("văn bản.txt", "văn bản.txt"),
        ("a\nb.txt", "a\\nb.txt"),
        ("\x1b[31mred\x1b[0m.txt", "\\x1b[31mred\\x1b[0m.txt"),
        ("cr\r.txt", "cr\\r.txt"),
        ("bell\x07\x7f.txt", "bell\\x07\\x7f.txt"),
        ("c1\x9b.txt", "c1\\x9b.txt"),
        ("rtl\u202etxt.exe", "rtl\\u202etxt.exe"),
    ],
)
def test_safe_names(name, printed):
    assert safe(name) == printed
    assert "\n" not in error_line(InputError(f"{name}: no such file"))


def test_cli_prints_hostile_names_escaped(tmp_path, capsys):
    bad = tmp_path / "x\n\x1b[2Jy.txt"
    assert main(["parse", str(bad)]) == 1  # missing: the error names it
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err and "x\\n\\x1b[2Jy.txt" in err
    bad.write_text("Điều 1. Nội dung", encoding="utf-8")
    assert main(["parse", str(bad)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "x\\n\\x1b[2Jy.txt" in out
