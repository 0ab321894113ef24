"""Tests generated from the examples of ``vbpl/data/short_forms.json``."""

from __future__ import annotations

import pytest

from vbpl.data import load_table
from vbpl.lexicon.short_forms import conventional_re, definition_re
from vbpl.refs import find_references

TABLE = load_table("short_forms")


@pytest.mark.parametrize(("text", "alias"), TABLE["definition_examples"])
def test_definitions(text: str, alias: str) -> None:
    m = definition_re().search(text)
    assert m is not None and m["alias"] == alias


@pytest.mark.parametrize(("text", "short", "number"), TABLE["conventional_examples"])
def test_conventional(text: str, short: str, number: str) -> None:
    assert any(m.group() == short for m in conventional_re().finditer(text))
    shorts = [r for r in find_references(text) if r.kind == "short"]
    assert [(r.text, r.number) for r in shorts] == [(short, number)]


@pytest.mark.parametrize("text", ["số 45-NQ/TW", "Nghị quyết 45/NQ-CP", "Quyết định 1.5 lần"])
def test_not_conventional(text: str) -> None:
    assert conventional_re().search(text) is None


def test_a_defined_name_of_a_body_is_not_a_short_form() -> None:
    text = (
        "Luật Ngân hàng Nhà nước Việt Nam số 46/2010/QH12 quy định về Ngân hàng Nhà nước "
        "Việt Nam (sau đây gọi là Ngân hàng Nhà nước). Ngân hàng Nhà nước thực hiện …"
    )
    assert [r.kind for r in find_references(text) if r.number] == ["full"]
