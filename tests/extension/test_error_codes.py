"""The error codes are append-only and the three places that list them agree.

A code that is renamed, removed or moved breaks every extension or host of another version
still talking to this one, so the order below is frozen: new codes are appended to it (and
to the end of PROTOCOL.md's table), nothing else. The host's enum
(``host/src/jobpilot_host/errors.py``), the extension's ``ErrorCodes``
(``extension/src/shared/protocol.ts``) and the table in ``host/PROTOCOL.md`` are read as
text or imported, and compared with it and with each other.
"""

from __future__ import annotations

import re
from pathlib import Path

from jobpilot_host.errors import ErrorCode

ROOT = Path(__file__).resolve().parents[2]

FROZEN = (
    "bad_json",
    "frame_too_large",
    "invalid_message",
    "unknown_action",
    "invalid_payload",
    "internal_error",
    "no_profile",
    "no_form",
    "busy",
    "tab_gone",
    "timeout",
    "page_error",
    "ref_not_found",
    "disconnected",
    "no_resume",
    "invalid_reply",
    "usage_error",
    "host_missing",
    "host_forbidden",
    "host_exited",
    "no_content_script",
    "restricted_page",
    "frame_gone",
    "navigated",
    "not_an_application",
)
"""Every code ever published, in the order it was added. Append only."""

HOST_FROZEN = FROZEN[: FROZEN.index("usage_error") + 1]
"""The codes the host's enum has published (the rest are the extension's own)."""


def protocol_table() -> list[tuple[str, str]]:
    """(code, sent by) for each row of PROTOCOL.md's error-code table, in order."""
    text = (ROOT / "host/PROTOCOL.md").read_text("utf-8")
    section = text.split("## Error codes", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \| ([a-z]+) \|", section, flags=re.M)


def extension_codes() -> list[tuple[str, str]]:
    """(key, value) of each entry of ``ErrorCodes`` in protocol.ts, in source order."""
    text = (ROOT / "extension/src/shared/protocol.ts").read_text("utf-8")
    body = text.split("export const ErrorCodes = {", 1)[1].split("} as const;", 1)[0]
    return re.findall(r'^\s*([a-z_]+): "([a-z_]+)",', body, flags=re.M)


def host_codes() -> list[str]:
    return [c.value for c in ErrorCode]


def test_published_codes_are_never_renamed_removed_or_reordered() -> None:
    table = [code for code, _ in protocol_table()]
    assert table[: len(FROZEN)] == list(FROZEN)
    assert [v for _, v in extension_codes()][: len(FROZEN)] == list(FROZEN)
    assert host_codes()[: len(HOST_FROZEN)] == list(HOST_FROZEN)


def test_the_host_the_extension_and_protocol_md_agree() -> None:
    table = protocol_table()
    codes = [code for code, _ in table]
    ext = extension_codes()
    assert len(codes) == len(set(codes)), "a code is listed twice in PROTOCOL.md"
    assert all(k == v for k, v in ext), "an ErrorCodes key differs from its value"
    # The extension knows every code, in the table's order.
    assert [v for _, v in ext] == codes
    # The host's codes are the table's, in the same order; the rest are the extension's own.
    host = host_codes()
    assert host == [c for c in codes if c in host]
    assert set(host) <= set(codes)
    own = {code for code, sender in table if code not in host}
    assert all(sender == "extension" for code, sender in table if code in own), table
    # A code is appended to FROZEN when it is published.
    assert codes == list(FROZEN), "a new code was added: append it to FROZEN too"
