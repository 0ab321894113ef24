"""The life of an index folder on disk: atomic creation, write access, one-line failures.

Reads: an index folder path. Writes: a new index folder, built aside and renamed into place,
so that processes creating the same index at once never see half of one: the first rename
wins, the others find a whole index and open it (:func:`create_atomically`). Failures of the
operating system (disk full, read-only mount, permissions) become one
:class:`~vbpl.errors.SearchIndexError` line (:func:`os_failure`).

>>> import errno
>>> str(os_failure("/ix", "commit failed", OSError(errno.ENOSPC, "No space left on device")))
'/ix: commit failed: disk full (No space left on device); the last commit is intact'
"""

from __future__ import annotations

import errno
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from vbpl.errors import SearchIndexError

#: prefix of the folders an index is built in before it is renamed into place
BUILDING_PREFIX = ".vbpl-building-"


def writable(path: Path) -> bool:
    """Whether this process may create and replace files in folder ``path`` (a read-only
    mount answers no, also to root).

    >>> import tempfile
    >>> writable(Path(tempfile.mkdtemp()))
    True
    """
    return os.access(path, os.W_OK | os.X_OK)


def create_atomically(
    path: Path, build: Callable[[Path], None], exists: Callable[[Path], bool]
) -> bool:
    """Make ``path`` an index: ``build`` fills a fresh sibling folder, which is renamed to
    ``path`` (absent or empty). Returns ``True`` when this call created the index, ``False``
    when another process did first (``exists(path)`` then holds).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> create_atomically(root / "ix", lambda p: (p / "toc").write_text("x"),
    ...                   lambda p: (p / "toc").exists())
    True
    >>> sorted(x.name for x in root.iterdir())
    ['ix']
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f"{BUILDING_PREFIX}{path.name}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir()
        build(tmp)
        try:
            os.rename(tmp, path)  # replaces an empty folder; fails on a non-empty one
            return True
        except OSError as e:
            if e.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR, errno.EISDIR):
                raise
    except OSError as e:
        raise os_failure(path, "cannot create index", e) from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    if exists(path):
        return False
    raise SearchIndexError(f"{path}: folder is not empty and holds no vbpl index")


def remove_stale_builds(parent: Path, name: str) -> None:
    """Delete folders a killed process left while building index ``name`` in ``parent``
    (those of processes that no longer run)."""
    try:
        entries = list(parent.glob(f"{BUILDING_PREFIX}{name}-*"))
    except OSError:
        return
    for tmp in entries:
        try:
            pid = int(tmp.name[len(BUILDING_PREFIX) + len(name) + 1 :].split("-")[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _running(pid):
            shutil.rmtree(tmp, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def os_failure(path: str | Path, what: str, e: BaseException) -> SearchIndexError:
    """One line for an operating-system failure ``e`` while doing ``what`` on ``path``."""
    code = getattr(e, "errno", None)
    text = str(e)
    if code in (errno.ENOSPC, errno.EDQUOT) or "No space left" in text or "quota" in text:
        return SearchIndexError(
            f"{path}: {what}: disk full (No space left on device); the last commit is intact"
        )
    if code == errno.EROFS or "Read-only file system" in text:
        return SearchIndexError(f"{path}: {what}: the index is on a read-only file system")
    if code in (errno.EACCES, errno.EPERM) or "Permission denied" in text:
        return SearchIndexError(f"{path}: {what}: permission denied")
    reason = getattr(e, "strerror", None) or (text.strip().splitlines() or [type(e).__name__])[0]
    return SearchIndexError(f"{path}: {what} ({reason})")


__all__ = ["create_atomically", "os_failure", "remove_stale_builds", "writable"]
