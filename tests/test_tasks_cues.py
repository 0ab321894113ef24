"""Tests generated from the examples in ``vbpl/data/task_headings.json``."""

from __future__ import annotations

import re

import pytest

from vbpl.corpus.tasks import (
    find_actor,
    find_deadline,
    in_body_name,
    is_explanatory,
    is_purpose_heading,
    is_task_heading,
    match_key,
    starts_with_action,
)
from vbpl.data import load_table

TABLE = load_table("task_headings")


@pytest.mark.parametrize("heading", [ex for h in TABLE["headings"] for ex in h["examples"]])
def test_task_headings_match(heading: str) -> None:
    assert is_task_heading(heading)


@pytest.mark.parametrize("heading", TABLE["not_task_headings"])
def test_other_headings_do_not(heading: str) -> None:
    assert not is_task_heading(heading)


@pytest.mark.parametrize("text", [ex for v in TABLE["action_verbs"] for ex in v["examples"]])
def test_action_verbs(text: str) -> None:
    assert starts_with_action(text)


@pytest.mark.parametrize(
    "text", ["Nghị quyết này có hiệu lực", "Kết quả đạt được", "Những hạn chế, yếu kém"]
)
def test_not_actions(text: str) -> None:
    assert not starts_with_action(text)


@pytest.mark.parametrize(
    ("text", "actor"), [(e["text"], e["actor"]) for e in TABLE["actor_examples"]]
)
def test_actor_examples(text: str, actor: str | None) -> None:
    assert find_actor(text) == actor


@pytest.mark.parametrize(
    ("text", "deadline"),
    [tuple(ex) for p in TABLE["deadline_patterns"] for ex in p["examples"]],
)
def test_deadline_examples(text: str, deadline: str) -> None:
    assert find_deadline(text) == deadline


@pytest.mark.parametrize("text", TABLE["not_deadline_examples"])
def test_not_deadlines(text: str) -> None:
    assert find_deadline(text) is None


def test_every_entry_has_examples_and_patterns_compile() -> None:
    for h in TABLE["headings"]:
        assert h["examples"], h
        assert h["phrase"] == match_key(h["phrase"]), "phrases are written folded"
    for v in TABLE["action_verbs"]:
        assert v["examples"], v
    for p in TABLE["deadline_patterns"]:
        assert "deadline" in re.compile(p["pattern"]).groupindex
        assert p["examples"], p


@pytest.mark.parametrize(
    ("kind", "example"),
    [
        (kind, ex)
        for kind, entries in TABLE["field_labels"].items()
        if not kind.startswith("_")
        for e in entries
        for ex in e["examples"]
    ],
)
def test_field_labels(kind: str, example: str) -> None:
    from vbpl.corpus.tasks import field_line

    got = field_line(example)
    assert got is not None and got[0] == kind
    assert got[1] == example.split(":", 1)[1].strip().rstrip(".;").strip()


@pytest.mark.parametrize(
    "heading", [ex for h in TABLE["purpose_headings"]["phrases"] for ex in h["examples"]]
)
def test_purpose_headings(heading: str) -> None:
    assert is_purpose_heading(heading)


@pytest.mark.parametrize("heading", TABLE["purpose_headings"]["not_examples"])
def test_not_purpose_headings(heading: str) -> None:
    assert not is_purpose_heading(heading)


@pytest.mark.parametrize(
    "text",
    [ex for h in TABLE["explanatory_starts"]["phrases"] for ex in h["examples"]]
    + TABLE["explanatory_starts"]["definition_examples"],
)
def test_explanatory(text: str) -> None:
    assert is_explanatory(text)


@pytest.mark.parametrize("text", TABLE["explanatory_starts"]["not_examples"])
def test_not_explanatory(text: str) -> None:
    assert not is_explanatory(text)


_TYPE_WORD = re.compile(r"(?:Nghị quyết|Kết luận|Đề án|Chương trình)\b")


def _last_type_word(text: str) -> int:
    return [m.start() for m in _TYPE_WORD.finditer(text)][-1]


@pytest.mark.parametrize("text", [ex for h in TABLE["body_names"]["heads"] for ex in h["examples"]])
def test_body_name_examples(text: str) -> None:
    assert in_body_name(text, _last_type_word(text))


@pytest.mark.parametrize("text", TABLE["body_names"]["not_examples"])
def test_body_name_not_examples(text: str) -> None:
    assert not in_body_name(text, _last_type_word(text))
