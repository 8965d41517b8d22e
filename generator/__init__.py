"""Waymark: curated YAML entries → a validated directory → an accessible static site.

The core (loader, schema, validate, pages, exports) knows nothing of MkDocs;
``plugin.py`` adapts it to MkDocs + Material for MkDocs.
"""

__version__ = "0.1.0"
