"""Write the detection-variant corpus: invented pages that test *which ATS a page is*.

Every page here is hand-made (no captured markup) and labelled for ``jobpilot eval``
(``NAME.html`` + ``NAME.labels.json``). They cover the cases the four adapters' own replicas
do not:

* pages that are *not* applications and must be detected as ``none``: an ATS vendor's
  marketing careers page that embeds its own job board, a vendor help-centre article, a
  look-alike host whose path copies Lever's, and an ordinary company form whose ids look
  like Greenhouse's (``first_name``, ``email``, ``resume``, ``form#application-form``);
* Greenhouse where the URL alone does not say so: the job-boards form inlined on a
  company's own domain under ``#grnhse_app`` with ``?gh_jid=`` (its loader bundled into the
  site's own script), and the EU job-boards host ``job-boards.eu.greenhouse.io``.

(The Workday ``wd<N>.myworkdaysite.com`` and legal-notice variants are rendered from the
Workday replica app by ``tests/replicas/workday/render.py``.)

Re-run after editing: ``uv run python tests/replicas/variants/build.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
NOTE = "<!-- Invented page for the detection-variant corpus (tests/replicas/variants/build.py). -->"

# --- building blocks ------------------------------------------------------------------------


def page(title: str, body: str, *, head: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n{NOTE}\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
        ".select__control{display:flex;border:1px solid #888}</style>"
        f"{head}</head>\n<body>\n{body}\n</body></html>\n"
    )


def gh_text(fid: str, label: str, *, required: bool = True, kind: str = "text", auto: str = "") -> str:
    """A job-boards (Remix) text input: ``field-wrapper``, fixed id, label for it."""
    star = '<span aria-hidden="true">*</span>' if required else ""
    ac = f' autocomplete="{auto}"' if auto else ""
    return (
        f'<div class="field-wrapper"><label id="{fid}-label" for="{fid}" class="label">{label}{star}</label>'
        f'<input id="{fid}" class="input input__single-line" type="{kind}" '
        f'aria-required="{str(required).lower()}"'
        f'{ac} maxlength="255" value=""></div>'
    )


def gh_select(fid: str, label: str, *, required: bool = True) -> str:
    """A react-select combobox as the job-boards form renders it (options load on open)."""
    star = '<span aria-hidden="true">*</span>' if required else ""
    return (
        f'<div class="select"><div class="select__container"><label id="{fid}-label" for="{fid}" '
        f'class="label select__label">{label}{star}</label><div class="select-shell">'
        '<div class="select__control"><div class="select__value-container">'
        f'<div class="select__placeholder" id="react-select-{fid}-placeholder">Select...</div>'
        f'<div class="select__input-container" data-value=""><input class="select__input" id="{fid}" '
        'autocomplete="off" type="text" role="combobox" aria-autocomplete="list" aria-expanded="false" '
        f'aria-haspopup="true" aria-labelledby="{fid}-label" aria-required="{str(required).lower()}" '
        f'aria-describedby="react-select-{fid}-placeholder" value=""></div></div></div>'
        f'<input name="{fid}" aria-hidden="true" tabindex="-1" class="requiredInput" value="">'
        "</div></div></div>"
    )


def gh_upload(fid: str, label: str, *, required: bool) -> str:
    star = '<span aria-hidden="true">*</span>' if required else ""
    return (
        f'<div class="file-upload" role="group" aria-labelledby="upload-label-{fid}">'
        f'<div id="upload-label-{fid}" class="label upload-label">{label}{star}</div>'
        '<div class="file-upload__wrapper"><div class="button-container"><div class="secondary-button">'
        '<button type="button" class="btn btn--rectangle">Attach</button>'
        f'<label class="visually-hidden" for="{fid}">Attach</label>'
        f'<input id="{fid}" class="visually-hidden" type="file" accept=".pdf,.doc,.docx,.txt,.rtf"></div>'
        "</div></div></div>"
    )


def gh_consent(fid: str, label: str) -> str:
    return (
        f'<div class="checkbox__wrapper"><input type="checkbox" id="{fid}_1" name="{fid}" value="1" '
        f'aria-required="true"><label for="{fid}_1">{label}</label></div>'
    )


def gh_form(action: str, fields: list[str], eeoc: bool) -> str:
    """The job-boards application form: ``form#application-form.application--form``."""
    eeo = ""
    if eeoc:
        eeo = (
            '<div class="eeoc__container"><h3>Voluntary Self-Identification</h3>'
            + gh_select("gender", "Gender", required=False)
            + gh_select("hispanic_ethnicity", "Are you Hispanic/Latino?", required=False)
            + gh_select("veteran_status", "Veteran Status", required=False)
            + gh_select("disability_status", "Disability Status", required=False)
            + "</div>"
        )
    return (
        f'<form id="application-form" class="application--form" method="get" action="{action}">'
        '<div class="application--questions">'
        + "".join(fields)
        + "</div>"
        + eeo
        + '<div class="application--submit">'
        '<button type="submit" class="btn btn--pill">Submit application</button></div></form>'
    )


