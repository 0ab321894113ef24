"""read_ahead: same items in the same order, errors in place, bounded, clean early stop."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl.corpus.read_ahead import read_ahead


@settings(deadline=None, max_examples=50)  # a thread per example: slow on a busy machine
@given(st.lists(st.text(max_size=5), max_size=40), st.integers(min_value=1, max_value=12))
def test_same_items_in_order(items: list[str], limit: int) -> None:
    assert list(read_ahead(iter(items), limit=limit, size=len)) == items


@pytest.mark.parametrize(
    ("produced", "seen_before_error"),
    [([], 0), (["a"], 1), (["a", "b", "c"], 3)],
)
def test_producer_error_raised_at_its_place(produced: list[str], seen_before_error: int) -> None:
    def gen() -> Iterator[str]:
        yield from produced
        raise KeyError("row 4")

    seen = []
    with pytest.raises(KeyError, match="row 4"):
        for x in read_ahead(gen(), limit=100):
            seen.append(x)
    assert len(seen) == seen_before_error


def test_producer_runs_ahead_within_the_limit() -> None:
    produced: list[int] = []

    def gen() -> Iterator[int]:
        for i in range(100):
            produced.append(i)
            yield i

    it = read_ahead(gen(), limit=10, size=lambda _: 2)  # five items of weight 2
    assert next(it) == 0
    deadline = time.monotonic() + 5
    while len(produced) < 7 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)
    # 0 given out, 1-5 waiting (weight 10), 6 produced and held until room is made
    assert len(produced) == 7
    it.close()


def test_one_heavy_item_still_passes() -> None:
    assert list(read_ahead(iter(["x" * 50, "y"]), limit=3, size=len)) == ["x" * 50, "y"]


def test_early_stop_closes_the_producer_and_its_thread() -> None:
    closed = threading.Event()

    def gen() -> Iterator[int]:
        try:
            i = 0
            while True:
                yield i
                i += 1
        finally:
            closed.set()

    before = threading.active_count()
    it = read_ahead(gen(), limit=4)
    assert [next(it) for _ in range(3)] == [0, 1, 2]
    it.close()
    assert closed.wait(5)
    assert threading.active_count() == before


def test_consumer_error_stops_the_producer() -> None:
    closed = threading.Event()

    def gen() -> Iterator[int]:
        try:
            yield from range(1000)
        finally:
            closed.set()

    with pytest.raises(RuntimeError):
        for x in read_ahead(gen(), limit=2):
            if x == 5:
                raise RuntimeError("write failed")
    assert closed.wait(5)


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        next(read_ahead(iter([1]), limit=0))
