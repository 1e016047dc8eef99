"""Filling a 30-field form: wall time from snapshot to the last action done (goal: well
under 1 s), on a page served from localhost in headless Chromium."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import jobpilot.demo
from _common import summary, write

TEXT = [
    ("First name", "given-name"),
    ("Last name", "family-name"),
    ("Email", "email"),
    ("Phone", "tel"),
    ("City", None),
    ("Postal code", None),
    ("Street address", None),
    ("LinkedIn profile", None),
    ("GitHub", None),
    ("Portfolio website", None),
    ("Current company", None),
    ("Current job title", None),
    ("School", None),
    ("Field of study", None),
    ("Graduation year", None),
    ("Salary expectations", None),
    ("Earliest start date", None),
    ("Preferred name", None),
    ("Pronouns", None),
    ("Twitter", None),
    ("Years of experience", None),
    ("Why do you want to work here?", None),
]
SELECTS = [
    ("Gender", ["Male", "Female", "Decline to self-identify"]),
    ("How did you hear about us?", ["LinkedIn", "Job board", "Other"]),
    ("Country", ["Canada", "United States", "Mexico"]),
    ("Veteran status", ["I am a protected veteran", "I am not a protected veteran"]),
]
RADIOS = [
    "Are you legally authorized to work in the United States?",
    "Will you now or in the future require sponsorship?",
    "Are you willing to relocate?",
]


def page_html() -> str:
    parts = [
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Bench</title><body>',
        '<form method="post" action="/submit/bench">',
    ]
    for i, (label, ac) in enumerate(TEXT):
        tag = "textarea" if label.startswith("Why") else "input"
        attr = f' autocomplete="{ac}"' if ac else ""
        close = "</textarea>" if tag == "textarea" else ""
        parts.append(f'<label for="t{i}">{label}</label><{tag} id="t{i}" name="t{i}"{attr}>{close}')
    for i, (label, opts) in enumerate(SELECTS):
        options = "".join(f"<option>{o}</option>" for o in opts)
        parts.append(
            f'<label for="s{i}">{label}</label><select id="s{i}" name="s{i}">'
            f'<option value="">Select…</option>{options}</select>'
        )
    for i, label in enumerate(RADIOS):
        parts.append(
            f"<fieldset><legend>{label}</legend>"
            f'<label><input type="radio" name="r{i}" value="yes">Yes</label>'
            f'<label><input type="radio" name="r{i}" value="no">No</label></fieldset>'
        )
    parts.append('<label><input type="checkbox" name="c0">I agree to the privacy policy</label>')
    parts.append("<button>Submit application</button></form></body></html>")
    return "".join(parts)


async def main() -> None:
    from jobpilot.engine.planner import Planner
    from jobpilot.plugins import load
    from jobpilot.profile_io import load_profile
    from jobpilot.runner import OfflineRouter, launch_browser

    data = Path(jobpilot.demo.__file__).parent / "profile"
    profile = load_profile(data / "resume.json", data / "answers.yaml")
    pm = load()
    planner = Planner(profile)
    url = "http://bench.jobpilot.test/apply"
    router = OfflineRouter()
    router.serve(url, body=page_html(), content_type="text/html; charset=utf-8")
    samples, phases = [], {"snapshot": [], "map": [], "plan": [], "apply": []}
    fields = actions = 0
    async with await launch_browser() as browser:
        page = await browser.new_page(router=router)
        for _ in range(25):
            await page.goto(url)
            t0 = time.perf_counter()
            snap = await page.snapshot()
            t1 = time.perf_counter()
            det = pm.detect(snap.url, snap)
            mappings = pm.map_fields(snap, det)
            t2 = time.perf_counter()
            plan = planner.plan(snap, mappings, det)
            t3 = time.perf_counter()
            results = await page.apply(plan.actions)
            t4 = time.perf_counter()
            assert all(r.ok for r in results), [r for r in results if not r.ok]
            samples.append(t4 - t0)
            for k, v in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                phases[k].append(v)
            fields, actions = len(snap.fields), len(plan.actions)
    write(
        "fill_30_fields",
        {
            "goal": "median well under 1000 ms from snapshot to last action",
            "fields_in_snapshot": fields,
            "actions": actions,
            "total": summary(samples[3:]),
            "phases_median_ms": {k: summary(v[3:])["median_ms"] for k, v in phases.items()},
        },
    )


if __name__ == "__main__":
    asyncio.run(main())
