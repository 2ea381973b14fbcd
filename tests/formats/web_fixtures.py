"""Saved web pages made by code: a government site's article page, as bytes in any encoding."""
import base64
import quopri

ARTICLE = ("关于深入开展学习活动的实施意见",
           ["为认真贯彻落实上级部署，现就深入开展学习活动提出如下实施意见。",
            "一、指导思想",
            "坚持以科学理论为指导，紧密结合本单位实际，着力解决突出问题。",
            "二、工作步骤",
            "学习活动分三个阶段进行，每个阶段都要有明确的目标和要求，确保各项工作落到实处。"])


def gov_page(charset: str = "gb2312", layout_table: bool = False, date: str = "2005-03-18") -> str:
    """An article page as government sites publish it: navigation, breadcrumbs, a 相关文章
    sidebar, a 版权所有/ICP footer, scripts and styles around the article."""
    title, paragraphs = ARTICLE
    if layout_table:  # an old page: the article is one table cell with <br>-separated paragraphs
        body = f'<table width="760"><tr><td class="content">{"<br><br>".join(paragraphs)}</td></tr></table>'
    else:
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_市委组织部网站</title>
<style>body {{ font-size: 12px }} .nav li {{ float: left }}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("统计代码");</script>
</head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xw/">新闻中心</a></li><li><a href="/zc/">政策法规</a></li><li><a href="/dj/">党建工作</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/xw/">工作动态</a> &gt; 正文</div>
<div class="main"><div class="article">
<h1>{title}</h1>
<div class="info">发布时间：{date}  来源：市委组织部  浏览次数：1024</div>
<div class="content">{body}</div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="sidebar"><h3>相关文章</h3><ul><li><a href="/a1.html">市里召开工作部署会议</a></li><li><a href="/a2.html">各区县认真组织学习讨论</a></li><li><a href="/a3.html">专题辅导报告会在京举行</a></li></ul></div></div>
<div class="footer">版权所有：市委组织部 地址：人民路1号 电话：0000-12345678<br>京ICP备05012345号</div>
<script>document.getElementById("x");</script>
</body></html>"""


def gov_page_bytes(charset: str = "gb2312", **kw) -> bytes:
    return gov_page(charset, **kw).encode("gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else charset)


def mht(page: bytes, charset: str = "gb2312", encoding: str = "quoted-printable") -> bytes:
    """A 单个文件网页 (.mht) as Internet Explorer saves it: a MIME multipart with the page and a picture."""
    body = quopri.encodestring(page) if encoding == "quoted-printable" else base64.encodebytes(page)
    return b"\r\n".join([
        b"From: <Saved by Windows Internet Explorer 8>",
        b"Subject: page",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/related; type="text/html"; boundary="----=_NextPart_000_0000"',
        b"",
        b"This is a multi-part message in MIME format.",
        b"",
        b"------=_NextPart_000_0000",
        f"Content-Type: text/html; charset=\"{charset}\"".encode(),
        f"Content-Transfer-Encoding: {encoding}".encode(),
        b"Content-Location: http://www.example.gov.cn/xw/1.html",
        b"",
        body,
        b"",
        b"------=_NextPart_000_0000",
        b"Content-Type: image/gif",
        b"Content-Transfer-Encoding: base64",
        b"Content-Location: http://www.example.gov.cn/logo.gif",
        b"",
        base64.encodebytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        b"------=_NextPart_000_0000--",
        b"",
    ])
