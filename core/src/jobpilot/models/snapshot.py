"""What the DOM layer sees on a page.

The JavaScript snapshot (``jobpilot/dom/js``) produces exactly this shape; it is the
contract between the two transports (Playwright and the extension) and every plugin.
Fields are *logical* fields: a radio or checkbox group sharing a name is one field with
``members``; a custom combobox is one field even though it is several elements.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydField


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Option(_Model):
    """One choice of a select, listbox, radio or checkbox group."""

    value: str
    text: str
    selected: bool = False
    ref: str | None = None
    """For group members: the ref of the member element that carries this option."""
    submenu: bool = False
    """A category of a hierarchical option list (ARIA ``aria-haspopup``/``aria-expanded`` on
    the option): choosing it opens a sub-list instead of answering."""


class GroupMember(_Model):
    """One radio button or checkbox of a group field."""

    ref: str
    id: str | None = None
    name: str | None = None
    value: str | None = None
    label: str | None = None
    checked: bool = False


class Field(_Model):
    """One logical form control."""

    ref: str
    """Stable handle within one page load; pass it back to ``apply``/``click``."""
    frame: str = ""
    """Frame path: "" for the top document, "0", "0.1" for nested same-origin iframes,
    "x<N>" for a cross-origin frame the runner snapshotted separately."""
    tag: str
    type: str | None = None
    """Input type (``text``, ``email``, ``file``, ``radio``, ``checkbox`` ...), ``select-one``/
    ``select-multiple``, ``textarea``, or a widget role (``combobox``, ``listbox``,
    ``contenteditable``, ``list``)."""
    id: str | None = None
    name: str | None = None
    label: str | None = None
    """The best question text, whitespace collapsed, required markers kept out."""
    label_source: str | None = None
    """Where ``label`` came from: for, aria-labelledby, aria-label, wrap, legend, table, dl,
    preceding, placeholder, title."""
    labels: dict[str, str] = PydField(default_factory=dict)
    """Every label source found, by source name, so mappers can weigh them."""
    description: str | None = None
    placeholder: str | None = None
    aria_label: str | None = None
    autocomplete: str | None = None
    title: str | None = None
    required: bool = False
    visible: bool = True
    disabled: bool = False
    readonly: bool = False
    multiple: bool = False
    value: str | None = None
    checked: bool | None = None
    options: list[Option] = PydField(default_factory=list)
    members: list[GroupMember] = PydField(default_factory=list)
    section: str | None = None
    """Nearest heading or legend above the field (e.g. "Voluntary Self-Identification")."""
    attrs: dict[str, str] = PydField(default_factory=dict)
    """Selected attributes: data-*, role, class, aria-haspopup/expanded/controls, inputmode,
    pattern, maxlength, accept."""
    ancestors: list[dict[str, str]] = PydField(default_factory=list)
    """Up to five nearest ancestors carrying an id, data-* or class (tag, id, class, data-*),
    nearest first; ATS adapters read wrapper conventions from these."""
    in_shadow: bool = False
    form: str | None = None
    """Ref of the ``<form>`` the control belongs to (its form owner), a key into
    :attr:`FormSnapshot.forms`; None outside any form."""
    region: str | None = None
    """Ref of the nearest page region (landmark) holding the control, a key into
    :attr:`FormSnapshot.regions`; None when no landmark holds it."""

    @property
    def is_group(self) -> bool:
        return bool(self.members)

    def attr(self, name: str) -> str | None:
        return self.attrs.get(name)


class Button(_Model):
    ref: str
    frame: str = ""
    tag: str = "button"
    type: str | None = None
    text: str = ""
    id: str | None = None
    name: str | None = None
    attrs: dict[str, str] = PydField(default_factory=dict)
    visible: bool = True
    disabled: bool = False
    form: str | None = None
    """Ref of the button's ``<form>`` (see :attr:`Field.form`)."""
    region: str | None = None
    """Ref of the button's page region (see :attr:`Field.region`)."""


