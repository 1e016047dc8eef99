"""Is it a job application? (``jobpilot_host.pagekind``, the extension's "not an application,
fill anyway?" question.) Over every real captured page (read in place, never copied) and the
replica corpus, with the URL each was captured at and with a neutral URL (the page alone, as
on a company's own domain): how many applications would be held back (goal: 0). Plus the
invented negative pages of the extension's tests (a checkout, a sign-in page): all must be
recognised.

    uv run python benchmarks/bench_pagekind.py
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import time
from pathlib import Path

from _common import ROOT, SHARED_PAGES, write

CORPORA = (SHARED_PAGES, SHARED_PAGES.parent / "ats-pages-more", ROOT / "tests" / "replicas")
NEGATIVE = ("shop-checkout.html", "sign-in.html")


async def main() -> None:
    from jobpilot.eval.corpus import LabelledPage, find_corpus
    from jobpilot.eval.run import capture
    from jobpilot.plugins import load
    from jobpilot_host.pagekind import classify

    pm = load()
    cache = Path(os.environ.get("TMPDIR", "/tmp")) / "jobpilot-bench-pagekind"
    pages: list[LabelledPage] = []
    for corpus in CORPORA:
        if corpus.exists():
            pages += find_corpus(corpus)
    neutral = [dataclasses.replace(p, labels={k: v for k, v in p.labels.items() if k != "url"})
               for p in pages]
    held_back: list[dict[str, str]] = []
    t = time.perf_counter()
    counted = 0
    for label, batch in (("captured URL", pages), ("page alone", neutral)):
        for lp, cap in zip(batch, await capture(batch, cache=cache / label.replace(" ", "_")), strict=True):
            if cap.snapshot is None:
                continue
            counted += 1
            detection = pm.detect(cap.snapshot.url, cap.snapshot)
            keys = [m.key for m in pm.map_fields(cap.snapshot, detection).values()]
            kind = classify(cap.snapshot, detection.ats if detection else None, keys)
            if not kind.application:
                held_back.append({"page": lp.name, "as": label, "kind": kind.kind, "why": kind.why})
    negatives: dict[str, str] = {}
    assets = ROOT / "tests" / "extension" / "assets"
    neg_pages = [LabelledPage(html=assets / n, labels={}) for n in NEGATIVE]
    for lp, cap in zip(neg_pages, await capture(neg_pages), strict=True):
        assert cap.snapshot is not None, cap.error
        detection = pm.detect(cap.snapshot.url, cap.snapshot)
        keys = [m.key for m in pm.map_fields(cap.snapshot, detection).values()]
        negatives[lp.name] = classify(cap.snapshot, detection.ats if detection else None, keys).kind
    write(
        "pagekind",
        {
            "goal": "0 applications held back; every invented checkout/sign-in page recognised",
            "application_pages_classified": counted,
            "applications_held_back": len(held_back),
            "held_back": held_back,
            "negatives": negatives,
            "negatives_recognised": sum(1 for k in negatives.values() if k not in ("unknown", "application")),
            "seconds": round(time.perf_counter() - t, 1),
        },
    )


if __name__ == "__main__":
    asyncio.run(main())
