"""Writes the deployment files that follow from tubelens/servers.py, the one list of servers.

    python scripts/gen_deploy.py            # rewrite them
    python scripts/gen_deploy.py --check    # fail if a committed file differs (make lint)
    python scripts/gen_deploy.py --render deploy/k8s   # print what kustomize would apply

Written: docker-compose.yml, deploy/k8s/kustomization.yaml, network-policies.yaml,
gateway-targets.yaml, services/NAME/kustomization.yaml (the base plus one server's patches),
and the patches of components/observability and components/hpa-inflight. Everything else under
deploy/k8s is written by hand and takes no server's name. `--render` applies the small part of
kustomize these files use, so tests and CI can read the result without a kustomize binary.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tubelens.servers import GATEWAY, IMAGES, SERVERS, WEB, Server, behind_gateway  # noqa: E402
from tubelens.servers import server as declared  # noqa: E402

K8S = Path("deploy/k8s")
HEADER = "# Written by scripts/gen_deploy.py from tubelens/servers.py: edit those, not this file.\n"
COLLECTOR = "http://otel-collector:4317"
# Calls in flight per pod the Gemini-backed services scale at: each call mostly waits on the API,
# so a handful per pod keeps CPU low while the API's latency sets the pace.
IN_FLIGHT_TARGET = "8"
IN_FLIGHT_METRIC = "tubelens_rpc_in_flight"
NAME_LABEL = "app.kubernetes.io~1name"  # JSON pointer escape of the "/" in the label key


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the hand-written files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _block(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    """Multi-line strings (inline patches) as literal blocks, readable in review."""
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _block)


def _yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, width=100)


# --- docker compose ---------------------------------------------------------------------------

COMPOSE_HEAD = """\
# TubeLens on one machine: `docker compose up -d --build`, then call the gateway on :50051.
# Analysis services scale on their own: `docker compose up -d --scale summary=3 --scale comments=2`.
# The gateway reaches each through a dns:/// target with round_robin; Docker's DNS answers a
# service name with every replica, and servers close connections after
# TUBELENS_MAX_CONNECTION_AGE_SECONDS, so the gateway re-resolves and spreads load onto new ones.
# Settings and credentials come from .env (copy .env.example); nothing is baked into an image.
# Redis is a shared cache only (results, the Gemini request rate): losing it loses no data.
# Each server also serves Prometheus /metrics on its gRPC port + 1000 (inside the network).
name: tubelens

x-server: &server
  restart: unless-stopped
  init: true
  env_file:
    - path: .env
      required: false
  read_only: true
  tmpfs:
    - /tmp
  cap_drop:
    - ALL
  security_opt:
    - no-new-privileges:true
  stop_grace_period: 30s  # longer than TUBELENS_GRACE_SECONDS, the servers' drain time

services:
"""

COMPOSE_REDIS = """\
  # The result cache every gateway replica shares (db 0) and the Gemini request rate every
  # analysis replica shares (db 1). A cache, not a store: no snapshots, no append-only file, and
  # when full it drops the least recently used keys. Only the compose network reaches it.
  redis:
    image: redis:7.4-alpine
    restart: unless-stopped
    command:
      - redis-server
      - --save
      - ""
      - --appendonly
      - "no"
      - --maxmemory
      - 256mb
      - --maxmemory-policy
      - allkeys-lru
    user: "999:1000"  # the image's redis user: its entrypoint then skips the chown as root
    read_only: true
    tmpfs:
      - /data
    cap_drop:
      - ALL
    security_opt:
      - no-new-privileges:true
    expose:
      - "6379"
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 10s
      timeout: 3s
      retries: 3
      start_period: 10s
      start_interval: 1s

volumes:
  state: {}  # the gateway's usage ledger and operations (SQLite) and uploads
