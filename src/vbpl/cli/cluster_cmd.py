"""``vbpl cluster``: local ``searchd`` nodes for the sphinx engine (development, tests, the
deployment guide): ``init DIR --nodes N`` writes their configuration, ``start``, ``stop``
and ``status`` manage them. ``init`` prints the ``--nodes`` value for ``vbpl index``.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cluster",
        help="write, start and stop local searchd nodes (sphinx engine)",
        description="Local searchd nodes (Debian package sphinxsearch, or Manticore): one "
        "shard each, a distributed index over all of them on every node. See "
        "docs/deployment.md for a real cluster.",
    )
    cmds = p.add_subparsers(dest="cluster_command", metavar="ACTION", required=True)
    init = cmds.add_parser("init", help="write the configuration of N local nodes")
    init.add_argument("folder", metavar="DIR", help="cluster folder (created)")
    init.add_argument("--nodes", "-n", type=int, default=2, metavar="N", help="nodes (default 2)")
    init.add_argument("--host", default="127.0.0.1", help="address to listen on")
    init.add_argument("--start", action="store_true", help="start the nodes too")
    for name, help_text in (
        ("start", "start the nodes that are not running"),
        ("stop", "stop the running nodes (their RT indexes are saved)"),
        ("status", "show each node: address, pid, running"),
    ):
        c = cmds.add_parser(name, help=help_text)
        c.add_argument("folder", metavar="DIR", help="cluster folder")
        if name != "status":
            c.add_argument("--node", type=int, metavar="I", help="only node I (1-based)")
        c.add_argument("--json", action="store_true", help="print JSON")
    cmds.add_parser(
        "schema", help="print the CREATE TABLE of a shard for Manticore (docs/deployment.md)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vbpl.cli.output import emit_json
    from vbpl.search import sphinx_nodes as sn

    action = args.cluster_command
    if action == "schema":
        print(sn.create_table_sql() + ";")
        return 0
    if action == "init":
        nodes = sn.init_cluster(args.folder, args.nodes, host=args.host)
        if args.start:
            sn.start(args.folder)
        spec = ",".join(n.address for n in nodes)
        print(f"{len(nodes)} nodes in {args.folder}; index with --engine sphinx --nodes {spec}")
        return 0
    if action in ("start", "stop"):
        do = sn.start if action == "start" else sn.stop
        done = do(args.folder, only=args.node)
        if args.json:
            emit_json({action: [n.address for n in done]})
        else:
            verb = "started" if action == "start" else "stopped"
            print(f"{verb} {len(done)} nodes" + "".join(f"\n  {n.address}" for n in done))
        return 0
    rows = sn.status(args.folder)
    if args.json:
        emit_json(
            [
                {
                    "node": i,
                    "address": st.node.address,
                    "api_port": st.node.api_port,
                    "pid": st.pid,
                    "running": st.running,
                }
                for i, st in enumerate(rows, 1)
            ]
        )
    else:
        for i, st in enumerate(rows, 1):
            state = f"running (pid {st.pid})" if st.running else "stopped"
            print(f"node{i} {st.node.address} (api {st.node.api_port}): {state}")
    return 0
