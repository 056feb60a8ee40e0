"""``python -m frenemy`` runs the command line."""

from frenemy.cli import main

main()
