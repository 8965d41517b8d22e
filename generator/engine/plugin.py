"""The MkDocs adapter: thin hooks around the core (validate → pages).

- on_config: load and validate the data once per build; problems fail the
  build as a PluginError carrying the same lines as `python -m generator check`.
- on_files: join the theme's component styles and scripts into one file each;
  add one in-memory page per entry, facet value and facet index, the finder
  with its JSON data, My list, and the open data files (File.generated; nothing
  is written into the repository). A hand-written page at the same path wins.
- on_page_markdown: refuse scripts and other active markup in hand-written
  pages; fill the markers they use for data (crisis lines).
- on_post_build: the engine-neutral pass over the built site
  (site/postbuild.py): every page's Content-Security-Policy, allowing only the
  theme's own inline scripts, and the search index; a failure fails the build.
- on_serve: rebuild when the data or taxonomy change.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..data.errors import DataError
from ..data.fields import check_https_url
from ..data.files import display_path
from ..data.search_words import EMPTY, read_search_words
from ..data.validate import Directory, load_directory
from ..opendata import writer
from ..site import bundle, finder, help_now, page_safety, pages, postbuild
from .config import WaymarkConfig

log = logging.getLogger("mkdocs.plugins.waymark")
# The theme ships inside the package: the plugin puts it in front of Material's
# own templates (after a site's own custom_dir, so that a site can still
# override any of its files).
THEME_DIR = Path(__file__).resolve().parent.parent / "theme"

# The open data page's table of files, as this build published them (opendata/writer.py).
OPEN_DATA_MARKER = "<!-- waymark:open-data-files -->"
MARKERS = {
    "<!-- waymark:help-first -->": help_now.first_steps_html,
    "<!-- waymark:crisis-lines -->": help_now.crisis_lines_html,
    "<!-- waymark:kinds -->": pages.kinds_html,
}


class DataPage(Page):
    """A page whose HTML the core already rendered: no Markdown round trip."""

    def __init__(self, generated: pages.GeneratedPage, file: File, config: MkDocsConfig):
        self.generated = generated
        super().__init__(None, file, config)

    def read_source(self, config: MkDocsConfig) -> None:
        g = self.generated
        self.markdown = ""
        # Material prints page titles and descriptions without escaping them,
        # so they are passed as already-escaped markup.
        self.meta = {"title": Markup(escape(g.title)), "description": Markup(escape(g.description)), **g.meta}
        if not g.search:
            self.meta["search"] = {"exclude": True}
        # The thousands of generated pages link to the menu page instead of carrying the menu.
        self.meta.setdefault("menu", "link")

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.generated.html
        self._title_from_render = self.generated.title
        self.present_anchor_ids = set()


def _material_script(src_uri: str) -> bool:
    return src_uri.startswith("assets/javascripts/") and src_uri != bundle.OUTPUTS[".js"]


class WaymarkPlugin(BasePlugin[WaymarkConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.directory: Directory | None = None
        self.serving = False
        self.options = pages.SiteOptions()
        self.search_words = EMPTY
        self.open_data: list[writer.Written] = []
        self.open_data_dir: Path | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        base = Path(config.config_file_path).parent
        self.data_path = (base / self.config.resources).resolve()
        self.taxonomy_path = (base / self.config.taxonomy).resolve()
        try:
            check_https_url(self.config.quick_exit_url)
        except Exception:
            raise PluginError(
                f"waymark: quick_exit_url must be an https address, not {self.config.quick_exit_url!r}"
            ) from None
        try:
            self.directory = load_directory(self.data_path, self.taxonomy_path, max_bytes=self.config.max_file_bytes)
            self.search_words = read_search_words((base / self.config.search_words).resolve())
        except DataError as error:
            raise PluginError(error.report()) from None
        config_file = Path(config.config_file_path)
        found = page_safety.config_problems(
            config, config_file.read_text(encoding="utf-8"), display_path(config_file), self.config.allow_active_markup
        )
        if found:
            raise PluginError(DataError(found).report())
        self.options = pages.SiteOptions(
            directory_urls=config.use_directory_urls,
            repository=self.config.repository.strip(),
            site_name=config.site_name,
            site_url=config.site_url or "",
        )
        config.extra["waymark"] = {"quick_exit_url": self.config.quick_exit_url}
        dirs = config.theme.dirs
        if str(THEME_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        return config

    # Run after other plugins have added their files, so that a page they or the
    # author wrote at the same path is found and kept.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.directory is None:
            return files
        self._add_theme_bundles(files, config)
        generated = pages.build_pages(self.directory, self.options)
        for page in generated:
            if files.get_file_from_path(page.src_uri) is not None:
                log.info("waymark: keeping the hand-written %s", page.src_uri)
                continue
            file = File.generated(config, page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            DataPage(page, file, config)
            files.append(file)
        for path, text in finder.finder_files(self.directory).items():
            files.append(File.generated(config, path, content=text))
        # Open data: our JSON (with its schema) and CSV, and HSDS 3.0 services, written
        # a piece at a time into a folder of their own, which MkDocs copies from.
        self._drop_open_data_folder()
        self.open_data_dir = Path(tempfile.mkdtemp(prefix="waymark-open-data-"))
        try:
            self.open_data = writer.write_open_data(
                self.open_data_dir, self.directory, config.site_name, self.config.open_data_gzip_over
            )
        except OSError as error:
            raise PluginError(
                f"could not write the open data files in {self.open_data_dir}: {error.strerror}"
            ) from None
        for item in self.open_data:
            files.append(File(item.path, str(self.open_data_dir), config.site_dir, config.use_directory_urls))
        log.info("waymark: %d entries, %d generated pages", len(self.directory.published), len(generated))
        return files

    def _add_theme_bundles(self, files: Files, config: MkDocsConfig) -> None:
        # The component sources are joined below; they need not be published one by one.
        # Material's scripts (its bundle, search worker and lunr) are not loaded by
        # this theme (theme/main.html), so they are not published either.
        for file in [
            f
            for f in files
            if (f.src_uri.startswith("components/") or _material_script(f.src_uri)) and not f.is_documentation_page()
        ]:
            files.remove(file)
        logo = (config.theme.get("icon") or {}).get("logo")
        for target, text in {**bundle.bundles(THEME_DIR), **bundle.icons(logo)}.items():
            existing = files.get_file_from_path(target)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, target, content=text))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.directory is None or isinstance(page, DataPage):
            return markdown
        if page.file.src_uri not in self.config.allow_active_markup:
            shown = display_path(Path(page.file.abs_src_path)) if page.file.abs_src_path else page.file.src_uri
            found = page_safety.page_problems(page.file.src_uri, markdown, shown)
            if found:
                raise PluginError(DataError(found).report())
        if OPEN_DATA_MARKER in markdown:
            markdown = markdown.replace(OPEN_DATA_MARKER, writer.files_table(self.open_data))
        for marker, render in MARKERS.items():
            if marker in markdown:
                markdown = markdown.replace(marker, render(self.directory, page.file.src_uri, self.options))
        return markdown

    def _drop_open_data_folder(self) -> None:
        if self.open_data_dir is not None:
            shutil.rmtree(self.open_data_dir, ignore_errors=True)
            self.open_data_dir = None

    def on_build_error(self, *, error: Exception) -> None:
        self._drop_open_data_folder()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._drop_open_data_folder()
        if self.directory is None:
            return
        try:
            done = postbuild.finish(
                Path(config.site_dir), self.directory, THEME_DIR, allow_inline=self.serving, words=self.search_words
            )
        except postbuild.FinishError as error:
            raise PluginError(str(error)) from None
        log.info("waymark: %d pages given their policy; search index of %d pages", done.pages, done.indexed)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled:
            server.watch(str(self.data_path))
            server.watch(str(self.taxonomy_path))
        return server
