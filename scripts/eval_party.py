"""Evaluate vbpl on real Party documents: metadata, outline, references, task links.

Usage: python scripts/eval_party.py [--shared ../shared] [--gold tests/gold/party] [--json]
       [--verbose]

Gold: ``tests/gold/party/<stem>.meta.json`` (written by hand from the text, facts only):
``{"file", "header_kind", "source_kind", "metadata": {number, doc_type, issuer, issued,
effective, signer, title, place, term[, fields]}, "accept"?: {field: [other right values]}}``
with ``null`` for a field the text does not state. ``accept`` lists a value the text states as
well (the title's "của Bộ Chính trị, Ban Bí thư" beside the header's Central Committee); it is
counted right and reported apart. Beside it, ``<stem>.body.json`` (``{"outline": [label
paths], "references": [{section, number, doc_type, date}], "task_links": {path: [numbers]}}``)
when written; for the seed (``../shared/seed/<stem>.gold.json``) the body comes from its own
gold file, converted on the fly. The document itself is looked up in ``corpus/party/`` then
``seed/`` of ``--shared`` and read with :func:`vbpl.parse_file`, as a user would.

Scores:

* **metadata** — each field of the gold: right when the parser's value equals the gold after
  normalisation (NFC and one tone-mark placement, case folded, runs of spaces and the
  punctuation around a value dropped, a leading ``về`` of a title dropped; dates as ISO
  strings; ``fields`` as a set). A null gold field is right only when the parser leaves it
  null (a value taken from the wrong place is an error). Reported as ``stated`` (fields the
  text states: right / stated), ``spurious`` (null in the gold, filled by the parser) and
  ``all`` (right / compared).
* **outline** — label paths (:func:`vbpl.parser.ids.label_paths`) as sets: P / R / F1.
* **references** — numbered references as (section label path or null, number, doc_type,
  date) multisets: P / R.

Where a body gold is partial its scope keys say what it covers, and only predictions inside
that scope are scored: ``outline_scope.max_depth`` (paths deeper than that many steps are left
out), ``outline_scope.top_steps`` (only paths whose first step is listed), and
``references_scope.sections`` (only references whose section path, ``null`` included, is listed).
* **task links** — (task label path, source number) pairs of :func:`vbpl.corpus.tasks.find_tasks`:
  P / R / F1.

Prints one row per document, then one per header kind × source kind and the totals; ``--json`` prints the same as
JSON. Exits 0 (a report, not a test); prints a note and exits 0 when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from vbpl.text.normalize import normalize_text  # noqa: E402

META_FIELDS = ("number", "doc_type", "issuer", "issued", "effective", "signer", "title", "place")
_PUNCT = " \t\n.,;:!?\"'“”‘’()[]{}*-–—/"


def norm_value(key: str, value: Any) -> Any:
    """A metadata value in the form compared (see the module docstring).

    >>> norm_value("title", "Về Phông lưu trữ  Đảng.")
    'phông lưu trữ đảng'
    >>> norm_value("fields", ["Giáo dục", "Y tế"]) == frozenset({"giáo dục", "y tế"})
    True
    """
    if value is None or value == "" or value == [] or value == ():
        return None
    if key == "fields":
        return frozenset(norm_value("x", v) for v in value)
    s = " ".join(normalize_text(str(value)).split()).casefold().strip(_PUNCT)
    if key == "title":
        s = re.sub(r"^về\s+", "", s)
    if key == "number":
        s = s.replace(" ", "")
    return s or None


@dataclass
class Score:
    """Counts of one document or one group."""

    docs: int = 0
    stated: int = 0
    stated_right: int = 0
    spurious: int = 0
    compared: int = 0
    right: int = 0
    via_accept: int = 0
    counts: Counter[str] = field(default_factory=Counter)  # tp/fp/fn per body measure
    has_body: int = 0

    def add(self, other: Score) -> None:
        self.docs += other.docs
        self.stated += other.stated
        self.stated_right += other.stated_right
        self.spurious += other.spurious
        self.compared += other.compared
        self.right += other.right
        self.via_accept += other.via_accept
        self.counts.update(other.counts)
        self.has_body += other.has_body

    def prf(self, what: str) -> tuple[float | None, float | None, float | None]:
        tp, fp, fn = (self.counts[f"{what}_{k}"] for k in ("tp", "fp", "fn"))
        p = tp / (tp + fp) if tp + fp else None
        r = tp / (tp + fn) if tp + fn else None
        f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
        if f is None and p is not None and r is not None:
            f = 0.0
        return p, r, f

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": self.docs,
            "metadata": {
                "stated_right": self.stated_right,
                "stated": self.stated,
                "spurious": self.spurious,
                "right": self.right,
                "compared": self.compared,
                "right_via_accept": self.via_accept,
            },
            "documents_with_body_gold": self.has_body,
        }
        for what in ("outline", "references", "tasks"):
            p, r, f = self.prf(what)
            out[what] = {"precision": p, "recall": r, "f1": f}
        return out


def _multiset_counts(gold: list[Any], got: list[Any], what: str, counts: Counter[str]) -> None:
    g, p = Counter(gold), Counter(got)
    tp = sum((g & p).values())
    counts[f"{what}_tp"] += tp
    counts[f"{what}_fp"] += sum(p.values()) - tp
    counts[f"{what}_fn"] += sum(g.values()) - tp


def _body_gold(gold_dir: Path, stem: str, shared: Path) -> dict[str, Any] | None:
    body = gold_dir / f"{stem}.body.json"
    if body.is_file():
        return json.loads(body.read_text(encoding="utf-8"))
    seed = shared / "seed" / f"{stem}.gold.json"
    if seed.is_file():  # the seed's own gold: same shape, with metadata beside it
        g = json.loads(seed.read_text(encoding="utf-8"))
        return {k: g[k] for k in ("outline", "references", "task_links") if k in g}
    return None


def in_outline_scope(path: str, scope: dict[str, Any]) -> bool:
    """Whether a predicted label path lies in the part of the outline the gold covers.

    >>> in_outline_scope("PL1/A/I/1/b", {"max_depth": 4})
    False
    >>> in_outline_scope("PL4/-1", {"top_steps": ["1", "PL1"]})
    False
    >>> in_outline_scope("1/a", {})
    True
    """
    if "max_depth" in scope and path.count("/") + 1 > scope["max_depth"]:
        return False
    return "top_steps" not in scope or path.split("/")[0] in scope["top_steps"]


def score_document(doc: Any, gold: dict[str, Any], body: dict[str, Any] | None) -> tuple:
    """(Score, details) of one parsed document against its gold."""
    from vbpl.parser.ids import label_paths

    sc = Score(docs=1)
    details: dict[str, Any] = {"wrong": {}}
    got_meta = doc.metadata.to_dict()
    accept = gold.get("accept", {})
    for key, want in gold["metadata"].items():
        w = norm_value(key, want)
        g = norm_value(key, got_meta.get(key))
        ok = w == g
        alt = False
        if not ok and g is not None:
            alt = any(norm_value(key, a) == g for a in accept.get(key, ()))
            ok = alt
        sc.compared += 1
        sc.right += ok
        sc.via_accept += alt
        if w is not None:
            sc.stated += 1
            sc.stated_right += ok
        elif g is not None:
            sc.spurious += 1
        if not ok:
            details["wrong"][key] = {"gold": want, "got": got_meta.get(key)}
    if body is not None:
        sc.has_body = 1
        paths = label_paths(doc.sections)
        ids = [s.id for s in doc.walk()]
        path_of = dict(zip(ids, paths, strict=False))
        if "outline" in body:
            scope = body.get("outline_scope", {})
            scored = [p for p in paths if in_outline_scope(p, scope)]
            _multiset_counts(list(body["outline"]), scored, "outline", sc.counts)
        if "references" in body:
            gold_refs = [
                (r.get("section"), r["number"], r.get("doc_type"), r.get("date"))
                for r in body["references"]
            ]
            got_refs = [
                (
                    path_of.get(r.section) if r.section else None,
                    r.number,
                    r.doc_type,
                    r.date.isoformat() if r.date else None,
                )
                for r in doc.references
                if r.number
            ]
            if "references_scope" in body:
                sections = body["references_scope"]["sections"]
                got_refs = [r for r in got_refs if r[0] in sections]
            _multiset_counts(gold_refs, got_refs, "references", sc.counts)
            details["references_missed"] = sorted(
                map(str, (Counter(gold_refs) - Counter(got_refs)).elements())
            )
            details["references_extra"] = sorted(
                map(str, (Counter(got_refs) - Counter(gold_refs)).elements())
            )
        if "task_links" in body:
            from vbpl.corpus.tasks import find_tasks

            gold_links = [(p, n) for p, nums in body["task_links"].items() for n in nums]
            got_links = [
                (path_of.get(t.section, t.section), s.number)
                for t in find_tasks(doc)
                for s in t.sources
            ]
            _multiset_counts(gold_links, got_links, "tasks", sc.counts)
    return sc, details


def _fmt(x: float | None) -> str:
    return "  –  " if x is None else f"{x:.3f}"


def _row(name: str, sc: Score) -> str:
    _, _, of = sc.prf("outline")
    rp, rr, _ = sc.prf("references")
    _, _, tf = sc.prf("tasks")
    return (
        f"| {name} | {sc.docs} | {sc.stated_right}/{sc.stated} | {sc.spurious} | "
        f"{sc.right}/{sc.compared} | {_fmt(of)} | {_fmt(rp)} / {_fmt(rr)} | {_fmt(tf)} |"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--gold", type=Path, default=REPO / "tests" / "gold" / "party")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--verbose", action="store_true", help="list every wrong field")
    args = ap.parse_args(argv)
    if not (args.shared / "corpus").is_dir():
        print(f"skipped: {args.shared} is absent (the real documents are not in the repository)")
        return 0
    from vbpl import parse_file

    groups: dict[tuple[str, str], Score] = defaultdict(Score)
    total = Score()
    per_doc: dict[str, Any] = {}
    doc_scores: dict[str, Score] = {}
    for meta_path in sorted(args.gold.glob("*.meta.json")):
        gold = json.loads(meta_path.read_text(encoding="utf-8"))
        stem = meta_path.name[: -len(".meta.json")]
        candidates = [
            args.shared / "corpus" / "party" / gold["file"],
            args.shared / "seed" / gold["file"],
        ]
        path = next((p for p in candidates if p.is_file()), None)
        if path is None:
            print(f"missing document for {meta_path.name}: {gold['file']}", file=sys.stderr)
            continue
        doc = parse_file(path)
        sc, details = score_document(doc, gold, _body_gold(args.gold, stem, args.shared))
        groups[(gold["header_kind"], gold["source_kind"])].add(sc)
        total.add(sc)
        per_doc[gold["file"]] = {**sc.to_dict(), **details}
        doc_scores[gold["file"]] = sc
    if args.json:
        out = {
            "total": total.to_dict(),
            "by_format": {f"{h} × {s}": sc.to_dict() for (h, s), sc in sorted(groups.items())},
            "documents": per_doc,
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    head = (
        "| metadata stated right | spurious | all fields "
        "| outline F1 | references P / R | task links F1 |"
    )
    print("| document | docs " + head)
    print("|---|---|---|---|---|---|---|---|")
    for name, sc in sorted(doc_scores.items()):
        print(_row(name, sc))
    print()
    print("| header kind × source kind | docs " + head)
    print("|---|---|---|---|---|---|---|---|")
    for (h, s), sc in sorted(groups.items()):
        print(_row(f"{h} × {s}", sc))
    print(_row("**total**", total))
    if total.via_accept:
        print(f"\n{total.via_accept} field(s) right through an accepted alternative value")
    if args.verbose:
        for name, d in per_doc.items():
            for key, v in d["wrong"].items():
                print(f"{name}: {key}: gold {v['gold']!r} got {v['got']!r}")
            for r in d.get("references_missed", []):
                print(f"{name}: reference missed {r}")
            for r in d.get("references_extra", []):
                print(f"{name}: reference extra {r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
