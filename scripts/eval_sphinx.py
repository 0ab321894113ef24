"""ALQAC figures of the sphinx engine on N local shards, beside tantivy.

Reuses ``scripts/eval_alqac.py`` (data loading, the dev/test split, metrics; the query
loop asks for the flat list of sections): indexes the ALQAC laws into tantivy and into a fresh local cluster of ``--shards``
``searchd`` nodes (``vbpl.search.sphinx_nodes``, stopped at the end), runs the 430
questions on both with the shipped ranking, and prints R@1/5/10, MRR@10, F2 per half.

Usage::

    python scripts/eval_sphinx.py [--data ../shared/corpus/alqac2024] [--shards 2]
        [--rankers bm25f] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import eval_alqac as ea
from vbpl.search import Ranking, open_index, sphinx_nodes


def run_engine(ix: Any, questions: list[dict]) -> tuple[list, float]:
    """eval_alqac's query loop on the flat list of sections (one hit per article, as the
    metrics expect; the default view groups hits by document)."""
    ix.ranking = Ranking()
    ranked = []
    t = time.perf_counter()
    for q in questions:
        hits = ix.search(q["text"], limit=10, documents=False, facets=False, flat=True)
        ranked.append([(h.key, h.section.removeprefix("art_")) for h in hits])
    return ranked, (time.perf_counter() - t) / len(questions)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ea.DEFAULT_DATA)
    ap.add_argument("--shards", type=int, default=2)
    ap.add_argument("--rankers", default="bm25f", help="sphinx ranker names or expressions")
    ap.add_argument("--no-tantivy", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if not (args.data / "law.json").is_file():
        print(f"no ALQAC data at {args.data}", file=sys.stderr)
        return 1
    docs, questions = ea.load(args.data)
    gold = [
        {(a["law_id"], str(a["article_id"])) for a in q["relevant_articles"]} for q in questions
    ]
    halves = {"all": list(range(len(questions)))}
    for name in ("dev", "test"):
        halves[name] = [i for i, q in enumerate(questions) if ea.split(q["question_id"]) == name]
    rows: list[dict[str, Any]] = []

    def report(name: str, ranked: list, extra: dict[str, Any]) -> None:
        for half, idx in halves.items():
            m = ea.metrics([ranked[i] for i in idx], [gold[i] for i in idx])
            rows.append({"system": name, "half": half, **m, **extra})
            print(
                f"{name:24} {half:5} "
                + " ".join(f"{k} {v:.3f}" for k, v in m.items())
                + "".join(f" {k} {v}" for k, v in extra.items()),
                flush=True,
            )

    with tempfile.TemporaryDirectory(prefix="alqac-sphinx-") as tmp:
        root = Path(tmp)
        if not args.no_tantivy:
            t = time.perf_counter()
            with open_index(root / "tantivy", engine="tantivy") as ix:
                ix.add(docs)
                print(f"tantivy: indexed in {time.perf_counter() - t:.1f} s", flush=True)
                ranked, per_q = run_engine(ix, questions)
                report("tantivy", ranked, {"ms/q": round(per_q * 1000, 1)})
        sphinx_nodes.init_cluster(root / "cluster", args.shards)
        try:
            sphinx_nodes.start(root / "cluster")
            nodes = sphinx_nodes.nodes_spec(root / "cluster")
            t = time.perf_counter()
            with open_index(root / "sphinx", engine="sphinx", nodes=nodes) as ix:
                ix.add(docs)
                print(
                    f"sphinx ({args.shards} shards): indexed in {time.perf_counter() - t:.1f} s",
                    flush=True,
                )
                for ranker in args.rankers.split(";"):
                    ix.engine.ranker = ranker
                    ranked, per_q = run_engine(ix, questions)
                    report(f"sphinx {ranker}"[:60], ranked, {"ms/q": round(per_q * 1000, 1)})
        finally:
            sphinx_nodes.stop(root / "cluster")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
