"""The pipeline as one plain function: data/ in, Markdown pages out.

ingest -> model -> link -> render. MkDocs (and our search index) take it from
there; see mkdocs_glue.py. Nothing here knows a campaign's names.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .ingest import IngestError, RulesError, ingest_document, load_rules, rules_path_for, with_settings
from .ingest.document import Document
from .render.guide import guide_page
from .cache.disk import CACHE_DIR, DiskCache, build_salt
from .packing import Spool, pack, unpack
from .cache.ingest import IngestCache
from . import forked
from .datafiles import refused_file, rel_path, source_files
from .link.terms import TermMatcher, term_forms
from .link.usage import document_counts, editor_texts, term_usage
from .model.campaign import Campaign
from .model.load import load_campaign
from .model.titles import TITLES_FILE, apply_titles, read_titles
from .model.yamlread import YamlSyntaxError
from .problems import BuildFailed, Problem, errors
from .render import documents as doc_pages
from .render import guidance
from .render.common import item_page
from .render.direct import DirectPage, LaterPage
from .render.html import Linker, esc
from .render.paths import collisions, page_of, url_of
from .render.report import report_page
from .search.packed import NO_DICTIONARY, Packer, text_packer
from .search.worker import WORKER_PATH, worker_script

MAX_SOURCE_BYTES = 64 << 20  # a long report is a few MB; this bounds the build's memory per file


@dataclass
class Generated:
    pages: dict[str, str]  # docs-relative path -> Markdown
    nav: list  # MkDocs nav structure
    problems: list[Problem]  # warnings only (errors raise BuildFailed)
    campaign: Campaign
    documents: dict[str, Document]
    dictionary: list[str]  # glossary surface forms, for search segmentation
    pinyin: dict[str, str]  # term -> pinyin
    timings: dict[str, float] = field(default_factory=dict)
    source_epoch: int = 0  # newest date found in data, for reproducible builds
    direct: dict[str, LaterPage] = field(default_factory=dict)  # path -> page made as HTML when written (documents)
    files: dict[str, str] = field(default_factory=dict)  # other generated site files (glossary/tooltips.js)
    originals: dict[str, Path] = field(default_factory=dict)  # site path -> source file copied as it is (原件)
    done: Callable[[], None] = lambda: None  # keeps what the memo was given: call once the pages are made
    texts: Packer = NO_DICTIONARY  # how the document pages' search texts were packed (for write_index)

    def markdown(self) -> dict[str, str]:
        """Every generated page as Markdown (a direct page's HTML is Markdown too)."""
        return {**self.pages, **{path: page.markdown for path, page in self.direct.items()}}


@dataclass
class Validated:
    """The inputs checked (ingest and model stages): what `sitegen check` needs."""

    campaign: Campaign
    documents: dict[str, Document]
    problems: list[Problem]  # warnings only (errors raise BuildFailed)
    timings: dict[str, float] = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)  # document id -> ingest cache key
    files: dict[str, Path] = field(default_factory=dict)  # document id -> its source file

    @property
    def dictionary(self) -> list[str]:
        forms = term_forms(self.campaign.of_kind("term"))
        return sorted({form for surfaces in forms.values() for form in surfaces})


def _ingest_warning(rel: str, text: str) -> Problem:
    """Ingest warnings start 'line N: …' when they know the line: put it where editors look."""
    found = re.match(r"line (\d+): ", text)
    if found:
        return Problem(rel, int(found.group(1)), text[found.end():], "warning")
    return Problem(rel, 1, text, "warning")


def _no_progress(stage: str, done: int, total: int | None = None) -> None:
    pass


