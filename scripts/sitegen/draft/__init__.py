"""Drafting: a source document -> proposed model items, with citations, for an editor to accept.

Public API:
    draft_source(root, source, data_dir=None, out=None, force=False) -> DraftResult   (run.py)
    propose(document, rules) -> list[Proposal]                                      (propose.py)

Proposals are written to a separate file (data/drafts/<doc>.yml) and never merged into
data/*.yml: the editor moves what to keep. Candidates the model already holds are skipped.
"""
