"""Cover letters from a template, filled with the applicant's own (non-sensitive) facts."""

from __future__ import annotations

from jobpilot.models.providers import ContentRequest

from jobpilot_ai_offline.textvec import normalize


def _skills_for(request: ContentRequest, n: int = 4) -> list[str]:
    skills = request.applicant.skills
    desc = normalize(request.job_description or "")
    if desc:
        wanted = [s for s in skills if normalize(s) in desc]
        rest = [s for s in skills if s not in wanted]
        skills = wanted + rest
    return skills[:n]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def cover_letter(request: ContentRequest) -> str | None:
    """A short, factual letter; None when the profile is too thin to write one."""
    a = request.applicant
    if not a.name:
        return None
    company = (request.company or "").strip()
    title = (request.job_title or "").strip()
    greeting = f"Dear {company} hiring team," if company else "Dear hiring team,"
    target = f"the {title} position" if title else "this position"
    if company:
        target += f" at {company}"
    paras = [greeting, f"I am writing to apply for {target}."]
    who = []
    if a.current_title and a.current_company:
        who.append(f"I currently work as {a.current_title} at {a.current_company}")
    elif a.current_title:
        who.append(f"I currently work as {a.current_title}")
    if a.years_experience:
        who.append(f"bring {a.years_experience} years of experience")
    skills = _skills_for(request)
    body = ""
    if who:
        body = " and ".join(who) + "."
    if skills:
        body += f" My work centres on {_join(skills)}."
    if a.experience:
        first = a.experience[0]
        if ": " in first:
            head, detail = first.split(": ", 1)
            highlight = detail.split("; ")[0].rstrip(".")
            body += f" Most recently, as {head.split(' (')[0]}, {highlight[0].lower() + highlight[1:]}."
    if body:
        paras[-1] += " " + body.strip()
    paras.append(
        "I would welcome the chance to discuss how my experience fits the role. "
        "Thank you for your time and consideration."
    )
    paras.append(f"Sincerely,\n{a.name}")
    letter = "\n\n".join(paras)
    if request.max_chars and len(letter) > request.max_chars:
        short = "\n\n".join([paras[0], paras[1].split(". ")[0] + ".", paras[-1]])
        return short if len(short) <= request.max_chars else None
    return letter