"""


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def _build(server: Server) -> dict[str, Any]:
    """The image's build: the one Dockerfile with this server's arguments."""
    args = {"SERVER": server.name, "EXTRA": server.extra, "SOURCE": server.source}
    args |= {"PORT": str(server.port), "METRICS_PORT": str(server.metrics_port)}
    if server.debian_packages:
        args["DEBIAN_PACKAGES"] = " ".join(server.debian_packages)
    return {"context": ".", "dockerfile": "deploy/docker/Dockerfile", "args": args}


def _with_shared_settings(body: dict[str, Any], name: str) -> str:
    text = _yaml({name: body})
    # The shared settings (x-server) go first; yaml cannot write the merge key itself.
    head, _, rest = text.partition("\n")
    return _indent(f"{head}\n  <<: *server\n{rest}", 2)


def _compose_service(server: Server) -> str:
    gateway = server.name == GATEWAY
    env = {
        "TUBELENS_HOST": "0.0.0.0",
        "TUBELENS_PORT": str(server.port),
        "TUBELENS_GRACE_SECONDS": "10",
        "TUBELENS_MAX_CONNECTION_AGE_SECONDS": "60",
    }
    if gateway:
        env |= {s.target_env: f"dns:///{s.name}:{s.port}" for s in behind_gateway()}
        env |= {
            "TUBELENS_DNS_MIN_REFRESH_SECONDS": "5",
            "TUBELENS_RESULT_CACHE_URL": "redis://redis:6379/0",
            # Open by default for the demo, and so published on this machine's loopback only;
            # .env may set an access file (DEPLOY.md, "Access") and GATEWAY_PUBLISH_ADDRESS.
            "TUBELENS_ACCESS_MODE": "${TUBELENS_ACCESS_MODE:-off}",
            "TUBELENS_USAGE_URL": "sqlite:////var/lib/tubelens/usage.sqlite3",
            "TUBELENS_UPLOADS_DIR": "/var/lib/tubelens/uploads",
        }
    elif server.gemini_backed:  # only these read the shared Gemini request rate
        env["TUBELENS_GEMINI_RATE_LIMIT_REDIS_URL"] = "redis://redis:6379/1"
    body: dict[str, Any] = {
        "image": f"tubelens/{server.name}:dev",
        "build": _build(server),
        "command": ["python", "-m", server.module],
        "environment": env,
    }
    if gateway:
        body["ports"] = [f"${{GATEWAY_PUBLISH_ADDRESS:-127.0.0.1}}:{server.port}:{server.port}"]
        body["expose"] = [str(server.metrics_port)]
        # The usage ledger, operations and uploads outlive the container.
        body["volumes"] = ["state:/var/lib/tubelens"]
    else:
        body["expose"] = [str(server.port), str(server.metrics_port)]
    if server.compose_tmp_size:
        body["tmpfs"] = [f"/tmp:size={server.compose_tmp_size}"]
    probe = ["CMD", "python", "-m", "tubelens.server.probe", "--port", str(server.port)]
    body["healthcheck"] = {
        "test": probe,
        "interval": "15s",
        "timeout": "5s",
        "retries": 3,
        "start_period": "30s" if gateway else "60s",
        "start_interval": "2s",
    }
    needs = [s.name for s in behind_gateway()] + ["redis"] if gateway else []
    if server.gemini_backed:
        needs = ["redis"]
    if needs:
        body["depends_on"] = {name: {"condition": "service_healthy"} for name in needs}
    return _with_shared_settings(body, server.name)


def _compose_web() -> str:
    """The HTTP/JSON API and the page, in front of the gateway; scales like it
    (`--scale web=2`: Docker's DNS spreads callers only inside the network, so a published
    port serves one replica; put a proxy in front for more)."""
    gateway = declared(GATEWAY)
    body: dict[str, Any] = {
        "image": f"tubelens/{WEB.name}:dev",
        "build": _build(WEB),
        "command": ["python", "-m", WEB.module],
        "environment": {
            "TUBELENS_WEB_HOST": "0.0.0.0",
            "TUBELENS_WEB_PORT": str(WEB.port),
            "TUBELENS_WEB_GATEWAY_TARGET": f"dns:///{GATEWAY}:{gateway.port}",
            "TUBELENS_WEB_DNS_MIN_REFRESH_SECONDS": "5",
        },
        # Loopback, like the gateway: the demo runs without access control.
        "ports": [f"${{WEB_PUBLISH_ADDRESS:-127.0.0.1}}:{WEB.port}:{WEB.port}"],
        "expose": [str(WEB.metrics_port)],
        "healthcheck": {
            "test": ["CMD", "python", "-m", "tubelens.server.probe", "--server", WEB.name],
            "interval": "15s",
            "timeout": "5s",
            "retries": 3,
            "start_period": "20s",
            "start_interval": "2s",
        },
        "depends_on": {GATEWAY: {"condition": "service_healthy"}},
    }
    return _with_shared_settings(body, WEB.name)


def compose() -> str:
    # Analysis services first, the gateway after them (it waits for them to be healthy), and
    # the web front last, in front of the gateway.
    ordered = [*behind_gateway(), *(s for s in SERVERS if not s.behind_gateway)]
    services = [*(_compose_service(s) for s in ordered), _compose_web()]
    return COMPOSE_HEAD + "\n".join(services) + "\n" + COMPOSE_REDIS


# --- Kubernetes -------------------------------------------------------------------------------


def _op(op: str, path: str, value: Any) -> dict[str, Any]:
    return {"op": op, "path": path, "value": value}


def _patch(kind: str, name: str, ops: list[dict[str, Any]]) -> dict[str, Any]:
    return {"target": {"kind": kind, "name": name}, "patch": _yaml(ops)}


def service_overlay(server: Server) -> dict[str, Any]:
    """The analysis base renamed to one server, on its ports, image and size."""
    size = server.sizing
    name, label = server.name, f"/metadata/labels/{NAME_LABEL}"
    container = "/spec/template/spec/containers/0"
    deployment = [
        _op("replace", "/metadata/name", name),
        _op("replace", label, name),
        _op("replace", f"/spec/selector/matchLabels/{NAME_LABEL}", name),
        _op("replace", f"/spec/template{label}", name),
        _op("replace", f"{container}/name", name),
        _op("replace", f"{container}/image", f"tubelens/{name}:dev"),
        _op("replace", f"{container}/command", ["python", "-m", server.module]),
        _op("replace", f"{container}/ports/0/containerPort", server.port),
        _op("replace", f"{container}/ports/1/containerPort", server.metrics_port),
        _op("replace", f"{container}/env/0/value", str(server.port)),
        *(
            _op("replace", f"{container}/{probe}/grpc/port", server.port)
            for probe in ("startupProbe", "readinessProbe", "livenessProbe")
        ),
        _op(
            "replace",
            f"{container}/resources",
            {
                "requests": {"cpu": size.cpu_request, "memory": size.memory_request},
                "limits": {"cpu": size.cpu_limit, "memory": size.memory_limit},
            },
        ),
        _op("replace", "/spec/template/spec/volumes/0/emptyDir/sizeLimit", size.tmp_size),
    ]
    service = [
        _op("replace", "/metadata/name", name),
        _op("replace", label, name),
        _op("replace", f"/spec/selector/{NAME_LABEL}", name),
        _op("replace", "/spec/ports/0/port", server.port),
        _op("replace", "/spec/ports/1/port", server.metrics_port),
    ]
    budget = [
        _op("replace", "/metadata/name", name),
        _op("replace", f"/spec/selector/matchLabels/{NAME_LABEL}", name),
    ]
    autoscaler = [
        _op("replace", "/metadata/name", name),
        _op("replace", "/spec/scaleTargetRef/name", name),
        _op("replace", "/spec/minReplicas", size.min_replicas),
        _op("replace", "/spec/maxReplicas", size.max_replicas),
    ]
    return {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "resources": ["../../base/analysis"],
        "patches": [
            _patch("Deployment", "analysis", deployment),
            _patch("Service", "analysis", service),
            _patch("PodDisruptionBudget", "analysis", budget),
            _patch("HorizontalPodAutoscaler", "analysis", autoscaler),
        ],
    }


def kustomization() -> dict[str, Any]:
    return {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "namespace": "tubelens",
        "labels": [{"pairs": {"app.kubernetes.io/part-of": "tubelens"}}],
        "resources": [
            "namespace.yaml",
            "settings.yaml",
            "network-policies.yaml",
            "redis.yaml",
            "usage-ledger.yaml",
            "gateway.yaml",
            "gateway-targets.yaml",
            "web.yaml",
            *(f"services/{s.name}" for s in behind_gateway()),
        ],
        "images": [{"name": f"tubelens/{s.name}", "newTag": "dev"} for s in IMAGES],
    }


def gateway_targets() -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "tubelens-gateway-targets"},
        "data": {s.target_env: f"dns:///{s.name}:{s.port}" for s in behind_gateway()},
    }


def network_policies() -> str:
    """Ingress is denied unless allowed: callers reach the gateway, the gateway reaches the
    analysis services, the Redis clients reach Redis."""
    gateway = declared(GATEWAY)
    tcp = [{"port": s.port, "protocol": "TCP"} for s in behind_gateway()]
    redis_clients = [GATEWAY, *(s.name for s in behind_gateway() if s.gemini_backed)]
    docs = [
        ("Nothing reaches a TubeLens pod unless a policy below allows it.", "default-deny-ingress",
         {"podSelector": {}, "policyTypes": ["Ingress"]}),
        ("Callers reach the gateway on its gRPC port, from anywhere.", "gateway-from-callers",
         {"podSelector": {"matchLabels": {"app.kubernetes.io/name": GATEWAY}},
          "policyTypes": ["Ingress"],
          "ingress": [{"ports": [{"port": gateway.port, "protocol": "TCP"}]}]}),
        ("People and HTTP callers reach the web front on its HTTP port (through an Ingress\n"
         "# controller, components/ingress), from anywhere.", "web-from-callers",
         {"podSelector": {"matchLabels": {"app.kubernetes.io/name": WEB.name}},
          "policyTypes": ["Ingress"],
          "ingress": [{"ports": [{"port": WEB.port, "protocol": "TCP"}]}]}),
        ("Only the gateway reaches the analysis services, and only on their gRPC ports.",
         "analysis-from-gateway",
         {"podSelector": {"matchLabels": {"app.kubernetes.io/component": "analysis"}},
          "policyTypes": ["Ingress"],
          "ingress": [{"from": [{"podSelector": {"matchLabels": {
              "app.kubernetes.io/name": GATEWAY}}}], "ports": tcp}]}),
        ("Only the servers that read a Redis URL reach Redis: the gateway (result cache) and the\n"
         "# Gemini-backed services (shared request rate).", "redis-from-clients",
         {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "redis"}},
          "policyTypes": ["Ingress"],
          "ingress": [{"from": [{"podSelector": {"matchExpressions": [
              {"key": "app.kubernetes.io/name", "operator": "In", "values": redis_clients}]}}],
              "ports": [{"port": 6379, "protocol": "TCP"}]}]}),
        ("Redis only answers: it opens no connection of its own (no replication, no DNS).",
         "redis-no-egress",
         {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "redis"}},
          "policyTypes": ["Egress"]}),
        ("Only the gateway reaches the usage ledger (a Redis that keeps callers' usage).",
         "usage-ledger-from-gateway",
         {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "usage-ledger"}},
          "policyTypes": ["Ingress", "Egress"],
          "ingress": [{"from": [{"podSelector": {"matchLabels": {
              "app.kubernetes.io/name": GATEWAY}}}],
              "ports": [{"port": 6379, "protocol": "TCP"}]}]}),
    ]  # fmt: skip
    return "---\n".join(
        f"# {comment}\n"
        + _yaml(
            {
                "apiVersion": "networking.k8s.io/v1",
                "kind": "NetworkPolicy",
                "metadata": {"name": name},
                "spec": spec,
            }
        )
        for comment, name, spec in docs
    )


def observability_component() -> dict[str, Any]:
    """Scrape annotations on every server's pods, traces to the collector, and a policy that
    lets Prometheus and the collector's clients in."""
    patches = [
        _patch(
            "Deployment",
            s.name,
            [
                _op(
                    "add",
                    "/spec/template/metadata/annotations",
                    {
                        "prometheus.io/scrape": "true",
                        "prometheus.io/port": str(s.metrics_port),
                        "prometheus.io/path": "/metrics",
                    },
                )
            ],
        )
        for s in IMAGES
    ]
    patches.append(
        _patch(
            "ConfigMap",
            "tubelens-settings",
            [_op("add", "/data/OTEL_EXPORTER_OTLP_ENDPOINT", COLLECTOR)],
        )
    )
    return {
        "apiVersion": "kustomize.config.k8s.io/v1alpha1",
        "kind": "Component",
        "resources": ["otel-collector.yaml", "metrics-policy.yaml"],
        "patches": patches,
    }


