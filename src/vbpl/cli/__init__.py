"""The ``vbpl`` command: one sub-command per module of :mod:`vbpl.cli`.

Every command prints for people by default and JSON with ``--json``, reads ``-`` as standard
input, exits 0 on success, 1 when the work fails (one line on standard error, no traceback)
and 2 on a usage error. Command modules import heavy dependencies inside their ``run``
function so that ``vbpl --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from vbpl import __version__
from vbpl.errors import VbplError

#: modules that each define ``register(subparsers)`` (one per command family), with the
#: commands each one registers (a test checks them): ``vbpl parse ...`` imports and
#: registers its own module only
COMMANDS: dict[str, tuple[str, ...]] = {
    "vbpl.cli.parse_cmd": ("parse",),
    "vbpl.cli.search_cmd": ("index", "search"),
    "vbpl.cli.corpus_cmd": ("tasks", "graph", "show"),
    "vbpl.cli.refs_cmd": ("refs",),
    "vbpl.cli.normalize_cmd": ("normalize",),
    "vbpl.cli.cluster_cmd": ("cluster",),
}
COMMAND_MODULES: tuple[str, ...] = tuple(COMMANDS)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered, or only the family of
    ``command`` when it names one (the other modules are not even imported: about 7 ms of
    a run's start, docs/performance.md).

    >>> build_parser("parse").parse_args(["parse", "a.txt"]).files
    ['a.txt']
    """
    parser = argparse.ArgumentParser(
        prog="vbpl",
        description="Read Vietnamese legal and Party documents: structure, references, search.",
    )
    parser.add_argument("--version", action="version", version=f"vbpl {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    family = [m for m, names in COMMANDS.items() if command in names]
    for name in family or COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


def _tolerant_streams() -> None:
    """Let standard output and error print any text on any terminal encoding: what the
    encoding cannot show is written as a backslash escape, never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream already closed
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``vbpl`` command; returns the exit code."""
    _tolerant_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        code = args.func(args)
        sys.stdout.flush()
        return int(code or 0)
    except VbplError as e:
        from vbpl.cli.output import error_line

        print(error_line(e), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("vbpl: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (| head): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except MemoryError:
        print("vbpl: out of memory", file=sys.stderr)
        return 1


def entry() -> None:
    """The ``vbpl`` program: :func:`main`, then exit with its code. Objects alive at that
    point are frozen out of the collector (:func:`gc.freeze`) first, so that the interpreter's
    exit does not walk them all once more looking for cycles: 14 ms of every run after
    parsing 7 MB of laws, a third of that on a bare start (docs/performance.md, "Start and
    exit"). Everything else of a normal exit (``atexit``, flushing, closing) still runs."""
    code = main()
    import gc

    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
