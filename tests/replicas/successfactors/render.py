"""Write the replica's pages as static, labelled pages for ``jobpilot eval tests/replicas``.

The classic pages come straight from ``pages.py``; the UI5 application is rendered by its
script in Chromium and captured (post-render DOM, as the real captures are), scripts removed.
Labels (``LABELS``) were assigned by reading each question. Re-run after changing the
replica: ``uv run python tests/replicas/successfactors/render.py``;
``tests/ats/test_successfactors.py::test_corpus_pages_match_the_replica`` checks the classic
pages are current.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
HOST = "https://career4.successfactors.com"
BASE = f"{HOST}/career?company=alderwood&career_job_req_id=7301&career_ns="
V = "__xmlview0--"


def _module(name: str, file: str) -> Any:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / file)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


Entry = tuple[dict[str, str], str, str, str, bool]
LABELS: dict[str, list[Entry]] = {
    "sf-job-listing": [
        ({"id": "mailjob_friend_email"}, "input", "text", "unknown", True),
        ({"id": "mailjob_message"}, "textarea", "textarea", "unknown", False),
    ],
    "sf-sign-in": [
        ({"id": "username"}, "input", "email", "email", True),
        ({"id": "password"}, "input", "password", "unknown", True),
    ],
    "sf-create-account": [
        ({"id": "fbclc_userName"}, "input", "email", "email", True),
        ({"id": "fbclc_emailConf"}, "input", "email", "email", True),
        ({"id": "fbclc_pwd"}, "input", "password", "unknown", True),
        ({"id": "fbclc_pwdConf"}, "input", "password", "unknown", True),
        ({"id": "fbclc_fName"}, "input", "text", "first_name", True),
        ({"id": "fbclc_lName"}, "input", "text", "last_name", True),
        ({"id": "fbclc_country"}, "select", "select-one", "address.country", True),
        ({"id": "dataPrivacyId"}, "input", "checkbox", "consent", True),
    ],
    "sf-application": [
        ({"id": V + "firstName-inner"}, "input", "text", "first_name", True),
        ({"id": V + "middleName-inner"}, "input", "text", "middle_name", False),
        ({"id": V + "lastName-inner"}, "input", "text", "last_name", True),
        ({"id": V + "contactEmail-inner"}, "input", "email", "email", True),
        ({"id": V + "cellPhone-inner"}, "input", "tel", "phone", True),
        ({"id": V + "address-inner"}, "input", "text", "address.street", False),
        ({"id": V + "city-inner"}, "input", "text", "address.city", True),
        ({"id": V + "country"}, "div", "combobox", "address.country", True),
        ({"id": V + "state"}, "div", "combobox", "address.region", False),
        ({"id": V + "zip-inner"}, "input", "text", "address.postal_code", True),
        ({"id": V + "linkedinUrl-inner"}, "input", "url", "links.linkedin", False),
        ({"id": V + "resume-fu_input-inner"}, "input", "text", "unknown", False),
        ({"id": V + "resume-fu"}, "input", "file", "resume", True),
        ({"id": V + "employer-" + V + "workRows-0-inner"}, "input", "text", "current_company", True),
        ({"id": V + "title-" + V + "workRows-0-inner"}, "input", "text", "current_title", True),
        ({"id": V + "startDate-" + V + "workRows-0-inner"}, "input", "text", "question", False),
        ({"id": V + "endDate-" + V + "workRows-0-inner"}, "input", "text", "question", False),
        ({"id": V + "present-" + V + "workRows-0-CB"}, "input", "checkbox", "question", False),
        ({"id": V + "school-" + V + "eduRows-0-inner"}, "input", "text", "education.school", True),
        ({"id": V + "degree-" + V + "eduRows-0"}, "div", "combobox", "education.degree", False),
        ({"id": V + "major-" + V + "eduRows-0-inner"}, "input", "text", "education.discipline", False),
        ({"id": V + "endDate-" + V + "eduRows-0-inner"}, "input", "text", "education.graduation_year", False),
        ({"id": V + "q_4101"}, "div", "combobox", "work_authorized", True),
        ({"id": V + "q_4102"}, "div", "combobox", "requires_sponsorship", True),
        ({"id": V + "q_4103-inner"}, "input", "text", "salary_expectation", True),
        ({"id": V + "q_4104"}, "div", "combobox", "referral_source", True),
        ({"id": V + "q_4105"}, "div", "combobox", "question", False),
        ({"id": V + "gender"}, "div", "combobox", "eeo.gender", False),
        ({"id": V + "ethnicity"}, "div", "combobox", "eeo.race", False),
        ({"id": V + "veteranStatus"}, "div", "combobox", "eeo.veteran_status", False),
        ({"id": V + "disabilityStatus"}, "div", "combobox", "eeo.disability_status", False),
        ({"id": V + "dataPrivacyAccept-CB"}, "input", "checkbox", "consent", True),
    ],
}


def classic_documents() -> dict[str, tuple[str, str]]:
    pages = _module("jobpilot_sf_replica_pages", "pages.py")
    return {
        "sf-job-listing": (BASE + "job_listing", pages.job_listing(req="7301", title="Platform Engineer")),
        "sf-sign-in": (BASE + "login", pages.login(req="7301", sid="0")),
        "sf-create-account": (BASE + "create_account", pages.create_account(req="7301", sid="0")),
    }


def static(html: str) -> str:
    css = (HERE / "static" / "sf.css").read_text("utf-8")
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
    html = re.sub(
        r'<link id="rcmcareerThemingCss"[^>]*>', f'<style id="rcmcareerThemingCss">{css}</style>', html
    )
    note = "<!-- Rendered by tests/replicas/successfactors/render.py from the replica (invented content). -->"
    return html.replace("<!doctype html>", f"<!doctype html>\n{note}", 1)


def labels(name: str, url: str) -> dict[str, Any]:
    return {
        "url": url,
        "ats": "successfactors",
        "kind": "FULL" if name == "sf-application" else "PARTIAL",
        "note": "SuccessFactors replica page rendered by render.py; keys read from each question.",
        "fields": [
            {"match": m, "tag": tag, "type": typ, "key": key, "required": req}
            for m, tag, typ, key, req in LABELS[name]
        ],
    }


async def application() -> str:
    """The UI5 application as rendered for a signed-in candidate with one row per list."""
    from jobpilot.runner import OfflineRouter, launch_browser

    server = _module("jobpilot_sf_replica", "server.py")
    replica = server.SuccessFactorsReplica().start()
    try:
        replica.accounts["mara.ol@example.org"] = {
            "password": "x",
            "firstName": "",
            "lastName": "",
            "country": "",
        }
        session = replica.new_session("7301")
        session.email, session.signed_in = "mara.ol@example.org", True
        async with await launch_browser() as browser:
            router = OfflineRouter(allow_hosts=["127.0.0.1"])
            router.forward(HOST, replica.origin)
            page = await browser.new_page(router=router)
            await page.goto(BASE + f"job_application&sid={session.sid}")
            await page.raw.wait_for_selector("#__xmlview0--applyButton")
            for button in ("#__xmlview0--add-outsideWorkExperience", "#__xmlview0--add-education"):
                await page.raw.click(button)
            html: str = await page.raw.evaluate(
                "() => '<!doctype html>\\n' + document.documentElement.outerHTML"
            )
            await page.close()
        return html
    finally:
        replica.stop()


def main() -> None:
    docs = dict(classic_documents())
    docs["sf-application"] = (BASE + "job_application", asyncio.run(application()))
    for name, (url, html) in docs.items():
        (HERE / f"{name}.html").write_text(static(html), "utf-8")
        (HERE / f"{name}.labels.json").write_text(json.dumps(labels(name, url), indent=1) + "\n", "utf-8")
        print(f"wrote {name}.html")


if __name__ == "__main__":
    main()
