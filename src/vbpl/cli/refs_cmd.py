"""``vbpl refs FILE...``: the references found in any text; ``--json`` for reference objects."""

from __future__ import annotations

import argparse
import sys

from vbpl.cli.output import emit_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "refs",
        help="list the references a text makes to other documents and provisions",
        description="Find references (numbered, relative, named, pinpoints, editorial notes) in "
        "any text or HTML page. Offsets index the file's text after normalisation (for plain "
        "UTF-8 NFC text they are character offsets).",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="a file, or - for standard input")
    p.add_argument(
        "--json",
        action="store_true",
        help="print JSON: the list of reference objects (several files: a list of "
        "{source, references})",
    )
    p.set_defaults(func=run)


def _text_of(path: str) -> str:
    from vbpl.pipeline import read_source
    from vbpl.text.normalize import normalize_text
    from vbpl.text.read import read_bytes

    return normalize_text(read_source(read_bytes(path), name=path).extracted.text)


def run(args: argparse.Namespace) -> int:
    from vbpl.refs.find import scan

    results = []
    for f in args.files:
        refs, _ = scan(_text_of(f))
        results.append((f, refs))
    if args.json:
        if len(results) == 1:
            emit_json([r.to_dict() for r in results[0][1]])
        else:
            emit_json(
                [{"source": f, "references": [r.to_dict() for r in refs]} for f, refs in results]
            )
        return 0
    out = sys.stdout
    for i, (f, refs) in enumerate(results):
        if len(results) > 1:
            out.write(("\n" if i else "") + f"{f}: {len(refs)} references\n")
        for r in refs:
            what = r.number or r.pinpoint or (f"{r.doc_type} {r.title}" if r.title else r.doc_type)
            parts = [f"{r.span.start}-{r.span.end}", r.kind, what or "-"]
            if r.pinpoint and r.number:
                parts.append(r.pinpoint)
            if r.date:
                parts.append(r.date.isoformat())
            parts.append(r.relation)
            out.write("  ".join(parts) + "\n")
    return 0
