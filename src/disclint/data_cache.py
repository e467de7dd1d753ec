"""The shipped YAML data (table templates, section headings), parsed once and kept as JSON.

ruamel.yaml's pure-Python parser takes a good part of a run's start-up on the table templates
(~0.1 s), which matters to a re-run over a folder whose results are all cached. The parsed data
is written as JSON to the private per-user cache directory (:mod:`disclint.user_cache`), under a
name made of the SHA-256 of the YAML text and ruamel's version, and read back from there by later
runs: JSON, never pickle, and only from a file that is ours; a copy that cannot be read is ignored
and the YAML parsed again. Data that JSON would not give back exactly (dates, non-string keys)
is never copied.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from typing import Any

from .resources import grammar_text
from .user_cache import is_private_file, secure_cache_dir

SUBDIR = "data"


def yaml_data(name: str) -> Any:
    """The data of ``grammar/<name>``, as ``YAML(typ="safe", pure=True).load`` gives it."""
    from ruamel.yaml import __version__ as ruamel_version

    text = grammar_text(name)
    directory = secure_cache_dir(SUBDIR)
    path = None
    if directory is not None:
        digest = hashlib.sha256(f"{ruamel_version}\0{text}".encode()).hexdigest()
        path = directory / f"{name.replace('/', '_')}-{digest[:32]}.json"
        if is_private_file(path):
            try:
                with open(path, encoding="utf-8") as fh:
                    return json.load(fh)
            except (OSError, ValueError, RecursionError):
                pass  # parse the YAML again (and replace the copy)
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(text)
    if path is not None:
        _keep(path, data)
    return data


def _keep(path: os.PathLike[str], data: Any) -> None:
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) != data:
            return  # JSON would not give it back exactly
        fd, tmp = tempfile.mkstemp(prefix=".data.", suffix=".tmp", dir=os.path.dirname(path))
    except (TypeError, ValueError, OSError):
        return  # only costs time
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
