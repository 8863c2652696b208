"""The Dockerfiles, read statically (no container engine here): each one builds its own server."""

from __future__ import annotations

import re
import shlex

import pytest

from tubelens.settings import DEFAULT_PORTS

from .deployfiles import DOCKER_DIR, ROOT, SERVERS, exec_form, read_compose, read_dockerfile
from .imports import extra_distributions, first_party_modules, third_party_distributions

APT_PACKAGES = {
    "gateway": set(),
    "summary": set(),
    "comments": set(),
    "thumbnail": {"tesseract-ocr", "tesseract-ocr-eng", "tesseract-ocr-kor"},
    "photocard": {"fonts-nanum"},
    "video": set(),  # PyAV's wheels carry their own FFmpeg libraries
}
PINNED_BASE = re.compile(r"^python:3\.11\.\d+-slim-bookworm(@sha256:[0-9a-f]{64})?$")


def entry_module(server: str) -> str:
    return "gateway" if server == "gateway" else f"services.{server}"


@pytest.fixture(params=SERVERS)
def server(request) -> str:
    return request.param


def test_every_server_has_a_multi_stage_dockerfile_on_a_pinned_slim_base(server: str) -> None:
    dockerfile = read_dockerfile(DOCKER_DIR / f"{server}.Dockerfile")
    assert len(dockerfile.stages) >= 3, "a build stage and a runtime stage"
    (base,) = set(dockerfile.base_images)  # both stages on the same interpreter: the venv moves
    assert PINNED_BASE.match(base), base


def test_the_runtime_stage_runs_as_a_numeric_non_root_user(server: str) -> None:
    dockerfile = read_dockerfile(DOCKER_DIR / f"{server}.Dockerfile")
    users = dockerfile.args("USER")
    assert users, "the runtime stage sets USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0  # numeric, so Kubernetes can check runAsNonRoot


def test_only_the_servers_own_extra_is_installed(server: str) -> None:
    text = (DOCKER_DIR / f"{server}.Dockerfile").read_text(encoding="utf-8")
    assert re.findall(r'pip install -e "\.\[([a-z,]+)\]"', text) == [server]


def test_only_the_debian_packages_the_server_needs(server: str) -> None:
    dockerfile = read_dockerfile(DOCKER_DIR / f"{server}.Dockerfile")
    installed: set[str] = set()
    for run in dockerfile.args("RUN"):
        for command in run.split("&&"):
            words = shlex.split(command)
            if words[:2] == ["apt-get", "install"]:
                assert "--no-install-recommends" in words
                installed |= {w for w in words[2:] if not w.startswith("-")}
    assert installed == APT_PACKAGES[server]


def test_port_command_and_health_check_match_the_code(server: str) -> None:
    dockerfile = read_dockerfile(DOCKER_DIR / f"{server}.Dockerfile")
    assert dockerfile.args("EXPOSE") == [str(DEFAULT_PORTS[server])]
    command = exec_form(dockerfile.args("CMD")[-1])
    assert command == ["python", "-m", entry_module(server)]
    assert (ROOT / entry_module(server).replace(".", "/") / "__main__.py").is_file()
    assert command == read_compose()["services"][server]["command"]
    (healthcheck,) = dockerfile.args("HEALTHCHECK")
    assert exec_form(healthcheck) == [
        *("python", "-m", "tubelens.server.probe", "--server", server)
    ]


def test_the_image_holds_every_first_party_module_the_server_imports(server: str) -> None:
    dockerfile = read_dockerfile(DOCKER_DIR / f"{server}.Dockerfile")
    copied = [args.split()[0] for args in dockerfile.args("COPY", dockerfile.stages[1])]
    for source in copied:
        assert (ROOT / source).exists(), f"COPY {source}: no such path"
    needed = first_party_modules(f"{entry_module(server)}.__main__")
    missing = [path for path in needed if not any(path.startswith(src) for src in copied)]
    assert missing == []


def test_the_extra_provides_every_library_the_server_imports(server: str) -> None:
    needed = third_party_distributions(f"{entry_module(server)}.__main__")
    assert needed, "the scan found the server's libraries"
    missing = needed - extra_distributions(server)
    assert missing == set(), (
        f"the {server} image would lack {sorted(missing)}: the code imports them, but neither the "
        f"base dependencies nor the `{server}` extra in pyproject.toml bring them in"
    )
