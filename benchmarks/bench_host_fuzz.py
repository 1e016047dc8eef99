"""Fuzzing the native host at length: frames sent, host deaths, protocol violations.

The same harness and Hypothesis strategy as ``tests/extension/test_host_fuzz.py`` (a real
``python -m jobpilot_host`` on pipes), with many more frames than the test runs.

Run: ``uv run python benchmarks/bench_host_fuzz.py [N]`` (default 5000 fuzzed frames).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from _common import ROOT, write
from hypothesis import HealthCheck, Phase, given, settings

sys.path.insert(0, str(ROOT / "tests" / "extension"))

from host_fuzz import HostDied, HostProcess, frames


def main(n: int) -> None:
    host = HostProcess(home=Path(tempfile.mkdtemp(prefix="jobpilot-fuzz-")))
    host.start()
    codes: Counter[str] = Counter()
    died_on: list[str] = []
    started = time.perf_counter()

    @settings(
        max_examples=n,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(body=frames())
    def fuzz(body: bytes) -> None:
        try:
            answers: list[dict[str, Any]] = host.exchange(body)
        except HostDied as exc:
            host.deaths += 1
            died_on.append(f"{exc}: {body[:120]!r}")
            host.start()
            return
        for a in answers:
            codes[str(a.get("code") or a.get("status"))] += 1

    fuzz()
    seconds = time.perf_counter() - started
    alive = host.alive()
    code = host.stop()
    write(
        "host_fuzz",
        {
            "what": "Hypothesis-fuzzed frames into a real native host process, a ping after each",
            "fuzzed_frames": host.fuzzed,
            "frames_sent_in_all": host.frames_in,
            "host_deaths": host.deaths,
            "died_on": died_on[:10],
            "protocol_violations": host.problems[:10],
            "alive_at_the_end": alive,
            "exit_code_on_eof": code,
            "answers_by_code": dict(codes.most_common()),
            "seconds": round(seconds, 1),
            "notes": "every fuzzed request must get an answer (ok or error) and every reply must be "
            "strict UTF-8 JSON under 1 MiB; a death is the port closing or a 60 s silence",
        },
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
