"""The query grammar examples of docs/search.md run as tests against ``parse_query``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vbpl.search.query import parse_query

DOC = Path(__file__).resolve().parents[1] / "docs" / "search.md"


def grammar_rows() -> list[tuple[str, str, str, str]]:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- grammar-examples -->")[1].split("<!-- /grammar-examples -->")[0]
    rows = []
    for line in block.strip().splitlines()[2:]:  # past the header and the rule
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append(tuple(c.strip("`") for c in cells))
    return rows


def test_the_doc_has_examples():
    assert len(grammar_rows()) >= 8


@pytest.mark.parametrize(("query", "pinpoint", "numbers", "named"), grammar_rows())
def test_grammar_example(query, pinpoint, numbers, named):
    q = parse_query(query)
    assert (q.pinpoint.key if q.pinpoint else "") == pinpoint
    assert ", ".join(n.text for n in q.numbers) == numbers
    got = ""
    if q.named is not None:
        got = f"{q.named.doc_type}: {' '.join(q.named.words)}"
        if q.named.year:
            got += f"; {q.named.year}"
    assert got == named


def test_examples_cover_every_pinpoint_level():
    keys = " ".join(r[1] for r in grammar_rows())
    assert re.search(r"_k\d", keys) and re.search(r"_p", keys)
