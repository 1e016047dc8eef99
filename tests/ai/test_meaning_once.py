"""The question policy's meaning model is loaded once per process, even when two threads
(fleet workers, a host serving two tabs) ask for it at the same moment."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from jobpilot.policy import meaning


class _Counting:
    """Stands in for the model: counts its loads, each held until the test lets it finish."""

    loads = 0
    gate = threading.Event()

    def __init__(self) -> None:
        type(self).loads += 1
        self.gate.wait(5)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Any:
    _Counting.loads = 0
    _Counting.gate = threading.Event()
    monkeypatch.setattr(meaning, "_instance", None)
    monkeypatch.setattr(meaning, "MeaningModel", _Counting)
    return _Counting


def test_two_threads_asking_at_once_load_the_model_once(fake: Any) -> None:
    got: list[Any] = []
    askers = [threading.Thread(target=lambda: got.append(meaning.model())) for _ in range(2)]
    for t in askers:
        t.start()
    fake.gate.set()
    for t in askers:
        t.join(10)
    assert fake.loads == 1
    assert len(got) == 2 and got[0] is got[1] is meaning.model()
    assert fake.loads == 1


def test_a_failed_load_is_tried_again(fake: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        fake.loads += 1
        raise OSError("weights missing")

    monkeypatch.setattr(meaning, "MeaningModel", broken)
    for expected in (1, 2):
        with pytest.raises(OSError, match="weights missing"):
            meaning.model()  # the classifier turns this into 'treated as sensitive'
        assert fake.loads == expected and meaning._instance is None