class Link(_Model):
    """One ``<a href>`` of the page, as a fact. Real sites open an application or move to
    its next step with a link ("I'm interested", "Apply for this job online"); links are
    kept apart from :attr:`FormSnapshot.buttons` so that no button rule (the submit button,
    "Next") picks a navigation link by accident. Mail and phone links and in-page anchors
    (``#main``) are left out; at most 300 per document, in document order.

    :meth:`jobpilot.page.Page.click` on :attr:`ref` follows the link as a person's click
    does (both transports); a link with ``target="_blank"`` opens another tab, so a flow
    goes to :attr:`href` instead (:func:`jobpilot.engine.links.follow` does both)."""

    ref: str
    frame: str = ""
    text: str = ""
    """Its text, else its ``aria-label``/``title``, else the ``alt`` of its image."""
    href: str = ""
    """The address it leads to, as the browser resolves it (``a.href``: absolute)."""
    target: str | None = None
    """The ``target`` attribute (``_blank`` opens another tab)."""
    id: str | None = None
    attrs: dict[str, str] = PydField(default_factory=dict)
    """Selected attributes (as :attr:`Field.attrs`): class, role, data-*, aria-*."""
    visible: bool = True
    form: str | None = None
    """Ref of the ``<form>`` around it (see :attr:`Field.form`)."""
    region: str | None = None
    """Ref of its page region (see :attr:`Field.region`): a link in the ``navigation`` or
    ``contentinfo`` region is the site's, one in ``main`` the posting's."""


class FormInfo(_Model):
    """One ``<form>`` element on the page, as facts: which form a control belongs to is what
    tells the application from a sign-in box, a job-alert sign-up or a site search on the
    same page (mappers judge; the snapshot only reports)."""

    ref: str
    """The form element's ref; :attr:`Field.form` and :attr:`Button.form` hold it."""
    frame: str = ""
    id: str | None = None
    name: str | None = None
    action: str | None = None
    """The ``action`` attribute as written (not resolved)."""
    method: str = "get"
    label: str | None = None
    """The form's own accessible name (``aria-label``/``aria-labelledby``)."""
    heading: str | None = None
    """The first heading inside the form, else the heading just above it ("Sign in",
    "Get job alerts", "Apply for this job")."""
    attrs: dict[str, str] = PydField(default_factory=dict)
    """class, role, data-*, aria-* of the form element (as :attr:`Field.attrs`)."""
    submit_ref: str | None = None
    """Ref of the form's first submit button (its own, or one owned by ``form=``)."""
    submit_text: str | None = None
    """That button's text ("Sign in", "Subscribe", "Search", "Submit application")."""
    region: str | None = None
    """Ref of the page region holding the form (see :attr:`FormSnapshot.regions`)."""
    visible: bool = True
    fields: int = 0
    """How many logical fields of the snapshot belong to this form."""
    password: bool = False
    """The form holds a password box (sign-in and account forms do)."""
    search: bool = False
    """The form says it is a search (``role=search`` or a ``type=search`` box)."""


class RegionInfo(_Model):
    """A page region (ARIA landmark) holding controls: the banner (page header),
    navigation, main, complementary (aside), contentinfo (page footer), search, dialog or
    alertdialog (``<dialog>``, ``aria-modal``), and named region/form landmarks.

    A cookie banner is usually a dialog or a named region; a newsletter box sits in the
    contentinfo; a site search in the banner or a search landmark."""

    ref: str
    frame: str = ""
    role: str
    tag: str = "div"
    id: str | None = None
    label: str | None = None
    """The region's accessible name (``aria-label``/``aria-labelledby``): "Cookie
    consent", "Newsletter"."""
    heading: str | None = None
    """The first heading inside the region."""
    attrs: dict[str, str] = PydField(default_factory=dict)
    visible: bool = True
    region: str | None = None
    """Ref of the enclosing region (a search inside the banner), None at the top."""


