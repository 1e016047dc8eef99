"""The default CAPTCHA judge: which widgets on a page block submission.

An invisible reCAPTCHA, a v3 score script, or an hCaptcha/Turnstile declared invisible
(``data-size=invisible``, ``execute``/``interaction-only`` appearance) runs on its own and is
not a blocking challenge, until it opens a challenge popup; a visible checkbox widget,
hCaptcha, Turnstile or an image CAPTCHA is. A widget whose response field already holds a
token (someone solved it) no longer blocks. Solving is not done here: by default a person
solves it (see ``register_captcha_solvers``).
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
        invisible = kind == "recaptcha_v3" or w.invisible
        passive = invisible and not w.challenge
        solved = bool(getattr(w, "solved", False))
        blocking = (
            not passive
            and not (solved and not w.challenge)
            and (w.visible or w.challenge or kind in ("hcaptcha", "turnstile"))
        )
        out.append(
            CaptchaChallenge(
                kind=kind,  # type: ignore[arg-type]
                blocking=blocking,
                sitekey=w.sitekey,
                ref=w.ref,
                frame=w.frame,
                page_url=snapshot.url,
                invisible=invisible,
                solved=solved,
            )
        )
    return out or None
