"""The declared interfaces of provider objects, and the check that enforces them.

Providers are what the ``register_*`` hooks hand over: flows, CAPTCHA solvers, content
generators and embedders. Each kind is a runtime-checkable protocol here, and
:func:`check_provider` goes further than ``isinstance`` (which only sees that attributes
exist): the name is a non-empty string, each method is ``async`` and accepts the arguments
the engine passes, and optional attributes (``local``, ``time_budget_s``, ``after_submit``)
have the right type when present. The plugin manager runs it when a plugin loads, so a
malformed provider is refused with the reason (``jobpilot plugins list`` shows it) instead of
failing inside an application, outside the error boundary.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from jobpilot.engine.flow import AfterSubmit, ApplyFlow

if TYPE_CHECKING:
    from jobpilot.models.providers import CaptchaChallenge, CaptchaSolution, ContentRequest
    from jobpilot.page import Page


@runtime_checkable
class CaptchaSolver(Protocol):
    """``register_captcha_solvers``: returns a token for a challenge, never touches the page."""

    name: str

    async def solve_captcha(self, page: Page, challenge: CaptchaChallenge) -> CaptchaSolution | None: ...


@runtime_checkable
class ContentGenerator(Protocol):
    """``register_content_generators``: cover letters and answers to custom questions.

    Optional: ``local: bool`` (nothing leaves the machine; shown in the disclosure log) and
    ``time_budget_s: float`` (the longest one answer may take, retries included)."""

    name: str

    async def generate_content(self, request: ContentRequest) -> str | None: ...


@runtime_checkable
class Embedder(Protocol):
    """``register_embedders``: one vector per text, all of ``dimensions`` length (0 while
    the embedder does not know it yet)."""

    name: str
    dimensions: int

    async def embed(self, texts: list[str]) -> list[list[float]]: ...


class ProviderError(TypeError):
    """A provider that does not satisfy its hook's protocol; the message says what is wrong."""


def _name(obj: Any, attr: str = "name") -> str:
    value = getattr(obj, attr, None)
    if not isinstance(value, str) or not value.strip():
        raise ProviderError(f"{type(obj).__name__} needs a non-empty string `{attr}`, has {value!r}")
    return value


def _method(obj: Any, method: str, args: tuple[str, ...], *, required: bool = True) -> None:
    fn = getattr(obj, method, None)
    if fn is None:
        if required:
            raise ProviderError(f"{type(obj).__name__} has no method `{method}`")
        return
    if not callable(fn):
        raise ProviderError(f"{type(obj).__name__}.{method} is not a method")
    if not inspect.iscoroutinefunction(fn):
        raise ProviderError(f"{type(obj).__name__}.{method} must be `async def` (the engine awaits it)")
    try:
        inspect.signature(fn).bind(*args)
    except TypeError as exc:
        raise ProviderError(
            f"{type(obj).__name__}.{method} must accept ({', '.join(args)}): {exc}"
        ) from None
    except ValueError:  # no signature to read (a builtin): trust it
        return


def _flow(obj: Any) -> None:
    _name(obj, "ats")
    _method(obj, "apply_steps", ("ctx",))
    _method(obj, "after_submit", ("ctx",), required=False)


def _solver(obj: Any) -> None:
    _name(obj)
    _method(obj, "solve_captcha", ("page", "challenge"))


def _generator(obj: Any) -> None:
    _name(obj)
    _method(obj, "generate_content", ("request",))
    local = getattr(obj, "local", False)
    if not isinstance(local, bool):
        raise ProviderError(f"{type(obj).__name__}.local must be True or False, is {local!r}")
    budget = getattr(obj, "time_budget_s", None)
    number = isinstance(budget, int | float) and not isinstance(budget, bool)
    if budget is not None and (not number or budget <= 0):
        raise ProviderError(f"{type(obj).__name__}.time_budget_s must be a positive number, is {budget!r}")


def _embedder(obj: Any) -> None:
    _name(obj)
    dims = getattr(obj, "dimensions", None)
    if isinstance(dims, bool) or not isinstance(dims, int) or dims < 0:
        raise ProviderError(f"{type(obj).__name__}.dimensions must be a whole number >= 0, is {dims!r}")
    _method(obj, "embed", ("texts",))


CHECKS: dict[str, Callable[[Any], None]] = {
    "register_flows": _flow,
    "register_captcha_solvers": _solver,
    "register_content_generators": _generator,
    "register_embedders": _embedder,
}
"""The protocol check per provider hook."""


def check_provider(hook: str, obj: Any) -> None:
    """Raise :class:`ProviderError` naming what is wrong when ``obj`` is not a valid
    provider for ``hook``; hooks without a protocol accept anything."""
    check = CHECKS.get(hook)
    if check is not None:
        check(obj)


__all__ = [
    "AfterSubmit",
    "ApplyFlow",
    "CaptchaSolver",
    "ContentGenerator",
    "Embedder",
    "ProviderError",
    "check_provider",
]
