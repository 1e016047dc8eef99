"""Seen against held-out accuracy on the real captured pages (both corpora), per ATS, with
the reliability of the confidences and leave-one-ATS-out calibration figures.

The partition is :mod:`partition` (fixed before any tuning, by name hashes). Pages are
evaluated in place, never copied; their snapshots are cached outside the repository
(``~/.cache/jobpilot-eval``) so that re-scoring takes seconds.

    uv run python benchmarks/bench_heldout.py            # the record: results/heldout.json
    uv run python benchmarks/bench_heldout.py --seen     # tuning: seen pages only, errors listed

``--seen`` never scores a held-out page: that is the rule that keeps the held-out figures
honest (tune on what ``--seen`` prints, publish what the record says).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

from _common import ROOT, write
from partition import split

SHARED = ROOT.parent / "shared"
CORPORA = {"ats-pages": SHARED / "ats-pages", "ats-pages-more": SHARED / "ats-pages-more"}
OVERLAYS = ROOT / "benchmarks" / "labels"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "jobpilot-eval"
GOALS = {"precision": 0.98, "recall": 0.95, "precision_at_fill": 0.995}


def _pages(name: str) -> list[Any]:
    from jobpilot.eval.corpus import find_corpus

    overlay = OVERLAYS / f"{name}.overlay.json"
    return find_corpus(CORPORA[name], overlay=overlay if overlay.exists() else None)


def _generic_only() -> Any:
    """A plugin manager with the generic mapper and the built-ins, no ATS adapter."""
    import importlib.metadata as md

    from jobpilot.plugins import load

    others = [ep.name for ep in md.entry_points(group="jobpilot") if ep.name != "generic"]
    return load(disabled=others)


def _captures(pages: list[Any]) -> list[Any]:
    from jobpilot.eval.run import capture

    def progress(i: int, n: int, p: Any) -> None:
        print(f"  capture [{i}/{n}] {p.name}", file=sys.stderr, flush=True)

    return asyncio.run(capture(pages, cache=CACHE, on_page=progress))


def _summary(report: Any) -> dict[str, Any]:
    return {
        "overall": report.overall.as_dict(),
        "per_ats": {k: v.as_dict() for k, v in report.per_ats.items()},
        "reliability": report.as_dict()["reliability"],
    }


def tune() -> None:
    """Seen pages only: summary and every error, for the person tuning the mapper."""
    from jobpilot.eval.run import score
    from jobpilot.plugins import load

    pm, generic = load(), _generic_only()
    out: dict[str, Any] = {}
    for name in CORPORA:
        seen, _ = split(_pages(name))
        caps = _captures(seen)
        full = score(seen, caps, pm)
        gen = score(seen, caps, generic)
        out[name] = {
            "all_plugins": _summary(full),
            "generic_only": _summary(gen),
            "errors": [e.as_dict() for e in full.errors],
            "generic_errors": [e.as_dict() for e in gen.errors],
            "page_errors": full.page_errors,
        }
    dest = Path(os.environ.get("TUNE_OUT", "/tmp/jobpilot-tune.json"))
    dest.write_text(json.dumps(out, indent=1))
    for name, d in out.items():
        for who in ("all_plugins", "generic_only"):
            o = d[who]["overall"]
            print(f"{name:15} {who:13} P={o['precision']:.4f} R={o['recall']:.4f} "
                  f"P@fill={o['precision_at_fill']:.4f} ({o['filled']}) "
                  f"wrong={o['wrong']} false={o['false_fills']} missed={o['missed']}")
    print(f"details: {dest}")


def record() -> None:
    from jobpilot.eval.calibration import leave_one_group_out
    from jobpilot.eval.run import score
    from jobpilot.eval.scoring import Report, reliability
    from jobpilot.plugins import load

    pm, generic = load(), _generic_only()
    out: dict[str, Any] = {
        "goals_held_out": GOALS,
        "partition": "benchmarks/partition.py (whole folders by name hash + 30 % of tenants)",
    }
    parts: dict[str, dict[str, Report]] = {"seen": {}, "held_out": {}}
    for name in CORPORA:
        pages = _pages(name)
        seen, held = split(pages)
        caps = dict(zip([p.name for p in pages], _captures(pages), strict=True))
        corpus_out: dict[str, Any] = {"pages": {"seen": len(seen), "held_out": len(held)}}
        for part, subset in (("seen", seen), ("held_out", held)):
            sub_caps = [caps[p.name] for p in subset]
            rep = score(subset, sub_caps, pm)
            gen = score(subset, sub_caps, generic)
            parts[part][name] = rep
            corpus_out[part] = {
                **_summary(rep),
                "generic_only": gen.overall.as_dict(),
                "generic_only_per_ats": {k: v.as_dict() for k, v in gen.per_ats.items()},
                "page_errors": rep.page_errors,
                "errors": [e.as_dict() for e in rep.errors],
            }
        out[name] = corpus_out
    combined: dict[str, Any] = {}
    for part, reports in parts.items():
        merged = Report()
        for rep in reports.values():
            merged.pages.extend(rep.pages)
        combined[part] = {
            "overall": merged.overall.as_dict(),
            "reliability": reliability(merged.results),
        }
    out["both_corpora"] = combined
    seen_results = [r for rep in parts["seen"].values() for r in rep.results]
    out["calibration_leave_one_ats_out"] = leave_one_group_out(seen_results, by="ats")
    write("heldout", out)


def main() -> None:
    if "--seen" in sys.argv[1:]:
        tune()
    else:
        record()


if __name__ == "__main__":
    main()
