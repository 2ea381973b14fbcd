"""Office files made by code for the format tests: python-docx writes .docx, zlib a PNG."""
import copy
import functools
import io
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import docx
from docx.oxml.ns import qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def png(width: int = 4, height: int = 4) -> bytes:
    """A small grey PNG (for add_picture)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def saved(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def chinese_numbering(document, style: str = "List Number", fmt: str = "chineseCounting", text: str = "%1、") -> None:
    """Make the numbering of `style` Word's Chinese counting (一、二、) as a Chinese template has it."""
    num_id = document.styles[style].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.iterchildren(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.iterchildren(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    lvl = abstract.find(qn("w:lvl"))
    lvl.find(qn("w:numFmt")).set(qn("w:val"), fmt)
    lvl.find(qn("w:lvlText")).set(qn("w:val"), text)


def tracked(paragraph, kept: str, inserted: str, deleted: str) -> None:
    """A paragraph with a tracked insertion and a tracked deletion (Word's w:ins / w:del)."""
    from lxml import etree

    p = paragraph._p
    p.append(copy.deepcopy(paragraph.add_run(kept)._r))
    p.remove(p.findall(qn("w:r"))[-1])
    ins = etree.SubElement(p, qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "x"})
    r = etree.SubElement(ins, qn("w:r"))
    etree.SubElement(r, qn("w:t")).text = inserted
    dele = etree.SubElement(p, qn("w:del"), {qn("w:id"): "2", qn("w:author"): "x"})
    r = etree.SubElement(dele, qn("w:r"))
    etree.SubElement(r, qn("w:delText")).text = deleted


@functools.lru_cache(maxsize=1)  # bytes are immutable: one build serves every test
def notice_docx() -> bytes:
    """A notice as an office writes it in Word: styles, numbering, a table, a picture, tracked changes."""
    d = docx.Document()
    d.core_properties.author = "办公室"
    d.core_properties.title = "属性里的标题"
    d.sections[0].header.paragraphs[0].text = "页眉文字不应出现"
    d.sections[0].footer.paragraphs[0].text = "第 1 页 页脚"
    d.add_paragraph("关于开展学习活动的通知", style="Title")
    d.add_paragraph("各支部：")
    d.add_paragraph("总体要求", style="Heading 1")
    p = d.add_paragraph("各单位要认真组织，")
    p.add_run().add_break()
    p.add_run("确保取得实效。")
    chinese_numbering(d)
    d.add_paragraph("加强领导。", style="List Number")
    d.add_paragraph("精心组织。", style="List Number")
    d.add_paragraph("工作安排", style="Heading 2")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("阶段", "时间", "内容"), ("学习动员", "一月", "组织学习"), ("分析评议", "三月", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_picture(io.BytesIO(png()))
    tracked(d.add_paragraph(), "要求：", "按时上报。", "尽快上报。")
    d.add_paragraph("二〇〇五年一月十日")
    return saved(d)


SOFFICE = shutil.which("soffice")


def as_word97(docx_bytes: bytes) -> bytes:
    """A genuine Word 97-2003 file: LibreOffice (headless, its own profile) saves the .docx as .doc."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in.docx").write_bytes(docx_bytes)
        subprocess.run([SOFFICE, f"-env:UserInstallation={folder.as_uri()}/profile", "--headless",
                        "--convert-to", "doc", "--outdir", str(folder), str(folder / "in.docx")],
                       check=True, capture_output=True, timeout=180)
        return (folder / "in.doc").read_bytes()


def _repeat_as_header(row) -> None:
    """Mark a table row as Word's "repeat as header row at the top of each page" (w:tblHeader)."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


ROSTER_COLUMNS = ("序号", "单位", "姓名", "职务", "学习时间", "分析评议意见", "整改措施", "备注")


@functools.lru_cache(maxsize=1)
def roster_docx() -> bytes:
    """A report with the tables offices draw: a wide roster with two header rows (a merged
    group heading over its columns) and merged cells down a column, a box round a paragraph
    (a one-column table), a table inside a cell, and cell text that looks like markup."""
    d = docx.Document()
    d.add_paragraph("学习情况汇总", style="Title")
    d.add_paragraph("现将各支部学习情况汇总如下。")
    wide = d.add_table(rows=5, cols=len(ROSTER_COLUMNS))
    wide.cell(0, 4).merge(wide.cell(0, 6)).text = "教育活动情况"  # a group heading over three columns
    for c in (0, 1, 2, 3, 7):
        wide.cell(0, c).text = ""
    for c, name in enumerate(ROSTER_COLUMNS):
        wide.cell(1, c).text = name
    _repeat_as_header(wide.rows[0])
    _repeat_as_header(wide.rows[1])
    people = [("1", "第一支部", "张建国", "书记", "集中学习四十学时", "群众评议满意率百分之九十八", "建立长效机制", "<script>alert(1)</script>"),
              ("2", "", "李红梅", "委员", "集中学习三十六学时", "查摆问题三条，已逐条整改", "完善学习制度", ""),
              ("3", "第二支部", "王志强", "书记", "集中学习四十二学时", "优秀", "整改提高阶段按期完成", "")]
    for r, person in enumerate(people, 2):
        for c, value in enumerate(person):
            wide.cell(r, c).text = value
    wide.cell(2, 1).merge(wide.cell(3, 1))  # 第一支部 runs down two rows
    wide.cell(2, 1).text = "第一支部"
    d.add_paragraph("附：")
    box = d.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "本表由各支部于每月五日前报送。"
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "项目", "安排"
    outer.cell(1, 0).text = "一、学习动员"
    inner = outer.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "三月", "动员大会"
    d.add_paragraph("二〇〇五年三月一日")
    return saved(d)
