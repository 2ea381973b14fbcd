"""A stage's work shared among forked processes, in contiguous runs of its items.

`mkdocs build` uses every core for the per-document stages (ingest of new sources, term
counts, document pages, reading the pages' text for the search index): each is
independent per document. Forked, the workers inherit
the build's state (documents, glossary, templates) instead of having it pickled; only
each run's result comes back, in order, so the output is the same whatever the number
of workers. What the workers would store in the build cache (cache.disk) goes, with
anything bulky a run returns, into a spool file per run, which the parent adopts.

Written by hand: concurrent.futures pickles every argument, and knows nothing of
SQLite connections (which must not cross a fork) or of spool files.
"""
from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Callable, Sequence

from .cache import disk as disk_cache
from .packing import Spool

_JOB: tuple | None = None  # (work, items, folder): inherited by the forked workers, never pickled


def can_fork(workers: int, count: int, least: int) -> bool:
    """Worth forking: more than one worker, at least `least` items, and fork available."""
    return workers > 1 and count >= least and "fork" in multiprocessing.get_all_start_methods()


def map_runs(work: Callable[[Sequence, Spool], object], items: Sequence, workers: int,
             folder: Path | None) -> list[tuple[object, Spool]]:
    """work(run, spool) for contiguous runs of items, in `workers` forked processes:
    [(its result, its spool)] in the items' order. A run's spool holds what work() kept
    in it; it lives as long as the caller keeps it."""
    global _JOB
    from concurrent.futures import ProcessPoolExecutor

    runs = workers * 8  # (runs of equal count, not equal work: more runs than workers even it out)
    bounds = [(len(items) * i // runs, len(items) * (i + 1) // runs) for i in range(runs)]
    bounds = [b for b in bounds if b[1] > b[0]]
    _JOB = (work, items, folder)
    disk_cache.before_fork()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            finished = list(pool.map(_run, bounds))
    finally:
        _JOB = None
    results = []
    for name, result, stored, used, stats in finished:
        spool = Spool.adopt(name)
        by_cache: dict[str, list] = {}
        for cache, digest, offset, size in stored:
            by_cache.setdefault(cache, []).append((digest, offset, size))
        disk_cache.take_forked(used, {cache: ((d, spool.read(o, n)) for d, o, n in entries)
                                      for cache, entries in by_cache.items()})
        for key, value in stats.items():
            disk_cache.STATS[key] += value
        results.append((result, spool))
    return results


def _run(bounds: tuple[int, int]):
    """In a forked worker: one run. Returns its spool's name, work()'s result, where the
    spool holds what the caches would store, what they used and their statistics."""
    work, items, folder = _JOB
    spool = Spool(folder, named=True)
    stored = []
    before = dict(disk_cache.STATS)

    def sink(cache: str, digest: str, blob: bytes) -> None:
        kept = spool.keep(blob)
        stored.append((cache, digest, kept.offset, kept.size))

    used = disk_cache.in_forked_worker(sink)
    result = work(items[bounds[0]:bounds[1]], spool)
    stats = {key: disk_cache.STATS[key] - before[key] for key in before}
    return spool.name, result, stored, used(), stats
