"""Keep a producer running while its consumer is busy elsewhere: a bounded read-ahead thread.

Reads: any iterable whose items take time to produce (results of worker processes from
:func:`vbpl.corpus.parallel.ordered_map`). Writes: the same items in the same order, pulled
by a background thread while the waiting items stay within a bound, so that the producer keeps
going while the consumer blocks in code that releases the GIL — an index commit, which
takes seconds at a few million sections and would otherwise leave every worker idle once
the few tasks in flight are done (docs/performance.md, "Full size again", the read-ahead).

An error raised by the producer is raised to the consumer at its place in the sequence;
when the consumer stops early (an error of its own, ``break``, ``close()``), the thread
stops pulling and closes the producer, so that its worker processes are shut down.

>>> list(read_ahead(iter(range(5)), limit=2))
[0, 1, 2, 3, 4]
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_END = object()


def read_ahead(
    items: Iterable[T], *, limit: int, size: Callable[[T], int] = lambda _: 1
) -> Iterator[T]:
    """``items`` in order, produced ahead of the consumer by a thread while the waiting
    items weigh less than ``limit`` (by ``size``, one per item by default; at least one item
    always waits, however heavy: memory is bounded by ``limit`` plus one item).

    >>> def produce():
    ...     yield "ab"
    ...     raise ValueError("row 2 is bad")
    >>> it = read_ahead(produce(), limit=10, size=len)
    >>> next(it)
    'ab'
    >>> next(it)
    Traceback (most recent call last):
    ...
    ValueError: row 2 is bad
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    waiting: deque[tuple[bool, Any, int]] = deque()
    weight = 0
    stopped = False
    cond = threading.Condition()

    def put(ok: bool, value: Any, w: int) -> bool:
        nonlocal weight
        with cond:
            while waiting and weight + w > limit and not stopped:
                cond.wait()
            if stopped:
                return False
            waiting.append((ok, value, w))
            weight += w
            cond.notify_all()
            return True

    def pump() -> None:
        it = iter(items)
        try:
            for item in it:
                if not put(True, item, max(0, size(item))):
                    return
            put(False, _END, 0)
        except BaseException as e:  # handed to the consumer, raised there in order
            put(False, e, 0)
        finally:
            close = getattr(it, "close", None)
            if close is not None:
                close()  # a generator's clean-up (shutting its worker pool) runs here

    thread = threading.Thread(target=pump, name="vbpl-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            with cond:
                while not waiting:
                    cond.wait()
                ok, value, w = waiting.popleft()
                weight -= w
                cond.notify_all()
            if ok:
                yield value
            elif value is _END:
                return
            else:
                raise value
    finally:
        with cond:
            stopped = True
            waiting.clear()
            cond.notify_all()
        thread.join()


__all__ = ["read_ahead"]
