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

The daily budget is enforced by reserving the CAPTCHA's price in the ledger, under an
exclusive file lock, before the task is created: solves running at once (several
applications, several processes) cannot all pass the check and then all spend. The
reservation becomes the real cost when the service reports one, and is released when the
service took no task or said it could not solve it (it bills neither). When we stop waiting
on a task the service accepted, the reservation is kept: the service may still solve, and
bill, it.

Each task type's token is read from the field the service documents for it
(``gRecaptchaResponse`` for reCAPTCHA, ``token`` for hCaptcha and Turnstile); Turnstile's
``action`` and ``cData`` are passed when the challenge carries them (``action``/``cdata``
attributes), as the service needs them to produce a token the site accepts.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobpilot import hookimpl
from jobpilot.config import home, plugin_settings
from jobpilot.models.providers import CaptchaChallenge, CaptchaSolution

if TYPE_CHECKING:
    import aiohttp

log = logging.getLogger("jobpilot_captcha_twocaptcha")

__all__ = ["Ledger", "Reservation", "SolverError", "TwoCaptchaSolver"]

PRICES = {"recaptcha_v2": 0.003, "recaptcha_v3": 0.003, "hcaptcha": 0.003, "turnstile": 0.003}
"""Default price per CAPTCHA in USD (2Captcha's list prices, rounded up), for the cost limit."""
TASK_TYPES = {
    "recaptcha_v2": "RecaptchaV2TaskProxyless",
    "recaptcha_v3": "RecaptchaV3TaskProxyless",
    "hcaptcha": "HCaptchaTaskProxyless",
    "turnstile": "TurnstileTaskProxyless",
}
SOLUTION_FIELDS = {
    "recaptcha_v2": "gRecaptchaResponse",
    "recaptcha_v3": "gRecaptchaResponse",
    "hcaptcha": "token",
    "turnstile": "token",
}
"""Where getTaskResult puts the token for each task type (2Captcha's API v2 docs)."""
NOT_BILLED = {"ERROR_CAPTCHA_UNSOLVABLE", "ERROR_BAD_DUPLICATES"}
"""Result errors the service does not charge for: the reserved price goes back to the budget."""
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


@dataclass(frozen=True)
class Reservation:
    """A price held against one day's budget until the solve ends."""

    day: str
    amount: float


class Ledger:
    """What the solver spent per day (a small JSON file in the data directory).

    Every read-modify-write holds an exclusive ``fcntl.flock`` on a lock file next to it, so
    solvers in several processes (or threads) sharing the data directory never lose each
    other's updates or both pass a budget check that only one of them fits; the file is
    replaced through a temporary file of its own (never a shared ``.tmp``), so a reader
    always sees a whole file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")

    def _read(self) -> dict[str, float]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return {str(k): float(v) for k, v in data.items()}
        except (OSError, ValueError):
            return {}

    def _write(self, data: dict[str, float]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name + ".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    @contextlib.contextmanager
    def _locked(self) -> Iterator[dict[str, float]]:
        """The ledger's contents under the lock; changes to the dict are written back."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                data = self._read()
                before = dict(data)
                yield data
                if data != before:
                    self._write(data)
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    @staticmethod
    def today() -> str:
        return datetime.now(UTC).date().isoformat()

    def spent_today(self) -> float:
        """Spent and reserved today."""
        with self._locked() as data:
            return data.get(self.today(), 0.0)

    def reserve(self, amount: float, budget: float) -> Reservation | None:
        """Hold ``amount`` against today's ``budget``; None (nothing held) when it does not fit."""
        day = self.today()
        with self._locked() as data:
            spent = data.get(day, 0.0)
            if spent + amount > budget + 1e-9:
                return None
            data[day] = round(spent + amount, 6)
        return Reservation(day, amount)

    def settle(self, reservation: Reservation, actual: float) -> None:
        """Replace the held amount by what was really charged (0 releases it)."""
        with self._locked() as data:
            data[reservation.day] = max(
                0.0, round(data.get(reservation.day, 0.0) - reservation.amount + actual, 6)
            )

    def release(self, reservation: Reservation) -> None:
        self.settle(reservation, 0.0)

    def add(self, amount: float) -> None:
        """Record a charge that was not reserved."""
        with self._locked() as data:
            data[self.today()] = round(data.get(self.today(), 0.0) + amount, 6)


