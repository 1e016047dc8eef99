"""Folding a cross-origin frame's snapshot into the top document's, for both transports.

The DOM layer walks the top document and its same-origin frames itself; a frame that is
cross-origin to its parent runs its own copy and is snapshotted separately (by
``PlaywrightPage`` through Playwright's frame, by the extension through the frame's content
script). Its refs only mean something inside that frame, so they are prefixed ``<prefix>:``
and its frame paths ``<prefix>.``; the transport routes a prefixed ref back to the frame.

One function for both transports, so every snapshot fact that names an element (a field, a
group member, an option, a button, a link, a CAPTCHA widget, a form, a region) is re-addressed the
same way everywhere: a fact added to the snapshot is added here once.
"""

from __future__ import annotations

from typing import Any


def prefix_ref(ref: str | None, prefix: str) -> str | None:
    """``e12`` in frame ``x3`` -> ``x3:e12`` (None and "" stay as they are)."""
    return f"{prefix}:{ref}" if ref else ref


def prefix_path(path: str, prefix: str) -> str:
    """Frame path ``""`` -> ``x3``, ``0.1`` -> ``x3.0.1``."""
    return f"{prefix}.{path}" if path else prefix


def _readdress(item: dict[str, Any], prefix: str, *ref_keys: str) -> None:
    for key in ref_keys:
        if key in item:
            item[key] = prefix_ref(item.get(key), prefix)
    item["frame"] = prefix_path(item.get("frame") or "", prefix)


def merge_frame(
    data: dict[str, Any],
    sub: dict[str, Any],
    *,
    prefix: str,
    url: str,
    name: str | None = None,
) -> None:
    """Fold ``sub`` (a frame's raw snapshot dict) into ``data`` (the top one), in place.

    :param prefix: the frame's handle (``x<N>``), prefixed to its refs and frame paths.
    :param url: the frame's address, recorded as a frame entry of ``data``.
    """
    for f in sub.get("fields", []):
        _readdress(f, prefix, "ref", "form", "region")
        for m in f.get("members", []):
            m["ref"] = prefix_ref(m.get("ref"), prefix)
        for o in f.get("options", []):
            o["ref"] = prefix_ref(o.get("ref"), prefix)
        data.setdefault("fields", []).append(f)
    for key in ("buttons", "links"):
        for b in sub.get(key, []):
            _readdress(b, prefix, "ref", "form", "region")
            data.setdefault(key, []).append(b)
    for c in sub.get("captchas", []):
        _readdress(c, prefix, "ref")
        data.setdefault("captchas", []).append(c)
    for key in ("forms", "regions"):
        for item in sub.get(key, []):
            _readdress(item, prefix, "ref", "region", "submit_ref")
            data.setdefault(key, []).append(item)
    data.setdefault("frames", []).append(
        {
            "path": prefix,
            "url": url,
            "name": name or None,
            "same_origin": False,
            "document_id": sub.get("document_id"),
        }
    )
    for fi in sub.get("frames", []):
        fi["path"] = prefix_path(fi["path"], prefix)
        data["frames"].append(fi)
    scripts = data.setdefault("scripts", [])
    seen = set(scripts)
    scripts.extend(s for s in sub.get("scripts", []) if s not in seen)
    # A framed portal's step titles and ids say which step it shows (iCIMS runs every step,
    # and its confirmation, inside a frame the employer's page may hold cross-origin).
    data["headings"] = (data.get("headings") or []) + sub.get("headings", [])
    data["element_ids"] = (data.get("element_ids") or []) + sub.get("element_ids", [])


__all__ = ["merge_frame", "prefix_path", "prefix_ref"]
