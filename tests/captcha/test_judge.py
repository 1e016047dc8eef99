"""The built-in CAPTCHA judge on raw widget evidence: passive widgets versus blocking ones."""

from __future__ import annotations

from typing import Any

import pytest
from jobpilot.builtin import captcha
from jobpilot.models.snapshot import CaptchaWidget, FormSnapshot

HC_FRAME = "https://newassets.hcaptcha.com/captcha/v1/abc/static/hcaptcha.html#frame=checkbox&id=0&sitekey=k"


def judge(**widget: Any) -> tuple[str, bool]:
    snap = FormSnapshot(url="https://jobs.example.com/a", captchas=[CaptchaWidget(**widget)])
    (c,) = captcha.detect_captcha(snap) or []
    return c.kind, c.blocking


@pytest.mark.parametrize(
    ("widget", "expected"),
    [
        ({"kind": "recaptcha", "sitekey": "k"}, ("recaptcha_v2", True)),  # visible checkbox
        ({"kind": "recaptcha", "invisible": True}, ("recaptcha_v2", False)),  # invisible, badge only
        ({"kind": "recaptcha", "invisible": True, "challenge": True}, ("recaptcha_v2", True)),  # popup shown
        ({"kind": "recaptcha_v3", "invisible": True, "visible": False}, ("recaptcha_v3", False)),
        ({"kind": "hcaptcha", "visible": True}, ("hcaptcha", True)),
        ({"kind": "hcaptcha", "invisible": True}, ("hcaptcha", False)),
        ({"kind": "hcaptcha", "invisible": True, "challenge": True}, ("hcaptcha", True)),
        ({"kind": "turnstile", "visible": True}, ("turnstile", True)),
        ({"kind": "turnstile", "invisible": True}, ("turnstile", False)),  # interaction-only, not shown
        ({"kind": "image", "visible": True}, ("image", True)),
        ({"kind": "recaptcha", "solved": True}, ("recaptcha_v2", False)),  # the person already ticked it
        ({"kind": "hcaptcha", "solved": True, "challenge": True}, ("hcaptcha", True)),  # asked again
        ({"kind": "recaptcha", "visible": False}, ("recaptcha_v2", False)),  # hidden (another step)
        # hCaptcha and Turnstile are judged like reCAPTCHA: hidden or invisible is not blocking
        # until a challenge shows.
        ({"kind": "hcaptcha", "visible": False}, ("hcaptcha", False)),  # hidden container
        ({"kind": "turnstile", "visible": False}, ("turnstile", False)),  # hidden container
        ({"kind": "hcaptcha", "visible": False, "challenge": True}, ("hcaptcha", True)),
        (
            {"kind": "hcaptcha", "invisible": True, "visible": True},
            ("hcaptcha", False),
        ),  # data-size=invisible
        (
            {"kind": "hcaptcha", "src": HC_FRAME + "&size=invisible", "visible": True},
            ("hcaptcha", False),
        ),  # only the frame was found; its address says invisible
        ({"kind": "hcaptcha", "src": HC_FRAME + "&size=normal", "visible": True}, ("hcaptcha", True)),
        ({"kind": "turnstile", "invisible": True, "visible": True}, ("turnstile", False)),  # execute
        ({"kind": "turnstile", "invisible": False, "visible": True}, ("turnstile", True)),  # managed, shown
    ],
)
def test_judge(widget: dict[str, Any], expected: tuple[str, bool]) -> None:
    assert judge(**widget) == expected


def test_challenge_carries_what_a_solver_needs() -> None:
    snap = FormSnapshot(
        url="https://jobs.example.com/a",
        captchas=[CaptchaWidget(kind="recaptcha", sitekey="k", ref="r7", invisible=True, challenge=True)],
    )
    (c,) = captcha.detect_captcha(snap) or []
    assert (c.sitekey, c.ref, c.page_url, c.invisible, c.solved) == (
        "k",
        "r7",
        "https://jobs.example.com/a",
        True,
        False,
    )
