"""``vbpl normalize FILE...``: the Unicode text of a file, whatever its encoding or format.

Legacy Vietnamese encodings (TCVN3, VNI, VIQR, Windows-1258, mojibake) are detected and
converted; HTML pages and Word files are reduced to their text; the result is normalised
(NFC, Đ, spaces, tone-mark placement — see :mod:`vbpl.text.normalize`). The encoding found is
reported on standard error when it is not plain UTF-8; ``--json`` gives source, encoding,
format and text.
"""

from __future__ import annotations

import argparse
import sys

from vbpl.cli.output import emit_json, one_or_list


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "normalize",
        help="print the Unicode text of a file (legacy encodings, HTML, docx)",
        description="Print the normalised Unicode text of each file: legacy Vietnamese "
        "encodings (TCVN3, VNI, VIQR, Windows-1258, mojibake) are converted, HTML pages and "
        ".docx files reduced to their text.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="a file, or - for standard input")
    p.add_argument("--json", action="store_true", help="print JSON: source, encoding, format, text")
    p.add_argument(
        "--no-normalize",
        action="store_true",
        help="print the decoded text as it is (no NFC, space or tone-mark changes)",
    )
    p.set_defaults(func=run)


def normalized_text(path: str, *, normalize: bool = True) -> dict[str, str]:
    """``{"source", "encoding", "format", "text"}`` of the file at ``path``."""
    from vbpl.pipeline import read_source
    from vbpl.text.normalize import normalize_text
    from vbpl.text.read import read_bytes

    src = read_source(read_bytes(path), name=path)
    ex = src.extracted
    out = normalize_text(ex.text) if normalize else ex.text
    return {"source": path, "encoding": src.encoding, "format": ex.format, "text": out}


def run(args: argparse.Namespace) -> int:

    results = [normalized_text(f, normalize=not args.no_normalize) for f in args.files]
    if args.json:
        emit_json(one_or_list(results))
        return 0
    for i, r in enumerate(results):
        if r["encoding"] not in ("utf-8", "utf-8-sig"):
            print(f"vbpl: {r['source']}: read as {r['encoding']} ({r['format']})", file=sys.stderr)
        if i:
            sys.stdout.write("\n")
        sys.stdout.write(r["text"].rstrip("\n") + "\n")
    return 0
