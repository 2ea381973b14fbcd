"""Command line: `python -m sitegen check|generate|draft|dist|new-campaign|schema`.

`check` validates data/ without building the site; every problem is one line
`path:line: what is wrong`, and the exit code is non-zero when any is an error.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .problems import BuildFailed

ROOT = Path(__file__).resolve().parents[2]


def check(root: Path) -> int:
    from .build import validate
    from .coverage import finish, prepare, undecided_candidates

    started = time.perf_counter()
    prepare(root)  # term discovery's tagger starts loading now if its cache is stale
    try:
        checked = validate(root)  # ingest and model: no pages are rendered
    except BuildFailed as failure:
        finish(None)
        for problem in failure.problems:
            print(problem, file=sys.stderr)
        print(f"{len(failure.problems)} error(s)", file=sys.stderr)
        return 1
    warnings = list(checked.problems) + undecided_candidates(checked, root)
    for problem in warnings:
        print(f"{problem} (warning)", file=sys.stderr)
    print(f"data/ is valid: {len(checked.documents)} documents, {len(checked.campaign.items)} items, "
          f"{len(warnings)} warning(s), {time.perf_counter() - started:.2f}s")
    return 0


def generate_to(root: Path, out: Path) -> int:
    from .export import export

    try:
        counts = export(root, out)
    except BuildFailed as failure:
        for problem in failure.problems:
            print(problem, file=sys.stderr)
        print(f"{len(failure.problems)} error(s); {out} left as it was", file=sys.stderr)
        return 1
    print(f"{out}: {counts['pages']} pages, {counts['files']} other files, {counts['warnings']} warning(s)")
    return 0


def draft(root: Path, args) -> int:
    from .draft.run import DraftError, draft_source

    try:
        result = draft_source(root, Path(args.source), force=args.force)
    except DraftError as exc:
        print(exc, file=sys.stderr)
        return 1
    except BuildFailed as failure:  # the ingest rules file is broken
        print("\n".join(map(str, failure.problems)), file=sys.stderr)
        return 1
    print(result.summary(root))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sitegen")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate data/ without building")
    gen = sub.add_parser("generate", help="write the generated pages and assets to a folder, without a site engine")
    gen.add_argument("out")
    dist = sub.add_parser("dist", help="zip site/ for a USB stick or a web server")
    dist.add_argument("--site", default="site")
    new = sub.add_parser("new-campaign", help="start an empty data/ skeleton in a folder")
    new.add_argument("folder")
    sub.add_parser("schema", help="write schema/*.schema.json from the model's schemas (for editors' tools)")
    drafting = sub.add_parser("draft", help="propose items from one source, with citations, in data/drafts/")
    drafting.add_argument("source", help="the source file, e.g. data/sources/notice.txt")
    drafting.add_argument("--force", action="store_true", help="write over an existing draft")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(ROOT)
    if args.command == "generate":
        return generate_to(ROOT, Path(args.out))
    if args.command == "dist":
        from .dist import make_dist

        print(make_dist(ROOT, ROOT / args.site))
        return 0
    if args.command == "new-campaign":
        from .skeleton import new_campaign

        print(new_campaign(ROOT, Path(args.folder)))
        return 0
    if args.command == "draft":
        return draft(ROOT, args)
    if args.command == "schema":
        from .model.format import write_schemas

        print("\n".join(map(str, write_schemas())))
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
