"""Detection and mapping accuracy with every plugin loaded, on the real captured pages
(evaluated in place, never copied) and on our own labelled replicas (tests/replicas)."""

from __future__ import annotations

import asyncio

from _common import ROOT, SHARED_PAGES, write


def main() -> None:
    from jobpilot.eval.run import evaluate
    from jobpilot.plugins import load

    pm = load()
    out: dict[str, object] = {"goal": "precision >= 0.99, recall >= 0.95, detection 1.0"}
    for name, corpus in (("real_pages", SHARED_PAGES), ("replicas", ROOT / "tests" / "replicas")):
        if corpus.exists():
            report = asyncio.run(evaluate(corpus, pm)).as_dict()
            out[name] = {
                "overall": report["overall"],
                "per_ats": report["per_ats"],
                "errors": report["errors"],
            }
    write("accuracy", out)


if __name__ == "__main__":
    main()
