"""Which controls belong to the application, from the page's forms and regions.

A careers page often holds more than the application: a sign-in box, a job-alert or
newsletter sign-up, a site search in the header, a cookie banner, a "contact a
representative" form beside the job form. Their boxes read exactly like the application's
("Your email", "First name"); what tells them apart is where they sit, which the snapshot
reports as facts (:class:`~jobpilot.models.snapshot.FormInfo`,
:class:`~jobpilot.models.snapshot.RegionInfo`, ``Field.form`` / ``Field.region``).

The rules, each a class of page rather than a page:

* **the application form** is, among the forms whose words do not say they are for
  something else, the one whose own words (heading, name, submit button, action) say
  apply, else the one holding a file upload, else the one with most fields; a page whose
  forms are all something else (the application sits in a frame) has none;
* a control in **another form** is left alone when that form is a sign-in (password box),
  when its own words say what else it is for (sign in, subscribe, alerts,
  search, contact, feedback) and nothing about applying, or when it asks the applicant's
  identity again (name, e-mail, phone) next to an application form that asks it already;
* a control in the page's **header, navigation, footer or a search landmark** is left alone
  when the application sits elsewhere; one in a **dialog or named region** only when the
  region's own name says cookies, newsletter or sign-in (an application can open in a
  dialog).

Controls left alone are answered ``unknown`` with the reason, so they are reported, never
filled.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from jobpilot.models.snapshot import Field, FormInfo, FormSnapshot, RegionInfo
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_generic import signals as S

OUTSIDE_CONFIDENCE = 0.9

OTHER_PURPOSE = re.compile(
    r"\b(sign ?in|log ?in|login|logon|sign ?up|forgot|"
    r"subscribe|subscription|newsletters?|mailing list|job ?alerts?|notify me|search|"
    r"find (a )?jobs?|keywords?|contact us|contact (a |our )?(sales|representative|rep)|"
    r"feedback|refer (a )?friend|share (this )?job|cookies?|"
    r"anmelden|einloggen|abonnieren|suche|jobsuche|kontakt|"
    r"connexion|se connecter|abonner|rechercher|recherche|"
    r"iniciar sesion|suscribir\w*|buscar|busqueda|"
    r"inloggen|zoeken|abonneren|"
    r"entrar|pesquisar|pesquisa|assinar|"
    r"accedi|cerca|iscriviti)\b"
)
"""Words of a form or region that is for something other than applying."""

APPLYING = re.compile(
    r"\b(apply|applying|application|applicant|submit (your |my )?application|resume|cv|"
    r"bewerb\w*|lebenslauf|postuler|candidature|candidat\w*|postula\w*|solicitud|"
    r"sollicit\w*|solliciteren|candidatura|candidatar\w*|candidati)\b"
)
"""Words of a form that is the application."""

OTHER_REGION = re.compile(
    r"\b(cookies?|consent preferences|privacy (preferences|settings|center)|newsletters?|"
    r"sign ?in|log ?in|job ?alerts?|subscribe)\b"
)
"""Names of a dialog or named region that is not the application."""

CHROME_ROLES = frozenset({"banner", "navigation", "contentinfo", "search"})
"""Landmarks that hold page chrome: header, menus, footer, site search."""

_IDENTITY = frozenset({K.FULL_NAME, K.FIRST_NAME, K.LAST_NAME, K.EMAIL, K.PHONE})


@dataclass(frozen=True)
class Layout:
    """The forms and regions of one page, read for where the application is."""

    forms: dict[str, FormInfo]
    regions: dict[str, RegionInfo]
    application: str | None
    """Ref of the application form, if the page has forms."""

    @classmethod
    def of(cls, snapshot: FormSnapshot) -> Layout:
        forms = {f.ref: f for f in snapshot.forms}
        regions = {r.ref: r for r in snapshot.regions}
        return cls(forms, regions, _application_form(snapshot, forms))

    def region_chain(self, ref: str | None) -> list[RegionInfo]:
        """The region and its ancestors, innermost first."""
        out: list[RegionInfo] = []
        seen: set[str] = set()
        while ref and ref in self.regions and ref not in seen:
            seen.add(ref)
            out.append(self.regions[ref])
            ref = self.regions[ref].region
        return out


def _words(form: FormInfo) -> str:
    """What a form says about itself: its name, heading, submit button, id/name/action."""
    human = " ".join(t for t in (form.label, form.heading, form.submit_text) if t)
    machine = " ".join(
        S.name_text(t) for t in (form.id, form.name, form.action, form.attrs.get("class")) if t
    )
    return f"{S.normalise(human)} {machine}".strip()


def _own_words(form: FormInfo) -> str:
    """The form's own name and submit button (a heading above the form may be the page's)."""
    return S.normalise(" ".join(t for t in (form.label, form.submit_text) if t))


def _purpose(form: FormInfo) -> str | None:
    """What a form is for, when its own facts or words say it is not the application."""
    words = _words(form)
    if OTHER_PURPOSE.search(words) and not APPLYING.search(words):
        return f"a form for something else ('{_short(form.submit_text or form.heading or words)}')"
    return None


def _application_form(snapshot: FormSnapshot, forms: Mapping[str, FormInfo]) -> str | None:
    """The form that is the application: among the forms not marked as something else (and,
    if any is left, not a sign-in), the one whose words say apply, else the one holding an
    upload, else the one with most fields. None when no form can be the application (it may
    sit in a frame the snapshot cannot read)."""
    counts: dict[str, int] = {}
    uploads: dict[str, int] = {}
    for f in snapshot.fields:
        if f.form in forms:
            counts[f.form] = counts.get(f.form, 0) + 1
            if (f.type or "").lower() == "file":
                uploads[f.form] = uploads.get(f.form, 0) + 1
    # A form's ``search`` flag is not used: a searchable picker (type=search) inside the
    # application sets it too. A form with a password box stays eligible: a create-account
    # step is part of the application on several ATSes.
    if len(counts) == 1 and all(f.form in counts for f in snapshot.fields):
        # The page is one form and nothing else: whatever its button says ("Sign In" on a
        # create-account step), it is the form the person came to fill.
        return next(iter(counts))
    eligible = [ref for ref in counts if _purpose(forms[ref]) is None]
    if not eligible:
        return None
    applying = [
        ref for ref in eligible
        if APPLYING.search(_words(forms[ref])) and not OTHER_PURPOSE.search(_own_words(forms[ref]))
    ]
    pool = applying or [ref for ref in eligible if uploads.get(ref)] or eligible
    order = list(forms)
    return max(pool, key=lambda ref: (counts[ref], -order.index(ref)))


def _form_reason(form: FormInfo, layout: Layout, keys: Mapping[str, K], fields: list[Field]) -> str | None:
    """Why a form other than the application form is not the application, if it is not."""
    if form.password:
        return "a sign-in form (it has a password box)"
    purpose = _purpose(form)
    if purpose is not None:
        return purpose
    app = layout.application
    if app is None:
        return None
    theirs = {keys[f.ref] for f in fields if f.form == form.ref and f.ref in keys} & _IDENTITY
    ours = {keys[f.ref] for f in fields if f.form == app and f.ref in keys} & _IDENTITY
    if len(theirs) >= 2 and len(ours) >= 2:
        return "a second form asking the applicant's name and contact again"
    return None


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def outside_application(snapshot: FormSnapshot, keys: Mapping[str, K]) -> dict[str, str]:
    """Refs of controls that are not part of the application, with the reason.

    ``keys`` is what the classifier made of each field (used to see a second form asking
    the applicant's identity again).
    """
    layout = Layout.of(snapshot)
    out: dict[str, str] = {}
    fields = list(snapshot.fields)
    app = layout.application
    form_reasons: dict[str, str | None] = {}
    for ref, form in layout.forms.items():
        if ref != app:
            form_reasons[ref] = _form_reason(form, layout, keys, fields)
    app_regions = (
        {r.ref for r in layout.region_chain(layout.forms[app].region)} if app is not None else set()
    )
    in_chrome = [_chrome_region(layout, f) for f in fields]
    application_elsewhere = any(c is None for c in in_chrome)
    for f, chrome in zip(fields, in_chrome, strict=True):
        if f.form is not None and f.form != app and form_reasons.get(f.form):
            out[f.ref] = f"not the application: in {form_reasons[f.form]}"
            continue
        if f.form is not None and f.form == app:
            continue
        if chrome is not None and application_elsewhere and chrome.ref not in app_regions:
            out[f.ref] = f"not the application: in the page's {chrome.role}"
            continue
        named = _named_other_region(layout, f)
        if named is not None:
            name = _short(named.label or named.heading or "")
            out[f.ref] = f"not the application: in a {named.role} '{name}'"
    return out


def _chrome_region(layout: Layout, field: Field) -> RegionInfo | None:
    for region in layout.region_chain(field.region):
        if region.role in CHROME_ROLES:
            return region
    return None


def _named_other_region(layout: Layout, field: Field) -> RegionInfo | None:
    for region in layout.region_chain(field.region):
        if region.role in ("dialog", "alertdialog", "region", "complementary"):
            name = S.normalise(" ".join(t for t in (region.label, region.heading) if t))
            if name and OTHER_REGION.search(name) and not APPLYING.search(name):
                return region
    return None
