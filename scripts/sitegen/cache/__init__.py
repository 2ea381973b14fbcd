"""The build's caches: what one build keeps for the next, so an edit redoes only what it touches.

- disk.py: DiskCache (.cache/build/*.sqlite3) and MemoryMemo (while serving), salted with
  build_salt() (our code and the page-making libraries' versions);
- ingest.py: IngestCache, a source file's Document by its name and bytes;
- pages.py: PageCache, a page's Markdown conversion and layout by their inputs.
Written by hand: MkDocs has no build cache. A cache never changes what is built, only how fast.
"""
