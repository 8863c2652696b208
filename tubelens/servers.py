"""The one list of TubeLens's servers. Everything that names them follows from it: the default
ports (tubelens.settings), the gateway's targets and channels, `tubelens up`
(tubelens.cli.stack), the image build arguments in docker-compose.yml and the Kubernetes
manifests (checked against this list by tests/deploy).

Adding a server: a line here, its folder under services/ with a `__main__`, and its proto; then
`python scripts/gen_deploy.py` rewrites docker-compose.yml and the Kubernetes overlays from it.
"""

from __future__ import annotations

from dataclasses import dataclass

# /metrics of a server listens this far above its gRPC port unless TUBELENS_METRICS_PORT says.
METRICS_PORT_OFFSET = 1000


def metrics_port_of(port: int, configured: int | None = None) -> int:
    """The /metrics port of a server listening on `port`: `configured` when set (0: none), else
    METRICS_PORT_OFFSET above it, or none when that would be past the last port."""
    if configured is not None:
        return configured
    return port + METRICS_PORT_OFFSET if port + METRICS_PORT_OFFSET <= 65535 else 0


@dataclass(frozen=True, slots=True)
class Sizing:
    """A pod's Kubernetes size: memory limits are the worst accepted calls at once, measured by
    bench/pod_memory.py (DEPLOY.md, "Work, limits and memory")."""

    cpu_request: str = "250m"
    memory_request: str = "256Mi"
    cpu_limit: str = "2"
    memory_limit: str = "1Gi"
    tmp_size: str = "256Mi"  # the pod's only writable directory, /tmp
    min_replicas: int = 1
    max_replicas: int = 4


@dataclass(frozen=True, slots=True)
class Server:
    name: str
    module: str  # what `python -m` runs
    port: int  # gRPC port by default (TUBELENS_PORT overrides it)
    extra: str  # the pyproject.toml extra its image installs
    debian_packages: tuple[str, ...] = ()  # what its image needs from Debian at run time
    # Answers with Gemini when TUBELENS_ENGINE=gemini: waits on the API rather than the CPU,
    # so it scales on calls in flight, not on CPU.
    gemini_backed: bool = False
    sizing: Sizing = Sizing()
    compose_tmp_size: str | None = None  # a tmpfs /tmp bigger than the default, under compose

    @property
    def metrics_port(self) -> int:
        return self.port + METRICS_PORT_OFFSET

    @property
    def source(self) -> str:
        """Its folder in the repository (what the image copies besides tubelens/)."""
        return self.module.replace(".", "/")

    @property
    def target_env(self) -> str:
        """The gateway setting naming its address (TUBELENS_SUMMARY_TARGET, ...)."""
        return f"TUBELENS_{self.name.upper()}_TARGET"

    @property
    def behind_gateway(self) -> bool:
        """The gateway calls it (every server but the gateway itself)."""
        return self.name != GATEWAY


GATEWAY = "gateway"
SERVERS: tuple[Server, ...] = (
    Server(
        GATEWAY,
        "gateway",
        50051,
        "gateway",
        sizing=Sizing(memory_request="128Mi", memory_limit="512Mi"),
    ),
    Server(
        "summary",
        "services.summary",
        50052,
        "summary",
        gemini_backed=True,
        sizing=Sizing("500m", "1Gi", memory_limit="1536Mi", min_replicas=2, max_replicas=10),
    ),
    Server(
        "comments",
        "services.comments",
        50053,
        "comments",
        gemini_backed=True,
        sizing=Sizing("500m", "1Gi", memory_limit="2Gi", min_replicas=2, max_replicas=10),
    ),
    Server(
        "thumbnail",
        "services.thumbnail",
        50054,
        "thumbnail",
        ("tesseract-ocr", "tesseract-ocr-eng", "tesseract-ocr-kor"),  # reads text in thumbnails
        gemini_backed=True,
        sizing=Sizing(memory_request="384Mi", memory_limit="1280Mi", max_replicas=6),
    ),
    Server(
        "photocard",
        "services.photocard",
        50055,
        "photocard",
        ("fonts-nanum",),
        gemini_backed=True,
        sizing=Sizing(max_replicas=3),
    ),
    # PyAV's wheels carry their own FFmpeg. Files wait on /tmp while they are scanned:
    # TUBELENS_VIDEO_MAX_FILE_MB for each upload held at once (workers x (1 + queue per worker)).
    Server(
        "video",
        "services.video",
        50056,
        "video",
        sizing=Sizing("500m", tmp_size="20Gi"),
        compose_tmp_size="4g",
    ),
)


# The HTTP/JSON API and the web page (python -m web): a front of the gateway, not a gRPC server,
# so it is not in SERVERS (no health service, nothing calls it over gRPC). Its own image, lock
# file, compose service and Kubernetes Deployment are made from the same recipe as the servers'.
# Stateless and light: each request waits on the gateway, so it scales on CPU like the gateway.
WEB = Server(
    "web",
    "web",
    8080,
    "web",
    sizing=Sizing("100m", "96Mi", cpu_limit="1", memory_limit="384Mi", min_replicas=2),
)
# Every image the project builds.
IMAGES: tuple[Server, ...] = (*SERVERS, WEB)


def server(name: str) -> Server:
    """The declared server called `name`."""
    for declared in SERVERS:
        if declared.name == name:
            return declared
    raise KeyError(f"no server named {name!r}; declared: {', '.join(s.name for s in SERVERS)}")


def behind_gateway() -> tuple[Server, ...]:
    return tuple(declared for declared in SERVERS if declared.behind_gateway)