class CaptchaWidget(_Model):
    """Raw evidence of a CAPTCHA widget; CAPTCHA plugins decide what it means."""

    kind: str
    """recaptcha, recaptcha_v3, hcaptcha, turnstile, image, unknown"""
    ref: str | None = None
    frame: str = ""
    sitekey: str | None = None
    action: str | None = None
    """The widget's ``data-action`` (Turnstile, reCAPTCHA): part of what its token is for."""
    cdata: str | None = None
    """Turnstile's ``data-cdata`` (customer data bound to the token)."""
    visible: bool = True
    invisible: bool = False
    """The widget declares itself invisible/passive (``data-size=invisible``, v3 script)."""
    challenge: bool = False
    """A challenge popup of this widget is showing now (an invisible widget that decided to
    challenge: hCaptcha's ``frame=challenge`` iframe, reCAPTCHA's ``bframe``)."""
    src: str | None = None
    solved: bool = False
    """The widget's response field holds a token (someone, or a solver, answered it)."""


class FrameInfo(_Model):
    path: str
    url: str
    name: str | None = None
    id: str | None = None
    same_origin: bool = True
    document_id: str | None = None
    """Identity of the document the frame showed when the snapshot was taken (see
    :attr:`FormSnapshot.document_id`)."""


class FormSnapshot(_Model):
    """Everything a plugin needs to decide about one page, without a browser."""

    url: str
    document_id: str | None = None
    """Identity of the top document: new on every page load, the same for the document's
    life. Two snapshots with the same id were read from the same document, so a page that
    answers a click by loading a new document (a form post) has answered only once the id
    (or a frame's :attr:`FrameInfo.document_id`) changed."""
    title: str = ""
    lang: str | None = None
    frames: list[FrameInfo] = PydField(default_factory=list)
    fields: list[Field] = PydField(default_factory=list)
    buttons: list[Button] = PydField(default_factory=list)
    links: list[Link] = PydField(default_factory=list)
    """The page's links (see :class:`Link`): where an apply or continue action is a link."""
    captchas: list[CaptchaWidget] = PydField(default_factory=list)
    forms: list[FormInfo] = PydField(default_factory=list)
    """Every ``<form>`` a field or button belongs to (and every form the walk met)."""
    regions: list[RegionInfo] = PydField(default_factory=list)
    """Every page region (landmark) that holds a field, button or link, and their ancestors."""
    scripts: list[str] = PydField(default_factory=list)
    """Absolute src URLs of script elements (detection of embeds)."""
    element_ids: list[str] = PydField(default_factory=list)
    """Ids present in the document (capped), e.g. ``grnhse_app`` for detection."""
    meta: dict[str, str] = PydField(default_factory=dict)
    headings: list[str] = PydField(default_factory=list)

    def field(self, ref: str) -> Field:
        for f in self.fields:
            if f.ref == ref:
                return f
        raise KeyError(ref)

    def form_of(self, item: Field | Button | Link) -> FormInfo | None:
        """The form a field, button or link belongs to, or None."""
        return next((f for f in self.forms if f.ref == item.form), None) if item.form else None

    def regions_of(self, item: Field | Button | Link | FormInfo) -> list[RegionInfo]:
        """The page regions holding a field, button, link or form, nearest first."""
        by_ref = {r.ref: r for r in self.regions}
        out: list[RegionInfo] = []
        ref = item.region
        while ref and ref in by_ref and len(out) < 20:
            out.append(by_ref[ref])
            ref = by_ref[ref].region
        return out

    def documents(self) -> tuple[str | None, ...]:
        """The identities of the top document and of every frame's document: a change in
        any of them means a page load happened in between."""
        return (self.document_id, *(f.document_id for f in self.frames))

    def all_urls(self) -> list[str]:
        """The page URL, its frames' URLs and script URLs: what plugin URL patterns see."""
        return [self.url, *(f.url for f in self.frames), *self.scripts]
