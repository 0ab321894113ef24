"""The public API of ``vbpl``: names that users import stay what they are."""

from __future__ import annotations

import subprocess
import sys

import vbpl


def test_parse_stays_a_function_after_the_pipeline_ran() -> None:
    """The parser package is ``vbpl.parser``: importing it must not shadow ``vbpl.parse``."""
    import importlib

    first = vbpl.parse("Điều 1. Phạm vi\nLuật này quy định.")
    importlib.import_module("vbpl.parser.document")  # what the pipeline imports

    second = vbpl.parse("Điều 2. Đối tượng")
    assert callable(vbpl.parse)
    assert first.sections[0].id == "art_1" and second.sections[0].id == "art_2"


def test_every_exported_name_resolves_in_a_fresh_interpreter() -> None:
    code = "import vbpl; [getattr(vbpl, n) for n in vbpl.__all__]; print(len(vbpl.__all__))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) == len(vbpl.__all__)
