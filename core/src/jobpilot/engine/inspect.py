"""What ``jobpilot inspect`` computes: detection and the key of every field, as a contract.

The JSON form is read by other tools (and by ``jobpilot eval``), so its shape is fixed::

    {"url": ..., "ats": {"name": slug, "confidence": 0..1, "plugin": ...} | null,
     "fields": [{"ref", "frame", "tag", "type", "id", "name", "label", "key",
                 "confidence", "required", ...}]}

One entry per logical field (a radio group is one entry). ``key`` is ``unknown`` when no
plugin is at least ``REVIEW_THRESHOLD`` sure; ``confidence`` is then the best guess's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jobpilot.config import REVIEW_THRESHOLD
from jobpilot.models.mapping import Detection, FieldMapping
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.page import Page
from jobpilot.plugins import PluginManager
from jobpilot.vocabulary import FieldKey


@dataclass
class Inspection:
    snapshot: FormSnapshot
    detection: Detection | None
    mappings: dict[str, FieldMapping]

    def key_of(self, ref: str) -> tuple[FieldKey, float]:
        m = self.mappings.get(ref)
        if m is None:
            return FieldKey.UNKNOWN, 0.0
        if m.confidence < REVIEW_THRESHOLD:
            return FieldKey.UNKNOWN, m.confidence
        return m.key, m.confidence

    def to_json(self) -> dict[str, Any]:
        det = self.detection
        fields = []
        for f in self.snapshot.fields:
            key, conf = self.key_of(f.ref)
            m = self.mappings.get(f.ref)
            fields.append(
                {
                    "ref": f.ref,
                    "frame": f.frame,
                    "tag": f.tag,
                    "type": f.type,
                    "id": f.id,
                    "name": f.name,
                    "label": f.label,
                    "key": key.value,
                    "confidence": round(conf, 3),
                    "required": f.required,
                    "visible": f.visible,
                    "plugin": m.plugin if m else None,
                    "reason": m.reason if m else None,
                }
            )
        return {
            "url": self.snapshot.url,
            "ats": (
                {"name": det.ats, "confidence": round(det.confidence, 3), "plugin": det.plugin}
                if det
                else None
            ),
            "fields": fields,
        }


def inspect_snapshot(snapshot: FormSnapshot, plugins: PluginManager) -> Inspection:
    detection = plugins.detect(snapshot.url, snapshot)
    return Inspection(snapshot, detection, plugins.map_fields(snapshot, detection))


async def inspect_page(page: Page, plugins: PluginManager) -> Inspection:
    return inspect_snapshot(await page.snapshot(), plugins)
