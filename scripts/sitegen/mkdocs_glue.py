"""MkDocs lifecycle hooks: short, delegating to the pipeline's plain functions.

- on_startup: remember whether we build or serve; no collections at exit.
- on_config: run the pipeline (data/ -> Markdown), set the nav, and build into
  a temporary folder so a failed build leaves the previous site/ untouched.
- on_pre_build: serving, move the last rebuild's site aside (its unchanged document pages are linked).
- on_files: add the generated pages as virtual files (never written to docs/,
  so `mkdocs serve` does not loop).
  Document pages are not laid out by MkDocs: it lays out two frame pages in their folder
  and one document (the witness), and docpages writes the rest into the frames.
- on_pre_page: pages the pipeline wrote as HTML (documents, frames) skip Markdown.
- on_env: Jinja trims the templates' block-tag lines (lighter pages); CSP script hashes.
- on_post_page: collect each page's text for the search index; keep the frames' output.
- on_post_build: write the document pages and the search index, then swap the new site into place.
"""
from __future__ import annotations

import atexit
import functools
import gc
import html
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from . import docpages, earlier as earlier_site, search
from .cache import disk as disk_cache
from .build import Generated, generate, page_memo
from .cache.disk import MemoryMemo
from .render import csp
from .problems import BuildFailed, Problem
from .progress import BuildProgress, choose_mode
from .translations import page_translations
from .cache.pages import PageCache
from .frame import FrameError

log = logging.getLogger("mkdocs.sitegen")


class _State:
    command = "build"
    generated: Generated | None = None
    final_site: Path | None = None
    search_pages: list = []
    failed: BuildFailed | None = None
    timings: dict = {}  # seconds: mkdocs (whole build), search (page text + index); see sitegen.bench
    progress: BuildProgress = BuildProgress("quiet")
    pages_total: int | None = None
    # While serving: pages' HTML waiting for the search index, the thread writing
    # it after the pages are served, and compiled templates kept between rebuilds.
    pending_search: list = []
    indexer: threading.Thread | None = None
    page_cache = PageCache.in_memory()  # unchanged pages are not converted or laid out again
    memo = MemoryMemo()  # unchanged documents are not matched or rendered again (sitegen.build.generate)
    sources_seen: dict = {}  # unchanged source files are not read again (build.ingest_sources)
    # The document pages' frames (docpages): path -> frame page, and what MkDocs laid out of
    # each; the witness document MkDocs lays out too, and its output; the theme's Jinja env.
    frames: dict = {}
    frame_outputs: dict = {}
    witness: str | None = None
    witness_page = None  # its DirectPage
    witness_output: str = ""
    env = None
    # The files written (earlier.Earlier.files) and, while serving, the folder
    # the previous rebuild's site was moved to: the next build links what did not change.
    written: dict = {}
    earlier_site: Path | None = None
    written_manifest: Path | None = None
    index_record: Path | None = None  # the search index's record (search/update.py)
    site_dir: Path | None = None  # where MkDocs writes the site (serving: a temporary folder)


state = _State()
CITE_JS = "assets/javascripts/cite.js"  # the citation control of `mkdocs serve` (overrides/main.html)


def on_startup(command, dirty):
    state.command = command
    atexit.unregister(_exit_quickly)  # (once, however many builds one process runs)
    atexit.register(_exit_quickly)
    if command == "serve" and threading.current_thread() is threading.main_thread():
        # Stopped by a terminal closing or a service manager: MkDocs deletes its temporary
        # site only on Ctrl-C, and each one left behind held a whole site (GBs at scale).
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), _interrupt)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def on_shutdown():
    """Serving, stopped: the search index being written into the served site is let finish
    (briefly) before the site is deleted, or deleting it would race the writer."""
    if state.indexer is not None:
        state.indexer.join(timeout=30)
    if state.command == "serve" and state.site_dir is not None:
        shutil.rmtree(state.site_dir, ignore_errors=True)  # (MkDocs would stop at the first race)


def _exit_quickly() -> None:
    """No garbage collection while Python tears down: its last collections walked every
    object the build had made (6 s at 10,000 documents, 1.5 s at 2,000) only to give
    memory back that the system takes back anyway. What the build writes is closed
    explicitly, never left to a collector."""
    gc.disable()
    gc.freeze()


