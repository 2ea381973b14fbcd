"""The render stage: a page per item, term and document (Markdown, or HTML straight for
documents), index pages, the CSP's hashes and file names. It must not read data/ nor change
the model: everything comes in through the Campaign and Documents it is given."""
