"""Fast rebuilds: reuse the page work an edit did not change.

MkDocs converts and lays out every page on every build and every `mkdocs serve`
rebuild; most of that work is for pages nobody edited. This keeps each page's
Markdown -> HTML result, its final laid-out HTML and (building) its text for the
search index, keyed by everything they depend on, and compiles the theme's
templates once:

- serving: in memory, from one rebuild to the next (disk.MemoryMemo);
- `mkdocs build`: on disk, .cache/build/{markdown,layout}.sqlite3 (disk.DiskCache),
  salted with disk.build_salt() (our code, the page-making libraries' versions).

Written by hand: MkDocs has no incremental build.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import jinja2

from .. import search
from .disk import CACHE_DIR, DiskCache, MemoryMemo, build_salt, enabled


class PageCache:
    def __init__(self, rendered, laid_out, templates: jinja2.BytecodeCache):
        self.rendered = rendered  # (page, Markdown, files, settings) -> HTML, TOC, anchors
        self.laid_out = laid_out  # (template, page, HTML, nav, settings) -> final HTML
        self.templates = templates
        self.render_key = ""
        self.layout_key = ""
        self.nav = None

    @classmethod
    def in_memory(cls) -> "PageCache":
        """For `mkdocs serve`: one object for the whole session."""
        return cls(MemoryMemo(), MemoryMemo(), _MemoryBytecodeCache())

    @classmethod
    def on_disk(cls, root: Path) -> "PageCache":
        """For one `mkdocs build`: save() when the build succeeded."""
        salt = build_salt()
        folder = root / CACHE_DIR
        templates = jinja2.FileSystemBytecodeCache(str(folder / "jinja")) if enabled() and _writable(folder / "jinja") else None
        return cls(DiskCache(folder / "markdown.sqlite3", salt),
                   DiskCache(folder / "layout.sqlite3", salt, dictionary=True), templates)

    def new_rebuild(self, files, config) -> None:
        """What a page's HTML depends on besides its Markdown: the other pages (links)
        and the Markdown settings."""
        self.render_key = _digest((sorted((f.src_uri, f.url) for f in files), config.markdown_extensions, config.mdx_configs))

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
                self.rendered.put(key, (page.content, page.toc, page._title_from_render, set(page.present_anchor_ids or ()), links))
            else:
                page.content, page.toc, page._title_from_render, present, links = hit
                page.present_anchor_ids = set(present)  # (later hooks may add to it)
                page.links_to_anchors = {files.get_file_from_path(uri): anchors for uri, anchors in links.items()
                                         if files.get_file_from_path(uri) is not None}

        page.render = render

    def wrap_env(self, env, config) -> None:
        """Compile templates once, and skip laying out a page whose HTML, navigation,
        settings (the problems banner is one) and templates are unchanged."""
        if self.templates is not None:
            env.bytecode_cache = self.templates
        settings = {key: config.get(key) for key in (
            "site_name", "site_description", "site_author", "site_url", "copyright", "repo_url", "repo_name",
            "edit_uri", "extra", "extra_css", "extra_javascript", "use_directory_urls")}
        theme = dict(config.theme.items())
        # Templates: the theme's custom_dir (overrides/) may be edited; so may mkdocs.yml.
        custom = [Path(d) for d in config.theme.dirs if config.theme.custom_dir and Path(d) == Path(config.theme.custom_dir)]
        templates = sorted((p.relative_to(d).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
                           for d in custom for p in d.rglob("*") if p.is_file())
        mkdocs_yml = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        self.layout_key = _digest((_nav_signature(self.nav.items if self.nav else []), settings, theme, templates,
                                   mkdocs_yml, self.render_key))
        get_template = env.get_template
        env.get_template = lambda name, *args, **kwargs: _ReusedLayout(get_template(name, *args, **kwargs), self)

    def search_page(self, url: str, title: str, kind: str, html: str):
        """search.page_from_html, or what an earlier build read from the same page."""
        key = ("search", url, title, kind, html)
        page = self.laid_out.get(key)
        if page is None:
            page = search.page_from_html(url, title, kind, html)
            self.laid_out.put(key, page)
        return page

    def save(self) -> None:
        """After a successful build: keep what it used and made."""
        self.rendered.save()
        self.laid_out.save()


def _digest(value) -> str:
    return hashlib.sha256(repr(_stable(value)).encode("utf-8", "surrogatepass")).hexdigest()


def _stable(value):
    """value with functions named instead of shown at their address (the Markdown settings
    hold slugify functions), so the same settings give the same key in every process."""
    if isinstance(value, dict):
        return {_stable(k): _stable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_stable(v) for v in value)
    if isinstance(value, functools.partial):
        return ("partial", _stable(value.func), _stable(value.args), _stable(value.keywords))
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    if " at 0x" in repr(value):
        return f"{type(value).__module__}.{type(value).__qualname__}"
    return value


def _find(output: str, content: str) -> int:
    """Where content is in output, or -1. Looks for its first 64 characters, then compares
    (str.find with a 20 KB needle was a second per 10,000 pages)."""
    if not content:
        return -1
    start = 0
    while (at := output.find(content[:64], start)) >= 0:
        if output.startswith(content, at):
            return at
        start = at + 1
    return -1


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return True
    except OSError:
        return False


def _nav_signature(items) -> list:
    return [(type(i).__name__, i.title, getattr(i, "url", None), _nav_signature(i.children or [])) for i in items]


def _toc_signature(items) -> tuple:
    return tuple((i.level, i.id, i.title, _toc_signature(i.children)) for i in items)


class _ReusedLayout:
    """A template that returns an earlier build's output for an unchanged page."""

    def __init__(self, template, cache: PageCache):
        self.template, self.cache = template, cache

    def __getattr__(self, name):
        return getattr(self.template, name)

    def render(self, *args, **kwargs):
        context = args[0] if args else kwargs
        page = context.get("page") if hasattr(context, "get") else None
        if page is None or not hasattr(page, "content"):
            return self.template.render(*args, **kwargs)
        key = (self.template.name, page.file.src_uri, page.url, page.title, page.content,
               _toc_signature(page.toc or ()), repr(page.meta), self.cache.layout_key)
        # Kept: the page's frame, the HTML around its content (which the key holds anyway).
        content = page.content or ""
        frame = self.cache.laid_out.get(key)
        if frame is not None:
            head, tail = frame
            return head if tail is None else head + content + tail
        output = self.template.render(*args, **kwargs)
        at = _find(output, content)
        self.cache.laid_out.put(key, (output[:at], output[at + len(content):]) if at >= 0 else (output, None))
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
