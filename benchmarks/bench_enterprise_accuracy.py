"""Detection and mapping accuracy for the enterprise adapters (iCIMS, SuccessFactors, Oracle
Recruiting Cloud, Taleo) on the real captures of both shared corpora, evaluated in place
(never copied), with every plugin loaded.

Two readings per system:

* ``with_url``: each page at the URL it was captured from (the labels' ``url``);
* ``page_alone``: the same pages re-addressed to an invented company domain (a temporary
  folder of symlinks to the captures, labels rewritten with another ``url``), so nothing but
  the page itself says which ATS it is; this is what a company proxying or inlining the
  ATS leaves to go on.

Pages without a labels file (job search and posting pages of ``ats-pages/``) are scored for
detection only, with labels written here (``ats`` from the folder, no fields).

Run: ``uv run python benchmarks/bench_enterprise_accuracy.py [ats ...]``.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from _common import SHARED_PAGES, write

SYSTEMS = ("icims", "successfactors", "oracle", "taleo")
CORPORA = {"ats-pages": SHARED_PAGES, "ats-pages-more": SHARED_PAGES.parent / "ats-pages-more"}
NEUTRAL = "https://careers.northwind-example.org/openings/{name}"


def corpus(into: Path, ats: str, *, rehost: bool) -> int:
    """Symlinks to every capture of ``ats`` in both corpora, with labels (at a neutral
    company URL when ``rehost``); returns the number of pages."""
    n = 0
    for cname, root in CORPORA.items():
        folder = root / ats
        if not folder.is_dir():
            continue
        for html in sorted(folder.glob("*.html")):
            name = f"{cname}-{html.stem}"
            labels = html.with_name(html.stem + ".labels.json")
            data: dict[str, Any] = (
                json.loads(labels.read_text("utf-8")) if labels.exists() else {"url": None, "fields": []}
            )
            data["ats"] = ats
            data.pop("inventory", None)
            if rehost:
                data["url"] = NEUTRAL.format(name=name)
            elif not data.get("url"):
                data["url"] = _source_url(root, ats, html.name)
            (into / f"{name}.html").symlink_to(html)
            (into / f"{name}.labels.json").write_text(json.dumps(data), "utf-8")
            n += 1
    return n


def _source_url(root: Path, ats: str, filename: str) -> str | None:
    """The capture's URL from the corpus README table (pages without labels)."""
    readme = root / "README.md"
    if not readme.exists():
        return None
    for line in readme.read_text("utf-8").splitlines():
        if f"`{ats}/{filename}`" in line:
            for cell in line.split("|"):
                cell = cell.strip()
                if cell.startswith("http"):
                    return cell.split(" ")[0]
    return None


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
    write(
        "enterprise_accuracy" if len(wanted) == len(SYSTEMS) else f"enterprise_accuracy_{'_'.join(wanted)}",
        out,
    )


if __name__ == "__main__":
    main()