def _relative(root: Path, path: Path) -> str:
    """The path as problems name it: from the project root, or the bare name outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def _ingest_rules(root: Path, path: Path):
    """The ingest rules, or BuildFailed with one line naming the rules file (it is data too)."""
    try:
        return load_rules(path)
    except (RulesError, YamlSyntaxError, OSError, UnicodeDecodeError) as exc:
        rel = _relative(root, path)
        line, message = (exc.line, exc.message) if isinstance(exc, YamlSyntaxError) else (1, str(exc))
        raise BuildFailed([Problem(rel, line, message)]) from None


def ingest_sources(root: Path, data_dir: Path, progress=_no_progress, workers: int = 1,
                   fingerprints: dict[str, str] | None = None,
                   files: dict[str, Path] | None = None,
                   seen: dict | None = None) -> tuple[dict[str, Document], list[Problem]]:
    """Every source file as a Document (from the cache when unchanged); problems with file:line.
    workers > 1: files not in the cache are ingested by that many processes.
    fingerprints, if given, gets document id -> cache key (what the Document was made from);
    files, if given, document id -> the file it was read from;
    seen, if given, is kept from one call to the next (serving): files unchanged by their stat are not read again."""
    rules_path = rules_path_for(data_dir)  # optional: a built-in default
    refused = refused_file(data_dir / "ingest" / "boilerplate.yml", root, data_dir)  # a link out of data/
    if refused:
        raise BuildFailed([refused])
    rules = with_settings(_ingest_rules(root, rules_path), data_dir)
    cache = IngestCache(root, rules_path, f"ocr={rules.ocr}", seen)  # .cache/build/ingest.sqlite3: unchanged files are not ingested again
    paths, problems = source_files(root, data_dir)  # links out of data/ refused, never read
    editors_titles = data_dir / "sources" / TITLES_FILE  # beside the sources, but not one of them
    paths = [p for p in paths if p != editors_titles]
    documents: dict[str, Document] = {}
    origins: dict[str, str] = {}  # document id -> its file, for problems naming both
    seen_text: dict[bytes, str] = {}  # a digest of each body -> its file (not every text kept)
    spool = Spool(root / CACHE_DIR.parent)  # the documents' blocks wait on disk, not in memory
    for start in range(0, len(paths), _WINDOW):
        window = paths[start:start + _WINDOW]
        results = _ingest_window(window, cache, rules, workers, lambda done: progress("ingest", start + done, len(paths)))
        for path in window:
            rel = rel_path(path, root)
            doc = results[path]
            if isinstance(doc, IngestError):
                problems.append(Problem(rel, doc.line, doc.message))
                continue
            if doc.id in documents:
                problems.append(Problem(rel, 1, f"document id '{doc.id}' is used by two files; rename one"))
                continue
            body = doc.text_digest()
            if body in seen_text:
                problems.append(Problem(rel, 1, f"repeats {seen_text[body]} (same text); both are kept", "warning"))
            else:
                seen_text[body] = rel
            problems.extend(_ingest_warning(rel, w) for w in doc.warnings)
            documents[doc.id] = doc.pack(spool)
            origins[doc.id] = rel
            if files is not None:
                files[doc.id] = path
            if fingerprints is not None and path.name in cache.key_of:
                fingerprints[doc.id] = cache.key_of[path.name]
    progress("ingest", len(paths), len(paths))
    cache.forget_others(paths)
    cache.save()
    problems += _page_collisions(documents, origins)
    return documents, problems


# Source files read, looked up and ingested at a time: the raw bytes and fresh Documents
# of a window are all a build holds of them at once (documents are kept packed).
_WINDOW = 4096


def _ingest_window(paths: list[Path], cache, rules, workers: int, progress) -> dict:
    """path -> Document or IngestError, for a window of source files (cached ones from the cache)."""
    results: dict[Path, Document | IngestError] = {}
    missing: list[tuple[Path, bytes, os.stat_result]] = []
    for done, path in enumerate(paths):
        progress(done)
        stat = path.stat()
        if stat.st_size > MAX_SOURCE_BYTES:  # never read a huge file into memory
            results[path] = IngestError(f"larger than {MAX_SOURCE_BYTES >> 20} MB: not read (split the document)")
            continue
        doc = cache.lookup_unchanged(path, stat)  # (serving: not read again since the last rebuild)
        if doc is not None:
            results[path] = doc
            continue
        try:
            raw = path.read_bytes()
        except OSError as exc:
            results[path] = IngestError(f"cannot read the file: {exc.strerror or exc}")
            continue
        doc = cache.lookup(path.name, raw)
        if doc is None:
            missing.append((path, raw, stat))
        else:
            results[path] = doc
            cache.remember(path, stat, doc)
    for (path, raw, stat), result in zip(missing, ingest_many([(p.name, raw) for p, raw, _ in missing], rules, workers)):
        results[path] = result
        if not isinstance(result, IngestError):
            cache.store(path.name, raw, result.pack())
            cache.remember(path, stat, result)
    return results


def _page_collisions(documents: dict[str, Document], origins: dict[str, str]) -> list[Problem]:
    """Two sources whose pages would be one file on a USB stick (Foo.txt, foo.txt): an error naming both."""
    pages = [(page_of("document", doc_id), origins[doc_id]) for doc_id in documents]
    return [Problem(other, 1, f"its page {url_of(path)} differs from that of {first} only by letter case "
                              "(one would overwrite the other on a USB stick or Windows): rename one")
            for path, first, other in collisions(pages)]


_PARALLEL_FROM = 64  # files: fewer are ingested faster than processes start


def ingest_many(files: list[tuple[str, bytes]], rules, workers: int = 1) -> list:
    """ingest_document for each (name, bytes): a Document or the IngestError, in order.
    Documents are independent: with workers > 1, forked processes share the work (a cold
    build of 2,000 documents spends its first seconds here)."""
    if not forked.can_fork(workers, len(files), _PARALLEL_FROM):
        return [_ingest_one(name, raw, rules) for name, raw in files]
    runs = forked.map_runs(lambda run, spool: [_sendable(_ingest_one(name, raw, rules)) for name, raw in run],
                           files, workers, None)
    return [IngestError(r[2], r[1]) if isinstance(r, tuple) else r for results, _ in runs for r in results]


def _sendable(result):
    """A worker's result as it goes back to the parent."""
    if isinstance(result, Document):
        result.pack()  # (a third of the bytes to send back)
    # IngestError's constructor takes (line, message): sent back as a plain tuple.
    return ("error", result.line, result.message) if isinstance(result, IngestError) else result


