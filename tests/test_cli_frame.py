"""The command frame: help, exit codes, one-line errors, fast start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest

from vbpl.cli import COMMAND_MODULES, COMMANDS, build_parser, main


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


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_commands_table_names_what_each_module_registers(module):
    import argparse
    import importlib

    sub = argparse.ArgumentParser().add_subparsers()
    importlib.import_module(module).register(sub)
    assert tuple(sub.choices) == COMMANDS[module]


@pytest.mark.parametrize(
    ("argv", "imported", "not_imported"),
    [
        (["parse", "x.txt"], "vbpl.cli.parse_cmd", "vbpl.cli.search_cmd"),
        (["search", "luật"], "vbpl.cli.search_cmd", "vbpl.cli.parse_cmd"),
        (["graph", "x"], "vbpl.cli.corpus_cmd", "vbpl.cli.cluster_cmd"),
    ],
)
def test_a_command_registers_its_own_family_only(argv, imported, not_imported):
    code = (
        "import sys; from vbpl.cli import build_parser; "
        f"build_parser({argv[0]!r}).parse_args({argv!r}); "
        f"print({imported!r} in sys.modules, {not_imported!r} in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


def test_unknown_or_missing_command_still_lists_every_command(capsys):
    for argv in (["--help"], ["nosuch", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        printed = capsys.readouterr()
        for names in COMMANDS.values():
            for name in names:
                assert name in printed.out + printed.err


def test_program_exits_with_the_command_code(tmp_path):
    ok = tmp_path / "a.txt"
    ok.write_text("Điều 1. Phạm vi\n", encoding="utf-8")
    run = [sys.executable, "-m", "vbpl", "parse"]
    assert subprocess.run([*run, str(ok)], capture_output=True).returncode == 0
    bad = subprocess.run([*run, str(tmp_path / "missing.txt")], capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1
