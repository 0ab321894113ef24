"""Lazy exports: a package's public names load from their module on first use, so that
``import vbpl`` (and ``vbpl.search``, ``vbpl.corpus``) stays fast.

>>> ns = {}
>>> getattr_, dir_ = lazy_exports("pkg", {"sqrt": "math"}, ns)
>>> getattr_("sqrt")(9.0), "sqrt" in ns, dir_()
(3.0, True, ['sqrt'])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(
    package: str, exports: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` of ``package``: ``exports`` maps each
    public name to the module that defines it; a loaded name is kept in ``namespace`` (the
    package's ``globals()``), so it is imported once."""

    def getattr_(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted({*namespace, *exports})

    return getattr_, dir_


__all__ = ["lazy_exports"]
