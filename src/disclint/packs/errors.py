"""The one error type of packs, configuration and baselines: ``file:line:col: what is wrong``."""

from __future__ import annotations

from ..messages import Text


class PackError(Exception):
    """A rule pack (or config, or baseline) that cannot be used. The CLI prints it and exits 2.

    ``line`` 0 means the problem has no position in a file (e.g. a command-line value): the
    message is then ``where: what is wrong``. ``message`` is a :class:`Text` where the words are
    kept in both languages (``str(error)`` is English; :meth:`text` gives either).
    """

    def __init__(self, path: str, line: int, column: int, message: str | Text):
        self.words = message if isinstance(message, Text) else Text(message, message)
        self.where = f"{path}:{line}:{column}" if line > 0 else path
        super().__init__(f"{self.where}: {self.words.en}")
        self.path = path
        self.line = line
        self.column = column
        self.message = self.words.en

    def text(self, lang: str) -> str:
        return f"{self.where}: {self.words.get(lang)}"