def entry(
    match: dict[str, str], tag: str, typ: str, label: str, key: str, required: bool | None, **kw: Any
) -> dict:
    return {"match": match, "tag": tag, "type": typ, "label": label, "key": key, "required": required, **kw}


def write(name: str, html: str, labels: dict[str, Any]) -> None:
    (HERE / f"{name}.html").write_text(html, "utf-8")
    (HERE / f"{name}.labels.json").write_text(
        json.dumps(labels, indent=1, ensure_ascii=False) + "\n", "utf-8"
    )
    print(f"wrote {name}")


# --- pages ----------------------------------------------------------------------------------


def vendor_careers() -> None:
    """Greenhouse's own marketing careers page: the board loader and its empty container,
    a site search and a newsletter sign-up. A list of jobs, not an application."""
    body = (
        '<header><nav><a href="/product">Product</a> <a href="/customers">Customers</a> '
        '<a href="/careers">Careers</a></nav>'
        '<form role="search" action="/search"><label for="site-search">Search</label>'
        '<input id="site-search" name="q" type="search"></form></header>'
        "<main><h1>Careers at Greenhouse</h1><p>Help every company get better at hiring.</p>"
        "<h2>Open opportunities</h2>"
        '<div id="grnhse_app"></div>'
        '<script src="https://boards.greenhouse.io/embed/job_board/js?for=greenhouse"></script></main>'
        '<footer><form action="/newsletter">'
        '<label for="newsletter-email">Get hiring insights in your inbox</label>'
        '<input id="newsletter-email" name="email" type="email"><button>Subscribe</button></form></footer>'
    )
    write(
        "vendor-greenhouse-careers",
        page("Careers | Greenhouse", body),
        {
            "url": "https://www.greenhouse.com/careers/opportunities",
            "ats": "none",
            "kind": "PARTIAL",
            "note": "A vendor's marketing careers page embedding its own job board: not an application page.",
            "fields": [
                entry(
                    {"id": "site-search"}, "input", "search", "Search", "unknown", False, note="site search"
                ),
                entry(
                    {"id": "newsletter-email"},
                    "input",
                    "email",
                    "Get hiring insights in your inbox",
                    "unknown",
                    False,
                    note="marketing newsletter sign-up, not part of any application",
                ),
            ],
        },
    )


def vendor_help() -> None:
    """A help-centre article on Lever's support site, with its article search."""
    body = (
        '<header><a href="/hc/en-us">Lever Help Center</a>'
        '<form role="search" action="/hc/en-us/search"><input id="query" name="query" type="search" '
        'aria-label="Search the help center" placeholder="Search"></form></header>'
        "<main><article><h1>How candidates apply to a posting</h1>"
        "<p>Candidates apply from your job site at jobs.lever.co. Each posting has an Apply button that "
        "opens the application form with the resume upload and your custom questions.</p>"
        '<iframe title="walkthrough" src="https://www.youtube-nocookie.com/embed/abc"></iframe>'
        '<p>Was this article helpful? <button type="button">Yes</button> '
        '<button type="button">No</button></p>'
        "</article></main>"
    )
    write(
        "vendor-lever-help-article",
        page("How candidates apply to a posting – Lever Help Center", body),
        {
            "url": "https://help.lever.co/hc/en-us/articles/360012345678-How-candidates-apply-to-a-posting",
            "ats": "none",
            "kind": "PARTIAL",
            "note": "A vendor help-centre article about the application form: not an application page.",
            "fields": [
                entry({"id": "query"}, "input", "search", "Search the help center", "unknown", False),
            ],
        },
    )


