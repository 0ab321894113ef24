"""The command frame: help, exit codes, one-line errors, fast start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest

from vbpl.cli import COMMAND_MODULES, build_parser, main


def test_every_command_has_help(capsys):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert sub.choices, "no commands registered"
    for name in sub.choices:
        with pytest.raises(SystemExit) as e:
            main([name, "--help"])
        assert e.value.code == 0
        assert "usage: vbpl" in capsys.readouterr().out


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["no-such-command"])
    assert e.value.code == 2


def test_missing_file_is_one_line_exit_1(capsys, tmp_path):
    code = main(["parse", str(tmp_path / "missing.txt")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "missing.txt" in err and "Traceback" not in err


def test_undecodable_file_names_the_file(capsys, tmp_path):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(bytes(range(128, 256)) * 4)
    code = main(["parse", str(bad)])
    err = capsys.readouterr().err
    assert code == 1 and "bad.bin" in err and "Traceback" not in err


def test_import_and_help_do_not_load_heavy_dependencies():
    code = (
        "import sys, vbpl, vbpl.cli; vbpl.cli.build_parser();"
        "heavy = {'underthesea', 'tantivy', 'whoosh', 'pandas', 'networkx', 'bs4', 'lxml', 'docx'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_command_modules_are_importable():
    import importlib

    for name in COMMAND_MODULES:
        assert hasattr(importlib.import_module(name), "register")
