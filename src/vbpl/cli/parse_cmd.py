"""``vbpl parse FILE...``: metadata and outline of documents; ``--json`` for the full Document.

Files are parsed on ``--jobs`` processes (default: every core) and printed in input order as
they come, one document at a time (the JSON of one document is made in the worker that
parsed it). A file that cannot be read or parsed gives one line on standard error; the
others are still printed, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from vbpl.cli.output import error_line, safe

if TYPE_CHECKING:  # pragma: no cover
    from vbpl.cli.output import JsonListWriter
    from vbpl.model import Document


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (0: every core)")
    return n


def cli_jobs(jobs: int, inputs: int | None = None) -> int:
    """The processes to start for ``--jobs`` (0: every core), never more than ``inputs``.

    >>> cli_jobs(4, 2), cli_jobs(1)
    (2, 1)
    """
    from vbpl.corpus.parallel import default_jobs

    n = jobs or default_jobs()
    return max(1, min(n, inputs) if inputs is not None else n)


def add_jobs_option(p: argparse.ArgumentParser) -> None:
    """``--jobs N`` (processes; default every core) and ``--progress`` / ``--no-progress``."""
    p.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=0,
        metavar="N",
        help="parse on N processes (default: every core); output keeps the input order",
    )
    bar = p.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress",
        action="store_true",
        default=None,
        help="show a progress bar on standard error (default: on a terminal, long runs only)",
    )
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="no bar")


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
    add_jobs_option(p)
    p.set_defaults(func=run)


def parse_to_json(task: tuple, *, include_text: bool = True, nested: bool = False) -> bytes:
    """Parse one task (see :func:`vbpl.corpus.load.run_task`) and return its indented JSON;
    ``nested``: indented once more, as an item of the output list, so that the process
    writing the output in order only writes bytes."""
    from vbpl.cli.output import nest_item
    from vbpl.corpus.load import run_task
    from vbpl.pipeline import paused_collector

    # the output holds neither the text as read nor the map back to it: not kept
    with paused_collector():  # the Document's dict tree for orjson: no cycles either
        data = run_task(task, keep_raw=False).to_json(include_text=include_text, indent=True)
    return nest_item(data) if nested else data


def parse_document(task: tuple) -> Document:
    """Parse one task (see :func:`vbpl.corpus.load.run_task`) for a run on one process,
    whose writer streams the Document's JSON (:meth:`vbpl.model.Document.iter_json`)."""
    from vbpl.corpus.load import run_task

    return run_task(task, keep_raw=False)


#: characters of text from which a document's JSON is written in pieces on one process
#: (:meth:`vbpl.model.Document.iter_json`); a smaller document's JSON is made in one call,
#: which costs a fifth of the pieces' CPU time on typical laws (docs/performance.md)
STREAM_MIN_CHARS = 1 << 20


def _write_json(writer: JsonListWriter, doc: Document, *, include_text: bool) -> None:
    """Write ``doc``'s indented JSON as the next item: in pieces when its text is long
    (memory bounded for one large text), else made whole in one call."""
    from vbpl.pipeline import paused_collector

    with paused_collector():  # the pieces or the dict tree hold no cycles
        if len(doc.text) >= STREAM_MIN_CHARS:
            writer.write_chunks(doc.iter_json(include_text=include_text, indent=True))
        else:
            writer.write(doc.to_json(include_text=include_text, indent=True))


def parse_to_outline(task: tuple) -> tuple[str | None, str | None, str]:
    """Parse one task and return ``(source, encoding, outline text)``."""
    from vbpl.corpus.load import run_task

    doc = _safe_source(run_task(task, keep_raw=False))
    return doc.source, doc.encoding, "".join(_outline_pieces(doc))


def _safe_source(doc: Document) -> Document:
    if doc.source and safe(doc.source) != doc.source:  # the outline may name the file
        return doc.with_(source=safe(doc.source))
    return doc


def _outline_pieces(doc: Document) -> Iterator[str]:
    """The outline of ``doc`` (:func:`vbpl.display.document_outline`) in pieces of about a
    thousand lines: a long text's outline is written as it is made, not held whole."""
    from vbpl.display import iter_outline

    batch: list[str] = []
    for line in iter_outline(doc):
        batch.append(line)
        if len(batch) >= 1000:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch)


def warm_up() -> None:
    """Import the parser and compile its patterns in this process before workers fork, so
    that they start with them: one import for the run instead of one per worker (in a
    two-job run the workers' own imports were most of the instructions the parallel run
    added to a one-process run; docs/performance.md)."""
    from vbpl.pipeline import parse

    parse("QUỐC HỘI\nLuật số: 1/2020/QH14\nĐiều 1. Phạm vi\n1. Theo khoản 2 Điều 5 Luật này.\n")


def _tasks(files: list[str]) -> list[tuple]:
    from vbpl.text.read import read_bytes

    # standard input is read here (once), files in the workers
    return [("bytes", read_bytes("-"), "-") if f == "-" else ("file", f) for f in files]


def run(args: argparse.Namespace) -> int:
    from vbpl.cli.output import JsonListWriter
    from vbpl.corpus.parallel import Failed, ordered_map

    single = len(args.files) == 1
    jobs = cli_jobs(args.jobs, len(args.files))
    # on one process (always so for one file) the Document's JSON or outline is written in
    # pieces as it is made; workers of a parallel run hand theirs over whole
    stream = jobs == 1
    work: Callable[[tuple], object]
    if stream:
        work = parse_document
    elif args.json:
        work = partial(parse_to_json, include_text=not args.no_text, nested=not single)
    else:
        work = parse_to_outline
    if jobs > 1:
        warm_up()
    failed = 0
    results = ordered_map(
        work, _tasks(args.files), jobs=jobs, progress=args.progress, total=len(args.files)
    )
    writer = JsonListWriter(single=single) if args.json else None
    shown = 0
    for result in results:
        if isinstance(result, Failed):
            failed += 1
            sys.stdout.flush()
            print(error_line(result.error), file=sys.stderr)
            continue
        if writer is not None:
            if stream:
                _write_json(writer, cast("Document", result), include_text=not args.no_text)
            else:
                writer.write(result, nested=True)
            continue
        if stream:
            doc = _safe_source(cast("Document", result))
            source, encoding, pieces = doc.source, doc.encoding, _outline_pieces(doc)
        else:
            source, encoding, outline = cast("tuple[str | None, str | None, str]", result)
            pieces = iter((outline,))
        if encoding not in (None, "utf-8", "utf-8-sig"):
            print(f"vbpl: {safe(source)}: read as {encoding}", file=sys.stderr)
        if shown:
            sys.stdout.write("\n")
        for piece in pieces:
            sys.stdout.write(piece)
        shown += 1
    if writer is not None and (writer.count or not failed):
        writer.close()
    return 1 if failed else 0
