"""The 2Captcha plugin against a local server speaking both of the service's APIs."""

from __future__ import annotations

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
        assert twocaptcha.requests[1]["action"] == "get" and twocaptcha.requests[1]["id"] == "2122988149"
    assert s.ledger.spent_today() == pytest.approx(got.cost)


@pytest.mark.parametrize("api", ["task", "legacy"])
async def test_task_kinds(twocaptcha: Any, tmp_path: Path, api: str) -> None:
    s = solver(twocaptcha, tmp_path, api)
    twocaptcha.not_ready = 0
    for kind, invisible in (
        ("hcaptcha", False),
        ("turnstile", False),
        ("recaptcha_v3", True),
        ("recaptcha_v2", True),
    ):
        twocaptcha.polls = 0
        c = V2.model_copy(update={"kind": kind, "invisible": invisible})
        assert await s.solve_captcha(None, c) is not None
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
