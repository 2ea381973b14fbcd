"""`make bench`: our pipeline against bare MkDocs + Material on synthetic corpora.

python -m sitegen.bench --sizes 200,2000 [--out bench/out] [--no-bare] [--no-browser]
"""
