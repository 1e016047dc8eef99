"""An opt-in CAPTCHA solver for services that speak the 2Captcha API, with your own key.

JobPilot leaves every blocking CAPTCHA to the person unless they opt into a solver:
``[captcha] solver = "twocaptcha"`` (or ``JOBPILOT_CAPTCHA_SOLVER=twocaptcha``). Both of the
service's documented APIs are spoken:

* ``api = "task"`` (default): ``POST /createTask`` then ``POST /getTaskResult`` (JSON);
* ``api = "legacy"``: ``POST /in.php`` then ``GET /res.php?action=get`` (with ``json=1``).

Configuration (``config.toml``; environment variables win)::

    [plugins.twocaptcha]
    api_key = "..."                      # TWOCAPTCHA_API_KEY
    api = "task"                         # or "legacy"
    base_url = "https://api.2captcha.com"   # task API host; legacy default https://2captcha.com
    timeout = 180                        # seconds per CAPTCHA, polling included
    poll_interval = 5                    # seconds between result polls
    max_cost = 0.005                     # USD per CAPTCHA at most (estimated from [prices])
    daily_budget = 0.50                  # USD per day at most (spent so far kept in the data dir)

    [plugins.twocaptcha.prices]          # USD per CAPTCHA, used for the cost limit
    recaptcha_v2 = 0.003

Solves reCAPTCHA v2 (checkbox and invisible), reCAPTCHA v3, hCaptcha and Turnstile by site
key; image CAPTCHAs stay with the person. Any error (zero balance, a bad key, an unsolvable
CAPTCHA, a timeout, the cost limit) gives None: the person solves it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from jobpilot import hookimpl
from jobpilot.config import home, plugin_settings
from jobpilot.models.providers import CaptchaChallenge, CaptchaSolution

log = logging.getLogger("jobpilot_captcha_twocaptcha")

__all__ = ["SolverError", "TwoCaptchaSolver"]

PRICES = {"recaptcha_v2": 0.003, "recaptcha_v3": 0.003, "hcaptcha": 0.003, "turnstile": 0.003}
"""Default price per CAPTCHA in USD (2Captcha's list prices, rounded up), for the cost limit."""
TASK_TYPES = {
    "recaptcha_v2": "RecaptchaV2TaskProxyless",
    "recaptcha_v3": "RecaptchaV3TaskProxyless",
    "hcaptcha": "HCaptchaTaskProxyless",
    "turnstile": "TurnstileTaskProxyless",
}
LEGACY_METHODS = {
    "recaptcha_v2": "userrecaptcha",
    "recaptcha_v3": "userrecaptcha",
    "hcaptcha": "hcaptcha",
    "turnstile": "turnstile",
}
FATAL = {
    "ERROR_WRONG_USER_KEY",
    "ERROR_KEY_DOES_NOT_EXIST",
    "ERROR_ZERO_BALANCE",
    "ERROR_IP_NOT_ALLOWED",
    "IP_BANNED",
    "ERROR_CAPTCHA_UNSOLVABLE",
    "ERROR_BAD_PARAMETERS",
    "ERROR_WRONG_CAPTCHA_ID",
    "ERROR_GOOGLEKEY",
    "ERROR_PAGEURL",
}


class SolverError(Exception):
    """The service answered with an error code (``code``)."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code


class Ledger:
    """What the solver spent per day (a small JSON file in the data directory)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, float]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return {str(k): float(v) for k, v in data.items()}
        except (OSError, ValueError):
            return {}

    @staticmethod
    def today() -> str:
        return datetime.now(UTC).date().isoformat()

    def spent_today(self) -> float:
        return self._read().get(self.today(), 0.0)

    def add(self, amount: float) -> None:
        data = self._read()
        data[self.today()] = round(data.get(self.today(), 0.0) + amount, 6)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), "utf-8")
        tmp.replace(self.path)


