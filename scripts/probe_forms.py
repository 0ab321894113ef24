"""Blind probe: parse documents in forms absent from ../shared and the fixtures, score them.

Usage: python scripts/probe_forms.py [--probe tests/fixtures/probe] [--json] [--verbose]
       python scripts/probe_forms.py --probe tests/fixtures/probe2   (the second blind probe)
       python scripts/probe_forms.py --probe tests/fixtures/probe3   (the third blind probe)
       python scripts/probe_forms.py --probe tests/fixtures/probe4   (the fourth, with .docx)
       python scripts/probe_forms.py --probe tests/fixtures/probe_refs   (references, relations)

Each probe ``tests/fixtures/probe/<stem>.<txt|md|html|docx>`` is a document written for this
project in a form neither ``../shared`` nor ``tests/fixtures/party`` held when it was written
(Party bodies from the commune cell to the Central Committee's commissions, PDF text with page
numbers and running heads, Word turned into markdown, Party news sites, state documents of
provincial bodies and legal sites). Beside it, ``<stem>.expected.json`` holds ``metadata``
(``null``: not stated), optional ``accept`` (other values the text states as well), the
``outline`` as label paths, ``family`` (``party`` or ``state``) and ``round`` (1: written
before reading the parser's rules, the blind measure; 2 and 3: written after the first fixes,
to try the rules on further forms). The file is read with :func:`vbpl.parse_file`, as a user would,
and scored by :func:`eval_party.score_document` (same normalisation and counts as
``scripts/eval_party.py``). Prints one row per document and the totals (metadata stated
right / stated, spurious, all fields right / compared, outline P / R / F1) per family and
round; ``--verbose`` lists
each wrong field and each outline path missed or extra. Where a gold also holds
``references`` (with an optional ``references_scope``) or ``task_links`` (the shape of
``tests/gold/party/*.body.json``), they are scored as ``eval_party`` scores them (references
P / R, task links F1) and the missed and extra ones are listed too. The second probe
(``tests/fixtures/probe2``, written later by another hand, also before reading the rules) is
read the same way, and so are the third (``tests/fixtures/probe3``) and the fourth
(``tests/fixtures/probe4``, whose Word files are built by its ``make_docx.py``). The probe of references
(``tests/fixtures/probe_refs``) adds two keys to a gold: a reference may state its ``relation``
(``based_on``, ``implements``, ``guides``, ``amends``, ``replaces``, ``repeals``, ``corrects``,
``cites``), checked on the prediction with the same section and number (paired in order of
mention) and counted as relations right / stated; and ``named`` lists the references that
name a document without a number (``{"section", "doc_type", "title", "relation"?}``),
found when a reference without a number in that section has that type and its text (the
mention as written) holds the title. Exits 0 (a report, not a test).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from eval_party import Score, _fmt, score_document  # noqa: E402

SOURCES = (".txt", ".md", ".html", ".docx")
BODY_KEYS = ("outline", "references", "references_scope", "task_links")


def relation_counts(doc: Any, gold: dict[str, Any]) -> tuple[int, int, int, int, list[str]]:
    """(relations right, relations stated, named found, named stated, notes) of one document.

    A gold reference's ``relation`` is compared with the prediction of the same section path
    and number, the n-th gold mention with the n-th prediction; a gold ``named`` entry is found
    by a reference without number in its section, of its type, whose text holds its title
    (folded), and its relation is compared too. Both are counted only where the gold has them.
    """
    from vbpl.parser.ids import label_paths
    from vbpl.text.fold import fold

    path_of = dict(zip([s.id for s in doc.walk()], label_paths(doc.sections), strict=False))

    def path(ref: Any) -> str | None:
        return path_of.get(ref.section) if ref.section else None

    got: dict[tuple[str | None, str], list[str]] = {}
    for ref in doc.references:
        if ref.number:
            got.setdefault((path(ref), ref.number), []).append(ref.relation)
    seen: Counter[tuple[str | None, str]] = Counter()
    right = stated = 0
    notes: list[str] = []
    for r in gold.get("references", []):
        key = (r.get("section"), r["number"])
        n = seen[key]
        seen[key] += 1
        if "relation" not in r:
            continue
        stated += 1
        rel = got.get(key, [])[n] if n < len(got.get(key, [])) else None
        right += rel == r["relation"]
        if rel != r["relation"]:
            notes.append(f"relation {key}: gold {r['relation']} got {rel}")
    found = 0
    named = gold.get("named", [])
    used: set[int] = set()
    for g in named:
        title = fold(g["title"])
        hits = [
            ref
            for ref in doc.references
            if not ref.number
            and id(ref) not in used
            and path(ref) == g.get("section")
            and ref.doc_type == g["doc_type"]
            and title in fold(ref.text)
        ]
        same = [ref for ref in hits if ref.relation == g.get("relation")]
        hit = (same or hits or [None])[0]
        if hit is None:
            notes.append(f"named missed {g}")
            continue
        used.add(id(hit))
        found += 1
        if "relation" in g:
            stated += 1
            right += hit.relation == g["relation"]
            if hit.relation != g["relation"]:
                notes.append(
                    f"relation named {g['title']!r}: gold {g['relation']} got {hit.relation}"
                )
    return right, stated, found, len(named), notes


def probe_cases(folder: Path) -> list[tuple[str, Path, dict[str, Any]]]:
    """(stem, source file, gold) of every probe in ``folder``, sorted by stem."""
    out = []
    for expected in sorted(folder.glob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        sources = [folder / (stem + k) for k in SOURCES if (folder / (stem + k)).is_file()]
        if len(sources) != 1:
            raise SystemExit(f"{stem}: one source file expected, found {sources}")
        out.append((stem, sources[0], json.loads(expected.read_text(encoding="utf-8"))))
    return out


def body_gold(gold: dict[str, Any]) -> dict[str, Any] | None:
    """The body part of a probe's gold (outline, references, task links), as eval_party takes it.

    >>> body_gold({"metadata": {}, "outline": ["1"], "task_links": {"1": ["57-NQ/TW"]}})
    {'outline': ['1'], 'task_links': {'1': ['57-NQ/TW']}}
    >>> body_gold({"metadata": {}}) is None
    True
    """
    body = {k: gold[k] for k in BODY_KEYS if k in gold}
    return body or None


def _row(name: str, sc: Score) -> str:
    p, r, f = sc.prf("outline")
    rp, rr, _ = sc.prf("references")
    _, _, tf = sc.prf("tasks")
    return (
        f"| {name} | {sc.stated_right}/{sc.stated} | {sc.spurious} | {sc.right}/{sc.compared} "
        f"| {_fmt(p)} / {_fmt(r)} / {_fmt(f)} | {_fmt(rp)} / {_fmt(rr)} | {_fmt(tf)} |"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--probe", type=Path, default=REPO / "tests" / "fixtures" / "probe")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--verbose", action="store_true", help="list every wrong field and path")
    args = ap.parse_args(argv)
    from vbpl import parse_file
    from vbpl.parser.ids import label_paths

    total = Score()
    groups: dict[str, Score] = {}
    rows: list[tuple[str, Score]] = []
    notes: list[str] = []
    per_doc: dict[str, Any] = {}
    rel = [0, 0, 0, 0]  # relations right, stated; named found, stated
    for stem, source, gold in probe_cases(args.probe):
        doc = parse_file(source)
        sc, details = score_document(doc, gold, body_gold(gold))
        total.add(sc)
        for key in (f"round {gold.get('round', 1)}", gold.get("family", "party")):
            groups.setdefault(key, Score()).add(sc)
        rows.append((stem, sc))
        got = Counter(label_paths(doc.sections))
        want = Counter(gold.get("outline", []))
        details["outline_missed"] = sorted((want - got).elements())
        details["outline_extra"] = sorted((got - want).elements())
        counts = relation_counts(doc, gold)
        for i in range(4):
            rel[i] += counts[i]
        details["relations"] = {"right": counts[0], "stated": counts[1]}
        details["named"] = {"found": counts[2], "stated": counts[3]}
        notes.extend(f"{stem}: {n}" for n in counts[4])
        per_doc[stem] = {**sc.to_dict(), **details}
        for key, v in details["wrong"].items():
            notes.append(f"{stem}: {key}: gold {v['gold']!r} got {v['got']!r}")
        if details["outline_missed"] or details["outline_extra"]:
            notes.append(
                f"{stem}: outline missed {details['outline_missed']} "
                f"extra {details['outline_extra']}"
            )
        for what in ("missed", "extra"):
            notes.extend(
                f"{stem}: reference {what} {r}" for r in details.get(f"references_{what}", [])
            )
    if args.json:
        out = {
            "total": total.to_dict(),
            "groups": {k: sc.to_dict() for k, sc in sorted(groups.items())},
            "relations": {"right": rel[0], "stated": rel[1]},
            "named": {"found": rel[2], "stated": rel[3]},
            "documents": per_doc,
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(
        "| probe | metadata stated right | spurious | all fields | outline P / R / F1 "
        "| references P / R | task links F1 |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, sc in rows:
        print(_row(name, sc))
    for key, sc in sorted(groups.items()):
        print(_row(f"**{key} ({sc.docs})**", sc))
    print(_row(f"**total ({total.docs})**", total))
    if rel[1] or rel[3]:
        print(
            f"\nrelations right / stated: {rel[0]}/{rel[1]}; named references found: {rel[2]}/{rel[3]}"
        )
    if args.verbose:
        print()
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
