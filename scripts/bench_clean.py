"""Speed of the clean-up stage (vbpl.clean) on the shared corpus, and its linearity.

Usage: python scripts/bench_clean.py [--shared ../shared] [--repeat 3]

Cleans every ``corpus/laws`` and ``corpus/tvpl`` text one file at a time (plain text, the
commercial site's markdown tables), the Party documents of ``corpus/party`` (converter markdown,
saved pages) repeated 20 times, and 1 MB / 10 MB built from the laws. Prints best-of CPU
seconds of this process (``time.process_time``: a shared machine's load disturbs it less than
wall time) and MB/s (characters / 1e6). Skips when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from vbpl.clean import clean  # noqa: E402


def best(fn: Callable[[], object], repeat: int) -> float:
    out = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        out = min(out, time.process_time() - t)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    corpus = args.shared / "corpus"
    if not corpus.is_dir():
        print(f"skipped: {args.shared} is absent")
        return 0
    laws = [p.read_text(encoding="utf-8") for p in sorted((corpus / "laws").glob("*.txt"))]
    tvpl = [p.read_text(encoding="utf-8") for p in sorted((corpus / "tvpl").glob("*.txt"))]
    party = [p.read_text(encoding="utf-8") for p in sorted((corpus / "party").glob("*.txt"))]
    for name, texts in (("laws + tvpl", laws + tvpl), ("party × 20", party * 20)):
        mb = sum(map(len, texts)) / 1e6
        t = best(lambda texts=texts: [clean(x) for x in texts], args.repeat)
        print(f"{name}: {len(texts)} files, {mb:.1f} M chars, {t:.2f} CPU s, {mb / t:.1f} MB/s")
    one = "\n".join(laws)[:1_000_000]
    ten = "\n".join([one] * 10)
    a = best(lambda: clean(one), args.repeat + 2)
    b = best(lambda: clean(ten), args.repeat + 2)
    print(f"linearity: 1× {a:.3f} s, 10× {b:.3f} s, ratio {b / a:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
