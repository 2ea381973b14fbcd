"""Fast rebuilds while serving: reuse what an edit did not change.

A `mkdocs serve` rebuild converts and lays out every page again; most of that
work is for pages nobody edited. This keeps, from one rebuild to the next,
each page's Markdown -> HTML result and its final laid-out HTML, keyed by
everything they depend on, and compiles the theme's templates once.
Written by hand: MkDocs has no incremental build. Used only while serving.
"""
from __future__ import annotations

from pathlib import Path

import jinja2


class ServeCache:
    def __init__(self):
        self.rendered: dict = {}  # (page, Markdown, files, settings) -> HTML, TOC, anchors
        self.rendered_next: dict = {}
        self.render_key = ""
        self.laid_out: dict = {}  # (template, page HTML, nav, settings) -> final HTML
        self.laid_out_next: dict = {}
        self.layout_key = ""
        self.templates = _MemoryBytecodeCache()
        self.nav = None

    def new_rebuild(self, files, config) -> None:
        """What a page's HTML depends on besides its Markdown: the other pages (links)
        and the Markdown settings."""
        self.rendered, self.rendered_next = self.rendered_next or self.rendered, {}
        self.render_key = repr((sorted((f.src_uri, f.url) for f in files), config.markdown_extensions, config.mdx_configs))

    def wrap_render(self, page) -> None:
        """Skip converting a page whose Markdown (and the site's files and settings) is
        unchanged. Only the Markdown -> HTML step is reused; the page is still laid out."""
        convert = page.render

        def render(config, files):
            key = (page.file.src_uri, page.markdown, self.render_key)
            hit = self.rendered.get(key)
            if hit is None:
                convert(config, files)
                links = {f.src_uri: dict(anchors) for f, anchors in (page.links_to_anchors or {}).items()}
                hit = (page.content, page.toc, page._title_from_render, set(page.present_anchor_ids or ()), links)
            else:
                page.content, page.toc, page._title_from_render, present, links = hit
                page.present_anchor_ids = set(present)  # (later hooks may add to it)
                page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in links.items()
                                         if files.get_file_from_path(uri) is not None}
            self.rendered_next[key] = hit

        page.render = render

    def wrap_env(self, env, config) -> None:
        """Compile templates once per session, and skip laying out a page whose HTML,
        navigation, settings (the problems banner is one) and templates are unchanged."""
        env.bytecode_cache = self.templates
        self.laid_out, self.laid_out_next = self.laid_out_next or self.laid_out, {}
        settings = {key: config.get(key) for key in (
            "site_name", "site_description", "site_author", "site_url", "copyright", "repo_url", "repo_name",
            "edit_uri", "extra", "extra_css", "extra_javascript", "use_directory_urls")}
        theme = dict(config.theme.items())
        # Templates: the theme's custom_dir (overrides/) may be edited while serving; so may mkdocs.yml.
        custom = [Path(d) for d in config.theme.dirs if config.theme.custom_dir and Path(d) == Path(config.theme.custom_dir)]
        templates = sorted((str(p), p.stat().st_mtime_ns) for d in custom for p in d.rglob("*") if p.is_file())
        mkdocs_yml = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        self.layout_key = repr((_nav_signature(self.nav.items if self.nav else []), settings, theme, templates,
                                mkdocs_yml, self.render_key))
        get_template = env.get_template
        env.get_template = lambda name, *args, **kwargs: _ReusedLayout(get_template(name, *args, **kwargs), self)


def _nav_signature(items) -> list:
    return [(type(i).__name__, i.title, getattr(i, "url", None), _nav_signature(i.children or [])) for i in items]


class _ReusedLayout:
    """A template that returns last rebuild's output for an unchanged page."""

    def __init__(self, template, cache: ServeCache):
        self.template, self.cache = template, cache

    def __getattr__(self, name):
        return getattr(self.template, name)

    def render(self, *args, **kwargs):
        context = args[0] if args else kwargs
        page = context.get("page") if hasattr(context, "get") else None
        if page is None or not hasattr(page, "content"):
            return self.template.render(*args, **kwargs)
        key = (self.template.name, page.url, page.title, page.content, str(page.toc), repr(page.meta), self.cache.layout_key)
        output = self.cache.laid_out.get(key)
        if output is None:
            output = self.template.render(*args, **kwargs)
        self.cache.laid_out_next[key] = output
        return output


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, keyed by template name and source checksum
    (an edited template in overrides/ is compiled again)."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()