def lookalike_lever() -> None:
    """A company's own careers form on jobs.clever.com, its path shaped like Lever's
    (``/<company>/<uuid>/apply``), with plain markup: not Lever."""
    body = (
        "<main><h1>Apply: Support Engineer</h1>"
        '<form id="apply" method="post" action="/submit">'
        '<p><label for="cand-name">Full name</label><input id="cand-name" name="candidate_name" '
        'autocomplete="name" required></p>'
        '<p><label for="cand-email">Email</label><input id="cand-email" name="candidate_email" type="email" '
        "required></p>"
        '<p><label for="cand-phone">Phone</label>'
        '<input id="cand-phone" name="candidate_phone" type="tel"></p>'
        '<p><label for="cand-cv">Resume</label><input id="cand-cv" name="cv" type="file" required></p>'
        '<p><label for="cand-why">Why do you want to join us?</label>'
        '<textarea id="cand-why" name="why"></textarea></p>'
        '<button type="submit">Send application</button></form></main>'
    )
    write(
        "lookalike-jobs-clever-com",
        page("Support Engineer – Clever Careers", body),
        {
            "url": "https://jobs.clever.com/clever/5d0c2b8e-1f47-4c3a-9e62-7b1a0d9c4e35/apply",
            "ats": "none",
            "kind": "FULL",
            "note": "Look-alike host: 'clever.com' contains 'lever' and the path copies Lever's; the form is "
            "a company's own.",
            "fields": [
                entry({"id": "cand-name"}, "input", "text", "Full name", "full_name", True),
                entry({"id": "cand-email"}, "input", "email", "Email", "email", True),
                entry({"id": "cand-phone"}, "input", "tel", "Phone", "phone", False),
                entry({"id": "cand-cv"}, "input", "file", "Resume", "resume", True),
                entry(
                    {"id": "cand-why"},
                    "textarea",
                    "textarea",
                    "Why do you want to join us?",
                    "question",
                    False,
                ),
            ],
        },
    )


def greenhouse_like_company_form() -> None:
    """An ordinary company form that happens to use Greenhouse-like ids and a React select
    library: first_name, last_name, email, phone, resume, ``form#application-form``."""
    body = (
        "<main><h1>Warehouse Team Lead</h1>"
        '<form id="application-form" method="post" action="/careers/apply">'
        + gh_text("first_name", "First name", auto="given-name")
        + gh_text("last_name", "Last name", auto="family-name")
        + gh_text("email", "Email", kind="email", auto="email")
        + gh_text("phone", "Phone", kind="tel", auto="tel")
        + '<div class="field-wrapper"><label for="resume">Resume</label><input id="resume" type="file"></div>'
        + gh_select("shift", "Preferred shift", required=False)
        + '<button type="submit">Apply</button></form></main>'
    )
    write(
        "company-form-greenhouse-like-ids",
        page("Warehouse Team Lead – Tallowmere Logistics", body),
        {
            "url": "https://careers.tallowmere.example/jobs/warehouse-team-lead/apply",
            "ats": "none",
            "kind": "FULL",
            "note": "A company's own form: ids any form may use, no Greenhouse convention (no question_<id>, "
            "no application--form wrappers, no #grnhse_app, no gh_jid).",
            "fields": [
                entry({"id": "first_name"}, "input", "text", "First name", "first_name", True),
                entry({"id": "last_name"}, "input", "text", "Last name", "last_name", True),
                entry({"id": "email"}, "input", "email", "Email", "email", True),
                entry({"id": "phone"}, "input", "tel", "Phone", "phone", True),
                entry({"id": "resume"}, "input", "file", "Resume", "resume", False),
                entry({"id": "shift"}, "input", "combobox", "Preferred shift", "question", False),
            ],
        },
    )


def _gh_fields(qbase: int) -> tuple[list[str], list[dict[str, Any]]]:
    q = [f"question_{qbase + i}" for i in range(4)]
    html = [
        gh_text("first_name", "First Name", auto="given-name"),
        gh_text("last_name", "Last Name", auto="family-name"),
        gh_text("email", "Email", kind="email", auto="email"),
        gh_text("phone", "Phone", kind="tel", required=False, auto="tel"),
        gh_upload("resume", "Resume/CV", required=True),
        gh_upload("cover_letter", "Cover Letter", required=False),
        gh_text(q[0], "LinkedIn Profile", required=False),
        gh_select(q[1], "Are you legally authorized to work in the country where this job is located?"),
        gh_select(q[2], "Will you now or in the future require sponsorship for employment visa status?"),
        gh_text(q[3], "What is your notice period?", required=False),
    ]
    labels = [
        entry({"id": "first_name"}, "input", "text", "First Name", "first_name", True),
        entry({"id": "last_name"}, "input", "text", "Last Name", "last_name", True),
        entry({"id": "email"}, "input", "email", "Email", "email", True),
        entry({"id": "phone"}, "input", "tel", "Phone", "phone", False),
        entry({"id": "resume"}, "input", "file", "Resume/CV", "resume", True),
        entry({"id": "cover_letter"}, "input", "file", "Cover Letter", "cover_letter", False),
        entry({"id": q[0]}, "input", "text", "LinkedIn Profile", "links.linkedin", False),
        entry(
            {"id": q[1]},
            "input",
            "combobox",
            "Are you legally authorized to work in the country where this job is located?",
            "work_authorized",
            True,
        ),
        entry(
            {"id": q[2]},
            "input",
            "combobox",
            "Will you now or in the future require sponsorship for employment visa status?",
            "requires_sponsorship",
            True,
        ),
        entry(
            {"id": q[3]},
            "input",
            "text",
            "What is your notice period?",
            "start_date",
            False,
            note="notice period -> start_date (the profile's availability), as in LABELS.md",
        ),
    ]
    return html, labels


