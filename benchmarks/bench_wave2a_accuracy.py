"""Detection and mapping accuracy for SmartRecruiters, Workable and Jobvite on the real
captures of both shared corpora, evaluated in place (never copied), with every plugin
loaded: each page once at the URL it was captured from (``with_url``) and once re-addressed
to an invented company domain (``page_alone``: nothing but the page says which ATS it is).
The corpus handling is the enterprise adapters' (``bench_enterprise_accuracy.corpus``), so
every ATS wave is measured the same way; pages without labels (Jobvite's job-search
captures) count for detection only.

Run: ``uv run python benchmarks/bench_wave2a_accuracy.py [ats ...]``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any

from _common import write
from bench_enterprise_accuracy import corpus

SYSTEMS = ("smartrecruiters", "workable", "jobvite")


def main() -> None:
    from jobpilot.eval.run import evaluate
    from jobpilot.plugins import load

    wanted = sys.argv[1:] or list(SYSTEMS)
    pm = load()
    out: dict[str, Any] = {
        "goal": "detection 1.0 with the URL and from the page alone; precision >= 0.98, recall >= 0.95"
    }
    for ats in wanted:
        per: dict[str, Any] = {}
        for reading, rehost in (("with_url", False), ("page_alone", True)):
            with tempfile.TemporaryDirectory() as tmp:
                pages = corpus(Path(tmp), ats, rehost=rehost)
                report = asyncio.run(evaluate(Path(tmp), pm)).as_dict()
            per[reading] = {
                "pages": pages,
                "overall": report["overall"],
                "missed_detections": [d for d in report["detections"] if not d["ok"]],
                "errors": report["errors"],
            }
        out[ats] = per
    write("wave2a_accuracy" if len(wanted) == len(SYSTEMS) else f"wave2a_accuracy_{'_'.join(wanted)}", out)


if __name__ == "__main__":
    main()
