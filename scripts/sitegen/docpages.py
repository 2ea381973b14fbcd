"""The document pages' part of the MkDocs glue: MkDocs lays out two frames, we write the pages.

- frame_pages: the two frame pages (documents with sections, documents without), added
  to MkDocs' files as the only pages of the documents' folder it lays out;
- written_by_us: each document page's entry in MkDocs' files, so links to it resolve
  as before, but neither read, laid out nor copied by MkDocs;
- write_pages: after MkDocs has written its pages, every document page, filled into its
  frame (frame.py), then the frames' own files removed.

One document (the witness) is still laid out by MkDocs, on every build: its page filled
into the frame must be the same bytes, or the build stops with one line (check_witness).
So a theme or override that lays out pages differently is caught, not published wrong.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import posixpath
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from . import forked, frame
from .earlier import Earlier, stamp
from .frame import Frame, FrameError
from .render.direct import DirectPage, LaterPage
from .packing import Spool, Spooled
from .search.packed import NO_DICTIONARY, Packer
from .search.page import SearchPage

TOC_ITEM = "partials/toc-item.html"


class FramePage(DirectPage):
    @property
    def front_matter(self) -> str:
        # The sentinel title as it is: the frame must show how the theme prints a title.
        return f"---\nkind: {self.kind}\ntitle: {json.dumps(self.title)}\n---\n\n"


def frame_pages(direct: dict[str, DirectPage]) -> dict[str, DirectPage]:
    """The frames for the documents' folder: path -> page ({} when there are no documents)."""
    if not direct:
        return {}
    folder = posixpath.dirname(next(iter(direct)))
    kind = next(iter(direct.values())).kind
    pages = {}
    for suffix, with_children in (("", True), ("-flat", False)):
        name = frame.NAME + suffix
        while f"{folder}/{name}.md" in direct:  # (a document of that name: never overwritten)
            name += "-"
        pages[f"{folder}/{name}.md"] = FramePage(kind, frame.TITLE, frame.CONTENT, frame.frame_toc(with_children),
                                                 {frame.H1_ID})
    return pages


class _WrittenByUs(File):
    """A document page: links to it resolve; MkDocs does nothing else with it."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        pass  # write_pages writes it (an original: earlier.copy_files)

    def is_modified(self) -> bool:
        return False


def witness(direct: dict[str, DirectPage]) -> str | None:
    """The document MkDocs lays out itself, to check the frame against."""
    return min(direct, default=None)


def written_by_us(file: File) -> File:
    file.__class__ = _WrittenByUs
    return file


def cut_frame(path: str, output: str, env) -> Frame:
    """The frame a frame page's laid-out output makes (FrameError if the theme's cannot be filled)."""
    name = posixpath.splitext(posixpath.basename(path))[0]
    child = None if path.endswith("-flat.md") or "-flat-" in path else _toc_items(env, frame.frame_toc(True))
    return Frame.cut(output, child, name)


def _toc_items(env, tokens: list[dict]) -> str:
    """The table of contents below a page's h1, as the theme's toc.html includes it."""
    toc = get_toc(tokens)
    first = next(iter(toc), None)
    items = first.children if first is not None and first.level == 1 else list(toc)
    template = env.get_template(TOC_ITEM)
    return "".join(template.render(toc_item=item) for item in items)


def check_witness(frames: dict[str, Frame], page: DirectPage, path: str, output: str, env) -> None:
    """FrameError unless the witness filled into its frame is what MkDocs laid out."""
    made = fill(_frames(frames), page, path, env)
    if made != output:
        at = next((i for i, (a, b) in enumerate(zip(made, output)) if a != b), min(len(made), len(output)))
        raise FrameError(f"{path}: the theme lays out this document differently from the frame "
                         f"(…{output[max(0, at - 60):at + 40]}…)")


def fill(frames: tuple[Frame, Frame], page: DirectPage, path: str, env) -> str:
    """One document page in its frame (frames: with sections, without)."""
    children = page.toc and page.toc[0].get("children")
    h1_id = page.toc[0]["id"] if page.toc else ""
    stem = posixpath.splitext(posixpath.basename(path))[0]
    return frames[0 if children else 1].fill(frame.page_title(page.title), h1_id,
                                              _toc_items(env, page.toc) if children else "", page.html, stem)


def identities(direct: dict[str, LaterPage], frames: dict[str, str], templates: str) -> dict[str, str]:
    """path -> what names the file written for the page: the page's own identity (None
    when unknown: never kept), the frames MkDocs laid out and the TOC template."""
    around = hashlib.sha256("\0".join([templates, *(frames[p] for p in sorted(frames))]).encode("utf-8", "surrogatepass"))
    out = {}
    for path, page in direct.items():
        if page.identity:
            h = around.copy()
            h.update(f"\0{path}\0{page.identity}".encode("utf-8", "surrogatepass"))
            out[path] = h.hexdigest()[:32]
    return out


def toc_template(env) -> str:
    """The source of the TOC template write_pages fills pages' tables of contents with."""
    return env.loader.get_source(env, TOC_ITEM)[0]


