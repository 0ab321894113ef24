"""Long fault loops on both search engines: random kills, concurrent creators, disk full,
corruption. Prints one table row per case (tries, failures) for docs/reliability.md.

Usage::

    python scripts/fault_loops.py [--kills 100] [--rounds 20] [--engines whoosh tantivy]

Cases (each try is independent; a failure is described on standard error):

* ``kill``: a forked child indexes synthetic documents through the API, committing every 2
  documents and reporting each commit; it is SIGKILLed at a random moment (0.05-1.5 s). The
  index must then open, hold at least every reported commit, hold only whole documents
  (units = documents x units per document), and pass ``check_index`` (every 10th try and
  after the last).
  Every 10th child merges (``optimize``) instead, and is killed while merging.
* ``creators``: 4 processes index one document each into the same new index at once; all 4
  must be there.
* ``disk-full`` (root only: a 300 KB tmpfs is mounted): documents are indexed one commit at a
  time until the disk is full; the error must be one ``SearchIndexError`` line, the last
  commit intact; after space is freed the next commit works and leaves no orphan files.
* ``corrupt``: a copy of an index gets random damage (bytes overwritten, a file truncated or
  deleted); ``vbpl search`` and ``vbpl index --check`` must exit 0 or 1 with at most one
  line on standard error (no traceback, no abort); ``detected`` counts the damages ``--check``
  reported.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SECTIONS = 4  # articles per synthetic document; units per document = SECTIONS + 1


def synthetic(i: int) -> str:
    """A small law-shaped text of our own (no real document's words)."""
    arts = "\n".join(
        f"Điều {a}. Quy định thứ {a} của văn bản {i}\nNội dung điều {a} về mục {i % 17} "
        f"và phạm vi {a * i % 29}." + " Câu thêm." * (a % 3)
        for a in range(1, SECTIONS + 1)
    )
    return f"QUỐC HỘI\nLuật số: {i}/2015/QH13\nLUẬT\nVỀ THỬ NGHIỆM {i}\n{arts}\n"


def _count(path: Path, engine: str) -> tuple[int, int]:
    from vbpl.search import open_index

    with open_index(path, engine=engine) as ix:
        return ix.count("document"), ix.count(None)


def _check(path: Path) -> list[str]:
    from vbpl.search.check import check_index

    return list(check_index(path).problems)


def _child(path: Path, engine: str, start: int, n: int, optimize: bool, out: int) -> None:
    """Index (or merge) in a forked child, writing each commit's count to ``out``."""
    from vbpl.pipeline import parse
    from vbpl.search import open_index

    def report(k: int) -> None:
        os.write(out, f"{k}\n".encode())

    with open_index(path, engine=engine) as ix:
        if optimize:
            os.write(out, b"ready\n")
            ix.optimize()
        else:
            ix.add(
                (parse(synthetic(i)) for i in range(start, start + n)),
                batch_docs=2,
                on_commit=report,
            )
    os.write(out, b"done\n")


def kill_case(engine: str, tries: int, root: Path, rng: random.Random) -> tuple[int, int, str]:
    """Children are forked from this process (vbpl already imported), so that a kill can
    land anywhere from the first document to the last commit."""
    import vbpl.pipeline
    import vbpl.search.tantivy_engine
    import vbpl.search.whoosh_engine  # noqa: F401

    failures = 0
    path = root / f"kill-{engine}"
    shutil.rmtree(path, ignore_errors=True)
    _count(path, engine)  # create it
    start = 0
    committed_total = 0
    kills = 0
    for t in range(tries):
        optimize = t % 10 == 9
        n = 400
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(r)
            code = 0
            try:
                _child(path, engine, start, n, optimize, w)
            except BaseException:
                code = 3
            os._exit(code)
        os.close(w)
        time.sleep(rng.uniform(0.05, 1.5))
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        kills += os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        with os.fdopen(r) as fh:
            out = fh.read()
        reported = [int(x) for x in out.split() if x.isdigit()]
        if reported:
            committed_total += reported[-1]
        try:
            docs, units = _count(path, engine)
            # a full read every 10th try and at the end (it grows with the index)
            problems = _check(path) if t % 10 == 0 or t == tries - 1 else []
        except Exception as e:  # the loop reports, it does not stop
            failures += 1
            print(f"kill {engine} try {t}: cannot open: {e}", file=sys.stderr)
            start += n
            continue
        if docs < committed_total or units != docs * (SECTIONS + 1) or problems:
            failures += 1
            print(
                f"kill {engine} try {t}: docs {docs} (committed {committed_total}), units "
                f"{units}, problems {problems}, child said {out[-200:]!r}",
                file=sys.stderr,
            )
        committed_total = docs  # uncommitted work may also have landed before the kill
        start += n
    return tries, failures, f"{kills} SIGKILLs landed; {committed_total} documents at the end"


def creators_case(engine: str, rounds: int, root: Path) -> tuple[int, int, str]:
    failures = 0
    texts = []
    for i in range(4):
        f = root / f"creator-{i}.txt"
        f.write_text(synthetic(10_000 + i), encoding="utf-8")
        texts.append(str(f))
    for r in range(rounds):
        path = root / f"creators-{engine}-{r}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "vbpl", "index", "--index", str(path), "--engine",
                 engine, "--no-progress", f],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for f in texts
        ]  # fmt: skip
        errs = [p.communicate()[1] for p in procs]
        docs, _ = _count(path, engine)
        if docs != 4 or any(p.returncode for p in procs):
            failures += 1
            print(f"creators {engine} round {r}: {docs} documents; {errs}", file=sys.stderr)
        shutil.rmtree(path, ignore_errors=True)
    return rounds, failures, "4 processes per round"


