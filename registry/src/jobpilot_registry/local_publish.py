"""Publishing files from the operator's disk: ``jobpilot registry publish``.

This is how JobPilot's own distributions (the core, the host, the registry: the names in
``names.FRAMEWORK_PROJECTS``, which no HTTP upload may create) and the bundled plugins get
onto a registry, so ``pip install --index-url REGISTRY/simple/ jobpilot-ats-lever`` finds the
core it depends on there and nowhere else. The files go through the same checks and the same
atomic publish as a twine upload; only the reserved names are open to it.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from pathlib import Path

from jobpilot_registry.distinspect import inspect_distribution
from jobpilot_registry.errors import Conflict
from jobpilot_registry.names import FRAMEWORK_PROJECTS, check_filename
from jobpilot_registry.store import RegistryStore

OPERATOR_USER = "jobpilot"
"""The publisher that owns JobPilot's own distributions unless the operator names another."""


@dataclass(frozen=True)
class Published:
    path: Path
    status: str
    """``published`` or ``skipped`` (the same file, byte for byte, was there already)."""


async def publish_files(
    store: RegistryStore, paths: list[Path], *, user: str = OPERATOR_USER, skip_existing: bool = False
) -> list[Published]:
    """Publish each file as ``user``, with the operator's right to the reserved names.

    ``skip_existing`` passes over a file the registry already has with the same SHA-256 (a
    re-run after a partial publish); the same file name with other bytes is still refused."""
    user_id = await store.user_id(user, create=True)
    out: list[Published] = []
    for path in paths:
        dist = check_filename(path.name)
        with store.temp_upload() as (tmp, fh):
            digest = hashlib.sha256()
            size = 0
            with path.open("rb") as src:
                while chunk := src.read(1024 * 1024):
                    fh.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
            fh.close()
            info = await asyncio.to_thread(
                inspect_distribution, tmp, dist, plugin_required=dist.project not in FRAMEWORK_PROJECTS
            )
            try:
                await store.publish(
                    user_id=user_id,
                    dist=dist,
                    info=info,
                    tmp=tmp,
                    sha256=digest.hexdigest(),
                    size=size,
                    python_version="source" if dist.packagetype == "sdist" else _python_tag(dist.filename),
                    operator=True,
                )
            except Conflict:
                if skip_existing and await store.has_file(dist.key, digest.hexdigest()):
                    out.append(Published(path, "skipped"))
                    continue
                raise
        out.append(Published(path, "published"))
    return out


def _python_tag(filename: str) -> str:
    parts = filename[: -len(".whl")].split("-")
    return parts[-3] if len(parts) >= 5 else ""


def wheels_in(folder: Path) -> list[Path]:
    """The wheels in a build folder (``uv build --all-packages --wheel -o dist``), sorted."""
    return sorted(p for p in folder.iterdir() if p.name.endswith(".whl") and p.is_file())


__all__ = ["OPERATOR_USER", "Published", "publish_files", "wheels_in"]
