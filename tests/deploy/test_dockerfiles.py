"""The one Dockerfile, read statically (no container engine here), with each server's build
arguments from docker-compose.yml: every image builds its own server, as tubelens/servers.py
declares it."""

from __future__ import annotations

import re
import shlex

import pytest

from tubelens.servers import IMAGES, Server

from .deployfiles import DOCKER_DIR, ROOT, exec_form, read_compose, read_dockerfile
from .imports import extra_distributions, first_party_modules, third_party_distributions

DOCKERFILE = DOCKER_DIR / "Dockerfile"
PINNED_BASE = re.compile(r"^python:3\.11\.\d+-slim-bookworm(@sha256:[0-9a-f]{64})?$")


@pytest.fixture(params=IMAGES, ids=lambda server: server.name)
def server(request) -> Server:
    return request.param


def _build_args(server: Server) -> dict[str, str]:
    build = read_compose()["services"][server.name]["build"]
    assert build["dockerfile"] == "deploy/docker/Dockerfile"
    return {key: str(value) for key, value in build["args"].items()}


def test_one_dockerfile_builds_every_server() -> None:
    assert sorted(path.name for path in DOCKER_DIR.iterdir()) == ["Dockerfile"]


def test_a_multi_stage_build_on_a_pinned_slim_base() -> None:
    dockerfile = read_dockerfile(DOCKERFILE)
    assert len(dockerfile.stages) >= 3, "a build stage and a runtime stage"
    (base,) = set(dockerfile.base_images)  # both stages on the same interpreter: the venv moves
    assert PINNED_BASE.match(base), base


def test_the_runtime_stage_runs_as_a_numeric_non_root_user() -> None:
    users = read_dockerfile(DOCKERFILE).args("USER")
    assert users, "the runtime stage sets USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0  # numeric, so Kubernetes can check runAsNonRoot


def test_compose_builds_each_server_as_declared(server: Server) -> None:
    expected = {
        "SERVER": server.name,
        "EXTRA": server.extra,
        "SOURCE": server.module.replace(".", "/"),
        "PORT": str(server.port),
        "METRICS_PORT": str(server.metrics_port),
    }
    if server.debian_packages:
        expected["DEBIAN_PACKAGES"] = " ".join(server.debian_packages)
    assert _build_args(server) == expected
    assert (ROOT / expected["SOURCE"] / "__main__.py").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf"^{server.extra} = \[", pyproject, re.MULTILINE), server.extra
    assert (ROOT / "requirements" / f"{server.extra}.txt").is_file(), "make lock"


def test_the_extra_is_installed_from_its_lock_file_with_hashes() -> None:
    dockerfile = read_dockerfile(DOCKERFILE)
    runs = " ".join(dockerfile.args("RUN", dockerfile.stages[1]))
    assert 'pip install --require-hashes -r "requirements/${EXTRA}.txt"' in runs
    assert "pip install --no-deps -e ." in runs  # TubeLens itself adds no unlocked library


def test_only_the_declared_debian_packages_are_installed() -> None:
    runtime = read_dockerfile(DOCKERFILE)
    installs = []
    for run in runtime.args("RUN"):
        for command in run.split("&&"):
            words = shlex.split(command.replace("\\\n", " "))
            if "apt-get" in words and "install" in words:
                assert "--no-install-recommends" in words
                installs.append([w for w in words[words.index("install") + 1 :] if w[0] != "-"])
    assert installs == [["${DEBIAN_PACKAGES}"]]  # nothing hard-coded: the build argument only


def test_port_command_and_health_check_follow_the_server(server: Server) -> None:
    dockerfile = read_dockerfile(DOCKERFILE)
    assert dockerfile.args("EXPOSE") == ["${PORT} ${METRICS_PORT}"]
    assert any("TUBELENS_SERVER=${SERVER}" in env for env in dockerfile.args("ENV"))
    assert exec_form(dockerfile.args("CMD")[-1]) == ["python", "-m", "tubelens.server.start"]
    (healthcheck,) = dockerfile.args("HEALTHCHECK")
    assert exec_form(healthcheck) == ["python", "-m", "tubelens.server.probe"]
    command = read_compose()["services"][server.name]["command"]
    assert command == ["python", "-m", server.module]


def test_the_image_holds_every_first_party_module_the_server_imports(server: Server) -> None:
    dockerfile = read_dockerfile(DOCKERFILE)
    build = _build_args(server)
    copied = [
        args.split()[0].replace("${SOURCE}", build["SOURCE"]).replace("${EXTRA}", build["EXTRA"])
        for args in dockerfile.args("COPY", dockerfile.stages[1])
    ]
    for path in copied:
        assert (ROOT / path).exists(), f"COPY {path}: no such path"
    needed = first_party_modules(f"{server.module}.__main__")
    missing = [path for path in needed if not any(path.startswith(src) for src in copied)]
    assert missing == []


def test_the_extra_provides_every_library_the_server_imports(server: Server) -> None:
    needed = third_party_distributions(f"{server.module}.__main__")
    assert needed, "the scan found the server's libraries"
    missing = needed - extra_distributions(server.extra)
    assert missing == set(), (
        f"the {server.name} image would lack {sorted(missing)}: the code imports them, but "
        f"neither the base dependencies nor the `{server.extra}` extra in pyproject.toml bring "
        "them in"
    )
