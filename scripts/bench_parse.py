"""Benchmark: throughput of ``vbpl.parser.document.parse_text`` alone, and time against size.

Usage: python scripts/bench_parse.py [--shared ../shared] [--runs 5]

1. MB/s (UTF-8 bytes of input per second, one process) over every ``corpus/laws/*.txt``:
   each run parses all files once; the figure is the median over ``--runs`` runs, in wall
   time and in CPU time of this process (CPU time is less disturbed by other load).
2. Linearity: the concatenation of all laws (1×) and ten copies of it (10×) are parsed as one
   document each (CPU seconds, best of two); the script prints the ratio (linear time gives
   ≈ 10).

Without ``../shared`` it falls back to a synthetic law written by :func:`synthetic_law`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from vbpl.parser.document import parse_text  # noqa: E402


def synthetic_law(articles: int = 400) -> str:
    """An invented law with chapters, articles, clauses and points (for machines without the corpus)."""
    out = [
        "QUỐC HỘI",
        "Luật số: 99/2099/QH99",
        "Hà Nội, ngày 1 tháng 1 năm 2099",
        "LUẬT",
        "THỬ NGHIỆM",
    ]
    for a in range(1, articles + 1):
        if a % 20 == 1:
            out += [f"Chương {a // 20 + 1}", "QUY ĐỊNH VỀ THỬ NGHIỆM"]
        out.append(f"Điều {a}. Nội dung thử nghiệm số {a}")
        for k in range(1, 4):
            out.append(
                f"{k}. Khoản thử nghiệm có nội dung dài vừa phải, theo quy định tại Điều {a} của Luật này:"
            )
            out += [f"{p}) Điểm thử nghiệm {p} với văn bản mô tả." for p in "abcdđ"]
    return "\n".join(out)


def _timed(doc: str) -> float:
    c0 = time.process_time()
    parse_text(doc)
    return time.process_time() - c0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    laws_dir = Path(args.shared) / "corpus" / "laws"
    # first, while this process is small: Linux keeps a forked child's peak RSS across exec
    memory = _peak_memory(laws_dir if laws_dir.is_dir() else None)
    if laws_dir.is_dir():
        texts = [p.read_text(encoding="utf-8-sig") for p in sorted(laws_dir.glob("*.txt"))]
        what = f"{len(texts)} laws of {laws_dir}"
    else:
        texts = [synthetic_law()] * 20
        what = "20 synthetic laws (../shared absent)"
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    walls, cpus = [], []
    for _ in range(args.runs):
        w0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            parse_text(t)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(f"corpus: {what}, {mb:.1f} MB")
    print(
        f"parse_text: median over {args.runs} runs: wall {wall:.2f} s -> {mb / wall:.1f} MB/s; "
        f"CPU {cpu:.2f} s -> {mb / cpu:.1f} MB/s"
    )
    one = "\n".join(texts)
    rows = []
    for name, k in (("1x", 1), ("10x", 10)):
        doc = "\n".join([one] * k)
        best = min(_timed(doc) for _ in range(2))  # best of two: least disturbed by other load
        rows.append((name, len(doc.encode("utf-8")) / 1e6, best))
        del doc
    for name, size, secs in rows:
        print(f"{name:>4}: {size:7.1f} MB in {secs:6.2f} s CPU ({size / secs:.1f} MB/s)")
    print(f"time ratio 10x/1x: {rows[1][2] / rows[0][2]:.1f} (linear = 10)")
    print(memory)


def texts_for(laws: str | None) -> str:
    """The 1x document of the benchmark: all laws joined (or the synthetic laws)."""
    if laws:
        return "\n".join(
            p.read_text(encoding="utf-8-sig") for p in sorted(Path(laws).glob("*.txt"))
        )
    return "\n".join([synthetic_law()] * 20)


def _peak_memory(laws_dir: Path | None) -> str:
    """Peak resident memory of a fresh process that parses the 1x document (Linux ru_maxrss)."""
    import subprocess

    code = (
        "import resource, sys\n"
        f"sys.path[:0] = [{str(REPO / 'src')!r}, {str(REPO / 'scripts')!r}]\n"
        "from bench_parse import texts_for\n"
        "from vbpl.parser.document import parse_text\n"
        f"text = texts_for({str(laws_dir) if laws_dir else None!r})\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "doc = parse_text(text)\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(len(text.encode('utf-8')) / 1e6, base / 1024, peak / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    size, base, peak = (float(x) for x in out.split())
    return (
        f"peak memory parsing the 1x document ({size:.1f} MB): {peak:.0f} MB resident "
        f"({base:.0f} MB before parsing, text loaded); budget 200 MB + 10 x size = {200 + 10 * size:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
