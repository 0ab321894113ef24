"""``python -m vbpl`` runs the ``vbpl`` command."""

import sys

from vbpl.cli import main

sys.exit(main())
