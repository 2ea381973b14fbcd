"""Ingest speed by source format: the project's text sources written again as .docx, a saved
GBK web page and a Chromium-printed PDF, each ingested cold; ms per document per format.
With tesseract installed (make ocr-tools), "ocr": the first PDFs scanned (image only) and read by OCR.
With LibreOffice installed (make libreoffice), "doc": the .docx files saved as Word 97-2003 by it and
read through it; "doc-text": the same read by antiword / catdoc only.

Run by `make bench` (python -m sitegen.bench.formats); results in <out>/formats.json.
The PDFs are printed by Debian's Chromium (the launch helper of the browser tests).
"""
from __future__ import annotations

import argparse
import dataclasses
import html
import io
import json
import statistics
import sys
import time
from pathlib import Path

from ..ingest import IngestError, ingest_document, load_rules, rules_path_for
from ..ingest.formats import ocr, word97
from .browser import _sitetools
from .run import ROOT


def _paragraphs(raw: bytes) -> list[str]:
    from ..ingest.decode import decode_bytes

    text = decode_bytes(raw, RULES)[0]
    return [line.strip() for line in text.splitlines() if line.strip()]


def as_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(paragraphs[0], style="Title")
    for p in paragraphs[1:]:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def as_html(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
    return (f'<html><head><meta charset="gbk"><title>{html.escape(paragraphs[0])}_网站</title></head><body>'
            f'<div class="nav"><a href="/">首页</a> <a href="/a">新闻</a></div><h1>{html.escape(paragraphs[0])}</h1>'
            f'<div class="content">{body}</div><div class="footer">版权所有 ICP备00000000号</div></body></html>')


def as_pdfs(pages: list[str]) -> list[bytes]:
    from playwright.sync_api import sync_playwright

    style = "<style>body{font-family:'Noto Serif CJK SC',serif;font-size:16pt} p{text-indent:2em;margin:0}</style>"
    with sync_playwright() as p:
        browser = _sitetools().launch(p)
        try:
            page = browser.new_page()
            out = []
            for markup in pages:
                page.set_content(markup.replace("<head>", f"<head>{style}").replace('charset="gbk"', 'charset="utf-8"'))
                out.append(page.pdf(format="A4", display_header_footer=True, header_template="<span></span>",
                                    footer_template='<div style="font-size:9pt;width:100%;text-align:center">'
                                                    '<span class="pageNumber"></span></div>',
                                    margin={"top": "25mm", "bottom": "25mm", "left": "26mm", "right": "26mm"}))
            return out
        finally:
            browser.close()


def as_scan(raw: bytes, dpi: int = 200) -> bytes:
    """The PDF as a scanner makes it: each page rasterised (PDFium, grey, `dpi`) and saved by Pillow
    as an image-only PDF, no text layer left."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(raw)
    try:
        images = [document[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(document))]
    finally:
        document.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


OCR_LIMIT = 3  # scanned documents: OCR takes seconds a page


def as_word97(docx_files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The .docx files saved as .doc by LibreOffice, in one run of it."""
    import shutil
    import tempfile

    if not shutil.which("soffice"):
        return []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, raw in docx_files:
            (folder / name).write_bytes(raw)
        word97.libreoffice_convert(folder, [name for name, _ in docx_files], "doc", timeout=600)
        return [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.doc"))]


def corpus(sources: Path, limit: int) -> dict[str, list[tuple[str, bytes]]]:
    """{format: [(file name, bytes)]}: each text source in every format."""
    texts = sorted(p for p in sources.iterdir() if p.is_file() and not p.name.startswith("."))[:limit]
    docs = [(p.stem, _paragraphs(p.read_bytes())) for p in texts]
    docs = [(stem, paras) for stem, paras in docs if len(paras) >= 2]
    pages = [as_html(paras) for _, paras in docs]
    files = {
        "text": [(p.name, p.read_bytes()) for p in texts],
        "docx": [(f"{stem}.docx", as_docx(paras)) for stem, paras in docs],
        "html": [(f"{stem}.htm", page.encode("gb18030")) for (stem, _), page in zip(docs, pages)],
        "pdf": [(f"{stem}.pdf", pdf) for (stem, _), pdf in zip(docs, as_pdfs(pages))],
    }
    if ocr.available():
        files["ocr"] = [(name, as_scan(raw)) for name, raw in files["pdf"][:OCR_LIMIT]]
    files["doc"] = files["doc-text"] = as_word97(files["docx"])
    return files


def measure(files: dict[str, list[tuple[str, bytes]]]) -> dict[str, dict]:
    """Per format: documents, KB, median and max ms of one ingest (no cache)."""
    results = {}
    for fmt, items in files.items():
        times, paragraphs = [], 0
        word97.LIBREOFFICE = None if fmt == "doc-text" else "soffice"
        for name, raw in items:
            started = time.perf_counter()
            try:
                doc = ingest_document(name, raw, RULES_OF.get(fmt, RULES))
                paragraphs += len(doc.blocks)
            except IngestError as exc:
                print(f"{name}: {exc.message}", file=sys.stderr)
                continue
            times.append((time.perf_counter() - started) * 1000)
        if times:
            results[fmt] = {"documents": len(times), "kb": round(sum(len(r) for _, r in items) / 1024, 1),
                            "blocks": paragraphs, "median_ms": round(statistics.median(times), 1),
                            "max_ms": round(max(times), 1)}
            if fmt == "ocr":  # OCR's cost is by the page
                pages = sum(_page_count(raw) for _, raw in items)
                results[fmt]["ms_per_page"] = round(sum(times) / pages, 1)
    word97.LIBREOFFICE = "soffice"
    return results


def _page_count(raw: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(raw)
    try:
        return len(document)
    finally:
        document.close()


RULES = load_rules(rules_path_for(ROOT / "data"))
RULES_OF = {"ocr": dataclasses.replace(RULES, ocr=True)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen.bench.formats", description=__doc__.splitlines()[0])
    parser.add_argument("--sources", default=str(ROOT / "data" / "sources"), help="text sources to write in every format")
    parser.add_argument("--limit", type=int, default=20, help="at most this many sources")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out"))
    args = parser.parse_args(argv)
    files = corpus(Path(args.sources), args.limit)
    for fmt, items in files.items():  # a first ingest of each format loads its libraries: not counted
        if items and fmt != "doc-text":
            ingest_document(*items[0], RULES_OF.get(fmt, RULES))
    results = measure(files)
    print("format    documents     KB  blocks  median ms  max ms")
    for fmt, r in results.items():
        per_page = f"  ({r['ms_per_page']} ms a page)" if "ms_per_page" in r else ""
        print(f"{fmt:<9} {r['documents']:>9} {r['kb']:>6} {r['blocks']:>7} {r['median_ms']:>10} {r['max_ms']:>7}{per_page}")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "formats.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
