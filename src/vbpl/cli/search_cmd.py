"""``vbpl index PATH...`` builds a named search index; ``vbpl search QUERY`` answers from one.

Which index a search reads: ``--index`` (a name from ``vbpl index --list`` or a folder), else
``$VBPL_INDEX``, else the index the user built last; only when the user has built none does
``vbpl search`` use (and first build, with a progress bar on standard error) the index of
the demo corpus that ships with vbpl.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from vbpl.cli.output import emit_json, error_line, readable, safe

#: filter options of ``vbpl search`` -> the query language's filter names
FILTER_OPTIONS = (
    ("--loai", "loai", "document type, e.g. nghi-quyet, luat, nq"),
    ("--co-quan", "co-quan", 'issuing body, e.g. "Quốc hội", chinh-phu'),
    ("--nam", "nam", "year or range, e.g. 2023, 2020..2023"),
    ("--linh-vuc", "linh-vuc", "field (lĩnh vực), e.g. giao-duc"),
    ("--hieu-luc", "hieu-luc", "status: con, het, chua, mot-phan"),
)

#: how ``Hit.version`` shows in text output
VERSION_MARKS = {"current": "in force", "older": "older version", "newer": "later version"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "index",
        help="build, list or remove search indexes",
        description="Build a fresh index of documents (folders, files, JSON lines, - for "
        "standard input) and each of their sections, named after the first PATH (--name to "
        "choose); --add adds to an existing index instead (a document already indexed under "
        "the same key is replaced). --list shows the indexes, --remove deletes one.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="a folder, file, JSONL file or -")
    p.add_argument("--name", help="the index's name (default: the first PATH's name)")
    p.add_argument("--add", action="store_true", help="add to the index instead of rebuilding")
    p.add_argument("--list", action="store_true", help="list the indexes")
    p.add_argument("--remove", metavar="NAME", help="delete the index NAME")
    _index_options(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=0,
        metavar="N",
        help="parse and prepare documents on N processes (default: every core); documents "
        "keep the input order",
    )
    p.add_argument(
        "--follow-links",
        action="store_true",
        help="read links that point out of the folders given (skipped by default)",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="verify the index (checksums, a full read) instead of indexing; exit 1 if damaged",
    )
    p.set_defaults(func=run_index)

    s = sub.add_parser(
        "search",
        help="search documents and sections",
        description='Search an index. Query syntax: words, "quoted phrases", filters '
        "loai: co-quan: nam:2020..2023 linh-vuc: hieu-luc: (with or without diacritics), "
        "document numbers (45-NQ/TW, nq 45, 13/2023/nđ-cp) and pinpoints (khoản 2 Điều 5 "
        "Luật Đất đai 2024). One hit per document (its best section, up to 3 more under "
        "it); --sections for every matching section. No hits: exit 1 with a hint on "
        "standard error. Without an index of your own, the bundled demo corpus is searched.",
    )
    s.add_argument("query", nargs="+", metavar="QUERY", help="the query (words are joined)")
    _index_options(s)
    out = s.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print hits as a JSON list")
    out.add_argument("--jsonl", action="store_true", help="print one JSON hit per line")
    s.add_argument("--limit", "-k", type=int, default=10, metavar="K", help="hits (default 10)")
    for flag, _, help_text in FILTER_OPTIONS:
        s.add_argument(flag, metavar="VALUE", help=help_text)
    kind = s.add_mutually_exclusive_group()
    kind.add_argument("--documents", action="store_true", help="whole documents only")
    kind.add_argument(
        "--sections", action="store_true", help="every matching section, not one per document"
    )
    s.add_argument("--notes", action="store_true", help="also search editorial notes")
    s.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the date 'in force' means (default: today)"
    )
    s.add_argument("--facets", action="store_true", help="also print counts by type, issuer, year")
    s.add_argument(
        "--partial",
        action="store_true",
        help="sphinx: when a node is down, answer from the other shards (flagged on stderr) "
        "instead of failing",
    )
    s.set_defaults(func=run_search)


def _index_options(p: argparse.ArgumentParser) -> None:
    from vbpl.search.engine import ENGINES

    p.add_argument(
        "--index",
        metavar="NAME|DIR",
        help="an index name (vbpl index --list) or folder (default: $VBPL_INDEX, else your "
        "latest index, else the demo corpus's)",
    )
    p.add_argument(
        "--engine",
        choices=tuple(ENGINES),
        help="search engine: "
        + "; ".join(f"{e.name}: {e.summary}" for e in ENGINES.values())
        + " (default: the engine of the index found)",
    )
    p.add_argument(
        "--nodes",
        metavar="HOST:PORT,...",
        help="sphinx: the searchd nodes (SphinxQL ports), one shard each; needed to create "
        "an index, then read from its folder (see vbpl cluster)",
    )


def _usage(command: str, message: str) -> int:
    print(f"vbpl {command}: {message}", file=sys.stderr)
    return 2


def _engine_options(args: argparse.Namespace) -> dict[str, Any]:
    """Options of the sphinx engine given on the command line (none for the others)."""
    options: dict[str, Any] = {}
    if getattr(args, "nodes", None):
        options["nodes"] = args.nodes
    if getattr(args, "partial", False):
        options["partial"] = True
    return options


# -- vbpl index --------------------------------------------------------------------------


def run_index(args: argparse.Namespace) -> int:
    if args.check:
        return run_check(args)
    if args.list:
        return _list_indexes(args)
    if args.remove:
        return _remove_index(args.remove)
    if not args.paths:
        return _usage("index", "give PATH... to index (or --list, --remove NAME)")
    return _build_index(args)


def _target(args: argparse.Namespace) -> tuple[Path, str | None]:
    """The folder ``vbpl index`` writes and the index's name."""
    import os

    from vbpl.search.catalog import check_name, find_named, index_home, index_name
    from vbpl.search.index import INDEX_ENV

    if args.index:
        named = find_named(args.index)
        return (named or Path(args.index).expanduser()), args.name
    if os.environ.get(INDEX_ENV):
        return Path(os.environ[INDEX_ENV]).expanduser(), args.name
    name = check_name(args.name or index_name(args.paths[0]))
    return index_home() / name, name


