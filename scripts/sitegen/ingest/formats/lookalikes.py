"""Look-alike code points of Chinese PDFs' text layers mapped to the ordinary characters.

Fonts (Noto CJK among them, as Chromium prints it) map some glyphs to Kangxi radicals
(U+2F00-2FDF) or CJK radicals supplement (U+2E80-2EFF) instead of the unified ideographs:
⾼ for 高, ⼯ for 工, ⻓ for 长, ⺠ for 民, ⻚ for 页. A quote typed with the ordinary character
would not match, nor would a search. NFKC maps the Kangxi radicals and CJK compatibility
ideographs; it is applied to those characters only, since on the whole text it would also
turn Chinese full-width punctuation (，：（）) into ASCII. The supplement block has no NFKC
mapping but two, so the table below gives the ideograph each radical stands for (after
Unicode's EquivalentUnifiedIdeograph.txt).
"""
from __future__ import annotations

import re
import unicodedata

_SUPPLEMENT = dict(zip(
    "⺄⺅⺆⺇⺈⺉⺊⺋⺌⺍⺎⺏⺐⺒⺓⺔⺕⺖⺗⺘⺙⺛⺜⺝⺞⺟⺠⺡⺢⺣⺤⺥⺦⺧⺨⺩⺪⺫⺬⺭⺮⺯⺰⺱⺲⺳⺴⺵⺷⺹⺺⺻⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻈⻉⻋⻌⻍⻎⻏⻐⻑⻒⻓⻔⻖⻗⻘⻙⻚⻛⻜⻝⻟⻠⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳",
    "乙亻冂几刀刂卜㔾小小兀尣尢巳幺彑彐忄㣺扌攵旡日月歺母民氵氺灬爫爫丬牛犭王疋目示礻竹糸纟罒罒网罓罓羊耂肀聿月臼艹艹艹虎衤覀西见角讠贝车辶辶辶阝钅長镸长门阝雨青韦页风飞食饣饣首马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟",
))
_LOOKALIKE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]")


def _plain(m: re.Match) -> str:
    ch = m.group(0)
    return _SUPPLEMENT.get(ch) or unicodedata.normalize("NFKC", ch)


def ordinary(text: str) -> str:
    """`text` with radical and compatibility look-alikes replaced by the unified ideographs."""
    return _LOOKALIKE.sub(_plain, text) if _LOOKALIKE.search(text) else text
