"""Example disclint plugin: the rule EXT001 and the pack ``vendor-example``.

EXT001 (``forbidden-word``) reports each occurrence of a word from its ``words`` parameter in the
report's paragraphs. Its default list is empty, so it never fires until a pack gives it words:
the ``vendor-example`` pack shipped here does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from disclint import hookimpl
from disclint.nodes import Report
from disclint.rule import Param, Rule, RuleContext, Violation, rule

PACKS = Path(__file__).resolve().parent / "packs"


@rule(
    "EXT001",
    "forbidden-word",
    "warning",
    summary="A word the organisation does not want in its reports",
    summary_zh="出现本单位不希望在年报中使用的词语",
    message_zh="出现不应使用的词语“{word}”",
    message_en="the report uses the word {word!r}",
    explanation="Vendors and offices keep lists of words to avoid (outdated names, internal jargon).",
    bad="本镇的外网主页已更新。",
    good="本镇的政府网站已更新。",
    params=[Param("words", [], "words that must not appear")],
)
def forbidden_word(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    words = [str(w) for w in ctx.param("words")]
    paragraphs = [*report.preamble, *(p for s in report.sections for p in s.paragraphs)]
    for para in paragraphs:
        for word in words:
            start = para.text.find(word)
            while start >= 0:
                yield Violation(
                    para.body.span_of(start, start + len(word)),
                    args={"word": word},
                    context={"word": word},
                    logical_path=f"text/{word}",
                )
                start = para.text.find(word, start + len(word))


@hookimpl
def disclint_rules() -> list[Rule]:
    return [forbidden_word]


@hookimpl
def disclint_packs() -> list[Path]:
    return [PACKS / "vendor-example.yaml"]