def disk_full_case(engine: str, rounds: int, root: Path) -> tuple[int, int, str]:
    from vbpl.errors import SearchIndexError
    from vbpl.pipeline import parse
    from vbpl.search import open_index

    if os.geteuid() != 0 or shutil.which("mount") is None:
        return 0, 0, "skipped (needs root to mount a tmpfs)"
    failures = 0
    for r in range(rounds):
        # a fresh tmpfs each round: handles of the last round's index may still hold space
        mnt = root / f"tmpfs-{engine}-{r}"
        mnt.mkdir()
        if subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mnt)], capture_output=True
        ).returncode:
            return 0, 0, "skipped (cannot mount a tmpfs)"
        try:
            path = mnt / "ix"
            filler = mnt / "filler"
            filler.write_bytes(os.urandom(1024 * (100 + (r % 5) * 10)))  # freed after the failure
            committed = 0
            error = None
            i = 0
            while error is None and i < 2000:
                try:
                    with open_index(path, engine=engine) as ix:
                        ix.add([parse(synthetic(20_000 + i)), parse(synthetic(30_000 + i))])
                    committed += 2
                except SearchIndexError as e:
                    error = str(e)
                except Exception as e:
                    error = f"NOT A VbplError: {type(e).__name__}: {e}"
                i += 1
            ok = error is not None and "\n" not in error and error.startswith(str(path))
            try:
                docs, units = _count(path, engine) if committed or path.exists() else (0, 0)
            except Exception as e:
                docs, units, ok = -1, -1, False
                error = f"{error}; then cannot open: {e}"
            ok = ok and docs == committed and units == docs * (SECTIONS + 1)
            filler.unlink()
            try:  # space again: the next commit works and cleans what the failure left
                with open_index(path, engine=engine) as ix:
                    ix.add([parse(synthetic(40_000 + r))])
                leftovers = _orphans(path, engine)
                problems = _check(path)
                if leftovers or problems:
                    ok = False
                    error = f"{error}; after freeing space: orphans {leftovers} {problems}"
            except Exception as e:
                ok = False
                error = f"{error}; after freeing space: {e}"
            if not ok:
                failures += 1
                print(
                    f"disk-full {engine} round {r}: committed {committed}, found {docs}/"
                    f"{units}; {error}",
                    file=sys.stderr,
                )
        finally:
            import gc

            gc.collect()  # tantivy's in-process handles hold the mount busy until collected
            if subprocess.run(["umount", str(mnt)], capture_output=True).returncode:
                subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
    return rounds, failures, "300 KB tmpfs"


