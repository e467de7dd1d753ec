"""The web app (Starlette): the upload page, the result page, ``POST /api/check`` and rule texts.

Routes::

    GET  /                 upload form (``?lang=en`` for English)
    POST /check            multipart: files, pack, lang → the result page
    POST /api/check        multipart: files, pack, lang → the JSON of ``disclint check --format json``
                           (``?format=sarif``: the SARIF log; ``?format=xlsx``: the summary workbook)
    GET  /explain/{code}   the rule's long text (``disclint explain``), as text/plain
    GET  /static/…         the page's CSS and JavaScript (no CDN)

Each request is checked on its own: uploads are read into memory, nothing is kept after the
response, and no request can see another's files or findings.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..domain import vocabulary
from ..packs.errors import PackError
from ..render.catalogue import explain
from .checking import LANGS, UPLOAD_SUFFIXES, Packs, Result, Upload, check
from .views import file_views

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_FILES = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
API_FORMATS = ("json", "sarif", "xlsx")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(Exception):
    """The request body went over the size limit."""


class NoFile(Exception):
    """The form holds no file."""


class LimitBody:
    """ASGI middleware: stop reading a request body once it passes ``limit`` bytes.

    A declared Content-Length over the limit is refused before anything is read; a body without
    one is counted as it arrives and :class:`BodyTooLarge` raised from ``receive``."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge
            return message

        await self.app(scope, counted, send)


def _t(zh: str, en: str) -> Markup:
    """Both languages of a UI string; the page shows the one selected (CSS on ``data-lang``)."""
    return Markup('<span data-l="zh">{}</span><span data-l="en">{}</span>').format(escape(zh), escape(en))


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("disclint.serve", "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["t"] = _t
    env.globals["suffixes"] = " ".join(UPLOAD_SUFFIXES)
    kinds = ("proactive", "applications", "review_litigation")
    env.globals["table_names"] = {
        lang: {kind: vocabulary.table(kind).get(lang) for kind in kinds} for lang in ("zh", "en")
    }
    return env


def _lang(value: object) -> str:
    return value if isinstance(value, str) and value in LANGS else "zh"


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


def _downloads(result: Result) -> dict[str, dict[str, str]]:
    """What the result page embeds for download, by language: JSON, SARIF, the xlsx as base64."""
    return {
        lg: {
            "json": result.json(lg),
            "sarif": result.sarif(lg),
            "xlsx": base64.b64encode(result.xlsx(lg)).decode("ascii"),
        }
        for lg in LANGS
    }


def create_app(
    config_file: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, packs: Packs | None = None
) -> Starlette:
    """The app; ``config_file`` as ``--config`` (else discovered from the working directory).

    Raises PackError when the configuration or its pack is broken (the CLI reports it, exit 2)."""
    env = _environment()
    packs = packs or Packs(config_file)

    def page(name: str, status: int = 200, **values: Any) -> HTMLResponse:
        values.setdefault("packs", packs.names())
        values.setdefault("max_size", _megabytes(max_bytes))
        return HTMLResponse(env.get_template(name).render(**values), status_code=status)

    async def read_form(request: Request) -> tuple[list[Upload], str, str]:
        """(uploads, pack, lang); raises BodyTooLarge, NoFile, or HTTPException(400) for a bad form."""
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise BodyTooLarge
        async with request.form(max_files=MAX_FILES, max_fields=20) as form:
            uploads = []
            for _key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    data = await value.read()
                    if data or value.filename:
                        uploads.append(Upload(value.filename or "", data))
            pack, lang = form.get("pack"), form.get("lang")
        if not uploads:
            raise NoFile
        return uploads, pack if isinstance(pack, str) else "", _lang(lang)

    async def run(uploads: list[Upload], pack: str) -> Result:
        resolution = packs.choose(pack)
        return await run_in_threadpool(check, uploads, resolution)

    async def index(request: Request) -> Response:
        return page("index.html", lang=_lang(request.query_params.get("lang")))

    async def check_page(request: Request) -> Response:
        lang = _lang(request.query_params.get("lang"))
        try:
            uploads, pack, lang = await read_form(request)
            result = await run(uploads, pack)
        except BodyTooLarge:
            return page("index.html", 413, lang=lang, error="too_large")
        except NoFile:
            return page("index.html", 400, lang=lang, error="no_file")
        except HTTPException as exc:  # a malformed form, too many files or fields
            return page("index.html", 400, lang=lang, error="form", detail=exc.detail)
        except PackError as exc:
            return page("index.html", 400, lang=lang, error="pack", detail=exc.message)
        downloads = await run_in_threadpool(_downloads, result)
        views = await run_in_threadpool(file_views, result)  # page images are rendered here
        return page(
            "result.html",
            lang=lang,
            files=views,
            pack=result.resolution.pack_name,
            downloads=downloads,
        )

    async def api_check(request: Request) -> Response:
        fmt = request.query_params.get("format", "json")
        if fmt not in API_FORMATS:
            message = f"unknown format {fmt!r} (available: {', '.join(API_FORMATS)})"
            return JSONResponse({"error": message}, status_code=400)
        try:
            uploads, pack, lang = await read_form(request)
            result = await run(uploads, pack)
        except BodyTooLarge:
            message = f"request body larger than the limit of {_megabytes(max_bytes)}"
            return JSONResponse({"error": message}, status_code=413)
        except NoFile:
            return JSONResponse({"error": "no file uploaded"}, status_code=400)
        except HTTPException as exc:  # a malformed form, too many files or fields
            return JSONResponse({"error": exc.detail}, status_code=400)
        except PackError as exc:
            return JSONResponse({"error": exc.message}, status_code=400)
        if fmt == "xlsx":
            headers = {"content-disposition": 'attachment; filename="disclint-summary.xlsx"'}
            return Response(await run_in_threadpool(result.xlsx, lang), media_type=XLSX_TYPE, headers=headers)
        if fmt == "sarif":
            sarif = await run_in_threadpool(result.sarif, lang)
            return Response(sarif, media_type="application/sarif+json; charset=utf-8")
        return Response(result.json(lang), media_type="application/json; charset=utf-8")

    async def explain_rule(request: Request) -> Response:
        lang = _lang(request.query_params.get("lang"))
        try:
            registry = packs.choose(request.query_params.get("pack", "")).registry
        except PackError as exc:
            return PlainTextResponse(exc.message, status_code=400)
        rule = registry.get(request.path_params["code"])
        if rule is None:
            return PlainTextResponse("unknown rule", status_code=404)
        return PlainTextResponse(explain(rule, lang))

    async def server_error(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("disclint: internal error; the upload was not kept.", status_code=500)

    routes = [
        Route("/", index),
        Route("/check", check_page, methods=["POST"]),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/explain/{code}", explain_rule),
        Mount("/static", StaticFiles(packages=[("disclint.serve", "static")]), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={500: server_error})
    app.add_middleware(LimitBody, limit=max_bytes)
    return app
