"""The 2Captcha plugin against a local server speaking both of the service's APIs."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from jobpilot.models.providers import CaptchaChallenge
from jobpilot_captcha_twocaptcha import Ledger, TwoCaptchaSolver

V2 = CaptchaChallenge(
    kind="recaptcha_v2",
    blocking=True,
    sitekey="6Lc-site-key",
    ref="r1",
    page_url="https://jobs.example.com/apply",
)


def solver(server: Any, home: Path, api: str = "task", **kw: Any) -> TwoCaptchaSolver:
    opts: dict[str, Any] = {
        "api_key": server.key,
        "api": api,
        "base_url": server.base_url,
        "poll_interval": 0.01,
        "first_poll": 0.0,
        "timeout": 5.0,
        "ledger": Ledger(home / "spend.json"),
    }
    opts.update(kw)
    return TwoCaptchaSolver(**opts)


@pytest.mark.parametrize("api", ["task", "legacy"])
async def test_solves_after_polling(twocaptcha: Any, tmp_path: Path, token: str, api: str) -> None:
    s = solver(twocaptcha, tmp_path, api)
    got = await s.solve_captcha(None, V2)
    assert got is not None and got.token == token and got.solver == "twocaptcha"
    paths = [r["path"] for r in twocaptcha.requests]
    if api == "task":
        assert paths == ["createTask"] + ["getTaskResult"] * 3  # two "processing", then ready
        task = twocaptcha.requests[0]["task"]
        assert task == {
            "type": "RecaptchaV2TaskProxyless",
            "websiteURL": V2.page_url,
            "websiteKey": "6Lc-site-key",
        }
        assert got.cost == pytest.approx(0.00299)
    else:
        assert paths == ["in.php"] + ["res.php"] * 3  # CAPCHA_NOT_READY twice
        sent = twocaptcha.requests[0]
        assert (sent["method"], sent["googlekey"], sent["pageurl"], sent["json"]) == (
            "userrecaptcha",
            "6Lc-site-key",
            V2.page_url,
            "1",
        )
        assert twocaptcha.requests[1]["action"] == "get2" and twocaptcha.requests[1]["id"] == "2122988149"
        assert got.cost == pytest.approx(0.00145)  # the price res.php reported, not the estimate
    assert s.ledger.spent_today() == pytest.approx(got.cost)


@pytest.mark.parametrize("api", ["task", "legacy"])
async def test_task_kinds(twocaptcha: Any, tmp_path: Path, api: str, tokens: dict[str, str]) -> None:
    """Each kind is sent as its own task type and its token read from the field the service
    uses for that type (Turnstile has no gRecaptchaResponse at all)."""
    s = solver(twocaptcha, tmp_path, api)
    twocaptcha.not_ready = 0
    for kind, invisible, vendor in (
        ("hcaptcha", False, "hcaptcha"),
        ("turnstile", False, "turnstile"),
        ("recaptcha_v3", True, "recaptcha"),
        ("recaptcha_v2", True, "recaptcha"),
    ):
        twocaptcha.polls = 0
        c = V2.model_copy(update={"kind": kind, "invisible": invisible})
        got = await s.solve_captcha(None, c)
        assert got is not None and got.token == tokens[vendor], (kind, s.last_error)
    sent = [r for r in twocaptcha.requests if r["path"] in ("createTask", "in.php")]
    if api == "task":
        assert [r["task"]["type"] for r in sent] == [
            "HCaptchaTaskProxyless",
            "TurnstileTaskProxyless",
            "RecaptchaV3TaskProxyless",
            "RecaptchaV2TaskProxyless",
        ]
        assert sent[2]["task"]["minScore"] == 0.7 and sent[3]["task"]["isInvisible"] is True
    else:
        assert [r["method"] for r in sent] == ["hcaptcha", "turnstile", "userrecaptcha", "userrecaptcha"]
        assert (
            sent[0]["sitekey"] == "6Lc-site-key"
            and sent[2]["version"] == "v3"
            and sent[3]["invisible"] == "1"
        )


@pytest.mark.parametrize("api", ["task", "legacy"])
async def test_zero_balance_gives_no_solution(twocaptcha: Any, tmp_path: Path, api: str) -> None:
    twocaptcha.create_error = "ERROR_ZERO_BALANCE"
    s = solver(twocaptcha, tmp_path, api)
    assert await s.solve_captcha(None, V2) is None
    assert s.last_error is not None and "ERROR_ZERO_BALANCE" in s.last_error
    assert len(twocaptcha.requests) == 1 and s.ledger.spent_today() == 0


@pytest.mark.parametrize("api", ["task", "legacy"])
async def test_wrong_key_and_unsolvable(twocaptcha: Any, tmp_path: Path, api: str) -> None:
    s = solver(twocaptcha, tmp_path, api, api_key="wrong")
    assert await s.solve_captcha(None, V2) is None and "KEY" in (s.last_error or "")
    twocaptcha.result_error = "ERROR_CAPTCHA_UNSOLVABLE"
    s = solver(twocaptcha, tmp_path, api)
    assert await s.solve_captcha(None, V2) is None and "UNSOLVABLE" in (s.last_error or "")


@pytest.mark.parametrize("api", ["task", "legacy"])
async def test_no_slot_is_retried(twocaptcha: Any, tmp_path: Path, token: str, api: str) -> None:
    twocaptcha.no_slot = 2
    got = await solver(twocaptcha, tmp_path, api).solve_captcha(None, V2)
    assert got is not None and got.token == token


@pytest.mark.parametrize("api", ["task", "legacy"])
async def test_timeout(twocaptcha: Any, tmp_path: Path, api: str) -> None:
    twocaptcha.never_ready = True
    s = solver(twocaptcha, tmp_path, api, timeout=0.3, poll_interval=0.05)
    started = time.monotonic()
    assert await s.solve_captcha(None, V2) is None
    assert time.monotonic() - started < 1.5 and "no solution within" in (s.last_error or "")


async def test_cost_limits(twocaptcha: Any, tmp_path: Path) -> None:
    # A CAPTCHA priced above max_cost is never sent.
    s = solver(twocaptcha, tmp_path, max_cost=0.001)
    assert await s.solve_captcha(None, V2) is None and "max_cost" in (s.last_error or "")
    assert twocaptcha.requests == []
    # The daily budget counts what was really spent.
    s = solver(twocaptcha, tmp_path, daily_budget=0.005)
    twocaptcha.not_ready = 0
    assert await s.solve_captcha(None, V2) is not None  # 0.00299 spent
    twocaptcha.polls = 0
    assert await s.solve_captcha(None, V2) is None and "daily_budget" in (s.last_error or "")
    assert sum(1 for r in twocaptcha.requests if r["path"] == "createTask") == 1
    # The ledger is shared by solver instances (it lives in a file).
    assert solver(twocaptcha, tmp_path).ledger.spent_today() == pytest.approx(0.00299)


async def test_refuses_what_it_cannot_do(twocaptcha: Any, tmp_path: Path) -> None:
    s = solver(twocaptcha, tmp_path)
    assert await s.solve_captcha(None, V2.model_copy(update={"kind": "image"})) is None
    assert await s.solve_captcha(None, V2.model_copy(update={"sitekey": None})) is None
    assert await solver(twocaptcha, tmp_path, api_key=None).solve_captcha(None, V2) is None
    assert twocaptcha.requests == []
    with pytest.raises(ValueError, match="task' or 'legacy"):
        solver(twocaptcha, tmp_path, api="v3")


def test_settings(captcha_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (captcha_home / "config.toml").write_text(
        '[captcha]\nsolver = "twocaptcha"\n[plugins.twocaptcha]\napi_key = "k"\napi = "legacy"\n'
        "max_cost = 0.01\ndaily_budget = 2\n[plugins.twocaptcha.prices]\nhcaptcha = 0.002\n"
    )
    monkeypatch.delenv("TWOCAPTCHA_API_KEY", raising=False)
    monkeypatch.delenv("TWOCAPTCHA_BASE_URL", raising=False)
    monkeypatch.delenv("JOBPILOT_CAPTCHA_SOLVER", raising=False)
    from jobpilot.config import load_settings

    assert load_settings().captcha_solver == "twocaptcha"
    s = TwoCaptchaSolver.from_settings()
    assert (s.api_key, s.api, s.base_url, s.max_cost, s.daily_budget) == (
        "k",
        "legacy",
        "https://2captcha.com",
        0.01,
        2.0,
    )
    assert s.prices["hcaptcha"] == 0.002 and s.ledger.path.parent == captcha_home


@pytest.mark.parametrize("api", ["task", "legacy"])
async def test_turnstile_action_and_cdata_are_sent(
    twocaptcha: Any, tmp_path: Path, api: str, tokens: dict[str, str]
) -> None:
    """A site that sets action/cData rejects a token made without them: they are passed on,
    and left out when the widget has none."""
    twocaptcha.not_ready = 0
    s = solver(twocaptcha, tmp_path, api)
    c = CaptchaChallenge(
        kind="turnstile",
        blocking=True,
        sitekey="0x4AAAAAAA-site",
        page_url="https://jobs.example.com/apply",
        action="apply",
        cdata="sess-42",
    )
    got = await s.solve_captcha(None, c)
    assert got is not None and got.token == tokens["turnstile"]
    twocaptcha.polls = 0
    assert await s.solve_captcha(None, V2.model_copy(update={"kind": "turnstile"})) is not None
    sent = [r for r in twocaptcha.requests if r["path"] in ("createTask", "in.php")]
    if api == "task":
        assert (sent[0]["task"]["action"], sent[0]["task"]["data"]) == ("apply", "sess-42")
        assert "action" not in sent[1]["task"] and "data" not in sent[1]["task"]
    else:
        assert (sent[0]["method"], sent[0]["action"], sent[0]["data"]) == ("turnstile", "apply", "sess-42")
        assert "action" not in sent[1] and "data" not in sent[1]


@pytest.mark.parametrize("api", ["task", "legacy"])
async def test_concurrent_solves_never_overspend_the_daily_budget(
    twocaptcha: Any, tmp_path: Path, api: str
) -> None:
    """Eight solves at once (separate solver instances sharing the data directory, as
    parallel applications do) with room in the budget for three: the price is reserved
    before each task is created, so only three tasks reach the service."""
    twocaptcha.not_ready = 1
    twocaptcha.create_delay = 0.05  # the solves overlap on the server
    twocaptcha.cost = "0.003"
    twocaptcha.price = "0.003"
    budget = 0.0095  # three at 0.003 each fit, a fourth does not
    solvers = [solver(twocaptcha, tmp_path, api, daily_budget=budget) for _ in range(8)]
    results = await asyncio.gather(*(s.solve_captcha(None, V2) for s in solvers))
    solved = [r for r in results if r is not None]
    created = [r for r in twocaptcha.requests if r["path"] in ("createTask", "in.php")]
    assert len(solved) == 3 and len(created) == 3
    refused = [s for s, r in zip(solvers, results, strict=True) if r is None]
    assert all("daily_budget" in (s.last_error or "") for s in refused)
    spent = Ledger(tmp_path / "spend.json").spent_today()
    assert spent == pytest.approx(0.009) and spent <= budget


@pytest.mark.parametrize("api", ["task", "legacy"])
async def test_a_refused_task_releases_its_reservation(twocaptcha: Any, tmp_path: Path, api: str) -> None:
    """The service took no task (zero balance) or could not solve it: nothing is billed, so
    the held price goes back to the budget and the next CAPTCHA can use it."""
    s = solver(twocaptcha, tmp_path, api, daily_budget=0.003)
    twocaptcha.create_error = "ERROR_ZERO_BALANCE"
    assert await s.solve_captcha(None, V2) is None
    assert s.ledger.spent_today() == 0
    twocaptcha.create_error = None
    twocaptcha.result_error = "ERROR_CAPTCHA_UNSOLVABLE"
    assert await s.solve_captcha(None, V2) is None and "UNSOLVABLE" in (s.last_error or "")
    assert s.ledger.spent_today() == 0
    twocaptcha.result_error = None
    twocaptcha.cost = twocaptcha.price = "0.003"
    assert await s.solve_captcha(None, V2) is not None  # the budget is still all there


async def test_giving_up_on_an_accepted_task_keeps_its_price(twocaptcha: Any, tmp_path: Path) -> None:
    """We stop waiting, but the service may still solve and bill the task: the reservation
    stays, so the budget never undercounts."""
    twocaptcha.never_ready = True
    s = solver(twocaptcha, tmp_path, timeout=0.2, poll_interval=0.02, daily_budget=0.005)
    assert await s.solve_captcha(None, V2) is None and "no solution within" in (s.last_error or "")
    assert s.ledger.spent_today() == pytest.approx(0.003)


_RESERVE_LOOP = """
import sys
from pathlib import Path
from jobpilot_captcha_twocaptcha import Ledger
ledger = Ledger(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()  # start together
got = sum(ledger.reserve(0.001, 0.2) is not None for _ in range(int(sys.argv[2])))
print(got)
"""


async def test_the_ledger_is_shared_safely_by_processes(tmp_path: Path) -> None:
    """Three processes reserving against one budget at once: exactly the budget is handed
    out (a lost update would hand out more), and the file stays whole JSON."""
    path = tmp_path / "spend.json"
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            _RESERVE_LOOP,
            str(path),
            "120",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        for _ in range(3)
    ]
    for p in procs:  # all imported before any starts
        assert p.stdout is not None
        assert (await asyncio.wait_for(p.stdout.readline(), 60)).strip() == b"ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write(b"go\n")
        await p.stdin.drain()
    outs = [await p.communicate() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    granted = sum(int(out.decode()) for out, _ in outs)
    assert granted == 200  # 0.2 / 0.001, of 360 asked
    assert Ledger(path).spent_today() == pytest.approx(0.2)
    assert json.loads(path.read_text())  # whole, parseable
