"""Benchmark: throughput of parse + references over ../shared/corpus/laws, and linearity.

Measures, single process, best of ``--repeat`` runs:

* ``vbpl.pipeline.parse`` (normalise, outline, metadata, references, relations) over every law;
* ``vbpl.refs.find_references`` alone over the same texts;
* linearity: one text of about 1× and one of 10× (the same laws concatenated) through both;
  the ratio of times must stay ≤ 11.
* adversarial linearity of find_references: 1× and 10× of reference-dense synthetic text
  (numbers, pinpoint lists, unterminated notes, long runs of trigger words).

Usage: python scripts/bench_refs.py [--shared ../shared] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path


def best(fn: Callable[[], object], repeat: int) -> float:
    """Best CPU time (process_time) of ``repeat`` runs: the machine may be shared, and CPU
    time is what a single process costs; wall time under load would measure the neighbours."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    laws = Path(args.shared) / "corpus" / "laws"
    if not laws.is_dir():
        print(f"no corpus at {laws}", file=sys.stderr)
        return 1
    from vbpl.refs import find_references
    from vbpl.text.normalize import normalize

    texts = [p.read_text(encoding="utf-8") for p in sorted(laws.glob("*.txt"))]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(texts)} laws, {mb:.1f} MB; times are best-of CPU seconds")

    t_find = best(lambda: [find_references(t) for t in texts], args.repeat)
    n_refs = sum(len(find_references(t)) for t in texts)
    print(f"find_references alone: {t_find:.2f} s, {mb / t_find:.1f} MB/s, {n_refs} references")

    try:
        from vbpl.pipeline import parse

        parse(texts[0])
        have_parser = True
    except ImportError as e:  # the parser has not landed
        print(f"parse + refs: skipped ({e})")
        have_parser = False
    ok = True
    if have_parser:
        from vbpl.parser.document import parse_text
        from vbpl.refs import annotate

        t_parse = best(lambda: [parse(t) for t in texts], args.repeat)
        print(f"parse + refs (vbpl.pipeline.parse): {t_parse:.2f} s, {mb / t_parse:.1f} MB/s")
        norm = [normalize(t).text for t in texts]
        t_norm = best(lambda: [normalize(t) for t in texts], args.repeat)
        t_struct = best(lambda: [parse_text(t) for t in norm], args.repeat)
        parsed = [parse_text(t) for t in norm]
        t_ann = best(lambda: [annotate(d) for d in parsed], args.repeat)
        print(
            f"  of which normalize {t_norm:.2f} s, parse_text (outline, metadata) {t_struct:.2f} s, "
            f"annotate (refs, relations) {t_ann:.2f} s = {mb / t_ann:.1f} MB/s"
        )
        ok &= mb / t_parse >= 5.0

    # linearity on real text: ~1 MB and ~10 MB built from the laws
    one = "\n".join(texts)[:1_000_000]
    ten = "\n".join([one] * 10)
    for name, fn in (("find_references", find_references),) + (
        (("parse + refs", parse),) if have_parser else ()
    ):
        a = best(lambda fn=fn: fn(one), args.repeat + 2)
        b = best(lambda fn=fn: fn(ten), args.repeat + 2)
        print(f"linearity {name}: 1× {a:.3f} s, 10× {b:.3f} s, ratio {b / a:.2f}")
        ok &= b / a <= 11

    # adversarial, reference-dense text
    unit = (
        "[Khoản này được sửa đổi bởi Khoản 1, 2, 3 và điểm a, b, c khoản 4 Điều 5 Nghị định "
        "15/2022/NĐ-CP có hiệu lực từ ngày 01/03/2022 " + "Điều 1, " * 20 + "Luật Đất đai Luật "
        "Nghị quyết số 45-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII “Về "
        + "khoản " * 30
        + "điểm a đến y khoản 1 đến 199 Điều 1 đến 199 Luật này. "
        + "12/ 13/ 14-NQ/ "
    )
    small = normalize(unit * 200).text
    big = normalize(unit * 2000).text
    a = best(lambda: find_references(small), args.repeat + 2)
    b = best(lambda: find_references(big), args.repeat + 2)
    print(
        f"linearity find_references, adversarial: 1× {len(small) / 1e6:.2f} M chars {a:.3f} s, "
        f"10× {b:.3f} s, ratio {b / a:.2f}"
    )
    ok &= b / a <= 11
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
