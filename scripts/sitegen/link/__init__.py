"""The link stage: glossary terms found in text (Aho-Corasick over every surface form), their
pinyin, and where each term is used. It must not write HTML: render decides what a link looks like."""