def _ingest_one(name: str, raw: bytes, rules):
    try:
        return ingest_document(name, raw, rules)
    except IngestError as exc:
        return exc


def validate(root: Path, data_dir: Path | None = None, progress=_no_progress, workers: int = 1,
             seen: dict | None = None) -> Validated:
    """Ingest and model stages only; raise BuildFailed listing every error."""
    data_dir = data_dir or root / "data"
    timings: dict[str, float] = {}
    started = time.perf_counter()
    fingerprints: dict[str, str] = {}
    files: dict[str, Path] = {}
    documents, problems = ingest_sources(root, data_dir, progress, workers, fingerprints, files, seen)
    titles_path = data_dir / "sources" / TITLES_FILE
    titles, title_problems = {}, []
    if refused_file(titles_path, root, data_dir) is None:  # (a refused one is already a problem of source_files)
        titles, title_problems = read_titles(titles_path, _relative(root, titles_path), documents)
    documents = apply_titles(documents, titles, fingerprints)
    problems += title_problems
    timings["ingest"] = time.perf_counter() - started

    started = time.perf_counter()
    progress("model", 0, 1)
    campaign, model_problems = load_campaign(data_dir, documents, root)
    problems += model_problems
    timings["model"] = time.perf_counter() - started
    progress("model", 1, 1)
    if errors(problems):
        raise BuildFailed(problems)
    return Validated(campaign, documents, problems, timings, fingerprints, files)


