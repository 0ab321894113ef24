"""``python -m vbpl`` runs the ``vbpl`` command."""

from vbpl.cli import entry

entry()
