"""Peak memory of parsing and of indexing one large law text, as a multiple of its size.

Usage::

    python scripts/bench_memory.py [--mb 20] [--inputs synthetic laws]
                                   [--engines [whoosh tantivy]] [--trace] [--cli] [--repeat N]

Two inputs, each written to a temporary file of about ``--mb`` megabytes (never into the
repository):

* ``synthetic``: a law of our own words (chapters, articles, three clauses of three points
  each, two citations per clause): ~15,700 references and ~10,800 sections per MB, about 20x
  denser in references than real law text: the worst case.
* ``laws``: the real laws of ``../shared/corpus/laws/*.txt`` concatenated in name order up to
  ``--mb`` (16.3 MB in all) and parsed as one file; skipped when ``../shared`` is absent.

Each measurement runs in a fresh process and reports the peak resident memory above the
process's baseline after imports — the engine's library included, which our engine modules
import lazily (the modules a three-line index imports, found in a process of its own; the
figure with the import counted is printed beside it) — (``VmHWM``, the process's own high-water mark: Linux's
``ru_maxrss`` of a child also counts the spawning process's memory), divided by the input's
size in bytes.
``--trace`` also prints the top allocation sites (tracemalloc). The target of issue 14 is at
most 8x for parsing and for indexing.

``--cli`` measures what a user of the ``vbpl`` command gets instead: the *total* peak resident
memory (``VmHWM`` of the process, interpreter and imports included; Linux) of ``vbpl parse FILE
--json > file``, ``vbpl parse FILE > file`` (the outline) and ``vbpl index --index DIR FILE``
per engine, each in a fresh process, divided by the input's size; and, in brackets, the same
above the same command on a three-line file. ``--repeat N`` joins the input N times (is the
multiple flat as the text grows?).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, re, sys, gc
def status(field):  # kB of /proc/self/status: VmHWM is this program's peak since its exec
    return int(re.search(field + r":\s*(\d+) kB", open("/proc/self/status").read()).group(1))
task, path, engine, trace = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
import vbpl.pipeline, vbpl.parser.document, vbpl.refs, vbpl.search.index  # imports first
from vbpl.search import open_index
import vbpl.search.whoosh_engine, vbpl.search.tantivy_engine
import importlib
gc.collect()
before = status("VmHWM") * 1024
if task == "index":  # the engine's library too (our engine modules import it lazily)
    for name in sys.argv[5].split(","):
        if name:
            importlib.import_module(name)
    gc.collect()
base = status("VmHWM") * 1024
if trace:
    import tracemalloc
    tracemalloc.start(8)
from vbpl.pipeline import parse_file
doc = parse_file(path)
if task == "index":
    import tempfile
    with open_index(tempfile.mkdtemp(), engine=engine) as ix:
        ix.add([doc])
peak = status("VmHWM") * 1024
out = {"base": base, "peak": peak, "library": base - before}
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


#: prints the modules (outside ``vbpl``) that indexing a three-line text with an engine
#: imports once the child's own imports are done: the engine's library, which the child of
#: :func:`measure` then imports before its baseline, like every other import
LIBRARY = r"""
import sys, tempfile
import vbpl.pipeline, vbpl.parser.document, vbpl.refs, vbpl.search.index
from vbpl.search import open_index
import vbpl.search.whoosh_engine, vbpl.search.tantivy_engine
from vbpl import parse
known = set(sys.modules)
with open_index(tempfile.mkdtemp(), engine=sys.argv[1]) as ix:
    ix.add([parse("QUỐC HỘI\nLuật số: 1/2020/QH14\nĐiều 1. Phạm vi\n")])
    ix.search("phạm vi")
