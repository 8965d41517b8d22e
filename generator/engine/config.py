"""Options of the Waymark MkDocs plugin, as written under `plugins: - waymark:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..data.loader import DEFAULT_MAX_BYTES


class WaymarkConfig(base.Config):
    enabled = c.Type(bool, default=True)
    # Paths are relative to mkdocs.yml, so another organisation can point the
    # plugin at its own data and vocabularies.
    resources = c.Type(str, default="data/resources.yaml")
    taxonomy = c.Type(str, default="data/taxonomy.yaml")
    # Synonyms, crisis words and spellings for search; a missing file means none.
    search_words = c.Type(str, default="data/search-words.yaml")
    max_file_bytes = c.Type(int, default=DEFAULT_MAX_BYTES)
    # owner/name on GitHub; "Suggest a change" opens a prefilled issue there.
    # Empty: the link goes to the contribute page instead.
    repository = c.Type(str, default="")
    # Where the quick-exit control goes: a neutral, busy site.
    quick_exit_url = c.Type(str, default="https://www.bbc.co.uk/weather")
    # Hand-written pages (their path under docs_dir) and configuration keys
    # (extra.consent.title) that may hold a <script>, <iframe> or other active
    # markup. Empty: the build refuses any (site/page_safety.py).
    allow_active_markup = c.ListOfItems(c.Type(str), default=[])
    # Open data files larger than this many bytes are published gzip-compressed
    # (<name>.gz), so a large directory stays within a static host's size limit.
    open_data_gzip_over = c.Type(int, default=10_000_000)
