"""The generic mapper alone on the real captured pages whose ATS has no adapter of ours
(goal: precision >= 97 %, recall >= 80 %). Pages are evaluated in place, never copied."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from _common import SHARED_PAGES, write

NO_ADAPTER = ("smartrecruiters", "workable", "recruitee", "teamtailor", "breezy", "personio",
              "rippling", "icims", "oracle")
COUNTS = ("pages", "labelled", "predictions", "correct", "false_fills", "wrong", "missed")


def main() -> None:
    os.environ["JOBPILOT_LOAD_PLUGINS"] = "generic"  # the generic mapper, no ATS adapter
    from jobpilot.eval.run import evaluate
    from jobpilot.plugins import load

    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED_PAGES
    full = asyncio.run(evaluate(corpus, load())).as_dict()
    per = {k: v for k, v in full["per_ats"].items() if k in NO_ADAPTER}
    subset: dict[str, float] = {c: sum(v[c] for v in per.values()) for c in COUNTS}
    predicted = subset["predictions"]
    subset["precision"] = round(subset["correct"] / predicted, 4) if predicted else 1.0
    subset["recall"] = round(subset["correct"] / subset["labelled"], 4) if subset["labelled"] else 1.0
    write("generic_mapper", {
        "goal": "precision >= 0.97, recall >= 0.80 on ATSes without an adapter",
        "corpus": str(corpus),
        "no_adapter_ats": subset,
        "no_adapter_per_ats": per,
        "all_pages_generic_only": full["overall"],
        "errors_no_adapter": [
            {k: v for k, v in e.items() if k != "label"} | (
                {"match": {"label": "(matched by its label text)"}} if "label" in e.get("match", {}) else {}
            )
            for e in full["errors"]
            if e["ats"] in NO_ADAPTER
        ],
    })


if __name__ == "__main__":
    main()
