"""Cold start of ``jobpilot --help`` and ``jobpilot plugins list`` with every installed
plugin discoverable (goal for --help: < 300 ms). Each sample is a new process."""

from __future__ import annotations

import subprocess
import sys
import time

from _common import summary, write


def sample(args: list[str], n: int) -> dict[str, float]:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "jobpilot.cli.main", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return summary(times)


def main() -> None:
    sample(["--help"], 2)  # warm the OS file cache, as any second run would be
    write(
        "cli_startup",
        {
            "goal": "--help median < 300 ms",
            "help": sample(["--help"], 15),
            "plugins_list_all_loaded": sample(["plugins", "list", "--json"], 10),
        },
    )


if __name__ == "__main__":
    main()
