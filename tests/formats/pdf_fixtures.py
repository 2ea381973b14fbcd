"""PDFs made by code: Chromium (Playwright, the project's launch helper) prints HTML with page.pdf."""
import html

from sitetools import launch

STYLE = """<style>
@page { size: A4; margin: 25mm 26mm; }
body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 16pt; line-height: 1.6; margin: 0; }
p { text-indent: 2em; margin: 0; text-align: justify; }
.head { text-align: center; color: #c00; font-size: 26pt; text-indent: 0; }
.no { text-align: center; text-indent: 0; }
h1 { text-align: center; font-size: 20pt; font-weight: normal; margin: 1em 0; }
.end { text-align: right; text-indent: 0; }
</style>"""


def official_html(issuer: str, number: str, title: str, paragraphs: list[str], closing: list[str]) -> str:
    """A 红头文件: the issuer's red head, the 文号, the title, indented paragraphs, the 落款."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    end = "".join(f'<p class="end">{html.escape(c)}</p>' for c in closing)
    return (f'<html><head><meta charset="utf-8">{STYLE}</head><body><p class="head">{html.escape(issuer)}</p>'
            f'<p class="no">{html.escape(number)}</p><h1>{html.escape(title)}</h1>{body}{end}</body></html>')


FOOTER = ('<div style="font-size:10pt; width:100%; text-align:center; font-family:Noto Sans CJK SC">'
          '— <span class="pageNumber"></span> —</div>')
HEADER = ('<div style="font-size:9pt; width:100%; text-align:center; font-family:Noto Sans CJK SC">'
          '内部资料 注意保存</div>')


def print_pdf(pages_html: str, furniture: bool = True) -> bytes:
    """`pages_html` printed to A4 by Chromium, with a running header and a page-number footer (furniture)."""
    from sitetools import in_own_process

    return in_own_process(_print_pdf, pages_html, furniture)


def _print_pdf(pages_html: str, furniture: bool) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.set_content(pages_html)
            return page.pdf(format="A4", display_header_footer=furniture, header_template=HEADER,
                            footer_template=FOOTER, margin={"top": "25mm", "bottom": "25mm", "left": "26mm", "right": "26mm"})
        finally:
            browser.close()


def image_only_html() -> str:
    """A 'scan': a page with a picture and no text (an inline SVG, printed as vector paths)."""
    return ('<html><body><svg width="400" height="300"><rect width="400" height="300" fill="#eee"/>'
            '<circle cx="200" cy="150" r="80" fill="#c00"/></svg></body></html>')


def handmade_pdf(page_count: int = 1, encrypt: bool = False) -> bytes:
    """A minimal PDF written object by object (for the no-pages and password cases Chromium cannot print)."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(page_count))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>"]
    objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * page_count
    if encrypt:  # the Standard security handler with a user password: no reader opens it without one
        objects.append("<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + "11" * 32 + "> /U <" + "22" * 32 + "> >>")
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    extra = f" /Encrypt {len(objects)} 0 R /ID [<{'ab' * 16}> <{'ab' * 16}>]" if encrypt else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out



def scanned(raw: bytes, dpi: int = 200) -> bytes:
    """The PDF rasterised into an image-only one, as a scanner makes it (the formats bench's as_scan)."""
    from sitegen.bench.formats import as_scan

    return as_scan(raw, dpi)
