"""Local ``searchd`` nodes for the sphinx engine: write their configuration, start, stop.

For development, tests and the deployment guide (``docs/deployment.md``): N nodes on one
host, each with its own folder, SphinxQL port (what ``--nodes`` lists) and API port (what
the distributed indexes use to reach each other). A real cluster writes the same
configuration by hand (:func:`node_config` gives it for any addresses).

Layout of a cluster folder::

    cluster.json             nodes: host, sql_port, api_port (node i = shard i)
    node1/searchd.conf       node1/data/ (RT index, binlog)  node1/searchd.pid  node1/*.log
    node2/...

>>> text = node_config(0, [Node("127.0.0.1", 9306, 9312), Node("127.0.0.1", 9307, 9313)],
...                    Path("/srv/n1"))
>>> "agent = 127.0.0.1:9313:vbpl_rt" in text, "listen = 127.0.0.1:9306:mysql41" in text
(True, True)
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from vbpl.errors import SearchIndexError
from vbpl.search.sphinx_engine import CHARSET_TABLE, DIST_INDEX, RT_ATTRS, RT_FIELDS, RT_INDEX

CLUSTER_FILE = "cluster.json"


@dataclass(frozen=True, slots=True)
class Node:
    """One ``searchd``: its host, SphinxQL port and API (agent) port."""

    host: str
    sql_port: int
    api_port: int

    @property
    def address(self) -> str:
        """``host:sql_port``, as ``--nodes`` lists it."""
        return f"{self.host}:{self.sql_port}"


@dataclass(frozen=True, slots=True)
class NodeStatus:
    node: Node
    folder: Path
    pid: int | None
    running: bool


def searchd_binary() -> str:
    """The ``searchd`` program (Debian package ``sphinxsearch``, or Manticore's)."""
    found = shutil.which("searchd")
    if not found:
        raise SearchIndexError("searchd not found (apt-get install sphinxsearch)")
    return found


def free_ports(n: int, host: str = "127.0.0.1") -> list[int]:
    """``n`` distinct TCP ports free on ``host`` now (the OS picks them)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind((host, 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def node_config(index: int, nodes: list[Node], folder: Path) -> str:
    """The ``searchd.conf`` of node ``index`` (0-based) of ``nodes``, data under ``folder``:
    its RT shard and a distributed index over its shard and every other node's."""
    me = nodes[index]
    data = folder / "data"
    lines = [f"index {RT_INDEX}", "{", "    type = rt", f"    path = {data / RT_INDEX}"]
    lines += [f"    rt_field = {f}" for f in RT_FIELDS]
    lines += [f"    rt_attr_{kind} = {name}" for kind, name in RT_ATTRS]
    lines += [
        f"    charset_table = {CHARSET_TABLE}",
        "    index_field_lengths = 1",
        "    rt_mem_limit = 256M",
        "}",
        "",
        f"index {DIST_INDEX}",
        "{",
        "    type = distributed",
        f"    local = {RT_INDEX}",
    ]
    lines += [f"    agent = {n.host}:{n.api_port}:{RT_INDEX}" for n in nodes if n != me]
    lines += [
        "    agent_connect_timeout = 500",
        "    agent_query_timeout = 30000",
        "}",
        "",
        "searchd",
        "{",
        f"    listen = {me.host}:{me.sql_port}:mysql41",
        f"    listen = {me.host}:{me.api_port}",
        f"    pid_file = {folder / 'searchd.pid'}",
        f"    log = {folder / 'searchd.log'}",
        f"    query_log = {folder / 'query.log'}",
        f"    binlog_path = {data}",
        "    max_packet_size = 128M",
        "    workers = threads",
        "    seamless_rotate = 1",
        "}",
        "",
    ]
    return "\n".join(lines)


_SQL_TYPES = {"string": "string", "uint": "uint", "bigint": "bigint", "multi_64": "multi64"}


def create_table_sql() -> str:
    """The ``CREATE TABLE`` of a shard for Manticore's RT mode (``data_dir``, no index
    sections in the configuration), the mode its replication needs; the same fields and
    attributes as :func:`node_config`, tokens not stored (``stored_fields=''``).

    >>> create_table_sql().startswith("CREATE TABLE vbpl_rt (body text indexed")
    True
    """
    cols = [f"{f} text indexed" for f in RT_FIELDS]
    cols += [f"{name} {_SQL_TYPES[kind]}" for kind, name in RT_ATTRS]
    return (
        f"CREATE TABLE {RT_INDEX} ({', '.join(cols)}) "
        f"charset_table='{CHARSET_TABLE}' index_field_lengths='1' stored_fields=''"
    )


def init_cluster(folder: str | Path, n: int, *, host: str = "127.0.0.1") -> list[Node]:
    """Write the configuration of ``n`` local nodes into ``folder`` (free ports chosen now).

    Refuses a folder that already holds a cluster (stop it and remove the folder first).
    """
    root = Path(folder)
    if n < 1:
        raise SearchIndexError("a cluster needs at least one node")
    if (root / CLUSTER_FILE).exists():
        raise SearchIndexError(f"{root}: already holds a cluster")
    ports = free_ports(2 * n, host)
    nodes = [Node(host, ports[2 * i], ports[2 * i + 1]) for i in range(n)]
    for i in range(n):
        node_dir = (root / f"node{i + 1}").resolve()
        (node_dir / "data").mkdir(parents=True, exist_ok=True)
        (node_dir / "searchd.conf").write_text(node_config(i, nodes, node_dir), encoding="utf-8")
    (root / CLUSTER_FILE).write_text(
        json.dumps({"nodes": [asdict(x) for x in nodes]}, indent=1) + "\n", encoding="utf-8"
    )
    return nodes


def load_cluster(folder: str | Path) -> list[Node]:
    """The nodes of the cluster in ``folder``."""
    path = Path(folder) / CLUSTER_FILE
    try:
        return [Node(**x) for x in json.loads(path.read_text(encoding="utf-8"))["nodes"]]
    except FileNotFoundError:
        raise SearchIndexError(f"{folder}: no cluster here (vbpl cluster init)") from None
    except (ValueError, KeyError, TypeError):
        raise SearchIndexError(f"{path}: not a vbpl cluster file") from None


def nodes_spec(folder: str | Path) -> str:
    """The ``--nodes`` value of the cluster in ``folder``."""
    return ",".join(n.address for n in load_cluster(folder))


def _pid(node_dir: Path) -> int | None:
    try:
        return int((node_dir / "searchd.pid").read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped by its parent) is not alive
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _answers(node: Node, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((node.host, node.sql_port), timeout=timeout):
            return True
    except OSError:
        return False


def status(folder: str | Path) -> list[NodeStatus]:
    """Each node of the cluster: its pid (from its pid file) and whether it answers."""
    root = Path(folder)
    out = []
    for i, node in enumerate(load_cluster(root)):
        node_dir = root / f"node{i + 1}"
        pid = _pid(node_dir)
        out.append(NodeStatus(node, node_dir, pid, _alive(pid) and _answers(node)))
    return out


def start(folder: str | Path, *, only: int | None = None, wait: float = 15.0) -> list[Node]:
    """Start every node (or node ``only``, 1-based) not running; waits until they answer."""
    root = Path(folder)
    binary = searchd_binary()
    started = []
    for st in status(root):
        number = int(st.folder.name.removeprefix("node"))
        if (only is not None and number != only) or st.running:
            continue
        conf = st.folder / "searchd.conf"
        proc = subprocess.run(
            [binary, "--config", str(conf)], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            last = (proc.stderr or proc.stdout).strip().splitlines()
            raise SearchIndexError(
                f"{conf}: searchd did not start ({last[-1] if last else proc.returncode})"
            )
        started.append(st.node)
    deadline = time.monotonic() + wait
    for node in started:
        while not _answers(node):
            if time.monotonic() > deadline:
                raise SearchIndexError(f"node {node.address} does not answer after {wait:g} s")
            time.sleep(0.05)
    return started


def stop(folder: str | Path, *, only: int | None = None, wait: float = 15.0) -> list[Node]:
    """Stop every running node (or node ``only``, 1-based): SIGTERM to the pid in its pid
    file (searchd saves its RT indexes), then wait for it to exit."""
    stopped = []
    for st in status(folder):
        number = int(st.folder.name.removeprefix("node"))
        if (only is not None and number != only) or not _alive(st.pid):
            continue
        assert st.pid is not None
        os.kill(st.pid, signal.SIGTERM)
        deadline = time.monotonic() + wait
        while _alive(st.pid):
            if time.monotonic() > deadline:
                os.kill(st.pid, signal.SIGKILL)
                break
            time.sleep(0.05)
        stopped.append(st.node)
    return stopped


__all__ = [
    "CLUSTER_FILE",
    "Node",
    "NodeStatus",
    "create_table_sql",
    "free_ports",
    "init_cluster",
    "load_cluster",
    "node_config",
    "nodes_spec",
    "searchd_binary",
    "start",
    "status",
    "stop",
]
