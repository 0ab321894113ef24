"""Benchmark the search engines: indexing time, index size, peak memory, query latency.

Builds a set of documents of about N sections from ``../shared/corpus/laws`` (parsed once by
vbpl and cached as JSON lines under ``/tmp``; replicated under new numbers when the laws run
out), then, for each engine and size, indexes it in a fresh child process (so that peak
memory is that run's alone) and times queries in the same process: p50/p95 over many queries
of four kinds — two or three words, a longer question, a quoted phrase and a document number.

With ``--answers`` it also reports, beside the ranking figures of ALQAC
(``--alqac``: ``scripts/eval_alqac.py``, shipped default, tantivy), how the queries of legal
users are answered (``scripts/eval_search_queries.py`` on ``../shared/corpus/tvpl``):
pinpoint → article first, number → document first, absent numbers → no hits, crowding,
clean snippets and the cost of a CLI search against the command's start-up.

Usage::

    python scripts/bench_search.py [--sizes 10000 100000] [--engines whoosh tantivy]
        [--max-seconds 600] [--queries 300] [--json out.json] [--answers] [--alqac]
    python scripts/bench_search.py --sizes --answers --alqac   # answers and ranking only

``--max-seconds`` caps the indexing of one run: the run stops feeding documents after that
time and reports how many sections it indexed (whoosh at 100k sections takes long).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
LAWS = REPO.parent / "shared" / "corpus" / "laws"
CACHE = Path("/tmp/vbpl-bench")


def build_set(size: int) -> Path:
    """A JSON-lines file of parsed documents holding at least ``size`` sections."""
    from vbpl.pipeline import parse_file

    CACHE.mkdir(parents=True, exist_ok=True)
    out = CACHE / f"laws-{size}.jsonl"
    if out.exists():
        return out
    parsed = CACHE / "laws-parsed.jsonl"
    if not parsed.exists():
        tmp = parsed.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            for p in sorted(LAWS.glob("*.txt")):
                doc = parse_file(p)
                f.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        tmp.rename(parsed)
    from vbpl.model import Document

    rows = [json.loads(line) for line in parsed.read_text(encoding="utf-8").splitlines()]
    n_sections = 0
    copy = 0
    with out.open("w", encoding="utf-8") as f:
        while n_sections < size:
            for row in rows:
                doc = Document.from_dict(row)
                if copy:  # a replica under a new number, so that keys stay distinct
                    md = doc.metadata
                    number = f"{md.number or doc.source}-r{copy}"
                    doc = doc.with_(metadata=replace(md, number=number))
                count = sum(1 for _ in doc.walk())
                f.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
                n_sections += count
                if n_sections >= size:
                    break
            copy += 1
    return out


def make_queries(path: Path, n: int, seed: int = 7) -> list[str]:
    """Queries drawn from the set's own text: words, questions, phrases and numbers."""
    from vbpl.model import Document

    rng = random.Random(seed)
    texts: list[str] = []
    numbers: list[str] = []
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i > 200:
                break
            doc = Document.from_dict(json.loads(line))
            if doc.metadata.number:
                numbers.append(doc.metadata.number)
            texts.extend(s.text for s in doc.walk() if len(s.text.split()) > 12)
    queries = []
    for i in range(n):
        words = rng.choice(texts).split()
        start = rng.randrange(0, max(1, len(words) - 12))
        kind = i % 4
        if kind == 0:
            queries.append(" ".join(words[start : start + rng.choice((2, 3))]))
        elif kind == 1:
            queries.append(" ".join(words[start : start + 12]))
        elif kind == 2:
            queries.append('"' + " ".join(words[start : start + 2]) + '"')
        else:
            queries.append(rng.choice(numbers) if numbers else words[start])
    return queries


