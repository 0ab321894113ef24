"""The Python examples of README.md and docs/*.md run, and say what they print.

Every fenced ``python`` block is run: blocks written as an interactive session (``>>>``) as
doctests, the others as scripts, in a fresh folder holding ``corpora`` (the demo corpus) and
``tests`` (the fixtures), with ``$VBPL_INDEX`` pointing into that folder so that no example
writes to the user's cache. In a script, a one-line expression followed by a comment that is a
Python literal (``doc.key  # '117-HD/BTGTW@2023'``) is checked: the expression must equal
the literal. Other comments are prose.
"""

from __future__ import annotations

import ast
import doctest
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "corpora/README.md"]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def python_blocks() -> list[tuple[str, str]]:
    out = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for m in _BLOCK.finditer(text):
            line = text[: m.start()].count("\n") + 1
            out.append((f"{page.relative_to(ROOT)}:{line}", m.group(1)))
    return out


def stated_results(code: str) -> dict[int, object]:
    """Line number -> the literal a trailing comment states, for lines whose comment is one."""
    found: dict[int, object] = {}
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type != tokenize.COMMENT:
            continue
        try:
            found[tok.start[0]] = ast.literal_eval(tok.string[1:].strip())
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    return found


def run_script(code: str, where: str) -> int:
    """Run ``code`` statement by statement; check stated results. Returns how many."""
    tree = ast.parse(code, filename=where)
    stated = stated_results(code)
    namespace: dict[str, object] = {"__name__": "__example__"}
    checked = 0
    for stmt in tree.body:
        if (
            isinstance(stmt, ast.Expr)
            and stmt.lineno == stmt.end_lineno
            and stmt.end_lineno in stated
        ):
            expr = compile(ast.Expression(stmt.value), where, "eval")
            value = eval(expr, namespace)
            expected = stated[stmt.end_lineno]
            assert value == expected, f"{where}, line {stmt.lineno}: {value!r} != {expected!r}"
            checked += 1
        else:
            exec(compile(ast.Module([stmt], []), where, "exec"), namespace)
    return checked


def test_result_comments_are_read() -> None:
    code = "x = 1 + 1\nx  # 2\nprint(x)  # prints it\n"
    assert stated_results(code) == {2: 2}
    assert run_script(code, "example") == 1
    with pytest.raises(AssertionError, match="3 != 2"):
        run_script("1 + 2  # 2\n", "example")


BLOCKS = python_blocks()


def test_the_pages_hold_examples() -> None:
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize(("where", "code"), BLOCKS, ids=[w for w, _ in BLOCKS])
def test_example_runs(
    where: str, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "corpora").symlink_to(ROOT / "corpora", target_is_directory=True)
    (tmp_path / "tests").symlink_to(ROOT / "tests", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VBPL_INDEX", str(tmp_path / "index"))
    if code.lstrip().startswith(">>>"):
        parser = doctest.DocTestParser()
        test = parser.get_doctest(code, {}, where, where, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        out: list[str] = []
        runner.run(test, out=out.append)
        assert runner.failures == 0, "".join(out)
    else:
        run_script(code, where)
