"""Run per-document work on several processes, results in input order, memory bounded.

Reads: an iterable of *tasks* (small picklable values: a path, a JSON row) and a module-level
function ``fn(task)``. Writes: ``fn(task)`` for every task, in the order of the tasks, while at
most ``jobs × WINDOW`` tasks are in flight (so a corpus of any size streams through). With
``jobs=1`` nothing is forked: the work runs in this process, one task at a time. On Linux the
workers are :mod:`vbpl.corpus.workers`' own forked processes; elsewhere a
:class:`concurrent.futures.ProcessPoolExecutor`.

Errors a task raises on purpose (:class:`~vbpl.errors.VbplError`) come back as values so
that the caller decides, in input order, whether to skip or stop; any other exception (a
bug) is raised in this process, as it would be without workers.

A progress bar (tqdm, on standard error) is shown when ``progress`` is true, or — when it is
``None`` — only if standard error is a terminal (or the code runs in a Jupyter kernel) and
the run lasts more than a second.

>>> list(ordered_map(abs, [-2, 1, -3], jobs=1))
[2, 1, 3]
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any, TypeVar

from vbpl.corpus.workers import PIPE_BYTES, fork_map, supported, widen_pipe
from vbpl.errors import VbplError

T = TypeVar("T")
R = TypeVar("R")

#: tasks kept in flight per worker process (bounds memory: results wait in order)
WINDOW = 4
#: seconds before a progress bar appears when ``progress`` is ``None``
PROGRESS_DELAY = 1.0
#: bytes the pipe carrying results back may buffer (Linux; 64 KiB by default). A worker
#: writes a result of up to this size and goes on with its next task instead of waiting
#: until this process has read it (docs/performance.md, "Results through a wider pipe").
RESULT_PIPE_BYTES = PIPE_BYTES


def default_jobs() -> int:
    """The number of cores this process may use (``os.sched_getaffinity`` where it exists).

    >>> default_jobs() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None) -> int:
    """``jobs`` as a positive count: ``None`` or ``0`` mean every core.

    >>> resolve_jobs(1), resolve_jobs(None) == default_jobs()
    (1, True)
    """
    if jobs is None or jobs == 0:
        return default_jobs()
    if jobs < 0:
        raise ValueError("jobs must be a positive number of processes (0 or None: every core)")
    return jobs


class Failed:
    """A task that raised a :class:`VbplError`: the error, carried back in order."""

    __slots__ = ("error",)

    def __init__(self, error: VbplError) -> None:
        self.error = error

    def __repr__(self) -> str:
        return f"Failed({self.error!r})"


def _call(fn: Callable[[Any], Any], task: Any) -> Any:
    try:
        return fn(task)
    except VbplError as e:
        return Failed(e)


def _call_batch(fn: Callable[[Any], Any], tasks: list[Any]) -> list[Any]:
    return [_call(fn, t) for t in tasks]


def _in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel (standard error is shown there, not a terminal)."""
    ipython = sys.modules.get("IPython")
    if ipython is None or "ipykernel" not in sys.modules:
        return False
    shell = getattr(ipython, "get_ipython", lambda: None)()
    return type(shell).__name__ == "ZMQInteractiveShell"


def _progress_bar(progress: bool | None, total: int | None, unit: str) -> Any:
    notebook = progress is not False and _in_notebook()
    if progress is False or (progress is None and not (sys.stderr.isatty() or notebook)):
        return None
    from tqdm import tqdm  # text on standard error: Jupyter shows it under the cell

    return tqdm(
        total=total,
        unit=unit,
        file=sys.stderr,
        delay=0 if progress else PROGRESS_DELAY,
        dynamic_ncols=True,
        leave=False,
    )


def _batches(tasks: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for t in tasks:
        batch.append(t)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pool(jobs: int) -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork keeps the compiled patterns and loaded tables of this process: workers start warm
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    # results (a document's JSON, a pickled Document: often 0.1-1 MB) come back through one
    # pipe; at its default 64 KiB a worker waited for this process to read each one (about
    # 4 % of a two-job `vbpl parse --json`). The pipe is the executor's own (CPython's
    # ``_result_queue``): where that changes, the pool works as it is.
    reader = getattr(getattr(pool, "_result_queue", None), "_reader", None)
    if reader is not None and hasattr(reader, "fileno"):
        widen_pipe(reader.fileno())
    return pool


def ordered_map(
    fn: Callable[[T], R],
    tasks: Iterable[T],
    *,
    jobs: int | None = 1,
    batch: int = 1,
    progress: bool | None = False,
    total: int | None = None,
    unit: str = "doc",
) -> Iterator[R | Failed]:
    """``fn(task)`` for each task, in task order, on ``jobs`` processes.

    ``fn`` must be a module-level function and tasks and results picklable when ``jobs`` > 1.
    ``batch`` tasks go to a worker at a time (many small documents: fewer round trips).
    A task raising :class:`VbplError` yields a :class:`Failed` in its place.

    >>> list(ordered_map(int, ["1", "2"], jobs=1))
    [1, 2]
    """
    n = resolve_jobs(jobs)
    bar = None
    try:
        if n == 1:
            bar = _progress_bar(progress, total, unit)
            for task in tasks:
                result = _call(fn, task)
                if bar is not None:
                    bar.update(1)
                yield result
            return
        limit = n * WINDOW
        batches = _batches(tasks, max(1, batch))
        chunks = (
            fork_map(fn, batches, jobs=n, limit=limit, call=_call_batch)
            if supported()
            else _pooled(fn, batches, n, limit)
        )
        try:
            chunk = next(chunks, None)  # the workers fork before the bar starts its thread
            bar = _progress_bar(progress, total, unit)
            while chunk is not None:
                for result in chunk:
                    if bar is not None:
                        bar.update(1)
                    yield result
                chunk = next(chunks, None)
        finally:
            chunks.close()
    finally:
        if bar is not None:
            bar.close()


def _pooled(
    fn: Callable[[Any], Any], batches: Iterator[list[Any]], jobs: int, limit: int
) -> Generator[list[Any], None, None]:
    """Each batch's results in order, from a :class:`~concurrent.futures.ProcessPoolExecutor`
    (where :mod:`vbpl.corpus.workers` cannot run), ``limit`` batches in flight at most."""
    pool = _pool(jobs)
    try:
        pending: deque[Any] = deque()
        for chunk in batches:
            pending.append(pool.submit(_call_batch, fn, chunk))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


__all__ = [
    "RESULT_PIPE_BYTES",
    "WINDOW",
    "Failed",
    "default_jobs",
    "ordered_map",
    "resolve_jobs",
    "widen_pipe",
]