def child(args: argparse.Namespace) -> int:
    """One run: index ``args.set`` into ``args.index`` with one engine, then time queries."""
    from vbpl.model import Document
    from vbpl.search import open_index

    deadline = time.monotonic() + args.max_seconds
    counted = {"docs": 0, "sections": 0, "capped": False}

    def docs():
        with open(args.set, encoding="utf-8") as f:
            for line in f:
                if time.monotonic() > deadline:
                    counted["capped"] = True
                    return
                doc = Document.from_dict(json.loads(line))
                counted["docs"] += 1
                counted["sections"] += sum(1 for _ in doc.walk())
                yield doc

    options: dict[str, Any] = {}
    if args.engine == "whoosh" and args.limitmb:
        options["limitmb"] = args.limitmb
    t = time.perf_counter()
    with open_index(args.index, engine=args.engine, **options) as ix:
        ix.add(docs(), batch_docs=args.batch_docs)
        index_s = time.perf_counter() - t
        queries = make_queries(Path(args.set), args.queries)
        for q in queries[:20]:  # warm up
            ix.search(q, facets=False)
        lat: dict[str, list[float]] = {"all": [], "facets": []}
        kinds = ("words", "question", "phrase", "number")
        for k in kinds:
            lat[k] = []
        for i, q in enumerate(queries):
            t = time.perf_counter()
            ix.search(q, limit=10, facets=False)
            ms = (time.perf_counter() - t) * 1000
            lat["all"].append(ms)
            lat[kinds[i % 4]].append(ms)
        for q in queries[: len(queries) // 3]:
            t = time.perf_counter()
            ix.search(q, limit=10, facets=True)
            lat["facets"].append((time.perf_counter() - t) * 1000)
        units = ix.count(None)
    size = sum(p.stat().st_size for p in Path(args.index).rglob("*") if p.is_file())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def pct(xs: list[float], p: float) -> float:
        return round(statistics.quantiles(xs, n=100)[int(p) - 1], 2) if len(xs) > 1 else 0.0

    print(
        json.dumps(
            {
                "engine": args.engine,
                "docs": counted["docs"],
                "sections": counted["sections"],
                "units": units,
                "capped": counted["capped"],
                "index_s": round(index_s, 1),
                "size_mb": round(size / 2**20, 1),
                "peak_mb": round(peak),
                "queries": len(queries),
                "p50_ms": pct(lat["all"], 50),
                "p95_ms": pct(lat["all"], 95),
                "facets_p50_ms": pct(lat["facets"], 50),
                "facets_p95_ms": pct(lat["facets"], 95),
                "limitmb": args.limitmb,
                "batch_docs": args.batch_docs,
                **{f"{k}_p50_ms": pct(lat[k], 50) for k in kinds},
                **{f"{k}_p95_ms": pct(lat[k], 95) for k in kinds},
            }
        )
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", nargs="*", type=int, default=[10_000, 100_000])
    ap.add_argument(
        "--answers", action="store_true", help="also run scripts/eval_search_queries.py"
    )
    ap.add_argument("--alqac", action="store_true", help="also run scripts/eval_alqac.py")
    ap.add_argument("--engines", nargs="+", default=["tantivy", "whoosh"])
    ap.add_argument("--max-seconds", type=float, default=600)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--batch-docs", type=int, default=200)
    ap.add_argument("--limitmb", type=int, default=0, help="whoosh writer memory (MB)")
    ap.add_argument("--json", type=Path, help="append result lines to this file")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--set", help=argparse.SUPPRESS)
    ap.add_argument("--index", help=argparse.SUPPRESS)
    ap.add_argument("--engine", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(args)
    if args.alqac:
        res = subprocess.run(
            [
                sys.executable,
                str(REPO / "scripts" / "eval_alqac.py"),
                "--engines",
                "tantivy",
                "--configs",
                "default",
            ],
            capture_output=True,
            text=True,
            env=os.environ,
        )
        for line in res.stdout.splitlines():
            if line.startswith(("bm25s ", "tantivy default")) and " all " in line:
                print(f"ranking (ALQAC): {line}", flush=True)
    if args.answers:
        res = subprocess.run(
            [sys.executable, str(REPO / "scripts" / "eval_search_queries.py")],
            capture_output=True,
            text=True,
            env=os.environ,
        )
        if res.returncode:
            print(f"answers: failed\n{res.stderr[-2000:]}", file=sys.stderr)
        else:
            report = json.loads(res.stdout[res.stdout.index("{") :])
            keys = (
                "pinpoint_article_first",
                "number_document_first",
                "absent_numbers_no_hits",
                "cited_not_held_only_citing",
                "crowding_max_per_doc_top10",
                "snippets_clean",
            )
            print("answers: " + ", ".join(f"{k} {report[k]}" for k in keys), flush=True)
            if "cli" in report:
                print(f"answers: cli {json.dumps(report['cli'])}", flush=True)
            if args.json:
                with args.json.open("a", encoding="utf-8") as f:
                    f.write(json.dumps({"answers": report}, ensure_ascii=False) + "\n")
    if not args.sizes:
        return 0
    if not LAWS.is_dir():
        print(f"no laws at {LAWS}", file=sys.stderr)
        return 1
    for size in args.sizes:
        data = build_set(size)
        for engine in args.engines:
            index = CACHE / f"ix-{engine}-{size}"
            shutil.rmtree(index, ignore_errors=True)
            cmd = [
                sys.executable,
                __file__,
                "--child",
                "--set",
                str(data),
                "--index",
                str(index),
                "--engine",
                engine,
                "--max-seconds",
                str(args.max_seconds),
                "--queries",
                str(args.queries),
                "--batch-docs",
                str(args.batch_docs),
                "--limitmb",
                str(args.limitmb),
            ]
            res = subprocess.run(cmd, capture_output=True, text=True, env=os.environ)
            if res.returncode:
                print(f"{engine} {size}: failed\n{res.stderr[-2000:]}", file=sys.stderr)
                continue
            line = res.stdout.strip().splitlines()[-1]
            print(f"target {size}: {line}", flush=True)
            if args.json:
                with args.json.open("a", encoding="utf-8") as f:
                    f.write(json.dumps({"target": size, **json.loads(line)}) + "\n")
            shutil.rmtree(index, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
