"""`python -m qtreport`: the same as the `qtreport` command."""

from .cli import main

main()
