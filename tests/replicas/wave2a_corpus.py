"""Capture the SmartRecruiters, Workable and Jobvite replicas' application pages for the
labelled corpus (``uv run jobpilot eval tests/replicas``), the way the real captures were
made: the rendered DOM after the app ran, scripts removed. SmartRecruiters' open shadow
roots are kept as declarative shadow DOM (``<template shadowrootmode="open">``), so the
captured page has real shadow roots again when it is loaded, which the real captures (which
flattened them) do not.

The labels beside each capture (``<name>.labels.json``) are written by hand; re-capture after
changing a replica with ``uv run python tests/replicas/wave2a_corpus.py``, and
``tests/ats/test_wave2a_corpus.py`` fails when a capture is stale.
"""

from __future__ import annotations

import asyncio
import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)


def _module(name: str, path: Path) -> Any:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def pages() -> list[tuple[str, Any, str, str]]:
    """(capture path, replica server, origin to forward, URL) for each captured page."""
    sr = _module("jobpilot_tests_smartrecruiters_replica", HERE / "smartrecruiters" / "server.py")
    wk = _module("jobpilot_tests_workable_replica", HERE / "workable" / "server.py")
    jv = _module("jobpilot_tests_jobvite_replica", HERE / "jobvite" / "server.py")
    return [
        (
            "smartrecruiters/oneclick-nordlicht-personal-information.html",
            sr.SmartRecruitersReplica(),
            "https://jobs.smartrecruiters.com",
            f"https://jobs.smartrecruiters.com/oneclick-ui/company/NordlichtEnergy/publication/{sr.PUBLICATION}",
        ),
        (
            "workable/apply-brightfern-data-platform-engineer.html",
            wk.WorkableReplica(),
            "https://apply.workable.com",
            f"https://apply.workable.com/{wk.ACCOUNT}/j/{wk.SHORTCODE}/apply",
        ),
        (
            "jobvite/apply-tallgrass-senior-platform-engineer.html",
            jv.JobviteReplica(),
            "https://jobs.jobvite.com",
            f"https://jobs.jobvite.com/{jv.COMPANY}/job/{jv.JOB_ID}/apply",
        ),
    ]


_SERIALIZE = (
    """() => '<!doctype html>\\n' + document.documentElement.getHTML({serializableShadowRoots: true})"""
)
_STABLE_IDS = re.compile(
    r"(spl-form-element_\d+|jv-field-[0-9a-z]+x[0-9a-z]{4}|input_files_input_[0-9a-z]{16}|[0-9a-z]{16}_label)"
)


async def capture(browser: Any, url: str, origin: str, server: Any) -> str:
    """The rendered page at ``url`` (served by ``server`` as if it were ``origin``)."""
    from jobpilot.runner import OfflineRouter

    router = OfflineRouter()
    router.forward(origin, server.origin)
    page = await browser.new_page(router=router)
    try:
        await page.goto(url)
        await page.wait_for(stable_ms=300)
        html: str = await page.raw.evaluate(_SERIALIZE)
    finally:
        await page.close()
    return normalise(html)


def normalise(html: str) -> str:
    """Scripts removed (a capture is a document, not an app) and generated ids renumbered in
    order of appearance, so two captures of the same replica are the same text."""
    html = _SCRIPT.sub("", html)
    seen: dict[str, str] = {}

    def stable(m: re.Match[str]) -> str:
        token = m.group(0)
        if token not in seen:
            seen[token] = f"{_prefix(token)}{len(seen) + 1}"
        return seen[token]

    return _STABLE_IDS.sub(stable, html)


def _prefix(token: str) -> str:
    if token.startswith("spl-form-element_"):
        return "spl-form-element_"
    if token.startswith("jv-field-"):
        return "jv-field-c"
    if token.startswith("input_files_input_"):
        return "input_files_input_c"
    return "c" + ("_label" if token.endswith("_label") else "")


async def main() -> None:
    from jobpilot.runner import launch_browser

    async with await launch_browser() as browser:
        for rel, server, origin, url in pages():
            server.start()
            try:
                html = await capture(browser, url, origin, server)
            finally:
                server.stop()
            (HERE / rel).write_text(html, "utf-8")
            print(f"captured {rel} ({len(html)} characters)")


if __name__ == "__main__":
    asyncio.run(main())
