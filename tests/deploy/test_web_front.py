"""The web front (python -m web) as compose and Kubernetes run it: its own image from the one
recipe, in front of the gateway, probed over HTTP, locked down like every pod, scaled on its own,
reachable from outside through the example Ingress; and the process itself, started with each
platform's settings, passes the image's health check and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tubelens.servers import GATEWAY, WEB, server
from web.settings import WebSettings

from .deployfiles import (
    DOCKER_DIR,
    K8S_DIR,
    ROOT,
    exec_form,
    k8s_resource,
    read_compose,
    read_dockerfile,
    read_k8s,
    selects,
)
from .test_declaration import overlay_with_components
from .test_servers_start import free_ports

GATEWAY_TARGET = f"dns:///{GATEWAY}:{server(GATEWAY).port}"


def _container(docs: list[dict]) -> dict:
    (container,) = k8s_resource(docs, "Deployment", WEB.name)["spec"]["template"]["spec"][
        "containers"
    ]
    return container


def _k8s_env() -> dict[str, str]:
    return {item["name"]: item["value"] for item in _container(read_k8s()).get("env", [])}


def test_compose_runs_it_in_front_of_the_gateway_on_loopback() -> None:
    web = read_compose()["services"][WEB.name]
    assert web["command"] == ["python", "-m", "web"]
    assert web["read_only"] is True and web["cap_drop"] == ["ALL"]  # the shared x-server
    env = web["environment"]
    assert env["TUBELENS_WEB_HOST"] == "0.0.0.0"
    assert env["TUBELENS_WEB_PORT"] == str(WEB.port)
    assert env["TUBELENS_WEB_GATEWAY_TARGET"] == GATEWAY_TARGET  # every gateway replica
    # Open like the gateway in the demo, so published on this machine's loopback only.
    assert web["ports"] == [f"${{WEB_PUBLISH_ADDRESS:-127.0.0.1}}:{WEB.port}:{WEB.port}"]
    assert web["depends_on"] == {GATEWAY: {"condition": "service_healthy"}}
    probe = ["CMD", "python", "-m", "tubelens.server.probe", "--server", WEB.name]
    assert web["healthcheck"]["test"] == probe


def test_kubernetes_pod_is_locked_down_probed_over_http_and_sized() -> None:
    docs = read_k8s()
    pod = k8s_resource(docs, "Deployment", WEB.name)["spec"]["template"]["spec"]
    container = _container(docs)
    assert container["image"] == read_compose()["services"][WEB.name]["image"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["automountServiceAccountToken"] is False
    assert container["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }
    assert [(p["name"], p["containerPort"]) for p in container["ports"]] == [
        ("http", WEB.port),
        ("metrics", WEB.metrics_port),
    ]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/healthz", "port": "http"}
    size = WEB.sizing
    assert container["resources"] == {
        "requests": {"cpu": size.cpu_request, "memory": size.memory_request},
        "limits": {"cpu": size.cpu_limit, "memory": size.memory_limit},
    }
    env = _k8s_env()
    assert env["TUBELENS_WEB_GATEWAY_TARGET"] == GATEWAY_TARGET
    assert env["TUBELENS_WEB_PORT"] == str(WEB.port)
    gateway = k8s_resource(docs, "Service", GATEWAY)["spec"]
    assert gateway["clusterIP"] == "None"  # the dns:/// target resolves to every gateway pod


def test_kubernetes_scales_it_on_its_own() -> None:
    docs = read_k8s()
    assert "replicas" not in k8s_resource(docs, "Deployment", WEB.name)["spec"]
    hpa = k8s_resource(docs, "HorizontalPodAutoscaler", WEB.name)["spec"]
    assert hpa["scaleTargetRef"]["name"] == WEB.name
    assert (hpa["minReplicas"], hpa["maxReplicas"]) == (
        WEB.sizing.min_replicas,
        WEB.sizing.max_replicas,
    )
    assert hpa["minReplicas"] >= 2  # a replica going away leaves the page up
    assert k8s_resource(docs, "PodDisruptionBudget", WEB.name)["spec"]["maxUnavailable"] == 1
    service = k8s_resource(docs, "Service", WEB.name)["spec"]
    assert [(p["name"], p["port"]) for p in service["ports"]] == [
        ("http", WEB.port),
        ("metrics", WEB.metrics_port),
    ]


def test_network_policies_let_callers_in_and_the_web_front_reach_the_gateway() -> None:
    docs = read_k8s()
    policies = [d["spec"] for d in docs if d["kind"] == "NetworkPolicy"]
    web_labels = k8s_resource(docs, "Deployment", WEB.name)["spec"]["template"]["metadata"][
        "labels"
    ]
    gateway_labels = k8s_resource(docs, "Deployment", GATEWAY)["spec"]["template"]["metadata"][
        "labels"
    ]

    def open_to(labels: dict[str, str], port: int, source: dict[str, str] | None) -> bool:
        for policy in policies:
            if not selects(policy["podSelector"], labels):
                continue
            for rule in policy.get("ingress", []):
                ports = [p["port"] for p in rule.get("ports", [])]
                sources = rule.get("from")
                from_anywhere = not sources
                from_source = source is not None and any(
                    "podSelector" in s and selects(s["podSelector"], source) for s in sources or []
                )
                if port in ports and (from_anywhere or from_source):
                    return True
        return False

    assert open_to(web_labels, WEB.port, None)  # from the Ingress controller, wherever it is
    assert open_to(gateway_labels, server(GATEWAY).port, web_labels)
    assert not open_to(web_labels, WEB.metrics_port, None)  # /metrics: Prometheus only


def test_the_example_ingress_streams_events_to_the_web_service(tmp_path: Path) -> None:
    docs = read_k8s(overlay_with_components(tmp_path))
    ingress = k8s_resource(docs, "Ingress", WEB.name)
    (rule,) = ingress["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    assert path["backend"]["service"] == {"name": WEB.name, "port": {"name": "http"}}
    assert "http" in [p["name"] for p in k8s_resource(docs, "Service", WEB.name)["spec"]["ports"]]
    notes = ingress["metadata"]["annotations"]
    # Server-sent events pass as they come, and an analysis may run to the longest deadline.
    assert notes["nginx.ingress.kubernetes.io/proxy-buffering"] == "off"
    settings = WebSettings()
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= (
        settings.max_deadline_seconds
    )
    assert notes["nginx.ingress.kubernetes.io/proxy-body-size"] == f"{settings.max_body_mb}m"
    assert ingress["spec"]["tls"], "TLS at the edge"
    assert "Ingress" not in {d["kind"] for d in read_k8s()}  # an example: off by default


@pytest.mark.integration
@pytest.mark.parametrize("platform", ["compose", "kubernetes", "image"])
def test_the_process_passes_the_image_health_check_and_stops_on_sigterm(
    platform: str, tmp_path: Path
) -> None:
    """compose and Kubernetes name the command; the image's own default (`docker run`) runs
    the server TUBELENS_SERVER names."""
    dockerfile = read_dockerfile(DOCKER_DIR / "Dockerfile")
    compose = read_compose()["services"][WEB.name]
    deployed, argv = compose["environment"], compose["command"]
    if platform == "kubernetes":
        deployed, argv = _k8s_env(), _container(read_k8s())["command"]
    if platform == "image":
        argv = exec_form(dockerfile.args("CMD")[-1])
    (port,) = free_ports(1)
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("TUBELENS_")}
    env = {
        **inherited,
        **deployed,
        "TUBELENS_WEB_HOST": "127.0.0.1",
        "TUBELENS_WEB_PORT": str(port),
        "TUBELENS_WEB_METRICS_PORT": "0",
        "TUBELENS_SERVER": WEB.name,  # the Dockerfile's ENV
    }
    log = tmp_path / "web.log"
    with log.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen([sys.executable, *argv[1:]], cwd=ROOT, env=env, stderr=stderr)
    probe = [sys.executable, *exec_form(dockerfile.args("HEALTHCHECK")[0])[1:]]
    try:
        for _ in range(100):
            check = subprocess.run(probe, cwd=ROOT, env=env, capture_output=True)
            if check.returncode == 0 or process.poll() is not None:
                break
        assert check.returncode == 0, (check.stderr, log.read_text(encoding="utf-8"))
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
        assert b"<html" in page.lower()
    finally:
        process.terminate()  # SIGTERM, as docker stop and the kubelet send
        code = process.wait(timeout=30)
    # uvicorn drains, runs the app's shutdown, then ends by the signal it caught (so a process
    # manager sees why it stopped): -SIGTERM, not a crash, and no traceback on the way.
    written = log.read_text(encoding="utf-8")
    assert code in (0, -signal.SIGTERM), written
    assert '"event": "web_stopped"' in written and "Traceback" not in written, written
    # With nothing listening any more, the same check fails.
    after = subprocess.run(probe, cwd=ROOT, env=env, capture_output=True)
    assert after.returncode == 1


def test_the_k8s_file_is_in_the_kustomization() -> None:
    assert (K8S_DIR / "web.yaml").is_file()
    kinds = {d["kind"] for d in read_k8s() if d["metadata"]["name"] == WEB.name}
    assert kinds == {"Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler"}
