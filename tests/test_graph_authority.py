"""The authority table (``authorities.json``) and the rule of the law on legal documents.

Tests are generated from the examples beside every body and from the table's ``checks``.
"""

from __future__ import annotations

from datetime import date

import pytest

from vbpl.data import load_table
from vbpl.lexicon.authority import REASONS, Act, authority_of, bodies, impossible

TABLE = load_table("authorities")
BODY_EXAMPLES = [(b["body"], ex) for b in TABLE["bodies"] for ex in b["examples"]]


@pytest.mark.parametrize(("body", "example"), BODY_EXAMPLES)
def test_body_examples(body: str, example: str) -> None:
    """Each example (a number, or ``Type: Name`` for a document cited without one) gets the
    body it stands beside."""
    if ": " in example:
        doc_type = example.split(": ", 1)[0]
        auth = authority_of(None, doc_type)
    else:
        auth = authority_of(example)
    assert auth is not None, example
    assert body in auth.body.split(" & "), (example, auth)


def _d(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


@pytest.mark.parametrize("check", TABLE["checks"], ids=lambda c: f"{c['actor']}-{c['target']}")
def test_checks(check: dict) -> None:
    actor = Act(check["actor"], issued=_d(check["actor_issued"]))
    target = Act(check["target"], issued=_d(check["target_issued"]))
    assert impossible(check["relation"], actor, target) == check["reason"]


def test_every_reason_is_exercised_by_the_checks() -> None:
    assert {c["reason"] for c in TABLE["checks"]} - {None} == set(REASONS)


def test_ranks_and_codes_are_consistent() -> None:
    seen: set[str] = set()
    for b in bodies():
        assert b.system in ("state", "party") and b.rank >= 1
        for code in b.codes:
            assert code.upper() not in seen, code
            seen.add(code.upper())


@pytest.mark.parametrize(
    ("relation", "actor", "target", "reason"),
    [
        # same day is allowed (a law and its amending law passed together)
        (
            "amends",
            Act("10/2024/QH15", issued=date(2024, 6, 1)),
            Act("9/2024/QH15", issued=date(2024, 6, 1)),
            None,
        ),
        # a higher authority may repeal a lower one's document
        ("repeals", Act("5/2020/NĐ-CP", year=2020), Act("12/2019/TT-BTC", year=2019), None),
        ("repeals", Act("5/2020/NĐ-CP", year=2020), Act("1234/QĐ-TTg", year=2019), None),
        # the Prime Minister does not amend a Government decree
        (
            "amends",
            Act("1/2021/QĐ-TTg", year=2021),
            Act("5/2020/NĐ-CP", year=2020),
            "lower_authority",
        ),
        # one ministry does not amend another's circular; a joint circular shares its bodies
        ("amends", Act("2/2021/TT-BCA", year=2021), Act("5/2020/TT-BQP", year=2020), "other_body"),
        ("amends", Act("2/2021/TT-BQP", year=2021), Act("5/2020/TTLT-BQP-BCA", year=2020), None),
        # a successor ministry takes over its predecessors' circulars (2025 merger)
        ("replaces", Act("7/2025/TT-BXD", year=2025), Act("24/2023/TT-BGTVT", year=2023), None),
        # a Party document neither amends nor is amended by a state one
        ("replaces", Act("22-QĐ/TW", year=2021), Act("5/2020/NĐ-CP", year=2020), "other_system"),
        # a Party commission does not amend a Politburo decision
        ("amends", Act("12-HD/BTCTW", year=2024), Act("238-QĐ/TW", year=2023), "lower_authority"),
        # two Party commissions are distinct bodies
        ("amends", Act("12-HD/BTCTW", year=2024), Act("128-HD/BTGTW", year=2023), "other_body"),
        # what is not known is not judged
        ("amends", Act(None), Act("5/2020/NĐ-CP", year=2020), None),
        ("amends", Act("7/XYZ", year=2021), Act("5/2020/NĐ-CP", year=2020), None),
        # consolidated texts, by number or by type
        (
            "amends",
            Act(None, "Văn bản hợp nhất", year=2024),
            Act("5/2020/NĐ-CP", year=2020),
            "consolidated",
        ),
    ],
)
def test_rule(relation: str, actor: Act, target: Act, reason: str | None) -> None:
    assert impossible(relation, actor, target) == reason


@pytest.mark.parametrize("relation", ["cites", "based_on", "guides", "implements", "corrects"])
def test_other_relations_are_not_judged(relation: str) -> None:
    assert (
        impossible(relation, Act("1/2021/TT-BTC", year=2021), Act("5/2020/QH14", year=2020)) is None
    )