def on_config(config):
    _finish_indexing()  # the previous rebuild's search index, before the site is cleaned
    root = Path(config.config_file_path).parent
    state.timings = {"started": time.perf_counter(), "search": 0.0}
    disk_cache.STATS.update(read_s=0.0, write_s=0.0, hits=0, misses=0)
    if state.command != "serve":  # (serving keeps one in memory for the session)
        state.page_cache = PageCache.on_disk(root)
    state.search_pages = []
    state.failed = None
    if state.command != "serve":  # (serving: what the last rebuild wrote, for on_pre_build)
        state.written = {}
    # Progress bars for `mkdocs build` on a terminal; serving rebuilds are short.
    state.progress.stop()
    state.progress = BuildProgress(choose_mode() if state.command == "build" else "quiet").start()
    try:
        try:
            # Documents unchanged since the last rebuild (serve) or build (.cache/build/) are not redone.
            memo = state.memo if state.command == "serve" else page_memo(root)
            seen = state.sources_seen if state.command == "serve" else None  # (a build runs once)
            state.generated = generate(root, progress=state.progress.update, workers=_workers(), memo=memo, seen=seen)
        except BuildFailed:
            raise
        except Exception as exc:
            if state.command != "serve":
                raise
            # A crash must not leave `mkdocs serve` stuck: report it like a data problem.
            log.exception("sitegen: the pipeline crashed")
            raise BuildFailed([Problem("data", 1, f"internal error: {type(exc).__name__}: {exc} (see the terminal)")]) from exc
    except BuildFailed as failure:
        state.progress.stop()
        # The usual one-liners, `path:line: problem`, in the terminal.
        for problem in failure.problems:
            print(problem, file=sys.stderr, flush=True)
        if state.command != "serve":
            raise Abort(f"{len(failure.problems)} problem(s) in data/; site not built, previous site/ left as it was.")
        # While serving, keep the server alive: show the last good pages with the
        # problems in a banner; fixing the file recovers without a restart.
        state.failed = failure
        log.error(f"sitegen: {len(failure.problems)} problem(s) in data/; serving the last good pages with a banner until fixed")
    for problem in state.generated.problems if state.generated else []:
        log.warning(str(problem))
    if state.generated:
        _use_generated(config, state.generated)
    config.extra["build_problems"] = [str(p) for p in state.failed.problems] if state.failed else []
    config.extra["sitegen_serve"] = state.command == "serve"  # editors' tools (the citation control) while serving only
    _skip_material_search_index(config)
    _warn_without_shim(config.theme.custom_dir)
    _note_memory("pipeline")
    state.site_dir = Path(config.site_dir)
    state.index_record = Path(config.config_file_path).parent / disk_cache.CACHE_DIR / f"search-index-{state.command}.pickle"
    if state.command == "build":
        # Build next to the target, then swap in on success (atomic for readers).
        final = Path(config.site_dir)
        final.parent.mkdir(parents=True, exist_ok=True)
        state.final_site = final
        state.written_manifest = _written_manifest(config)
        config.site_dir = tempfile.mkdtemp(prefix=f".{final.name}.building-", dir=final.parent)
    return config


def _warn_without_shim(theme_dir: str | None) -> None:
    """Search from file:// (a USB stick) needs the vendored iframe-worker shim, which `make
    setup` fetches; a checkout built without it would have none, and say nothing."""
    if theme_dir and not (Path(theme_dir) / csp.SHIM).is_file():
        log.warning(f"sitegen: {os.path.relpath(Path(theme_dir) / csp.SHIM)} is missing (`make setup` fetches it): "
                    "the site's search will not work when opened from a folder (file://)")


def _workers() -> int:
    """`mkdocs build` shares the per-document work among every core (forked processes:
    a server's threads make forking unsafe, and its rebuilds redo a document or two)."""
    return (os.cpu_count() or 1) if state.command == "build" else 1


def _use_generated(config, generated: Generated) -> None:
    """The pipeline's nav, the campaign's name, description and copyright, and the date
    the build is stamped with, into MkDocs' config."""
    config.nav = generated.nav
    # The site's name, description and copyright come from data/campaign.yml: a new campaign needs no mkdocs.yml edit.
    # HTML-escaped: Material's templates print these unescaped (its copyright is meant to
    # allow HTML). Where they escape again it is a title="…" that Material's tooltips put
    # into innerHTML, so escaped twice is right there: the tooltip shows the text.
    settings = generated.campaign.settings
    for key, option in (("title", "site_name"), ("description", "site_description"), ("copyright", "copyright")):
        if isinstance(settings.get(key), str):
            config[option] = html.escape(settings[key])
    if generated.source_epoch and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = str(generated.source_epoch)

