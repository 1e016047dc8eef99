"""What the iCIMS flow relies on from the snapshot: a cross-origin frame's headings and
element ids reach the merged snapshot (its step titles and confirmation live in the frame)."""

from __future__ import annotations

from jobpilot.dom.merge import merge_frame
from jobpilot.models.snapshot import FormSnapshot


def test_cross_origin_frame_headings_and_ids_are_merged() -> None:
    top = {
        "url": "https://www.acme.example/careers",
        "headings": ["Join us"],
        "element_ids": ["icims_content_iframe"],
    }
    frame = {
        "url": "x",
        "headings": ["Thank you for applying!"],
        "element_ids": ["iCIMS_Header"],
        "fields": [],
    }
    merge_frame(
        top, frame, prefix="x0", url="https://careers-acme.icims.com/jobs/1/x/confirmation?in_iframe=1"
    )
    snap = FormSnapshot.model_validate(top)
    assert snap.headings == ["Join us", "Thank you for applying!"]
    assert snap.element_ids == ["icims_content_iframe", "iCIMS_Header"]
    assert snap.frames[0].path == "x0"
