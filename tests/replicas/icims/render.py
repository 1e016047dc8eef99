"""Write the replica's steps as static, labelled pages for ``jobpilot eval tests/replicas``.

The portal is server-rendered, so each step's document is what ``pages.py`` returns; here
they are written with the stylesheet inlined and scripts left out (as the real captures
are), each at the URL the portal serves it from, beside a ``NAME.labels.json`` whose keys
were assigned by reading each question (``LABELS`` below). Re-run after changing
``pages.py``: ``uv run python tests/replicas/icims/render.py``;
``tests/ats/test_icims.py::test_corpus_pages_match_the_replica`` fails when they are stale.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
BASE = "https://careers-brightlane.icims.com/jobs/4521/platform-engineer"


def _pages() -> Any:
    name = "jobpilot_icims_replica_pages"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "pages.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


P = "-1_PersonProfileFields."
WORK = [
    {
        "employer": "Tidewater Analytics",
        "title": "Senior Backend Engineer",
        "start_month": "03",
        "start_year": "2021",
    },
    {"employer": "Quayside Labs", "title": "Software Engineer", "start_month": "06", "start_year": "2017"},
]

LABELS: dict[str, list[tuple[dict[str, str], str, str, str, bool]]] = {
    # page -> [(match, tag, type, key, required)], labels as each question reads.
    "icims-login": [
        ({"id": "email"}, "input", "email", "email", True),
        ({"id": "accept_gdpr"}, "input", "checkbox", "consent", True),
    ],
    "icims-candidate-profile": [
        ({"id": P + "Resume"}, "input", "file", "resume", True),
        ({"id": P + "FirstName"}, "input", "text", "first_name", True),
        ({"id": P + "MiddleName"}, "input", "text", "middle_name", False),
        ({"id": P + "LastName"}, "input", "text", "last_name", True),
        ({"id": P + "Email"}, "input", "email", "email", True),
        ({"id": P + "PhoneNumber"}, "input", "tel", "phone", True),
        ({"id": P + "PhoneType"}, "select", "select-one", "question", False),
        ({"id": P + "AddressStreet1"}, "input", "text", "address.street", True),
        ({"id": P + "AddressStreet2"}, "input", "text", "address.street", False),
        ({"id": P + "AddressCity"}, "input", "text", "address.city", True),
        ({"id": P + "AddressCountry"}, "select", "select-one", "address.country", True),
        ({"id": P + "AddressState"}, "select", "select-one", "address.region", False),
        ({"id": P + "AddressZip"}, "input", "text", "address.postal_code", True),
        ({"id": "-1_rcf3048"}, "input", "url", "links.linkedin", False),
        ({"id": "-1_WorkExperience_0_Employer"}, "input", "text", "current_company", True),
        ({"id": "-1_WorkExperience_0_JobTitle"}, "input", "text", "current_title", True),
        ({"id": "-1_WorkExperience_0_StartMonth"}, "select", "select-one", "question", False),
        ({"id": "-1_WorkExperience_0_StartYear"}, "input", "text", "question", False),
        ({"id": "-1_WorkExperience_0_EndMonth"}, "select", "select-one", "question", False),
        ({"id": "-1_WorkExperience_0_EndYear"}, "input", "text", "question", False),
        ({"id": "-1_WorkExperience_0_Current"}, "input", "checkbox", "question", False),
        ({"id": "-1_WorkExperience_1_Employer"}, "input", "text", "question", True),
        ({"id": "-1_WorkExperience_1_JobTitle"}, "input", "text", "question", True),
        ({"id": "-1_WorkExperience_1_StartMonth"}, "select", "select-one", "question", False),
        ({"id": "-1_WorkExperience_1_StartYear"}, "input", "text", "question", False),
        ({"id": "-1_WorkExperience_1_EndMonth"}, "select", "select-one", "question", False),
        ({"id": "-1_WorkExperience_1_EndYear"}, "input", "text", "question", False),
        ({"id": "-1_WorkExperience_1_Current"}, "input", "checkbox", "question", False),
        ({"id": "-1_Education_0_School"}, "input", "text", "education.school", True),
        ({"id": "-1_Education_0_Degree"}, "select", "select-one", "education.degree", False),
        ({"id": "-1_Education_0_Major"}, "input", "text", "education.discipline", False),
        ({"id": "-1_Education_0_GraduationYear"}, "input", "text", "education.graduation_year", False),
        ({"id": P + "Password"}, "input", "password", "unknown", True),
        ({"id": P + "PasswordConfirm"}, "input", "password", "unknown", True),
    ],
    "icims-questions": [
        ({"id": "-1_rcf1101"}, "select", "select-one", "work_authorized", True),
        ({"name": "-1_rcf1102"}, "input", "radio", "requires_sponsorship", True),
        ({"id": "-1_rcf1103"}, "input", "text", "salary_expectation", True),
        ({"id": "-1_rcf1104"}, "select", "select-one", "referral_source", True),
        ({"name": "-1_rcf1105"}, "input", "radio", "willing_to_relocate", False),
        ({"id": "-1_rcf1106"}, "textarea", "textarea", "question", True),
        ({"id": "-1_rcf1107"}, "input", "text", "start_date", False),
    ],
    "icims-eeo": [
        ({"id": "eeo_gender"}, "select", "select-one", "eeo.gender", False),
        ({"name": P + "EEOHispanicLatino"}, "input", "radio", "eeo.hispanic_latino", False),
        ({"id": "eeo_race"}, "select", "select-one", "eeo.race", False),
        ({"id": "eeo_veteran"}, "select", "select-one", "eeo.veteran_status", False),
        ({"id": "eeo_disability"}, "select", "select-one", "eeo.disability_status", False),
    ],
    "icims-review": [({"id": "-1_Certification"}, "input", "checkbox", "consent", True)],
    "icims-company-embed": [({"id": "nl-email"}, "input", "email", "unknown", False)],
}
"""The ground truth: what each control asks, read from the page (job alerts and passwords
are not the application's)."""


def documents() -> dict[str, tuple[str, str]]:
    """Page name -> (URL, HTML) of every labelled page, rendered from ``pages.py``."""
    pages = _pages()
    inner = f"{BASE}/{{step}}?in_iframe=1"
    return {
        "icims-login": (inner.format(step="login"), pages.login_email(action=f"{BASE}/login?step=email")),
        "icims-candidate-profile": (
            inner.format(step="candidate"),
            pages.profile(
                action=f"{BASE}/candidate",
                parse_url=f"{BASE}/candidate/parse",
                email="mara.ol@example.org",
                values={},
                work=WORK,
                education=[{}],
                new_account=True,
            ),
        ),
        "icims-questions": (
            inner.format(step="questions"),
            pages.questions(action=f"{BASE}/questions", values={}),
        ),
        "icims-eeo": (inner.format(step="eeo"), pages.eeo(action=f"{BASE}/eeo", values={})),
        "icims-review": (
            inner.format(step="review"),
            pages.review(action=f"{BASE}/review", summary=[("Name", "Mara Okafor-Lindqvist")]),
        ),
        "icims-company-embed": (
            "https://www.brightlane-health.example/company/careers/4521",
            pages.company_page(inner_src=f"{BASE}/job?in_iframe=1"),
        ),
    }


def static(html: str) -> str:
    css = (HERE / "static" / "portal.css").read_text("utf-8")
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
    html = re.sub(r'<link rel="stylesheet"[^>]*>', f"<style>{css}</style>", html)
    html = re.sub(r"<template\b.*?</template>", "", html, flags=re.S)
    note = "<!-- Rendered by tests/replicas/icims/render.py from the replica (invented content). -->"
    return html.replace("<!doctype html>", f"<!doctype html>\n{note}", 1)


def labels(name: str, url: str) -> dict[str, Any]:
    return {
        "url": url,
        "ats": "icims",
        "kind": "PARTIAL",
        "note": "iCIMS replica step rendered by render.py; keys read from each question.",
        "fields": [
            {"match": match, "tag": tag, "type": typ, "key": key, "required": required}
            for match, tag, typ, key, required in LABELS[name]
        ],
    }


def main() -> None:
    for name, (url, html) in documents().items():
        (HERE / f"{name}.html").write_text(static(html), "utf-8")
        (HERE / f"{name}.labels.json").write_text(json.dumps(labels(name, url), indent=1) + "\n", "utf-8")
        print(f"wrote {name}.html")


if __name__ == "__main__":
    main()
