"""Which button submits an application, and whether the page then says it arrived.

Shared by the engine, the fleet worker and the ATS flows: the submission ledger turns a run
into ``submitted`` only on a confirmation read from the page, so every runtime must read it
the same way. A small module of its own so adapters can import it without the engine.
"""

from __future__ import annotations

import re
import time

from jobpilot.engine.text import norm
from jobpilot.models.snapshot import Button, FormSnapshot
from jobpilot.page import Page

_SUBMIT = re.compile(
    r"^(submit( (my )?application)?|apply( now)?|send( application)?|bewerbung (absenden|senden)"
    r"|absenden|jetzt bewerben|envoyer( (ma|la) candidature)?|postuler|enviar( solicitud)?"
    r"|aplicar|solicitar)$"
)
_NOT_SUBMIT = re.compile(r"linkedin|indeed|autofill|resume|save|draft|back|cancel|next|continue")
CONFIRMATION = re.compile(
    r"thank you for (applying|your application|your interest)|thanks for applying|"
    r"application (has been |was )?(received|submitted|sent)|we('ve| have) received your application|"
    r"successfully submitted|vielen dank f(u|ü)r ihre bewerbung|merci pour votre candidature|"
    r"gracias por (tu|su) (postulaci(o|ó)n|solicitud)",
    re.IGNORECASE,
)

def find_submit_button(snapshot: FormSnapshot) -> Button | None:
    """The button that submits the application; None when no button clearly does."""
    candidates = []
    for b in snapshot.buttons:
        text = norm(b.text or b.attrs.get("value", "") or b.attrs.get("aria-label", ""))
        if not b.visible or b.disabled or _NOT_SUBMIT.search(text):
            continue
        if _SUBMIT.match(text):
            candidates.append((0 if b.type == "submit" else 1, b))
        elif b.type == "submit" and not text:
            candidates.append((2, b))
    candidates.sort(key=lambda c: c[0])
    return candidates[0][1] if candidates else None



async def read_confirmation(page: Page, *, timeout_ms: int) -> str | None:
    """The confirmation message once the page shows one; None when the timeout passes
    (the run then stays ``needs_verification`` for a person to check)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        await page.wait_for(stable_ms=200, timeout_ms=2_000)
        m = CONFIRMATION.search(await page.text())
        if m is not None:
            return m.group(0)
        if time.monotonic() >= deadline:
            return None


__all__ = ["CONFIRMATION", "find_submit_button", "read_confirmation"]
