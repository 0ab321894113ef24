"""Worker processes of our own (vbpl.corpus.workers): order, errors, dead workers, large
batches and results, and no process left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vbpl.corpus.workers import PIPE_BYTES, fork_map, supported
from vbpl.errors import VbplError

pytestmark = pytest.mark.skipif(not supported(), reason="workers of our own run on Linux only")


def _children() -> set[int]:
    """Pids of this process's children (Linux ``/proc``)."""
    pids: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        text = (task / "children").read_text()
        pids.update(int(p) for p in text.split())
    return pids


def _length(data: bytes) -> int:
    return len(data)


def _die(value: int) -> int:
    if value == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return value


class _Unpicklable(Exception):
    def __reduce__(self) -> tuple:
        raise TypeError("cannot pickle")


def _raise_unpicklable(value: int) -> int:
    raise _Unpicklable(f"bug on {value}")


def _sized(n: int) -> bytes:
    return b"x" * n


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_back_in_batch_order(jobs: int) -> None:
    batches = [[i, -i] for i in range(-20, 20)]
    assert list(fork_map(abs, iter(batches), jobs=jobs, limit=3)) == [
        [abs(a), abs(b)] for a, b in batches
    ]


def test_batches_larger_than_the_pipe_reach_the_workers_whole() -> None:
    sizes = [3 * PIPE_BYTES + 17, 5, 2 * PIPE_BYTES, 0, PIPE_BYTES]
    out = fork_map(_length, iter([[b"a" * n] for n in sizes]), jobs=2, limit=8)
    assert list(out) == [[n] for n in sizes]


def test_bytes_results_of_every_size_come_back_as_bytes() -> None:
    sizes = [0, 1, PIPE_BYTES - 1, PIPE_BYTES, 3 * PIPE_BYTES + 1, 9]
    out = list(fork_map(_sized, iter([[n] for n in sizes]), jobs=2, limit=4))
    assert out == [[b"x" * n] for n in sizes]
    assert all(type(r[0]) is bytes for r in out)


def test_a_worker_that_dies_is_a_vbpl_error_and_no_worker_is_left() -> None:
    before = _children()
    with pytest.raises(VbplError, match=r"ended before its work was done.*signal 9"):
        list(fork_map(_die, iter([[1], [2], [3], [4], [5], [6]]), jobs=2, limit=4))
    assert _children() <= before


def test_an_exception_that_cannot_be_pickled_is_raised_as_its_text() -> None:
    with pytest.raises(RuntimeError, match="_Unpicklable: bug on 1"):
        list(fork_map(_raise_unpicklable, iter([[1]]), jobs=1, limit=2))


def test_stopping_early_ends_every_worker() -> None:
    before = _children()
    results = fork_map(abs, iter([[i] for i in range(10_000)]), jobs=2, limit=8)
    assert next(results) == [0]
    assert len(_children() - before) == 2
    results.close()
    assert _children() <= before


_ORPHAN_SCRIPT = """
import os, sys, time
from pathlib import Path
from vbpl.corpus.workers import fork_map

def slow(x):
    time.sleep(60)
    return x

results = fork_map(slow, iter([[1], [2], [3]]), jobs=2, limit=4)
print("ready", flush=True)
next(results)
"""


def test_workers_end_when_the_main_process_is_killed() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN_SCRIPT], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 10
        kids: set[int] = set()
        while len(kids) < 2 and time.monotonic() < deadline:
            kids = {
                int(p)
                for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
            }
            time.sleep(0.02)
        assert len(kids) == 2
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(k) for k in kids):
        time.sleep(0.05)
    assert not any(_alive(k) for k in kids)


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie waiting for init to reap it has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status
