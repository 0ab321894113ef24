"""Benchmark the sphinx engine on N local shards beside tantivy, and a node-down run.

Reuses ``scripts/bench_search.py``: the same document set of about N sections
(``build_set``), the same queries (``make_queries``: words, a question, a phrase, a number)
and, for tantivy, the same child run. For sphinx it starts ``--shards`` local ``searchd``
nodes (``vbpl.search.sphinx_nodes``, data in a temporary folder), indexes the set through
vbpl (analysis in this process, one transaction per shard and batch), times the queries,
then stops node 2 and runs queries again: with the default (an error) and with
``partial=True`` (answers from the other shards, flagged). Every node is stopped at the end.

Usage::

    python scripts/bench_sphinx.py [--sizes 100000] [--shards 2] [--queries 300]
        [--no-tantivy] [--json out.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import bench_search as bs
from vbpl.errors import SearchIndexError
from vbpl.model import Document
from vbpl.search import open_index, sphinx_nodes

KINDS = ("words", "question", "phrase", "number")


def pct(xs: list[float], p: int) -> float:
    return round(statistics.quantiles(xs, n=100)[p - 1], 2) if len(xs) > 1 else 0.0


def tantivy_run(data: Path, args: argparse.Namespace) -> dict[str, Any]:
    """bench_search.py's own child run for tantivy (a fresh process, its peak memory)."""
    with tempfile.TemporaryDirectory(prefix="bench-tantivy-") as tmp:
        cmd = [
            sys.executable,
            str(Path(bs.__file__)),
            "--child",
            "--set",
            str(data),
            "--index",
            str(Path(tmp) / "ix"),
            "--engine",
            "tantivy",
            "--max-seconds",
            str(args.max_seconds),
            "--queries",
            str(args.queries),
            "--batch-docs",
            str(args.batch_docs),
            "--limitmb",
            "0",
        ]
        res = subprocess.run(cmd, capture_output=True, text=True, env=os.environ, check=True)
        return json.loads(res.stdout.strip().splitlines()[-1])


def searchd_peak_mb(folder: Path) -> float:
    """Sum of the peak resident memory (VmHWM) of the cluster's searchd processes."""
    total = 0
    for st in sphinx_nodes.status(folder):
        try:
            for line in Path(f"/proc/{st.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024)


def sphinx_run(data: Path, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-sphinx-") as tmp:
        root = Path(tmp)
        sphinx_nodes.init_cluster(root / "cluster", args.shards)
        try:
            sphinx_nodes.start(root / "cluster")
            nodes = sphinx_nodes.nodes_spec(root / "cluster")
            return _sphinx_measure(data, args, root, nodes)
        finally:
            sphinx_nodes.stop(root / "cluster")


def _sphinx_measure(data: Path, args: argparse.Namespace, root: Path, nodes: str) -> dict[str, Any]:
    counted = {"docs": 0, "sections": 0}

    def docs():
        with data.open(encoding="utf-8") as f:
            for line in f:
                doc = Document.from_dict(json.loads(line))
                counted["docs"] += 1
                counted["sections"] += sum(1 for _ in doc.walk())
                yield doc

    queries = bs.make_queries(data, args.queries)
    out: dict[str, Any] = {"engine": f"sphinx x{args.shards}"}
    t = time.perf_counter()
    with open_index(root / "ix", engine="sphinx", nodes=nodes) as ix:
        ix.add(docs(), batch_docs=args.batch_docs)
        out["index_s"] = round(time.perf_counter() - t, 1)
        out.update(docs=counted["docs"], sections=counted["sections"], units=ix.count(None))
        for q in queries[:20]:  # warm up
            ix.search(q, facets=False)
        lat: dict[str, list[float]] = {k: [] for k in ("all", "facets", *KINDS)}
        totals = []
        for i, q in enumerate(queries):
            t = time.perf_counter()
            res = ix.search(q, limit=10, facets=False)
            ms = (time.perf_counter() - t) * 1000
            lat["all"].append(ms)
            lat[KINDS[i % 4]].append(ms)
            totals.append(res.total)
        for q in queries[: len(queries) // 3]:
            t = time.perf_counter()
            ix.search(q, limit=10, facets=True)
            lat["facets"].append((time.perf_counter() - t) * 1000)
    size = sum(p.stat().st_size for p in (root / "cluster").rglob("data/*") if p.is_file())
    out.update(
        size_mb=round(size / 2**20, 1),
        searchd_peak_mb=searchd_peak_mb(root / "cluster"),
        client_peak_mb=round(_self_peak_kb() / 1024),
        queries=len(queries),
        p50_ms=pct(lat["all"], 50),
        p95_ms=pct(lat["all"], 95),
        facets_p50_ms=pct(lat["facets"], 50),
        facets_p95_ms=pct(lat["facets"], 95),
        **{f"{k}_p50_ms": pct(lat[k], 50) for k in KINDS},
        **{f"{k}_p95_ms": pct(lat[k], 95) for k in KINDS},
    )
    out["node_down"] = _node_down(root, queries[:40], totals[:40])
    return out


def _self_peak_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _node_down(root: Path, queries: list[str], totals: list[int]) -> dict[str, Any]:
    """Stop node 2, query in both modes, restart it and check nothing was lost."""
    sphinx_nodes.stop(root / "cluster", only=2)
    errors: list[str] = []
    with open_index(root / "ix", engine="sphinx") as ix:
        for q in queries:
            try:
                ix.search(q, limit=10, facets=False)
            except SearchIndexError as e:
                errors.append(str(e))
    partial_totals, flagged, lat = [], 0, []
    with open_index(root / "ix", engine="sphinx", partial=True) as ix:
        for q in queries:
            t = time.perf_counter()
            res = ix.search(q, limit=10, facets=False)
            lat.append((time.perf_counter() - t) * 1000)
            partial_totals.append(res.total)
            flagged += bool(ix.engine.missing)
        missing = ix.engine.missing
    sphinx_nodes.start(root / "cluster", only=2)
    with open_index(root / "ix", engine="sphinx") as ix:
        after = [ix.search(q, limit=10, facets=False).total for q in queries]
    return {
        "queries": len(queries),
        "error_mode_errors": len(errors),
        "error_message": errors[0] if errors else None,
        "partial_mode_flagged": flagged,
        "partial_missing": list(missing),
        "partial_hits_share": round(sum(partial_totals) / max(1, sum(totals)), 3),
        "partial_p50_ms": pct(lat, 50),
        "after_restart_same_totals": after == totals,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=[100_000])
    ap.add_argument("--shards", type=int, default=2)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--batch-docs", type=int, default=200)
    ap.add_argument("--max-seconds", type=float, default=1200)
    ap.add_argument("--no-tantivy", action="store_true")
    ap.add_argument("--json", type=Path, help="append result lines to this file")
    args = ap.parse_args(argv)
    if not bs.LAWS.is_dir():
        print(f"no laws at {bs.LAWS}", file=sys.stderr)
        return 1
    for size in args.sizes:
        data = bs.build_set(size)
        runs = [] if args.no_tantivy else [tantivy_run(data, args)]
        runs.append(sphinx_run(data, args))
        for r in runs:
            line = json.dumps({"target": size, **r}, ensure_ascii=False)
            print(line, flush=True)
            if args.json:
                with args.json.open("a", encoding="utf-8") as f:
                    f.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