def _orphans(path: Path, engine: str) -> list[str]:
    """Files of the index folder that no commit refers to."""
    names = [f.name for f in path.iterdir()]
    if engine == "tantivy":
        meta = json.loads((path / "meta.json").read_text())
        segs = {s["segment_id"].replace("-", "") for s in meta["segments"]}
        return [
            n
            for n in names
            if not n.startswith(".") and n != "meta.json" and n.split(".")[0] not in segs
        ]
    from whoosh import index as windex
    from whoosh.index import TOC

    ix = windex.open_dir(str(path), indexname="vbpl")
    segs = {s.segment_id() for s in ix._segments()}
    gen = ix.latest_generation()
    ix.close()
    seg_re, toc_re = TOC._segment_pattern("vbpl"), TOC._pattern("vbpl")
    out = []
    for n in names:
        seg, toc = seg_re.match(n), toc_re.match(n)
        if (seg and seg.group(1) not in segs) or (toc and int(toc.group(1)) != gen):
            out.append(n)
    return out


def corrupt_case(engine: str, rounds: int, root: Path, rng: random.Random) -> tuple[int, int, str]:
    from vbpl.pipeline import parse
    from vbpl.search import open_index

    good = root / f"good-{engine}"
    shutil.rmtree(good, ignore_errors=True)
    with open_index(good, engine=engine) as ix:
        ix.add(parse(synthetic(50_000 + i)) for i in range(40))
    failures = detected = 0
    for r in range(rounds):
        bad = root / f"bad-{engine}"
        shutil.rmtree(bad, ignore_errors=True)
        shutil.copytree(good, bad)
        files = [f for f in bad.iterdir() if f.is_file() and f.stat().st_size > 0]
        f = rng.choice(files)
        size = f.stat().st_size
        how = rng.choice(("bytes", "truncate", "delete"))
        if how == "bytes":
            with f.open("r+b") as fh:
                for _ in range(rng.randint(1, 8)):
                    fh.seek(rng.randrange(size))
                    fh.write(os.urandom(rng.randint(1, 16)))
        elif how == "truncate":
            os.truncate(f, rng.randrange(size))
        else:
            f.unlink()
        runs = [
            [sys.executable, "-m", "vbpl", "search", "--index", str(bad), "văn bản"],
            [sys.executable, "-m", "vbpl", "index", "--check", "--index", str(bad)],
        ]
        for argv in runs:
            p = subprocess.run(argv, capture_output=True, text=True, timeout=120)
            lines = p.stderr.strip().splitlines()
            clean = p.returncode in (0, 1) and (
                (p.returncode == 0 and not lines) or (p.returncode == 1 and len(lines) >= 1)
            )
            if "Traceback" in p.stderr or not clean or (argv[3] == "search" and len(lines) > 1):
                failures += 1
                print(
                    f"corrupt {engine} round {r} ({how} {f.name}): {' '.join(argv[3:5])} "
                    f"exit {p.returncode}: {p.stderr[-400:]!r}",
                    file=sys.stderr,
                )
            if argv[3] == "index" and p.returncode == 1:
                detected += 1
    return rounds, failures, f"{detected} of {rounds} damages reported by --check"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--engines", nargs="+", default=["whoosh", "tantivy"])
    ap.add_argument("--cases", nargs="+", default=["kill", "creators", "disk-full", "corrupt"])
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="vbpl-faults-"))
    rows = []
    try:
        for engine in args.engines:
            for case in args.cases:
                t = time.monotonic()
                if case == "kill":
                    tries, fails, note = kill_case(engine, args.kills, root, rng)
                elif case == "creators":
                    tries, fails, note = creators_case(engine, args.rounds, root)
                elif case == "disk-full":
                    tries, fails, note = disk_full_case(engine, args.rounds, root)
                else:
                    tries, fails, note = corrupt_case(engine, args.rounds, root, rng)
                row = f"| {case} | {engine} | {tries} | {fails} | {note} | {time.monotonic() - t:.0f} s |"
                print(row, flush=True)
                rows.append(row)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
