"""``disclint serve``: a local web page where a report writer drops a report and sees every finding.

Optional: it needs the ``serve`` extra (``pip install 'disclint[serve]'``: Starlette, uvicorn,
Jinja2, python-multipart). :data:`INSTALL_HINT` is what the CLI prints when it is missing.
"""

from __future__ import annotations

REQUIRED_MODULES = ("starlette", "uvicorn", "jinja2", "multipart")
INSTALL_HINT = (
    "disclint serve needs the optional web dependencies; install them with:\n"
    "    python -m pip install 'disclint[serve]'\n"
    "（disclint serve 需要可选的网页依赖，请先运行上面的命令安装。）"
)


def missing_modules() -> list[str]:
    """The modules of the ``serve`` extra that cannot be imported."""
    from importlib.util import find_spec

    return [m for m in REQUIRED_MODULES if find_spec(m) is None]
