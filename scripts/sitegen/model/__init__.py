"""The model stage: data/*.yml read (bounded, every value with its line), checked against
the schema and against the ingested sources, as a Campaign with every problem's file:line.
It must not render anything nor know page paths: that is render's."""
