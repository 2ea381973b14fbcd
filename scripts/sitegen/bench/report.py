"""The benchmark's table, goals and chart, from its JSON results."""
from __future__ import annotations

import statistics
from pathlib import Path

STAGES = ("ingest", "model", "link", "render", "mkdocs", "search", "startup")
STAGE_NOTES = {
    "ingest": "sources -> documents",
    "model": "data/*.yml -> campaign",
    "link": "term matching, usage",
    "render": "Markdown pages",
    "mkdocs": "MkDocs + Material: Markdown, theme, nav",
    "search": "page text + our index",
    "startup": "python, imports, config, theme files",
}

# (key, goal text, test): GOALS_2000 between the smallest corpus and the largest of at most
# 2,000 documents; GOALS_PROVINCE on a corpus of 10,000 or more (see summary()).
GOALS_2000 = [
    ("marginal_ms_per_doc", "marginal build cost <= 10 ms/doc", lambda v: v <= 10),
    # Page weight is judged on the pages the corpus adds, documents, as the issue's own bare
    # figure was (a site of synthetic pages only), and over the pages both sites have. The
    # median over all pages is reported beside them, not judged: it follows the mix of page
    # kinds (at 200 documents, the campaign's ~190 lighter glossary and guidance pages are
    # half the site; at 2,000 a tenth), not the weight of any page.
    ("document_page_weight_ratio", "median document page at large within 10% of small", lambda v: 0.9 <= v <= 1.1),
    ("same_pages_weight_ratio", "median page at large within 10% of small (same pages)", lambda v: 0.9 <= v <= 1.1),
    ("site_bytes_per_doc_ratio", "site size linear (bytes/doc large <= 1.1 x small)", lambda v: v <= 1.1),
    ("first_search_kb", "first search <= 1 MB transferred", lambda v: v <= 1024),
    ("first_search_ms", "first search <= 500 ms to first result", lambda v: v <= 500),
    ("peak_mb", "peak memory of the build <= 1 GB", lambda v: v <= 1024),
    ("rebuild_remade_share", "rebuild after editing 1 doc: <= 1% of the cold build's work made again", lambda v: v <= 0.01),
]
GOALS_PROVINCE = [
    ("linearity", "linear (ms per added document above 2,000 <= 1.25 x below)", lambda v: v <= 1.25),
    ("linearity_user", "linear in user CPU time (the same, without the kernel's share)", lambda v: v <= 1.25),
    ("wall_s", "build <= 2 minutes", lambda v: v <= 120),
    ("peak_mb", "peak memory <= 2 GB", lambda v: v <= 2048),
]

# Issue 22's targets, judged on every corpus they apply to: (key, goal text, smallest and
# largest corpus it is judged on, test). Keys are of scale_figures().
GOALS_SCALE = [
    ("wall_s", "cold build <= 5 minutes", 100_000, None, lambda v: v <= 300),
    ("peak_mb", "peak memory <= 2 GB", 0, None, lambda v: v <= 2048),
    ("rebuild_s", "rebuild after editing 1 doc <= 2 s", 0, None, lambda v: v <= 2),
    ("serve_page_s", "mkdocs serve: edit -> page shown <= 2 s", 0, 30_000, lambda v: v <= 2),
    ("serve_search_s", "mkdocs serve: edit -> search updated <= 5 s", 0, 30_000, lambda v: v <= 5),
    ("first_search_kb", "first search (http): search files until the first result <= 300 KB", 0, None, lambda v: v <= 300),
    ("first_search_ms", "first search (http) <= 300 ms to the first result", 0, None, lambda v: v <= 300),
    ("first_search_file_kb", "first search (file://): search files until the first result <= 300 KB", 0, None, lambda v: v <= 300),
    ("first_search_file_ms", "first search (file://) <= 300 ms to the first result", 0, None, lambda v: v <= 300),
    ("search_kb_per_doc", "search files <= 5 KB a document", 0, None, lambda v: v <= 5),
]
# Peak memory flat from this size up: the largest corpus's peak over this one's.
FLAT_FROM = 20_000
FLAT_RATIO = 1.15


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def _ratio(bare, ours) -> str:
    if bare is None or ours is None or not ours:
        return "—"
    return f"{bare / ours:,.1f}x"


def _same_pages_ratio(small: dict, large: dict) -> float | None:
    """Median size of the pages the small site has, in the large site over in the small one:
    page weight with the mix of page kinds held fixed (the small corpus's documents are the
    first documents of the large one)."""
    a, b = small.get("html_sizes"), large.get("html_sizes")
    if not a or not b:
        return None
    common = [page for page in a if page in b]
    if not common:
        return None
    return statistics.median(b[p] for p in common) / statistics.median(a[p] for p in common)


