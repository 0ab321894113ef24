"""Benchmark the corpus layer: load (parse), resolve, tasks, graph, save and reload.

Usage: ``python scripts/bench_corpus.py [PATH...]`` (default: the demo corpus, then
``../shared/corpus/laws`` and ``../shared/corpus/tvpl`` when present). Prints one table row
per corpus; the figures in ``docs/corpus.md`` come from here. Not a test.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from vbpl.corpus import Corpus
from vbpl.corpus.load import iter_documents
from vbpl.corpus.store import demo_path

REPO = Path(__file__).resolve().parents[1]


def bench(name: str, paths: list[Path]) -> None:
    size = sum(
        f.stat().st_size
        for p in paths
        for f in ([p] if p.is_file() else p.rglob("*"))
        if f.is_file()
    )
    t0 = time.perf_counter()
    corpus = Corpus()
    errors: list[str] = []
    for doc in iter_documents(paths, on_error=lambda e: errors.append(str(e))):
        corpus.add(doc)
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    corpus.resolve()
    t_resolve = time.perf_counter() - t0
    t0 = time.perf_counter()
    links = len(corpus.relations())
    t_graph = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_tasks = len(corpus.tasks())
    t_tasks = time.perf_counter() - t0
    t0 = time.perf_counter()
    g = corpus.to_networkx()
    t_nx = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    with tempfile.TemporaryDirectory() as tmp:
        row = []
        for suffix in ("jsonl", "jsonl.gz"):
            p = Path(tmp) / f"c.{suffix}"
            t0 = time.perf_counter()
            corpus.save(p)
            t_save = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = Corpus.load(p)
            t_load = time.perf_counter() - t0
            assert again.keys() == corpus.keys()
            row.append(
                f"{suffix}: {p.stat().st_size / 1e6:.1f} MB, save {t_save:.2f} s, load {t_load:.2f} s"
            )
    print(
        f"| {name} | {len(corpus)} | {size / 1e6:.1f} | {t_parse:.2f} | {t_resolve:.2f} | "
        f"{t_graph:.2f} ({links} links) | {t_tasks:.2f} ({n_tasks} tasks) | {t_nx:.2f} "
        f"({g.number_of_edges()} edges) | {peak / 1e6:.0f} | {'; '.join(row)} |"
    )
    if errors:
        print(f"  {len(errors)} inputs skipped, e.g. {errors[0]}", file=sys.stderr)


def main(argv: list[str]) -> None:
    print(
        "| corpus | docs | MB in | parse s | resolve s | graph s | tasks s | networkx s | "
        "peak RSS MB (process, so far) | saved form |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    if argv:
        bench(" ".join(argv), [Path(a) for a in argv])
        return
    bench("demo", [demo_path()])
    shared = REPO.parent / "shared" / "corpus"
    for sub in ("laws", "tvpl"):
        if (shared / sub).is_dir():
            bench(f"shared/{sub}", [shared / sub])


if __name__ == "__main__":
    main(sys.argv[1:])
