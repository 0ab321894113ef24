"""``vbpl refs FILE...``: the references found in any text; ``--json`` for reference objects.

The references are those of :func:`vbpl.parse_file` (``parse_file(FILE).references``): the
same mentions, sections and relations, so that the command and the Python API agree. The
document's own number (in its header, a site's property table or title line) is not a
reference to another document.
"""

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


def run(args: argparse.Namespace) -> int:
    from vbpl.pipeline import parse_file

    results = [(f, list(parse_file(f).references)) for f in args.files]
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
