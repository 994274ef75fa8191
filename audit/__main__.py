"""``python -m audit``: the ``audit`` command."""

from audit.cli import main

main()
