"""The default CAPTCHA judge: which widgets on a page block submission.

An invisible reCAPTCHA, a v3 score script, or an hCaptcha/Turnstile declared invisible
(``data-size=invisible``, ``execute``/``interaction-only`` appearance) runs on its own and is
not a blocking challenge, until it opens a challenge popup; a visible checkbox widget,
hCaptcha, Turnstile or an image CAPTCHA is. The same rule holds for every vendor: a widget
that is neither shown nor challenging (a hidden container, the hidden frames an invisible
hCaptcha keeps on the page) does not block, as a hidden reCAPTCHA does not; treating a
hidden hCaptcha or Turnstile as blocking sent runs to the person for a widget nobody could
see. A widget whose response field already holds a token (someone solved it) no longer
blocks. Solving is not done here: by default a person solves it (see
``register_captcha_solvers``).
"""

from __future__ import annotations

import re

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


_INVISIBLE_SRC = re.compile(r"[?&#]size=invisible(?:[&#]|$)")
"""hCaptcha's and reCAPTCHA's frames carry the widget's size in their address."""


def _declared_invisible(kind: str, invisible: bool, src: str | None) -> bool:
    """True for a widget that runs without a checkbox: v3, declared invisible by the page,
    or a widget frame whose address says ``size=invisible`` (when only the frame was seen)."""
    return kind == "recaptcha_v3" or invisible or bool(src and _INVISIBLE_SRC.search(src))


@hookimpl
def detect_captcha(snapshot: FormSnapshot) -> list[CaptchaChallenge] | None:
    out = []
    for w in snapshot.captchas:
        kind = _KINDS.get(w.kind, "unknown")
        # An invisible widget is passive until it opens a challenge popup (often only after
        # the submit click): then a person, or a solver they opted into, must answer it.
        invisible = _declared_invisible(kind, w.invisible, w.src)
        passive = invisible and not w.challenge
        solved = bool(getattr(w, "solved", False))
        blocking = not passive and not (solved and not w.challenge) and (w.visible or w.challenge)
        out.append(
            CaptchaChallenge(
                kind=kind,  # type: ignore[arg-type]
                blocking=blocking,
                sitekey=w.sitekey,
                action=w.action,
                cdata=w.cdata,
                ref=w.ref,
                frame=w.frame,
                page_url=snapshot.url,
                invisible=invisible,
                solved=solved,
            )
        )
    return out or None
