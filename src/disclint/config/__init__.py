"""Configuration: discovery, precedence, and the effective rule settings for each file.

Sources, lowest precedence first: built-in defaults < the configuration file < command-line
flags. The file is the one given with ``--config``, else the first of ``disclint.yaml``,
``.disclint.yaml`` or a ``pyproject.toml`` with a ``[tool.disclint]`` table found in the working
directory or one of its parents. :func:`resolve` is the one call the CLI makes; the
:class:`EffectiveConfig` it returns says where every value came from (``disclint config``).

One module per concern: :mod:`.model` (defaults, schema, values), :mod:`.files` (finding and
reading a file), :mod:`.selection` (select/ignore/severities by prefix), :mod:`.resolution`
(the effective configuration and per-file settings).
"""

from .files import discover
from .model import (
    CONFIG_FILES,
    CONFIG_SCHEMA,
    DEFAULTS,
    LANGS,
    SEVERITIES,
    ConfigError,
    EffectiveConfig,
    Override,
    Value,
)
from .resolution import Resolution, load_config, resolve, resolve_settings
from .selection import select_codes, set_severities

__all__ = [
    "CONFIG_FILES",
    "CONFIG_SCHEMA",
    "DEFAULTS",
    "LANGS",
    "SEVERITIES",
    "ConfigError",
    "EffectiveConfig",
    "Override",
    "Resolution",
    "Value",
    "discover",
    "load_config",
    "resolve",
    "resolve_settings",
    "select_codes",
    "set_severities",
]
