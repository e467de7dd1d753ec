"""The output format names: the one list the CLI, the configuration schema and the renderers share
(a module of its own so the CLI can offer them without importing the renderers)."""

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "gitlab", "rdjson")
JSON_FORMATS = frozenset({"json", "sarif", "gitlab", "rdjson"})  # escaped as \uXXXX on a narrow console
XML_FORMATS = frozenset({"junit"})  # escaped as character references
