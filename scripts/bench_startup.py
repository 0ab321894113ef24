"""Start-up cost of ``import vbpl`` and ``vbpl --help`` (budget: < 0.3 s each).

Runs each command in a fresh interpreter N times and prints the median wall time.

    python scripts/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "import vbpl": [sys.executable, "-c", "import vbpl"],
    "vbpl --help": [sys.executable, "-m", "vbpl", "--help"],
    "python (baseline)": [sys.executable, "-c", "pass"],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    print(f"{'command':<20} {'median s':>9} {'min s':>7}")
    for name, cmd in COMMANDS.items():
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - t)
        print(f"{name:<20} {statistics.median(times):>9.3f} {min(times):>7.3f}")


if __name__ == "__main__":
    main()
