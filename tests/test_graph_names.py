"""The grammar of named references (``vbpl.lexicon.names``) and their resolution by title and
time (issue 11, part 2). Variants written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from vbpl.lexicon.names import named_name
from vbpl.refs import Registry, find_references, resolve_reference
from vbpl.refs.find import stated_year

REG = Registry()


@pytest.mark.parametrize(
    ("text", "title", "year"),
    [
        ("theo Luật Đất đai 2024", "Đất đai", 2024),
        ("theo Luật Nhà ở năm 2023,", "Nhà ở", 2023),
        ("Bộ luật Dân sự 2015 quy định", "Dân sự", 2015),
        ("Luật Đầu tư công 2024 và", "Đầu tư công", 2024),  # longer than the known "Đầu tư"
        (
            "Luật Đầu tư theo phương thức đối tác công tư năm 2020",
            "Đầu tư theo phương thức đối tác công tư",
            2020,
        ),
        ("Luật Kinh doanh bất động sản 2023;", "Kinh doanh bất động sản", 2023),
        ("Luật Đất đai và Luật Nhà ở", "Đất đai", None),
        (
            "Luật Ban hành văn bản quy phạm pháp luật quy định",
            "Ban hành văn bản quy phạm pháp luật",
            None,
        ),
    ],
)
def test_named_references_read_name_and_year(text: str, title: str, year: int | None) -> None:
    r = next(x for x in find_references(text) if x.kind == "named")
    assert r.title == title
    assert stated_year(r) == year


@pytest.mark.parametrize("text", ["Luật sư", "Luật này", "Luật sửa đổi"])
def test_words_that_are_not_names(text: str) -> None:
    assert named_name(text, text.index(" "), "Luật") is None


@pytest.mark.parametrize(
    ("text", "citing", "key"),
    [
        ("Luật Nhà ở năm 2023", None, "27/2023/QH15@2023"),
        ("Luật Nhà ở 2014", None, "65/2014/QH13@2014"),
        ("Luật Đầu tư công 2024", None, "58/2024/QH15@2024"),
        ("Luật Đấu thầu", date(2022, 1, 11), "43/2013/QH13@2013"),
        ("Luật Đấu thầu", date(2024, 6, 1), "22/2023/QH15@2023"),
        # not yet in force on the citing date: the older law
        ("Luật Nhà ở", date(2024, 3, 1), "65/2014/QH13@2014"),
        ("Luật Nhà ở", date(2024, 9, 1), "27/2023/QH15@2023"),
    ],
)
def test_named_references_resolve_by_title_and_time(
    text: str, citing: date | None, key: str
) -> None:
    r = next(x for x in find_references(text) if x.kind == "named")
    out = resolve_reference(r, REG, citing)
    assert out.target == key and 0.5 <= out.confidence <= 1.0


def test_a_year_no_version_has_stays_unresolved() -> None:
    r = next(x for x in find_references("Luật Nhà ở năm 2019") if x.kind == "named")
    assert resolve_reference(r, REG).target is None
