"""The testing kit shipped with the core (``jobpilot.testing`` and its pytest fixtures), used
as a plugin author uses it: a saved page + URL -> the snapshot the hooks get, and a plugin's
mapping of a labelled page scored as ``jobpilot eval`` scores it.

Real Chromium (one for the module, through the ``jobpilot_page_loader`` session fixture the
pytest plugin provides); a missing browser fails these tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jobpilot_ats_lever
import pytest
from jobpilot import hookimpl
from jobpilot.models import FieldMapping
from jobpilot.models.snapshot import FormSnapshot
from jobpilot.vocabulary import FieldKey

LEVER = Path(__file__).parent / "replicas/lever/apply-orbitalforge-full.html"

FORM = """<!doctype html><html><body><form id="apply">
<label for="em">Work e-mail</label><input id="em" name="applicant_email" type="email" required>
<label>Phone <input name="tel" type="tel"></label>
<label for="why">Why us?</label><textarea id="why" name="q_why"></textarea>
</form></body></html>"""


def test_the_fixtures_are_there_without_a_conftest(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.pluginmanager.has_plugin("jobpilot")  # the pytest11 entry point


def test_snapshot_of_markup_at_a_url(jobpilot_snapshot: Callable[[str | Path, str], FormSnapshot]) -> None:
    snap = jobpilot_snapshot(FORM, "https://jobs.acme-ats.example/acme/1/apply")
    assert snap.url == "https://jobs.acme-ats.example/acme/1/apply"
    by_name = {f.name: f for f in snap.fields}
    assert by_name["applicant_email"].label == "Work e-mail" and by_name["applicant_email"].required
    assert by_name["tel"].label == "Phone" and by_name["q_why"].tag == "textarea"
    assert "apply" in snap.element_ids


def test_snapshot_of_a_saved_page(jobpilot_snapshot: Callable[[str | Path, str], FormSnapshot]) -> None:
    url = json.loads(LEVER.with_name(LEVER.stem + ".labels.json").read_text())["url"]
    snap = jobpilot_snapshot(LEVER, url)
    assert snap.url == url and any(f.name == "email" for f in snap.fields)


def test_check_mapping_scores_a_plugin_on_its_labelled_page(
    jobpilot_check_mapping: Callable[..., Any],
) -> None:
    # Alone, the adapter calls Lever's custom question cards "question" (0.7) and leaves
    # what they ask to the generic mapper: scored alone, those are its mistakes ...
    alone = jobpilot_check_mapping(jobpilot_ats_lever, LEVER)
    assert alone.detected == "lever" and 0.5 < alone.precision < 1.0
    assert {r.expected for r in alone.mistakes} >= {"work_authorized", "requires_sponsorship"}
    assert all(r.predicted == "question" and r.plugin == "lever" for r in alone.mistakes)
    # ... with the generic mapper installed beside it, as users run it, the page is right.
    both = jobpilot_check_mapping(jobpilot_ats_lever, LEVER, installed=["generic"])
    both.assert_precision(1.0, recall=0.9, ats="lever")
    assert {r.plugin for r in both.results if r.is_prediction} == {"lever", "generic"}


class Sloppy:
    """Maps every e-mail box to the phone number: precision must catch it."""

    @hookimpl
    def map_fields(self, snapshot: FormSnapshot, detection: object) -> list[FieldMapping]:
        return [
            FieldMapping(ref=f.ref, key=FieldKey.PHONE, confidence=0.9, reason="careless")
            for f in snapshot.fields
            if f.type == "email"
        ]


def test_check_mapping_lists_what_is_wrong(jobpilot_check_mapping: Callable[..., Any]) -> None:
    check = jobpilot_check_mapping(Sloppy(), LEVER)
    assert check.precision == 0.0 and [r.expected for r in check.mistakes] == ["email"]
    with pytest.raises(AssertionError) as exc:
        check.assert_precision(0.99)
    assert "precision 0.000 < 0.99" in str(exc.value) and "expected email, got phone" in str(exc.value)
    assert "careless" in str(exc.value)


def test_labels_with_a_typo_are_refused(jobpilot_check_mapping: Callable[..., Any], tmp_path: Path) -> None:
    from jobpilot.errors import UsageError

    page = tmp_path / "apply.html"
    page.write_text(FORM)
    (tmp_path / "apply.labels.json").write_text(
        json.dumps({"url": "https://x.test/", "fields": [{"match": {"name": "tel"}, "key": "phone_number"}]})
    )
    with pytest.raises(UsageError, match="phone_number"):
        jobpilot_check_mapping(Sloppy(), page)