@dataclass
class _Attempt:
    """One solve's progress (per call, so concurrent solves on one solver never mix)."""

    accepted: bool = False
    """The service took the task: from here on it may bill for it."""


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
        reservation: Reservation | None = None
        if not refusal:
            price = self.prices.get(challenge.kind, 0.0)
            reservation = self.ledger.reserve(price, self.daily_budget)
            if reservation is None:
                refusal = (
                    f"cost limit: ${self.ledger.spent_today():.4f} spent today, "
                    f"daily_budget is ${self.daily_budget:.4f}"
                )
        if refusal or reservation is None:
            self.last_error = refusal
            log.warning("twocaptcha: %s", refusal)
            return None
        import aiohttp  # here, not at module import: loading every plugin must stay quick

        attempt = _Attempt()
        billed = True  # unless we know the service took no task or did not charge for it
        try:
            async with asyncio.timeout(self.timeout):
                async with aiohttp.ClientSession(
                    timeout=aiohttp.ClientTimeout(total=min(30.0, self.timeout))
                ) as http:
                    if self.api == "task":
                        token, cost = await self._solve_task(http, challenge, attempt)
                    else:
                        token, cost = await self._solve_legacy(http, challenge, attempt)
        except TimeoutError:
            self.last_error = f"no solution within {self.timeout:.0f}s"
            billed = attempt.accepted
        except SolverError as exc:
            self.last_error = str(exc)
            billed = attempt.accepted and exc.code not in NOT_BILLED
        except (aiohttp.ClientError, ValueError) as exc:
            self.last_error = f"{type(exc).__name__}: {exc}"
            billed = attempt.accepted
        else:
            self.ledger.settle(reservation, cost)
            return CaptchaSolution(token=token, solver=self.name, cost=cost)
        if not billed:
            self.ledger.release(reservation)
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
        return None  # the daily budget is checked by reserving the price (solve_captcha)

    # --- createTask / getTaskResult -------------------------------------------------------

    def task_for(self, c: CaptchaChallenge) -> dict[str, Any]:
        task: dict[str, Any] = {"type": TASK_TYPES[c.kind], "websiteURL": c.page_url, "websiteKey": c.sitekey}
        if c.kind == "recaptcha_v2" and c.invisible:
            task["isInvisible"] = True
        if c.kind == "recaptcha_v3":
            task["minScore"] = 0.7
            task["pageAction"] = "submit"
        if c.kind == "turnstile":
            task.update(_turnstile_extras(c))
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

    async def _solve_task(
        self, http: aiohttp.ClientSession, c: CaptchaChallenge, attempt: _Attempt
    ) -> tuple[str, float]:
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
        attempt.accepted = True
        await asyncio.sleep(self.first_poll)
        while True:
            data = await self._post_json(
                http, "getTaskResult", {"clientKey": self.api_key, "taskId": task_id}
            )
            if data.get("status") == "ready":
                sol = data.get("solution") or {}
                token = sol.get(SOLUTION_FIELDS[c.kind])
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
        if c.kind == "turnstile":
            params.update(_turnstile_extras(c))
        return params

    @staticmethod
    def _legacy_reply(data: Any) -> str:
        if not isinstance(data, dict) or "status" not in data:
            raise ValueError(f"unexpected reply: {data!r}")
        request = str(data.get("request", ""))
        if int(data["status"]) != 1:
            raise SolverError(request or "ERROR", str(data.get("error_text") or ""))
        return request

    async def _solve_legacy(
        self, http: aiohttp.ClientSession, c: CaptchaChallenge, attempt: _Attempt
    ) -> tuple[str, float]:
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
        attempt.accepted = True
        await asyncio.sleep(self.first_poll)
        # get2 answers like get and adds the price charged, so the ledger records real spend.
        query = {"key": self.api_key or "", "action": "get2", "id": captcha_id, "json": "1"}
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


def _turnstile_extras(c: CaptchaChallenge) -> dict[str, str]:
    """The widget's ``data-action`` and ``data-cdata`` under the names both APIs use
    (``action``, ``data``), when it has them: a site that set them refuses a Turnstile
    token made without them."""
    return {k: v for k, v in (("action", c.action), ("data", c.cdata)) if v}


@hookimpl
def register_captcha_solvers(register: Any) -> None:
    register(TwoCaptchaSolver.from_settings())
