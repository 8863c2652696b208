"""TubeLens: video analysis over gRPC. This package is the runtime every server shares."""

__version__ = "0.1.0"
