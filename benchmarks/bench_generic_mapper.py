"""The generic mapper alone on the real captured pages whose ATS has no adapter of ours
(goal: precision >= 97 %, recall >= 80 %). Pages are evaluated in place, never copied."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from _common import SHARED_PAGES, write

NO_ADAPTER = (
    "smartrecruiters",
    "workable",
    "recruitee",
    "teamtailor",
    "breezy",
    "personio",
    "rippling",
    "icims",
    "oracle",
)


def main() -> None:
    os.environ["JOBPILOT_LOAD_PLUGINS"] = "generic"  # the generic mapper, no ATS adapter
    from jobpilot.eval.run import evaluate
    from jobpilot.plugins import load

    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED_PAGES
    pm = load()
    with tempfile.TemporaryDirectory() as tmp:
        # A view of the corpus holding only the no-adapter folders (symlinks, nothing copied).
        for ats in NO_ADAPTER:
            if (corpus / ats).is_dir():
                os.symlink(corpus / ats, Path(tmp) / ats)
        subset = asyncio.run(evaluate(Path(tmp), pm)).as_dict()
    full = asyncio.run(evaluate(corpus, pm)).as_dict()
    write(
        "generic_mapper",
        {
            "goal": "precision >= 0.97, recall >= 0.80 on ATSes without an adapter",
            "corpus": str(corpus),
            "no_adapter_ats": subset["overall"],
            "no_adapter_per_ats": subset["per_ats"],
            "all_pages_generic_only": full["overall"],
            "all_pages_per_ats": full["per_ats"],
            "errors_no_adapter": subset["errors"],
        },
    )


if __name__ == "__main__":
    main()