def _compare(small: dict, large: dict) -> dict:
    """Figures of each side between two corpus sizes."""
    out: dict = {}
    for side in ("ours", "bare"):
        a, b = small.get(side), large.get(side)
        if not a or not b or large["documents"] == small["documents"]:
            continue
        n = large["documents"] - small["documents"]
        out[side] = {
            "marginal_ms_per_doc": (b["wall_s"] - a["wall_s"]) / n * 1000,
            "marginal_cpu_ms_per_doc": (b["cpu_s"] - a["cpu_s"]) / n * 1000 if "cpu_s" in a and "cpu_s" in b else None,
            "marginal_user_ms_per_doc": (b["user_s"] - a["user_s"]) / n * 1000 if "user_s" in a and "user_s" in b else None,
            "page_weight_ratio": b["median_html_kb"] / a["median_html_kb"],
            "same_pages_weight_ratio": _same_pages_ratio(a, b),
            "page_weight_ratio_by_kind": {
                k: b["median_html_kb_by_kind"][k] / v
                for k, v in a.get("median_html_kb_by_kind", {}).items() if k in b.get("median_html_kb_by_kind", {})
            },
            "site_bytes_per_doc_ratio": (b["site_mb"] / large["documents"]) / (a["site_mb"] / small["documents"]),
            "marginal_site_kb_per_doc": (b["site_mb"] - a["site_mb"]) * 1024 / n,
            "peak_mb": b["peak_mb"],
            "wall_s": b["wall_s"],
        }
        out[side]["document_page_weight_ratio"] = out[side]["page_weight_ratio_by_kind"].get("document")
        rebuild, cold = b.get("rebuild") or {}, b.get("cache") or {}
        if (rebuild.get("cache") or {}).get("misses") is not None and cold.get("misses"):
            # Cache lookups a rebuild had to make again, over those of the cold build (all misses).
            out[side]["rebuild_remade_share"] = rebuild["cache"]["misses"] / cold["misses"]
            out[side]["rebuild_time_ratio"] = rebuild["wall_s"] / b["wall_s"]
        search = b.get("search")
        if search and "error" not in search:
            out[side]["first_search_kb"] = search["bytes_until_first_result"] / 1024
            out[side]["first_search_ms"] = search["first_result_ms"]
    return out


def summary(results: dict) -> dict:
    """Derived figures. The issue's goals are set for 200 -> 2,000 documents: they are
    judged between the smallest corpus and the largest of at most 2,000 ("large"); a corpus
    of 10,000 or more is judged on its own goals, linear growth included."""
    runs = sorted(results["runs"], key=lambda r: r["documents"])
    out: dict = {}
    if not runs:
        return out
    small = runs[0]
    upto = [r for r in runs[1:] if r["documents"] <= 2000]
    large = upto[-1] if upto else runs[-1]
    out["small"], out["large"] = small["documents"], large["documents"]
    out.update(_compare(small, large))
    goals = []
    ours = out.get("ours")
    if ours:
        for key, text, test in GOALS_2000:
            if ours.get(key) is not None:
                goals.append({"goal": text, "value": ours[key], "met": bool(test(ours[key]))})
        if ours.get("page_weight_ratio") is not None:  # reported, not judged (see GOALS_2000)
            goals.append({"goal": "median page at large / small, all pages (the mix of page kinds)", "value": ours["page_weight_ratio"], "met": None})
    province = runs[-1]
    if province["documents"] >= 10000 and province is not large and ours and province.get("ours"):
        figures = _compare(small, province)["ours"]
        upper = (province["ours"]["wall_s"] - large["ours"]["wall_s"]) / (province["documents"] - large["documents"]) * 1000
        figures["marginal_ms_per_doc_above_large"] = upper
        figures["linearity"] = upper / ours["marginal_ms_per_doc"] if ours["marginal_ms_per_doc"] > 0 else None
        if "user_s" in province["ours"] and "user_s" in large["ours"] and ours.get("marginal_user_ms_per_doc"):
            # The same in user CPU time: the build's own work, without the kernel's varying share.
            upper_user = (province["ours"]["user_s"] - large["ours"]["user_s"]) / (province["documents"] - large["documents"]) * 1000
            figures["marginal_user_ms_per_doc_above_large"] = upper_user
            figures["linearity_user"] = upper_user / ours["marginal_user_ms_per_doc"]
        figures["linearity_by_round"] = _linearity_by_round(small, large, province)
        out["province"] = {"documents": province["documents"], "ours": figures}
        for key, text, test in GOALS_PROVINCE:
            if figures.get(key) is not None:
                goals.append({"goal": f"{province['documents']:,} docs: {text}", "value": figures[key], "met": bool(test(figures[key]))})
    goals += scale_goals(runs)
    out["goals"] = goals
    return out