def _build_index(args: argparse.Namespace) -> int:
    import os
    import shutil

    from vbpl.cli.parse_cmd import cli_jobs
    from vbpl.search import open_index
    from vbpl.search.catalog import read_manifest, remove_index, write_manifest
    from vbpl.search.index import detect_engine

    target, name = _target(args)
    sources = [p if p == "-" else str(Path(p).expanduser().resolve()) for p in args.paths]
    # a sphinx index keeps its data on the nodes: it is updated in place (REPLACE by key)
    fresh = not args.add and detect_engine(target) not in (None, "sphinx")
    build = target.with_name(f".{target.name}.new-{os.getpid()}") if fresh else target
    if args.add:
        old = read_manifest(target)
        sources = list(dict.fromkeys([*(old.sources if old else ()), *sources]))
    errors: list[str] = []

    def on_error(e: Exception) -> None:
        errors.append(str(e))
        print(error_line(e), file=sys.stderr)

    def on_skip(path: Path, reason: str) -> None:
        print(error_line(f"{path}: {reason}"), file=sys.stderr)

    # an index remembers its engine: adding to it or rebuilding it keeps that engine
    engine = args.engine or ("auto" if args.add else detect_engine(target))
    try:
        with open_index(build, engine=engine or "auto", **_engine_options(args)) as ix:
            # the workers parse and compute each document's index fields; this process
            # only writes them, in input order
            n = ix.add_paths(
                args.paths,
                jobs=cli_jobs(max(0, args.jobs)),
                on_error=on_error,
                progress=not args.no_progress and sys.stderr.isatty(),
                follow_links=args.follow_links,
                on_skip=on_skip,
                # a fresh build goes to a folder of its own, removed when the build fails:
                # fewer, larger commits (fewer segments to merge) lose nothing
                batch_docs=2000 if fresh else 200,
                batch_units=50_000 if fresh else 20_000,
            )
            ix.engine.lean_reads()  # counting what was written: the peak of a large text
            summary: dict[str, Any] = {
                "index": str(target),
                "name": name,
                "engine": ix.engine_name,
                "indexed": n,
                "documents": ix.count(),
                "units": ix.count(None),
                "errors": len(errors),
            }
        write_manifest(build, engine=summary["engine"], name=name, sources=sources)
    except BaseException:
        if fresh:
            shutil.rmtree(build, ignore_errors=True)
        raise
    if fresh:  # the new index replaces the old one only once it is complete
        remove_index(target)
        build.rename(target)
    if args.json:
        emit_json(summary)
    else:
        print(
            f"indexed {n} documents into {safe(summary['index'])} ({summary['engine']}); "
            f"{summary['documents']} documents, {summary['units']} units in the index"
        )
    if errors:
        print(f"vbpl: {len(errors)} inputs could not be read", file=sys.stderr)
        return 1
    return 0