class TwoCaptchaSolver:
    name = "twocaptcha"

    def __init__(
        self,
        *,
        api_key: str | None,
        api: str = "task",
        base_url: str | None = None,
        timeout: float = 180.0,
        poll_interval: float = 5.0,
        first_poll: float | None = None,
        max_cost: float = 0.005,
        daily_budget: float = 0.50,
        prices: dict[str, float] | None = None,
        ledger: Ledger | None = None,
    ) -> None:
        if api not in ("task", "legacy"):
            raise ValueError(f"[plugins.twocaptcha] api must be 'task' or 'legacy', not {api!r}")
        self.api_key = api_key
        self.api = api
        default = "https://api.2captcha.com" if api == "task" else "https://2captcha.com"
        self.base_url = (base_url or default).rstrip("/")
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.first_poll = poll_interval if first_poll is None else first_poll
        self.max_cost = max_cost
        self.daily_budget = daily_budget
        self.prices = {**PRICES, **(prices or {})}
        self.ledger = ledger or Ledger(home() / "twocaptcha-spend.json")
        self.last_error: str | None = None

    @classmethod
    def from_settings(cls) -> TwoCaptchaSolver:
        cfg = plugin_settings("twocaptcha")
        return cls(
            api_key=os.environ.get("TWOCAPTCHA_API_KEY") or cfg.get("api_key"),
            api=str(cfg.get("api", "task")),
            base_url=os.environ.get("TWOCAPTCHA_BASE_URL") or cfg.get("base_url"),
            timeout=float(cfg.get("timeout", 180)),
            poll_interval=float(cfg.get("poll_interval", 5)),
            max_cost=float(cfg.get("max_cost", 0.005)),
            daily_budget=float(cfg.get("daily_budget", 0.50)),
            prices={k: float(v) for k, v in dict(cfg.get("prices", {})).items()},
        )

    # --- the hook's method ----------------------------------------------------------------

    async def solve_captcha(self, page: Any, challenge: CaptchaChallenge) -> CaptchaSolution | None:
        self.last_error = None
        refusal = self._refuse(challenge)
        if refusal:
            self.last_error = refusal
            log.warning("twocaptcha: %s", refusal)
            return None
        try:
            async with asyncio.timeout(self.timeout):
                async with aiohttp.ClientSession(
                    timeout=aiohttp.ClientTimeout(total=min(30.0, self.timeout))
                ) as http:
                    if self.api == "task":
                        token, cost = await self._solve_task(http, challenge)
                    else:
                        token, cost = await self._solve_legacy(http, challenge)
        except TimeoutError:
            self.last_error = f"no solution within {self.timeout:.0f}s"
        except SolverError as exc:
            self.last_error = str(exc)
        except (aiohttp.ClientError, ValueError) as exc:
            self.last_error = f"{type(exc).__name__}: {exc}"
        else:
            self.ledger.add(cost)
            return CaptchaSolution(token=token, solver=self.name, cost=cost)
        log.warning("twocaptcha: %s", self.last_error)
        return None

    def _refuse(self, challenge: CaptchaChallenge) -> str | None:
        """Why this CAPTCHA will not be sent to the service (None: it will)."""
        if not self.api_key:
            return "no API key: set TWOCAPTCHA_API_KEY or [plugins.twocaptcha] api_key"
        if challenge.kind not in TASK_TYPES:
            return f"{challenge.kind} CAPTCHAs are left to the person"
        if not challenge.sitekey or not challenge.page_url:
            return "the CAPTCHA has no site key or page URL"
        price = self.prices.get(challenge.kind, 0.0)
        if price > self.max_cost:
            return f"cost limit: {challenge.kind} costs ~${price:.4f}, max_cost is ${self.max_cost:.4f}"
        spent = self.ledger.spent_today()
        if spent + price > self.daily_budget:
            return f"cost limit: ${spent:.4f} spent today, daily_budget is ${self.daily_budget:.4f}"
        return None

    # --- createTask / getTaskResult -------------------------------------------------------

    def task_for(self, c: CaptchaChallenge) -> dict[str, Any]:
        task: dict[str, Any] = {"type": TASK_TYPES[c.kind], "websiteURL": c.page_url, "websiteKey": c.sitekey}
        if c.kind == "recaptcha_v2" and c.invisible:
            task["isInvisible"] = True
        if c.kind == "recaptcha_v3":
            task["minScore"] = 0.7
            task["pageAction"] = "submit"
        return task

    async def _post_json(
        self, http: aiohttp.ClientSession, path: str, body: dict[str, Any]
    ) -> dict[str, Any]:
        async with http.post(f"{self.base_url}/{path}", json=body) as resp:
            if resp.status >= 500:
                raise SolverError("HTTP_" + str(resp.status), "service unavailable")
            data = await resp.json(content_type=None)
        if not isinstance(data, dict):
            raise ValueError(f"unexpected reply from {path}: {data!r}")
        if data.get("errorId"):
            raise SolverError(str(data.get("errorCode") or "ERROR"), str(data.get("errorDescription") or ""))
        return data

    async def _solve_task(self, http: aiohttp.ClientSession, c: CaptchaChallenge) -> tuple[str, float]:
        body = {"clientKey": self.api_key, "task": self.task_for(c)}
        while True:
            try:
                created = await self._post_json(http, "createTask", body)
                break
            except SolverError as exc:
                if exc.code != "ERROR_NO_SLOT_AVAILABLE":
                    raise
                await asyncio.sleep(self.poll_interval)
        task_id = created["taskId"]
        await asyncio.sleep(self.first_poll)
        while True:
            data = await self._post_json(
                http, "getTaskResult", {"clientKey": self.api_key, "taskId": task_id}
            )
            if data.get("status") == "ready":
                sol = data.get("solution") or {}
                token = sol.get("gRecaptchaResponse") or sol.get("token")
                if not token:
                    raise SolverError("ERROR_EMPTY_SOLUTION", "the service returned no token")
                cost = float(data.get("cost") or self.prices.get(c.kind, 0.0))
                return str(token), cost
            await asyncio.sleep(self.poll_interval)

    # --- in.php / res.php -----------------------------------------------------------------

    def legacy_params(self, c: CaptchaChallenge) -> dict[str, str]:
        params = {
            "key": self.api_key or "",
            "method": LEGACY_METHODS[c.kind],
            "pageurl": c.page_url,
            "json": "1",
        }
        if c.kind.startswith("recaptcha"):
            params["googlekey"] = c.sitekey or ""
            if c.kind == "recaptcha_v3":
                params.update(version="v3", action="submit", min_score="0.7")
            elif c.invisible:
                params["invisible"] = "1"
        else:
            params["sitekey"] = c.sitekey or ""
        return params

    @staticmethod
    def _legacy_reply(data: Any) -> str:
        if not isinstance(data, dict) or "status" not in data:
            raise ValueError(f"unexpected reply: {data!r}")
        request = str(data.get("request", ""))
        if int(data["status"]) != 1:
            raise SolverError(request or "ERROR", str(data.get("error_text") or ""))
        return request

    async def _solve_legacy(self, http: aiohttp.ClientSession, c: CaptchaChallenge) -> tuple[str, float]:
        while True:
            async with http.post(f"{self.base_url}/in.php", data=self.legacy_params(c)) as resp:
                data = await resp.json(content_type=None)
            try:
                captcha_id = self._legacy_reply(data)
                break
            except SolverError as exc:
                if exc.code != "ERROR_NO_SLOT_AVAILABLE":
                    raise
                await asyncio.sleep(self.poll_interval)
        await asyncio.sleep(self.first_poll)
        query = {"key": self.api_key or "", "action": "get", "id": captcha_id, "json": "1"}
        while True:
            async with http.get(f"{self.base_url}/res.php", params=query) as resp:
                data = await resp.json(content_type=None)
            try:
                token = self._legacy_reply(data)
            except SolverError as exc:
                if exc.code != "CAPCHA_NOT_READY":
                    raise
                await asyncio.sleep(self.poll_interval)
                continue
            price = data.get("price") if isinstance(data, dict) else None
            return token, float(price) if price else self.prices.get(c.kind, 0.0)


@hookimpl
def register_captcha_solvers(register: Any) -> None:
    register(TwoCaptchaSolver.from_settings())
