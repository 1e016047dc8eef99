"""Write the replica's pages as static, labelled pages for ``jobpilot eval tests/replicas``.

Taleo's pages are server-rendered, so each is what ``pages.py`` returns, written with the
stylesheet inlined and scripts left out, at the URL the career section serves it from, beside
its ``NAME.labels.json`` (keys read from each question, ``LABELS``). Re-run after changing
``pages.py``: ``uv run python tests/replicas/taleo/render.py``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
HOST = "https://crestview.taleo.net"
APPLY = f"{HOST}/careersection/10000/jobapply.ftl?lang=en&job=2604"


def _pages() -> Any:
    name = "jobpilot_taleo_replica_pages"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "pages.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


G = "et-ef-content-ftf-gp-j_id_id16pc9-page_0-"
Entry = tuple[dict[str, str], str, str, str, bool]


def _labels() -> dict[str, list[Entry]]:
    pi = _pages().PI
    we0, we1 = f"{G}we-wei-0-frm-dv_cs_experience_", f"{G}we-wei-1-frm-dv_cs_experience_"
    edu0 = f"{G}edu-edui-0-frm-dv_cs_education_"
    return {
        "taleo-sign-in": [
            ({"id": "dialogTemplate-dialogForm-login-name1"}, "input", "text", "unknown", True),
            ({"id": "dialogTemplate-dialogForm-login-password"}, "input", "password", "unknown", True),
        ],
        "taleo-register": [
            ({"id": "dialogTemplate-dialogForm-userName"}, "input", "text", "unknown", True),
            ({"id": "dialogTemplate-dialogForm-password"}, "input", "password", "unknown", True),
            ({"id": "dialogTemplate-dialogForm-passwordConfirm"}, "input", "password", "unknown", True),
            ({"id": "dialogTemplate-dialogForm-email"}, "input", "email", "email", True),
            ({"id": "dialogTemplate-dialogForm-emailConfirm"}, "input", "email", "email", True),
        ],
        "taleo-resume-upload": [({"id": f"{G}resumeUploadInput"}, "input", "file", "resume", False)],
        "taleo-personal-information": [
            ({"id": pi + "FirstName"}, "input", "text", "first_name", True),
            ({"id": pi + "MiddleName"}, "input", "text", "middle_name", False),
            ({"id": pi + "LastName"}, "input", "text", "last_name", True),
            ({"id": pi + "EmailAddress"}, "input", "email", "email", True),
            ({"id": pi + "HomePhone"}, "input", "tel", "phone", True),
            ({"id": pi + "Address"}, "input", "text", "address.street", True),
            ({"id": pi + "Address2"}, "input", "text", "address.street", False),
            ({"id": pi + "City"}, "input", "text", "address.city", True),
            ({"id": pi + "ResidenceLocation-0"}, "select", "select-one", "address.country", True),
            ({"id": pi + "ResidenceLocation-1"}, "select", "select-one", "address.region", False),
            ({"id": pi + "ZipCode"}, "input", "text", "address.postal_code", True),
            (
                {"id": f"{G}sourceTrackingBlock-recruitmentSourceDP"},
                "select",
                "select-one",
                "referral_source",
                True,
            ),
        ],
        "taleo-work-experience": [
            ({"id": we0 + "Employer"}, "input", "text", "current_company", True),
            ({"id": we0 + "JobFunction"}, "input", "text", "current_title", True),
            ({"id": we0 + "BeginMonth"}, "select", "select-one", "question", False),
            ({"id": we0 + "BeginYear"}, "select", "select-one", "question", False),
            ({"id": we0 + "EndMonth"}, "select", "select-one", "question", False),
            ({"id": we0 + "EndYear"}, "select", "select-one", "question", False),
            ({"id": we0 + "CurrentJob"}, "input", "checkbox", "question", False),
            ({"id": we1 + "Employer"}, "input", "text", "question", True),
            ({"id": we1 + "JobFunction"}, "input", "text", "question", True),
        ],
        "taleo-education": [
            ({"id": edu0 + "Institution"}, "input", "text", "education.school", True),
            ({"id": edu0 + "Degree"}, "select", "select-one", "education.degree", False),
            ({"id": edu0 + "Program"}, "input", "text", "education.discipline", False),
            ({"id": edu0 + "GraduationYear"}, "select", "select-one", "education.graduation_year", False),
        ],
        "taleo-questions": [
            ({"name": f"{G}qs-Q1001"}, "input", "radio", "work_authorized", True),
            ({"name": f"{G}qs-Q1002"}, "input", "radio", "requires_sponsorship", True),
            ({"name": f"{G}qs-Q1003"}, "input", "radio", "willing_to_relocate", False),
        ],
        "taleo-diversity": [
            ({"id": pi + "Gender"}, "select", "select-one", "eeo.gender", False),
            ({"id": pi + "Ethnicity"}, "select", "select-one", "eeo.hispanic_latino", False),
            ({"id": pi + "Race"}, "select", "select-one", "eeo.race", False),
            ({"id": pi + "Veteran"}, "select", "select-one", "eeo.veteran_status", False),
            ({"id": pi + "Disability"}, "select", "select-one", "eeo.disability_status", False),
        ],
        "taleo-e-signature": [({"id": f"{G}esig-fullName"}, "input", "text", "full_name", True)],
    }


def documents() -> dict[str, tuple[str, str]]:
    p = _pages()
    login = f"{HOST}/careersection/iam/accessmanagement/login.jsf?lang=en&cs=10000&job=2604"

    def step(name: str, body: str) -> str:
        return p.step(name=name, action=APPLY, body=body)

    work = [{"Employer": "Tidewater Analytics", "JobFunction": "Senior Backend Engineer"}, {}]
    return {
        "taleo-sign-in": (login, p.login(cs="10000", job="2604")),
        "taleo-register": (login, p.register(cs="10000", job="2604")),
        "taleo-resume-upload": (APPLY, step("Resume Upload", p.resume_body())),
        "taleo-personal-information": (APPLY, step("Personal Information", p.personal_body({}))),
        "taleo-work-experience": (APPLY, step("Work Experience", p.work_body(work))),
        "taleo-education": (APPLY, step("Education", p.education_body([{}]))),
        "taleo-questions": (APPLY, step("Job Specific Questions", p.questions_body({}))),
        "taleo-diversity": (APPLY, step("Diversity", p.diversity_body({}))),
        "taleo-e-signature": (APPLY, step("E-Signature", p.esignature_body({}))),
    }


def static(html: str) -> str:
    css = (HERE / "static" / "taleo.css").read_text("utf-8")
    html = re.sub(r'<script type="text/javascript" src="[^"]*"></script>', "", html)
    html = re.sub(r'<link rel="stylesheet"[^>]*>', f"<style>{css}</style>", html)
    note = "<!-- Rendered by tests/replicas/taleo/render.py from the replica (invented content). -->"
    return html.replace("<!doctype html>", f"<!doctype html>\n{note}", 1)


def main() -> None:
    labels = _labels()
    for name, (url, html) in documents().items():
        (HERE / f"{name}.html").write_text(static(html), "utf-8")
        fields = [
            {"match": m, "tag": t, "type": ty, "key": k, "required": r} for m, t, ty, k, r in labels[name]
        ]
        data = {
            "url": url,
            "ats": "taleo",
            "kind": "PARTIAL",
            "note": "Taleo replica step rendered by render.py.",
            "fields": fields,
        }
        (HERE / f"{name}.labels.json").write_text(json.dumps(data, indent=1) + "\n", "utf-8")
        print(f"wrote {name}.html")


if __name__ == "__main__":
    main()
