"""A local server for the bundled sample pages that records what each form submitted.

Used by ``jobpilot demo`` (and by tests that need a page to submit to): the summary shows
what the *server* received, not what the page displayed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

PAGES = Path(__file__).parent / "pages"


@dataclass
class Submission:
    form: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, tuple[str, int]] = field(default_factory=dict)
    """field name -> (file name, size in bytes)"""


class DemoServer:
    """Serves ``pages/`` on 127.0.0.1 and records every POST to ``/submit/<form>``."""

    def __init__(self, pages: Path = PAGES) -> None:
        self.pages = pages
        self.submissions: list[Submission] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, page: str) -> str:
        return f"{self.base_url}/{page}"

    async def _submit(self, request: web.Request) -> web.StreamResponse:
        sub = Submission(form=request.match_info["form"])
        reader = await request.multipart() if request.content_type.startswith("multipart/") else None
        if reader is not None:
            async for part in reader:
                if part is None or not hasattr(part, "name") or part.name is None:
                    continue
                if part.filename:  # type: ignore[union-attr]
                    data = await part.read()  # type: ignore[union-attr]
                    if data:
                        sub.files[part.name] = (part.filename, len(data))  # type: ignore[union-attr]
                else:
                    sub.fields.setdefault(part.name, []).append(await part.text())  # type: ignore[union-attr]
        else:
            form: Any = await request.post()
            for k in form:
                sub.fields.setdefault(k, []).extend(str(v) for v in form.getall(k))
        self.submissions.append(sub)
        raise web.HTTPSeeOther("/thanks.html")

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/submit/{form}", self._submit)
        app.router.add_static("/", self.pages)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> DemoServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
