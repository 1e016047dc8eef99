"""Hook specifications: everything a JobPilot plugin can implement.

Call conventions (see docs/hooks.md):

* Hooks are always called with keyword arguments; arguments are only ever added, so an
  implementation may accept any subset and keep working as the spec grows.
* Decisions on data (``detect_ats``, ``map_fields``, ``detect_captcha``) are plain
  synchronous functions: testable without a browser, cheap to call on every page.
* Providers that do I/O (apply flows, CAPTCHA solvers, AI) are objects with async methods,
  handed over through a ``register_*(register)`` hook, as in ``llm``'s ``register_models``.
* The plugin manager only calls a plugin's hooks for pages whose URL, frame URLs or script
  URLs match the plugin's declared ``url_patterns`` (``plugin.toml``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from jobpilot import hookspec

if TYPE_CHECKING:
    from jobpilot.models.mapping import Detection, FieldMapping
    from jobpilot.models.profile import Profile
    from jobpilot.models.providers import CaptchaChallenge, Job, MatchScore
    from jobpilot.models.snapshot import FormSnapshot


# --- Detection -------------------------------------------------------------------------


@hookspec
def detect_ats(url: str, snapshot: FormSnapshot | None) -> Detection | None:
    """Say which ATS this page belongs to.

    :param url: the page URL (the top document's).
    :param snapshot: the page's snapshot, or None when only the URL is known (queue intake).
    :return: a Detection with a confidence in [0, 1], or None when the page is not this
        plugin's ATS. All results are collected; the engine keeps the most confident.
    """


# --- Field mapping ---------------------------------------------------------------------


@hookspec
def map_fields(snapshot: FormSnapshot, detection: Detection | None) -> list[FieldMapping] | None:
    """Map the page's fields to the vocabulary.

    :param snapshot: the page's form snapshot.
    :param detection: the winning detection, or None when no ATS was recognised.
    :return: mappings for the fields this plugin has an opinion on (others are omitted).
        Results of all plugins are merged per field by confidence; an ATS adapter answering
        for its own markup should use confidences above the generic mapper's.
    """


# --- Flows -----------------------------------------------------------------------------


@hookspec
def register_flows(register: Callable[[Any], None]) -> None:
    """Hand over apply-flow objects for ATSes where one page is not enough.

    A flow has ``ats: str`` (the slug it handles),
    ``async def apply_steps(ctx) -> FlowOutcome`` and optionally
    ``async def after_submit(ctx) -> FlowOutcome | None``; ``ctx`` is the run's
    ``jobpilot.engine.flow.FlowContext`` (page, snapshot, map, plan, apply, ask, credentials,
    evidence), never the engine. Call ``register(flow)`` once per flow.
    """


# --- CAPTCHA ---------------------------------------------------------------------------


@hookspec
def detect_captcha(snapshot: FormSnapshot) -> list[CaptchaChallenge] | None:
    """Judge the CAPTCHA widgets of a page.

    :return: the challenges found, each marked ``blocking`` or not, or None. Results of all
        plugins are concatenated.
    """


@hookspec
def register_captcha_solvers(register: Callable[[Any], None]) -> None:
    """Hand over CAPTCHA solvers.

    A solver has ``name: str`` and
    ``async def solve_captcha(page, challenge) -> CaptchaSolution | None``. Solvers are opt-in:
    the engine uses one only when the user configured it; the default is the person.
    """


# --- Content ---------------------------------------------------------------------------


@hookspec
def register_content_generators(register: Callable[[Any], None]) -> None:
    """Hand over writers of cover letters and answers to custom questions.

    A generator has ``name: str`` and
    ``async def generate_content(request: ContentRequest) -> str | None``; None means "no good
    answer" and the field is left for the person.
    """


@hookspec
def register_embedders(register: Callable[[Any], None]) -> None:
    """Hand over text embedders for job matching.

    An embedder has ``name: str``, ``dimensions: int`` and
    ``async def embed(texts: list[str]) -> list[list[float]]``.
    """


@hookspec(firstresult=True)
def score_match(profile: Profile, job: Job) -> MatchScore | None:
    """Score how well a profile matches a job (ATS keyword score).

    Stops at first non-None result.
    """