def on_files(files, config):
    if state.command != "serve":  # an editors' tool: not part of a published site
        cite_js = files.get_file_from_path(CITE_JS)
        if cite_js is not None:
            files.remove(cite_js)
    generated = state.generated
    if generated is None:
        return files
    state.frames = docpages.frame_pages(generated.direct)
    state.witness = docpages.witness(generated.direct)
    state.witness_page = generated.direct[state.witness].made() if state.witness else None
    state.frame_outputs, state.witness_output = {}, ""
    contents = [*generated.pages.items(), *((path, page.front_matter) for path, page in state.frames.items()),
                *generated.files.items()]
    for path, content in sorted(contents):
        _replace(files, File.generated(config, path, content=content))
    for path, page in sorted(generated.direct.items()):  # laid out by us, in the frame (docpages.write_pages)
        file = File.generated(config, path, content=page.front_matter)
        _replace(files, file if path == state.witness else docpages.written_by_us(file))
    for path, source in sorted(generated.originals.items()):  # copied with the document pages (earlier.copy_files)
        files.append(docpages.written_by_us(File.generated(config, path, abs_src_path=str(source))))
    state.pages_total = sum(1 for _ in files.documentation_pages())
    state.page_cache.new_rebuild(files, config)
    return files


def _replace(files, file) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def on_pre_page(page, config, files):
    uri = page.file.src_uri
    direct = state.frames.get(uri) or (state.witness_page if uri == state.witness else None)
    if direct is not None:
        # Already HTML: nothing to convert, nor for the page cache to keep (its key,
        # the Markdown, is only the front matter here).
        page.render = lambda config, files: _render_direct(page, direct)
    else:
        state.page_cache.wrap_render(page)
    return page


def on_pre_build(config):
    """Serving: the last rebuild's site moved aside before MkDocs empties the folder, so
    the document pages that did not change are linked from it (earlier.py)."""
    site = Path(config.site_dir)
    if state.earlier_site is not None:  # (left by a rebuild that failed)
        _delete_later([state.earlier_site])
        state.earlier_site = None
    if state.command != "serve" or not state.written or not site.is_dir():
        return
    earlier = site.with_name(f"{site.name}.earlier-{time.monotonic_ns()}")
    site.rename(earlier)
    site.mkdir()
    state.earlier_site = earlier


def on_nav(nav, config, files):
    state.page_cache.nav = nav
    return nav


def on_env(env, config, files):
    # Jinja's own whitespace control: Material's templates indent every {% %} line, a
    # third of each page was blank lines and indentation. Same rendering, every page
    # about 10 KB lighter, at no cost per page.
    env.trim_blocks = env.lstrip_blocks = True
    # The pages the navigation lists, as a set: partials/sitegen-nav.html asks for every page
    # (`page in nav.pages` compared the page with each of them).
    nav = state.page_cache.nav
    env.globals["sitegen_listed"] = frozenset(p.url for p in nav.pages) if nav else frozenset()
    # Material's interface texts, read once (overrides/partials/language.html looks them up).
    env.globals["sitegen_translations"] = page_translations(env, config.theme["language"])
    # The Content-Security-Policy's script hashes (overrides/main.html, render/csp.py).
    # `mkdocs serve` injects a live-reload script that changes with every request: the
    # served pages allow inline scripts, built ones never do.
    env.globals["sitegen_script_sources"] = functools.partial(csp.script_sources, config.theme.custom_dir)
    env.globals["sitegen_serving"] = state.command == "serve"
    state.page_cache.wrap_env(env, config)
    state.env = env
    return env


