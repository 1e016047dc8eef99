"""Detection of every ATS the host table knows, with the URL and from the page alone.

Every labelled page of both real corpora (``../shared/ats-pages`` and
``../shared/ats-pages-more``, read in place, never copied) is loaded twice, with every
plugin installed in the workspace:

* at the URL its labels record: the figure "with the URL" (goal 100 %);
* at a neutral company URL (``https://careers.<invented>.example/jobs/apply``), the same
  bytes: what a company domain proxying or inlining the ATS leaves to go on, the figure
  "from the page alone" (goal >= 95 %). Relative script and frame addresses then resolve on
  the company domain, as they would there.

Pages of ATSes outside the host table (indeed, linkedin, pinpoint) are reported apart; the
company pages in ``other/`` must come out as no ATS (their forms are not ATS forms), and the
vendor and look-alike pages of ``tests/replicas/variants`` must not be detected at their own
addresses either.

    uv run python benchmarks/bench_detection.py [--only SUBSTRING]
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
from collections import defaultdict
from typing import Any

from _common import ROOT, write

SHARED = ROOT.parent / "shared"
CORPORA = ("ats-pages", "ats-pages-more")
VARIANTS = ROOT / "tests" / "replicas" / "variants"


def neutral_url(name: str) -> str:
    h = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"https://careers.northwind-{h}.example/jobs/apply"


def labelled_pages(only: str | None) -> list[dict[str, Any]]:
    out = []
    for corpus in CORPORA:
        for labels in sorted((SHARED / corpus).rglob("*.labels.json")):
            html = labels.with_name(labels.name[: -len(".labels.json")] + ".html")
            name = html.relative_to(SHARED).as_posix()
            if not html.exists() or (only and only not in name):
                continue
            data = json.loads(labels.read_text("utf-8"))
            out.append({"name": name, "html": html, "url": data.get("url"), "ats": data.get("ats") or "none"})
    for labels in sorted(VARIANTS.glob("*.labels.json")):
        html = labels.with_name(labels.name[: -len(".labels.json")] + ".html")
        data = json.loads(labels.read_text("utf-8"))
        if data.get("ats") in (None, "none") and (not only or only in html.name):
            out.append({"name": f"variants/{html.name}", "html": html, "url": data.get("url"), "ats": "none"})
    return out


async def detect_all(pages: list[dict[str, Any]]) -> None:
    from jobpilot.builtin.ats_hosts import HOSTS
    from jobpilot.dom.saved import prepare_saved_page
    from jobpilot.plugins import load
    from jobpilot.runner import OfflineRouter, PlaywrightPage, launch_browser

    known = {slug for _, slug in HOSTS}
    pm = load()
    router = OfflineRouter()
    jobs: list[tuple[dict[str, Any], str, str]] = []
    for p in pages:
        body = prepare_saved_page(p["html"].read_bytes())
        p["known"] = p["ats"] in known
        for kind, url in (("with_url", p["url"]), ("page_alone", neutral_url(p["name"]))):
            if url is None or (kind == "page_alone" and p["name"].startswith("variants/")):
                continue  # a vendor's own page is judged at its own address
            router.serve(url, body=body, content_type="text/html; charset=utf-8")
            jobs.append((p, kind, url))
    async with await launch_browser() as browser:
        ctx = await browser.new_context(router=router)
        tab: PlaywrightPage | None = None
        for i, (p, kind, url) in enumerate(jobs):
            if tab is None or i % 50 == 0:
                if tab is not None:
                    await tab.raw.close()
                tab = PlaywrightPage(await ctx.new_page())
            try:
                await tab.raw.goto(url, wait_until="load", timeout=30_000)
                snap = await tab.snapshot()
                det = pm.detect(url, snap)
                p[kind] = det.ats if det else "none"
                p[kind + "_why"] = f"{det.plugin}: {det.reason}" if det else None
            except Exception as exc:
                p[kind] = f"error: {type(exc).__name__}"
                tab = None


def tally(pages: list[dict[str, Any]]) -> dict[str, Any]:
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[dict[str, Any]] = []
    for p in pages:
        expected = "none" if p["ats"] == "other" else p["ats"]
        group = p["ats"] if p["known"] else ("negative" if expected == "none" else f"unknown:{p['ats']}")
        t = per[group]
        t["pages"] += 1
        for kind in ("with_url", "page_alone"):
            if kind not in p:
                continue
            want = expected if (p["known"] or expected == "none") else "none"
            ok = p[kind] == want
            t[f"{kind}_ok"] += ok
            t[f"{kind}_n"] += 1
            if not ok:
                misses.append({"page": p["name"], "with": kind, "expected": want, "got": p[kind],
                               "why": p.get(kind + "_why")})

    def rate(kind: str, groups: list[str]) -> dict[str, Any]:
        kind = {"url": "with_url", "page": "page_alone"}[kind]
        ok = sum(per[g][f"{kind}_ok"] for g in groups)
        n = sum(per[g][f"{kind}_n"] for g in groups)
        return {"correct": ok, "pages": n, "accuracy": round(ok / n, 4) if n else None}

    known = sorted(g for g in per if g != "negative" and not g.startswith("unknown:"))
    return {
        "with_url": rate("url", known),
        "page_alone": rate("page", known),
        "negatives_with_url": rate("url", ["negative"]),
        "negatives_page_alone": rate("page", ["negative"]),
        "per_ats": {
            g: {
                "pages": per[g]["pages"],
                "with_url": f"{per[g]['with_url_ok']}/{per[g]['with_url_n']}",
                "page_alone": f"{per[g]['page_alone_ok']}/{per[g]['page_alone_n']}",
            }
            for g in sorted(per)
        },
        "misses": misses,
    }


def main() -> None:
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    missing = [c for c in CORPORA if not (SHARED / c).is_dir()]
    if missing:
        raise SystemExit(f"corpus missing under {SHARED}: {missing}")
    pages = labelled_pages(only)
    asyncio.run(detect_all(pages))
    out = {
        "goal": "100% with the URL, >= 95% from the page alone, over every ATS of the host table; "
        "company pages and vendor/look-alike pages: no ATS",
        **tally(pages),
    }
    if only:
        print(json.dumps(out, indent=2))
    else:
        write("detection", out)


if __name__ == "__main__":
    main()
