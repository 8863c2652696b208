"""The server kit every TubeLens gRPC server is built from."""
