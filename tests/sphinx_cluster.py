"""Real ``searchd`` nodes for the sphinx engine's tests: two shards on loopback, free ports
chosen at run time, data in a temporary folder, every node stopped at teardown.

Tests skip (one line) only where ``searchd`` or PyMySQL is not installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SKIP_REASON = (
    "searchd not installed (apt-get install sphinxsearch)"
    if shutil.which("searchd") is None
    else None
)
if SKIP_REASON is None:
    try:
        import pymysql  # noqa: F401
    except ImportError:
        SKIP_REASON = "PyMySQL not installed (pip install 'vbpl[sphinx]')"


def skip_unless_searchd() -> None:
    if SKIP_REASON:
        pytest.skip(SKIP_REASON)


@contextmanager
def cluster(folder: Path, n: int = 2) -> Iterator[str]:
    """Start ``n`` local nodes configured in ``folder``; yields the ``--nodes`` value."""
    from vbpl.search import sphinx_nodes

    skip_unless_searchd()
    sphinx_nodes.init_cluster(folder, n)
    try:
        sphinx_nodes.start(folder)
        yield sphinx_nodes.nodes_spec(folder)
    finally:
        sphinx_nodes.stop(folder)


# the engine name with a skip mark where searchd is absent, for parametrised suites
SPHINX_PARAM = pytest.param(
    "sphinx", marks=pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or "")
)
