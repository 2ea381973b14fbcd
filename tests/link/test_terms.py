from sitegen.link.pinyin import initial_letter, pinyin_of, teach_phrases
from sitegen.link.terms import TermMatcher


def test_longest_match_wins_and_variants_match():
    matcher = TermMatcher({"a": ["三个代表", "三个代表重要思想"], "b": ["两不误、两促进", "两促进、两不误"], "c": ["两不误"]})
    text = "用三个代表重要思想武装，做到两促进、两不误，也要两不误"
    found = [(text[m.start:m.end], m.term_id) for m in matcher.find(text)]
    assert found == [("三个代表重要思想", "a"), ("两促进、两不误", "b"), ("两不误", "c")]


def test_single_characters_and_empty_input_never_match():
    matcher = TermMatcher({"x": ["党"]})
    assert matcher.find("党的建设") == []
    assert TermMatcher({}).find("任何文字") == []


def test_counts_every_occurrence():
    matcher = TermMatcher({"t": ["督导组"]})
    assert matcher.count("督导组和督导组")["t"] == 2


def test_pinyin_overrides_fix_polyphones():
    teach_phrases({"长效机制": "chang xiao ji zhi"})
    assert pinyin_of("长效机制") == "chang xiao ji zhi"
    assert pinyin_of("三个代表") == "san ge dai biao"
    assert pinyin_of("任何", "ren he") == "ren he"
    assert initial_letter("san ge", "三个") == "S"
    assert initial_letter("", "“") == "#"
