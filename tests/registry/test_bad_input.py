"""Every bad upload gets a clear HTTP error and changes nothing.

Each test takes the registry's complete state (every row of every table, every file under
its data directory) before the request and asserts it is identical afterwards, and that the
error message names the problem.
"""

from __future__ import annotations

import hashlib
import socket
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from jobpilot_registry_tests import Registry, make_wheel, start_registry, upload, wait_for


@pytest.fixture(scope="module")
def seeded(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Registry:
    """alice owns jobpilot-ats-demo 1.0; bob has a token too."""
    wheel = make_wheel(tmp_path_factory.mktemp("seed"))
    r = upload(registry, wheel, token=registry.token("alice"))
    assert r.status_code == 200, r.text
    registry.token("bob")
    return registry


@pytest.fixture
def unchanged(seeded: Registry) -> Iterator[Registry]:
    """Asserts after the test that the registry's state and its index did not change."""
    before = seeded.state()
    index = requests.get(seeded.simple + "jobpilot-ats-demo/", timeout=10).text
    yield seeded
    assert seeded.state() == before, "a refused request changed the registry"
    assert requests.get(seeded.simple + "jobpilot-ats-demo/", timeout=10).text == index


def refused(r: requests.Response, status: int, *words: str) -> None:
    assert r.status_code == status, (r.status_code, r.text)
    text = r.text.lower()
    for w in words:
        assert w.lower() in text, f"{w!r} not in {r.text!r}"
    assert r.reason and len(r.reason) > 10, "twine shows the reason phrase: it must say what is wrong"


# --- filenames --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "words"),
    [
        ("../jobpilot_ats_demo-2.0-py3-none-any.whl", ["path separator"]),
        ("sub/jobpilot_ats_demo-2.0-py3-none-any.whl", ["path separator"]),
        # (the multipart quoting eats a lone backslash; check_filename's unit test covers it)
        ("..\\jobpilot_ats_demo-2.0-py3-none-any.whl", [".."]),
        ("jobpilot_ats_demo..-2.0-py3-none-any.whl", [".."]),
        ("jobpilot_ats_demo-2.0-py3-none-any.exe", ["only wheels"]),
        ("jobpilot ats demo-2.0-py3-none-any.whl", ["characters"]),
    ],
)
def test_filename_with_path_or_bad_characters(
    unchanged: Registry, wheel_factory: Callable[..., Path], filename: str, words: list[str]
) -> None:
    wheel = wheel_factory(version="2.0")
    r = upload(unchanged, wheel, token=unchanged.token("alice"), filename=filename)
    refused(r, 400, *words)
    assert not list((unchanged.data / "files").rglob("*2.0*"))


def test_filename_not_matching_the_form_metadata(
    unchanged: Registry, wheel_factory: Callable[..., Path]
) -> None:
    wheel = wheel_factory(version="2.0")
    r = upload(unchanged, wheel, token=unchanged.token("alice"), fields={"version": "2.1"})
    refused(r, 400, "does not match the version")
    r = upload(unchanged, wheel, token=unchanged.token("alice"), fields={"name": "jobpilot-ats-other"})
    refused(r, 400, "does not match the project name")


def test_renamed_file_whose_metadata_disagrees(
    unchanged: Registry, wheel_factory: Callable[..., Path]
) -> None:
    # A 2.0 wheel renamed to 2.1: the filename and form say 2.1, METADATA inside says 2.0.
    wheel = wheel_factory(version="2.0", filename="jobpilot_ats_demo-2.1-py3-none-any.whl")
    r = upload(unchanged, wheel, token=unchanged.token("alice"))
    refused(r, 400, "metadata says 2.0")


# --- integrity --------------------------------------------------------------------------------


def test_wrong_sha256(unchanged: Registry, wheel_factory: Callable[..., Path]) -> None:
    wheel = wheel_factory(version="2.0")
    r = upload(unchanged, wheel, token=unchanged.token("alice"), fields={"sha256_digest": "0" * 64})
    refused(r, 400, "sha256_digest does not match")


def test_missing_sha256(unchanged: Registry, wheel_factory: Callable[..., Path]) -> None:
    wheel = wheel_factory(version="2.0")
    r = upload(unchanged, wheel, token=unchanged.token("alice"), drop=("sha256_digest",))
    refused(r, 400, "sha256")


