"""``vbpl index PATH...`` builds a search index; ``vbpl search QUERY`` answers from it.

With no index yet at the default location, ``vbpl search`` first builds one from the demo
corpus that ships with vbpl (a progress bar on standard error), then answers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

#: filter options of ``vbpl search`` -> the query language's filter names
FILTER_OPTIONS = (
    ("--loai", "loai", "document type, e.g. nghi-quyet, luat, nq"),
    ("--co-quan", "co-quan", 'issuing body, e.g. "Quốc hội", chinh-phu'),
    ("--nam", "nam", "year or range, e.g. 2023, 2020..2023"),
    ("--linh-vuc", "linh-vuc", "field (lĩnh vực), e.g. giao-duc"),
    ("--hieu-luc", "hieu-luc", "status: con, het, chua, mot-phan"),
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "index",
        help="build or update a search index from documents",
        description="Index documents (folders, files, JSON lines, - for standard input) and "
        "each of their sections. A document already indexed under the same key is replaced.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a folder, file, JSONL file or -")
    _index_options(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=run_index)

    s = sub.add_parser(
        "search",
        help="search documents and sections",
        description='Search the index. Query syntax: words, "quoted phrases", filters '
        "loai: co-quan: nam:2020..2023 linh-vuc: hieu-luc: (with or without diacritics), "
        "and document numbers (45-NQ/TW, nq 45, 13/2023/nđ-cp). Without an index, one is "
        "built first from the bundled demo corpus.",
    )
    s.add_argument("query", nargs="+", metavar="QUERY", help="the query (words are joined)")
    _index_options(s)
    s.add_argument("--json", action="store_true", help="print hits as JSON")
    s.add_argument("--limit", "-k", type=int, default=10, metavar="K", help="hits (default 10)")
    for flag, _, help_text in FILTER_OPTIONS:
        s.add_argument(flag, metavar="VALUE", help=help_text)
    kind = s.add_mutually_exclusive_group()
    kind.add_argument("--documents", action="store_true", help="whole documents only")
    kind.add_argument("--sections", action="store_true", help="sections only")
    s.add_argument("--facets", action="store_true", help="also print counts by type, issuer, year")
    s.add_argument(
        "--partial",
        action="store_true",
        help="sphinx: when a node is down, answer from the other shards (flagged on stderr) "
        "instead of failing",
    )
    s.set_defaults(func=run_search)


def _index_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--index", metavar="DIR", help="index folder (default: $VBPL_INDEX or the user cache)"
    )
    p.add_argument(
        "--engine",
        choices=("whoosh", "tantivy", "sphinx"),
        help="search engine (default: whoosh, or the engine of the index found)",
    )
    p.add_argument(
        "--nodes",
        metavar="HOST:PORT,...",
        help="sphinx: the searchd nodes (SphinxQL ports), one shard each; needed to create "
        "an index, then read from its folder (see vbpl cluster)",
    )


def _open(args: argparse.Namespace) -> Any:
    from vbpl.search import open_index

    engine = args.engine or "auto"
    return open_index(args.index, engine=engine, **_engine_options(args))


def _engine_options(args: argparse.Namespace) -> dict[str, Any]:
    """Options of the sphinx engine given on the command line (none for the others)."""
    options: dict[str, Any] = {}
    if getattr(args, "nodes", None):
        options["nodes"] = args.nodes
    if getattr(args, "partial", False):
        options["partial"] = True
    return options


def run_index(args: argparse.Namespace) -> int:
    from vbpl.cli.output import emit_json
    from vbpl.corpus.load import iter_documents

    errors: list[str] = []

    def on_error(e: Exception) -> None:
        errors.append(str(e))
        print(f"vbpl: {e}", file=sys.stderr)

    with _open(args) as ix:
        n = ix.add(
            iter_documents(args.paths, on_error=on_error),
            progress=not args.no_progress and sys.stderr.isatty(),
        )
        summary = {
            "index": str(ix.path),
            "engine": ix.engine_name,
            "indexed": n,
            "documents": ix.count(),
            "units": ix.count(None),
            "errors": len(errors),
        }
    if args.json:
        emit_json(summary)
    else:
        print(
            f"indexed {n} documents into {summary['index']} ({summary['engine']}); "
            f"{summary['documents']} documents, {summary['units']} units in the index"
        )
    if errors:
        print(f"vbpl: {len(errors)} inputs could not be read", file=sys.stderr)
        return 1
    return 0


def demo_corpus() -> Path | None:
    """The bundled demo corpus: package data ``vbpl.corpora/demo`` when installed, else
    ``corpora/demo`` of a source checkout (an editable install may not map the package)."""
    from importlib.resources import files

    try:
        demo = files("vbpl.corpora") / "demo"
        if demo.is_dir():
            return Path(str(demo))
    except (ModuleNotFoundError, TypeError, NotADirectoryError):
        pass
    import vbpl

    folder = Path(vbpl.__file__).resolve().parents[2] / "corpora" / "demo"
    return folder if folder.is_dir() else None


def _ensure_demo_index(args: argparse.Namespace) -> None:
    """Build the default index from the demo corpus when there is none yet."""
    from vbpl.corpus.load import iter_documents
    from vbpl.errors import SearchIndexError
    from vbpl.search import open_index
    from vbpl.search.index import default_index_path, detect_engine

    if args.index is not None:
        if detect_engine(args.index) is None:
            raise SearchIndexError(f"{args.index}: no index here (build one with vbpl index)")
        return
    path = default_index_path(args.engine or "whoosh")
    if detect_engine(path) is not None:
        return
    folder = demo_corpus()
    if folder is None or not any(folder.iterdir()):
        raise SearchIndexError("no index yet and no demo corpus found; run vbpl index PATH")
    print(f"vbpl: no index yet; indexing the demo corpus into {path}", file=sys.stderr)

    def on_error(e: Exception) -> None:
        print(f"vbpl: {e}", file=sys.stderr)

    with open_index(path, engine=args.engine or "whoosh", **_engine_options(args)) as ix:
        ix.add(iter_documents([folder], on_error=on_error), progress=True)


def run_search(args: argparse.Namespace) -> int:
    from vbpl.cli.output import emit_json

    if args.limit < 1:
        print("vbpl search: --limit must be at least 1", file=sys.stderr)
        return 2
    _ensure_demo_index(args)
    filters = {
        name: getattr(args, flag[2:].replace("-", "_"))
        for flag, name, _ in FILTER_OPTIONS
        if getattr(args, flag[2:].replace("-", "_")) is not None
    }
    query = " ".join(args.query)
    with _open(args) as ix:
        hits = ix.search(
            query,
            limit=args.limit,
            filters=filters or None,
            documents=not args.sections,
            sections=not args.documents,
            facets=args.facets,
        )
        missing = getattr(ix.engine, "missing", ())
    if missing:
        print(
            f"vbpl: partial results: the shards on {', '.join(missing)} did not answer",
            file=sys.stderr,
        )
    if args.json:
        out: Any = hits.to_dicts()
        if args.facets:
            out = {"hits": out, "facets": hits.facets, "total": hits.total}
        emit_json(out)
        return 0
    sys.stdout.write(format_hits(hits, color=sys.stdout.isatty()))
    if args.facets:
        for name, counts in hits.facets.items():
            shown = ", ".join(f"{k} ({v})" for k, v in list(counts.items())[:8])
            sys.stdout.write(f"{name}: {shown}\n")
    return 0


def format_hits(hits: Any, *, color: bool = False) -> str:
    """Hits as text for people: number, year and title, the section path, the snippet.

    >>> from vbpl.search import Hit
    >>> print(format_hits([Hit("45-NQ/TW@2023", "45-NQ/TW", "Về trí thức", None, 3.2,
    ...                        "đội ngũ <b>trí</b> <b>thức</b>", "a.txt", "document")]), end="")
    1. 45-NQ/TW (2023) — Về trí thức
       đội ngũ *trí* *thức*
    """
    from html import unescape

    if not hits:
        return "no hits\n"
    on, off = ("\x1b[1m", "\x1b[0m") if color else ("*", "*")
    lines = []
    for i, h in enumerate(hits, 1):
        year = h.key.rsplit("@", 1)[1] if "@" in h.key else ""
        head = f"{i}. {h.number or h.key}" + (f" ({year})" if year else "")
        if h.title:
            head += f" — {h.title}"
        lines.append(head)
        if h.section:
            lines.append(f"   {h.path or h.section}")
        if h.snippet:
            snippet = unescape(h.snippet.replace("<b>", on).replace("</b>", off))
            lines.append(f"   {snippet}")
    return "\n".join(lines) + "\n"
