"""Waymark: curated YAML entries → a validated directory → an accessible static site.

Five layers, each importing only those below it: ``data`` (read, model,
check), ``site`` (pages, search, policy) and ``opendata`` (JSON, CSV, HSDS),
``maintain`` (commands for maintainers) and ``engine`` (the MkDocs adapter).
``cli`` parses commands and hands them on.
"""

__version__ = "0.1.0"
