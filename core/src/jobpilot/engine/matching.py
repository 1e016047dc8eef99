"""Job matching: saved jobs ranked for a profile by embeddings, with the ATS keyword score.

The resume side is the profile's non-sensitive facts (``content.applicant_facts``), the
same allow-list content providers get, so a remote embedder never sees EEO, visa or salary
answers. Vectors are stored per embedder (``storage.matching``) and only recomputed when
the text changed.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from jobpilot.engine.content import applicant_facts, summary_text
from jobpilot.errors import UsageError
from jobpilot.models.profile import Profile
from jobpilot.models.providers import Job, MatchScore
from jobpilot.plugins import PluginManager
from jobpilot.storage.matching import MatchStore, SavedJob, digest

KEYWORD_WEIGHT = 0.5
"""Share of the keyword score in the combined rank (the rest is embedding similarity)."""


@dataclass(frozen=True)
class MatchResult:
    job: SavedJob
    similarity: float
    keywords: MatchScore | None
    score: float


def resume_text(profile: Profile) -> str:
    return summary_text(applicant_facts(profile))


def job_text(job: Job) -> str:
    return "\n".join(p for p in (job.title, job.company, job.description) if p)


def embedder(pm: PluginManager, name: str) -> Any:
    found = {getattr(e, "name", ""): e for e in pm.providers("register_embedders")}
    if name not in found:
        raise UsageError(
            f"no embedder named {name!r} is installed",
            hint=f"installed: {', '.join(sorted(found)) or 'none'}; set [ai] embedder in config.toml",
        )
    return found[name]


def keyword_score(pm: PluginManager, profile: Profile, job: Job) -> MatchScore | None:
    """The first plugin's score (``score_match`` is a first-result hook)."""
    for _, score in pm.call_each(
        "score_match", check=MatchScore.model_validate, first=True, profile=profile, job=job
    ):
        return score
    return None


async def rank(
    pm: PluginManager,
    store: MatchStore,
    profile: Profile,
    *,
    profile_name: str,
    embedder_name: str = "offline",
    limit: int = 20,
) -> list[MatchResult]:
    """Saved jobs, best match first."""
    emb = embedder(pm, embedder_name)
    jobs = {j.id: j for j in await store.jobs()}
    if not jobs:
        return []
    have = await store.stored_digests("job", emb.name)
    stale = [j for j in jobs.values() if have.get(j.id) != digest(job_text(j.job))]
    if stale:
        vectors = await emb.embed([job_text(j.job) for j in stale])
        for j, v in zip(stale, vectors, strict=True):
            await store.put_vector(
                kind="job", owner=j.id, embedder=emb.name, text_digest=digest(job_text(j.job)), vector=v
            )
    rtext = resume_text(profile)
    rdigest = digest(rtext)
    mine = await store.stored_digests("resume", emb.name)
    query = await store.get_vector(kind="resume", owner=profile_name, embedder=emb.name)
    if query is None or mine.get(profile_name) != rdigest:
        (query,) = await emb.embed([rtext])
        await store.put_vector(
            kind="resume", owner=profile_name, embedder=emb.name, text_digest=rdigest, vector=query
        )
    out = []
    for jid, sim in await store.nearest_jobs(query, embedder=emb.name, limit=max(limit, len(jobs))):
        job = jobs.get(jid)
        if job is None:
            continue
        kw = keyword_score(pm, profile, job.job)
        combined = (1 - KEYWORD_WEIGHT) * max(sim, 0.0) + KEYWORD_WEIGHT * (kw.score if kw else 0.0)
        out.append(MatchResult(job=job, similarity=sim, keywords=kw, score=round(combined, 4)))
    out.sort(key=lambda r: r.score, reverse=True)
    return out[:limit]


# --- reading a job posting ------------------------------------------------------------------


