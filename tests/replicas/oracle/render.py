"""Capture the replica's app pages as static, labelled pages for ``jobpilot eval tests/replicas``.

The Candidate Experience is a single-page app, so each page is rendered in Chromium and its
DOM captured (scripts removed, as the real captures are): the e-mail step, the PIN step and
the apply flow with the Experience editor open. Each capture records a digest of the replica
sources it came from; ``stale()`` (run by ``tests/ats/test_oracle.py``) says which captures no
longer match them. Re-run: ``uv run python tests/replicas/oracle/render.py``.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
SOURCES = (HERE / "server.py", HERE / "static" / "cx.js", HERE / "static" / "cx.css")
PAGES = ("oracle-email", "oracle-pin", "oracle-apply-flow")

Entry = tuple[dict[str, str], str, str, str, bool]
LABELS: dict[str, list[Entry]] = {
    "oracle-email": [
        ({"name": "primary-email"}, "input", "email", "email", True),
        ({"name": "honey-pot"}, "input", "text", "unknown", False),
        ({"id": "legal-disclaimer-checkbox"}, "input", "checkbox", "consent", True),
    ],
    "oracle-pin": [({"name": "pin-code"}, "input", "text", "unknown", True)],
    "oracle-apply-flow": [
        ({"name": "lastName"}, "input", "text", "last_name", True),
        ({"name": "firstName"}, "input", "text", "first_name", True),
        ({"label": "Title"}, "ul", "list", "question", False),
        ({"name": "middleNames"}, "input", "text", "middle_name", False),
        ({"name": "email"}, "input", "email", "email", False),
        ({"id": "country-codes-dropdownphoneNumber"}, "input", "combobox", "address.country", True),
        ({"label": "Phone Number"}, "input", "tel", "phone", True),
        ({"name": "addressLine1"}, "input", "text", "address.street", True),
        ({"name": "city"}, "input", "text", "address.city", True),
        ({"name": "region2"}, "input", "combobox", "address.region", False),
        ({"name": "postalCode"}, "input", "text", "address.postal_code", True),
        ({"name": "country"}, "input", "combobox", "address.country", True),
        ({"id": "resume-upload"}, "input", "file", "resume", True),
        ({"name": "EmployerName"}, "input", "text", "question", True),
        ({"name": "JobTitle"}, "input", "text", "question", True),
        ({"name": "StartDate"}, "input", "text", "question", False),
        ({"name": "EndDate"}, "input", "text", "question", False),
        ({"id": "CurrentJobFlag"}, "input", "checkbox", "question", False),
        (
            {"label": "Are you legally authorized to work in the United States?"},
            "input",
            "radio",
            "work_authorized",
            True,
        ),
        (
            {"label": "Will you now or in the future require sponsorship for employment visa status?"},
            "ul",
            "list",
            "requires_sponsorship",
            True,
        ),
        ({"name": "300000041003"}, "input", "text", "salary_expectation", True),
        ({"name": "300000041004"}, "input", "combobox", "referral_source", True),
        (
            {"label": "Do your salary expectations align with the range advertised for this role?"},
            "ul",
            "list",
            "question",
            False,
        ),
        ({"name": "US-STANDARD-ORA_GENDER-STANDARD"}, "input", "combobox", "eeo.gender", False),
        ({"label": "Are you Hispanic or Latino?"}, "input", "radio", "eeo.hispanic_latino", False),
        ({"label": "Veteran Status"}, "input", "radio", "eeo.veteran_status", False),
        ({"label": "Do you have a disability?"}, "input", "radio", "eeo.disability_status", False),
        ({"name": "fullName"}, "input", "text", "full_name", True),
    ],
}
CSS = {
    "Title": "[data-qa=title] button",
    "Phone Number": "input.phone-row__input",
    "Are you legally authorized to work in the United States?": "input[name^='300000041001']",
    "Will you now or in the future require sponsorship for employment visa status?": (
        "[data-qa='300000041002'] button"
    ),
    "Do your salary expectations align with the range advertised for this role?": (
        "[data-qa='300000041005'] button"
    ),
    "Are you Hispanic or Latino?": "input[name^='US-STANDARD-ORA_ETHNICITY']",
    "Veteran Status": "input[name^='US-STANDARD-ORA_VETERAN']",
    "Do you have a disability?": "input[name^='US-STANDARD-ORA_DISABILITY']",
}
"""Selectors for the controls matched by label (pill lists and radio groups have no stable id)."""


def digest() -> str:
    h = hashlib.sha256()
    for p in SOURCES:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def stale() -> list[str]:
    """Captures that were not rendered from the current replica sources."""
    want = f"sources {digest()}"
    return [n for n in PAGES if want not in (HERE / f"{n}.html").read_text("utf-8")[:400]]


def labels(name: str, url: str) -> dict[str, Any]:
    fields = []
    for match, tag, typ, key, req in LABELS[name]:
        entry: dict[str, Any] = {"match": match, "tag": tag, "type": typ, "key": key, "required": req}
        if "label" in match:
            entry["css"] = CSS[match["label"]]
        fields.append(entry)
    return {
        "url": url,
        "ats": "oracle",
        "kind": "PARTIAL",
        "note": (
            "Oracle Candidate Experience replica page captured by render.py; keys read from each question."
        ),
        "fields": fields,
    }


async def capture() -> dict[str, tuple[str, str]]:
    from jobpilot.runner import OfflineRouter, launch_browser

    spec = importlib.util.spec_from_file_location("jobpilot_oracle_replica", HERE / "server.py")
    assert spec and spec.loader
    server = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = server
    spec.loader.exec_module(server)
    replica = server.OracleReplica().start()
    site = server.HOST + server.SITE
    out: dict[str, tuple[str, str]] = {}
    try:
        async with await launch_browser() as browser:
            router = OfflineRouter(allow_hosts=["127.0.0.1"])
            router.forward(server.HOST, replica.origin)
            router.forward(server.STATIC_HOST, replica.origin)
            page = await browser.new_page(router=router)
            raw = page.raw
            dom = "() => '<!doctype html>\\n' + document.documentElement.outerHTML"
            await page.goto(f"{site}/job/1187/apply/email")
            await raw.wait_for_selector("input[name=primary-email]")
            out["oracle-email"] = (f"{site}/job/1187/apply/email", await raw.evaluate(dom))
            replica.candidates.add("pat@example.org")
            await raw.fill("input[name=primary-email]", "pat@example.org")
            await raw.check("#legal-disclaimer-checkbox", force=True)
            await raw.click("text=Next")
            await raw.wait_for_selector("input[name=pin-code]")
            out["oracle-pin"] = (f"{site}/job/1187/apply/pin", await raw.evaluate(dom))
            await raw.fill("input[name=pin-code]", replica.pins["pat@example.org"])
            await raw.click("text=Verify")
            await raw.wait_for_selector("text=Add Experience")
            await raw.click("text=Add Experience")
            out["oracle-apply-flow"] = (f"{site}/job/1187/apply/section/1", await raw.evaluate(dom))
            await page.close()
    finally:
        replica.stop()
    return out


def static(html: str) -> str:
    css = (HERE / "static" / "cx.css").read_text("utf-8")
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
    html = re.sub(r'<link rel="stylesheet"[^>]*>', f"<style>{css}</style>", html)
    note = (
        "<!-- Captured by tests/replicas/oracle/render.py from the replica (invented content); "
        f"sources {digest()} -->"
    )
    return html.replace("<!doctype html>", f"<!doctype html>\n{note}", 1)


def main() -> None:
    for name, (url, html) in asyncio.run(capture()).items():
        (HERE / f"{name}.html").write_text(static(html), "utf-8")
        (HERE / f"{name}.labels.json").write_text(json.dumps(labels(name, url), indent=1) + "\n", "utf-8")
        print(f"wrote {name}.html")


if __name__ == "__main__":
    main()