def test_oversize_upload_declared(unchanged: Registry, wheel_factory: Callable[..., Path]) -> None:
    big = wheel_factory(version="2.0", extra={"jobpilot_ats_demo/blob.bin": _random(3 * 1024 * 1024)})
    r = upload(unchanged, big, token=unchanged.token("alice"))
    refused(r, 413, "too large")


def test_oversize_upload_streamed(unchanged: Registry) -> None:
    """A chunked body (no Content-Length) is cut off while streaming, and leaves no temp file."""
    boundary = "xyzBOUNDARY"
    head = (
        "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
            for k, v in {":action": "file_upload", "name": "jobpilot-ats-demo", "version": "2.0"}.items()
        ).encode()
        + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="content"; '
            'filename="jobpilot_ats_demo-2.0-py3-none-any.whl"\r\n\r\n'
        ).encode()
    )

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(192):  # 12 MiB: far more than socket buffers hold, within DRAIN_LIMIT
            yield b"\0" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    # No ConnectionError allowance: the server reads the rest of a refused body (up to a
    # bound) before answering, so the client always gets the 413 and its reason.
    r = requests.post(
        unchanged.legacy,
        data=body(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        auth=("__token__", unchanged.token("alice")),
        timeout=30,
    )
    refused(r, 413, "too large")
    wait_for(lambda: not list((unchanged.data / "tmp").iterdir()))


@pytest.mark.parametrize("damage", ["not-a-zip", "truncated", "bad-crc", "escaping-member", "no-metadata"])
def test_corrupt_wheel(unchanged: Registry, wheel_factory: Callable[..., Path], damage: str) -> None:
    wheel = wheel_factory(version="2.0")
    data = wheel.read_bytes()
    if damage == "not-a-zip":
        data = b"this is not a wheel" * 100
    elif damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "bad-crc":
        with zipfile.ZipFile(wheel) as zf:
            info = zf.getinfo("jobpilot_ats_demo/__init__.py")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 2
        data = data[:start] + bytes([data[start] ^ 0xFF]) + data[start + 1 :]
    elif damage == "escaping-member":
        data = wheel_factory(version="2.0", extra={"../../evil.py": b"print('x')"}).read_bytes()
    elif damage == "no-metadata":
        buf = wheel.with_suffix(".tmp")
        with zipfile.ZipFile(wheel) as src, zipfile.ZipFile(buf, "w") as dst:
            for item in src.infolist():
                if not item.filename.endswith("METADATA"):
                    dst.writestr(item, src.read(item))
        data = buf.read_bytes()
    r = upload(unchanged, wheel, token=unchanged.token("alice"), content=data)
    refused(r, 400, "jobpilot_ats_demo-2.0-py3-none-any.whl")


# --- who may upload ---------------------------------------------------------------------------


def test_missing_token(unchanged: Registry, wheel_factory: Callable[..., Path]) -> None:
    r = upload(unchanged, wheel_factory(version="2.0"), token=None)
    refused(r, 401, "authentication required", "__token__")
    assert r.headers["WWW-Authenticate"].startswith("Basic")


def test_wrong_token(unchanged: Registry, wheel_factory: Callable[..., Path]) -> None:
    r = upload(unchanged, wheel_factory(version="2.0"), token="jpr_not-a-real-token")
    refused(r, 403, "invalid or revoked token")


def test_wrong_user_name(unchanged: Registry, wheel_factory: Callable[..., Path]) -> None:
    r = upload(unchanged, wheel_factory(version="2.0"), token=unchanged.token("alice"), user="alice")
    refused(r, 403, "__token__")


def test_upload_to_someone_elses_project(unchanged: Registry, wheel_factory: Callable[..., Path]) -> None:
    r = upload(unchanged, wheel_factory(version="2.0"), token=unchanged.token("bob"))
    refused(r, 403, "belongs to another publisher")


@pytest.mark.parametrize(
    "spelling", ["JobPilot-ATS-Demo", "jobpilot_ats_demo", "jobpilot.ats.demo", "jobpilot--ats_demo"]
)
def test_name_differing_only_by_normalisation(
    unchanged: Registry, wheel_factory: Callable[..., Path], spelling: str
) -> None:
    wheel = wheel_factory(version="2.0", metadata_name=spelling)
    r = upload(unchanged, wheel, token=unchanged.token("bob"), fields={"name": spelling})
    refused(r, 403, "same name as the existing project 'jobpilot-ats-demo'")
    # Not even the owner may publish under a second spelling of the name.
    r = upload(unchanged, wheel, token=unchanged.token("alice"), fields={"name": spelling})
    refused(r, 400, "differs only by case")


def test_reupload_is_refused_versions_are_immutable(unchanged: Registry, tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path)  # the very file already published
    r = upload(unchanged, wheel, token=unchanged.token("alice"))
    refused(r, 409, "already exists", "immutable")
    changed = make_wheel(tmp_path, extra={"jobpilot_ats_demo/new.py": b"x = 1\n"})  # same name, new bytes
    r = upload(unchanged, changed, token=unchanged.token("alice"))
    refused(r, 409, "already exists")
    # Same file under a differently-cased name is the same file.
    r = upload(
        unchanged, wheel, token=unchanged.token("alice"), filename="JobPilot_ATS_Demo-1.0-py3-none-any.whl"
    )
    refused(r, 409, "already exists")


# --- not a plugin -----------------------------------------------------------------------------


def test_not_a_plugin(unchanged: Registry, wheel_factory: Callable[..., Path]) -> None:
    wheel = wheel_factory(version="2.0", ep=None, plugin_toml="")
    refused(
        upload(unchanged, wheel, token=unchanged.token("alice")), 400, "not a jobpilot plugin", "entry point"
    )
    # A plugin.toml alone is not enough: without an entry point JobPilot never loads it.
    wheel = wheel_factory(version="2.1", ep=None)
    refused(upload(unchanged, wheel, token=unchanged.token("alice")), 400, "not a jobpilot plugin")


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ('hooks = ["detect_everything"]\n', ["detect_everything"]),
        ('url_patterns = ["jobs.demo.example"]\n', ["bad url pattern"]),
        ("hooks = [\n", ["not valid toml"]),
    ],
)
def test_bad_plugin_toml(
    unchanged: Registry, wheel_factory: Callable[..., Path], toml: str, words: list[str]
) -> None:
    wheel = wheel_factory(version="2.0", plugin_toml=toml)
    refused(upload(unchanged, wheel, token=unchanged.token("alice")), 400, "plugin.toml", *words)


