"""A synthetic Chinese corpus for scale tests: real sentences from data/sources mixed with
dictionary words (jieba's dict, by frequency) and invented names, so that vocabulary and
posting lists grow the way they would with thousands of real documents."""
from __future__ import annotations

import html
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"
PLACES = "省市县区镇乡村"


def _sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "data" / "sources").glob("*.txt")):
        text = path.read_text("utf-8", "replace")
        for s in re.split(r"(?<=[。！？；])", text):
            s = re.sub(r"\s+", "", s)
            if 8 <= len(s) <= 200:
                out.append(s)
    return out


def _dict_words(limit: int = 60000) -> tuple[list[str], list[int]]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    rows = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", parts[0]):
            rows.append((int(parts[1]), parts[0]))
    rows.sort(reverse=True)
    rows = rows[:limit]
    cum, acc = [], 0
    for f, _ in rows:
        acc += max(1, int(f ** 0.5))
        cum.append(acc)
    return [w for _, w in rows], cum


def corpus(n: int, seed: int = 7, chars_per_doc: int = 5000):
    """n documents: list of (url, title, kind, html). Deterministic for a seed."""
    rng = random.Random(seed)
    sentences = _sentences()
    words, weights = _dict_words()
    docs = []
    for i in range(n):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        place = "".join(rng.choice(GIVEN) for _ in range(2)) + rng.choice(PLACES)
        title = f"{place}{rng.choice(words[:3000])}{rng.choice(words[:3000])}工作会议纪要{i}"
        body, size, sec = [], 0, 0
        body.append(f'<h1 id="t">{html.escape(title)}</h1>')
        while size < chars_per_doc:
            if size and rng.random() < 0.08:
                sec += 1
                body.append(f'<h2 id="s{sec}">第{sec}部分 {rng.choice(words[:5000])}</h2>')
            para = []
            for _ in range(rng.randint(2, 6)):
                if rng.random() < 0.5:
                    para.append(rng.choice(sentences))
                else:
                    k = rng.randint(6, 20)
                    para.append("".join(rng.choices(words, cum_weights=weights, k=k)) + "。")
            if rng.random() < 0.3:
                para.append(f"{name}同志在{place}调研时指出，要抓好各项工作。")
            p = "".join(para)
            size += len(p)
            body.append(f'<p id="p-{i:x}{len(body):x}">{html.escape(p)}</p>')
        docs.append((f"documents/doc-{i:05d}.html", title, "document", "\n".join(body)))
    return docs
