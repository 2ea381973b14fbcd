"""Campaign guidance site generator.

Data flows one way: ingest -> model -> link -> render -> build.
Each stage is a subpackage with a plain-function boundary.
"""
