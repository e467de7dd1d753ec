"""Rule packs: YAML files in ``rules/`` (or contributed by plugins) that configure the catalogue
and define declarative rules. See docs/packs.md."""

from .errors import PackError
from .loader import DEFAULT_PACK, ResolvedPack, load_pack, with_rules
from .resolve import available_packs

__all__ = ["DEFAULT_PACK", "PackError", "ResolvedPack", "available_packs", "load_pack", "with_rules"]