def generate(root: Path, data_dir: Path | None = None, progress=_no_progress, workers: int = 1,
             memo=None, seen: dict | None = None) -> Generated:
    """Run ingest, model, link and render; raise BuildFailed listing every error.

    progress(stage, done, total) is told how far each stage is (see progress.py);
    workers: processes that ingest new source files (see ingest_many);
    memo: what earlier runs made (cache.disk.MemoryMemo while serving, page_memo() for
    `mkdocs build`): a document whose inputs are unchanged is not matched against the
    glossary nor rendered again. Document pages are made when written (LaterPage): call
    the result's done() once they are, to keep what the memo was given.
    seen: the source files' stats, kept between serving's rebuilds (ingest_sources)."""
    checked = validate(root, data_dir, progress, workers, seen)
    campaign, documents, timings = checked.campaign, checked.documents, checked.timings
    remembered = _Remembered(memo, checked.fingerprints)

    started = time.perf_counter()
    progress("link", 0, 1)
    links = _link(campaign, documents, remembered, workers, root / CACHE_DIR.parent)
    timings["link"] = time.perf_counter() - started
    progress("link", 1, 1)

    started = time.perf_counter()
    ctx = guidance.Ctx(campaign, documents, links.linker)
    texts = _text_packer(campaign)
    pages, direct = _render_pages(ctx, links, remembered, progress, texts)
    labels = campaign.settings.get("labels") or {}
    sections = _sections(labels)
    pages.update(_index_pages(ctx, links, sections, checked.problems, root))
    timings["render"] = time.perf_counter() - started

    from .render.glossary import TOOLTIPS_JS, tooltips_script  # (loads pypinyin: never for `sitegen check`)

    files = {TOOLTIPS_JS: tooltips_script(links.terms), WORKER_PATH: worker_script()}
    originals = _originals(checked.files, documents)
    return Generated(pages, _nav(campaign, sections, labels), checked.problems, campaign, documents,
                     links.dictionary, links.pinyin, timings, _epoch(documents), direct, files, originals,
                     done=remembered.save, texts=texts)


def _text_packer(campaign: Campaign) -> Packer:
    """How the search packs page texts: after the glossary's own text (terms, definitions,
    quotes), which the documents repeat (search/packed.py). It changes only with the glossary.
    The quotes are what documents repeat most: every string counts (ids are ASCII)."""
    return text_packer(text for term in campaign.of_kind("term")
                       for text in editor_texts(term.data, skip=frozenset()) if not text.isascii())


class _Remembered:
    """make(), or what an earlier run made from the same document and inputs (the memo)."""

    def __init__(self, memo, fingerprints: dict[str, str]):
        self.memo, self.fingerprints = memo, fingerprints

    def __call__(self, table: str, doc: Document, inputs: tuple, make):
        fingerprint = self.fingerprints.get(doc.id)
        if self.memo is None or not fingerprint:  # no ingest cache: nothing names the document's content
            return make()
        key = (table, fingerprint, *inputs)
        found = self.memo.get(key)
        if found is None:
            found = make()
            self.memo.put(key, found)
        return found

    def identity(self, table: str, doc: Document, inputs: tuple) -> str | None:
        """What names the value __call__ gives for these arguments (None: not named, as
        when nothing is remembered): equal identities, equal values, within one code."""
        fingerprint = self.fingerprints.get(doc.id)
        if self.memo is None or not fingerprint:
            return None
        return _digest((table, fingerprint, *inputs))

    def save(self) -> None:
        if self.memo is not None:
            self.memo.save()


@dataclass
class _Links:
    """The link stage's result: what the renderers need to link and count terms."""

    terms: list
    pinyin: dict[str, str]  # term -> pinyin
    linker: Linker
    usage: dict  # term id -> where it is used
    glossary_key: str  # stands for the glossary's forms in memo keys
    dictionary: list[str]  # every surface form, for search segmentation


def _link(campaign: Campaign, documents: dict[str, Document], remembered: _Remembered, workers: int = 1,
          folder: Path | None = None) -> _Links:
    # pypinyin takes a while to load: imported here, so `sitegen check` never loads it.
    from .link.pinyin import pinyin_of, teach_phrases

    terms = campaign.of_kind("term")
    teach_phrases({t.data["term"]: t.data["pinyin"] for t in terms if t.data.get("pinyin")})
    pinyin = {t.data["term"]: pinyin_of(t.data["term"], t.data.get("pinyin")) for t in terms}
    forms = term_forms(terms)
    matcher = TermMatcher(forms)
    linker = Linker(matcher, {t.id: page_of("term", t.id) for t in terms})
    glossary_key = _digest(sorted((k, sorted(v)) for k, v in forms.items()))
    # A document's term counts depend on its text and the glossary's forms only.
    counts = _counts_in_order(list(documents.values()), workers, folder, lambda doc: remembered(
        "counts", doc, (glossary_key,), lambda: document_counts(matcher, doc)))
    usage = term_usage(matcher, documents, campaign, item_page, lambda doc_id: page_of("document", doc_id),
                       lambda doc: next(counts))
    dictionary = sorted({form for surfaces in forms.values() for form in surfaces})
    return _Links(terms, pinyin, linker, usage, glossary_key, dictionary)


