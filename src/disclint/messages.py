"""Messages in two languages: a rule's zh and en templates take the same arguments, and an
argument that is itself words (a table's name, a problem) is a :class:`Text` holding both
languages, rendered in the language of the run. No message is translated or assembled in code.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .message_format import _SafeFormatter, _too_wide

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"  # what a user reads unless they ask for English


class MessageError(ValueError):
    """A template and its arguments do not match (a missing argument, a malformed template)."""


@dataclass(frozen=True)
class Text:
    """Words for a message, in Chinese and English; may itself be a template (:meth:`format`)."""

    zh: str
    en: str

    def __str__(self) -> str:
        return self.zh

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, **args: Any) -> Text:
        """Both languages filled with ``args`` (which may hold Texts)."""
        return Text(render(self.zh, args, "zh"), render(self.en, args, "en"))


class TextError(Exception):
    """An error whose message is a :class:`Text`: ``str()`` is English, :meth:`text` either language."""

    def __init__(self, message: str | Text):
        self.words = message if isinstance(message, Text) else Text(message, message)
        super().__init__(self.words.en)

    def text(self, lang: str) -> str:
        return self.words.get(lang)


@dataclass(frozen=True)
class Joined:
    """A list of arguments for a message, joined per language (``、`` in Chinese, ``, `` in English)."""

    items: tuple[Any, ...]

    def get(self, lang: str) -> str:
        sep = ", " if lang == "en" else "、"
        return sep.join(_localize(i, lang) for i in self.items)


def joined(items: Iterable[Any]) -> Joined:
    return Joined(tuple(items))


def _localize(value: Any, lang: str) -> Any:
    if isinstance(value, (Text, Joined)):
        return value.get(lang)
    return value


class _Formatter(_SafeFormatter):
    """Fills a template in one language: Texts localized, plain names only, widths bounded."""

    def __init__(self, lang: str):
        self.lang = lang

    def parse(self, format_string: str) -> Iterable[tuple[str, str | None, str | None, str | None]]:
        return _parsed(format_string)

    def format_field(self, value: Any, format_spec: str) -> Any:
        return super().format_field(_localize(value, self.lang), format_spec)


@lru_cache(maxsize=1024)
def _parsed(template: str) -> tuple[tuple[str, str | None, str | None, str | None], ...]:
    """``string.Formatter().parse`` of a template, kept: a run renders the same few templates
    over and over (ValueError when malformed, never kept)."""
    return tuple(string.Formatter().parse(template))


def fields(template: str) -> set[str]:
    """The argument names a template uses (``{table}`` → ``table``); MessageError when malformed."""
    return set(_fields(template))


@lru_cache(maxsize=1024)
def _fields(template: str) -> frozenset[str]:
    try:
        parsed = _parsed(template)
    except ValueError as exc:
        raise MessageError(f"malformed template {template!r}: {exc}") from None
    names = set()
    for _, name, _, _ in parsed:
        if name is not None:
            if not name or name[0].isdigit():
                raise MessageError(f"positional field in template {template!r}")
            names.add(name.split(".")[0].split("[")[0])
    return frozenset(names)


def render(template: str, args: Mapping[str, Any], lang: str) -> str:
    """``template`` filled with ``args`` in ``lang``; MessageError when they do not match."""
    missing = _fields(template) - set(args)
    if missing:
        raise MessageError(f"template {template!r} lacks the arguments {sorted(missing)}")
    try:
        out: list[str] = []
        for literal, name, spec, conversion in _parsed(template):
            out.append(literal)
            if name is None:
                continue
            if conversion is not None or not name.isidentifier() or (spec and "{" in spec):
                return _Formatter(lang).vformat(template, (), dict(args))  # what the quick way leaves
            # what the formatter does for a plain name: the value localized, an over-wide spec ignored
            out.append(format(_localize(args[name], lang), "" if not spec or _too_wide(spec) else spec))
        return "".join(out)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise MessageError(f"template {template!r} cannot be filled: {exc}") from None
