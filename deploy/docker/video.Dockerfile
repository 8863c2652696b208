# The video scan service. Build from the repository root:
#   docker build -f deploy/docker/video.Dockerfile -t tubelens/video:dev .
# Only the `video` extra of pyproject.toml is installed; settings come from the environment
# at run time (see DEPLOY.md), so no credential is ever baked into the image.
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
WORKDIR /app
COPY pyproject.toml README.md ./
COPY tubelens tubelens
COPY services/__init__.py services/__init__.py
COPY services/video services/video
# Editable, so the code keeps the repository layout under /app (settings find samples/ there).
RUN --mount=type=cache,target=/root/.cache/pip \
    /opt/venv/bin/pip install -e ".[video]" \
    && /opt/venv/bin/python -m compileall -q /app

FROM ${PYTHON_IMAGE} AS runtime
# No Debian packages beyond the base image.
RUN groupadd --system --gid 10001 tubelens \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /tmp \
       --shell /usr/sbin/nologin tubelens
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
# Listen on every interface inside the container; the port is the server's default.
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HOME=/tmp \
    TUBELENS_HOST=0.0.0.0
# Numeric, so Kubernetes can verify runAsNonRoot.
USER 10001:10001
EXPOSE 50056
# The project's own gRPC health probe, on the port this server listens on (TUBELENS_PORT aware).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-m", "tubelens.server.probe", "--server", "video"]
CMD ["python", "-m", "services.video"]
