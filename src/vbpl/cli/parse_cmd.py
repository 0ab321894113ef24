"""``vbpl parse FILE...``: metadata and outline of documents; ``--json`` for the full Document."""

from __future__ import annotations

import argparse
import sys

from vbpl.cli.output import emit_json, one_or_list


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "parse",
        help="parse documents into metadata, outline and references",
        description="Parse documents (text, HTML, docx; any encoding vbpl knows) and print "
        "their metadata and outline, or the full Document as JSON.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="a file, or - for standard input")
    p.add_argument("--json", action="store_true", help="print JSON (one object, or a list)")
    p.add_argument("--no-text", action="store_true", help="leave the document text out of JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vbpl.display import document_outline
    from vbpl.pipeline import parse_file

    docs = [parse_file(f) for f in args.files]
    if args.json:
        emit_json(one_or_list([d.to_dict(include_text=not args.no_text) for d in docs]))
        return 0
    for i, doc in enumerate(docs):
        if doc.encoding not in (None, "utf-8", "utf-8-sig"):
            print(f"vbpl: {doc.source}: read as {doc.encoding}", file=sys.stderr)
        if i:
            sys.stdout.write("\n")
        sys.stdout.write(document_outline(doc))
    return 0
