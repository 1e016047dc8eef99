"""The default CAPTCHA judge: which widgets on a page block submission.

An invisible reCAPTCHA or a v3 score script runs on its own and is not a blocking
challenge (until an invisible widget opens a challenge popup); a visible checkbox widget,
hCaptcha, Turnstile or an image CAPTCHA is. Solving is
not done here: by default a person solves it (see ``register_captcha_solvers``).
"""

from __future__ import annotations

from jobpilot import hookimpl
from jobpilot.models.providers import CaptchaChallenge
from jobpilot.models.snapshot import FormSnapshot

_KINDS = {
    "recaptcha": "recaptcha_v2",
    "recaptcha_v2": "recaptcha_v2",
    "recaptcha_v3": "recaptcha_v3",
    "hcaptcha": "hcaptcha",
    "turnstile": "turnstile",
    "image": "image",
}


@hookimpl
def detect_captcha(snapshot: FormSnapshot) -> list[CaptchaChallenge] | None:
    out = []
    for w in snapshot.captchas:
        kind = _KINDS.get(w.kind, "unknown")
        # An invisible widget is passive until it opens a challenge popup (often only after
        # the submit click): then a person, or a solver they opted into, must answer it.
        passive = (kind == "recaptcha_v3" or w.invisible) and not w.challenge
        blocking = not passive and (w.visible or w.challenge or kind in ("hcaptcha", "turnstile"))
        out.append(
            CaptchaChallenge(
                kind=kind,  # type: ignore[arg-type]
                blocking=blocking,
                sitekey=w.sitekey,
                ref=w.ref,
                frame=w.frame,
                page_url=snapshot.url,
            )
        )
    return out or None
