"""``vbpl tasks``, ``vbpl graph`` and ``vbpl show``: the corpus from the command line.

* ``vbpl tasks FILE... [--implementing NUMBER] [--json]`` — task items and what they implement;
* ``vbpl graph PATH... [--format graphml|json] [-o FILE]`` — the citation graph;
* ``vbpl show KEY [--corpus PATH...]`` — a document's metadata, outline and its relations in
  and out (in the demo corpus when no ``--corpus`` is given).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "tasks",
        help="list task items and the documents they implement",
        description="Find the task items (nhiệm vụ) of plans, guidance, directives and "
        "resolutions, with the documents each implements (cited directly, or inherited from "
        "a heading above it), the actor and the deadline.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="a document, folder, JSONL, or -")
    p.add_argument(
        "--implementing",
        metavar="NUMBER",
        help="only tasks implementing this document (a number, or a key number@year)",
    )
    p.add_argument(
        "--transitive",
        action="store_true",
        help="with --implementing: also tasks implementing a plan or guidance that implements it",
    )
    p.add_argument(
        "--corpus",
        nargs="+",
        default=[],
        metavar="PATH",
        help="more documents to resolve references against (their tasks are not listed)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list of tasks")
    p.set_defaults(func=run_tasks)

    g = sub.add_parser(
        "graph",
        help="export the citation graph of documents",
        description="Parse documents (or load a saved corpus), resolve their references "
        "against each other and write the citation graph with typed edges.",
    )
    g.add_argument("paths", nargs="+", metavar="PATH", help="documents, folders, JSONL, or -")
    g.add_argument("--format", choices=("json", "graphml"), default="json", help="default json")
    g.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    g.add_argument(
        "--unresolved", action="store_true", help="keep mentions no document was found for"
    )
    g.set_defaults(func=run_graph)

    s = sub.add_parser(
        "show",
        help="show a document of a corpus with its relations in and out",
        description="Print a document's metadata, outline and the documents it cites and "
        "that cite it, by key (29-NQ/TW@2013) or number.",
    )
    s.add_argument("key", metavar="KEY", help="a document key (number@year) or number")
    s.add_argument(
        "--corpus",
        nargs="+",
        metavar="PATH",
        help="documents, folders, JSONL or a saved corpus (default: the demo corpus)",
    )
    s.add_argument(
        "--depth", type=int, metavar="N", help="outline levels to show (1: the top level only)"
    )
    s.add_argument("--json", action="store_true", help="print JSON")
    s.set_defaults(func=run_show)


def _corpus(paths: list[str]) -> Any:
    from vbpl.corpus import Corpus

    return Corpus.from_paths(paths)


def run_tasks(args: argparse.Namespace) -> int:
    from vbpl.cli.output import emit_json
    from vbpl.corpus import Corpus
    from vbpl.corpus.load import iter_documents

    corpus = Corpus.from_paths(args.corpus, resolve=False) if args.corpus else Corpus()
    keys = [corpus.add(doc) for doc in iter_documents(args.files)]
    corpus.resolve()
    tasks = corpus.tasks(args.implementing, transitive=args.transitive, documents=keys)
    if args.json:
        emit_json(tasks.to_dicts())
        return 0
    out = sys.stdout
    for t in tasks:
        out.write(f"{t.document}  {t.section}\n  {t.text[:200]}\n")
        if t.actor:
            out.write(f"  actor: {t.actor}\n")
        if t.deadline:
            out.write(f"  deadline: {t.deadline}\n")
        for s in t.sources:
            out.write(f"  implements {s.key or s.number} ({s.via})\n")
    out.write(f"{len(tasks)} tasks\n")
    return 0


def run_graph(args: argparse.Namespace) -> int:
    import json

    from vbpl.corpus.export import graph_to_json, write_graphml
    from vbpl.errors import InputError

    graph = _corpus(args.paths).to_networkx(unresolved=args.unresolved)
    try:
        if args.format == "graphml":
            if args.output:
                write_graphml(graph, args.output)
            else:
                import io

                buf = io.BytesIO()
                write_graphml(graph, buf)  # type: ignore[arg-type]
                sys.stdout.write(buf.getvalue().decode("utf-8"))
        else:
            text = json.dumps(graph_to_json(graph), ensure_ascii=False, indent=1)
            if args.output:
                with open(args.output, "w", encoding="utf-8") as f:
                    f.write(text + "\n")
            else:
                sys.stdout.write(text + "\n")
    except OSError as e:
        raise InputError(f"{args.output}: cannot write ({e.strerror or e})") from None
    if args.output:
        print(
            f"{graph.number_of_nodes()} documents, {graph.number_of_edges()} links -> "
            f"{args.output}",
            file=sys.stderr,
        )
    return 0


def _link_rows(links: list[Any], other: str) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for lk in links:
        node = getattr(lk, other)
        row = seen.setdefault(
            (lk.relation, node), {"relation": lk.relation, "key": node, "sections": []}
        )
        if lk.section and lk.section not in row["sections"]:
            row["sections"].append(lk.section)
    return list(seen.values())


def run_show(args: argparse.Namespace) -> int:
    from vbpl.cli.output import emit_json
    from vbpl.corpus import Corpus
    from vbpl.display import document_outline

    if args.depth is not None and args.depth < 1:
        print("vbpl show: --depth must be at least 1", file=sys.stderr)
        return 2
    corpus = _corpus(args.corpus) if args.corpus else Corpus.demo()
    doc = corpus.get(args.key)  # raises on an unknown or ambiguous key
    key = corpus.keys_for(args.key)[0]
    out_links = _link_rows(corpus.relations(subject=key, resolved_only=True), "object")
    in_links = _link_rows(corpus.relations(object=key, resolved_only=True), "subject")
    tasks = corpus.tasks(documents=[key])
    if args.json:
        emit_json(
            {
                "key": key,
                "metadata": doc.metadata.to_dict(),
                "source": doc.source,
                "outline": [
                    {"id": s.id, "kind": s.kind, "label": s.label, "heading": s.heading}
                    for s in doc.walk()
                    if args.depth is None or s.id.count("__") < args.depth
                ],
                "relations_out": out_links,
                "relations_in": in_links,
                "tasks": tasks.to_dicts(),
            }
        )
        return 0
    out = sys.stdout
    out.write(document_outline(doc, depth=args.depth))

    def title(k: str) -> str:
        d = corpus.find(k)
        return f" — {d.metadata.doc_type or ''} {d.metadata.title or ''}".rstrip() if d else ""

    out.write(f"\nCites ({len(out_links)}):\n")
    for row in out_links:
        out.write(f"  {row['relation']:<11} {row['key']}{title(row['key'])}\n")
    out.write(f"\nCited by ({len(in_links)}):\n")
    for row in in_links:
        out.write(f"  {row['relation']:<11} {row['key']}{title(row['key'])}\n")
    if tasks:
        out.write(f"\nTasks ({len(tasks)}):\n")
        for t in tasks:
            src = ", ".join(s.key or s.number for s in t.sources)
            out.write(f"  {t.section}  {t.text[:90]}{'  -> ' + src if src else ''}\n")
    return 0