def _lookup(value, *keys):
    """value[keys[0]][keys[1]]..., or None where one is missing."""
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def scale_figures(run: dict) -> dict:
    """One corpus's figures that GOALS_SCALE judges (None where not measured)."""
    ours = run.get("ours") or {}

    def get(*keys):
        return _lookup(ours, *keys)

    searches = {"": get("search"), "_file": get("search_file")}
    out = {
        "wall_s": get("wall_s"),
        "peak_mb": get("peak_mb"),
        "rebuild_s": get("rebuild", "wall_s"),
        "serve_page_s": get("serve", "edit_to_page_s"),
        "serve_search_s": get("serve", "edit_to_search_s"),
        "search_kb_per_doc": ours["search_files_mb"] * 1024 / run["documents"] if ours.get("search_files_mb") else None,
    }
    for suffix, search in searches.items():
        ok = isinstance(search, dict) and "error" not in search
        # The measure: the search files (worker, index, shards), not the page and theme.
        out[f"first_search{suffix}_kb"] = search["search_bytes"] / 1024 if ok else None
        out[f"first_search{suffix}_ms"] = search["first_result_ms"] if ok else None
    return out


def scale_goals(runs: list[dict]) -> list[dict]:
    """GOALS_SCALE on each corpus it applies to, and peak memory flat from FLAT_FROM up."""
    goals = []
    for run in runs:
        n, figures = run["documents"], scale_figures(run)
        for key, text, low, high, test in GOALS_SCALE:
            if figures[key] is not None and n >= low and (high is None or n <= high):
                goals.append({"goal": f"{n:,} docs: {text}", "value": figures[key], "met": bool(test(figures[key]))})
    big = [r for r in runs if r["documents"] >= FLAT_FROM and (r.get("ours") or {}).get("peak_mb")]
    if len(big) >= 2:
        ratio = big[-1]["ours"]["peak_mb"] / big[0]["ours"]["peak_mb"]
        goals.append({"goal": f"peak memory flat from {big[0]['documents']:,} to {big[-1]['documents']:,} docs "
                              f"(ratio <= {FLAT_RATIO})", "value": ratio, "met": ratio <= FLAT_RATIO})
    return goals


def _linearity_by_round(small: dict, large: dict, province: dict) -> list[float]:
    """The linearity figure of each round of cold builds on its own: the bench builds every
    size once per round, so the three builds of a round ran minutes apart, on the machine
    as it was then (information beside the fastest-of-each-size figure that is judged)."""
    walls = [r["ours"].get("wall_runs_s") or [] for r in (small, large, province)]
    out = []
    for a, b, c in zip(*walls):
        below = (b - a) / (large["documents"] - small["documents"])
        above = (c - b) / (province["documents"] - large["documents"])
        if below > 0:
            out.append(above / below)
    return out


