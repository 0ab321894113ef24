"""Worker processes of our own for :func:`vbpl.corpus.parallel.ordered_map` (Linux, fork).

Reads: an iterator of *batches* (lists of small picklable tasks) and a function ``fn(task)``.
Writes: each batch's list of results, in the order of the batches, computed on ``jobs``
forked processes. Each worker has a pipe that brings it batches and one that takes its
results back; this process hands the next batch to whichever worker returned one, keeps at
most ``limit`` batches in flight or waiting for their turn, and reads results as they come.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: on two cores every bit of CPU this
process spends is taken from a worker. The executor's manager thread, its locks and the
pickling of every result cost this process 0.06-0.07 s of CPU in a 1.1 s two-job ``vbpl parse
--json`` of 10 MB of laws, and its imports 11 ms before the first task; here a result that is
``bytes`` (a document's JSON) crosses the pipe as it is, and one ``os.read`` takes it
(docs/performance.md, "Two jobs, fifth round").

A worker runs with the parent's memory (fork: compiled patterns and loaded tables come
with it), ignores ``SIGINT`` (this process stops it), ends when this process ends however it
ends (a pipe only this process holds open), and leaves with ``os._exit``, so that
nothing of the parent's (``atexit``, buffered output) runs twice. A worker that dies is a
:class:`~vbpl.errors.VbplError` here; an exception ``fn`` raises (a bug) is raised here.

>>> list(fork_map(abs, iter([[-1, 2], [-3]]), jobs=2, limit=4))
[[1, 2], [3]]
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import struct
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterator
from typing import Any

from vbpl.errors import VbplError

#: a message's header: its kind and the length of what follows
_HEADER = struct.Struct("<BQ")
#: kinds of message from a worker: a pickled list of results, one ``bytes`` result as it
#: is, an exception ``fn`` raised (pickled)
_LIST, _BYTES, _RAISED = 0, 1, 2
#: batches handed to one worker before it returns one: one to work on, one waiting, so that
#: it never waits for this process between tasks
DEPTH = 2
#: bytes a pipe may buffer (Linux ``F_SETPIPE_SZ``; at 64 KiB a worker waits for this
#: process to read each result: docs/performance.md, "Results through a wider pipe")
PIPE_BYTES = 1 << 20
_F_SETPIPE_SZ = 1031


def supported() -> bool:
    """Whether workers of our own can run here (Linux, where ``fork`` is safe to use).

    >>> supported() == sys.platform.startswith("linux")
    True
    """
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def widen_pipe(fd: int, size: int = PIPE_BYTES) -> int | None:
    """Ask the kernel to let the pipe ``fd`` buffer ``size`` bytes; return its capacity
    now, or ``None`` where pipes cannot be resized (not Linux, or the system refuses: an
    unprivileged user's limit is ``/proc/sys/fs/pipe-max-size``).

    >>> r, w = os.pipe()
    >>> widen_pipe(r, 1 << 17) in (1 << 17, None)
    True
    """
    try:
        import fcntl

        return fcntl.fcntl(fd, _F_SETPIPE_SZ, size)
    except (ImportError, OSError):
        return None


def _read_exact(fd: int, n: int) -> bytes:
    """``n`` bytes from ``fd`` (fewer only at its end)."""
    data = os.read(fd, n)  # one read takes a whole result when the pipe holds it
    if len(data) == n or not data:
        return data
    parts = [data]
    got = len(data)
    while got < n:
        more = os.read(fd, n - got)
        if not more:
            break
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _message(kind: int, payload: bytes) -> list[bytes]:
    return [_HEADER.pack(kind, len(payload)), payload]


def _serve(fn: Callable[[Any], Any], call: Callable[..., list[Any]], tasks: int, out: int) -> None:
    """A worker's loop: read a batch, send back its results, until the batch pipe closes."""
    while True:
        head = _read_exact(tasks, _HEADER.size)
        if len(head) < _HEADER.size:
            return
        _kind, n = _HEADER.unpack(head)
        batch = pickle.loads(_read_exact(tasks, n))
        try:
            results = call(fn, batch)
            if len(results) == 1 and type(results[0]) is bytes:
                message = _message(_BYTES, results[0])
            else:
                message = _message(_LIST, pickle.dumps(results, pickle.HIGHEST_PROTOCOL))
        except Exception as e:  # a bug in fn: raised in the parent, as without workers
            message = _message(_RAISED, _pickled_error(e))
        for part in message:
            _write_all(out, part)


def _pickled_error(e: Exception) -> bytes:
    try:
        return pickle.dumps(e, pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that does not pickle: its type and text
        return pickle.dumps(RuntimeError(f"{type(e).__name__}: {e}"))


class _Worker:
    """One forked worker: its pid, this process's ends of its pipes, what it is working on
    and the batch bytes not yet written to it."""

    __slots__ = ("inflight", "out", "pending", "pid", "results", "tasks")

    def __init__(self, pid: int, tasks: int, results: int) -> None:
        self.pid = pid
        self.tasks = tasks
        self.results = results
        self.inflight: deque[int] = deque()
        self.pending = bytearray()


def _start(
    fn: Callable[[Any], Any], call: Callable[..., list[Any]], jobs: int
) -> tuple[list[_Worker], int]:
    """Fork ``jobs`` workers; return them and the write end of their lifeline (a pipe never
    written: when it closes, with this process or in :func:`_stop`, they leave)."""
    workers: list[_Worker] = []
    lifeline_r, lifeline_w = os.pipe()
    for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
        if stream is not None:
            stream.flush()
    try:
        for _ in range(jobs):
            task_r, task_w = os.pipe()
            result_r, result_w = os.pipe()
            widen_pipe(result_w)
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the worker (coverage is not collected)
                code = 1
                try:
                    os.close(lifeline_w)
                    _end_with_parent(lifeline_r)
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    for w in workers:  # the other workers' pipes: their ends must close
                        os.close(w.tasks)
                        os.close(w.results)
                    os.close(task_w)
                    os.close(result_r)
                    gc.freeze()  # the parent's objects: never scanned, never copied for it
                    _serve(fn, call, task_r, result_w)
                    code = 0
                finally:
                    os._exit(code)
            os.close(task_r)
            os.close(result_w)
            os.set_blocking(task_w, False)  # a large batch never blocks this process
            workers.append(_Worker(pid, task_w, result_r))
    except BaseException:
        _stop(workers, lifeline_w, kill=True)
        raise
    finally:
        os.close(lifeline_r)
    return workers, lifeline_w


def _end_with_parent(lifeline: int) -> None:
    """In a worker: leave at once when the main process ends, however it ends (``kill -9``
    too): a thread waits on a pipe only the main process holds open for writing."""
    import threading

    def wait() -> None:
        with contextlib.suppress(OSError):
            os.read(lifeline, 1)
        os._exit(1)

    threading.Thread(target=wait, daemon=True).start()


def _stop(workers: list[_Worker], lifeline: int, *, kill: bool) -> None:
    """Close the workers' pipes (they leave when theirs closes) and wait for them; ``kill``:
    end them at once (the run stopped early)."""
    with contextlib.suppress(OSError):
        os.close(lifeline)
    for w in workers:
        if kill:
            with contextlib.suppress(OSError):
                os.kill(w.pid, signal.SIGKILL)
        for fd in (w.tasks, w.results):
            with contextlib.suppress(OSError):
                os.close(fd)
    for w in workers:
        with contextlib.suppress(OSError):
            os.waitpid(w.pid, 0)


def _receive(w: _Worker) -> list[Any]:
    head = _read_exact(w.results, _HEADER.size)
    if len(head) < _HEADER.size:
        _, status = os.waitpid(w.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        raise VbplError(f"a worker process ended before its work was done ({how})")
    kind, n = _HEADER.unpack(head)
    payload = _read_exact(w.results, n)
    if kind == _BYTES:
        return [payload]
    value = pickle.loads(payload)
    if kind == _RAISED:
        raise value
    results: list[Any] = value
    return results


def fork_map(
    fn: Callable[[Any], Any],
    batches: Iterator[list[Any]],
    *,
    jobs: int,
    limit: int,
    call: Callable[..., list[Any]] | None = None,
) -> Generator[list[Any], None, None]:
    """``call(fn, batch)`` for each batch on ``jobs`` forked workers, in batch order, with at
    most ``limit`` batches in flight or waiting for their turn (``call`` defaults to
    ``[fn(t) for t in batch]``). Linux only (see :func:`supported`).

    >>> list(fork_map(str, iter([[1], [2, 3]]), jobs=2, limit=2))
    [['1'], ['2', '3']]
    """
    run: Callable[..., list[Any]] = call if call is not None else _each
    workers, lifeline = _start(fn, run, jobs)
    order: deque[int] = deque()  # batch numbers, in input order
    done: dict[int, list[Any]] = {}
    exhausted = False
    sent = 0
    clean = False

    def feed(w: _Worker) -> None:
        nonlocal exhausted, sent
        while not exhausted and len(w.inflight) < DEPTH and len(order) < limit:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
                return
            payload = pickle.dumps(batch, pickle.HIGHEST_PROTOCOL)
            w.pending += _HEADER.pack(_LIST, len(payload))
            w.pending += payload
            w.inflight.append(sent)
            order.append(sent)
            sent += 1
            flush(w)

    def flush(w: _Worker) -> None:
        if w.pending:
            with contextlib.suppress(BlockingIOError):
                del w.pending[: os.write(w.tasks, w.pending)]

    try:
        for w in workers:
            feed(w)
        while order:
            head = order[0]
            if head in done:
                order.popleft()
                yield done.pop(head)
                for w in workers:
                    feed(w)
                continue
            for w, readable, writable in _wait(workers):
                if writable:
                    flush(w)
                if readable:
                    done[w.inflight.popleft()] = _receive(w)
                    feed(w)
        clean = True
    finally:
        _stop(workers, lifeline, kill=not clean)


def _each(fn: Callable[[Any], Any], batch: list[Any]) -> list[Any]:
    return [fn(t) for t in batch]


def _wait(workers: list[_Worker]) -> list[tuple[_Worker, bool, bool]]:
    """Block until a worker has a result to read or can take more of its batch bytes."""
    poller = select.poll()
    fds: dict[int, tuple[_Worker, bool]] = {}
    for w in workers:
        if w.inflight:
            poller.register(w.results, select.POLLIN)
            fds[w.results] = (w, True)
        if w.pending:
            poller.register(w.tasks, select.POLLOUT)
            fds[w.tasks] = (w, False)
    ready: dict[int, list[bool]] = {}
    for fd, event in poller.poll():
        w, is_result = fds[fd]
        flags = ready.setdefault(w.pid, [False, False])
        if is_result and event & (select.POLLIN | select.POLLHUP | select.POLLERR):
            flags[0] = True
        elif not is_result:
            flags[1] = True
    return [(w, ready[w.pid][0], ready[w.pid][1]) for w in workers if w.pid in ready]


__all__ = ["DEPTH", "PIPE_BYTES", "fork_map", "supported", "widen_pipe"]
