"""Benchmark: Waymark at 100, 1,000 and 10,000 entries against bare MkDocs (`make bench`)."""
