"""Lark LALR parsers for the shipped grammars, with their tables cached safely.

Building the LALR tables of ``grammar/report.lark`` takes ~110 ms, so they are cached between
processes. Lark's own ``cache=True`` keeps a pickle in the shared temporary directory under a
name any local user can compute, and a planted pickle would run its code as the next user of
disclint; here the cache file lives only in the private per-user directory of
:mod:`disclint.user_cache`, and without one the tables are rebuilt every time.
"""

from __future__ import annotations

import hashlib
from typing import Any

from lark import Lark

from .resources import grammar_text
from .user_cache import is_private_file, secure_cache_dir


def lalr_parser(grammar_name: str, **options: Any) -> Lark:
    """A LALR ``Lark`` for ``grammar/<grammar_name>``, loading its tables from the private cache."""
    text = grammar_text(grammar_name)
    directory = secure_cache_dir("lark")
    if directory is None:
        return Lark(text, parser="lalr", **options)
    # Lark checks its own hash of grammar + options + versions inside the file; the name only
    # keeps grammars apart.
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    path = directory / f"{grammar_name.replace('/', '_')}-{digest}.lark-cache"
    if path.exists() and not is_private_file(path):
        return Lark(text, parser="lalr", **options)
    return Lark(text, parser="lalr", cache=str(path), **options)
