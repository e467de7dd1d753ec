"""Domain knowledge with one owner each: Chinese numerals, dates, organ kinds, JSON numbers,
displayed paths, and the vocabulary read from ``grammar/*.yaml`` (sections, topics, tables,
columns). Parsers, rules, pack kinds and renderers import from here instead of keeping copies."""
