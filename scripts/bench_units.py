"""CPU time of building search units (``vbpl.search.units.units`` + ``Unit.field_values``).

Parses the laws of ``../shared/corpus/laws`` once, then builds every unit of every document
``--rounds`` times and reports the CPU time (``time.process_time``) of each round, so that
figures stay meaningful on a busy machine. Parsing is not timed.

Usage::

    python scripts/bench_units.py [--rounds 5] [--corpus ../shared/corpus/laws]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import vbpl
from vbpl.search.units import units


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--corpus", default=str(Path(__file__).parents[1] / "../shared/corpus/laws"))
    args = ap.parse_args()
    paths = sorted(p for p in Path(args.corpus).iterdir() if p.suffix in (".txt", ".html"))
    docs = [vbpl.parse_file(p) for p in paths]
    n_units = sum(1 for d in docs for _ in units(d))
    chars = sum(len(d.text) for d in docs)
    cpu = []
    for _ in range(args.rounds):
        t0 = time.process_time()
        for d in docs:
            for u in units(d):
                u.field_values()
        cpu.append(time.process_time() - t0)
    print(
        f"{len(docs)} documents, {chars / 1e6:.1f} M characters, {n_units} units; "
        f"CPU s per round: min {min(cpu):.3f} median {statistics.median(cpu):.3f} "
        f"max {max(cpu):.3f} ({n_units / min(cpu):,.0f} units/s)"
    )


if __name__ == "__main__":
    main()
