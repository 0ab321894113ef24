"""What a regular install ships: every package of the source tree, and its data.

An editable install (the test command's) imports from ``src/`` whatever ``pyproject.toml``
lists, so a package missing from the list only shows in a regular ``pip install .`` — the
README's install command. (It happened: ``vbpl.clean`` and ``vbpl.lexicon`` were missing,
and every command of an installed vbpl failed on import.) ``.ci/run`` also installs a
regular copy and runs it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _setuptools() -> dict:
    with (REPO / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["setuptools"]


def _source_packages() -> set[str]:
    src = REPO / "src"
    return {".".join(p.parent.relative_to(src).parts) for p in src.rglob("__init__.py")}


def test_every_source_package_is_listed() -> None:
    listed = set(_setuptools()["packages"])
    assert _source_packages() <= listed, sorted(_source_packages() - listed)


def test_every_listed_package_exists() -> None:
    dirs = _setuptools()["package-dir"]  # {"": "src", "vbpl.corpora": "corpora"}
    for name in _setuptools()["packages"]:
        folder = REPO / dirs[name] if name in dirs else REPO / dirs[""] / name.replace(".", "/")
        assert (folder / "__init__.py").is_file(), name


def test_data_files_read_at_run_time_are_shipped() -> None:
    patterns = _setuptools()["package-data"]["vbpl.data"]
    for f in (REPO / "src" / "vbpl" / "data").iterdir():
        if f.suffix in (".json", ".tsv"):
            assert f"*{f.suffix}" in patterns, f.name