def on_post_page(output, page, config):
    uri = page.file.src_uri
    if uri in state.frames:  # a frame: not a page of the site (docpages.write_pages removes it)
        state.frame_outputs[uri] = output
        state.progress.advance("pages", state.pages_total)
        return output
    if uri == state.witness:
        state.witness_output = output
    started = time.perf_counter()
    kind = page.meta.get("kind", "page")
    title = html.unescape(page.title or "")  # generated titles are HTML-escaped (render.common.front_matter)
    direct = state.witness_page if uri == state.witness else None  # (other document pages: write_pages)
    if state.command == "serve":
        state.pending_search.append(direct.search if direct else (page.url, title, kind, page.content or ""))
    elif direct is not None:
        state.search_pages.append(direct.search)
    else:
        state.search_pages.append(state.page_cache.search_page(page.url, title, kind, page.content or ""))
    state.timings["search"] = state.timings.get("search", 0.0) + time.perf_counter() - started
    state.progress.advance("pages", state.pages_total)
    return output


@event_priority(-1000)  # last: after every plugin has written its files
def on_post_build(config):
    site = Path(config.site_dir)
    if state.generated and state.frames:
        _write_document_pages(site, config.theme.custom_dir)
    if state.generated:
        state.generated.done()  # every document page is made: the memo keeps them for the next build
    if state.generated and state.command == "build":
        # Written: what remains needs none of the documents (a build runs once; serving keeps them).
        state.generated.documents, state.generated.direct, state.witness_page = {}, {}, None
    if state.generated and state.command == "serve":
        # Serving: the edited page is shown now; its search index follows a moment later,
        # updated from the last one (moved back from the folder set aside).
        if state.earlier_site is not None:
            _take_index(state.earlier_site, site)
        pending, state.pending_search = state.pending_search, []
        state.indexer = threading.Thread(
            target=_index_pages, args=(pending, site, state.generated), name="sitegen-search-index", daemon=True
        )
        state.indexer.start()
    elif state.generated:
        _note_memory("pages")
        started = time.perf_counter()
        state.progress.update("search", 0, 1)
        stats = search.write_index(state.search_pages, site, state.generated.dictionary, state.generated.pinyin,
                                   memo=state.page_cache.laid_out, workers=_workers(), texts=state.generated.texts,
                                   **_index_record(state.final_site))
        state.timings["search_updated"] = stats.get("updated")  # (None: made whole)
        state.progress.update("search", 1, 1)
        state.timings["search"] = state.timings.get("search", 0.0) + time.perf_counter() - started
        _note_memory("search")
    state.page_cache.save()  # every page (building: and the search index) is written: keep what they made
    if state.generated and state.command != "serve":
        _write_timings(state.generated)
    state.progress.stop()
    if state.command == "build" and state.final_site:
        _swap(site, state.final_site)
        config.site_dir = str(state.final_site)
        if state.generated and disk_cache.enabled():
            earlier_site.save(state.written_manifest, disk_cache.build_salt().hex(), state.written)
    if state.earlier_site is not None:
        _delete_later([state.earlier_site])
        state.earlier_site = None


def _write_document_pages(site: Path, templates: str | None) -> None:
    """Every document but the witness, into the frames MkDocs laid out (docpages)."""
    started = time.perf_counter()
    direct = state.generated.direct
    try:
        frames = {path: docpages.cut_frame(path, out, state.env) for path, out in state.frame_outputs.items()}
        docpages.check_witness(frames, state.witness_page, state.witness, state.witness_output, state.env)
        others = {path: page for path, page in direct.items() if path != state.witness}
        named = docpages.identities(others, state.frame_outputs, docpages.toc_template(state.env))
        earlier = _earlier()
        searched, state.written = docpages.write_pages(others, frames, site, state.env, _workers(), earlier, named,
                                                       state.generated.texts)
        kept = earlier.kept(state.written)
        log.info(f"sitegen: {len(others) - kept} document pages written, {kept} kept from the last build")
        state.written.update(earlier_site.copy_files(state.generated.originals, site, earlier))
    except FrameError as error:
        where = f" (the page templates: the theme's and {os.path.relpath(templates)}/)" if templates else ""
        raise Abort(f"sitegen: document pages not written{where}: {error}") from error
    (state.pending_search if state.command == "serve" else state.search_pages).extend(searched)
    state.timings["documents"] = time.perf_counter() - started


def _earlier() -> earlier_site.Earlier:
    """The files of the site before this build: serving, the folder on_pre_build moved it
    to; building, site/ as the last build that finished wrote it."""
    if state.command == "serve":
        return earlier_site.Earlier(state.earlier_site, state.written)
    if state.final_site is None or not state.final_site.is_dir() or not disk_cache.enabled():
        return earlier_site.Earlier()
    return earlier_site.load(state.written_manifest, disk_cache.build_salt().hex(), state.final_site)


