"""The queue on SQLite and on a real PostgreSQL: priorities, de-duplication, retries with
backoff, dead letters, caps and rate limits, leases and the submission ledger."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from jobpilot.fleet import tables as t
from jobpilot.fleet.queue import LeaseLost, Queue, QueueConfig
from jobpilot.fleet.store import Conflict, FleetStore, NotFound
from sqlalchemy import select


async def test_priority_tiers_and_fifo(store: FleetStore, fleet: Any) -> None:
    q = Queue(store)
    free, _, fa = await fleet.make_user(store, tier="free", concurrency=3)  # all held at once
    pro, _, pa = await fleet.make_user(store, tier="pro")
    a = await q.enqueue(free, applicant_id=fa["id"], url="https://a.example/jobs/1")
    b = await q.enqueue(free, applicant_id=fa["id"], url="https://a.example/jobs/2", priority="high")
    c = await q.enqueue(pro, applicant_id=pa["id"], url="https://b.example/jobs/1", priority="low")
    d = await q.enqueue(free, applicant_id=fa["id"], url="https://a.example/jobs/3")
    order = [(await q.claim("w")).id for _ in range(4)]  # type: ignore[union-attr]
    assert order == [c["id"], b["id"], a["id"], d["id"]]
    assert await q.claim("w") is None


async def test_same_job_same_applicant_is_never_enqueued_twice(store: FleetStore, fleet: Any) -> None:
    q = Queue(store)
    user, _, applicant = await fleet.make_user(store)
    first = await q.enqueue(
        user, applicant_id=applicant["id"], url="https://Jobs.Example.com/acme/1/?utm_source=x"
    )
    with pytest.raises(Conflict) as err:
        await q.enqueue(
            user, applicant_id=applicant["id"], url="https://jobs.example.com/acme/1#apply", submit=True
        )
    assert err.value.existing == first["id"]
    # Concurrent enqueues of one job: exactly one wins.
    results = await asyncio.gather(
        *[q.enqueue(user, applicant_id=applicant["id"], url="https://x.example/j/9") for _ in range(6)],
        return_exceptions=True,
    )
    assert sum(isinstance(r, dict) for r in results) == 1
    assert all(isinstance(r, Conflict) for r in results if not isinstance(r, dict))
    # Another applicant may apply to the same job; nobody may use someone else's applicant.
    other, _, other_applicant = await fleet.make_user(store)
    await q.enqueue(other, applicant_id=other_applicant["id"], url="https://x.example/j/9")
    with pytest.raises(NotFound):
        await q.enqueue(other, applicant_id=applicant["id"], url="https://x.example/j/10")


async def test_retries_back_off_exponentially_then_dead_letter(store: FleetStore, fleet: Any) -> None:
    q = Queue(store, QueueConfig(backoff_base=10, max_attempts=3))
    user, _, applicant = await fleet.make_user(store)
    job = await q.enqueue(user, applicant_id=applicant["id"], url="https://a.example/jobs/1")
    delays = []
    for n in range(3):
        claim = await q.claim("w")
        assert claim is not None and claim.id == job["id"]
        before = time.time()
        state = await q.fail(claim, f"boom {n}", worker="w")
        row = await q.get(user["id"], job["id"])
        if n < 2:
            assert state == "queued"
            delays.append(row["run_after"] - before)
            assert await q.claim("w") is None  # not before its time
            await _make_due(store, job["id"])
        else:
            assert state == "dead" and row["state"] == "dead"
    assert 9 < delays[0] < 11 and 19 < delays[1] < 21
    row = await q.get(user["id"], job["id"])
    assert row["last_error"] == "boom 2" and row["attempts"] == 3
    # A person puts it back.
    assert (await q.retry_now(user["id"], job["id"]))["state"] == "queued"


async def _make_due(store: FleetStore, job_id: str) -> None:
    from sqlalchemy import update

    async with store.tx() as conn:
        await conn.execute(update(t.jobs).where(t.jobs.c.id == job_id).values(run_after=0))


async def test_daily_cap_and_site_rate_limit(store: FleetStore, fleet: Any) -> None:
    q = Queue(store, QueueConfig(site_limit=2, site_interval=3600))
    user, _, applicant = await fleet.make_user(store, daily_cap=3, concurrency=10)
    jobs = [
        await q.enqueue(user, applicant_id=applicant["id"], url=f"https://{site}/jobs/{n}", submit=True)
        for n, site in enumerate(
            ["acme.example", "acme.example", "acme.example", "beta.example", "gamma.example"]
        )
    ]
    # Submissions in flight count: two for acme, then acme is full; beta fills the daily cap.
    claims = [await q.claim("w") for _ in range(5)]
    got = [c.url for c in claims if c is not None]
    assert sorted(got) == sorted([jobs[0]["url"], jobs[1]["url"], jobs[3]["url"]])
    third = await q.get(user["id"], jobs[2]["id"])
    assert third["state"] == "queued" and "rate limit" in (third["note"] or "")
    # Fill-only applications are not submissions: no cap, no rate limit.
    fill = await q.enqueue(user, applicant_id=applicant["id"], url="https://acme.example/jobs/99")
    claim = await q.claim("w")
    assert claim is not None and claim.id == fill["id"]
    # Submitted ones keep counting for the interval.
    for c in claims:
        if c is not None:
            await q.begin_submit(c, "w")
            await q.finish(c, "submitted", worker="w")
    await _make_due(store, jobs[2]["id"])
    await _make_due(store, jobs[4]["id"])
    assert await q.claim("w") is None
    last = await q.get(user["id"], jobs[4]["id"])
    assert "daily cap" in (last["note"] or "") and last["run_after"] > time.time() + 80_000


async def test_ledger_exactly_once_and_reaper(store: FleetStore, fleet: Any) -> None:
    q = Queue(store, QueueConfig(lease_seconds=0.5))
    user, _, applicant = await fleet.make_user(store)
    fill_job = await q.enqueue(user, applicant_id=applicant["id"], url="https://a.example/1", submit=True)
    sub_job = await q.enqueue(user, applicant_id=applicant["id"], url="https://a.example/2", submit=True)
    c1 = await q.claim("dead-worker")
    c2 = await q.claim("dead-worker")
    assert c1 is not None and c2 is not None
    await q.begin_submit(c2, "dead-worker")  # the click would follow; then the worker dies
    await asyncio.sleep(0.7)
    assert await q.reap() == 2
    j1 = await q.get(user["id"], c1.id)
    j2 = await q.get(user["id"], c2.id)
    assert j1["state"] == "queued" and j1["attempts"] == 1 and "stopped renewing" in j1["last_error"]
    assert j2["state"] == "needs_verification"
    # The dead worker's late calls are refused: it must not click, and it cannot finish a fill.
    with pytest.raises(LeaseLost):
        await q.begin_submit(c1, "dead-worker")
    with pytest.raises(LeaseLost):
        await q.fail(c1, "late", worker="dead-worker")
    # needs_verification is never claimed again automatically.
    c3 = await q.claim("w2")
    assert c3 is not None and c3.id == fill_job["id"]
    assert await q.claim("w2") is None
    # The same key can never be recorded twice.
    c3.generation = c2.generation
    c3.id = c2.id
    with pytest.raises((Conflict, LeaseLost)):
        await q.begin_submit(c3, "w2")
    async with store.engine.connect() as conn:
        keys = (await conn.execute(select(t.submissions.c.idempotency_key))).scalars().all()
    assert keys == [f"{sub_job['id']}:0"]
    # A person resolves it: it did not go through, so it may be submitted again (new key).
    again = await q.resolve(user["id"], sub_job["id"], submitted=False)
    assert again["state"] == "queued" and again["generation"] == 1
    c4 = await q.claim("w2")
    assert c4 is not None and c4.idempotency_key == f"{sub_job['id']}:1"


async def test_hand_off_live_and_parked(store: FleetStore, fleet: Any) -> None:
    q = Queue(store)
    user, _, applicant = await fleet.make_user(store)
    job = await q.enqueue(user, applicant_id=applicant["id"], url="https://a.example/1", submit=True)
    claim = await q.claim("w")
    assert claim is not None
    qid, ready = await q.ask(claim, "Enter the code", kind="question", worker="w")
    assert ready is None
    row = await q.get(user["id"], job["id"])
    assert row["state"] == "needs_user" and row["question"]["live"]
    assert await q.answer_for(claim, qid) is None
    await q.answer(user["id"], job["id"], "ABC123")
    assert await q.answer_for(claim, qid) == "ABC123"
    assert (await q.get(user["id"], job["id"]))["state"] == "running"
    # Nobody answered in time: parked with its question; the answer requeues it, boosted.
    await q.finish(claim, "needs_user", worker="w", question="Enter the code again")
    parked = await q.get(user["id"], job["id"])
    assert (
        parked["state"] == "needs_user" and not parked["question"]["live"] and parked["lease_owner"] is None
    )
    back = await q.answer(user["id"], job["id"], "XYZ789")
    assert back["state"] == "queued" and back["priority"] > row["priority"]
    resumed = await q.claim("w")
    assert resumed is not None and resumed.id == job["id"]
    # The stored answer is handed over when the same question comes up again.
    _, ready = await q.ask(resumed, "Enter the code again", kind="question", worker="w")
    assert ready == "XYZ789"
    with pytest.raises(Conflict):
        await q.answer(user["id"], job["id"], "nothing is asked now")


async def test_concurrent_claimers_never_share_an_application(store: FleetStore, fleet: Any) -> None:
    q = Queue(store)
    user, _, applicant = await fleet.make_user(store, daily_cap=1000, concurrency=40)
    for n in range(40):
        await q.enqueue(user, applicant_id=applicant["id"], url=f"https://s{n % 7}.example/j/{n}")
    claimed: list[str] = []

    async def claimer(name: str) -> None:
        while (c := await q.claim(name)) is not None:
            claimed.append(c.id)

    await asyncio.gather(*[claimer(f"w{i}") for i in range(6)])
    assert len(claimed) == 40 and len(set(claimed)) == 40


async def test_question_after_the_submit_click_never_goes_back_to_running(
    store: FleetStore, fleet: Any
) -> None:
    q = Queue(store, QueueConfig(lease_seconds=0.5))
    user, _, applicant = await fleet.make_user(store)
    job = await q.enqueue(user, applicant_id=applicant["id"], url="https://a.example/code", submit=True)
    claim = await q.claim("w")
    assert claim is not None
    await q.begin_submit(claim, "w")
    # Asked and answered live: submitting -> needs_user -> submitting.
    qid, _ = await q.ask(claim, "Enter the code", kind="question", worker="w", page_url="https://a.example/v")
    row = await q.get(user["id"], job["id"])
    assert row["state"] == "needs_user" and row["question"]["after_submit"] is True
    assert (await q.answer(user["id"], job["id"], "ABCD1234"))["state"] == "submitting"
    assert await q.answer_for(claim, qid) == "ABCD1234"
    assert (await q.get(user["id"], job["id"]))["state"] == "submitting"
    # A failure after the click is never retried.
    with pytest.raises(LeaseLost):
        await q.fail(claim, "boom", worker="w")
    # Asked again, answered through answer_for (the worker's poll): submitting again.
    qid, _ = await q.ask(claim, "Enter the new code", kind="question", worker="w")
    from sqlalchemy import update

    row = await q.get(user["id"], job["id"])
    answers = [*row["answers"], {"question_id": qid, "answer": "EFGH5678", "used": False}]
    async with store.tx() as conn:  # the person's answer, as Queue.answer stores it
        await conn.execute(update(t.jobs).where(t.jobs.c.id == job["id"]).values(answers=answers))
    assert await q.answer_for(claim, qid) == "EFGH5678"
    assert (await q.get(user["id"], job["id"]))["state"] == "submitting"
    # The worker dies while waiting for a third answer: needs_verification, not a retry.
    await q.ask(claim, "Enter the third code", kind="question", worker="w")
    await asyncio.sleep(0.7)
    assert await q.reap() == 1
    row = await q.get(user["id"], job["id"])
    assert row["state"] == "needs_verification" and row["question"] is None
    assert await q.claim("w2") is None


async def test_parked_question_after_the_click_is_claimed_into_submitting(
    store: FleetStore, fleet: Any
) -> None:
    q = Queue(store, QueueConfig(site_limit=1))
    user, _, applicant = await fleet.make_user(store)
    job = await q.enqueue(user, applicant_id=applicant["id"], url="https://a.example/code", submit=True)
    claim = await q.claim("w")
    assert claim is not None
    await q.begin_submit(claim, "w")
    await q.ask(claim, "Enter the code", kind="question", worker="w", page_url="https://a.example/verify")
    # Nobody answered in time: parked after the click.
    await q.finish(
        claim,
        "needs_user",
        worker="w",
        question="Enter the code",
        question_kind="question",
        page_url="https://a.example/verify",
    )
    parked = await q.get(user["id"], job["id"])
    assert parked["question"]["after_submit"] is True and not parked["question"]["live"]
    with pytest.raises(Conflict):
        await q.cancel(user["id"], job["id"])
    assert (await q.answer(user["id"], job["id"], "ABCD1234"))["state"] == "queued"
    # Claimed straight into submitting (the site limit of 1 is this very submission).
    again = await q.claim("w2")
    assert again is not None and again.after_click and again.resume_url == "https://a.example/verify"
    assert (await q.get(user["id"], job["id"]))["state"] == "submitting"
    _, ready = await q.ask(again, "Enter the code", kind="question", worker="w2")
    assert ready == "ABCD1234"
    with pytest.raises(Conflict):
        await q.begin_submit(again, "w2")  # a second click is impossible
    await q.finish(again, "submitted", worker="w2")
    async with store.engine.connect() as conn:
        subs = (await conn.execute(select(t.submissions))).mappings().all()
    assert [(s["state"], s["worker"]) for s in subs] == [("confirmed", "w2")]


async def test_captcha_answers_are_never_replayed(store: FleetStore, fleet: Any) -> None:
    q = Queue(store)
    user, _, applicant = await fleet.make_user(store)
    job = await q.enqueue(user, applicant_id=applicant["id"], url="https://a.example/c", submit=True)
    claim = await q.claim("w")
    assert claim is not None
    question = "Solve the hcaptcha CAPTCHA on https://a.example/c and paste its response token"
    await q.ask(claim, question, kind="captcha", worker="w")
    await q.hand_back(claim, worker="w")  # parked with its question
    await q.answer(user["id"], job["id"], "P0-token-for-the-old-page")
    resumed = await q.claim("w")
    assert resumed is not None
    qid, ready = await q.ask(resumed, question, kind="captcha", worker="w")
    assert ready is None and qid  # asked again: the old token belonged to the old page
    row = await q.get(user["id"], job["id"])
    assert row["state"] == "needs_user" and row["question"]["kind"] == "captcha"


async def test_answers_to_empty_required_fields_are_saved_in_the_profile(
    store: FleetStore, fleet: Any
) -> None:
    q = Queue(store)
    user, _, applicant = await fleet.make_user(store)
    job = await q.enqueue(user, applicant_id=applicant["id"], url="https://a.example/e", submit=True)
    claim = await q.claim("w")
    assert claim is not None
    await q.finish(claim, "needs_user", worker="w", question="required field left empty: Shoe size")
    await q.answer(user["id"], job["id"], "44", fields={"Favourite colour": "teal"})
    answers = {a.question: a.answer for a in (await store.profile_of(applicant["id"])).application.answers}
    assert answers["Shoe size"] == "44" and answers["Favourite colour"] == "teal"
    await q.cancel(user["id"], job["id"])  # out of the way of the next claims
    # A later answer to the same question replaces the saved one.
    other = await q.enqueue(user, applicant_id=applicant["id"], url="https://b.example/e", submit=True)
    claim = await q.claim("w")
    assert claim is not None and claim.id == other["id"]
    await q.finish(claim, "needs_user", worker="w", question="required field left empty: shoe  size")
    await q.answer(user["id"], other["id"], "45")
    await q.cancel(user["id"], other["id"])
    saved = (await store.profile_of(applicant["id"])).application.answers
    assert [a.answer for a in saved if a.question.lower().replace(" ", "") == "shoesize"] == ["45"]
    # Other questions teach nothing.
    n = len(saved)
    third = await q.enqueue(user, applicant_id=applicant["id"], url="https://c.example/e", submit=True)
    claim = await q.claim("w")
    assert claim is not None and claim.id == third["id"]
    await q.finish(claim, "needs_user", worker="w", question="Enter the code Greenhouse e-mailed")
    await q.answer(user["id"], third["id"], "ABCD1234")
    assert len((await store.profile_of(applicant["id"])).application.answers) == n


async def test_a_question_after_the_click_holds_one_slot_of_the_site_limit(
    store: FleetStore, fleet: Any
) -> None:
    q = Queue(store, QueueConfig(site_limit=2))
    user, _, applicant = await fleet.make_user(store)
    first = await q.enqueue(user, applicant_id=applicant["id"], url="https://a.example/jobs/1", submit=True)
    second = await q.enqueue(user, applicant_id=applicant["id"], url="https://a.example/jobs/2", submit=True)
    claim = await q.claim("w")
    assert claim is not None and claim.id == first["id"]
    await q.begin_submit(claim, "w")
    await q.ask(claim, "Enter the code", kind="question", worker="w")
    # The first counts once (its ledger row), so the second still fits under the limit of 2.
    other = await q.claim("w")
    assert other is not None and other.id == second["id"]
