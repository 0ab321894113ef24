"""Resolution against a registry: stated parts, terms, dates, pinpoints, names, user resolvers."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from vbpl.model import Document, Metadata, Section, Span
from vbpl.refs import Registry, annotate, find_references, resolve_reference, resolve_references
from vbpl.refs.resolve import party_term

FIXTURES = Path(__file__).parent / "fixtures" / "refs"


def _two_29() -> Registry:
    return Registry(
        [
            Metadata(number="29-NQ/TW", doc_type="Nghị quyết", issued=date(2013, 11, 4)),
            Metadata(number="29-NQ/TW", doc_type="Nghị quyết", issued=date(2022, 11, 17)),
        ],
        known=False,
    )


def _ref(text: str):  # type: ignore[no-untyped-def]
    return next(r for r in find_references(text) if r.kind != "relative")


CASES = [
    # (mention, citing date, expected target)
    ("Nghị quyết số 29-NQ/TW, ngày 04/11/2013", date(2023, 12, 22), "29-NQ/TW@2013"),
    (
        "Nghị quyết số 29-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XI",
        date(2023, 12, 22),
        "29-NQ/TW@2013",
    ),
    (
        "Nghị quyết số 29-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII",
        date(2023, 12, 22),
        "29-NQ/TW@2022",
    ),
    ("Nghị quyết số 29-NQ/TW năm 2022", date(2023, 12, 22), "29-NQ/TW@2022"),
    # issued after the citing document: rejected
    ("Nghị quyết số 29-NQ/TW", date(2015, 1, 1), "29-NQ/TW@2013"),
    ("Nghị quyết số 29-NQ/TW, ngày 17/11/2022", date(2015, 1, 1), None),
    # a stated date that contradicts every candidate
    ("Nghị quyết số 29-NQ/TW, ngày 05/11/2013", date(2023, 1, 1), None),
]


@pytest.mark.parametrize(("mention", "citing", "target"), CASES)
def test_numbered_resolution(mention: str, citing: date, target: str | None) -> None:
    out = resolve_reference(_ref(mention), _two_29(), citing)
    assert out.target == target
    assert (out.confidence > 0) == (target is not None)


def test_ambiguous_without_parts_has_lower_confidence() -> None:
    out = resolve_reference(_ref("Nghị quyết số 29-NQ/TW"), _two_29(), date(2024, 1, 1))
    assert out.target == "29-NQ/TW@2022" and out.confidence == 0.5
    sure = resolve_reference(
        _ref("Nghị quyết số 29-NQ/TW, ngày 17/11/2022"), _two_29(), date(2024, 1, 1)
    )
    assert sure.confidence > out.confidence


def test_party_term_from_date() -> None:
    assert party_term(date(2013, 11, 4)) == "XI"
    assert party_term(date(2022, 11, 17)) == "XIII"
    assert party_term(date(1990, 1, 1)) is None


def _target_doc() -> Document:
    cl = Section("chp_I__art_1__cl_3", "clause", "3", None, "", Span(20, 40))
    art = Section("chp_I__art_1", "article", "1", None, "", Span(10, 40), (cl,))
    chp = Section("chp_I", "chapter", "I", None, "", Span(0, 40), (art,))
    return Document(
        Metadata(number="15/2022/NĐ-CP", issued=date(2022, 1, 28)), (chp,), text="x" * 40
    )


def test_pinpoint_into_target_outline() -> None:
    reg = Registry([_target_doc()], known=False)
    ok = resolve_reference(_ref("khoản 3 Điều 1 Nghị định số 15/2022/NĐ-CP"), reg, date(2023, 1, 1))
    assert ok.target == "15/2022/NĐ-CP@2022#chp_I__art_1__cl_3" and ok.confidence == 1.0
    missing = resolve_reference(
        _ref("khoản 9 Điều 1 Nghị định số 15/2022/NĐ-CP"), reg, date(2023, 1, 1)
    )
    assert missing.target == "15/2022/NĐ-CP@2022" and missing.confidence == 0.5
    meta_only = Registry([Metadata(number="15/2022/NĐ-CP", issued=date(2022, 1, 28))], known=False)
    unchecked = resolve_reference(
        _ref("khoản 9 Điều 1 Nghị định số 15/2022/NĐ-CP"), meta_only, None
    )
    assert unchecked.target == "15/2022/NĐ-CP@2022" and unchecked.confidence == 0.9


NAMED = [
    ("Luật Đất đai", date(2020, 1, 1), "45/2013/QH13@2013"),
    ("Luật Đất đai", date(2025, 1, 1), "31/2024/QH15@2024"),
    ("Luật Đất đai", date(2024, 5, 1), "45/2013/QH13@2013"),  # 2024 law issued, not yet in force
    ("Luật Đất đai năm 2003", date(2025, 1, 1), "13/2003/QH11@2003"),
    ("Bộ luật Dân sự năm 2015", None, "91/2015/QH13@2015"),
    ("Bộ luật dân sự", date(2010, 1, 1), "33/2005/QH11@2005"),
    ("Luật Ban hành văn bản quy phạm pháp luật", date(2020, 1, 1), "80/2015/QH13@2015"),
    ("Luật Chưa Có Thật", date(2020, 1, 1), None),
]


@pytest.mark.parametrize(("mention", "citing", "target"), NAMED)
def test_named_resolution(mention: str, citing: date | None, target: str | None) -> None:
    out = resolve_reference(_ref(mention), Registry(), citing)
    assert out.target == target


def test_named_against_corpus_titles() -> None:
    reg = Registry(
        [
            Metadata(
                number="20/2023/QH15",
                doc_type="Luật",
                title="Luật Giao dịch điện tử",
                issued=date(2023, 6, 22),
            )
        ],
        known=False,
    )
    out = resolve_reference(_ref("theo Luật Giao dịch điện tử"), reg, date(2024, 1, 1))
    assert out.target == "20/2023/QH15@2023"


def test_resolve_references_keys_relations_and_custom_resolver() -> None:
    doc = annotate(
        Document(
            Metadata(number="140-HD/BTGTW", issued=date(2024, 1, 15)),
            text="Kế hoạch số 20-KH/TW, ngày 28/11/2023 của Bộ Chính trị về thực hiện "
            "Nghị quyết số 45-NQ/TW. Thực hiện Nghị quyết số 29-NQ/TW khóa XI.",
        )
    )
    out = resolve_references(doc, Registry())
    targets = [r.target for r in out.references]
    assert targets == ["20-KH/TW@2023", "45-NQ/TW@2023", "29-NQ/TW@2013"]
    assert ("20-KH/TW@2023", "implements", "45-NQ/TW@2023") in [
        (x.subject, x.relation, x.object) for x in out.relations
    ]

    def mine(ref, citing):  # type: ignore[no-untyped-def]
        return ("custom", 0.42) if ref.number == "45-NQ/TW" else None

    custom = resolve_references(doc, Registry(), resolver=mine)
    assert [(r.target, r.confidence) for r in custom.references][1] == ("custom", 0.42)
    assert custom.references[0].target == "20-KH/TW@2023"


@pytest.mark.shared
def test_seed_29_resolves_to_2013(shared_dir: Path) -> None:
    pytest.importorskip("vbpl.parser.document")
    from vbpl.pipeline import parse_file

    doc = parse_file(shared_dir / "seed" / "128-HD-BTGTW.txt")
    out = resolve_references(doc, _two_29())
    (r,) = [r for r in out.references if r.number == "29-NQ/TW"]
    assert r.target == "29-NQ/TW@2013" and r.confidence == 1.0


def test_cli_refs_json(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(
        "Căn cứ Nghị định số 13/2023/N\u00d0-CP ngày 17/4/2023 của Chính phủ;", encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-m", "vbpl", "refs", str(f), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    (ref,) = json.loads(run.stdout)
    assert ref["number"] == "13/2023/NĐ-CP" and ref["date"] == "2023-04-17"
    assert ref["relation"] == "based_on" and ref["start"] == 7
    two = subprocess.run(
        [sys.executable, "-m", "vbpl", "refs", str(f), str(FIXTURES / "guidance.txt"), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert [d["source"] for d in json.loads(two.stdout)] == [str(f), str(FIXTURES / "guidance.txt")]
    bad = subprocess.run(
        [sys.executable, "-m", "vbpl", "refs", str(tmp_path / "none.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


def test_stated_title_chooses_between_candidates() -> None:
    reg = Registry(
        [
            Metadata(
                number="29-NQ/TW",
                issued=date(2013, 11, 4),
                title="Về đổi mới căn bản, toàn diện giáo dục và đào tạo",
            ),
            Metadata(
                number="29-NQ/TW",
                issued=date(2022, 11, 17),
                title="Về tiếp tục đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước",
            ),
        ],
        known=False,
    )
    ref = _ref("Nghị quyết số 29-NQ/TW “Về đổi mới căn bản, toàn diện giáo dục và đào tạo”")
    out = resolve_reference(ref, reg, date(2024, 1, 1))
    assert out.target == "29-NQ/TW@2013" and out.confidence == 0.9


@pytest.mark.shared
def test_cli_refs_agree_with_parse_file(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``vbpl refs FILE --json`` and ``parse_file(FILE).references`` are the same list."""
    from vbpl import parse_file
    from vbpl.cli import main

    path = shared_dir / "seed" / "128-HD-BTGTW.txt"
    assert main(["refs", str(path), "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    api = [r.to_dict() for r in parse_file(path).references]
    assert cli == api
    assert len(api) == 10  # the own number in the title line, property table and header is not one
