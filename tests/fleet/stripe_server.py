"""A local server that speaks Stripe's documented API for the calls JobPilot makes, so the
official ``stripe`` client runs against it unchanged (``JOBPILOT_STRIPE_API_BASE``):

- ``POST /v1/customers``, ``DELETE /v1/customers/{id}``;
- ``POST /v1/checkout/sessions`` (mode ``subscription``) and its hosted page
  ``/pay/{session}``, whose button pays and subscribes, as Stripe Checkout does;
- ``POST /v1/billing_portal/sessions`` and its hosted page ``/portal/{session}``
  (cancel the subscription at the period end);
- ``GET /v1/subscriptions?customer=&status=all``.

Form-encoded bodies with bracketed keys, bearer-key auth, Stripe's error envelope. Events
are signed the way Stripe documents (``Stripe-Signature: t=...,v1=HMAC-SHA256(secret,
"t.payload")``) and posted to the webhook URL; tests can also post them late, twice, out of
order, forged or stale. Test helpers change a subscription as Stripe would (a failed
payment, the end of the period).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from typing import Any

import aiohttp
from aiohttp import web

API_KEY = "sk_test_jobpilot_local"
WEBHOOK_SECRET = "whsec_jobpilot_local_test_secret"
PRICES = {"pro": "price_pro_monthly", "enterprise": "price_enterprise_monthly"}
MONTH = 30 * 86_400


def _id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def parse_form(items: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's bracketed form keys (``line_items[0][price]``) as nested dicts and lists."""
    out: dict[str, Any] = {}
    for key, value in items:
        parts = key.replace("]", "").split("[")
        node: Any = out
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            nxt: Any = value if last else ([] if parts[i + 1].isdigit() else {})
            if isinstance(node, list):
                idx = int(part)
                while len(node) <= idx:
                    node.append(None)
                if node[idx] is None or last:
                    node[idx] = nxt
                node = node[idx]
            else:
                if part not in node or last:
                    node[part] = nxt
                node = node[part]
    return out