def metrics_policy() -> dict[str, Any]:
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": "metrics-from-prometheus"},
        "spec": {
            "podSelector": {
                "matchExpressions": [
                    {
                        "key": "app.kubernetes.io/name",
                        "operator": "In",
                        "values": [s.name for s in IMAGES],
                    }
                ]
            },
            "policyTypes": ["Ingress"],
            "ingress": [
                {
                    "from": [
                        {
                            "namespaceSelector": {},
                            "podSelector": {
                                "matchLabels": {"app.kubernetes.io/name": "prometheus"}
                            },
                        }
                    ],
                    "ports": [{"port": "metrics", "protocol": "TCP"}],
                }
            ],
        },
    }


def hpa_component() -> dict[str, Any]:
    metric = {
        "type": "Pods",
        "pods": {
            "metric": {"name": IN_FLIGHT_METRIC},
            "target": {"type": "AverageValue", "averageValue": IN_FLIGHT_TARGET},
        },
    }
    return {
        "apiVersion": "kustomize.config.k8s.io/v1alpha1",
        "kind": "Component",
        "patches": [
            _patch("HorizontalPodAutoscaler", s.name, [_op("replace", "/spec/metrics", [metric])])
            for s in behind_gateway()
            if s.gemini_backed
        ],
    }


def generated() -> dict[Path, str]:
    """Every generated file, by path from the repository root."""
    files = {
        Path("docker-compose.yml"): compose(),
        K8S / "kustomization.yaml": (
            HEADER
            + "# kubectl apply -k deploy/k8s; the components/ are added by an overlay (DEPLOY.md)\n"
            + _yaml(kustomization())
        ),
        K8S / "gateway-targets.yaml": (
            HEADER + "# Where the gateway finds each analysis service.\n" + _yaml(gateway_targets())
        ),
        K8S / "network-policies.yaml": HEADER + network_policies(),
        K8S / "components/observability/kustomization.yaml": HEADER
        + _yaml(observability_component()),
        K8S / "components/observability/metrics-policy.yaml": (
            HEADER
            + "# Prometheus (pods named prometheus, any namespace) scrapes the servers.\n"
            + _yaml(metrics_policy())
        ),
        K8S / "components/hpa-inflight/kustomization.yaml": (
            HEADER
            + f"# The Gemini-backed services scale on {IN_FLIGHT_METRIC} per pod (a Pods metric\n"
            + "# served by a custom-metrics adapter such as prometheus-adapter), not on CPU.\n"
            + _yaml(hpa_component())
        ),
    }
    for server in behind_gateway():
        files[K8S / "services" / server.name / "kustomization.yaml"] = HEADER + _yaml(
            service_overlay(server)
        )
    return files


