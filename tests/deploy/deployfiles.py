"""Reads the deployment files the way their tools do, so tests can compare them with the code."""

from __future__ import annotations

import importlib.util
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from dockerfile_parse import DockerfileParser

from tubelens.settings import DEFAULT_PORTS

ROOT = Path(__file__).resolve().parents[2]
DOCKER_DIR = ROOT / "deploy" / "docker"
K8S_DIR = ROOT / "deploy" / "k8s"
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
SERVERS = tuple(DEFAULT_PORTS)  # as tubelens/servers.py declares them
ANALYSIS = tuple(name for name in SERVERS if name != "gateway")


@dataclass
class Dockerfile:
    """A Dockerfile as (instruction, arguments) pairs, split into build stages."""

    stages: list[list[tuple[str, str]]] = field(default_factory=list)  # [0]: before any FROM
    base_images: list[str] = field(default_factory=list)  # each stage's FROM, ARGs substituted

    def args(self, instruction: str, stage: list[tuple[str, str]] | None = None) -> list[str]:
        return [a for i, a in (self.stages[-1] if stage is None else stage) if i == instruction]


def read_dockerfile(path: Path) -> Dockerfile:
    parser = DockerfileParser(path=str(path), env_replace=False)
    parsed = Dockerfile(stages=[[]], base_images=list(parser.parent_images))
    for item in parser.structure:
        if item["instruction"] == "FROM":
            parsed.stages.append([])
        if item["instruction"] != "COMMENT":
            parsed.stages[-1].append((item["instruction"], item["value"]))
    return parsed


def exec_form(arguments: str) -> list[str]:
    """The argv of a JSON-array CMD/HEALTHCHECK (only the exec form is allowed here)."""
    match = re.search(r"\[(.*)\]\s*$", arguments)
    assert match, f"not an exec-form command: {arguments}"
    return yaml.safe_load(f"[{match.group(1)}]")


def read_compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def script(name: str) -> Any:
    """A module of scripts/ (not a package), imported by path."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def read_k8s(root: Path = K8S_DIR) -> list[dict[str, Any]]:
    """What `kubectl apply -k deploy/k8s` applies, rendered by scripts/kustomize_lite.py (which
    tests/deploy/test_declaration.py compares with kubectl where it exists)."""
    return script("kustomize_lite").render(root)


def k8s_resource(docs: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    found = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name}, found {len(found)}"
    return found[0]


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines as Compose's env_file reads them (comments and blanks skipped)."""
    env = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    return env


@dataclass(frozen=True)
class ServerConfig:
    """How one platform runs one server: its command, port and TUBELENS_* environment."""

    platform: str
    server: str
    argv: tuple[str, ...]
    port: int
    env: dict[str, str]


def compose_config(compose: dict[str, Any], server: str) -> ServerConfig:
    service = compose["services"][server]
    command = service["command"]
    argv = shlex.split(command) if isinstance(command, str) else command
    declared = {k: _interpolate(str(v)) for k, v in service["environment"].items()}
    env = {**read_env_file(ENV_EXAMPLE), **declared}
    return ServerConfig("compose", server, tuple(argv), int(env["TUBELENS_PORT"]), env)


def _interpolate(value: str) -> str:
    """Compose's `${NAME:-default}` with nothing set: the default."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", value)


def k8s_config(docs: list[dict[str, Any]], server: str) -> ServerConfig:
    pod = k8s_resource(docs, "Deployment", server)["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            name = source["configMapRef"]["name"]
            env |= k8s_resource(docs, "ConfigMap", name)["data"]
    env |= {item["name"]: item["value"] for item in container.get("env", [])}
    port = container["ports"][0]["containerPort"]
    return ServerConfig("kubernetes", server, tuple(container["command"]), port, env)


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    """Whether a Kubernetes label selector (matchLabels and matchExpressions) matches labels;
    the empty selector matches every pod, as in a NetworkPolicy."""
    if not selector.get("matchLabels", {}).items() <= labels.items():
        return False
    for expression in selector.get("matchExpressions", []):
        key, operator = expression["key"], expression["operator"]
        if operator in {"In", "NotIn"}:
            inside = key in labels and labels[key] in expression["values"]
            matched = inside if operator == "In" else not inside
        else:
            matched = (key in labels) == (operator == "Exists")
        if not matched:
            return False
    return True


def pod_labels(docs: list[dict[str, Any]], name: str) -> dict[str, str]:
    return k8s_resource(docs, "Deployment", name)["spec"]["template"]["metadata"]["labels"]