# --- the protocol -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "init", "words"),
    [
        # No plugin.toml at all: nothing says which hooks or pages the plugin is for.
        ("", None, ["has no plugin.toml", "hooks"]),
        # A plugin.toml that names no hook: an entry point that would never be called.
        ('name = "demo"\nhooks = []\nurl_patterns = ["*://jobs.demo.example/*"]\n', None, ["names no hooks"]),
        # Declared hooks the code does not implement: the search API would answer wrongly.
        (
            'name = "demo"\nhooks = ["detect_ats", "map_fields"]\n',
            None,
            ["does not implement", "map_fields"],
        ),
        # Hooks "implemented" only as undecorated functions are not hook implementations.
        (
            'name = "demo"\nhooks = ["detect_ats"]\n',
            "def detect_ats(url, snapshot):\n    return None\n",
            ["detect_ats"],
        ),
        ('name = "demo"\nhooks = ["detect_ats"]\n', "@hookimpl\ndef detect_ats(url:\n", ["not valid python"]),
    ],
)
def test_plugin_whose_declared_hooks_are_not_true(
    unchanged: Registry, wheel_factory: Callable[..., Path], toml: str, init: str | None, words: list[str]
) -> None:
    extra = {"jobpilot_ats_demo/__init__.py": init.encode()} if init is not None else None
    wheel = wheel_factory(version="2.0", plugin_toml=toml, extra=extra)
    refused(upload(unchanged, wheel, token=unchanged.token("alice")), 400, *words)


