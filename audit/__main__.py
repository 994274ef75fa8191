"""``python -m audit``: the same as the ``audit`` command."""

from audit.cli import run

run()
