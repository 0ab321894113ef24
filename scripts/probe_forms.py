"""Blind probe: parse documents in forms absent from ../shared and the fixtures, score them.

Usage: python scripts/probe_forms.py [--probe tests/fixtures/probe] [--json] [--verbose]
       python scripts/probe_forms.py --probe tests/fixtures/probe2   (the second blind probe)
       python scripts/probe_forms.py --probe tests/fixtures/probe3   (the third blind probe)
       python scripts/probe_forms.py --probe tests/fixtures/probe4   (the fourth, with .docx)
       python scripts/probe_forms.py --probe tests/fixtures/probe_refs   (references, relations)
       python scripts/probe_forms.py --probe tests/fixtures/probe_refs2  (+ pinpoints, targets)

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
mention as written) holds the title. The second probe of references
(``tests/fixtures/probe_refs2``) adds three more: a reference may state its ``pinpoint``
(compared unit by unit: ``Điều 12 và Điều 13`` = ``Điều 12, 13``) and its resolved
``target``; ``relative`` lists the references without a number (``Điều này``, ``khoản 2
Điều 5 Luật này``, ``Nghị định này``, a bare ``khoản 3 Điều 7`` inside an amending article)
as ``{"section", "text", "target"}``, found by a reference without number in that section
whose text holds ``text``; a ``target`` is ``"."`` (the document itself), a label path of
the document (``II/1/5/2``), a key (``31/2024/QH15@2024``) or a key and a label path in that
document (``100/2019/NĐ-CP@2019#II/1/7/3/b``), ``null`` where it must stay unresolved.
Targets are read after :meth:`vbpl.Corpus.resolve` over the probe's documents plus those of
its ``corpus/`` folder (the documents cited), counted as targets right / stated. Exits 0 (a
report, not a test).
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
RES_KEYS = (
    "pinpoints_right",
    "pinpoints",
    "relative_found",
    "relative",
    "targets_right",
    "targets",
)


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


UNITS = ("diem", "khoan", "dieu", "tieu muc", "muc", "chuong", "phan", "phu luc")


def pinpoint_units(text: str | None) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """A pinpoint as (unit, labels) groups, so that equal provisions compare equal.

    >>> pinpoint_units("Điều 12 và Điều 13") == pinpoint_units("Điều 12, 13")
    True
    >>> pinpoint_units("từ Điều 5 đến Điều 9") == pinpoint_units("Điều 5 đến 9")
    True
    """
    import re

    from vbpl.text.fold import fold

    if not text:
        return None
    s = re.sub(r"[,;]", " , ", fold(text).lower())
    s = re.sub(r"\b(tu|cac|cua|va)\b", " , ", s)
    s = s.replace("tieu muc", "tieu_muc").replace("phu luc", "phu_luc")
    groups: list[tuple[str, list[str]]] = []
    for tok in s.split():
        unit = tok.replace("_", " ")
        if unit in UNITS:
            last = groups[-1] if groups else None
            if last and last[0] == unit and last[1] and last[1][-1] in (",", "den"):
                continue  # "Điều 12, Điều 13", "Điều 5 đến Điều 9": one list
            groups.append((unit, []))
        elif groups:
            labels = groups[-1][1]
            if tok == "," and (not labels or labels[-1] == ","):
                continue
            labels.append(tok)
    return tuple((u, tuple(x for x in labels if x != ",")) for u, labels in groups)


def resolution_counts(
    doc: Any, resolved: Any, gold: dict[str, Any], paths: dict[str, dict[str, str]]
) -> tuple[list[int], list[str]]:
    """([pinpoints right, stated, relative found, stated, targets right, stated], notes).

    ``resolved`` is ``doc`` after :meth:`vbpl.Corpus.resolve` (``None``: no targets read);
    ``paths`` maps each corpus key to its section ids' label paths. Gold references are
    paired with predictions as :func:`relation_counts` pairs them; ``relative`` entries take
    the shortest unused reference without number in their section whose text holds theirs.
    """
    from vbpl.parser.ids import label_paths
    from vbpl.text.fold import fold

    own = dict(zip([s.id for s in doc.walk()], label_paths(doc.sections), strict=False))
    key = resolved.key if resolved is not None else None
    refs = list(resolved.references if resolved is not None else doc.references)

    def section(ref: Any) -> str | None:
        return own.get(ref.section) if ref.section else None

    def target(ref: Any) -> str | None:
        t = ref.target
        if t is None or t == key:
            return None if t is None else "."
        if "#" in t:
            k, _, sid = t.partition("#")
            path = (own if k == key else paths.get(k, {})).get(sid, sid)
            return path if k == key else f"{k}#{path}"
        return own.get(t, t)

    c = [0] * 6
    notes: list[str] = []

    def check_target(g: dict[str, Any], ref: Any, what: str) -> None:
        if "target" not in g or resolved is None:
            return
        c[5] += 1
        got = target(ref) if ref is not None else None
        c[4] += got == g["target"]
        if got != g["target"]:
            notes.append(f"target {what}: gold {g['target']} got {got}")

    got: dict[tuple[str | None, str], list[Any]] = {}
    for ref in refs:
        if ref.number:
            got.setdefault((section(ref), ref.number), []).append(ref)
    seen: Counter[tuple[str | None, str]] = Counter()
    for r in gold.get("references", []):
        k = (r.get("section"), r["number"])
        n = seen[k]
        seen[k] += 1
        ref = got[k][n] if n < len(got.get(k, [])) else None
        if "pinpoint" in r:
            c[1] += 1
            ok = ref is not None and pinpoint_units(ref.pinpoint) == pinpoint_units(r["pinpoint"])
            c[0] += ok
            if not ok:
                notes.append(f"pinpoint {k}: gold {r['pinpoint']} got {ref and ref.pinpoint}")
        check_target(r, ref, str(k))
    used: set[int] = set()
    for g in gold.get("named", []):
        if "target" not in g:
            continue
        title = fold(g["title"])
        hits = [
            ref
            for ref in refs
            if not ref.number
            and id(ref) not in used
            and section(ref) == g.get("section")
            and ref.doc_type == g["doc_type"]
            and title in fold(ref.text)
        ]
        if hits:
            used.add(id(hits[0]))
        check_target(g, hits[0] if hits else None, f"named {g['title']!r}")
    used = set()
    for g in gold.get("relative", []):
        c[3] += 1
        text = fold(g["text"]).lower()
        hits = [
            ref
            for ref in refs
            if not ref.number
            and id(ref) not in used
            and section(ref) == g.get("section")
            and text in fold(ref.text).lower()
        ]
        hits.sort(key=lambda ref: len(ref.text))
        if not hits:
            notes.append(f"relative missed {g}")
            check_target(g, None, f"relative {g['text']!r}")
            continue
        used.add(id(hits[0]))
        c[2] += 1
        check_target(g, hits[0], f"relative {g['section']} {g['text']!r}")
    return c, notes


def resolve_probe(
    folder: Path, docs: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """The probe's documents resolved with those of ``folder/corpus`` (by stem), and the
    label path of every section id of every document by key."""
    from vbpl import Corpus, parse_file
    from vbpl.parser.ids import label_paths

    extra = [parse_file(p) for p in sorted((folder / "corpus").glob("*.txt"))]
    corpus = Corpus([*docs.values(), *extra]).resolve()
    paths = {
        d.key: dict(zip([s.id for s in d.walk()], label_paths(d.sections), strict=False))
        for d in corpus
    }
    by_key = {d.key: d for d in corpus}
    return {stem: by_key.get(d.key) for stem, d in docs.items()}, paths


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
    res = [0] * 6  # pinpoints right, stated; relative found, stated; targets right, stated
    cases = probe_cases(args.probe)
    parsed = {stem: parse_file(source) for stem, source, _ in cases}
    resolved: dict[str, Any] = {}
    paths: dict[str, dict[str, str]] = {}
    if (args.probe / "corpus").is_dir():
        resolved, paths = resolve_probe(args.probe, parsed)
    for stem, _source, gold in cases:
        doc = parsed[stem]
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
        rc, rnotes = resolution_counts(doc, resolved.get(stem), gold, paths)
        res = [a + b for a, b in zip(res, rc, strict=True)]
        details["resolution"] = dict(zip(RES_KEYS, rc, strict=True))
        notes.extend(f"{stem}: {n}" for n in rnotes)
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
            "resolution": dict(zip(RES_KEYS, res, strict=True)),
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
    if res[1] or res[3] or res[5]:
        print(
            f"pinpoints right / stated: {res[0]}/{res[1]}; relative references found: "
            f"{res[2]}/{res[3]}; targets right / stated: {res[4]}/{res[5]}"
        )
    if args.verbose:
        print()
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