_COUNT_FORKED_FROM = 2000  # documents: fewer are counted faster than processes start


def _counts_in_order(docs: list[Document], workers: int, folder: Path | None, counted) -> Iterator[dict]:
    """counted(doc) of each document, in order. Each is independent: with workers, forked
    runs count them, and each run's counts wait packed in its spool until read (as
    dictionaries, 100,000 documents' counts held 200 MB)."""
    if not forked.can_fork(workers, len(docs), _COUNT_FORKED_FROM):
        yield from map(counted, docs)
        return

    def work(run, spool) -> tuple[int, int]:
        kept = spool.keep(pack([counted(doc) for doc in run]))
        return kept.offset, kept.size

    for (offset, size), spool in forked.map_runs(work, docs, workers, folder):
        yield from unpack(spool.read(offset, size))


_RENDERERS = {
    "phase": guidance.phase_page,
    "batch": guidance.batch_page,
    "role": guidance.role_page,
    "checklist": guidance.checklist_page,
}


def _render_pages(ctx, links: _Links, remembered: _Remembered, progress,
                  texts: Packer) -> tuple[dict[str, str], dict[str, LaterPage]]:
    """One page per item and term; per document, a page made as HTML when it is written."""
    from .render import glossary as glossary_pages

    campaign, documents = ctx.campaign, ctx.documents
    pages: dict[str, str] = {}
    to_write = sum(len(campaign.of_kind(kind)) for kind in _RENDERERS) + len(links.terms) + len(documents)
    progress("render", 0, to_write)
    for kind, render in _RENDERERS.items():
        for item in campaign.of_kind(kind):
            pages[page_of(kind, item.id)] = render(ctx, item)
            progress("render", len(pages), to_write)
    for term in links.terms:
        pages[page_of("term", term.id)] = glossary_pages.term_page(
            ctx, term, links.pinyin[term.data["term"]], links.usage.get(term.id, []))
        progress("render", len(pages), to_write)
    direct: dict[str, LaterPage] = {}
    links_key = _digest((links.glossary_key, sorted(links.linker.terms.items())))
    for doc in documents.values():
        inputs = (links_key, _citing(campaign, doc))
        direct[page_of("document", doc.id)] = LaterPage(
            "document", doc.title,
            functools.partial(_document_page, doc, campaign, links.linker, inputs, remembered, texts),
            identity=remembered.identity("pages", doc, inputs))  # (the HTML: texts packs only its search text)
    progress("render", to_write, to_write)
    return pages, direct


def _citing(campaign: Campaign, doc: Document) -> tuple:
    return tuple(sorted((i, campaign.items[i].kind, campaign.items[i].title, campaign.items[i].parent)
                        for i in campaign.citing.get(doc.id, ())))


def _document_page(doc: Document, campaign: Campaign, linker: Linker, inputs: tuple, remembered,
                   texts: Packer) -> DirectPage:
    """A document's page, made when it is written (LaterPage). It depends on the document,
    the glossary and the items citing it (inputs), its search text on the packer too."""
    return remembered("pages", doc, (*inputs, texts.digest),
                      lambda: _packed(doc_pages.document_page(doc, campaign, linker), texts))


def _packed(page: DirectPage, texts: Packer) -> DirectPage:
    """The page with its search text packed once, as the memo keeps it: a rebuild does
    not deflate an unchanged document's text again (a tenth of writing its page)."""
    page.search = page.search.packed(packer=texts)
    return page


