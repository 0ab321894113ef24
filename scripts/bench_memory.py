"""Peak memory of parsing and of indexing one large law text, as a multiple of its size.

Usage::

    python scripts/bench_memory.py [--mb 20] [--inputs synthetic laws]
                                   [--engines [whoosh tantivy]] [--trace]

Two inputs, each written to a temporary file of about ``--mb`` megabytes (never into the
repository):

* ``synthetic``: a law of our own words (chapters, articles, three clauses of three points
  each, two citations per clause): ~15,700 references and ~10,800 sections per MB, about 20x
  denser in references than real law text: the worst case.
* ``laws``: the real laws of ``../shared/corpus/laws/*.txt`` concatenated in name order up to
  ``--mb`` (16.3 MB in all) and parsed as one file; skipped when ``../shared`` is absent.

Each measurement runs in a fresh process and reports the peak resident memory above the
process's baseline after imports (``ru_maxrss``), divided by the input's size in bytes.
``--trace`` also prints the top allocation sites (tracemalloc). The target of issue 14 is at
most 8x for parsing and for indexing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, gc
task, path, engine, trace = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
import vbpl.pipeline, vbpl.parser.document, vbpl.refs, vbpl.search.index  # imports first
from vbpl.search import open_index
import vbpl.search.whoosh_engine, vbpl.search.tantivy_engine
gc.collect()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
if trace:
    import tracemalloc
    tracemalloc.start(8)
from vbpl.pipeline import parse_file
doc = parse_file(path)
if task == "index":
    import tempfile
    with open_index(tempfile.mkdtemp(), engine=engine) as ix:
        ix.add([doc])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
out = {"base": base, "peak": peak}
if trace:
    snap = tracemalloc.take_snapshot()
    cur, tpeak = tracemalloc.get_traced_memory()
    out["traced_peak"] = tpeak
    out["top"] = [str(s) for s in snap.statistics("lineno")[:12]]
print(json.dumps(out))
"""


def law_text(mb: float) -> str:
    """A law-shaped text of about ``mb`` megabytes."""
    parts = ["QUỐC HỘI", "Luật số: 99/2099/QH99", "LUẬT", "THỬ NGHIỆM BỘ NHỚ"]
    size = 0
    art = 0
    chapter = 0
    while size < mb * 1_000_000:
        if art % 20 == 0:
            chapter += 1
            parts.append(f"Chương {chapter}\nQUY ĐỊNH NHÓM {chapter}")
        art += 1
        block = [f"Điều {art}. Nội dung của điều {art}"]
        for k in range(1, 4):
            block.append(
                f"{k}. Khoản {k} của Điều {art} quy định việc thực hiện theo Luật số 80/2015/QH13 "
                f"và Nghị định số {art % 200 + 1}/2020/NĐ-CP về trách nhiệm của cơ quan nhà nước."
            )
            for p in "abc":
                block.append(f"{p}) Điểm {p} khoản {k} Điều {art}: yêu cầu cụ thể số {art * k}.")
        text = "\n".join(block)
        parts.append(text)
        size += len(text.encode()) + 1
    return "\n".join(parts) + "\n"


LAWS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "laws"


def real_laws(mb: float) -> bytes | None:
    """The shared laws concatenated byte for byte (line ends as the files have them) up to
    about ``mb`` megabytes (whole files), or ``None`` when ``../shared`` is absent."""
    files = sorted(LAWS.glob("*.txt")) if LAWS.is_dir() else []
    parts: list[bytes] = []
    size = 0
    for f in files:
        if size >= mb * 1_000_000:
            break
        data = f.read_bytes()
        parts.append(data)
        size += len(data) + 1
    return b"\n".join(parts) if parts else None


def measure(name: str, path: Path, engines: list[str], trace: bool) -> None:
    """Print the peaks of parsing ``path`` and of indexing it with each engine."""
    size = path.stat().st_size
    runs = [("parse", "whoosh")] + [("index", e) for e in engines]
    print(f"{name}: input {size / 1e6:.1f} MB")
    for task, engine in runs:
        p = subprocess.run(
            [sys.executable, "-c", CHILD, task, str(path), engine, "1" if trace else "0"],
            capture_output=True,
            text=True,
        )
        if p.returncode:
            print(f"  {task} {engine}: failed: {p.stderr[-500:]}")
            continue
        r = json.loads(p.stdout.strip().splitlines()[-1])
        grown = r["peak"] - r["base"]
        what = task if task == "parse" else f"index ({engine})"
        print(f"  {what}: peak {r['peak'] / 1e6:.0f} MB, above baseline {grown / 1e6:.0f} MB = "
              f"{grown / size:.1f}x the input")  # fmt: skip
        for line in r.get("top", []):
            print("     ", line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument(
        "--inputs", nargs="+", choices=["synthetic", "laws"], default=["synthetic", "laws"]
    )
    ap.add_argument(
        "--engines", nargs="*", default=["whoosh", "tantivy"], help="none: parsing only"
    )
    ap.add_argument("--trace", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.inputs:
            data = law_text(args.mb).encode() if name == "synthetic" else real_laws(args.mb)
            if data is None:
                print(f"{name}: skipped (../shared is absent)")
                continue
            path = Path(tmp) / f"{name}.txt"
            path.write_bytes(data)
            del data
            measure(name, path, args.engines, args.trace)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
