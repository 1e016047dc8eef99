"""Which pages are plainly not a job application (the extension asks before filling them),
and that an application is never taken for one."""

from __future__ import annotations

from typing import Any

from jobpilot.models.snapshot import Button, Field, FormSnapshot
from jobpilot_host.pagekind import classify


def _page(title: str, fields: list[dict[str, Any]], buttons: tuple[str, ...] = ()) -> FormSnapshot:
    return FormSnapshot(
        url="https://www.example.test/page",
        title=title,
        fields=[Field(ref=f"e{i + 1}", tag="input", **f) for i, f in enumerate(fields)],
        buttons=[Button(ref=f"b{i + 1}", text=t) for i, t in enumerate(buttons)],
    )


NAME_EMAIL = [
    {"type": "text", "label": "First name", "autocomplete": "given-name"},
    {"type": "text", "label": "Last name"},
    {"type": "email", "label": "Email"},
]


def test_a_checkout_with_card_fields_is_not_an_application() -> None:
    page = _page(
        "Checkout – Birchwood Tea Co.",
        [*NAME_EMAIL, {"type": "text", "label": "Card number", "autocomplete": "cc-number"}],
        ("Place order",),
    )
    kind = classify(page, None, ["first_name", "last_name", "email"])
    assert (kind.application, kind.kind) == (False, "checkout") and "card" in kind.why
    # by the words alone (no autocomplete): "CVC", "Expiry date"
    page = _page("Pay", [*NAME_EMAIL, {"type": "text", "label": "CVC"}])
    assert classify(page).kind == "checkout"


def test_a_cart_page_without_card_fields_is_a_checkout_by_its_words() -> None:
    page = _page("Your basket", [*NAME_EMAIL, {"type": "text", "label": "City"}], ("Continue to delivery",))
    assert classify(page, None, ["first_name", "last_name", "email"]).kind == "checkout"


def test_a_sign_in_page_is_not_an_application() -> None:
    page = _page(
        "Sign in – Quillmate",
        [{"type": "email", "label": "Email"}, {"type": "password", "label": "Password"}],
        ("Sign in",),
    )
    kind = classify(page, None, ["email"])
    assert (kind.application, kind.kind) == (False, "sign-in")
    # no sign-in words, but nothing but a user name and a password
    page = _page("Quillmate", [{"type": "text", "label": "User"}, {"type": "password", "label": "Secret"}])
    assert classify(page).kind == "sign-in"


def test_applications_are_never_held_back() -> None:
    # an ATS detected: its sign-in and account pages are part of applying
    login = _page("Sign in", [{"type": "email", "label": "Email"}, {"type": "password", "label": "Password"}])
    assert classify(login, "workday").application
    # a resume upload, or a question only applications ask, outweighs a password box
    account = _page(
        "Create your candidate account",
        [*NAME_EMAIL, {"type": "password", "label": "Password"}, {"type": "file", "label": "Resume/CV"}],
        ("Sign in",),
    )
    assert classify(account).application
    assert classify(_page("Checkout", [*NAME_EMAIL]), None, ["work_authorized"]).application
    # nothing either way: filled as before
    plain = _page("Data Engineer – Slowpoke Analytics", [*NAME_EMAIL, {"type": "tel", "label": "Phone"}])
    kind = classify(plain, None, ["first_name", "last_name", "email", "phone"])
    assert (kind.application, kind.kind) == (True, "unknown")
    # a "Promo code" box on a job board's page that also asks for a resume
    promo = {"type": "text", "label": "Promo code"}
    mixed = _page("Apply", [*NAME_EMAIL, promo, {"type": "file", "label": "CV"}])
    assert classify(mixed).application
