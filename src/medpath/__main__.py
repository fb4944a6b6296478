"""`python -m medpath` runs the medpath command."""

from medpath.cli import main

main()