def table(results: dict) -> str:
    """The bench's figures, one row per measure and three columns per corpus, then the summary."""
    runs = sorted(results["runs"], key=lambda r: r["documents"])
    head, rows = _figure_rows(runs)
    failed = [(r["documents"], side, r[side]["search"]["error"]) for r in runs for side in ("ours", "bare")
              if r.get(side) and "error" in (r[side].get("search") or {})]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    lines = ["  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in [head, *rows]]
    lines.insert(1, "-" * len(lines[0]))
    for n, side, error in failed:
        lines.append(f"first search failed ({side}, {n:,} docs): {error.splitlines()[0][:160]}")
    lines.append("")
    lines += _summary_lines(summary(results))
    return "\n".join(lines)


def _figure_rows(runs: list[dict]) -> tuple[list[str], list[list[str]]]:
    head = ["", *[f"{r['documents']:,} docs: {col}" for r in runs for col in ("ours", "bare", "bare/ours")]]
    rows: list[list[str]] = []

    def row(label, get, digits=1, per_doc=False):
        cells = [label]
        for r in runs:
            ours, bare = get(r.get("ours")), get(r.get("bare"))
            if per_doc:  # MB -> KB a document
                ours, bare = (v * 1024 / r["documents"] if v is not None else None for v in (ours, bare))
            cells += [_fmt(ours, digits), _fmt(bare, digits), _ratio(bare, ours)]
        rows.append(cells)

    def field(*keys):
        return lambda side: _lookup(side, *keys)

    row("build, wall (s)", field("wall_s"), 2)
    row("build, CPU (s)", field("cpu_s"), 2)
    row("  of which user (s)", field("user_s"), 2)
    row("  of which kernel (s)", field("sys_s"), 2)
    row("load average (1 min)", field("load_avg"), 1)
    row("peak memory (MB)", field("peak_mb"), 0)
    for stage in ("pipeline", "pages", "search"):
        row(f"  peak after {stage} (MB)", field("peak_mb_after", stage), 0)
    row("HTML pages", field("html_pages"))
    row("median HTML page (KB)", field("median_html_kb"))
    row("  median document page (KB)", field("median_html_kb_by_kind", "document"))
    row("  median term page (KB)", field("median_html_kb_by_kind", "term"))
    row("  median other page (KB)", field("median_html_kb_by_kind", "other"))
    row("largest HTML page (KB)", field("max_html_kb"))
    row("site size (MB)", field("site_mb"))
    row("search files (MB)", field("search_files_mb"), 2)
    row("  per document (KB)", field("search_files_mb"), 2, per_doc=True)
    row("first search: to 1st result (ms)", field("search", "first_result_ms"), 0)
    kb = lambda key: lambda s: s["search"][key] / 1024 if s and key in (s.get("search") or {}) else None  # noqa: E731
    row("first search: bytes until then (KB)", kb("bytes_until_first_result"), 0)
    row("  of which search files (KB)", kb("search_bytes"), 0)
    row("first search from file:// (ms)", field("search_file", "first_result_ms"), 0)
    row("  bytes until then (KB)", lambda s: (_lookup(s, "search_file", "bytes_until_first_result") or 0) / 1024 or None, 0)
    row("  build cache: writing it (s)", field("cache", "write_s"), 2)
    row("rebuild after editing 1 doc (s)", field("rebuild", "wall_s"), 2)
    row("  rebuild: reused from the build cache", field("rebuild", "cache", "hits"), 0)
    row("  rebuild: made again", field("rebuild", "cache", "misses"), 0)
    row("  rebuild: reading the cache (s)", field("rebuild", "cache", "read_s"), 2)
    row("mkdocs serve: first build (s)", field("serve", "first_build_s"), 2)
    row("mkdocs serve: edit -> page shown (s)", field("serve", "edit_to_page_s"), 2)
    row("mkdocs serve: edit -> search updated (s)", field("serve", "edit_to_search_s"), 2)
    for stage in STAGES:
        row(f"  ours: {stage} (s)", field("stages", stage), 2)
    row("  rebuild: ingest (s)", field("rebuild", "stages", "ingest"), 3)
    return head, rows


def _summary_lines(s: dict) -> list[str]:
    lines: list[str] = []
    if s.get("ours"):
        lines.append(f"{s['small']:,} -> {s['large']:,} documents:")
        for key, label, digits in (
            ("marginal_ms_per_doc", "marginal build cost (ms per added document)", 1),
            ("marginal_cpu_ms_per_doc", "  the same in CPU time (ms per added document)", 1),
            ("marginal_user_ms_per_doc", "  the same in user CPU time (ms per added doc)", 1),
            ("page_weight_ratio", "median page at large / at small", 2),
            ("same_pages_weight_ratio", "  the same, over the pages both sites have", 2),
            ("marginal_site_kb_per_doc", "site KB per added document", 1),
            ("site_bytes_per_doc_ratio", "site bytes per document, large / small", 2),
            ("rebuild_remade_share", "rebuild after 1 edit: share of the work redone", 4),
            ("rebuild_time_ratio", "rebuild after 1 edit: time / cold build", 2),
        ):
            ours, bare = s["ours"].get(key), (s.get("bare") or {}).get(key)
            lines.append(f"  {label:<46} ours {_fmt(ours, digits):>9}   bare {_fmt(bare, digits):>9}   bare/ours {_ratio(bare, ours)}")
            if key == "page_weight_ratio":
                for kind, ratio in s["ours"].get("page_weight_ratio_by_kind", {}).items():
                    other = ((s.get("bare") or {}).get("page_weight_ratio_by_kind") or {}).get(kind)
                    lines.append(f"  {'  the same, ' + kind + ' pages only':<46} ours {_fmt(ratio, 2):>9}   bare {_fmt(other, 2):>9}")
    if s.get("province"):
        p = s["province"]["ours"]
        lines.append(f"{s['large']:,} -> {s['province']['documents']:,} documents:")
        lines.append(f"  {'marginal build cost (ms per added document)':<46} ours {_fmt(p['marginal_ms_per_doc_above_large'], 1):>9}"
                     f"   ({_fmt(p['linearity'], 2)} x the cost below {s['large']:,})")
        if p.get("linearity_by_round"):
            lines.append(f"  {'  the same, each round of builds on its own':<46} ours "
                         + " / ".join(_fmt(v, 2) for v in p["linearity_by_round"]))
        if p.get("linearity_user") is not None:
            lines.append(f"  {'  the same in user CPU time':<46} ours {_fmt(p['marginal_user_ms_per_doc_above_large'], 1):>9}"
                         f"   ({_fmt(p['linearity_user'], 2)} x the cost below {s['large']:,})")
        lines.append(f"  {'median page at ' + format(s['province']['documents'], ',') + ' / at ' + format(s['small'], ','):<46} ours {_fmt(p['page_weight_ratio'], 2):>9}")
        lines.append(f"  {'  the same, over the pages both sites have':<46} ours {_fmt(p['same_pages_weight_ratio'], 2):>9}")
    if s.get("goals"):
        lines.append("")
        lines.append("goals:")
        for g in s["goals"]:
            mark = "info" if g["met"] is None else "ok" if g["met"] else "MISSED"
            lines.append(f"  [{mark}] {g['goal']}: {_fmt(g['value'], 2)}")
    return lines


# The chart's panels: (title, figure of scale_figures() or of the run, target line or None).
PANELS = [
    ("cold build (s)", "wall_s", 300),  # (judged at 100,000 documents)
    ("peak memory (MB)", "peak_mb", 2048),
    ("rebuild after editing 1 doc (s)", "rebuild_s", 2),
    ("mkdocs serve: edit -> page / search (s)", ("serve_page_s", "serve_search_s"), 2),
    ("first search: search files until 1st result (KB)", ("first_search_kb", "first_search_file_kb"), 300),
    ("first search: ms to 1st result", ("first_search_ms", "first_search_file_ms"), 300),
    ("search files (KB per doc)", "search_kb_per_doc", 5),
    ("site size (MB)", "site_mb", None),
]
_LABELS = {"serve_search_s": "search updated", "serve_page_s": "page shown", "first_search_kb": "http",
           "first_search_file_kb": "file://", "first_search_ms": "http", "first_search_file_ms": "file://"}


def _points(runs: list[dict], key: str, side: str = "ours") -> list[tuple[int, float]]:
    out = []
    for r in runs:
        if side == "ours":
            figures = scale_figures(r)
            value = figures[key] if key in figures else (r.get("ours") or {}).get(key)
        else:
            value = (r.get(side) or {}).get(key)
        if value is not None:
            out.append((r["documents"], value))
    return out


def chart(results: dict, path: Path) -> Path:
    """Each figure against corpus size (ours), with the issue's target lines."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = sorted(results["runs"], key=lambda r: r["documents"])
    cols = 4
    fig, axes = plt.subplots(2, cols, figsize=(4.6 * cols, 8.4))
    for ax, (title, keys, target) in zip(axes.flat, PANELS):
        ax.set_title(title, fontsize=10)
        for key, style in zip((keys,) if isinstance(keys, str) else keys, ("o-", "s--")):
            points = _points(runs, key)
            if points:
                xs, ys = zip(*points)
                ax.plot(xs, ys, style, label=_LABELS.get(key, "ours"))
                for x, y in points:
                    ax.annotate(f"{y:,.1f}", (x, y), textcoords="offset points", xytext=(4, 4), fontsize=8)
        bare = _points(runs, keys, "bare") if isinstance(keys, str) else []
        if bare:  # the same Markdown with bare MkDocs + Material, where it was built
            ax.plot(*zip(*bare), "^:", color="gray", label="bare MkDocs + Material")
        if target is not None:
            ax.axhline(target, color="tab:red", linestyle=":", linewidth=1.5, label=f"target {target:,}")
        ax.set_xlabel("source documents")
        ax.set_xscale("log")
        if bare:
            ax.set_yscale("log")  # bare's figures are ten times ours and more
        else:
            ax.set_ylim(bottom=0)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle("sitegen at scale (same machine, same run)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
