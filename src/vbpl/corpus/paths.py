"""Walk a folder safely: regular files only, and never out of the folder through a link.

Reads: a folder. Writes: the regular files under it, in sorted order, hidden names (``.git``,
``.cache``) left out. A symbolic link whose target lies outside the folder is skipped (a
folder holding a link to ``/etc/shadow`` must not get it indexed) unless ``follow_links`` is
set; FIFOs, devices and sockets are skipped (reading them would block or never end). Each
skip is reported to ``on_skip(path, reason)``, or logged as a warning on the ``vbpl`` logger
when no handler is given (Python prints such warnings on standard error).

>>> import os, tempfile
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / "a.txt").write_text("x", encoding="utf-8")
>>> os.symlink("/etc/hostname", root / "b.txt")
>>> skipped = []
>>> [p.name for p in walk_folder(root, on_skip=lambda p, why: skipped.append(p.name))]
['a.txt']
>>> skipped
['b.txt']
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from vbpl.text.repair import escape_controls

SkipHandler = Callable[[Path, str], None]

#: why a link is not followed
OUTSIDE = "a link out of the folder, skipped (--follow-links reads it)"


def _log_skip(path: Path, reason: str) -> None:
    import logging  # only when a file is skipped: 3 ms off the start of every command

    logging.getLogger("vbpl").warning("vbpl: %s: %s", escape_controls(path), reason)


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def walk_folder(
    root: str | Path, *, follow_links: bool = False, on_skip: SkipHandler | None = None
) -> Iterator[Path]:
    """The regular files under ``root`` (recursively, sorted, hidden names left out), each
    named under ``root`` as found; links out of ``root`` only with ``follow_links``."""
    top = Path(root)
    real_root = os.path.realpath(top)
    skip = on_skip or _log_skip
    seen_dirs = {real_root}
    stack: list[Path] = [top]
    found: list[Path] = []
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            skip(folder, f"cannot list ({e.strerror or e})")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                link = entry.is_symlink()
                target = os.path.realpath(path) if link else None
                if target is not None and not follow_links and not _inside(target, real_root):
                    skip(path, OUTSIDE)
                    continue
                mode = os.stat(path).st_mode  # follows a link that is allowed
            except OSError as e:
                skip(path, f"cannot read ({e.strerror or e})")
                continue
            if stat.S_ISDIR(mode):
                real = target or os.path.realpath(path)
                if link and not follow_links:
                    continue  # a link to a folder inside: that folder is walked anyway
                if real in seen_dirs:
                    continue  # a loop of links
                seen_dirs.add(real)
                stack.append(path)
            elif stat.S_ISREG(mode):
                found.append(path)
            else:
                from vbpl.text.read import file_kind

                skip(path, f"{file_kind(mode)}, skipped")
    yield from sorted(found)


__all__ = ["OUTSIDE", "SkipHandler", "walk_folder"]