def _written_manifest(config) -> Path:
    return Path(config.config_file_path).parent / disk_cache.CACHE_DIR / "written.json"


def on_build_error(error):
    state.progress.stop()
    if state.command == "build" and state.final_site is not None:
        building = Path(state.final_site.parent)
        for leftover in building.glob(f".{state.final_site.name}.building-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def _index_pages(pending: list, site: Path, generated: Generated) -> None:
    try:
        pages = [e if isinstance(e, search.SearchPage) else search.page_from_html(*e) for e in pending]
        search.write_index(pages, site, generated.dictionary, generated.pinyin, texts=generated.texts,
                           **_index_record(site))
    except Exception:  # never take the server down for the search index
        log.exception("sitegen: writing the search index failed")


def _take_index(earlier: Path, site: Path) -> None:
    """Serving: the last rebuild's search index (and Material's stubs beside it) into the
    new site, for write_index to update in place."""
    for name in ("zh", "search_index.json", "search_index.js"):
        old, new = earlier / "search" / name, site / "search" / name
        if old.exists() and not new.is_dir():  # (Material's stubs are replaced by the same bytes)
            new.parent.mkdir(parents=True, exist_ok=True)
            os.replace(old, new)


def _index_record(earlier: Path | None) -> dict:
    """write_index's record of the index (search/update.py) and the site it describes:
    building, site/ before the swap; serving, the served folder itself."""
    if not disk_cache.enabled() or state.index_record is None:
        return {}
    record = state.index_record
    usable = earlier if earlier is not None and earlier.is_dir() else None
    return {"state_file": record, "earlier": usable, "salt": disk_cache.build_salt().hex()}


def _render_direct(page, direct) -> None:
    """Page.render for a page already in HTML: what Python-Markdown would have set."""
    page.content = direct.html
    page.toc = get_toc(direct.toc)
    page._title_from_render = direct.toc[0]["name"] if direct.toc else None  # escaped, as front matter titles
    page.present_anchor_ids = set(direct.anchors)
    page.links_to_anchors = {}


def _finish_indexing() -> None:
    if state.indexer is not None:
        state.indexer.join()
        state.indexer = None
    state.pending_search = []


def _skip_material_search_index(config) -> None:
    """Material's search plugin indexes every page itself, segmenting the Chinese with
    jieba (about a third of a build, and of every rebuild while serving), only for
    search/index.py to replace that index with a stub: our worker has its own index.
    The plugin stays (it renders the search box); its indexing is skipped."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    if index is not None and hasattr(index, "add_entry_from_context"):
        index.add_entry_from_context = lambda page: None


def _note_memory(stage: str) -> None:
    """Peak memory so far (MB), after each stage: where a large build's peak comes from."""
    import resource

    state.timings.setdefault("peak_mb", {})[stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _write_timings(generated: Generated) -> None:
    """For `make bench`: stage timings into the file SITEGEN_TIMINGS names (if set)."""
    target = os.environ.get("SITEGEN_TIMINGS")
    if not target:
        return
    import json

    timings = {k: v for k, v in state.timings.items() if k != "started"}
    timings["mkdocs"] = time.perf_counter() - state.timings.get("started", time.perf_counter())
    timings["cache"] = dict(disk_cache.STATS)
    Path(target).write_text(json.dumps({"stages": generated.timings, **timings, "pages": len(state.search_pages)}), encoding="utf-8")


def _swap(new: Path, final: Path) -> None:
    """The new site in place of the old one; the old one (and any an interrupted deletion
    left) is deleted by a process of its own, which outlives the build: deleting tens of
    thousands of files took 5 s at 10,000 documents, after the new site was in place."""
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    new.rename(final)
    _delete_later(sorted(final.parent.glob(f".{final.name}.old*")))


def _delete_later(folders: list[Path]) -> None:
    if not folders:
        return
    code = "import shutil, sys\nfor folder in sys.argv[1:]: shutil.rmtree(folder, ignore_errors=True)"
    try:
        subprocess.Popen([sys.executable, "-c", code, *map(str, folders)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:  # no process to spare: delete them now
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
