"""The employer key of the per-site rate limit (``site_of``) and the job identity of
de-duplication (``normalise_url``): multi-tenant ATS hosts are many employers, Greenhouse's
two board hosts are one job."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.fleet.queue import Queue, QueueConfig
from jobpilot.fleet.store import Conflict, FleetStore, job_key, normalise_url
from jobpilot.storage.db import registrable_host, site_of


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://boards.greenhouse.io/acme/jobs/123", "boards.greenhouse.io/acme"),
        ("https://job-boards.greenhouse.io/Acme/jobs/123?gh_src=x", "boards.greenhouse.io/acme"),
        ("https://boards.greenhouse.io/globex/jobs/9", "boards.greenhouse.io/globex"),
        ("https://job-boards.eu.greenhouse.io/acme/jobs/1", "boards.eu.greenhouse.io/acme"),
        ("https://boards.greenhouse.io/embed/job_app?for=initech&token=5", "boards.greenhouse.io/initech"),
        ("https://jobs.lever.co/acme/1b2c-3d/apply", "jobs.lever.co/acme"),
        ("https://jobs.eu.lever.co/globex/77", "jobs.eu.lever.co/globex"),
        ("https://jobs.ashbyhq.com/acme/0e1f/application", "jobs.ashbyhq.com/acme"),
        ("https://acme.wd5.myworkdayjobs.com/en-US/External/job/Berlin/X_R1", "acme.wd5.myworkdayjobs.com"),
        ("https://globex.wd1.myworkdayjobs.com/careers", "globex.wd1.myworkdayjobs.com"),
        ("https://wd3.myworkdaysite.com/recruiting/acme/External/job/X", "wd3.myworkdaysite.com/acme"),
        ("https://wd3.myworkdaysite.com/en-US/recruiting/Globex/Site", "wd3.myworkdaysite.com/globex"),
        ("https://apply.workable.com/acme/j/ABC123/", "apply.workable.com/acme"),
        ("https://jobs.smartrecruiters.com/Acme/743999-engineer", "jobs.smartrecruiters.com/acme"),
        ("https://acme.bamboohr.com/careers/12", "acme.bamboohr.com"),
        ("https://www.acme.com/careers/1", "acme.com"),
        ("https://careers.acme.com/jobs/1", "acme.com"),
        ("https://jobs.acme.co.uk/1", "acme.co.uk"),
        ("http://127.0.0.1:8123/jobs/1", "127.0.0.1"),
        ("https://boards.greenhouse.io/", "boards.greenhouse.io"),
    ],
)
def test_site_key_names_the_employer(url: str, key: str) -> None:
    assert site_of(url) == key


def test_employers_on_one_ats_host_have_different_keys() -> None:
    hosts = {site_of(f"https://boards.greenhouse.io/{c}/jobs/1") for c in ("acme", "globex", "initech")}
    assert len(hosts) == 3
    assert site_of("https://boards.greenhouse.io/acme/jobs/1") == site_of(
        "https://job-boards.greenhouse.io/acme/jobs/2"
    )


def test_registrable_host() -> None:
    assert registrable_host("a.b.example.com") == "example.com"
    assert registrable_host("shop.example.com.au") == "example.com.au"
    assert registrable_host("localhost") == "localhost"
    assert registrable_host("10.0.0.7") == "10.0.0.7"


def test_greenhouse_board_hosts_are_the_same_job() -> None:
    a = "https://boards.greenhouse.io/acme/jobs/123"
    b = "https://job-boards.greenhouse.io/acme/jobs/123/?utm_source=linkedin"
    assert normalise_url(a) == normalise_url(b) and job_key(a) == job_key(b)
    eu = "https://job-boards.eu.greenhouse.io/acme/jobs/123"
    assert normalise_url(eu) == normalise_url("https://boards.eu.greenhouse.io/acme/jobs/123")
    assert job_key(eu) != job_key(a)  # another region, another board
    assert job_key(a) != job_key("https://boards.greenhouse.io/acme/jobs/124")


async def test_rate_limit_is_per_employer_not_per_ats_host(store: FleetStore, fleet: Any) -> None:
    q = Queue(store, QueueConfig(site_limit=1, site_interval=3600))
    user, _, applicant = await fleet.make_user(store, daily_cap=100, concurrency=10)
    urls = [
        "https://boards.greenhouse.io/acme/jobs/1",
        "https://job-boards.greenhouse.io/acme/jobs/2",
        "https://boards.greenhouse.io/globex/jobs/1",
        "https://jobs.lever.co/acme/1",
    ]
    jobs = [await q.enqueue(user, applicant_id=applicant["id"], url=u, submit=True) for u in urls]
    claimed = []
    while (c := await q.claim("w")) is not None:
        claimed.append(c.url)
    # One per employer: acme's second Greenhouse job waits, the other employers do not.
    assert sorted(claimed) == sorted([urls[0], urls[2], urls[3]])
    waiting = await q.get(user["id"], jobs[1]["id"])
    assert waiting["state"] == "queued" and "boards.greenhouse.io/acme" in (waiting["note"] or "")
    with pytest.raises(Conflict):  # the same job on the other board host is a duplicate
        await q.enqueue(
            user, applicant_id=applicant["id"], url="https://job-boards.greenhouse.io/acme/jobs/1"
        )