class _Text(HTMLParser):
    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "nav", "footer", "header", "form"})
    BLOCK = frozenset(
        {"p", "div", "li", "br", "h1", "h2", "h3", "h4", "section", "article", "tr", "ul", "ol"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title = ""
        self.in_title = False
        self.meta: dict[str, str] = {}
        self.ld: list[str] = []
        self.in_ld = False
        self.h1 = ""
        self.in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self.in_ld = True
            self.ld.append("")
        if tag in self.SKIP:
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.meta[key.lower()] = a.get("content", "")
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag == "script":
            self.in_ld = False
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_ld:
            self.ld[-1] += data
            return
        if self.in_title:
            self.title += data
        if self.in_h1:
            self.h1 += data
        if not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        raw = "".join(self.parts)
        lines = [re.sub(r"[ \t\xa0]+", " ", ln).strip() for ln in raw.splitlines()]
        return "\n".join(ln for ln in lines if ln)


def _html_to_text(fragment: str) -> str:
    p = _Text()
    p.feed(fragment)
    return p.text()


def _posting(ld_blocks: list[str]) -> dict[str, Any] | None:
    for block in ld_blocks:
        try:
            data = json.loads(block)
        except ValueError:
            continue
        items = (
            data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        )
        for item in items:
            if isinstance(item, dict) and item.get("@type") in ("JobPosting", ["JobPosting"]):
                return item
    return None


def job_from_html(url: str, page: str) -> Job:
    """A job from a posting page: schema.org ``JobPosting`` data when the page has it (most
    ATS pages do), else its title, headline and visible text."""
    p = _Text()
    p.feed(page)
    posting = _posting(p.ld)
    if posting is not None:
        org = posting.get("hiringOrganization") or {}
        return Job(
            url=url,
            title=html.unescape(str(posting.get("title") or "")).strip(),
            company=str(org.get("name") if isinstance(org, dict) else org or "").strip(),
            description=_html_to_text(html.unescape(str(posting.get("description") or ""))),
        )
    title = p.meta.get("og:title") or p.h1.strip() or p.title.strip()
    company = p.meta.get("og:site_name", "")
    return Job(url=url, title=title.strip(), company=company.strip(), description=p.text())


async def load_job(source: str, *, title: str | None = None, company: str | None = None) -> Job:
    """A job from a URL (fetched), an HTML/JSON/text file, with optional overrides."""
    if re.match(r"https?://", source):
        import aiohttp

        try:
            async with (
                aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http,
                http.get(source, headers={"User-Agent": "JobPilot (job saved by its user)"}) as resp,
            ):
                if resp.status >= 400:
                    raise UsageError(
                        f"{source} answered HTTP {resp.status}",
                        hint="check the URL, or save the page and add the file",
                    )
                body = await resp.text(errors="replace")
        except aiohttp.ClientError as exc:
            raise UsageError(
                f"could not fetch {source}: {exc}", hint="save the page and add the file instead"
            ) from exc
        job = job_from_html(source, body)
    else:
        path = Path(source).expanduser()
        if not path.is_file():
            raise UsageError(
                f"{source} is neither a URL nor a file",
                hint="pass https://... or a saved .html/.txt/.json file",
            )
        body = path.read_text("utf-8", errors="replace")
        url = path.resolve().as_uri()
        if path.suffix.lower() in (".html", ".htm"):
            job = job_from_html(url, body)
        elif path.suffix.lower() == ".json":
            try:
                data = json.loads(body)
            except ValueError as exc:
                raise UsageError(f"{source} is not valid JSON: {exc}", hint="fix the file") from exc
            posting = _posting([body])
            if posting is not None:
                job = job_from_html(url, f'<script type="application/ld+json">{body}</script>')
            else:
                job = Job.model_validate({"url": url, **data})
        else:
            first, _, rest = body.strip().partition("\n")
            job = Job(url=url, title=first.strip(), description=rest.strip() or first.strip())
    update = {k: v for k, v in (("title", title), ("company", company)) if v}
    job = job.model_copy(update=update)
    if not (job.title or job.description):
        raise UsageError(
            f"found no job title or description in {source}", hint="pass --title, or add a text file"
        )
    return job