def write_pages(direct: dict[str, LaterPage], frames: dict[str, Frame], site_dir: Path, env,
                workers: int = 1, earlier: Earlier | None = None, named: dict[str, str] | None = None,
                texts: Packer = NO_DICTIONARY) -> tuple[list[SearchPage], dict]:
    """Every document page into site_dir, in its frame, one at a time (each is made here
    and let go once written); the frames' files removed. Returns the pages' search text,
    packed into a spool file in site_dir (SearchPage.packed), in the order of `direct`,
    and the stamps of the files written (earlier.py) by site path. A page named
    (identities) as the earlier site's is linked from there (an edit costs the pages it
    changes). workers > 1: forked processes share the pages (what they
    make is the same, in order). texts: how a page's search text is packed if it is not
    yet (the index's packer: write_index(texts=))."""
    chosen = _frames(frames)
    items = [(path, page, (named or {}).get(path)) for path, page in direct.items()]
    earlier = earlier or Earlier()
    if forked.can_fork(workers, len(items), _PARALLEL_FROM):
        searched, written = _write_forked(items, chosen, site_dir, env, workers, earlier, texts)
    else:
        searched, written = _write(items, chosen, site_dir, env, Spool(site_dir), earlier, texts)
    for path in frames:
        try:
            os.unlink(site_dir / _html(path))
        except FileNotFoundError:
            pass
    return searched, written


def _html(path: str) -> str:
    return path[:-3] + ".html"


def _write(items: list[tuple[str, LaterPage, str | None]], chosen: tuple[Frame, Frame], site_dir: Path, env,
           spool: Spool, earlier: Earlier, texts: Packer) -> tuple[list[SearchPage], dict]:
    made: set[str] = set()
    searched = []
    written = {}
    for path, later, identity in items:
        page = later.made()  # (linked or not: its search text is needed)
        rel = _html(path)
        out = site_dir / rel
        folder = out.parent.as_posix()
        if folder not in made:
            out.parent.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        if not (identity and earlier.link(rel, identity, out)):
            with open(out, "w", encoding="utf-8") as f:
                f.write(fill(chosen, page, path, env))
        if identity:
            written[rel] = stamp(out, identity)
        searched.append(page.search.packed(spool, texts))
    return searched, written


_PARALLEL_FROM = 2000  # fewer pages take less time than forking costs


def _write_forked(items, chosen, site_dir: Path, env, workers: int, earlier: Earlier,
                  texts: Packer) -> tuple[list[SearchPage], dict]:
    """The pages in runs, one forked process at a time per run (forked.map_runs); each
    run's search texts come back in its spool."""
    def work(run, spool: Spool) -> tuple[list, dict]:
        pages, written = _write(run, chosen, site_dir, env, spool, earlier, texts)
        return [(dataclasses.replace(page, texts=""), page.texts.offset, page.texts.size)
                if isinstance(page.texts, Spooled) else (page, 0, 0) for page in pages], written

    searched, written = [], {}
    for (pages, run_written), spool in forked.map_runs(work, items, workers, site_dir):
        searched.extend(dataclasses.replace(page, texts=Spooled(spool, offset, size)) if size else page
                        for page, offset, size in pages)
        written.update(run_written)
    return searched, written


def _frames(frames: dict[str, Frame]) -> tuple[Frame, Frame]:
    flat = [f for p, f in frames.items() if p.endswith("-flat.md") or "-flat-" in p]
    full = [f for p, f in frames.items() if f not in flat]
    if not flat or not full:
        raise FrameError("the theme did not lay out the document frames")
    return full[0], flat[0]