print(",".join(sorted(m for m in set(sys.modules) - known if not m.startswith("vbpl"))))
"""


def library_modules(engine: str) -> str:
    """The modules indexing with ``engine`` imports (comma-separated), see :data:`LIBRARY`."""
    p = subprocess.run([sys.executable, "-c", LIBRARY, engine], capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError(p.stderr[-500:])
    return p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""


def measure(name: str, path: Path, engines: list[str], trace: bool) -> None:
    """Print the peaks of parsing ``path`` and of indexing it with each engine."""
    size = path.stat().st_size
    runs = [("parse", "whoosh")] + [("index", e) for e in engines]
    print(f"{name}: input {size / 1e6:.1f} MB")
    for task, engine in runs:
        modules = library_modules(engine) if task == "index" else ""
        p = subprocess.run(
            [sys.executable, "-c", CHILD, task, str(path), engine, "1" if trace else "0", modules],
            capture_output=True,
            text=True,
        )
        if p.returncode:
            print(f"  {task} {engine}: failed: {p.stderr[-500:]}")
            continue
        r = json.loads(p.stdout.strip().splitlines()[-1])
        grown = r["peak"] - r["base"]
        what = task if task == "parse" else f"index ({engine})"
        lib = r["library"]
        print(f"  {what}: peak {r['peak'] / 1e6:.0f} MB, above baseline {grown / 1e6:.0f} MB = "
              f"{grown / size:.1f}x the input" + (
              f" (the engine's library imported before the baseline: {lib / 1e6:.1f} MB; "
              f"{(grown + lib) / size:.1f}x with it)" if task == "index" else ""))  # fmt: skip
        for line in r.get("top", []):
            print("     ", line)


TINY = "QUỐC HỘI\nLuật số: 1/2020/QH14\nĐiều 1. Phạm vi\n"


def cli_commands(path: Path, engines: list[str], tmp: str) -> dict[str, list[str]]:
    """The ``vbpl`` commands of ``--cli`` for ``path`` (output and index under ``tmp``)."""
    cmds = {"parse --json": ["parse", str(path), "--json"], "parse": ["parse", str(path)]}
    for engine in engines:
        index = str(Path(tmp) / f"ix-{engine}-{path.stem}")
        cmds[f"index ({engine})"] = ["index", "--index", index, "--engine", engine,
                                     "--no-progress", str(path)]  # fmt: skip
    return cmds


#: runs ``vbpl ARGS`` and then prints the process's own high-water mark (``VmHWM``: the peak
#: of this program's memory since its exec, not the spawning process's, which ``ru_maxrss``
#: of a child would include on Linux)
WRAP = r"""
import re, sys
from vbpl.cli import main
try:
    rc = main(sys.argv[1:])
except SystemExit as e:
    rc = e.code
sys.stdout.flush()
status = open("/proc/self/status").read()
print("VMHWM", re.search(r"VmHWM:\s*(\d+) kB", status).group(1), file=sys.stderr)
sys.exit(rc)
"""


def run_peak(args: list[str], out: Path, env: dict[str, str]) -> int:
    """Peak resident bytes of one ``vbpl`` command run alone in a fresh process."""
    with out.open("wb") as f:
        proc = subprocess.run([sys.executable, "-c", WRAP, *args], stdout=f,
                              stderr=subprocess.PIPE, env=env)  # fmt: skip
    err = proc.stderr.decode(errors="replace").strip()
    last = err.rsplit("\n", 1)[-1]
    if proc.returncode or not last.startswith("VMHWM "):
        raise RuntimeError(err[-500:])
    return int(last.split()[1]) * 1024


def measure_cli(name: str, path: Path, engines: list[str], tmp: str) -> None:
    """Print the total peak of each ``vbpl`` command on ``path`` as a multiple of its size."""
    size = path.stat().st_size
    tiny = Path(tmp) / "tiny.txt"
    tiny.write_text(TINY, encoding="utf-8")
    out = Path(tmp) / "out"
    # bytecode cached, as an installed package runs (compiling sources costs memory too)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
    print(f"{name}: input {size / 1e6:.1f} MB (vbpl command, total peak RSS)")
    big, small = cli_commands(path, engines, tmp), cli_commands(tiny, engines, tmp)
    for what, args in big.items():
        try:
            run_peak(small[what], out, env)  # writes the bytecode cache
            base = run_peak(small[what], out, env)
            peak = run_peak(args, out, env)
        except RuntimeError as e:
            print(f"  {what}: failed: {e}")
            continue
        print(f"  vbpl {what}: peak {peak / 1e6:.0f} MB = {peak / size:.1f}x the input "
              f"({(peak - base) / size:.1f}x above {base / 1e6:.0f} MB on a 3-line file)")  # fmt: skip


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
    ap.add_argument("--cli", action="store_true", help="the vbpl command's total peak")
    ap.add_argument("--repeat", type=int, default=1, help="join the input N times")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.inputs:
            data = law_text(args.mb).encode() if name == "synthetic" else real_laws(args.mb)
            if data is None:
                print(f"{name}: skipped (../shared is absent)")
                continue
            path = Path(tmp) / f"{name}.txt"
            path.write_bytes(b"\n".join([data] * args.repeat))
            del data
            if args.cli:
                measure_cli(name, path, args.engines, tmp)
            else:
                measure(name, path, args.engines, args.trace)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
