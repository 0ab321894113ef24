"""Python's cyclic garbage collector paused around work that builds no reference cycles.

Reading, cleaning, parsing and annotating a document build many small objects and no
reference cycles, and reference counting frees them as usual. With the collector on, its
passes over a heap that grows with the text cost 5-10 % of the time and make a large
document's time grow faster than its size (docs/performance.md, "Linearity").

>>> import gc
>>> with paused_collector():
...     gc.isenabled()
False
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (no-op when it is already off).

    >>> with paused_collector():
    ...     gc.isenabled()
    False
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


__all__ = ["paused_collector"]