def run_check(args: argparse.Namespace) -> int:
    """``vbpl index --check``: one line per problem found; exit 1 when there is any."""
    from vbpl.errors import SearchIndexError
    from vbpl.search.catalog import find_named, named_indexes
    from vbpl.search.check import check_index

    if args.paths:
        raise SearchIndexError("--check takes no PATH (name the index with --index)")
    if args.index:
        path = find_named(args.index) or Path(args.index).expanduser()
    else:
        mine = named_indexes()
        if not mine:
            raise SearchIndexError("no index to check (name one with --index NAME|DIR)")
        path = mine[0].path
    report = check_index(path, engine=args.engine or "auto")
    if args.json:
        emit_json(report.to_dict())
    else:
        for problem in report.problems:
            print(f"vbpl: {safe(path)}: {safe(problem)}", file=sys.stderr)
        if report.ok:
            print(f"{safe(path)}: {report.engine} index sound ({report.summary})")
    return 0 if report.ok else 1


def _list_indexes(args: argparse.Namespace) -> int:
    from vbpl.search.catalog import index_home, named_indexes

    rows: list[dict[str, Any]] = [
        {
            "name": m.name or m.path.name,
            "engine": m.engine,
            "path": str(m.path),
            "sources": list(m.sources),
            "updated": m.updated,
            "stale": m.stale,
        }
        for m in named_indexes()
    ]
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print(f"no indexes in {index_home()} (build one with: vbpl index PATH)")
        return 0
    for r in rows:
        mark = "  (older format: rebuild)" if r["stale"] else ""
        print(f"{r['name']}\t{r['engine']}\t{r['updated']}\t{', '.join(r['sources'])}{mark}")
    return 0


def _remove_index(name: str) -> int:
    from vbpl.errors import SearchIndexError
    from vbpl.search.catalog import find_named, remove_index

    path = find_named(name)
    if path is None:
        raise SearchIndexError(f"no index named {name!r} (see vbpl index --list)")
    remove_index(path)
    print(f"removed index {name} ({path})")
    return 0


# -- vbpl search -------------------------------------------------------------------------


def _search_path(args: argparse.Namespace) -> Path:
    """The index a search reads: ``--index``, ``$VBPL_INDEX``, the latest named index, or
    (built first when absent) the demo corpus's."""
    import os

    from vbpl.errors import SearchIndexError
    from vbpl.search.catalog import find_named, named_indexes
    from vbpl.search.index import INDEX_ENV, default_index_path, demo_index_path, detect_engine

    if args.index is not None:
        named = find_named(args.index)
        if named is not None:
            return named
        if detect_engine(args.index) is None:
            raise SearchIndexError(
                f"{args.index}: no index of that name or in that folder "
                "(vbpl index --list; build one with vbpl index PATH)"
            )
        return Path(args.index).expanduser()
    if not os.environ.get(INDEX_ENV):
        mine = named_indexes()
        if mine:
            if len(mine) > 1:
                others = ", ".join(m.path.name for m in mine[1:4])
                print(
                    f"vbpl: searching index {mine[0].path.name} (also: {others}; "
                    "choose with --index NAME)",
                    file=sys.stderr,
                )
            return mine[0].path
        path = demo_index_path(args.engine)
    else:
        path = default_index_path(args.engine)
    if detect_engine(path) is None:
        _build_demo(path, args.engine)
    return path


def _build_demo(path: Path, engine: str | None) -> None:
    from vbpl.corpus.load import iter_documents
    from vbpl.corpus.store import demo_path
    from vbpl.errors import CorpusError, SearchIndexError
    from vbpl.search import open_index
    from vbpl.search.catalog import write_manifest

    try:
        folder = demo_path()
    except CorpusError:
        raise SearchIndexError(
            "no index yet and no demo corpus found; run vbpl index PATH"
        ) from None
    print(
        f"vbpl: no index of yours yet; indexing the demo corpus into {safe(path)}",
        file=sys.stderr,
    )

    def on_error(e: Exception) -> None:
        print(error_line(e), file=sys.stderr)

    with open_index(path, engine=engine or "auto") as ix:
        ix.add(iter_documents([folder], on_error=on_error), progress=sys.stderr.isatty())
        name = ix.engine_name
    write_manifest(path, engine=name, name="demo", sources=[str(folder)])


