"""Finding a pack by name or path: shipped packs (rules/), plugin packs, or a file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..messages import Text
from ..resources import packs_dir
from .errors import PackError

SUFFIXES = (".yaml", ".yml")


def looks_like_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith(SUFFIXES)


def shipped_packs() -> dict[str, Path]:
    """Packs in the shipped rules/ directory, by file stem."""
    found: dict[str, Path] = {}
    for entry in packs_dir().iterdir():
        if entry.name.endswith(SUFFIXES) and entry.is_file():
            found[entry.name.rsplit(".", 1)[0]] = Path(str(entry))
    return dict(sorted(found.items()))


def plugin_packs(pack_files: Sequence[Path]) -> dict[str, Path]:
    """Packs contributed by plugins (the ``disclint_packs`` hook), by file stem."""
    return {p.name.rsplit(".", 1)[0]: p for p in pack_files if p.name.endswith(SUFFIXES)}


def available_packs(pack_files: Sequence[Path]) -> dict[str, Path]:
    """Every pack a name can refer to; a shipped pack wins over a plugin pack of the same name."""
    return {**plugin_packs(pack_files), **shipped_packs()}


def locate(ref: str, base_dir: Path, pack_files: Sequence[Path], where: tuple[str, int, int]) -> Path:
    """Resolve ``ref`` (a name or a path relative to ``base_dir``) to a pack file.

    ``where`` is the position (file, line, column) the reference was written at, for errors.
    """
    if looks_like_path(ref):
        path = Path(ref) if Path(ref).is_absolute() else base_dir / ref
        if not path.is_file():
            raise PackError(
                *where,
                Text(
                    f"找不到规则包文件 {ref!r}（查找了 {path}）",
                    f"pack file {ref!r} not found (looked for {path})",
                ),
            )
        return path.resolve()
    packs = available_packs(pack_files)
    if ref in packs:
        return packs[ref].resolve()
    names = ", ".join(packs) or "none"
    raise PackError(
        *where,
        Text(
            f"未知的规则包 {ref!r}（可用：{names}；或给出 .yaml 文件路径）",
            f"unknown pack {ref!r} (available: {names}; or give a path to a .yaml file)",
        ),
    )
