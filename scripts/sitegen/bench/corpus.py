"""Synthetic source documents for the benchmark.

Each document is a speech or a plain notice, written as a data/sources text file the
way the real ones are: a title line, a date line, optionally a salutation, then an
outline (一、 / （一） headings) over paragraphs sampled from the five real sources.
Some paragraphs are whole source paragraphs, others are re-composed from source
sentences, and every document names its own (invented) unit and place, so both the
text and the vocabulary grow with the corpus as they would with real documents.
Deterministic for a seed.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

CN = "一二三四五六七八九十"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
PLACE_CHARS = "安宁平和兴华新丰阳泉山河海江湖东西南北中长永清明德盛昌福临川林石桥云水金玉龙凤春秋泰顺康乐"
PLACE_KIND = ("县", "市", "区", "镇", "乡", "街道")
UNITS = ("委", "委组织部", "直机关工委", "教育局党委", "卫生局党组", "供销社党委", "农业局党组", "工商局党组", "人民医院党委", "第一中学党支部", "交通局党委", "税务局党组")
MEETINGS = ("动员大会", "工作会议", "推进会", "经验交流会", "总结大会", "督导工作会议", "专题会议", "座谈会")
TOPICS = ("学习调研", "分析检查", "整改落实", "作风建设", "制度建设", "巩固和扩大整改成果", "党员队伍建设", "基层组织建设", "督导检查", "长效机制建设")  # generic: the corpus must not need a campaign
KINDS = ("关于做好{topic}工作的意见", "关于{topic}的情况通报", "关于认真抓好{topic}工作的通知", "{topic}工作简报")
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]")
_OUTLINE = re.compile(rf"^(?:[{CN}]+、|（[{CN}]+）|\d+[、.．])")
_NUMBERED = re.compile(rf"^(?:[{CN}]+、|（[{CN}]+）|\d+[、.．]|[{CN}]是)")


@dataclass
class Pool:
    paragraphs: list[str]
    sentences: list[str]
    headings: list[str]  # heading texts without their numbering


def load_pool(sources: Path) -> Pool:
    """Paragraphs, sentences and outline headings of the real sources (raw text lines)."""
    paragraphs, headings = [], []
    for path in sorted(sources.glob("*.txt")):
        for line in path.read_text("utf-8", "replace").splitlines():
            text = re.sub(r"〖[^〗]*〗", "", line).strip().strip("\u3000")
            if not text:
                continue
            if _OUTLINE.match(text) and len(text) <= 40:
                headings.append(_OUTLINE.sub("", text).rstrip("。"))
            elif len(text) >= 40 and "。" in text and "…" not in text[-3:]:
                paragraphs.append(_OUTLINE.sub("", text))
    sentences = [_NUMBERED.sub("", s) for p in paragraphs for s in _SENTENCE.findall(p) if 10 <= len(s) <= 160]
    # Short heading-like clauses: the first clause of a sentence.
    for s in sentences:
        clause = re.split(r"[，。；：]", s)[0]
        if 6 <= len(clause) <= 18:
            headings.append(clause)
    if not paragraphs:
        raise ValueError(f"no paragraphs to sample in {sources}")
    return Pool(paragraphs, sentences, sorted(set(headings)))


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(PLACE_CHARS) for _ in range(2)) + rng.choice(PLACE_KIND)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(PLACE_CHARS) for _ in range(rng.choice((1, 2))))


def _paragraph(rng: random.Random, pool: Pool, unit: str) -> str:
    if rng.random() < 0.5:
        text = rng.choice(pool.paragraphs)
    else:
        text = "".join(rng.choice(pool.sentences) for _ in range(rng.randint(2, 6)))
    if rng.random() < 0.25:
        text = f"{unit}{rng.choice(('认真', '结合实际', '按照要求', '及时'))}{rng.choice(('部署', '组织', '检查', '总结'))}，" + text
    return text


def document(i: int, rng: random.Random, pool: Pool) -> tuple[str, str]:
    """(file name, text) of synthetic document number i."""
    place = _place(rng)
    unit = place + rng.choice(UNITS)
    speech = rng.random() < 0.6
    topic = rng.choice(TOPICS)
    if speech:
        title = f"{_person(rng)}同志在{unit}{topic}{rng.choice(MEETINGS)}上的讲话"
    else:
        title = unit + rng.choice(KINDS).format(topic=topic)
    year = rng.choice((2005, 2006))
    date = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    lines = [title, "", date, ""]
    if speech:
        lines += ["同志们：", ""]
    lines += [_paragraph(rng, pool, unit), ""]
    for s in range(rng.randint(2, 5)):
        lines += [f"{CN[s]}、{rng.choice(pool.headings)}", ""]
        subs = rng.randint(0, 3)
        if subs == 0:
            for _ in range(rng.randint(1, 4)):
                lines += [_paragraph(rng, pool, unit), ""]
        for t in range(subs):
            lines += [f"（{CN[t]}）{rng.choice(pool.headings)}", ""]
            for _ in range(rng.randint(1, 3)):
                lines += [_paragraph(rng, pool, unit), ""]
    name = f"bench_{i:05d}.txt"
    return name, "\n".join(lines)


def write_corpus(sources: Path, total: int, seed: int = 2005, pool_from: Path | None = None) -> int:
    """Add synthetic documents to `sources` until it holds `total` documents (the real
    ones count). Returns how many were written."""
    existing = [p for p in sources.iterdir() if p.is_file() and not p.name.startswith(".")]
    pool = load_pool(pool_from or sources)
    rng = random.Random(seed)
    written = 0
    for i in range(max(0, total - len(existing))):
        name, text = document(i, rng, pool)
        (sources / name).write_text(text, encoding="utf-8")
        written += 1
    return written
