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

#: modules that each define ``register(subparsers)``; one per command family
COMMAND_MODULES: tuple[str, ...] = (
    "vbpl.cli.parse_cmd",
    "vbpl.cli.search_cmd",
    "vbpl.cli.corpus_cmd",
    "vbpl.cli.refs_cmd",
    "vbpl.cli.normalize_cmd",
    "vbpl.cli.cluster_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="vbpl",
        description="Read Vietnamese legal and Party documents: structure, references, search.",
    )
    parser.add_argument("--version", action="version", version=f"vbpl {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
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
    parser = build_parser()
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
