"""Scale benchmark: a synthetic national corpus, parsed on every core, indexed, queried.

Builds, at run time, ``--docs`` documents from the articles (Điều) of the shared laws and
commercial-site documents and the headings of the shared Party documents: each synthetic
document gets its own issuer, type, number, date and title (so that every key is unique) and
a random handful of articles or headings, so that the corpus has about 17 sections per
document like the national database (300,000 documents ≈ 5 million sections). Nothing is
copied into the repository: the texts are assembled in memory and parsed.

Phases (each timed, wall and CPU, in a process of its own so that peak RSS is its own):

1. ``parse``: the texts are generated one at a time in this process and parsed by ``--jobs``
   workers (:func:`vbpl.corpus.parallel.ordered_map`); each worker writes its document's
   JSON, streamed to a saved corpus (JSON lines) under ``--work``. Reports MB/s of text,
   documents/s, sections.
2. ``index``: :meth:`vbpl.search.SearchIndex.add_paths` on the saved corpus: ``--jobs``
   workers decode the rows and compute every unit's field values, this process writes them
   (whoosh: the first ``--whoosh-docs`` rows). Reports build wall and CPU (main, workers),
   index size, peak RSS.
3. ``query``: the index opened afresh (the writer closed, merges done): p50 / p95 wall and
   CPU latency of text queries (two or three words, quoted phrases), number queries
   (``45/2019/NĐ-CP``, ``nđ 45``) and pinpoint queries (``khoản 2 Điều 5 Nghị định
   45/2019/NĐ-CP``), by kind.

Nothing holds the whole corpus: memory stays bounded at any ``--docs``.

Usage::

    python scripts/bench_scale.py --docs 300000 [--jobs 2] [--engines tantivy]
        [--whoosh-docs 1000] [--work /tmp/vbpl-scale] [--json results.jsonl] [--keep]
    python scripts/bench_scale.py --docs 30000 --phase query   # rerun one phase (--keep)

The results (one JSON object per phase) are printed and appended to ``--json``.
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
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

#: (document type, type code of the number, issuer, issuer code, number shape)
KINDS: tuple[tuple[str, str, str, str, str], ...] = (
    ("NGHỊ ĐỊNH", "NĐ", "CHÍNH PHỦ", "CP", "legal"),
    ("THÔNG TƯ", "TT", "BỘ TÀI CHÍNH", "BTC", "legal"),
    ("THÔNG TƯ", "TT", "BỘ GIÁO DỤC VÀ ĐÀO TẠO", "BGDĐT", "legal"),
    ("QUYẾT ĐỊNH", "QĐ", "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH", "UBND", "admin"),
    ("QUYẾT ĐỊNH", "QĐ", "THỦ TƯỚNG CHÍNH PHỦ", "TTg", "admin"),
    ("LUẬT", "", "QUỐC HỘI", "QH15", "law"),
    ("NGHỊ QUYẾT", "NQ", "HỘI ĐỒNG NHÂN DÂN TỈNH THÁI BÌNH", "HĐND", "legal"),
    ("HƯỚNG DẪN", "HD", "BAN TUYÊN GIÁO TRUNG ƯƠNG", "BTGTW", "party"),
    ("KẾ HOẠCH", "KH", "TỈNH ỦY BẮC NINH", "TU", "party"),
)
TOPICS = (
    "quản lý thuế",
    "giáo dục nghề nghiệp",
    "bảo vệ môi trường",
    "đất đai",
    "an toàn thực phẩm",
    "chuyển đổi số",
    "phòng, chống tham nhũng",
    "xây dựng nông thôn mới",
    "bảo hiểm xã hội",
    "khoa học và công nghệ",
    "quản lý đầu tư công",
    "công tác cán bộ",
)


# ---------------------------------------------------------------------------------------------
# source blocks: articles and headings of the shared documents (read, never written anywhere)


def source_blocks(jobs: int) -> tuple[list[str], list[str]]:
    """Article texts (``Điều N. …`` with its clauses and points) and Party heading blocks."""
    from vbpl.corpus.load import iter_documents

    folders = [SHARED / "corpus" / "laws", SHARED / "corpus" / "tvpl", SHARED / "corpus" / "party"]
    articles: list[str] = []
    headings: list[str] = []
    for doc in iter_documents(
        [f for f in folders if f.is_dir()], on_error=lambda e: None, jobs=jobs
    ):
        for s in doc.walk():
            if s.kind == "article" and 200 <= len(s.span) <= 6000:
                articles.append(s.full_text(doc.text))
        for s in doc.sections:
            if s.kind == "heading" and 200 <= len(s.span) <= 6000:
                headings.append(s.full_text(doc.text))
    if not articles:
        raise SystemExit(f"no articles found under {SHARED / 'corpus'}")
    return articles, headings or articles


def _renumber(block: str, n: int, kind: str) -> str:
    head, _, rest = block.partition("\n")
    if kind == "article" and head.startswith("Điều "):
        label, dot, title = head[5:].partition(".")
        head = f"Điều {n}.{title}" if dot else f"Điều {n}. {label}"
    elif kind == "heading":
        label, dot, title = head.partition(".")
        roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][(n - 1) % 10]
        head = f"{roman}.{title}" if dot else head
    return head + ("\n" + rest if rest else "")


def synthetic_texts(
    n_docs: int, articles: list[str], headings: list[str], seed: int = 13
) -> Iterator[tuple[int, str, str, str]]:
    """``(index, source name, text, number)`` for ``n_docs`` documents with unique keys."""
    rng = random.Random(seed)
    counters: dict[tuple[str, int], int] = {}
    for i in range(n_docs):
        doc_type, code, issuer, issuer_code, shape = KINDS[i % len(KINDS)]
        year = 1995 + rng.randrange(31)
        serial = counters.get((issuer_code + code, year), 0) + 1
        counters[(issuer_code + code, year)] = serial
        if shape == "legal":
            number = f"{serial}/{year}/{code}-{issuer_code}"
        elif shape == "law":
            number = f"{serial}/{year}/{issuer_code}"
        elif shape == "admin":
            number = f"{serial}/{code}-{issuer_code}"
        else:
            number = f"{serial}-{code}/{issuer_code}"
        day, month = 1 + rng.randrange(28), 1 + rng.randrange(12)
        topic = rng.choice(TOPICS)
        title = f"Quy định chi tiết một số điều về {topic} (văn bản thử số {i})"
        party = shape == "party"
        blocks = headings if party else articles
        target = rng.choice((3, 5, 8, 10, 14, 18, 24, 30, 40))
        body: list[str] = []
        approx = 0
        k = 0
        while approx < target:
            k += 1
            block = rng.choice(blocks)
            body.append(_renumber(block, k, "heading" if party else "article"))
            approx += 1 + block.count("\n")
        cited = f"{max(1, serial - 1)}/{year}/{code}-{issuer_code}" if shape == "legal" else ""
        basis = (
            f"Căn cứ {doc_type.capitalize()} số {cited} ngày {day} tháng {month} năm {year};"
            if cited
            else ""
        )
        header = [
            issuer,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if not party else "ĐẢNG CỘNG SẢN VIỆT NAM",
            f"Số: {number}",
            f"Hà Nội, ngày {day:02d} tháng {month:02d} năm {year}",
            doc_type,
            title.upper() if rng.random() < 0.3 else title,
            basis,
        ]
        tail = ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. BAN THƯỜNG VỤ", "Nguyễn Văn An"]
        text = "\n".join([*(h for h in header if h), *body, *tail]) + "\n"
        yield i, f"synthetic/{i:06d}.txt", text, number


# ---------------------------------------------------------------------------------------------
# phase 1: parse


def _parse_one(task: tuple[int, str, str, str]) -> tuple[bytes, int, int]:
    from vbpl.pipeline import parse

    _, name, text, _ = task
    doc = parse(text, source=name)
    return doc.to_json(), sum(1 for _ in doc.walk()), len(text.encode("utf-8"))


def phase_parse(args: argparse.Namespace) -> dict[str, Any]:
    from vbpl import __version__
    from vbpl.corpus.parallel import Failed, ordered_map

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    blocks = work / "blocks.json"
    if blocks.exists():
        articles, headings = json.loads(blocks.read_text(encoding="utf-8"))
    else:
        articles, headings = source_blocks(args.jobs)
        blocks.write_text(json.dumps([articles, headings], ensure_ascii=False), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    saved = work / f"corpus-{args.docs}.jsonl"
    numbers: list[str] = []
    texts = synthetic_texts(args.docs, articles, headings)

    def tasks() -> Iterator[tuple[int, str, str, str]]:
        for t in texts:
            if len(numbers) < 5000:
                numbers.append(t[3])
            yield t

    sections = n_bytes = failed = docs = 0
    w0, c0 = time.perf_counter(), time.process_time()
    with saved.open("wb") as f:
        header = {"vbpl_corpus": 1, "documents": args.docs, "vbpl": __version__}
        f.write(json.dumps(header).encode() + b"\n")
        for result in ordered_map(
            _parse_one, tasks(), jobs=args.jobs, batch=16, progress=None, total=args.docs
        ):
            if isinstance(result, Failed):
                failed += 1
                continue
            data, n_sec, size = result
            f.write(data + b"\n")
            sections += n_sec
            n_bytes += size
            docs += 1
    wall = time.perf_counter() - w0
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_ru = resource.getrusage(resource.RUSAGE_SELF)
    (work / f"numbers-{args.docs}.json").write_text(json.dumps(numbers), encoding="utf-8")
    return {
        "phase": "parse",
        "docs": docs,
        "failed": failed,
        "sections": sections,
        "text_mb": round(n_bytes / 1e6, 1),
        "jobs": args.jobs,
        "wall_s": round(wall, 1),
        "cpu_s_main": round(time.process_time() - c0, 1),
        "cpu_s_workers": round(
            children.ru_utime + children.ru_stime - before.ru_utime - before.ru_stime, 1
        ),
        "mb_per_s_wall": round(n_bytes / 1e6 / wall, 2),
        "docs_per_s_wall": round(docs / wall, 1),
        "saved_mb": round(saved.stat().st_size / 1e6, 1),
        "peak_rss_mb_main": round(self_ru.ru_maxrss / 1024),
        "peak_rss_mb_worker": round(children.ru_maxrss / 1024),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


# ---------------------------------------------------------------------------------------------
# phases 2 and 3: index and query (in a child process)


def make_queries(saved: Path, numbers: list[str], n: int, seed: int = 7) -> dict[str, list[str]]:
    """Text, number and pinpoint queries drawn from the corpus itself."""
    from vbpl.model import Document

    rng = random.Random(seed)
    texts: list[str] = []
    types: dict[str, str] = {}
    with saved.open("rb") as f:
        next(f)
        for i, line in enumerate(f):
            if i >= 400:
                break
            doc = Document.from_json(line)
            if doc.metadata.number and doc.metadata.doc_type:
                types[doc.metadata.number] = doc.metadata.doc_type
            texts.extend(s.text for s in doc.walk() if len(s.text.split()) > 8)
    out: dict[str, list[str]] = {"words": [], "phrase": [], "number": [], "pinpoint": []}
    for _ in range(n):
        words = rng.choice(texts).split()
        start = rng.randrange(0, max(1, len(words) - 4))
        out["words"].append(" ".join(words[start : start + rng.choice((2, 3))]))
        out["phrase"].append('"' + " ".join(words[start : start + 2]) + '"')
        number = rng.choice(numbers)
        serial = number.split("/")[0].split("-")[0]
        code = number.replace("-", "/").split("/")[-2 if number.count("/") >= 2 else 1]
        out["number"].append(number if rng.random() < 0.7 else f"{code.lower()} {serial}")
        doc_type = types.get(number, "Nghị định")
        out["pinpoint"].append(
            f"khoản {rng.randrange(1, 4)} Điều {rng.randrange(1, 9)} {doc_type} {number}"
        )
    return out


def _pct(xs: list[float], p: int) -> float:
    return round(statistics.quantiles(xs, n=100)[p - 1], 1) if len(xs) > 1 else 0.0


def _cpu_children() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def phase_index(args: argparse.Namespace) -> dict[str, Any]:
    """Build the index from the saved corpus: ``--jobs`` workers decode the rows and compute
    every unit's field values (:meth:`SearchIndex.add_paths`), this process writes them."""
    from vbpl.search import open_index

    work = Path(args.work)
    saved = work / f"corpus-{args.docs}.jsonl"
    index = work / f"ix-{args.engine}-{args.docs}"
    shutil.rmtree(index, ignore_errors=True)
    limit = args.docs if args.engine == "tantivy" else min(args.docs, args.whoosh_docs)
    if limit < args.docs:  # the first ``limit`` rows, streamed to a smaller saved corpus
        part = work / f"corpus-{args.docs}-first{limit}.jsonl"
        with saved.open("rb") as src, part.open("wb") as dst:
            for i, line in enumerate(src):
                if i > limit:
                    break
                dst.write(line)
        saved = part
    w0, c0, k0 = time.perf_counter(), time.process_time(), _cpu_children()
    with open_index(index, engine=args.engine) as ix:
        n = ix.add_paths(
            [saved], jobs=args.jobs, batch_docs=2000, batch_units=50_000, progress=False
        )
        build_wall = time.perf_counter() - w0
        build_cpu_main = time.process_time() - c0
        build_cpu_workers = _cpu_children() - k0
        units = ix.count(None)
        docs = ix.count("document")
    size = sum(p.stat().st_size for p in index.rglob("*") if p.is_file())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sections = units - docs
    return {
        "phase": "index",
        "engine": args.engine,
        "jobs": args.jobs,
        "docs": n,
        "sections": sections,
        "units": units,
        "build_wall_s": round(build_wall, 1),
        "build_cpu_s_main": round(build_cpu_main, 1),
        "build_cpu_s_workers": round(build_cpu_workers, 1),
        "sections_per_s_wall": round(sections / build_wall),
        "sections_per_cpu_s": round(sections / max(1e-9, build_cpu_main + build_cpu_workers)),
        "size_mb": round(size / 2**20, 1),
        "peak_rss_mb_main": round(peak),
        "peak_rss_mb_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def phase_query(args: argparse.Namespace) -> dict[str, Any]:
    """Queries of each kind on the index the index phase built (opened afresh, warmed up
    by 20 word queries): wall and CPU time of each."""
    from vbpl.search import open_index

    work = Path(args.work)
    saved = work / f"corpus-{args.docs}.jsonl"
    numbers = json.loads((work / f"numbers-{args.docs}.json").read_text())
    index = work / f"ix-{args.engine}-{args.docs}"
    limit = args.docs if args.engine == "tantivy" else min(args.docs, args.whoosh_docs)
    with open_index(index, engine=args.engine) as ix:
        queries = make_queries(saved, numbers[: max(1, min(limit, len(numbers)))], args.queries)
        for q in queries["words"][:20]:  # warm up
            ix.search(q, facets=False)
        lat: dict[str, list[float]] = {}
        cpu: dict[str, list[float]] = {}
        for kind, qs in queries.items():
            lat[kind], cpu[kind] = [], []
            for q in qs:
                t, c = time.perf_counter(), time.process_time()
                ix.search(q, limit=10, facets=False)
                lat[kind].append((time.perf_counter() - t) * 1000)
                cpu[kind].append((time.process_time() - c) * 1000)
        units = ix.count(None)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    every = [x for xs in lat.values() for x in xs]
    every_cpu = [x for xs in cpu.values() for x in xs]
    if not args.keep:
        shutil.rmtree(index, ignore_errors=True)
    return {
        "phase": "query",
        "engine": args.engine,
        "units": units,
        "queries_per_kind": args.queries,
        "p50_ms": _pct(every, 50),
        "p95_ms": _pct(every, 95),
        "cpu_p50_ms": _pct(every_cpu, 50),
        "cpu_p95_ms": _pct(every_cpu, 95),
        **{f"{k}_p50_ms": _pct(v, 50) for k, v in lat.items()},
        **{f"{k}_p95_ms": _pct(v, 95) for k, v in lat.items()},
        **{f"{k}_cpu_p50_ms": _pct(v, 50) for k, v in cpu.items()},
        **{f"{k}_cpu_p95_ms": _pct(v, 95) for k, v in cpu.items()},
        "peak_rss_mb": round(peak),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300_000, help="documents (default 300,000)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parse processes")
    ap.add_argument("--whoosh-docs", type=int, default=2000, help="documents whoosh indexes")
    ap.add_argument("--engines", nargs="+", default=["tantivy", "whoosh"])
    ap.add_argument("--queries", type=int, default=200, help="queries of each kind")
    ap.add_argument("--work", default="/tmp/vbpl-scale", help="folder for the corpus and index")
    ap.add_argument("--json", type=Path, help="append the result lines to this file")
    ap.add_argument("--keep", action="store_true", help="keep the indexes")
    ap.add_argument(
        "--phase",
        choices=("parse", "index", "query"),
        help="run one phase only (index and query reuse the files of earlier runs in --work)",
    )
    ap.add_argument("--engine", default="tantivy", help="the engine of --phase index / query")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    def emit(result: dict[str, Any]) -> None:
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        line = json.dumps({"date": stamp, "target_docs": args.docs, **result})
        print(line, flush=True)
        if args.json:
            with args.json.open("a", encoding="utf-8") as f:
                f.write(line + "\n")

    phases = {"parse": phase_parse, "index": phase_index, "query": phase_query}
    if args.phase is not None and args.child:
        print(json.dumps(phases[args.phase](args)))
        return 0
    if not (SHARED / "corpus").is_dir():
        print(f"no shared corpus at {SHARED / 'corpus'}", file=sys.stderr)
        return 1
    common = [
        "--docs",
        str(args.docs),
        "--jobs",
        str(args.jobs),
        "--work",
        args.work,
        "--queries",
        str(args.queries),
        "--whoosh-docs",
        str(args.whoosh_docs),
    ] + (["--keep"] if args.keep else [])
    if args.phase == "parse":
        runs = [["--phase", "parse"]]
    elif args.phase is not None:  # one phase, every engine (or --engine)
        engines = [args.engine] if "--engine" in (argv or sys.argv) else args.engines
        runs = [["--phase", args.phase, "--engine", e] for e in engines]
    else:
        runs = [["--phase", "parse"]] + [
            ["--phase", p, "--engine", e] for e in args.engines for p in ("index", "query")
        ]
    for extra in runs:
        # each phase in a fresh process: its peak RSS and CPU time are its own
        cmd = [sys.executable, __file__, *common, *extra, "--child"]
        res = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
        if res.returncode:
            print(f"{' '.join(extra)}: failed (exit {res.returncode})", file=sys.stderr)
            return 1
        emit(json.loads(res.stdout.strip().splitlines()[-1]))
    print(f"# {date.today()} {' '.join(sys.argv)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
