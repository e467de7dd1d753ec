"""The one error type of packs, configuration and baselines: ``file:line:col: what is wrong``."""

from __future__ import annotations


class PackError(Exception):
    """A rule pack (or config, or baseline) that cannot be used. The CLI prints it and exits 2.

    ``line`` 0 means the problem has no position in a file (e.g. a command-line value): the
    message is then ``where: what is wrong``.
    """

    def __init__(self, path: str, line: int, column: int, message: str):
        where = f"{path}:{line}:{column}" if line > 0 else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message
