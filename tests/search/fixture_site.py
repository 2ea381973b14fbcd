"""A small MkDocs + Material site of our own for the search tests: it uses the project's
overrides/ (our config block and worker) and a minimal hook that calls the search index
builder the way the project's hook does, independent of the rest of the pipeline."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HOOK = '''
import sys
sys.path.insert(0, {scripts!r})
from pathlib import Path
from sitegen.search import page_from_html, write_index

PAGES = []

def on_config(config):
    PAGES.clear()

def on_page_markdown(markdown, page, config, files):
    # Material's search plugin only has to show the search box: it indexes nothing.
    page.meta.setdefault("search", {{}})["exclude"] = True
    return markdown

def on_post_page(output, page, config):
    # search_title: a title with markup characters as text (Material's nav would render a
    # real page title raw, so the hostile title reaches only the index).
    title = page.meta.get("search_title") or page.title or ""
    PAGES.append(page_from_html(page.url, title, page.meta.get("kind", "page"), page.content or ""))
    return output

import functools
from mkdocs.structure.files import File
from sitegen.render import csp
from sitegen.search.worker import WORKER_PATH, worker_script

def on_files(files, config):
    # The search worker is built from its parts (sitegen.search.worker), as mkdocs_glue does.
    files.append(File.generated(config, WORKER_PATH, content=worker_script()))
    return files

def on_env(env, config, files):
    # The site's Content-Security-Policy, as mkdocs_glue.on_env gives it (overrides/main.html).
    env.globals["sitegen_script_sources"] = functools.partial(csp.script_sources, config.theme.custom_dir)
    env.globals["sitegen_serving"] = False
    return env

from mkdocs.plugins import event_priority

@event_priority(-1000)
def on_post_build(config):
    write_index(PAGES, Path(config.site_dir), ["两不误", "三个代表"], {{"长效机制": "chang xiao ji zhi"}})
'''

MKDOCS_YML = '''
site_name: 搜索测试
use_directory_urls: false
theme:
  name: material
  custom_dir: {overrides}
  language: zh
  font: false
plugins:
  - search:
      lang: zh
hooks:
  - search_hook.py
'''

PAGES = {
    "index.md": """
        # 首页

        这是搜索测试站点。
        """,
    "glossary/three-represents.md": """
        ---
        kind: term
        ---
        # 三个代表

        又称“三个代表”重要思想。
        {: #p-0a0a0a01 }

        ## 出处

        用“三个代表”重要思想武装党员。
        {: #p-0a0a0a02 }
        """,
    "glossary/long-term.md": """
        ---
        kind: term
        ---
        # 长效机制

        建立健全长效机制，巩固教育成果。
        {: #p-0b0b0b01 }
        """,
    "docs/simplified.md": """
        ---
        kind: document
        ---
        # 学习动员会议纪要

        会议要求统筹安排，确保工作和学习两不误。三个代表是主线。
        {: #p-0c0c0c01 }

        ## 第二部分

        张德江同志到会讲话，强调建立长效机制。
        {: #p-0c0c0c02 }
        """,
    "docs/traditional.md": """
        ---
        kind: document
        ---
        # 臺灣同胞座談會記錄

        與會者認為應當堅持實事求是，發揚優良傳統。
        {: #p-0d0d0d01 }

        ## 討論

        會議決定繼續開展調查研究，樹立正確導向。
        {: #p-0d0d0d02 }
        """,
    "docs/hostile.md": """
        ---
        kind: document
        search_title: 危险字符<script>window.__pwned=1</script>测试
        ---
        # 危险字符测试

        页面原文写有 &lt;script&gt;window.__pwned=2&lt;/script&gt; 与
        &lt;img src=x onerror=window.__pwned=3&gt; 以及 &amp;lt;b&amp;gt; 等字样，都应原样显示。
        {: #p-0e0e0e01 }
        """,
}


def build(dest: Path) -> Path:
    """Write and build the fixture project in `dest`; return its site folder."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "mkdocs.yml").write_text(MKDOCS_YML.format(overrides=str(ROOT / "overrides")), "utf-8")
    (dest / "search_hook.py").write_text(HOOK.format(scripts=str(ROOT / "scripts")), "utf-8")
    for rel, text in PAGES.items():
        path = dest / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), "utf-8")
    # attr_list gives paragraphs the ids the project's renderer gives them (p-xxxxxxxx).
    yml = dest / "mkdocs.yml"
    yml.write_text(yml.read_text("utf-8") + "markdown_extensions:\n  - attr_list\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=dest, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return dest / "site"
