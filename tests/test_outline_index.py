"""OutlineIndex: built at once or when first asked, the same answers (a registry builds it
lazily for every document it holds)."""

from __future__ import annotations

import pytest

from vbpl.model import Section, Span
from vbpl.refs.outline import OutlineIndex


def _outline() -> tuple[Section, ...]:
    # Chương I > Điều 1 (khoản 1, 2 > điểm a), Điều 2; Chương II > Điều 3 (khoản 1)
    pt_a = Section("chp_I__art_1__cl_2__pt_a", "point", "a", None, "a)", Span(40, 50))
    cl_1 = Section("chp_I__art_1__cl_1", "clause", "1", None, "1.", Span(20, 30))
    cl_2 = Section("chp_I__art_1__cl_2", "clause", "2", None, "2.", Span(30, 50), (pt_a,))
    art_1 = Section("chp_I__art_1", "article", "1", "A", "Điều 1.", Span(10, 50), (cl_1, cl_2))
    art_2 = Section("chp_I__art_2", "article", "2", None, "Điều 2.", Span(50, 60))
    chp_1 = Section("chp_I", "chapter", "I", None, "Chương I", Span(0, 60), (art_1, art_2))
    cl_3 = Section("chp_II__art_3__cl_1", "clause", "1", None, "1.", Span(75, 90))
    art_3 = Section("chp_II__art_3", "article", "3", None, "Điều 3.", Span(65, 90), (cl_3,))
    chp_2 = Section("chp_II", "chapter", "II", None, "Chương II", Span(60, 90), (art_3,))
    return (chp_1, chp_2)


QUESTIONS = [
    ("find", ((("article", "1"), ("clause", "2"), ("point", "a")),), "chp_I__art_1__cl_2__pt_a"),
    ("find", ((("article", "3"), ("clause", "1")),), "chp_II__art_3__cl_1"),
    ("find", ((("clause", "1"),), "chp_II__art_3"), "chp_II__art_3__cl_1"),
    ("find", ((("clause", "1"),), "chp_I__art_1__cl_2"), "chp_I__art_1__cl_1"),
    ("find", ((("article", "9"),),), None),
    ("ancestor", ("chp_I__art_1__cl_2__pt_a", "chapter"), "chp_I"),
    ("ancestor", ("chp_II__art_3", "clause"), None),
    ("innermost", (41, 45), "chp_I__art_1__cl_2__pt_a"),
    ("innermost", (55, 58), "chp_I__art_2"),
    ("innermost", (95, 96), None),
    ("lca", (["chp_I__art_1__cl_1", "chp_I__art_1__cl_2__pt_a"],), "chp_I__art_1"),
    ("lca", (["chp_I__art_2", "chp_II__art_3"],), None),
]


@pytest.mark.parametrize(("method", "args", "expected"), QUESTIONS)
@pytest.mark.parametrize("lazy", [False, True])
def test_lazy_and_eager_index_answer_alike(
    method: str, args: tuple, expected: str | None, lazy: bool
) -> None:
    ix = OutlineIndex(_outline(), lazy=lazy)
    assert getattr(ix, method)(*args) == expected
    assert len(ix) == 9


def test_lazy_index_keeps_sections_given_as_a_generator() -> None:
    ix = OutlineIndex((s for s in _outline()), lazy=True)
    assert ix.find((("article", "2"),)) == "chp_I__art_2"
    assert len(OutlineIndex((), lazy=True)) == 0