def test_hooks_may_live_in_submodules_of_the_package(seeded: Registry, tmp_path: Path) -> None:
    """The check reads every module of the entry point's package, as loading it would."""
    wheel = make_wheel(
        tmp_path,
        name="jobpilot-ats-split",
        plugin_toml='name = "split"\nhooks = ["detect_ats", "map_fields"]\n',
        extra={
            "jobpilot_ats_split/__init__.py": b"from jobpilot_ats_split.hooks import *  # noqa\n",
            "jobpilot_ats_split/hooks.py": b"import jobpilot\n\n\n"
            b"@jobpilot.hookimpl\ndef detect_ats(url, snapshot):\n    return None\n\n\n"
            b"@jobpilot.hookimpl(tryfirst=True)\nasync def map_fields(snapshot, detection):\n"
            b"    return None\n",
        },
    )
    response = upload(seeded, wheel, token=seeded.token("alice"))
    assert response.status_code == 200, response.text
    found = requests.get(seeded.url + "api/plugins", params={"hook": "map_fields"}, timeout=10).json()
    assert [(p["project"], sorted(p["hooks"])) for p in found["plugins"]] == [
        ("jobpilot-ats-split", ["detect_ats", "map_fields"])
    ], found


def test_other_actions_and_missing_file(unchanged: Registry, wheel_factory: Callable[..., Path]) -> None:
    wheel = wheel_factory(version="2.0")
    refused(
        upload(unchanged, wheel, token=unchanged.token("alice"), fields={":action": "submit"}), 400, ":action"
    )
    r = requests.post(
        unchanged.legacy,
        data={":action": "file_upload", "name": "jobpilot-ats-demo", "version": "2.0"},
        files={"other": ("x", b"y")},
        auth=("__token__", unchanged.token("alice")),
        timeout=10,
    )
    refused(r, 400, "no file")
    r = requests.post(unchanged.legacy, data=b"{}", auth=("__token__", unchanged.token("alice")), timeout=10)
    refused(r, 400, "multipart/form-data")


def test_yank_by_someone_else(unchanged: Registry) -> None:
    r = requests.post(
        unchanged.url + "api/projects/jobpilot-ats-demo/1.0/yank",
        json={"reason": "mine now"},
        auth=("__token__", unchanged.token("bob")),
        timeout=10,
    )
    assert r.status_code == 403 and r.json()["error"].startswith("project 'jobpilot-ats-demo' belongs")


# --- a crash in the middle of an upload -------------------------------------------------------


def test_killed_during_upload_leaves_nothing(tmp_path: Path) -> None:
    """kill -9 while a file streams in: the index is unchanged, and the next start sweeps the
    temporary file away."""
    reg = start_registry(tmp_path / "reg")
    try:
        token = reg.token("alice")
        before = reg.state()
        wheel = make_wheel(tmp_path)
        data = wheel.read_bytes()
        boundary = "crashBOUNDARY"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name=":action"\r\n\r\nfile_upload\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="content"; filename="{wheel.name}"\r\n\r\n'
        ).encode()
        import base64

        host, port = reg.url.split("//")[1].rstrip("/").split(":")
        sock = socket.create_connection((host, int(port)))
        auth = base64.b64encode(f"__token__:{token}".encode()).decode()
        sock.sendall(
            (
                f"POST /legacy/ HTTP/1.1\r\nHost: {host}\r\nAuthorization: Basic {auth}\r\n"
                f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                f"Content-Length: {len(head) + len(data) + 100}\r\n\r\n"
            ).encode()
            + head
            + data[: len(data) // 2]
        )
        wait_for(lambda: any((reg.data / "tmp").glob("upload-*.part")))
        reg.stop(hard=True)
        sock.close()
        after_crash = reg.state()
        assert {k: v for k, v in after_crash.items() if k != "files_on_disk"} == {
            k: v for k, v in before.items() if k != "files_on_disk"
        }
        assert [f for f, _ in after_crash["files_on_disk"] if not f.startswith("tmp/")] == [
            f for f, _ in before["files_on_disk"]
        ]
        reg.start()
        assert reg.state() == before
        assert requests.get(reg.simple + "jobpilot-ats-demo/", timeout=10).status_code == 404
    finally:
        reg.stop()


def _random(n: int) -> bytes:
    import os

    return os.urandom(n)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_ = Any
