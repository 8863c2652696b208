"""tubelens/servers.py is the only list of servers: settings, `tubelens up`, the gateway, compose
and the Kubernetes overlays all follow from it, and the generated files are current."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tubelens.cli import stack
from tubelens.servers import IMAGES, SERVERS, WEB, Server, behind_gateway, server
from tubelens.settings import DEFAULT_PORTS, GatewaySettings

from .deployfiles import K8S_DIR, k8s_resource, read_compose, read_k8s, script

NAMES = [s.name for s in SERVERS]
gen_deploy = script("gen_deploy")


def test_settings_ports_and_gateway_targets_follow_the_declaration(monkeypatch) -> None:
    assert {s.name: s.port for s in SERVERS} == DEFAULT_PORTS
    settings = GatewaySettings()
    for declared in behind_gateway():
        assert settings.target_for(declared.name) == f"127.0.0.1:{declared.port}"
    monkeypatch.setenv("TUBELENS_SUMMARY_TARGET", "dns:///summary:50052")
    assert GatewaySettings().summary_target == "dns:///summary:50052"  # the old names still work


def test_tubelens_up_starts_the_declared_servers() -> None:
    assert [(name, module) for name, module, _ in stack.SERVERS] == [
        (s.name, s.module) for s in SERVERS
    ]
    up = stack.Stack(base_port=50051)
    assert {name: up.address(name) for name in NAMES} == {
        s.name: f"127.0.0.1:{s.port}" for s in SERVERS
    }
    gateway_env = up._env_for("gateway")
    assert {k: v for k, v in gateway_env.items() if k.endswith("_TARGET")} == {
        s.target_env: f"127.0.0.1:{s.port}" for s in behind_gateway()
    }


def test_compose_and_kubernetes_run_exactly_the_declared_servers() -> None:
    # The servers, the web front in front of the gateway, and Redis.
    assert set(read_compose()["services"]) == {*NAMES, WEB.name, "redis"}
    overlays = {p.name for p in (K8S_DIR / "services").iterdir()}
    assert overlays == {s.name for s in behind_gateway()}
    docs = read_k8s()
    deployments = {d["metadata"]["name"] for d in docs if d["kind"] == "Deployment"}
    assert deployments == {*NAMES, WEB.name, "redis"}
    targets = k8s_resource(docs, "ConfigMap", "tubelens-gateway-targets")["data"]
    assert targets == {s.target_env: f"dns:///{s.name}:{s.port}" for s in behind_gateway()}


def test_metrics_ports_sit_1000_above_the_grpc_ports() -> None:
    assert [s.metrics_port for s in SERVERS] == [s.port + 1000 for s in SERVERS]
    assert server("gateway").metrics_port == 51051


def test_generated_files_are_current() -> None:
    assert gen_deploy.stale() == [], "run `python scripts/gen_deploy.py`"


def test_observability_and_inflight_autoscaling_components(tmp_path: Path) -> None:
    docs = read_k8s(overlay_with_components(tmp_path))
    for declared in IMAGES:  # the web front's /metrics too
        pod = k8s_resource(docs, "Deployment", declared.name)["spec"]["template"]
        assert pod["metadata"]["annotations"]["prometheus.io/port"] == str(declared.metrics_port)
    settings = k8s_resource(docs, "ConfigMap", "tubelens-settings")["data"]
    assert settings["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://otel-collector:4317"
    collector = k8s_resource(docs, "Service", "otel-collector")["spec"]
    assert 4317 in [p["port"] for p in collector["ports"]]
    for declared in behind_gateway():
        (metric,) = k8s_resource(docs, "HorizontalPodAutoscaler", declared.name)["spec"]["metrics"]
        if declared.gemini_backed:
            assert metric["type"] == "Pods"
            assert metric["pods"]["metric"]["name"] == "tubelens_rpc_in_flight"
        else:
            assert metric["resource"]["name"] == "cpu"


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl (kustomize) not installed")
@pytest.mark.parametrize("components", [False, True], ids=["plain", "components"])
def test_kustomize_lite_renders_what_kubectl_renders(tmp_path: Path, components: bool) -> None:
    root = overlay_with_components(tmp_path) if components else K8S_DIR
    rendered = subprocess.run(
        ["kubectl", "kustomize", str(root)], check=True, capture_output=True, text=True
    ).stdout
    by_kubectl = [d for d in yaml.safe_load_all(rendered) if d]

    def key(doc: dict) -> tuple[str, str]:
        return doc["kind"], doc["metadata"]["name"]

    assert sorted(by_kubectl, key=key) == sorted(read_k8s(root), key=key)


def test_a_sixth_server_needs_only_its_declaration(tmp_path: Path, monkeypatch) -> None:
    """Generating from a declaration with one more server deploys it everywhere."""
    sixth = dataclasses.replace(server("summary"), name="sixth", port=50057, module="services.x")
    servers: tuple[Server, ...] = (*SERVERS, sixth)
    monkeypatch.setattr(gen_deploy, "SERVERS", servers)
    monkeypatch.setattr(gen_deploy, "behind_gateway", lambda: servers[1:])
    shutil.copytree(K8S_DIR, tmp_path / "deploy" / "k8s")
    gen_deploy.write(tmp_path)
    assert gen_deploy.stale(tmp_path) == []
    compose = yaml.safe_load((tmp_path / "docker-compose.yml").read_text(encoding="utf-8"))
    assert compose["services"]["sixth"]["build"]["args"]["PORT"] == "50057"
    assert "sixth" in compose["services"]["gateway"]["depends_on"]
    docs = read_k8s(tmp_path / "deploy" / "k8s")
    container = k8s_resource(docs, "Deployment", "sixth")["spec"]["template"]["spec"]
    assert container["containers"][0]["command"] == ["python", "-m", "services.x"]
    assert k8s_resource(docs, "Service", "sixth")["spec"]["ports"][0]["port"] == 50057
    targets = k8s_resource(docs, "ConfigMap", "tubelens-gateway-targets")["data"]
    assert targets["TUBELENS_SIXTH_TARGET"] == "dns:///sixth:50057"
    policy = k8s_resource(docs, "NetworkPolicy", "analysis-from-gateway")["spec"]
    assert 50057 in [p["port"] for p in policy["ingress"][0]["ports"]]


def overlay_with_components(tmp_path: Path) -> Path:
    """An overlay adding the optional components (outside deploy/k8s, as kustomize needs)."""
    overlay = tmp_path / "observed"
    overlay.mkdir()
    base = Path(os.path.relpath(K8S_DIR, overlay))  # kustomize refuses absolute paths
    spec = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "namespace": "tubelens",
        "resources": [str(base)],
        "components": [
            str(base / "components" / "observability"),
            str(base / "components" / "hpa-inflight"),
            str(base / "components" / "ingress"),
        ],
    }
    (overlay / "kustomization.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    return overlay