def _sections(labels: dict) -> list[tuple[str, str, str, str]]:
    """(kind, folder, title, intro) of each guidance section; titles from campaign.yml's labels."""
    return [
        ("phase", "phases", labels.get("phase", "阶段"), "各阶段的关键环节、要求和责任。"),
        ("batch", "batches", labels.get("batch", "批次"), "各批次的时间、参加单位和规模。"),
        ("role", "roles", labels.get("role", "职责"), "各角色和机构的职责。"),
        ("checklist", "checklists", labels.get("checklist", "清单"), "可打印的检查清单。"),
    ]


def _index_pages(ctx, links: _Links, sections, problems: list[Problem], root: Path) -> dict[str, str]:
    """The home page, each section's index, the glossary, sources, matrix, report and guide."""
    from .render import glossary as glossary_pages

    campaign, documents = ctx.campaign, ctx.documents
    pages = {f"{folder}/index.md": guidance.kind_index(ctx, kind, title, intro) for kind, folder, title, intro in sections}
    pages["glossary/index.md"] = glossary_pages.glossary_index(ctx, [(t, links.pinyin[t.data["term"]]) for t in links.terms])
    pages.update(doc_pages.sources_index(list(documents.values())))
    pages["matrix.md"] = guidance.matrix_page(ctx)
    counts = {kind: len(campaign.of_kind(kind)) for kind in ("phase", "batch", "role", "checklist", "term")}
    counts["document"] = len(documents)
    pages["index.md"] = guidance.home_page(ctx, campaign.settings, counts)
    pages.update(report_page(documents, problems, campaign))
    # The guide's examples are this campaign's own items (docs/guide.md names none).
    guide = root / "docs" / "guide.md"
    if guide.is_file():  # a data folder built on its own (tests, `generate`) may have no docs/
        pages["guide.md"] = guide_page(guide.read_text(encoding="utf-8"), campaign)
    return pages


def _originals(files: dict[str, Path], documents: dict[str, Document]) -> dict[str, Path]:
    """Each document's source file (as ingest read it) by the site path of its copy
    (render.documents.original_path)."""
    from .render.documents import original_path

    return {original_path(doc): files[doc.id] for doc in documents.values() if doc.id in files}

def page_memo(root: Path):
    """The memo `mkdocs build` gives generate(): .cache/build/pages.sqlite3, keyed by what
    each document's counts and page are made from, salted with cache.disk.build_salt()."""
    return DiskCache(root / CACHE_DIR / "pages.sqlite3", build_salt())


def _digest(value) -> str:
    """A short stand-in for a large key part (the glossary's forms)."""
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()


def _nav(campaign: Campaign, sections, labels) -> list:
    """Short navigation: guidance items are few; documents and terms are reached
    through their index pages and search, so page weight does not grow with the corpus."""
    # Titles HTML-escaped: Material's nav templates insert them as they are.
    nav: list = [{"首页": "index.md"}]
    for kind, folder, title, _ in sections:
        entries = [{"概览": f"{folder}/index.md"}] + [{esc(i.title): page_of(kind, i.id)} for i in campaign.of_kind(kind)]
        nav.append({esc(title): entries})
        if kind == "role":
            nav.append({esc(labels.get("matrix", "职责矩阵")): "matrix.md"})
    nav.append({esc(labels.get("term", "术语")): "glossary/index.md"})
    nav.append({esc(labels.get("document", "原始文件")): "sources/index.md"})
    nav.append({esc(labels.get("help", "帮助")): [{"编辑指南": "guide.md"}, {"构建报告": "report.md"}]})
    return nav


def _epoch(documents: dict[str, Document]) -> int:
    """Newest date the sources give, as a timestamp: builds of the same data agree."""
    import datetime as dt

    dates = sorted(d.date for d in documents.values() if d.date)
    if not dates:
        return 0
    try:
        return int(dt.datetime.fromisoformat(dates[-1]).replace(tzinfo=dt.timezone.utc).timestamp())
    except ValueError:
        return 0