def greenhouse_company_embed() -> None:
    """The job-boards form inlined on a company's own careers domain under ``#grnhse_app``,
    the posting chosen by ``?gh_jid=``; the loader comes from the site's own bundle, so no
    Greenhouse URL is on the page."""
    fields, labels = _gh_fields(48812001)
    form = gh_form(
        "https://job-boards.greenhouse.io/embed/job_app?for=quillmoor&amp;token=6123450", fields, eeoc=True
    )
    body = (
        '<header><a href="/">Quillmoor</a><form role="search" action="/search">'
        '<input id="q" name="q" type="search" aria-label="Search quillmoor.example"></form></header>'
        "<main><h1>Product Designer</h1><p>London or remote in the UK.</p>"
        f'<div id="grnhse_app"><div id="grnhse_iframe_doc">{form}</div></div></main>'
        '<script src="https://careers.quillmoor.example/static/careers.bundle.js"></script>'
    )
    eeo = [
        entry({"id": "gender"}, "input", "combobox", "Gender", "eeo.gender", False),
        entry(
            {"id": "hispanic_ethnicity"},
            "input",
            "combobox",
            "Are you Hispanic/Latino?",
            "eeo.hispanic_latino",
            False,
        ),
        entry({"id": "veteran_status"}, "input", "combobox", "Veteran Status", "eeo.veteran_status", False),
        entry(
            {"id": "disability_status"},
            "input",
            "combobox",
            "Disability Status",
            "eeo.disability_status",
            False,
        ),
    ]
    write(
        "greenhouse-company-embed-gh-jid",
        page("Product Designer – Quillmoor Careers", body),
        {
            "url": "https://careers.quillmoor.example/open-roles/?gh_jid=6123450",
            "ats": "greenhouse",
            "kind": "FULL",
            "note": "Greenhouse embed on a company domain with the job_app document inlined (as a saved page "
            "shows it); no Greenhouse URL in the page: detection rests on #grnhse_app, gh_jid and the form.",
            "fields": [
                entry(
                    {"id": "q"},
                    "input",
                    "search",
                    "Search quillmoor.example",
                    "unknown",
                    False,
                    note="site search",
                ),
                *labels,
                *eeo,
            ],
        },
    )


def greenhouse_eu_board() -> None:
    """A posting on the EU job-boards host, with its GDPR processing consent."""
    fields, labels = _gh_fields(90417001)
    fields.append(
        gh_consent(
            "gdpr_processing_consent_given",
            "I consent to Brackenfold processing my personal data for the purpose of this application.",
        )
    )
    labels.append(
        entry(
            {"name": "gdpr_processing_consent_given"},
            "input",
            "checkbox",
            "I consent to Brackenfold processing my personal data for the purpose of this application.",
            "consent",
            True,
        )
    )
    body = (
        '<main class="job-post"><div class="job__header"><h1>Backend Engineer (Payments)</h1>'
        "<p>Brackenfold · Amsterdam</p></div>"
        '<div class="application--container"><h2>Apply for this job</h2>'
        + gh_form("/brackenfold/jobs/4409876101", fields, eeoc=False)
        + "</div></main>"
    )
    write(
        "greenhouse-eu-job-boards",
        page("Job Application for Backend Engineer (Payments) at Brackenfold", body),
        {
            "url": "https://job-boards.eu.greenhouse.io/brackenfold/jobs/4409876101",
            "ats": "greenhouse",
            "kind": "FULL",
            "note": "EU job-boards host; no EEOC section (EU posting), a GDPR processing consent instead.",
            "fields": labels,
        },
    )


if __name__ == "__main__":
    vendor_careers()
    vendor_help()
    lookalike_lever()
    greenhouse_like_company_form()
    greenhouse_company_embed()
    greenhouse_eu_board()
