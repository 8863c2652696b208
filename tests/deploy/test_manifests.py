"""docker-compose.yml and deploy/k8s agree with the code and with each other (read statically)."""

from __future__ import annotations

import pytest
import yaml

from tubelens.settings import DEFAULT_PORTS, ServerSettings

from .deployfiles import (
    ANALYSIS,
    ENV_EXAMPLE,
    K8S_DIR,
    ROOT,
    SERVERS,
    compose_config,
    k8s_config,
    k8s_resource,
    read_compose,
    read_env_file,
    read_k8s,
)
from .settings_catalog import settings_catalog

COMPOSE = read_compose()
K8S = read_k8s()
CONFIGS = [compose_config(COMPOSE, s) for s in SERVERS] + [k8s_config(K8S, s) for s in SERVERS]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c.platform}-{c.server}")
def test_every_setting_named_exists_in_the_code(config) -> None:
    known = settings_catalog()
    assert sorted(set(config.env) - set(known)) == []
    assert config.port == DEFAULT_PORTS[config.server]
    for name, value in config.env.items():
        if name.endswith("_TARGET"):  # replicas behind DNS, each at the service's own port
            service = name.removeprefix("TUBELENS_").removesuffix("_TARGET").lower()
            assert value == f"dns:///{service}:{DEFAULT_PORTS[service]}"


def test_env_example_names_only_settings_and_holds_no_credentials() -> None:
    env = read_env_file(ENV_EXAMPLE)
    assert sorted(set(env) - set(settings_catalog())) == []
    assert {k: v for k, v in env.items() if "KEY" in k and v} == {}
    assert ".env" in (ROOT / ".dockerignore").read_text(encoding="utf-8").split()


def test_compose_wires_health_restarts_and_scaling() -> None:
    services = COMPOSE["services"]
    # redis: tests/deploy/test_redis.py; web: tests/deploy/test_web_front.py
    assert set(services) == {*SERVERS, "web", "redis"}
    for name in SERVERS:
        service = services[name]
        assert service["restart"] in {"always", "unless-stopped", "on-failure"}
        probe = ["CMD", "python", "-m", "tubelens.server.probe", "--port"]
        assert service["healthcheck"]["test"] == [*probe, str(DEFAULT_PORTS[name])]
        assert service["image"] == f"tubelens/{name}:dev"
        assert service["build"]["dockerfile"] == "deploy/docker/Dockerfile"  # one recipe
        assert [e["path"] for e in service["env_file"]] == [".env"]
        if name != "gateway":  # scalable: no fixed name, no host port
            assert "container_name" not in service and "ports" not in service
    # Published on the host's loopback unless .env says otherwise: the demo runs open.
    assert services["gateway"]["ports"] == ["${GATEWAY_PUBLISH_ADDRESS:-127.0.0.1}:50051:50051"]
    assert {k: v["condition"] for k, v in services["gateway"]["depends_on"].items()} == {
        name: "service_healthy" for name in (*ANALYSIS, "redis")
    }


def test_kubernetes_files_are_all_in_the_kustomization() -> None:
    listed = yaml.safe_load((K8S_DIR / "kustomization.yaml").read_text(encoding="utf-8"))
    on_disk = {p.name for p in K8S_DIR.glob("*.yaml")} - {"kustomization.yaml"}
    on_disk |= {f"services/{p.name}" for p in (K8S_DIR / "services").iterdir()}
    assert set(listed["resources"]) == on_disk
    images = {i["name"] for i in listed["images"]}
    assert images == {f"tubelens/{name}" for name in (*SERVERS, "web")}


@pytest.mark.parametrize("server", SERVERS)
def test_kubernetes_pod_is_locked_down_probed_and_sized(server: str) -> None:
    deployment = k8s_resource(K8S, "Deployment", server)
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    port = DEFAULT_PORTS[server]
    assert container["image"] == COMPOSE["services"][server]["image"]
    assert container["command"] == COMPOSE["services"][server]["command"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }
    writable = {m["mountPath"] for m in container["volumeMounts"] if not m.get("readOnly")}
    # /tmp, and the gateway's upload store (a claim every replica shares)
    assert writable == ({"/tmp", "/var/lib/tubelens/uploads"} if server == "gateway" else {"/tmp"})
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["grpc"] == {"port": port}
    assert set(container["resources"]) == {"requests", "limits"}
    grace = float(k8s_config(K8S, server).env.get("TUBELENS_GRACE_SECONDS", 0) or 0) or (
        ServerSettings.model_fields["grace_seconds"].default
    )
    assert pod["terminationGracePeriodSeconds"] > grace
    secret_refs = [s["secretRef"] for s in container["envFrom"] if "secretRef" in s]
    assert secret_refs == [{"name": "tubelens-secrets", "optional": True}]
    service = k8s_resource(K8S, "Service", server)
    assert service["spec"]["clusterIP"] == "None"  # headless: DNS lists every pod
    assert [(p["name"], p["port"]) for p in service["spec"]["ports"]] == [
        ("grpc", port),
        ("metrics", port + 1000),
    ]
    assert [(p["name"], p["containerPort"]) for p in container["ports"]] == [
        ("grpc", port),
        ("metrics", port + 1000),
    ]
    assert k8s_resource(K8S, "PodDisruptionBudget", server)["spec"]["maxUnavailable"] == 1


@pytest.mark.parametrize("server", ANALYSIS)
def test_each_analysis_service_scales_on_its_own(server: str) -> None:
    hpa = k8s_resource(K8S, "HorizontalPodAutoscaler", server)["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": server}
    assert 1 <= hpa["minReplicas"] < hpa["maxReplicas"]
    assert "replicas" not in k8s_resource(K8S, "Deployment", server)["spec"]  # the HPA owns it


def test_only_the_gateway_reaches_the_analysis_services() -> None:
    policies = [d for d in K8S if d["kind"] == "NetworkPolicy"]
    deny = [p for p in policies if p["spec"]["podSelector"] == {}]
    assert deny and all(not p["spec"].get("ingress") for p in deny)
    for server in ANALYSIS:
        labels = k8s_resource(K8S, "Deployment", server)["spec"]["template"]["metadata"]["labels"]
        allowing = [
            rule
            for policy in policies
            if policy["spec"]["podSelector"].get("matchLabels", {}).items() <= labels.items()
            and policy["spec"]["podSelector"] != {}
            for rule in policy["spec"].get("ingress", [])
        ]
        assert allowing, f"nothing may reach {server}"
        for rule in allowing:
            assert rule["from"] == [
                {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "gateway"}}}
            ]
            assert DEFAULT_PORTS[server] in [p["port"] for p in rule["ports"]]
