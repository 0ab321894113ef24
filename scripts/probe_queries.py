"""Queries typed the way people ask (``tests/fixtures/search/probe_queries.json``, the second
probe ``probe_queries2.json``) against the shared laws and commercial-site pages: does the
expected document (and unit) come first, or in the first five? (A topic is answered by its
article or a part of it; a pinpoint by the unit itself; ``"section": "*"`` by any unit of the
document; an ``absent`` query by no hits or a hint, never a confident wrong document.)

Usage::

    python scripts/probe_queries.py [--probe 1|2] [--index DIR] [--engine tantivy|whoosh]
                                    [--verbose]

Builds an index of the folders the probe file names under ``../shared/corpus`` (its
``corpus`` key; ``laws`` and ``tvpl`` when absent) in a temporary folder unless ``--index``
names one already built from them (a missing ``--index`` folder is built and kept). Prints R@1 and R@5 by kind of query and every query that
missed. Skips (exit 0) when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
PROBES = {
    "1": REPO / "tests" / "fixtures" / "search" / "probe_queries.json",
    "2": REPO / "tests" / "fixtures" / "search" / "probe_queries2.json",
}


def _unit_matches(section: str | None, want: str | None, inside: bool) -> bool:
    """Whether ``section`` is the unit wanted (a pinpoint: exactly) or, with ``inside``, the
    unit or one of its parts (a topic: a clause of the right article answers)."""
    if want is None:
        return section is None
    if want == "*":
        return True
    if section is None:
        return False
    if inside:
        return f"__{want}__" in f"__{section}__"
    return f"__{section}".endswith(f"__{want}")


def answered(hits: list, q: dict, depth: int) -> bool:
    """Whether one of the first ``depth`` hits (or the units grouped under them) is the
    expected document and unit (an ``absent`` query: no hits, or a hint saying why)."""
    if q["kind"] == "absent":
        return not hits or bool(getattr(hits, "hint", None))
    inside = q["kind"] == "topic"
    for h in hits[:depth]:
        if h.number not in q["numbers"]:
            continue
        if _unit_matches(h.section, q["section"], inside):
            return True
        if depth > 1 and any(_unit_matches(s.section, q["section"], inside) for s in h.sections):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--probe", choices=sorted(PROBES), default="1", help="which probe file")
    ap.add_argument("--index", type=Path, help="an index of the probe's shared folders")
    ap.add_argument("--engine", default="tantivy")
    ap.add_argument("--verbose", action="store_true", help="print the first hit of a miss")
    args = ap.parse_args(argv)
    if args.index is None and not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent")
        return 0
    from vbpl.search import open_index

    probe = json.loads(PROBES[args.probe].read_text(encoding="utf-8"))
    queries = probe["queries"]
    folders = [SHARED / name for name in probe.get("corpus", ["laws", "tvpl"])]
    with tempfile.TemporaryDirectory() as tmp:
        path = args.index or Path(tmp) / "ix"
        build = args.index is None or not args.index.exists()
        with open_index(path, engine=args.engine) as ix:
            if build:
                ix.add_paths(folders)
            score: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
            for q in queries:
                hits = ix.search(q["query"], limit=5)
                at1 = answered(hits, q, 1)
                at5 = answered(hits, q, 5)
                for kind in (q["kind"], "all"):
                    score[kind][0] += 1
                    score[kind][1] += at1
                    score[kind][2] += at5
                if not at1:
                    first = f"{hits[0].number} {hits[0].section}" if hits else "no hit"
                    more = f" (first: {first}; hint: {hits.hint})" if args.verbose else ""
                    print(f"  miss@1{'' if at5 else ' and @5'}: {q['query']!r}{more}")
    print("| kind | queries | R@1 | R@5 |\n|---|---|---|---|")
    for kind, (n, r1, r5) in score.items():
        print(f"| {kind} | {n} | {r1 / n:.3f} | {r5 / n:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