def _bad_filters(query: str, filters: dict[str, str]) -> list[str]:
    """Filters of the query or the options whose value the query language cannot read."""
    from vbpl.search.query import parse_query

    bad = list(parse_query(query).ignored)
    for name, value in filters.items():
        q = parse_query(f'{name}:"{value}"')
        if q.ignored or (not q.filters and q.year is None):
            bad.append(f"--{name} {value}")
    return bad


def run_search(args: argparse.Namespace) -> int:
    from datetime import date

    if args.limit < 1:
        return _usage("search", "--limit must be at least 1")
    as_of = None
    if args.date:
        try:
            as_of = date.fromisoformat(args.date)
        except ValueError:
            return _usage("search", f"--date {args.date}: not a date (YYYY-MM-DD)")
    filters = {
        name: getattr(args, flag[2:].replace("-", "_"))
        for flag, name, _ in FILTER_OPTIONS
        if getattr(args, flag[2:].replace("-", "_")) is not None
    }
    query = " ".join(args.query)
    bad = _bad_filters(query, filters)
    if bad:
        return _usage("search", f"bad filter value: {', '.join(bad)} (see vbpl search --help)")
    from vbpl.search import open_index

    path = _search_path(args)
    with open_index(path, engine=args.engine or "auto", **_engine_options(args)) as ix:
        hits = ix.search(
            query,
            limit=args.limit,
            filters=filters or None,
            sections=not args.documents,
            facets=args.facets,
            flat=args.sections,
            notes=args.notes,
            as_of=as_of,
        )
        missing = getattr(ix.engine, "missing", ())
    if missing:
        print(
            f"vbpl: partial results: the shards on {', '.join(missing)} did not answer",
            file=sys.stderr,
        )
    if not hits:
        print(f"vbpl: {hits.hint or f'no hits for {query!r}'}", file=sys.stderr)
    elif hits.hint:
        print(f"vbpl: {hits.hint}", file=sys.stderr)
    if args.jsonl:
        import json

        for h in hits:
            sys.stdout.write(json.dumps(h.to_dict(), ensure_ascii=not readable()) + "\n")
    elif args.json:
        out: Any = hits.to_dicts()
        if args.facets:
            out = {"hits": out, "facets": hits.facets, "total": hits.total}
        emit_json(out)
    elif hits:
        sys.stdout.write(format_hits(hits, color=sys.stdout.isatty()))
        if args.facets:
            for name, counts in hits.facets.items():
                shown = ", ".join(f"{k} ({v})" for k, v in list(counts.items())[:8])
                sys.stdout.write(f"{name}: {shown}\n")
    return 0 if hits else 1


def format_hits(hits: Any, *, color: bool = False) -> str:
    """Hits as text for people: number, year and title, the breadcrumb, the snippet, and
    the document's other matching sections.

    >>> from vbpl.search import Hit
    >>> print(format_hits([Hit("45-NQ/TW@2023", "45-NQ/TW", "Về trí thức", None, 3.2,
    ...                        "đội ngũ <b>trí</b> <b>thức</b>", "a.txt", "document")]), end="")
    1. 45-NQ/TW (2023) — Về trí thức
       đội ngũ *trí* *thức*
    """
    from html import unescape

    if not hits:
        return ""
    on, off = ("\x1b[1m", "\x1b[0m") if color else ("*", "*")

    def show(snippet: str) -> str:
        return unescape(snippet.replace("<b>", on).replace("</b>", off))

    lines = []
    for i, h in enumerate(hits, 1):
        year = h.key.rsplit("@", 1)[1] if "@" in h.key else ""
        head = f"{i}. {h.number or h.key}" + (f" ({year})" if year else "")
        if h.title:
            head += f" — {h.title}"
        if h.version:
            head += f"  [{VERSION_MARKS.get(h.version, h.version)}]"
        lines.append(head)
        if h.section:
            lines.append(f"   {h.path or h.section}")
        if h.snippet:
            lines.append(f"   {show(h.snippet)}")
        for more in getattr(h, "sections", ()):
            lines.append(f"   + {more.path or more.section}: {show(more.snippet)[:150]}")
    return "\n".join(lines) + "\n"