def stale(root: Path = ROOT) -> list[str]:
    """Diffs of the committed files that differ from what the declaration writes."""
    diffs = []
    for path, text in generated().items():
        on_disk = root / path
        old = on_disk.read_text(encoding="utf-8") if on_disk.exists() else ""
        if old != text:
            diffs.append(
                "".join(
                    difflib.unified_diff(
                        old.splitlines(True), text.splitlines(True), str(path), f"{path} (new)"
                    )
                )
            )
    services = root / K8S / "services"
    declared = {s.name for s in behind_gateway()}
    extra = {p.name for p in services.iterdir()} - declared if services.exists() else set()
    diffs += [f"{K8S}/services/{name}: no such server declared\n" for name in sorted(extra)]
    return diffs


def write(root: Path = ROOT) -> None:
    for path, text in generated().items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a file is out of date")
    parser.add_argument("--render", metavar="DIR", help="print DIR's kustomization rendered")
    args = parser.parse_args(argv)
    if args.render:
        from kustomize_lite import render  # only --render needs it

        sys.stdout.write("---\n".join(_yaml(doc) for doc in render(Path(args.render))))
        return 0
    if args.check:
        diffs = stale()
        if diffs:
            sys.stderr.write("".join(diffs))
            sys.stderr.write("out of date: run `python scripts/gen_deploy.py`\n")
            return 1
        print(f"ok -- {len(generated())} deployment files match tubelens/servers.py")
        return 0
    write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
