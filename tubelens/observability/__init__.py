"""What operators see of a running server: Prometheus metrics (metrics.py) and OpenTelemetry
traces (tracing.py)."""