def sign(payload: str, secret: str = WEBHOOK_SECRET, *, at: int | None = None) -> str:
    at = int(time.time()) if at is None else at
    mac = hmac.new(secret.encode(), f"{at}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={at},v1={mac}"


class StripeServer:
    def __init__(self) -> None:
        self.customers: dict[str, dict[str, Any]] = {}
        self.subscriptions: dict[str, dict[str, Any]] = {}
        self.checkouts: dict[str, dict[str, Any]] = {}
        self.portals: dict[str, dict[str, Any]] = {}
        self.deleted: list[str] = []
        self.events: list[dict[str, Any]] = []
        self.calls: list[tuple[str, str]] = []
        self.webhook_url: str | None = None
        self.deliver = True
        """Post events to ``webhook_url`` as they happen (tests may turn it off and post them
        themselves, in another order)."""
        self.base = ""
        app = web.Application()
        app.router.add_route("*", "/v1/{path:.*}", self._api)
        app.router.add_get("/pay/{id}", self._pay_page)
        app.router.add_post("/pay/{id}", self._pay)
        app.router.add_get("/portal/{id}", self._portal_page)
        app.router.add_post("/portal/{id}/cancel", self._portal_cancel)
        self.app = app
        self._runner: web.AppRunner | None = None

    async def start(self) -> StripeServer:
        self._runner = web.AppRunner(self.app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # --- the API ----------------------------------------------------------------------

    @staticmethod
    def _error(status: int, message: str, code: str = "resource_missing") -> web.Response:
        body = {"error": {"type": "invalid_request_error", "message": message, "code": code}}
        return web.json_response(body, status=status)

    async def _api(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {API_KEY}":
            return web.json_response(
                {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}},
                status=401,
            )
        path = request.match_info["path"]
        self.calls.append((request.method, path))
        form = parse_form(list((await request.post()).items())) if request.method == "POST" else {}
        query = parse_form(list(request.query.items()))
        parts = path.split("/")
        if parts == ["customers"] and request.method == "POST":
            cid = _id("cus")
            self.customers[cid] = {
                "id": cid,
                "object": "customer",
                "email": form.get("email"),
                "metadata": form.get("metadata", {}),
                "created": int(time.time()),
            }
            return web.json_response(self.customers[cid])
        if parts[0] == "customers" and len(parts) == 2 and request.method == "DELETE":
            if parts[1] not in self.customers:
                return self._error(404, f"No such customer: '{parts[1]}'")
            self.customers.pop(parts[1])
            self.deleted.append(parts[1])
            for sub in self.subscriptions.values():
                if sub["customer"] == parts[1] and sub["status"] != "canceled":
                    sub["status"] = "canceled"
            return web.json_response({"id": parts[1], "object": "customer", "deleted": True})
        if parts == ["checkout", "sessions"] and request.method == "POST":
            if form.get("customer") not in self.customers:
                return self._error(400, "No such customer", "resource_missing")
            price = form["line_items"][0]["price"]
            if price not in PRICES.values():
                return self._error(400, f"No such price: '{price}'")
            sid = _id("cs_test")
            self.checkouts[sid] = {
                "id": sid,
                "object": "checkout.session",
                "mode": form.get("mode"),
                "customer": form["customer"],
                "client_reference_id": form.get("client_reference_id"),
                "price": price,
                "success_url": form.get("success_url"),
                "cancel_url": form.get("cancel_url"),
                "url": f"{self.base}/pay/{sid}",
                "status": "open",
            }
            return web.json_response({k: v for k, v in self.checkouts[sid].items() if k != "price"})
        if parts == ["billing_portal", "sessions"] and request.method == "POST":
            if form.get("customer") not in self.customers:
                return self._error(400, "No such customer")
            pid = _id("bps")
            self.portals[pid] = {
                "id": pid,
                "object": "billing_portal.session",
                "customer": form["customer"],
                "return_url": form.get("return_url"),
                "url": f"{self.base}/portal/{pid}",
            }
            return web.json_response(self.portals[pid])
        if parts == ["subscriptions"] and request.method == "GET":
            subs = [
                s
                for s in self.subscriptions.values()
                if s["customer"] == query.get("customer")
                and (query.get("status") == "all" or s["status"] not in ("canceled", "incomplete_expired"))
            ]
            subs.sort(key=lambda s: s["created"], reverse=True)
            return web.json_response(
                {"object": "list", "data": subs, "has_more": False, "url": "/v1/subscriptions"}
            )
        return self._error(404, f"Unrecognized request URL ({request.method}: /v1/{path})", "")

    # --- the hosted pages ---------------------------------------------------------------

    async def _pay_page(self, request: web.Request) -> web.Response:
        cs = self.checkouts.get(request.match_info["id"])
        if cs is None:
            return web.Response(status=404, text="no such checkout")
        html = (
            "<!doctype html><title>Checkout</title><h1>Pay for JobPilot</h1>"
            f"<p id='price'>{cs['price']}</p><form method='post'><button id='pay'>Subscribe</button></form>"
            f"<a id='back' href='{cs['cancel_url']}'>Back</a>"
        )
        return web.Response(text=html, content_type="text/html")

    async def _pay(self, request: web.Request) -> web.Response:
        cs = self.checkouts.get(request.match_info["id"])
        if cs is None:
            return web.Response(status=404, text="no such checkout")
        sub = self.subscribe(cs["customer"], cs["price"])
        cs.update(status="complete", subscription=sub["id"])
        await self.emit("checkout.session.completed", {**cs, "object": "checkout.session"})
        raise web.HTTPSeeOther(cs["success_url"])

    async def _portal_page(self, request: web.Request) -> web.Response:
        ps = self.portals.get(request.match_info["id"])
        if ps is None:
            return web.Response(status=404, text="no such portal session")
        html = (
            "<!doctype html><title>Billing portal</title><h1>Your subscription</h1>"
            f"<form method='post' action='/portal/{ps['id']}/cancel'>"
            "<button id='cancel'>Cancel plan</button></form>"
            f"<a id='return' href='{ps['return_url']}'>Return</a>"
        )
        return web.Response(text=html, content_type="text/html")

    async def _portal_cancel(self, request: web.Request) -> web.Response:
        ps = self.portals.get(request.match_info["id"])
        if ps is None:
            return web.Response(status=404, text="no such portal session")
        for sub in self.subscriptions.values():
            if sub["customer"] == ps["customer"] and sub["status"] == "active":
                sub["cancel_at_period_end"] = True
                await self.emit("customer.subscription.updated", sub)
        raise web.HTTPSeeOther(ps["return_url"])

    # --- what Stripe does on its own --------------------------------------------------------

    def subscribe(self, customer: str, price: str, *, status: str = "active") -> dict[str, Any]:
        now = int(time.time())
        sid = _id("sub")
        sub = {
            "id": sid,
            "object": "subscription",
            "customer": customer,
            "status": status,
            "cancel_at_period_end": False,
            "created": now + len(self.subscriptions),
            "items": {
                "object": "list",
                "data": [
                    {
                        "id": _id("si"),
                        "object": "subscription_item",
                        "price": {"id": price, "object": "price"},
                        "quantity": 1,
                        "current_period_start": now,
                        "current_period_end": now + MONTH,
                    }
                ],
            },
        }
        self.subscriptions[sid] = sub
        return sub

    def set_status(self, sub_id: str, status: str, *, period_end: float | None = None) -> dict[str, Any]:
        sub = self.subscriptions[sub_id]
        sub["status"] = status
        if period_end is not None:
            sub["items"]["data"][0]["current_period_end"] = int(period_end)
        return sub

    def event(self, event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
        ev = {
            "id": _id("evt"),
            "object": "event",
            "type": event_type,
            "created": int(time.time()),
            "livemode": False,
            "api_version": "2026-10-28.endive",
            "data": {"object": json.loads(json.dumps(obj))},
        }
        self.events.append(ev)
        return ev

    async def emit(self, event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
        ev = self.event(event_type, obj)
        if self.deliver and self.webhook_url:
            await self.post(ev)
        return ev

    async def post(
        self,
        ev: dict[str, Any],
        *,
        secret: str = WEBHOOK_SECRET,
        at: int | None = None,
        signature: str | None = "",
    ) -> tuple[int, Any]:
        """Deliver one event to the webhook (``signature=None``: no header at all)."""
        assert self.webhook_url
        payload = json.dumps(ev)
        headers = {"Content-Type": "application/json"}
        if signature is not None:
            headers["Stripe-Signature"] = signature or sign(payload, secret, at=at)
        async with (
            aiohttp.ClientSession() as http,
            http.post(self.webhook_url, data=payload, headers=headers) as r,
        ):
            return r.status, await r.json(content_type=None)
