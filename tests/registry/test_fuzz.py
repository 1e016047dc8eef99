"""Never a 500: hostile input gets a 4xx naming the problem and changes nothing, on SQLite and
on PostgreSQL.

First one test per class of input that used to crash the registry (issue 12), then
property-based fuzzing of every route with hypothesis: "no 5xx, and the registry's complete
state (every row, every file) is unchanged after a 4xx". ``benchmarks/bench_registry.py
--fuzz N`` runs the same fuzzer longer and records the counts.
"""

from __future__ import annotations

import json
import secrets
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jobpilot_registry_fuzzing import (
    DEEP_PYTHON,
    DEEP_TOML,
    HOOK_SOURCE,
    InProcessRegistry,
    RawRequest,
    basic,
    deep_json,
    file_part,
    make_sdist,
    quote,
    requests_strategy,
    send,
    upload_request,
)
from jobpilot_registry_tests import make_wheel

FUZZ_EXAMPLES = 150
"""Requests per database in the suite (the benchmark sends more)."""


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def reg(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[InProcessRegistry]:
    """A registry on each database, alice owning jobpilot-ats-demo 1.0."""
    database = None
    if request.param == "postgresql":
        server = request.getfixturevalue("pg_server")
        db = "fuzz_" + secrets.token_hex(4)
        server.psql(f"CREATE DATABASE {db};")
        host = server.get_uri().split("host=", 1)[1].split("&", 1)[0]
        database = f"postgresql+asyncpg://postgres@/{db}?host={host}"
    registry = InProcessRegistry(
        tmp_path_factory.mktemp(f"fuzz-{request.param}"), database, max_upload=16 * 1024 * 1024
    ).start()
    try:
        wheel = make_wheel(tmp_path_factory.mktemp("seed"))
        r = send(
            registry.port, upload_request(registry.token("alice"), wheel.name.encode(), wheel.read_bytes())
        )
        assert r.status == 200, r.body
        yield registry
    finally:
        registry.stop()


def refused(registry: InProcessRegistry, req: RawRequest, *words: str, status: int | None = None) -> bytes:
    """Send ``req``; assert a 4xx (``status`` if given) whose body names the problem, and that
    nothing changed."""
    before = registry.state()
    r = send(registry.port, req)
    assert 400 <= r.status < 500, (req.note, r.status, r.body[:300])
    if status is not None:
        assert r.status == status, (req.note, r.status, r.body[:300])
    text = r.body.decode("utf-8", "replace").lower()
    for w in words:
        assert w.lower() in text, (req.note, w, r.body[:300])
    assert registry.state() == before, f"{req.note}: a refused request changed the registry"
    return r.body


def alice(registry: InProcessRegistry) -> bytes:
    return basic(b"__token__", registry.token("alice").encode())


def wheel_bytes(tmp_path: Path, **kw: Any) -> tuple[bytes, bytes]:
    sub = tmp_path / secrets.token_hex(3)
    sub.mkdir()
    wheel = make_wheel(sub, **kw)
    return wheel.name.encode(), wheel.read_bytes()


# --- the classes of input that crashed the registry ------------------------------------------------


def test_deep_json_in_a_yank(reg: InProcessRegistry) -> None:
    for depth in (20_000, 5_000):  # deeper than the JSON parser goes; under the size cap
        req = RawRequest(
            "POST",
            b"/api/projects/jobpilot-ats-demo/1.0/yank",
            [(b"Authorization", alice(reg)), (b"Content-Type", b"application/json")],
            deep_json(depth),
            note=f"deep JSON {depth}",
        )
        refused(reg, req, "nested too deeply")
    for body, words in (
        (b'{"reason": "a\\u0000b"}', ["nul"]),
        (b'{"reason": ["x"]}', ["must be a string"]),
        (b"\xff\xfe{", ["not json"]),
        (b"[1]", ["not an object"]),
        (b'{"reason": "' + b"x" * 70_000 + b'"}', ["larger than"]),
        (deep_json(100_000), ["larger than"]),
    ):
        req = RawRequest(
            "POST",
            b"/api/projects/jobpilot-ats-demo/1.0/yank",
            [(b"Authorization", alice(reg)), (b"Content-Type", b"application/json")],
            body,
            note=repr(body[:30]),
        )
        refused(reg, req, *words)


@pytest.mark.parametrize(
    "value",
    [
        b"Basic \xff\xfe\xfd",  # not ASCII
        b"Basic " + "é".encode() * 4,
        basic(b"__token__", b"\xff\xfe"),  # base64 of bytes that are not UTF-8
        basic(b"\xc3\x28", b"jpr_x"),
        basic(b"__token__", b"jpr_\x00\x00"),
        b"Bearer \xff\xfe\x00",
        b"Bearer " + "jpr_é".encode(),
        b"\xff",
    ],
)
def test_authorization_bytes_that_are_not_utf8_or_ascii(reg: InProcessRegistry, value: bytes) -> None:
    for target in (b"/legacy/", b"/api/projects/jobpilot-ats-demo/1.0/yank"):
        req = RawRequest("POST", target, [(b"Authorization", value)], b"", note=repr(value))
        refused(reg, req)


@pytest.mark.parametrize(
    "target",
    [
        b"/simple/" + quote("jobpilot\x00demo") + b"/",
        b"/simple/" + quote("\ud800") + b"/",
        b"/simple/%ff%fe/",
        b"/files/ab/" + quote("\x00") + b"/x.whl",
        b"/files/ab/cd/" + quote("x\x00.whl"),
        b"/api/plugins?q=" + quote("a\x00"),
        b"/api/plugins?ats=%ff&url=" + quote("https://x.test/\x00"),
        b"/simple/?format=" + quote("\x00"),
    ],
)
def test_nul_and_invalid_utf8_in_paths_and_queries(reg: InProcessRegistry, target: bytes) -> None:
    refused(reg, RawRequest("GET", target, note=repr(target)))


@pytest.mark.parametrize(
    ("project", "version"),
    [
        ("jobpilot\x00ats-demo", "1.0"),
        ("jobpilot-ats-demo", "1.0\x00"),
        ("\ud800", "1"),
        ("jobpilot-ats-demo", "1" * 5000),
    ],
)
def test_nul_surrogates_and_huge_versions_in_a_yank(
    reg: InProcessRegistry, project: str, version: str
) -> None:
    target = b"/api/projects/" + quote(project) + b"/" + quote(version) + b"/yank"
    refused(reg, RawRequest("POST", target, [(b"Authorization", alice(reg))], b"", note=repr(target[:60])))


def test_multipart_part_headers_aiohttp_refuses(reg: InProcessRegistry, tmp_path: Path) -> None:
    name, data = wheel_bytes(tmp_path, version="3.0")
    for header in (
        b'Content-Disposition: form-data; name="content"\r\nContent-Transfer-Encoding: base64',
        b'Content-Disposition: form-data; name="content"\r\nContent-Encoding: br',
        b"Content-Disposition: form-data; name=\"content\"; filename*=UTF-8''%ff%fe.whl",
        b"no colon here",
        b'Content-Disposition: form-data; name="content"; filename="' + b"a" * 70_000 + b'"',
        b"Content-Disposition: garbage",
    ):
        req = upload_request(
            reg.token("alice"), name, data, file_part_override=(header, data), note=repr(header[:60])
        )
        refused(reg, req)
    broken = upload_request(reg.token("alice"), name, data)
    broken.body = broken.body.replace(b"\r\n\r\n", b"\r\n", 1)  # a part whose headers never end
    broken.note = "part headers without their blank line"
    refused(reg, broken)


def test_nul_in_an_uploads_filename_and_fields(reg: InProcessRegistry, tmp_path: Path) -> None:
    name, data = wheel_bytes(tmp_path, version="3.1")
    req = upload_request(
        reg.token("alice"), name, data, file_part_override=file_part(name.replace(b"-3.1", b"\x00-3.1"), data)
    )
    refused(reg, req, "multipart", status=400)  # aiohttp refuses the part's header line
    for key, value, words in (
        (b"name", b"jobpilot-ats-demo\x00", ["not a valid project name"]),
        (b"version", b"3.1\x00", ["not a valid version"]),
        (b"pyversion", b"py3\x00", ["pyversion"]),
        (b"pyversion", b"p" * 500, ["pyversion"]),
        (b"name", b"n" * 500, ["longer than"]),
    ):
        refused(
            reg, upload_request(reg.token("alice"), name, data, fields={key: value}, note=repr(key)), *words
        )


@pytest.mark.parametrize("version", ["1" * 5000, "1." + "9" * 4400, "0" * 100_000])
def test_versions_of_thousands_of_digits(reg: InProcessRegistry, tmp_path: Path, version: str) -> None:
    name, data = wheel_bytes(tmp_path, version="3.2")
    refused(
        reg,
        upload_request(reg.token("alice"), name, data, fields={b"version": version.encode()}),
        "version",
        status=400,
    )


@pytest.mark.parametrize("kind", sorted(DEEP_TOML))
def test_deeply_nested_plugin_toml(reg: InProcessRegistry, tmp_path: Path, kind: str) -> None:
    name, data = wheel_bytes(tmp_path, version="3.3", plugin_toml=DEEP_TOML[kind])
    refused(reg, upload_request(reg.token("alice"), name, data), "nests", status=400)


@pytest.mark.parametrize("kind", sorted(DEEP_PYTHON))
def test_deeply_nested_python_source(reg: InProcessRegistry, tmp_path: Path, kind: str) -> None:
    extra = {"jobpilot_ats_demo/deep.py": DEEP_PYTHON[kind].encode()}
    name, data = wheel_bytes(tmp_path, version="3.4", extra=extra)
    refused(reg, upload_request(reg.token("alice"), name, data), "jobpilot_ats_demo/deep.py", status=400)


def test_python_source_the_inspector_will_not_read(reg: InProcessRegistry, tmp_path: Path) -> None:
    """The inspector's work is bounded: one big file, or many files, are refused unread."""
    big = {"jobpilot_ats_demo/big.py": b"x = 1\n" * 400_000}
    name, data = wheel_bytes(tmp_path, version="3.5", extra=big)
    refused(reg, upload_request(reg.token("alice"), name, data), "larger than 2 mib of python", status=400)
    many = {f"jobpilot_ats_demo/m{i}.py": b"# " + b"x" * 1_900_000 + b"\n" for i in range(9)}
    name, data = wheel_bytes(tmp_path, version="3.6", extra=many)
    refused(reg, upload_request(reg.token("alice"), name, data), "more than 16 mib of python", status=400)


def test_deeply_nested_pyproject_in_an_sdist(reg: InProcessRegistry, tmp_path: Path) -> None:
    sdist = make_sdist(
        tmp_path,
        "jobpilot-ats-demo",
        "3.7",
        {
            "pyproject.toml": "[project]\nname = 'jobpilot-ats-demo'\nx = "
            + "[" * 50_000
            + "]" * 50_000
            + "\n",
            "src/jobpilot_ats_demo/__init__.py": HOOK_SOURCE,
            "src/jobpilot_ats_demo/plugin.toml": 'name = "demo"\nhooks = ["detect_ats"]\n',
        },
    )
    req = upload_request(
        reg.token("alice"),
        sdist.name.encode(),
        sdist.read_bytes(),
        fields={
            b"name": b"jobpilot-ats-demo",
            b"version": b"3.7",
            b"filetype": b"sdist",
            b"pyversion": b"source",
        },
    )
    refused(reg, req, "pyproject.toml", "nests", status=400)


@pytest.mark.parametrize(
    ("summary", "words"),
    [("a\x00b", ["nul"]), ("x" * 200, [])],
)
def test_metadata_strings_reach_the_database_clean(
    reg: InProcessRegistry, tmp_path: Path, summary: str, words: list[str]
) -> None:
    name, data = wheel_bytes(tmp_path, version="3.8", summary=summary)
    if words:
        refused(reg, upload_request(reg.token("alice"), name, data), *words, status=400)
    else:
        assert send(reg.port, upload_request(reg.token("alice"), name, data)).status == 200


def test_metadata_that_is_not_utf8(reg: InProcessRegistry, tmp_path: Path) -> None:
    name, data = wheel_bytes(tmp_path, version="3.9", summary="caf\udce9")  # a lone byte 0xE9
    refused(reg, upload_request(reg.token("alice"), name, data), "not utf-8", status=400)


def test_a_non_ascii_summary_is_kept(reg: InProcessRegistry, tmp_path: Path) -> None:
    name, data = wheel_bytes(tmp_path, version="4.0", summary="Adaptateur pour Téléfleur — 東京")
    assert send(reg.port, upload_request(reg.token("alice"), name, data)).status == 200
    page = send(reg.port, RawRequest("GET", b"/api/plugins?q=demo"))
    (found,) = json.loads(page.body)["plugins"]
    assert found["summary"] == "Adaptateur pour Téléfleur — 東京"


def test_an_archive_with_too_many_members(reg: InProcessRegistry, tmp_path: Path) -> None:
    extra = {f"jobpilot_ats_demo/data/f{i}.txt": b"" for i in range(20_001)}
    name, data = wheel_bytes(tmp_path, version="4.1", extra=extra)
    refused(reg, upload_request(reg.token("alice"), name, data), "more than 20000 members", status=400)


def test_entry_point_names_the_database_can_hold(reg: InProcessRegistry, tmp_path: Path) -> None:
    for ep, words in (("x" * 150, ["not a usable plugin name"]), ("builtin.ats_hosts", ["builtin"])):
        name, data = wheel_bytes(tmp_path, name="jobpilot-ats-demo", version="4.2", ep=ep)
        refused(reg, upload_request(reg.token("alice"), name, data), *words, status=400)
    toml = 'name = "demo"\nats = "' + "a" * 100 + '"\nhooks = ["detect_ats"]\n'
    name, data = wheel_bytes(tmp_path, version="4.3", plugin_toml=toml)
    refused(reg, upload_request(reg.token("alice"), name, data), "'ats'", "longer than", status=400)


# --- property-based: every route ------------------------------------------------------------------


def _fuzz_wheels(tmp_path: Path) -> list[tuple[bytes, bytes]]:
    out = []
    for i in range(4):
        sub = tmp_path / f"w{i}"
        sub.mkdir()
        wheel = make_wheel(sub, name="jobpilot-ats-demo", version=f"9.{i}")
        out.append((wheel.name.encode(), wheel.read_bytes()))
    sub = tmp_path / "bad"
    sub.mkdir()
    broken = make_wheel(sub, name="jobpilot-ats-demo", version="9.9", plugin_toml=DEEP_TOML["arrays"])
    out.append((broken.name.encode(), broken.read_bytes()))
    with zipfile.ZipFile(broken) as zf:
        names = zf.namelist()
    assert names
    return out


def test_fuzz_every_route(reg: InProcessRegistry, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No 5xx, and a 4xx leaves every row and every file as it was."""
    wheels = _fuzz_wheels(tmp_path_factory.mktemp("fuzzwheels"))
    tokens = [reg.token("alice"), reg.token("mallory")]
    counts = {"requests": 0, "5xx": 0, "4xx": 0, "2xx/3xx": 0}
    failures: list[str] = []
    state = [reg.state()]

    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(requests_strategy(tokens, wheels))
    def one(req: RawRequest) -> None:
        r = send(reg.port, req)
        counts["requests"] += 1
        if r.status >= 500:
            counts["5xx"] += 1
            failures.append(f"{req.note}: {r.status} {r.body[:200]!r}")
        after = reg.state()
        if 400 <= r.status < 500:
            counts["4xx"] += 1
            assert after == state[0], f"{req.note}: {r.status} but the registry changed"
        else:
            counts["2xx/3xx"] += 1
            state[0] = after
        assert r.status < 500, failures[-1]

    one()
    print(f"fuzzed {reg.store.engine.dialect.name}: {counts}")
    assert counts["5xx"] == 0 and counts["requests"] >= FUZZ_EXAMPLES
