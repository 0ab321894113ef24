"""The sphinx engine on two real ``searchd`` nodes: routing, index life, faults, the CLI.

The conformance suite (``test_search_conformance.py``) checks its answers; this file checks
what only a distributed engine has: shards, nodes that go down, connections that drop.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

import pytest

from corpus_factory import decree
from vbpl.cli import main
from vbpl.errors import SearchIndexError
from vbpl.model import Document
from vbpl.search import open_index
from vbpl.search.index import detect_engine

sys.path.insert(0, str(Path(__file__).parent))
from sphinx_cluster import SKIP_REASON, cluster

pytestmark = pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or "")


def make_doc(i: int, word: str = "thủy lợi", n_sections: int = 2) -> Document:
    body = [(f"Phạm vi {k}", f"Quy định về {word} số {i}.") for k in range(1, n_sections + 1)]
    return decree(i, f"Nghị định {i} về {word}", body)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("cluster")
    with cluster(root, 2):
        yield root


@pytest.fixture
def nodes(folder):
    """The ``--nodes`` value; every node running and every shard empty at the start."""
    from vbpl.search import sphinx_nodes
    from vbpl.search.sphinx_engine import SphinxEngine

    sphinx_nodes.start(folder)
    spec = sphinx_nodes.nodes_spec(folder)
    eng = SphinxEngine(folder / "clear", nodes=spec)
    eng.clear()
    eng.close()
    yield spec
    sphinx_nodes.start(folder)  # a test that stopped a node leaves the cluster whole


def shard_uids(spec: str) -> list[set[str]]:
    """The unit ids each node's own RT index holds."""
    import pymysql

    out = []
    for node in spec.split(","):
        host, port = node.split(":")
        conn = pymysql.connect(host=host, port=int(port), autocommit=True)
        with conn.cursor() as cur:
            cur.execute("SELECT uid FROM vbpl_rt LIMIT 10000 OPTION max_matches=10000")
            out.append({r[0] for r in cur.fetchall()})
        conn.close()
    return out


def test_documents_are_routed_whole_to_one_shard(tmp_path, nodes):
    from vbpl.search.sphinx_engine import shard_of

    with open_index(tmp_path / "ix", engine="sphinx", nodes=nodes) as ix:
        assert ix.add(make_doc(i) for i in range(40)) == 40
        assert ix.count() == 40 and ix.count(None) == 120
    shards = shard_uids(nodes)
    assert all(shards)  # 40 keys over 2 shards: both get some
    assert not shards[0] & shards[1]
    for s, uids in enumerate(shards):
        for uid in uids:
            assert shard_of(uid.split("#")[0], 2) == s


def test_update_delete_and_reopen(tmp_path, nodes):
    with open_index(tmp_path / "ix", engine="sphinx", nodes=nodes) as ix:
        ix.add([make_doc(1, n_sections=3), make_doc(2)])
        assert ix.count(None) == 2 + 3 + 2
        ix.add([make_doc(1, "đê điều", n_sections=1)])  # fewer sections: stale ones go
        assert ix.count() == 2 and ix.count(None) == 2 + 1 + 2
        assert {h.key for h in ix.search("đê điều", limit=10)} == {"1/2024/NĐ-CP@2024"}
        ix.delete("2/2024/NĐ-CP@2024")
        assert ix.count(None) == 2
        ix.delete("no-such-key")
        ix.optimize()  # OPTIMIZE INDEX on every shard, in the background
        assert ix.count(None) == 2
    assert detect_engine(tmp_path / "ix") == "sphinx"
    with open_index(tmp_path / "ix", engine="auto") as ix:  # the folder names the nodes
        assert ix.engine_name == "sphinx" and ix.count() == 1


def test_rerun_gives_the_same_index(tmp_path, nodes):
    docs = [make_doc(i) for i in range(10)]
    with open_index(tmp_path / "ix", engine="sphinx", nodes=nodes) as ix:
        ix.add(docs[:6])
        ix.add(docs, batch_docs=3)  # a rerun over what is there: REPLACE, no duplicates
        assert ix.count() == 10 and ix.count(None) == 30
        assert ix.search("thủy lợi", limit=100).total == 30


def test_node_down_fails_in_one_line_or_answers_partially(tmp_path, nodes, folder):
    from vbpl.search import sphinx_nodes

    with open_index(tmp_path / "ix", engine="sphinx", nodes=nodes) as ix:
        ix.add(make_doc(i) for i in range(20))
        full = ix.search("thủy lợi", limit=100)
        assert full.total == 60 and ix.engine.missing == ()
    on_two = len(shard_uids(nodes)[1])
    sphinx_nodes.stop(folder, only=2)
    with open_index(tmp_path / "ix", engine="auto") as ix:
        with pytest.raises(SearchIndexError, match="partial") as err:
            ix.search("thủy lợi")
        assert "\n" not in str(err.value)
    with open_index(tmp_path / "ix", engine="auto", partial=True) as ix:
        part = ix.search("thủy lợi", limit=100)
        assert part.total == 60 - on_two > 0
        assert len(ix.engine.missing) == 1
    sphinx_nodes.stop(folder, only=1)
    sphinx_nodes.start(folder, only=2)  # the first node down: the second one answers
    with open_index(tmp_path / "ix", engine="auto", partial=True) as ix:
        assert ix.search("thủy lợi", limit=100).total == on_two
        assert ix.engine.missing
    sphinx_nodes.start(folder)
    with open_index(tmp_path / "ix", engine="auto") as ix:  # nothing lost while a node was down
        assert ix.search("thủy lợi", limit=100).total == 60 and ix.engine.missing == ()


