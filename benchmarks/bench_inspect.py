"""``jobpilot inspect`` of a saved page, wall time of the whole command including the
browser start (goal: under 1.5 s). Each sample is a new process, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from _common import ROOT, SHARED_PAGES, summary, write

DEMO_PAGE = ROOT / "core" / "src" / "jobpilot" / "demo" / "pages" / "northwind-careers.html"
REAL_PAGE = SHARED_PAGES / "greenhouse" / "boards-iherb-sr-engineer.html"


def sample(page: Path, url: str, n: int) -> dict[str, float]:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "jobpilot.cli.main", "inspect", str(page), "--url", url, "--json"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - t)
    return summary(times)


def main() -> None:
    sample(DEMO_PAGE, "https://careers.northwind.example/apply", 1)  # warm the file cache
    out = {
        "goal": "median < 1500 ms including the browser start",
        "demo_page": sample(DEMO_PAGE, "https://careers.northwind.example/apply", 8),
    }
    if REAL_PAGE.exists():
        out["real_greenhouse_page"] = sample(
            REAL_PAGE, "https://boards.greenhouse.io/iherb/jobs/7779165003", 8
        )
    write("inspect", out)


if __name__ == "__main__":
    main()
