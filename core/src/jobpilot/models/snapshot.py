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
    captchas: list[CaptchaWidget] = PydField(default_factory=list)
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

    def documents(self) -> tuple[str | None, ...]:
        """The identities of the top document and of every frame's document: a change in
        any of them means a page load happened in between."""
        return (self.document_id, *(f.document_id for f in self.frames))

    def all_urls(self) -> list[str]:
        """The page URL, its frames' URLs and script URLs: what plugin URL patterns see."""
        return [self.url, *(f.url for f in self.frames), *self.scripts]