def test_write_to_a_down_node_fails_then_a_rerun_completes(tmp_path, nodes, folder):
    from vbpl.search import sphinx_nodes

    docs = [make_doc(i) for i in range(30)]
    with open_index(tmp_path / "ix", engine="sphinx", nodes=nodes, timeout=0.5) as ix:
        sphinx_nodes.stop(folder, only=2)
        with pytest.raises(SearchIndexError, match="does not answer"):
            ix.add(docs)
    sphinx_nodes.start(folder, only=2)
    with open_index(tmp_path / "ix", engine="auto") as ix:
        assert ix.add(docs) == 30
        assert ix.count() == 30 and ix.count(None) == 90


def test_lost_connection_mid_write_resumes(tmp_path, nodes, folder):
    from vbpl.search import sphinx_nodes

    docs = [make_doc(i) for i in range(60)]
    with open_index(tmp_path / "ix", engine="sphinx", nodes=nodes, timeout=30) as ix:
        ix.add(docs[:20])
        for conn in list(ix.engine._conns.values()):  # connections cut under the engine
            conn._sock.close()
        ix.add(docs[20:40])
        sphinx_nodes.stop(folder, only=2)  # a node restarts while a batch waits for it
        restart = threading.Timer(1.0, sphinx_nodes.start, args=(folder,), kwargs={"only": 2})
        restart.start()
        t = time.monotonic()
        ix.add(docs[40:], batch_docs=5)
        restart.join()
        assert time.monotonic() - t >= 0.5
        assert ix.count() == 60 and ix.count(None) == 180


def test_nodes_must_match_the_index(tmp_path, nodes):
    with open_index(tmp_path / "ix", engine="sphinx", nodes=nodes):
        pass
    first, second = nodes.split(",")
    with pytest.raises(SearchIndexError, match="re-indexing"):
        open_index(tmp_path / "ix", engine="sphinx", nodes=f"{second},{first}")
    with pytest.raises(SearchIndexError, match="needs its nodes"):
        open_index(tmp_path / "new", engine="sphinx")
    with pytest.raises(SearchIndexError, match="does not answer"):
        open_index(tmp_path / "new", engine="sphinx", nodes="127.0.0.1:1")
    assert not (tmp_path / "new").exists()


BAD_NODES = [
    "",
    "nohost",
    "h:",
    "h:0",
    "h:99999",
    ":80",
    "a:1,a:1",
    "h:x",
    "a:1|a:1",
    "a:1@",
    "a:1@x-y",
    "a:1|",
]


@pytest.mark.parametrize("spec", BAD_NODES)
def test_bad_node_lists(spec):
    from vbpl.search.sphinx_engine import parse_nodes

    with pytest.raises(SearchIndexError):
        parse_nodes(spec)


def test_cli_cluster_index_search(tmp_path, capsys):
    root = tmp_path / "c"
    assert main(["cluster", "init", str(root), "--nodes", "2", "--start"]) == 0
    try:
        spec = capsys.readouterr().out.split("--nodes ")[1].strip()
        assert main(["cluster", "status", str(root), "--json"]) == 0
        status = json.loads(capsys.readouterr().out)
        assert [s["running"] for s in status] == [True, True]
        demo = Path(__file__).resolve().parents[1] / "corpora" / "demo"
        ix = str(tmp_path / "ix")
        code = main(["index", str(demo), "--index", ix, "--engine", "sphinx", "--nodes", spec])
        assert code == 0
        capsys.readouterr()
        assert main(["search", "trí thức", "--index", ix, "--json", "-k", "3"]) == 0
        hits = json.loads(capsys.readouterr().out)
        assert len(hits) == 3 and all("<b>" in h["snippet"] for h in hits)
        assert main(["cluster", "stop", str(root), "--node", "2"]) == 0
        capsys.readouterr()
        assert main(["search", "trí thức", "--index", ix]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "--partial" in err
        assert main(["search", "trí thức", "--index", ix, "--partial"]) == 0
        assert "partial results" in capsys.readouterr().err
        assert main(["cluster", "init", str(root)]) == 1  # already there
    finally:
        main(["cluster", "stop", str(root)])
    capsys.readouterr()
    assert main(["cluster", "status", str(root), "--json"]) == 0
    assert not any(s["running"] for s in json.loads(capsys.readouterr().out))


def test_a_replica_that_does_not_answer_is_skipped(tmp_path, nodes):
    from vbpl.search.sphinx_nodes import free_ports

    with open_index(tmp_path / "ix", engine="sphinx", nodes=nodes) as ix:
        ix.add([make_doc(1)])
    # a replica listed first for each shard (as docs/deployment.md adds one), not running
    desc = tmp_path / "ix" / "sphinx.json"
    meta = json.loads(desc.read_text())
    dead = free_ports(2)
    meta["nodes"] = [f"127.0.0.1:{p}|{n}" for p, n in zip(dead, meta["nodes"], strict=True)]
    desc.write_text(json.dumps(meta))
    with open_index(tmp_path / "ix", engine="auto", timeout=5) as ix:
        ix.add(make_doc(i) for i in range(2, 12))
        assert ix.count() == 11 and ix.engine.missing == ()
        assert ix.search("thủy lợi", limit=100).total == 33


def test_schema_for_manticore_lists_every_field_and_attribute(capsys):
    from vbpl.search.sphinx_engine import RT_ATTRS, RT_FIELDS

    assert main(["cluster", "schema"]) == 0
    sql = capsys.readouterr().out
    assert sql.startswith("CREATE TABLE vbpl_rt (") and sql.rstrip().endswith(";")
    for field in RT_FIELDS:
        assert f"{field} text indexed" in sql
    for _, name in RT_ATTRS:
        assert f" {name} " in sql
