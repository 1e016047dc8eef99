"""Detection and mapping accuracy with every plugin loaded, on the real captured pages
(evaluated in place, never copied) and on our own labelled replicas (tests/replicas).

A third corpus re-addresses the real Greenhouse and Lever captures to an invented company
domain (a temporary folder of symlinks to the captures plus their labels with another
``url``; nothing is copied): it measures detection from the page alone, which is what a
company serving or inlining the ATS's form on its own domain leaves to go on.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path

from _common import ROOT, SHARED_PAGES, write

REHOSTED_ATS = ("greenhouse", "lever")


def rehosted(into: Path) -> Path:
    """Symlinks to the real captures of :data:`REHOSTED_ATS`, labelled at a company URL."""
    for ats in REHOSTED_ATS:
        for labels in sorted((SHARED_PAGES / ats).glob("*.labels.json")):
            name = labels.name[: -len(".labels.json")]
            (into / f"{ats}-{name}.html").symlink_to(labels.with_name(f"{name}.html"))
            data = json.loads(labels.read_text("utf-8"))
            data["url"] = f"https://careers.acme-{ats}.example/jobs/{name}"
            (into / f"{ats}-{name}.labels.json").write_text(json.dumps(data), "utf-8")
    return into


def _wordless(error: dict[str, object]) -> dict[str, object]:
    """An error named by page and control, never by the captured page's wording."""
    out = {k: v for k, v in error.items() if k != "label"}
    match = out.get("match")
    if isinstance(match, dict) and "label" in match:
        out["match"] = {"label": "(matched by its label text)"}
    return out


def main() -> None:
    from jobpilot.eval.run import evaluate
    from jobpilot.plugins import load

    pm = load()
    out: dict[str, object] = {"goal": "precision >= 0.99, recall >= 0.95, detection 1.0"}
    with tempfile.TemporaryDirectory() as tmp:
        corpora = [("real_pages", SHARED_PAGES), ("replicas", ROOT / "tests" / "replicas")]
        if SHARED_PAGES.exists():
            corpora.append(("real_pages_on_a_company_domain", rehosted(Path(tmp))))
        for name, corpus in corpora:
            if corpus.exists():
                report = asyncio.run(evaluate(corpus, pm)).as_dict()
                out[name] = {
                    "overall": report["overall"],
                    "per_ats": report["per_ats"],
                    "detections": [d for d in report["detections"] if not d["ok"]],
                    "errors": [_wordless(e) for e in report["errors"]],
                }
    write("accuracy", out)


if __name__ == "__main__":
    main()
